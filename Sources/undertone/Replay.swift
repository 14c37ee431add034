import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone {
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What a policy would have fired on recorded calls, compared with the current one, call by call.",
            discussion: """
                Runs every CALL (a call file of JSON-lines events) through the candidate policy (--policy FILE) and \
                the baseline (--baseline FILE, or --baseline-preset NAME, default "default"), and prints the alerts \
                each raises and where they differ. --json prints one JSON object per call.
                """
        )

        @Option(help: "The candidate policy (YAML file).")
        var policy: String

        @Option(help: "The baseline policy (YAML file); default: the bundled preset named by --baseline-preset.")
        var baseline: String?

        @Option(help: "The baseline preset when no --baseline file is given.")
        var baselinePreset = "default"

        @Argument(help: "Call files (JSON lines of call events).")
        var calls: [String]

        @Flag(help: "Print one JSON object per call.")
        var json = false

        @OptionGroup var modelOptions: ModelOptions

        func run() throws {
            let model = try modelOptions.load()
            let candidate = try PolicyOptions(policy: policy).load()
            let current = try PolicyOptions(policy: baseline, preset: baselinePreset).load()
            var changed = 0
            for path in calls {
                let events = try CallFile.read(path)
                let before = Self.alerts(events, policy: current, model: model)
                let after = Self.alerts(events, policy: candidate, model: model)
                let differs = before.map(\.summary) != after.map(\.summary)
                if differs { changed += 1 }
                if json {
                    let object: [String: Any] = [
                        "call": path, "baseline": before.map(\.object), "candidate": after.map(\.object), "changed": differs,
                    ]
                    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                    print(String(decoding: data, as: UTF8.self))
                } else {
                    print("\(path): \(differs ? "CHANGED" : "same")")
                    print("  \(current.name): " + (before.isEmpty ? "no alerts" : before.map(\.summary).joined(separator: ", ")))
                    print("  \(candidate.name): " + (after.isEmpty ? "no alerts" : after.map(\.summary).joined(separator: ", ")))
                }
            }
            if !json { print("\(changed) of \(calls.count) call(s) would change") }
        }

        struct Raised {
            var tier: Tier
            var rule: String
            var at: Int
            var summary: String { "\(tier.rawValue) by \(rule) at \(Timeline.clock(at))" }
            var object: [String: Any] { ["tier": tier.rawValue, "rule": rule, "at": at] }
        }

        static func alerts(_ events: [CallEvent], policy: Policy, model: TextModel) -> [Raised] {
            var analyzer = CallAnalyzer(policy: policy, textModel: model)
            var raised: [Raised] = []
            for event in events {
                for case .decision(let decision) in analyzer.ingest(event) where decision.kind != .folded {
                    raised.append(Raised(tier: decision.tier, rule: decision.rule, at: decision.at))
                }
            }
            return raised
        }
    }
}

extension PolicyOptions {
    init(policy: String?, preset: String = "default") {
        self.init()
        self.policy = policy
        self.preset = preset
    }
}
