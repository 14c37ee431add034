import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone {
    struct EvalCalls: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calls",
            abstract: "Escalation decisions on labelled calls: recall on troubled calls, false alarms on calm ones, latency.",
            discussion: """
                Each SET is one of:
                  - a folder of call files with expected.json (as examples/calls): a call expecting any alert is \
                troubled, the others calm; each call runs under the preset its entry names, and the entry's detailed \
                expectations are checked too;
                  - a USS-format dialogue file (.txt, as ../shared/data/uss-dev): a dialogue is troubled when its \
                overall mean rating is at most 2.5, calm when at least 3.5; USER is the customer, SYSTEM the agent; the \
                trouble begins at the first customer turn rated 2 or less;
                  - a folder of stereo WAV calls with calls.json (as made by \
                ../shared/tools/make_voice_calls.py): {file: {kind: escalating|control, customer_channel, \
                anger_onset_ms}}.
                With no SET it scores examples/calls, examples/dialogues and the USS files in ../shared/data/uss-dev. For each set and tier \
                it prints recall on troubled calls (coach+: any alert; supervisor+: a supervisor or manager alert; \
                manager), false alarms on calm calls, and the time from the onset to the first alert (median and 90th \
                percentile). Alerts are acknowledged as they are raised (--unanswered leaves them to climb), except in calls that \
                acknowledge their own. --details lists every troubled call missed and every calm call alerted.
                """
        )

        @Argument(help: "Labelled sets: folders of call files or WAV calls, or USS dialogue files.")
        var sets: [String] = []

        @OptionGroup var policyOptions: PolicyOptions

        @Flag(help: "Print one JSON object instead of tables.")
        var json = false

        @Flag(help: "List each troubled call missed and each calm call alerted, with the first alert's rule.")
        var details = false

        @Flag(
            help: """
                Leave alerts unanswered, so that acknowledgement timeouts climb them (by default every alert is \
                acknowledged as it is raised, and the figures measure detection).
                """)
        var unanswered = false

        @OptionGroup var modelOptions: ModelOptions

        func run() throws {
            let model = try modelOptions.load()
            let policy = try policyOptions.load()
            var presets: [String: Policy] = [:]
            var reports: [SetReport] = []
            for path in try sets.isEmpty ? defaultSets() : sets {
                let set = try LabelledCallSet.load(path)
                var outcomes: [CallEvaluation.Outcome] = []
                for call in set.calls {
                    var callPolicy = policy
                    if let preset = call.preset {
                        if presets[preset] == nil {
                            do { presets[preset] = try Policy.preset(named: preset) } catch { throw CommandFailure("preset \(preset): \(error)") }
                        }
                        callPolicy = presets[preset]!
                    }
                    let analyzer = CallAnalyzer(policy: callPolicy, textModel: model, intentModel: nil)
                    outcomes.append(CallEvaluation.run(call, analyzer: analyzer, acknowledging: !unanswered))
                }
                reports.append(SetReport(set: path, format: set.format, outcomes: outcomes))
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let about = EvalCallsJSON(policy: policy.name, model: model.about, sets: reports.map { $0.json(details: details) })
                print(String(decoding: try encoder.encode(about), as: UTF8.self))
            } else {
                for report in reports { print(report.table(details: details)) }
            }
        }

        func defaultSets() throws -> [String] {
            var found: [String] = []
            if FileManager.default.fileExists(atPath: "examples/calls/expected.json") { found.append("examples/calls") }
            if let names = try? FileManager.default.contentsOfDirectory(atPath: "examples/dialogues") {
                found += names.filter { $0.hasSuffix(".txt") }.sorted().map { "examples/dialogues/\($0)" }
            }
            let uss = "../shared/data/uss-dev"
            if let names = try? FileManager.default.contentsOfDirectory(atPath: uss) {
                found += names.filter { $0.hasSuffix(".txt") }.sorted().map { "\(uss)/\($0)" }
            }
            guard !found.isEmpty else { throw CommandFailure("no labelled sets found: name a folder or a USS file") }
            return found
        }
    }
}

