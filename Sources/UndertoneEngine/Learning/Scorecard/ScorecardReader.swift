import Yams

/// Reads a scorecard's YAML into a `Scorecard`, collecting every problem with its line instead of stopping at the first,
/// the way `PolicyReader` reads policies.
struct ScorecardReader {
    let yaml: String
    /// The problems found, in the order of the file once `read()` returns.
    var errors: [ScorecardError] = []
    /// Which item the reader is in, prefixed to messages: `item "greeting"`.
    var context: String?

    static let topLevelKeys = ["name", "version", "description", "items"]
    static let commonKeys = ["id", "kind", "weight", "description", "critical", "channels", "queues"]
    /// The longest an ask, thank or silence window may be.
    static let longestDurationMs = 600_000
    /// The most turns an item may count (`withinTurns`, `lastTurns`) or allow (`allowed`).
    static let mostTurns = 50

    static func parameterKeys(_ kind: ScorecardItemKind) -> [String] {
        switch kind {
        case .greeting: ["phrases", "withinTurns"]
        case .identityVerification: ["phrases", "withinTurns"]
        case .empathy: ["phrases", "triggers", "withinTurns"]
        case .holdEtiquette: ["askPhrases", "thankPhrases", "askWithin", "thankWithin"]
        case .closing: ["phrases", "lastTurns"]
        case .deadAir: ["longerThan", "allowed"]
        case .talkRatio: ["minimum", "maximum"]
        case .interruptions: ["by", "minimumOverlap", "allowed"]
        }
    }

    init(yaml: String) {
        self.yaml = yaml
    }

