/// Scoring escalation decisions on labelled calls: for each tier, how many troubled calls reached it (recall), how many
/// calm ones did (false alarms), and how long after the trouble began the first alert came.
public enum CallEvaluation {
    /// What the engine did on one labelled call.
    public struct Outcome: Sendable, Codable, Equatable {
        public var name: String
        public var kind: LabelledCall.Kind
        public var onsetMs: Int?
        /// The highest tier any alert of the call reached (climbs included); nil when none was raised.
        public var highestTier: Tier?
        /// Call time of the first alert at or above each tier (a raise or a climb), by tier name.
        public var firstAlertMs: [String: Int]
        /// The rule of the first alert at or above each tier, by tier name.
        public var firstRule: [String: String]
        /// Ways the call differs from the outcome its set expects in detail; nil when the set expects none.
        public var violations: [String]?
        /// What the call's expectation says the engine does not yet do (`knownGap` in expected.json); nil when nothing.
        public var knownGap: String? = nil
        /// The highest value each of the customer's signals reached on the call (stress, friction, vocalStress…), for
        /// tuning thresholds: a rule on a signal fires on the calls whose peak is above its value.
        public var peaks: [String: Double] = [:]

        /// Milliseconds from the onset to the first alert at or above `tier` (0 when it came before the onset); nil when
        /// there was no such alert or no onset.
        public func latencyMs(_ tier: Tier) -> Int? {
            guard let onsetMs, let first = firstAlertMs[tier.rawValue] else { return nil }
            return max(0, first - onsetMs)
        }

        public func reached(_ tier: Tier) -> Bool { highestTier.map { $0 >= tier } ?? false }
    }

    /// Runs one call through an analyzer and records what it raised.
    ///
    /// With `acknowledging`, every alert raised is acknowledged at once, as by a supervisor who sees it, so that the
    /// figures measure detection rather than the acknowledgement timeouts that would climb an unanswered alert (a
    /// labelled set has no one answering). Calls with a detailed expectation (the examples) are run as they are: their
    /// expectations say what happens to the alerts their own events answer or leave unanswered.
    public static func run(_ call: LabelledCall, analyzer: CallAnalyzer, acknowledging: Bool = false) -> Outcome {
        var analyzer = analyzer
        var decisions: [Decision] = []
        let answers = acknowledging && call.expectation == nil
        for event in call.events {
            for case .decision(let decision) in analyzer.ingest(event) {
                decisions.append(decision)
                guard answers, decision.kind == .raised else { continue }
                let acknowledgement = AlertAcknowledgement(
                    callID: decision.callID, at: decision.at, alertID: decision.alertID, by: "evaluation", outcome: .acknowledged)
                _ = analyzer.ingest(.alertAcknowledged(acknowledgement))
            }
        }
        var peaks: [String: Double] = [:]
        for readings in analyzer.state.customerTurns.map({ $0.readings.dictionary() }) + analyzer.state.voiceMoments.map(\.readings) {
            for (signal, value) in readings { peaks[signal.rawValue] = max(peaks[signal.rawValue] ?? 0, value) }
        }
        var first: [String: Int] = [:]
        var rules: [String: String] = [:]
        for decision in decisions where decision.kind == .raised || decision.kind == .climbed {
            for tier in Tier.allCases where decision.tier >= tier && first[tier.rawValue] == nil {
                first[tier.rawValue] = decision.at
                rules[tier.rawValue] = decision.rule
            }
        }
        let violations = call.expectation.map {
            $0.outcome.violations(decisions: decisions, alerts: analyzer.alerts, state: analyzer.state)
        }
        return Outcome(
            name: call.name, kind: call.kind, onsetMs: call.onsetMs, highestTier: analyzer.alerts.map(\.tier).max(), firstAlertMs: first,
            firstRule: rules, violations: violations, knownGap: call.expectation?.knownGap,
            peaks: peaks.mapValues { ($0 * 1000).rounded() / 1000 })
    }

    /// One tier's figures over a set: "coach" counts alerts of any tier, "supervisor" those of a supervisor or a manager.
    public struct TierScore: Sendable, Codable, Equatable {
        public var tier: Tier
        public var troubled: Int
        /// Troubled calls that reached the tier.
        public var caught: Int
        public var calm: Int
        /// Calm calls that reached the tier.
        public var falseAlarms: Int
        /// Median and 90th percentile of the time from onset to the first alert at the tier, over the caught calls with
        /// an onset, in milliseconds; nil when there are none.
        public var medianLatencyMs: Int?
        public var p90LatencyMs: Int?

        public var recall: Double? { troubled == 0 ? nil : Double(caught) / Double(troubled) }
        public var falseAlarmRate: Double? { calm == 0 ? nil : Double(falseAlarms) / Double(calm) }
    }

    /// A set's figures for each tier, lowest first.
    public static func score(_ outcomes: [Outcome]) -> [TierScore] {
        Tier.allCases.map { tier in
            let troubled = outcomes.filter { $0.kind == .troubled }
            let calm = outcomes.filter { $0.kind == .calm }
            let latencies = troubled.compactMap { $0.latencyMs(tier) }.sorted()
            return TierScore(
                tier: tier, troubled: troubled.count, caught: troubled.count { $0.reached(tier) }, calm: calm.count,
                falseAlarms: calm.count { $0.reached(tier) }, medianLatencyMs: percentile(latencies, 0.5),
                p90LatencyMs: percentile(latencies, 0.9))
        }
    }

    /// The value at quantile `q` of sorted values (nearest rank, the lower middle for an even median); nil for none.
    static func percentile(_ sorted: [Int], _ q: Double) -> Int? {
        guard !sorted.isEmpty else { return nil }
        if q == 0.5 && sorted.count.isMultiple(of: 2) { return (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 }
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[max(0, min(sorted.count - 1, rank))]
    }
}
