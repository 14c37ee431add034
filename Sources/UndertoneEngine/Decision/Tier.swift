/// Who an alert goes to. Tiers are ordered: a coaching hint for the agent, then a supervisor, then a manager.
public enum Tier: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    /// A hint on the agent's own screen.
    case coach
    /// An alert to the team's supervisor, who may listen in or take over.
    case supervisor
    /// An alert to the duty manager: the call is at risk.
    case manager

    /// The tier above this one, where an unacknowledged alert climbs; nil for `manager`.
    public var next: Tier? {
        switch self {
        case .coach: .supervisor
        case .supervisor: .manager
        case .manager: nil
        }
    }

    private var rank: Int {
        switch self {
        case .coach: 0
        case .supervisor: 1
        case .manager: 2
        }
    }

    public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rank < rhs.rank }
}

/// How alerts of one tier are paced.
public struct TierSettings: Sendable, Equatable, Hashable {
    /// After an alert of this tier, how long before a rule of this tier may raise another on the same call.
    public var cooldownMs: Int
    /// If set, an alert of this tier not acknowledged within this long climbs to the next tier; nil for never.
    public var acknowledgeWithinMs: Int?

    public init(cooldownMs: Int, acknowledgeWithinMs: Int? = nil) {
        self.cooldownMs = cooldownMs
        self.acknowledgeWithinMs = acknowledgeWithinMs
    }

    /// What a policy gets for a tier it does not mention: coach 45 s; supervisor 2 min, climbing after 90 s
    /// unacknowledged; manager 5 min.
    public static func defaults(for tier: Tier) -> TierSettings {
        switch tier {
        case .coach: TierSettings(cooldownMs: 45_000)
        case .supervisor: TierSettings(cooldownMs: 120_000, acknowledgeWithinMs: 90_000)
        case .manager: TierSettings(cooldownMs: 300_000)
        }
    }
}