/// A labelled set read from disk.
struct LabelledCallSet {
    enum Format: String, Codable {
        case examples = "call files with expected.json"
        case uss = "USS dialogues"
        case voice = "stereo voice calls"
    }

    var format: Format
    var calls: [LabelledCall]

    static func load(_ path: String) throws -> LabelledCallSet {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw CommandFailure("\(path): no such file or folder") }
        if !isFolder.boolValue {
            let text = try readText(path)
            let prefix = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            do {
                return LabelledCallSet(format: .uss, calls: try LabelledDialogues.uss(text, prefix: prefix))
            } catch {
                throw CommandFailure("\(path): \(error)")
            }
        }
        let folder = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected.json").path) {
            return LabelledCallSet(format: .examples, calls: try examples(folder))
        }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("calls.json").path) {
            return LabelledCallSet(format: .voice, calls: try voiceCalls(folder))
        }
        throw CommandFailure("\(path): a folder of labelled calls needs expected.json (call files) or calls.json (WAV calls)")
    }

    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// A JSON file of labels by call file name.
    static func labels<Label: Decodable>(_ file: String) throws -> [String: Label] {
        let text = try readText(file)
        do {
            return try JSONDecoder().decode([String: Label].self, from: Data(text.utf8))
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
    }

    static func examples(_ folder: URL) throws -> [LabelledCall] {
        let expectations: [String: CallExpectation] = try labels(folder.appendingPathComponent("expected.json").path)
        return try expectations.keys.sorted().map { name in
            let expectation = expectations[name]!
            let events = try CallFile.read(folder.appendingPathComponent(name).path)
            let kind: LabelledCall.Kind = expectation.outcome.raised.isEmpty ? .calm : .troubled
            return LabelledCall(name: name, kind: kind, events: events, preset: expectation.preset, expectation: expectation)
        }
    }

    /// `calls.json` as make_voice_calls.py writes it.
    struct VoiceCallLabel: Decodable {
        var kind: String
        var customer_channel: String?
        var anger_onset_ms: Int?
    }

    static func voiceCalls(_ folder: URL) throws -> [LabelledCall] {
        let file = folder.appendingPathComponent("calls.json").path
        let voiceLabels: [String: VoiceCallLabel] = try labels(file)
        return try voiceLabels.keys.sorted().map { name in
            let label = voiceLabels[name]!
            let kind: LabelledCall.Kind
            switch label.kind {
            case "escalating", "troubled": kind = .troubled
            case "control", "calm": kind = .calm
            default: throw CommandFailure("\(file): \(name): kind must be escalating or control, not \(label.kind)")
            }
            let customerChannel: Int
            switch label.customer_channel ?? "left" {
            case "left": customerChannel = 0
            case "right": customerChannel = 1
            default: throw CommandFailure("\(file): \(name): customer_channel must be left or right")
            }
            let audio = try VoiceInput.read(folder.appendingPathComponent(name).path)
            guard audio.channelCount == 2 else { throw CommandFailure("\(name): a voice call must be stereo (customer and agent)") }
            let id = VoiceInput.stem(name)
            let events: [CallEvent] =
                [.callStarted(CallStarted(callID: id, at: 0, channel: .voice, customerID: "\(id)-customer", queue: "general"))]
                + VoiceInput.audioEvents(audio, callID: id, customerChannel: customerChannel)
                + [.callEnded(CallEnded(callID: id, at: VoiceInput.durationMs(audio)))]
            return LabelledCall(name: name, kind: kind, events: events, onsetMs: kind == .troubled ? label.anger_onset_ms : nil)
        }
    }
}

/// One set's outcomes, as a table or JSON.
struct SetReport {
    var set: String
    var format: LabelledCallSet.Format
    var outcomes: [CallEvaluation.Outcome]

    var scores: [CallEvaluation.TierScore] { CallEvaluation.score(outcomes) }

    var expectations: (held: Int, checked: Int)? {
        let checked = outcomes.compactMap(\.violations)
        return checked.isEmpty ? nil : (checked.count { $0.isEmpty }, checked.count)
    }