    /// The scorecard, or nil when it could not be read; `errors` says what is wrong either way.
    mutating func read() -> Scorecard? {
        defer { sortErrors() }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let located = PolicyReader.syntaxError(error, in: yaml)
            errors.append(ScorecardError(line: located.line, column: located.column, message: located.message))
            return nil
        } catch {
            errors.append(ScorecardError(message: "YAML: \(error)"))
            return nil
        }
        guard let root, root.null == nil else {
            errors.append(ScorecardError(line: 1, column: 1, message: "the scorecard is empty: it needs at least name, version and items"))
            return nil
        }
        guard case .mapping = root else {
            fail(root, "a scorecard must be a mapping of keys (name:, version:, items: …), not a single value or a list")
            return nil
        }
        let entries = mapping(root, "the scorecard") ?? []
        var name: String?
        var version: Int?
        var description: String?
        var items: [ScorecardItem]?
        for entry in entries {
            switch entry.key {
            case "name": name = text(entry.value, "name")
            case "version":
                if let value = integer(entry.value, "version", in: Int.min...Int.max) {
                    if value == Scorecard.formatVersion {
                        version = value
                    } else {
                        fail(entry.value, "unsupported scorecard version \(value) (this build reads version \(Scorecard.formatVersion))")
                    }
                }
            case "description": description = text(entry.value, "description")
            case "items": items = readItems(entry.value)
            default: unknownKey(entry, in: nil, expected: Self.topLevelKeys)
            }
        }
        let present = Set(entries.map(\.key))
        if !present.contains("name") { fail(root, "the scorecard needs a name (name: my-scorecard)") }
        if !present.contains("version") { fail(root, "the scorecard needs a version (version: \(Scorecard.formatVersion))") }
        if !present.contains("items") { fail(root, "the scorecard needs items (items: followed by a list of items)") }
        guard let name, let version, let items, errors.isEmpty else { return nil }
        return Scorecard(name: name, version: version, description: description, items: items)
    }

    // MARK: Items

    private mutating func readItems(_ node: Node) -> [ScorecardItem] {
        guard case .sequence(let nodes) = node else {
            fail(node, "\"items\" must be a list of items, each starting with \"- id:\"")
            return []
        }
        if nodes.isEmpty { fail(node, "\"items\" is empty: a scorecard needs at least one item") }
        var items: [ScorecardItem] = []
        var firstLines: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            context = "item \(index + 1)"
            defer { context = nil }
            guard case .mapping = node, let entries = mapping(node, "item") else {
                fail(node, "must be a mapping of keys (id:, kind:, weight: …), not a single value or a list")
                continue
            }
            var id: String?
            if let idEntry = entries.first(where: { $0.key == "id" }), let value = text(idEntry.value, "id") {
                if !PolicyReader.isRuleID(value) {
                    fail(
                        idEntry.value,
                        "item id \"\(value)\" must be lower-case letters, digits and hyphens, starting with a letter (e.g. hold-etiquette)")
                } else if let first = firstLines[value] {
                    fail(idEntry.value, "item id \"\(value)\" is already used by the item on line \(first)")
                } else {
                    id = value
                    firstLines[value] = node.mark?.line ?? 0
                    context = "item \"\(value)\""
                }
            }
            var kind: ScorecardItemKind?
            if let kindEntry = entries.first(where: { $0.key == "kind" }) { kind = choice(kindEntry.value, "kind", ScorecardItemKind.self) }
            var weight: Double?
            var description: String?
            var critical = false
            var channels: [Channel]?
            var queues: [String]?
            var parameters: [Entry] = []
            for entry in entries {
                switch entry.key {
                case "id", "kind": break
                case "weight": weight = number(entry.value, "weight", accepting: { $0 > 0 && $0 <= 1000 }, range: "more than 0 and at most 1000")
                case "description": description = text(entry.value, "description")
                case "critical": critical = bool(entry.value, "critical") ?? false
                case "channels": channels = names(entry.value, "channels", Channel.self)
                case "queues": queues = strings(entry.value, "queues")
                default:
                    if let kind, !Self.parameterKeys(kind).contains(entry.key) {
                        unknownKey(entry, in: nil, expected: Self.commonKeys + Self.parameterKeys(kind), kind: kind)
                    } else {
                        parameters.append(entry)
                    }
                }
            }
            let keys = Set(entries.map(\.key))
            if !keys.contains("id") { fail(node, "needs an id (lower-case words joined by hyphens, e.g. greeting)") }
            if !keys.contains("kind") {
                fail(node, "needs a kind (\(PolicyText.choices(ScorecardItemKind.allCases.map(\.rawValue))))")
            }
            if !keys.contains("weight") { fail(node, "needs a weight (the points a pass is worth, e.g. weight: 10)") }
            guard let kind else { continue }
            let check = readCheck(kind, parameters, item: node)
            if let id, let weight, let check {
                items.append(
                    ScorecardItem(
                        id: id, description: description, weight: weight, critical: critical, channels: channels, queues: queues, check: check,
                        line: node.mark?.line ?? 0))
            }
        }
        return items
    }

    /// The check of one kind from its parameters; those left out take the defaults of `docs/scorecards.md`.
    private mutating func readCheck(_ kind: ScorecardItemKind, _ parameters: [Entry], item: Node) -> ScorecardCheck? {
        var values: [String: Node] = [:]
        for entry in parameters { values[entry.key] = entry.value }
        let errorsBefore = errors.count
        func required(_ key: String, _ example: String) -> Node? {
            guard let node = values[key] else {
                fail(item, "a \(kind.rawValue) item needs \"\(key)\" (\(example))")
                return nil
            }
            return node
        }
        func turns(_ key: String, _ fallback: Int) -> Int { values[key].flatMap { integer($0, key, in: 1...Self.mostTurns) } ?? fallback }
        func allowed() -> Int { values["allowed"].flatMap { integer($0, "allowed", in: 0...Self.mostTurns) } ?? 0 }
        func window(_ key: String, _ fallback: Int) -> Int {
            values[key].flatMap { duration($0, key, in: 0...Self.longestDurationMs) } ?? fallback
        }
        let check: ScorecardCheck?
        switch kind {
        case .greeting:
            let phrases = required("phrases", "phrases: [thanks for calling, good morning]").flatMap { phraseList($0, "phrases") }
            let within = turns("withinTurns", 1)
            check = phrases.map { .greeting(phrases: $0, withinTurns: within) }
        case .identityVerification:
            let phrases = required("phrases", "phrases: [date of birth, postcode]").flatMap { phraseList($0, "phrases") }
            let within = values["withinTurns"].flatMap { integer($0, "withinTurns", in: 1...Self.mostTurns) }
            check = phrases.map { .identityVerification(phrases: $0, withinTurns: within) }
        case .empathy:
            let phrases = required("phrases", "phrases: [im sorry, i understand]").flatMap { phraseList($0, "phrases") }
            let triggers = values["triggers"].map { phraseList($0, "triggers") } ?? []
            let within = turns("withinTurns", 2)
            check = phrases.flatMap { phrases in triggers.map { .empathy(phrases: phrases, triggers: $0, withinTurns: within) } }
        case .holdEtiquette:
            let ask = required("askPhrases", "askPhrases: [can i put you on hold]").flatMap { phraseList($0, "askPhrases") }
            let thank = required("thankPhrases", "thankPhrases: [thanks for holding]").flatMap { phraseList($0, "thankPhrases") }
            let askWithin = window("askWithin", 60_000)
            let thankWithin = window("thankWithin", 30_000)
            check = ask.flatMap { ask in
                thank.map { .holdEtiquette(askPhrases: ask, thankPhrases: $0, askWithinMs: askWithin, thankWithinMs: thankWithin) }
            }
        case .closing:
            let phrases = required("phrases", "phrases: [anything else, have a good day]").flatMap { phraseList($0, "phrases") }
            let last = turns("lastTurns", 2)
            check = phrases.map { .closing(phrases: $0, lastTurns: last) }
        case .deadAir:
            let longerThan = values["longerThan"].flatMap { duration($0, "longerThan", in: 1000...Self.longestDurationMs) } ?? 10_000
            check = .deadAir(longerThanMs: longerThan, allowed: allowed())
        case .talkRatio:
            let minimum = values["minimum"].flatMap { fraction($0, "minimum") } ?? 0
            let maximum = values["maximum"].flatMap { fraction($0, "maximum") } ?? 1
            if minimum > maximum { fail(values["minimum"] ?? item, "\"minimum\" (\(minimum)) is above \"maximum\" (\(maximum))") }
            if values["minimum"] == nil && values["maximum"] == nil {
                fail(item, "a talk_ratio item needs \"minimum\", \"maximum\" or both (the agent's share of the talk, e.g. 0.3 and 0.7)")
            }
            check = .talkRatio(minimum: minimum, maximum: maximum)
        case .interruptions:
            var by: SpeakerRole? = .agent
            if let node = values["by"] {
                if node.scalar?.string == "anyone" { by = nil } else { by = choice(node, "by", SpeakerRole.self, extra: ["anyone"]) ?? .agent }
            }
            let overlap = values["minimumOverlap"].flatMap { duration($0, "minimumOverlap", in: 0...Self.longestDurationMs) } ?? 500
            check = .interruptions(by: by, minimumOverlapMs: overlap, allowed: allowed())
        }
        return errors.count == errorsBefore ? check : nil
    }

    /// A list of phrases: each must have words once punctuation and case are set aside.
    private mutating func phraseList(_ node: Node, _ what: String) -> [String]? {
        guard let phrases = strings(node, what) else { return nil }
        if let empty = phrases.first(where: { speechTranscriptForm($0).isEmpty }) {
            fail(node, "\"\(empty)\" in \"\(what)\" has no words to listen for")
            return nil
        }
        return phrases
    }
}
