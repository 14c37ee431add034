/// What a call should raise, as `examples/calls/expected.json` writes it for each example call.
public struct CallExpectation: Decodable, Sendable {
    /// One alert by its tier and rule.
    public struct ExpectedAlert: Codable, Sendable, Equatable, CustomStringConvertible {
        public var tier: Tier
        public var rule: String
        public var description: String { "\(tier.rawValue) \(rule)" }

        public init(tier: Tier, rule: String) {
            self.tier = tier
            self.rule = rule
        }
    }

    /// What a run must show. Everything but `raised` is optional.
    public struct Outcome: Decodable, Sendable {
        /// Decisions of kind `raised`, in order.
        public var raised: [ExpectedAlert]
        /// Tiers no alert of the call may have (climbs included).
        public var mustNotRaise: [Tier]?
        /// The most alerts the call may hold (climbs included).
        public var maxRaised: Int?
        /// Decisions of kind `climbed`.
        public var climbs: Int?
        /// The most alerts of any one tier.
        public var maxAlertsPerTier: Int?
        /// Stress falls after the agent's apology: recovering at the end, and at least 0.2 below its peak.
        public var recovers: Bool?

        /// Each way a finished call differs from this outcome, in words; empty when it matches.
        public func violations(decisions: [Decision], alerts: [Alert], state: CallState) -> [String] {
            var problems: [String] = []
            let raisedNow = decisions.filter { $0.kind == .raised }.map { ExpectedAlert(tier: $0.tier, rule: $0.rule) }
            if raisedNow != raised {
                problems.append(
                    "raised \(raisedNow.isEmpty ? "nothing" : raisedNow.map(\.description).joined(separator: ", ")); expected "
                        + (raised.isEmpty ? "nothing" : raised.map(\.description).joined(separator: ", ")))
            }
            for tier in mustNotRaise ?? [] where alerts.contains(where: { $0.tier == tier }) {
                problems.append("raised a \(tier.rawValue) alert")
            }
            if let maxRaised, alerts.count > maxRaised { problems.append("\(alerts.count) alerts, at most \(maxRaised) expected") }
            if let climbs, decisions.count(where: { $0.kind == .climbed }) != climbs {
                problems.append("\(decisions.count { $0.kind == .climbed }) climbs, \(climbs) expected")
            }
            if let maxAlertsPerTier {
                for tier in Tier.allCases where alerts.count(where: { $0.tier == tier }) > maxAlertsPerTier {
                    problems.append("\(alerts.count { $0.tier == tier }) \(tier.rawValue) alerts, at most \(maxAlertsPerTier) expected")
                }
            }
            if recovers == true {
                let stresses = state.customerTurns.compactMap { $0.readings[.stress] }
                let peak = stresses.max() ?? 0
                let last = stresses.last ?? 0
                if !state.isRecovering { problems.append("not recovering at the end") }
                if last > peak - 0.2 { problems.append("stress \(last) did not fall 0.2 below its peak \(peak)") }
            }
            return problems
        }

        /// The highest tier the outcome expects raised; nil for a call that should raise nothing.
        public var highestTier: Tier? { raised.map(\.tier).max() }
    }

    public var preset: String
    public var why: String
    /// What the engine should do but does not yet, for a call kept as a documented gap.
    public var knownGap: String?
    /// The engine's behaviour today, for a call with a known gap.
    public var current: Outcome?
    public var outcome: Outcome

    private enum CodingKeys: String, CodingKey { case preset, why, knownGap, current }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        preset = try container.decode(String.self, forKey: .preset)
        why = try container.decode(String.self, forKey: .why)
        knownGap = try container.decodeIfPresent(String.self, forKey: .knownGap)
        current = try container.decodeIfPresent(Outcome.self, forKey: .current)
        outcome = try Outcome(from: decoder)
    }
}