    func table(details: Bool) -> String {
        let troubled = outcomes.count { $0.kind == .troubled }
        var lines = ["== \(set) (\(format.rawValue)): \(outcomes.count) calls, \(troubled) troubled, \(outcomes.count - troubled) calm"]
        lines.append("tier           recall (troubled)     false alarms (calm)    onset → first alert: median / p90")
        for score in scores {
            let name = score.tier == .manager ? "manager" : "\(score.tier.rawValue)+"
            lines.append(
                name.padding(toLength: 15, withPad: " ", startingAt: 0)
                    + Self.ratio(score.recall, score.caught, score.troubled).padding(toLength: 22, withPad: " ", startingAt: 0)
                    + Self.ratio(score.falseAlarmRate, score.falseAlarms, score.calm).padding(toLength: 23, withPad: " ", startingAt: 0)
                    + Self.seconds(score.medianLatencyMs) + " / " + Self.seconds(score.p90LatencyMs))
        }
        if let expectations {
            let gaps = outcomes.filter { $0.knownGap != nil && !($0.violations ?? []).isEmpty }.map(\.name)
            lines.append(
                "expected outcomes held: \(expectations.held)/\(expectations.checked)"
                    + (gaps.isEmpty ? "" : " (known gaps, each explained in expected.json: \(gaps.joined(separator: ", ")))"))
        }
        if details {
            for outcome in outcomes {
                if let violations = outcome.violations, !violations.isEmpty {
                    lines.append("  \(outcome.name): " + violations.joined(separator: "; "))
                }
                switch (outcome.kind, outcome.highestTier) {
                case (.troubled, nil): lines.append("  missed: \(outcome.name)")
                case (.calm, let tier?):
                    lines.append("  false alarm: \(outcome.name) reached \(tier.rawValue) (first: \(outcome.firstRule["coach"] ?? "?"))")
                case (.troubled, let tier?):
                    let latency = outcome.latencyMs(.coach).map { ", \(Self.seconds($0)) after onset" } ?? ""
                    lines.append("  caught: \(outcome.name) reached \(tier.rawValue) (first: \(outcome.firstRule["coach"] ?? "?")\(latency))")
                default: break
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func ratio(_ rate: Double?, _ count: Int, _ total: Int) -> String {
        guard let rate else { return "—" }
        return String(format: "%.3f (%d/%d)", rate, count, total)
    }

    static func seconds(_ ms: Int?) -> String {
        guard let ms else { return "—" }
        return String(format: "%.1f s", Double(ms) / 1000)
    }

    func json(details: Bool) -> EvalCallsJSON.Set {
        EvalCallsJSON.Set(
            set: set, format: format.rawValue, calls: outcomes.count, troubled: outcomes.count { $0.kind == .troubled },
            calm: outcomes.count { $0.kind == .calm },
            tiers: scores.map {
                EvalCallsJSON.Tier(
                    tier: $0.tier.rawValue, recall: $0.recall, caught: $0.caught, troubled: $0.troubled, falseAlarmRate: $0.falseAlarmRate,
                    falseAlarms: $0.falseAlarms, calm: $0.calm, medianLatencyMs: $0.medianLatencyMs, p90LatencyMs: $0.p90LatencyMs)
            }, expectationsHeld: expectations?.held, expectationsChecked: expectations?.checked, outcomes: details ? outcomes : nil)
    }
}

struct EvalCallsJSON: Encodable {
    struct Tier: Encodable {
        var tier: String
        @ExplicitNull var recall: Double?
        var caught: Int
        var troubled: Int
        @ExplicitNull var falseAlarmRate: Double?
        var falseAlarms: Int
        var calm: Int
        @ExplicitNull var medianLatencyMs: Int?
        @ExplicitNull var p90LatencyMs: Int?
    }

    struct Set: Encodable {
        var set: String
        var format: String
        var calls: Int
        var troubled: Int
        var calm: Int
        var tiers: [Tier]
        var expectationsHeld: Int?
        var expectationsChecked: Int?
        var outcomes: [CallEvaluation.Outcome]?
    }

    var policy: String
    var model: [String: String]
    var sets: [Set]
}
