import Foundation
import Yams

/// Reads a policy's YAML into a `Policy`, collecting every problem with its line instead of stopping at the first.
///
/// Yams composes the text into nodes that keep their marks (line and column); the reader walks them, checking each key
/// and value against the format in `docs/policy.md`.
struct PolicyReader {
    let yaml: String
    /// The problems found, in the order of the file once `read()` returns.
    private(set) var errors: [PolicyError] = []
    /// Which rule the reader is in, prefixed to messages: `rule "sustained-anger"`.
    private var context: String?

    static let topLevelKeys = ["name", "version", "description", "signals", "tiers", "rearmBelow", "rules"]
    static let signalSettingKeys = ["smoothing", "trendTurns"]
    static let tierKeys = ["cooldown", "acknowledgeWithin"]
    static let ruleKeys = [
        "id", "tier", "description", "when", "say", "respond", "cooldown", "rearmBelow", "channels", "queues", "industries", "languages",
    ]
    static let groupKeys = ["all", "any", "none"]
    static let conditionKeys = SignalName.allCases.map(\.rawValue) + ["trend", "cue", "repeats", "history", "recovering"]
    static let thresholdKeys = ["above", "below", "forTurns", "for"]
    static let cueKeys = ["kind", "conditional", "withinTurns", "atLeast"]
    static let historyKeys = ["contacts30d", "escalations90d", "openFollowUps", "repeatIssue", "lastSentiment", "segment", "lifetimeValue"]

    /// The longest a `for:`, a cooldown or an acknowledgement wait may be.
    static let longestDurationMs = 3_600_000
    /// The most customer turns a `forTurns:` or `withinTurns:` may look back over.
    static let longestTurnWindow = 50

    init(yaml: String) {
        self.yaml = yaml
    }

