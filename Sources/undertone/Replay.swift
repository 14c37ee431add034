import ArgumentParser
import Foundation
import Synchronization
import UndertoneEngine
import UndertoneServer
import UndertoneStore

extension Undertone {
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What a policy would have fired on recorded calls, compared with the current one, call by call.",
            discussion: """
                Runs every CALL (a call file of JSON-lines events), or every call the store holds that started from \
                --from up to (not including) --to, through the candidate policy (--policy FILE) and the baseline \
                (--baseline FILE, or --baseline-preset NAME, default "default"), and prints the alerts each raises and \
                where they differ. Recorded acknowledgements are attached to the alert they answered however a policy \
                numbers it: the open alert of the tier the answered one had, else the gravest open one. --json prints \
                one JSON object per call.
                """
        )

        @Option(help: "The candidate policy (YAML file).")
        var policy: String

        @Option(help: "The baseline policy (YAML file); default: the bundled preset named by --baseline-preset.")
        var baseline: String?

        @Option(help: "The baseline preset when no --baseline file is given.")
        var baselinePreset = "default"

        @Argument(help: "Call files (JSON lines of call events); or none, with --from and --to.")
        var calls: [String] = []

        @Option(help: "Replay the calls of the store that started from this time (ISO 8601 time or date).")
        var from: String?

        @Option(help: "… up to this time, not included (ISO 8601 time or date).")
        var to: String?

        @Option(help: "With --from and --to: only the calls of this team.")
        var team: String?

        @OptionGroup var store: Keys.StoreOptions

        @Flag(help: "Print one JSON object per call.")
        var json = false

        @OptionGroup var modelOptions: ModelOptions

        func validate() throws {
            if calls.isEmpty {
                guard from != nil, to != nil else { throw ValidationError("name call files, or a period of the store with --from and --to") }
            } else {
                guard from == nil, to == nil, team == nil else {
                    throw ValidationError("call files or a period of the store (--from, --to, --team), not both")
                }
            }
        }

        func run() async throws {
            let model = try modelOptions.load()
            let candidate = try PolicyOptions(policy: policy).load()
            let current = try PolicyOptions(policy: baseline, preset: baselinePreset).load()
            let recorded = calls.isEmpty ? try await fromStore() : try calls.map { RecordedCall(name: $0, events: try CallFile.read($0), tiers: nil) }
            var changed = 0
            for call in recorded {
                let before = Self.alerts(call.events, policy: current, model: model, recordedTiers: call.tiers ?? [:])
                // Files carry no decisions: the answers they record were given to the baseline's alerts.
                let tiers = call.tiers ?? Dictionary(before.map { ($0.alertID, $0.tier) }, uniquingKeysWith: { first, _ in first })
                let after = Self.alerts(call.events, policy: candidate, model: model, recordedTiers: tiers)
                let differs = before.map(\.summary) != after.map(\.summary)
                if differs { changed += 1 }
                if json {
                    let object: [String: Any] = [
                        "call": call.name, "baseline": before.map(\.object), "candidate": after.map(\.object), "changed": differs,
                    ]
                    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                    print(String(decoding: data, as: UTF8.self))
                } else {
                    print("\(call.name): \(differs ? "CHANGED" : "same")")
                    print("  \(current.name): " + (before.isEmpty ? "no alerts" : before.map(\.summary).joined(separator: ", ")))
                    print("  \(candidate.name): " + (after.isEmpty ? "no alerts" : after.map(\.summary).joined(separator: ", ")))
                }
            }
            if !json { print("\(changed) of \(recorded.count) call(s) would change") }
        }

        /// A call to replay: its events and, when read from the store, the tier of every alert its log records.
        struct RecordedCall: Sendable {
            var name: String
            var events: [CallEvent]
            var tiers: [String: Tier]?
        }

        /// The calls of the period, read from the store's log.
        private func fromStore() async throws -> [RecordedCall] {
            let period: ReportPeriod
            do throws(ReportPeriod.Invalid) {
                period = try ReportPeriod(from: from, to: to)
            } catch {
                throw CommandFailure(error.description)
            }
            let team = team
            let found = Mutex<[RecordedCall]>([])
            try await withStore(store.resolved) { store in
                let records = try await ReportLoader.calls(store: store, from: period.from, to: period.to).filter { team == nil || $0.team == team }
                var calls: [RecordedCall] = []
                for record in records.sorted(by: { ($0.startedAt, $0.callID) < ($1.startedAt, $1.callID) }) {
                    let logged = try await ReportLoader.loggedCall(store: store, call: record)
                    var tiers: [String: Tier] = [:]
                    for case .decision(let decision) in logged.outputs where decision.kind != .folded { tiers[decision.alertID] = decision.tier }
                    calls.append(RecordedCall(name: record.callID, events: logged.events, tiers: tiers))
                }
                found.withLock { $0 = calls }
            }
            return found.withLock { $0 }
        }

        struct Raised {
            var alertID: String
            var tier: Tier
            var rule: String
            var at: Int
            /// How a recorded acknowledgement answered it, if one did.
            var answer: AlertOutcome?
            var summary: String { "\(tier.rawValue) by \(rule) at \(Timeline.clock(at))" + (answer.map { " (\($0.rawValue))" } ?? "") }
            var object: [String: Any] {
                var object: [String: Any] = ["tier": tier.rawValue, "rule": rule, "at": at]
                if let answer { object["answer"] = answer.rawValue }
                return object
            }
        }

        /// The alerts `policy` raises (and climbs to) on the events. A recorded acknowledgement names an alert as the
        /// recording numbered it; `recordedTiers` says which tier that alert had, and the answer goes to the alert it
        /// meets under this policy (``address(_:tiers:alerts:)``), or is dropped when no alert is open.
        static func alerts(_ events: [CallEvent], policy: Policy, model: TextModel, recordedTiers: [String: Tier]) -> [Raised] {
            var analyzer = CallAnalyzer(policy: policy, textModel: model)
            var raised: [Raised] = []
            var indices: [String: Int] = [:]
            for var event in events {
                if case .alertAcknowledged(var acknowledgement) = event {
                    guard let target = address(acknowledgement.alertID, tiers: recordedTiers, alerts: analyzer.alerts) else { continue }
                    acknowledgement.alertID = target
                    event = .alertAcknowledged(acknowledgement)
                    if let index = indices[target], raised[index].answer == nil { raised[index].answer = acknowledgement.outcome }
                }
                for case .decision(let decision) in analyzer.ingest(event) where decision.kind != .folded {
                    indices[decision.alertID] = raised.count
                    raised.append(Raised(alertID: decision.alertID, tier: decision.tier, rule: decision.rule, at: decision.at))
                }
            }
            return raised
        }

        /// The alert a recorded answer meets under another policy: the one it names, when open and of the recorded tier;
        /// else the latest open alert of that tier; else the gravest open alert; nil when none is open.
        static func address(_ alertID: String, tiers: [String: Tier], alerts: [Alert]) -> String? {
            let open = alerts.filter { $0.state == .open }
            let tier = tiers[alertID]
            if let named = open.first(where: { $0.id == alertID }), tier == nil || named.tier == tier { return named.id }
            if let tier, let sameTier = open.last(where: { $0.tier == tier }) { return sameTier.id }
            return open.max { ($0.tier, $0.raisedAt) < ($1.tier, $1.raisedAt) }?.id
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