    /// The policy, or nil when it could not be read at all; `errors` says what is wrong either way.
    mutating func read() -> Policy? {
        defer { sortErrors() }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            errors.append(Self.syntaxError(error, in: yaml))
            return nil
        } catch {
            errors.append(PolicyError(message: "YAML: \(error)"))
            return nil
        }
        guard let root, root.null == nil else {
            errors.append(PolicyError(line: 1, column: 1, message: "the policy is empty: it needs at least name, version and rules"))
            return nil
        }
        return readPolicy(root)
    }

    // MARK: The policy

    private mutating func readPolicy(_ root: Node) -> Policy? {
        guard case .mapping = root else {
            fail(root, "a policy must be a mapping of keys (name:, version:, rules: …), not a single value or a list")
            return nil
        }
        let entries = mapping(root, "the policy") ?? []
        var name: String?
        var version: Int?
        var description: String?
        var signals = SignalSettings()
        var tiers: [Tier: TierSettings] = [:]
        var rearmBelow = 0.35
        var rules: [Rule]?
        for entry in entries {
            switch entry.key {
            case "name": name = text(entry.value, "name")
            case "version":
                if let value = integer(entry.value, "version", in: Int.min...Int.max) {
                    if value == Policy.formatVersion {
                        version = value
                    } else {
                        fail(entry.value, "unsupported policy version \(value) (this build reads version \(Policy.formatVersion))")
                    }
                }
            case "description": description = text(entry.value, "description")
            case "signals": signals = readSignals(entry.value)
            case "tiers": tiers = readTiers(entry.value)
            case "rearmBelow": rearmBelow = fraction(entry.value, "rearmBelow") ?? rearmBelow
            case "rules": rules = readRules(entry.value)
            default: unknownKey(entry, in: nil, expected: Self.topLevelKeys)
            }
        }
        let present = Set(entries.map(\.key))
        if !present.contains("name") { fail(root, "the policy needs a name (name: my-policy)") }
        if !present.contains("version") { fail(root, "the policy needs a version (version: \(Policy.formatVersion))") }
        if !present.contains("rules") { fail(root, "the policy needs rules (rules: followed by a list of rules)") }
        guard let name, let version, let rules, errors.isEmpty else { return nil }
        return Policy(name: name, version: version, description: description, signals: signals, tiers: tiers, rearmBelow: rearmBelow, rules: rules)
    }

    private mutating func readSignals(_ node: Node) -> SignalSettings {
        var settings = SignalSettings()
        for entry in mapping(node, "signals") ?? [] {
            switch entry.key {
            case "smoothing":
                // One weight for both directions, or `{ rising: 0.7, falling: 0.4 }`.
                if entry.value.mapping != nil {
                    for weight in mapping(entry.value, "smoothing") ?? [] {
                        switch weight.key {
                        case "rising": settings.risingWeight = smoothingWeight(weight.value, "smoothing.rising") ?? settings.risingWeight
                        case "falling": settings.fallingWeight = smoothingWeight(weight.value, "smoothing.falling") ?? settings.fallingWeight
                        default: unknownKey(weight, in: "smoothing", expected: ["rising", "falling"])
                        }
                    }
                } else if let weight = smoothingWeight(entry.value, "smoothing") {
                    (settings.risingWeight, settings.fallingWeight) = (weight, weight)
                }
            case "trendTurns": settings.trendTurns = integer(entry.value, "trendTurns", in: 2...20) ?? settings.trendTurns
            default: unknownKey(entry, in: "signals", expected: Self.signalSettingKeys)
            }
        }
        return settings
    }

    private mutating func smoothingWeight(_ node: Node, _ what: String) -> Double? {
        number(node, what, accepting: { $0 > 0 && $0 <= 1 }, range: "greater than 0 and at most 1")
    }

    private mutating func readTiers(_ node: Node) -> [Tier: TierSettings] {
        var tiers: [Tier: TierSettings] = [:]
        for entry in mapping(node, "tiers") ?? [] {
            guard let tier = Tier(rawValue: entry.key) else {
                fail(entry.keyNode, PolicyText.unknown("tier", entry.key, expected: Tier.allCases.map(\.rawValue)))
                continue
            }
            var settings = TierSettings.defaults(for: tier)
            for setting in mapping(entry.value, tier.rawValue) ?? [] {
                switch setting.key {
                case "cooldown":
                    settings.cooldownMs = duration(setting.value, "cooldown", in: 0...Self.longestDurationMs) ?? settings.cooldownMs
                case "acknowledgeWithin":
                    if let word = setting.value.scalar?.string.lowercased(), ["never", "off", "none"].contains(word) {
                        settings.acknowledgeWithinMs = nil
                    } else if tier.next == nil {
                        fail(setting.keyNode, "\(tier.rawValue) is the top tier, so its alerts have nowhere to climb: leave out acknowledgeWithin")
                    } else if let ms = duration(setting.value, "acknowledgeWithin", in: 1000...Self.longestDurationMs, orWord: "never") {
                        settings.acknowledgeWithinMs = ms
                    }
                default: unknownKey(setting, in: "tiers.\(tier.rawValue)", expected: Self.tierKeys)
                }
            }
            tiers[tier] = settings
        }
        return tiers
    }

    // MARK: Rules

    private mutating func readRules(_ node: Node) -> [Rule] {
        guard case .sequence(let items) = node else {
            fail(node, "\"rules\" must be a list of rules, each starting with \"- id:\"")
            return []
        }
        if items.isEmpty { fail(node, "\"rules\" is empty: a policy needs at least one rule") }
        var rules: [Rule] = []
        var firstLines: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            context = "rule \(index + 1)"
            defer { context = nil }
            guard case .mapping = item else {
                fail(item, "must be a mapping of keys (id:, tier:, when: …), not a single value or a list")
                continue
            }
            let entries = mapping(item, "rule") ?? []
            var id: String?
            if let idEntry = entries.first(where: { $0.key == "id" }), let value = text(idEntry.value, "id") {
                if Self.isRuleID(value) {
                    id = value
                    if let first = firstLines[value] {
                        fail(idEntry.value, "rule id \"\(value)\" is already used by the rule on line \(first)")
                    } else {
                        firstLines[value] = item.mark?.line ?? 0
                        context = "rule \"\(value)\""
                    }
                } else {
                    fail(
                        idEntry.value,
                        "rule id \"\(value)\" must be lower-case letters, digits and hyphens, starting with a letter (e.g. sustained-anger)")
                }
            }
            var tier: Tier?
            var description: String?
            var condition: Condition?
            var filters = RuleFilters()
            var say: String?
            var responses: [AutomaticResponse] = []
            var cooldownMs: Int?
            var rearmBelow: Double?
            for entry in entries {
                switch entry.key {
                case "id": break
                case "tier": tier = choice(entry.value, "tier", Tier.self)
                case "description": description = text(entry.value, "description")
                case "when": condition = readWhen(entry.value)
                case "say": say = text(entry.value, "say")
                case "respond": responses = names(entry.value, "respond", noun: "response", AutomaticResponse.self) ?? []
                case "cooldown": cooldownMs = duration(entry.value, "cooldown", in: 0...Self.longestDurationMs)
                case "rearmBelow": rearmBelow = fraction(entry.value, "rearmBelow")
                case "channels": filters.channels = names(entry.value, "channels", noun: "channel", Channel.self)
                case "queues": filters.queues = strings(entry.value, "queues")
                case "industries": filters.industries = strings(entry.value, "industries")
                case "languages":
                    filters.languages = strings(entry.value, "languages")
                    if let languages = filters.languages, let bad = languages.first(where: { !CallStarted.isLanguageTag($0) }) {
                        fail(entry.value, "\"\(bad)\" is not a language tag (write e.g. en, en-GB, fr)")
                        filters.languages = nil
                    }
                default: unknownKey(entry, in: nil, expected: Self.ruleKeys)
                }
            }
            let keys = Set(entries.map(\.key))
            if !keys.contains("id") { fail(item, "needs an id (lower-case words joined by hyphens, e.g. sustained-anger)") }
            if !keys.contains("tier") { fail(item, "needs a tier (coach, supervisor or manager)") }
            if !keys.contains("when") { fail(item, "needs a \"when\" saying what makes it fire") }
            if let id, let tier, let condition {
                rules.append(
                    Rule(
                        id: id, tier: tier, description: description, condition: condition, filters: filters, say: say, responses: responses,
                        cooldownMs: cooldownMs, rearmBelow: rearmBelow, line: item.mark?.line ?? 0))
            }
        }
        return rules
    }

    static func isRuleID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.unicodeScalars.count <= 64 else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    // MARK: Conditions

    /// `when:` holds groups (`all:`, `any:`, `none:`) and, as a shorthand for `all`, conditions; all of them must hold.
    private mutating func readWhen(_ node: Node) -> Condition? {
        guard let entries = mapping(node, "when") else { return nil }
        if entries.isEmpty {
            fail(node, "\"when\" is empty: give it all:, any: or none: with a list of conditions")
            return nil
        }
        return combine(entries.map { readPart($0) })
    }

    /// One group or one condition.
    private mutating func readPart(_ entry: Entry) -> Condition? {
        switch entry.key {
        case "all": readGroup(entry).map(Condition.all)
        case "any": readGroup(entry).map(Condition.any)
        case "none": readGroup(entry).map(Condition.none)
        default: readCondition(entry)
        }
    }

    /// The parts of a mapping, all of which must hold: one part stands alone, several are joined by `.all`.
    private func combine(_ parts: [Condition?]) -> Condition? {
        let read = parts.compactMap { $0 }
        guard read.count == parts.count, !read.isEmpty else { return nil }
        return read.count == 1 ? read[0] : .all(read)
    }

    private mutating func readGroup(_ group: Entry) -> [Condition]? {
        guard case .sequence(let items) = group.value else {
            fail(group.keyNode, "\"\(group.key)\" must be a list of conditions, each starting with \"- \"")
            return nil
        }
        if items.isEmpty {
            fail(group.keyNode, "\"\(group.key)\" is an empty group: list at least one condition")
            return nil
        }
        var members: [Condition] = []
        var complete = true
        for item in items {
            guard case .mapping = item, let entries = mapping(item, group.key), !entries.isEmpty else {
                let shown = item.scalar.map { " \"\($0.string)\"" } ?? ""
                fail(
                    item,
                    "each item of \"\(group.key)\" must be a condition such as \"- stress: { above: 0.6 }\", not\(shown.isEmpty ? " that" : shown)")
                complete = false
                continue
            }
            if entries.count > 1, entries.contains(where: { !Self.groupKeys.contains($0.key) }) {
                let stray = entries[1]
                fail(stray.keyNode, "one condition per item: start \"\(stray.key)\" on a line of its own with \"- \"")
                complete = false
                continue
            }
            if let member = combine(entries.map { readPart($0) }) { members.append(member) } else { complete = false }
        }
        return complete ? members : nil
    }

    private mutating func readCondition(_ entry: Entry) -> Condition? {
        if let signal = SignalName(rawValue: entry.key) { return readThreshold(signal, entry) }
        switch entry.key {
        case "trend": return readTrend(entry)
        case "cue": return readCue(entry)
        case "repeats":
            guard let count = atLeast(entry, in: 1...100, form: "{ atLeast: N }") else { return nil }
            return .repeats(atLeast: count)
        case "history": return readHistory(entry)
        case "recovering": return bool(entry.value, "recovering").map(Condition.recovering)
        default:
            fail(entry.keyNode, PolicyText.unknown("condition", entry.key, expected: Self.conditionKeys + Self.groupKeys))
            return nil
        }
    }

    private mutating func readThreshold(_ signal: SignalName, _ entry: Entry) -> Condition? {
        let form = "\"\(entry.key)\" needs { above: X } or { below: X }"
        guard case .mapping = entry.value, let settings = mapping(entry.value, entry.key) else {
            fail(entry.value, entry.value.scalar.map { "\(form), not \"\($0.string)\"" } ?? form)
            return nil
        }
        var bounds: [(direction: SignalThreshold.Direction, value: Double?)] = []
        var sustains: [Sustain?] = []
        for setting in settings {
            switch setting.key {
            case "above": bounds.append((.above, fraction(setting.value, "above")))
            case "below": bounds.append((.below, fraction(setting.value, "below")))
            case "forTurns": sustains.append(integer(setting.value, "forTurns", in: 1...Self.longestTurnWindow).map(Sustain.turns))
            case "for":
                // On a voice signal `for:` counts the customer's voiced speech, of which a shouted sentence holds well under
                // a second; elsewhere it is wall-clock time between turns.
                let least = signal.isVoice ? 500 : 1000
                sustains.append(duration(setting.value, "for", in: least...Self.longestDurationMs).map(Sustain.milliseconds))
            default: unknownKey(setting, in: entry.key, expected: Self.thresholdKeys)
            }
        }
        if bounds.count > 1 {
            fail(entry.keyNode, "\"\(entry.key)\" takes above or below, not both (write two conditions for a band)")
            return nil
        }
        if sustains.count > 1 {
            fail(entry.keyNode, "\"\(entry.key)\" takes forTurns or for, not both")
            return nil
        }
        guard let bound = bounds.first else {
            fail(entry.keyNode, form)
            return nil
        }
        guard let value = bound.value, !sustains.contains(where: { $0 == nil }) else { return nil }
        return .threshold(SignalThreshold(signal, bound.direction, value, sustain: sustains.first ?? nil))
    }

    private mutating func readTrend(_ entry: Entry) -> Condition? {
        let directions = ["rising", "falling"]
        if let word = entry.value.scalar?.string, entry.value.null == nil {
            guard let direction = TrendCondition.Direction(rawValue: word) else {
                fail(entry.value, PolicyText.unknown("trend", word, expected: directions))
                return nil
            }
            return .trend(TrendCondition(direction))
        }
        guard let settings = mapping(entry.value, "trend") else { return nil }
        guard settings.count == 1, let setting = settings.first else {
            fail(entry.keyNode, "\"trend\" needs rising or falling, e.g. trend: rising or trend: { rising: 0.05 }")
            return nil
        }
        guard let direction = TrendCondition.Direction(rawValue: setting.key) else {
            fail(setting.keyNode, PolicyText.unknown("trend", setting.key, expected: directions))
            return nil
        }
        guard let slope = fraction(setting.value, setting.key) else { return nil }
        return .trend(TrendCondition(direction, minimumSlope: slope))
    }

    private mutating func readCue(_ entry: Entry) -> Condition? {
        if entry.value.scalar != nil, entry.value.null == nil {
            return choice(entry.value, "cue", CueKind.self, noun: "cue").map { .cue(CueCondition($0)) }
        }
        guard let settings = mapping(entry.value, "cue") else { return nil }
        var condition = CueCondition(.abuse)
        var kind: CueKind?
        var complete = true
        for setting in settings {
            switch setting.key {
            case "kind":
                kind = choice(setting.value, "kind", CueKind.self, noun: "cue")
                complete = complete && kind != nil
            case "conditional":
                if setting.value.scalar?.string.lowercased() == "any" {
                    condition.conditional = nil
                } else if let value = bool(setting.value, "conditional", orWord: "any") {
                    condition.conditional = value
                } else {
                    complete = false
                }
            case "withinTurns":
                if let value = integer(setting.value, "withinTurns", in: 1...Self.longestTurnWindow) {
                    condition.withinTurns = value
                } else {
                    complete = false
                }
            case "atLeast":
                if let value = integer(setting.value, "atLeast", in: 1...20) { condition.atLeast = value } else { complete = false }
            default:
                unknownKey(setting, in: "cue", expected: Self.cueKeys)
                complete = false
            }
        }
        guard settings.contains(where: { $0.key == "kind" }) else {
            fail(entry.keyNode, "\"cue\" needs a kind (\(PolicyText.choices(CueKind.allCases.map(\.rawValue))))")
            return nil
        }
        guard complete, let kind else { return nil }
        condition.kind = kind
        return .cue(condition)
    }

    private mutating func readHistory(_ entry: Entry) -> Condition? {
        guard case .mapping = entry.value, let settings = mapping(entry.value, "history") else {
            fail(entry.value, "\"history\" needs one or more of \(PolicyText.choices(Self.historyKeys)), e.g. { contacts30d: { atLeast: 3 } }")
            return nil
        }
        if settings.isEmpty {
            fail(entry.keyNode, "\"history\" is empty: give one or more of \(PolicyText.choices(Self.historyKeys))")
            return nil
        }
        var history = HistoryCondition()
        var complete = true
        for setting in settings {
            switch setting.key {
            case "contacts30d":
                history.contacts30dAtLeast = atLeast(setting, in: 1...1000, form: "{ atLeast: N }")
                complete = complete && history.contacts30dAtLeast != nil
            case "escalations90d":
                history.escalations90dAtLeast = atLeast(setting, in: 1...1000, form: "{ atLeast: N }")
                complete = complete && history.escalations90dAtLeast != nil
            case "openFollowUps":
                history.openFollowUpsAtLeast = atLeast(setting, in: 1...1000, form: "{ atLeast: N }")
                complete = complete && history.openFollowUpsAtLeast != nil
            case "repeatIssue":
                history.repeatIssue = bool(setting.value, "repeatIssue")
                complete = complete && history.repeatIssue != nil
            case "lastSentiment":
                history.lastSentiment = choice(setting.value, "lastSentiment", Polarity.self, noun: "sentiment")
                complete = complete && history.lastSentiment != nil
            case "segment":
                history.segments = strings(setting.value, "segment")
                complete = complete && history.segments != nil
            case "lifetimeValue":
                history.lifetimeValueAtLeast = atLeastAmount(setting)
                complete = complete && history.lifetimeValueAtLeast != nil
            default:
                unknownKey(setting, in: "history", expected: Self.historyKeys)
                complete = false
            }
        }
        return complete ? .history(history) : nil
    }

    /// `{ atLeast: N }`, a whole number in the range.
    private mutating func atLeast(_ entry: Entry, in range: ClosedRange<Int>, form: String) -> Int? {
        guard case .mapping = entry.value, let settings = mapping(entry.value, entry.key), settings.count == 1, let setting = settings.first,
            setting.key == "atLeast"
        else {
            fail(entry.value.mark == nil ? entry.keyNode : entry.value, "\"\(entry.key)\" needs \(form)")
            return nil
        }
        return integer(setting.value, "atLeast", in: range)
    }

    /// `{ atLeast: X }`, an amount of money (not negative).
    private mutating func atLeastAmount(_ entry: Entry) -> Double? {
        guard case .mapping = entry.value, let settings = mapping(entry.value, entry.key), settings.count == 1, let setting = settings.first,
            setting.key == "atLeast"
        else {
            fail(entry.value, "\"\(entry.key)\" needs { atLeast: AMOUNT }")
            return nil
        }
        return number(setting.value, "atLeast", accepting: { $0 >= 0 }, range: "0 or more")
    }

    // MARK: Values

    /// One key of a mapping, with the nodes that say where it is.
    struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    private mutating func mapping(_ node: Node, _ what: String) -> [Entry]? {
        guard case .mapping(let pairs) = node else {
            if node.null != nil {
                fail(node, "\"\(what)\" has no value")
            } else {
                fail(node, "\"\(what)\" must be a mapping of key: value pairs, not \(Self.kind(of: node))")
            }
            return nil
        }
        var entries: [Entry] = []
        for (key, value) in pairs {
            guard case .scalar(let scalar) = key else {
                fail(key, "a key must be a plain word, not \(Self.kind(of: key))")
                continue
            }
            entries.append(Entry(key: scalar.string, keyNode: key, value: value))
        }
        return entries
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private mutating func scalar(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            fail(node, "\"\(what)\" must be a single value, not \(Self.kind(of: node))")
            return nil
        }
        guard node.null == nil, !scalar.string.isEmpty else {
            fail(node, "\"\(what)\" has no value")
            return nil
        }
        return scalar.string
    }

    private mutating func text(_ node: Node, _ what: String) -> String? {
        guard let value = scalar(node, what) else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { fail(node, "\"\(what)\" has no value") }
        return trimmed.isEmpty ? nil : trimmed
    }

    private mutating func number(_ node: Node, _ what: String, accepting accepts: (Double) -> Bool, range: String) -> Double? {
        guard let text = scalar(node, what) else { return nil }
        guard let value = Double(text), value.isFinite, !text.lowercased().hasPrefix("0x") else {
            fail(node, "\"\(what)\" must be a number, not \"\(text)\"")
            return nil
        }
        guard accepts(value) else {
            fail(node, "\"\(what)\" must be \(range), not \(text)")
            return nil
        }
        return value
    }

    /// A number from 0 to 1, as every signal is.
    private mutating func fraction(_ node: Node, _ what: String) -> Double? {
        number(node, what, accepting: { (0...1).contains($0) }, range: "from 0 to 1")
    }

    private mutating func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = scalar(node, what) else { return nil }
        guard let value = Int(text) else {
            fail(node, "\"\(what)\" must be a whole number, not \"\(text)\"")
            return nil
        }
        guard range.contains(value) else {
            fail(node, "\"\(what)\" must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
            return nil
        }
        return value
    }

    private mutating func bool(_ node: Node, _ what: String, orWord word: String? = nil) -> Bool? {
        guard let text = scalar(node, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            fail(node, "\"\(what)\" must be true\(word.map { ", false or \($0)" } ?? " or false"), not \"\(text)\"")
            return nil
        }
    }

    private mutating func duration(_ node: Node, _ what: String, in range: ClosedRange<Int>, orWord word: String? = nil) -> Int? {
        guard let text = scalar(node, what) else { return nil }
        guard let ms = PolicyDuration.milliseconds(text) else {
            fail(
                node,
                "\"\(what)\" is not a duration: \"\(text)\" (write e.g. 45s, 2m, 1h, 1500ms or a number of seconds\(word.map { ", or \($0)" } ?? ""))"
            )
            return nil
        }
        guard range.contains(ms) else {
            let bounds = "from \(PolicyDuration.text(range.lowerBound)) to \(PolicyDuration.text(range.upperBound))"
            fail(node, "\"\(what)\" must be \(bounds), not \(text)")
            return nil
        }
        return ms
    }

    private mutating func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _ type: Value.Type, noun: String? = nil)
        -> Value? where Value.RawValue == String
    {
        guard let text = scalar(node, what) else { return nil }
        guard let value = Value(rawValue: text) else {
            fail(node, PolicyText.unknown(noun ?? what, text, expected: Value.allCases.map(\.rawValue)))
            return nil
        }
        return value
    }

    /// A list of values, or one value standing for a list of one.
    private mutating func list(_ node: Node, _ what: String) -> [Node]? {
        if case .sequence(let items) = node {
            if items.isEmpty {
                fail(node, "\"\(what)\" is an empty list: list at least one value, or leave \"\(what)\" out")
                return nil
            }
            return Array(items)
        }
        if case .mapping = node {
            fail(node, "\"\(what)\" must be a list such as [a, b], not a mapping")
            return nil
        }
        if node.null != nil {
            fail(node, "\"\(what)\" has no value")
            return nil
        }
        return [node]
    }

    private mutating func strings(_ node: Node, _ what: String) -> [String]? {
        guard let items = list(node, what) else { return nil }
        let values = items.map { text($0, what) }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        let read = values.compactMap { $0 }
        checkRepeats(read, items, what)
        return read
    }

    private mutating func names<Value: RawRepresentable & CaseIterable & Equatable>(
        _ node: Node, _ what: String, noun: String, _ type: Value.Type
    ) -> [Value]? where Value.RawValue == String {
        guard let items = list(node, what) else { return nil }
        let values = items.map { choice($0, what, Value.self, noun: noun) }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        let read = values.compactMap { $0 }
        checkRepeats(read.map(\.rawValue), items, what)
        return read
    }

    private mutating func checkRepeats(_ values: [String], _ nodes: [Node], _ what: String) {
        var seen: Set<String> = []
        for (value, node) in zip(values, nodes) where !seen.insert(value).inserted {
            fail(node, "\"\(value)\" is listed twice in \"\(what)\"")
        }
    }

    // MARK: Errors

    private mutating func unknownKey(_ entry: Entry, in place: String?, expected: [String]) {
        var message = "unknown key \"\(entry.key)\"" + (place.map { " in \"\($0)\"" } ?? "")
        if let nearest = PolicyText.nearest(to: entry.key, in: expected) { message += "; did you mean \"\(nearest)\"?" }
        fail(entry.keyNode, message + " (expected \(PolicyText.choices(expected)))")
    }

    private mutating func fail(_ node: Node?, _ message: String) {
        let mark = node?.mark
        errors.append(PolicyError(line: mark?.line, column: mark?.column, message: (context.map { "\($0): " } ?? "") + message))
    }

    /// Errors in the order of the file (line, then column); those without a place last.
    private mutating func sortErrors() {
        errors = errors.enumerated()
            .sorted {
                ($0.element.line ?? .max, $0.element.column ?? 0, $0.offset) < ($1.element.line ?? .max, $1.element.column ?? 0, $1.offset)
            }
            .map(\.element)
    }

    /// A YAML syntax error from Yams (libyaml), located by line and column.
    static func syntaxError(_ error: YamlError, in yaml: String) -> PolicyError {
        func within(_ context: YamlError.Context?) -> String {
            guard let context else { return "" }
            return " (\(context.text) from line \(context.mark.line))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let hint = problem.contains("tab") ? "; indent with spaces, not tabs" : ""
            return PolicyError(line: mark.line, column: mark.column, message: "YAML syntax: \(problem)\(within(context))\(hint)")
        case .reader(let problem, let offset, _, _):
            guard let offset else { return PolicyError(message: "YAML: \(problem)") }
            let before = yaml.prefix(offset)
            let line = before.count(where: { $0 == "\n" }) + 1
            let column =
                before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 1
            return PolicyError(line: line, column: column, message: "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = context.mark.line
            let second = secondOccurrence(of: key, after: context.mark, in: yaml)
            return PolicyError(
                line: second?.line ?? first, column: second?.column ?? context.mark.column,
                message: "key \"\(key)\" appears twice in the same mapping" + (second != nil ? " (first on line \(first))" : ""))
        default:
            return PolicyError(message: "YAML: \(error)")
        }
    }

    /// Where a repeated block-mapping key appears again: the next line that has `key:` at the same column.
    private static func secondOccurrence(of key: String, after mark: Mark, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line < lines.count else { return nil }
        for index in mark.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let start = mark.column - 1
            guard start < scalars.count, scalars[..<start].allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            let rest = String(String.UnicodeScalarView(scalars[start...]))
            guard rest.hasPrefix(key) else { continue }
            if rest.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") { return (index + 1, mark.column) }
        }
        return nil
    }
}
