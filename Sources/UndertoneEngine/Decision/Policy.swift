/// How the per-call signals a policy reads are measured.
public struct SignalSettings: Sendable, Equatable, Hashable {
    /// The weight of the newest customer turn in a smoothed signal when it is higher than the smoothed value,
    /// 0 < x ≤ 1 (1: no smoothing). A sudden outburst should register at once…
    public var risingWeight: Double
    /// …and the weight when it is lower: trouble fades more slowly than it comes, so one calm answer to an identity
    /// question does not wipe out the fear of the turn before.
    public var fallingWeight: Double
    /// How many customer turns the stress trend is measured over, 2...20.
    public var trendTurns: Int

    public init(risingWeight: Double = 0.5, fallingWeight: Double = 0.5, trendTurns: Int = 4) {
        self.risingWeight = risingWeight
        self.fallingWeight = fallingWeight
        self.trendTurns = trendTurns
    }

    /// One smoothing step from `old` towards `new`.
    public func smooth(_ old: Double, towards new: Double) -> Double {
        let weight = new > old ? risingWeight : fallingWeight
        return weight * new + (1 - weight) * old
    }
}

/// An escalation policy: tiers, their pacing and the rules that raise alerts. Written in YAML by an operations manager
/// (`docs/policy.md` describes the format), parsed with every problem located by line, and shipped as presets.
public struct Policy: Sendable, Equatable {
    /// The format version this build reads (`version:`).
    public static let formatVersion = 1

    /// The policy's name, shown with its decisions.
    public var name: String
    public var version: Int
    public var description: String?
    public var signals: SignalSettings
    /// The pacing of every tier; all three are always present.
    public private(set) var tiers: [Tier: TierSettings]
    /// A rule that fired fires again only after its condition stopped holding and smoothed stress fell below this.
    public var rearmBelow: Double
    /// The rules in the order written; the engine evaluates them in this order.
    public var rules: [Rule]

    /// A policy; tiers left out of `tiers` get `TierSettings.defaults(for:)`.
    public init(
        name: String, version: Int = Policy.formatVersion, description: String? = nil, signals: SignalSettings = SignalSettings(),
        tiers: [Tier: TierSettings] = [:], rearmBelow: Double = 0.35, rules: [Rule]
    ) {
        self.name = name
        self.version = version
        self.description = description
        self.signals = signals
        self.tiers = Dictionary(uniqueKeysWithValues: Tier.allCases.map { ($0, tiers[$0] ?? TierSettings.defaults(for: $0)) })
        self.rearmBelow = rearmBelow
        self.rules = rules
    }

    /// The pacing of one tier.
    public func settings(for tier: Tier) -> TierSettings {
        tiers[tier] ?? TierSettings.defaults(for: tier)
    }

    /// Changes the pacing of one tier.
    public mutating func set(_ settings: TierSettings, for tier: Tier) {
        tiers[tier] = settings
    }

    /// The cooldown that applies after a rule fires: its own if set, else its tier's.
    public func cooldownMs(for rule: Rule) -> Int {
        rule.cooldownMs ?? settings(for: rule.tier).cooldownMs
    }

    /// The stress below which a rule that fired is armed again: its own if set, else the policy's.
    public func rearmBelow(for rule: Rule) -> Double {
        rule.rearmBelow ?? rearmBelow
    }

    /// The rule with this id, if there is one.
    public func rule(id: String) -> Rule? {
        rules.first { $0.id == id }
    }

    /// Reads a policy from YAML; throws the first problem (by line) if there is any. `validate(yaml:)` lists them all.
    public static func parse(yaml: String) throws(PolicyError) -> Policy {
        var reader = PolicyReader(yaml: yaml)
        let policy = reader.read()
        if let first = reader.errors.first { throw first }
        guard let policy else { throw PolicyError(message: "the policy could not be read") }
        return policy
    }

    /// Every problem in a policy, in the order of the file; empty when the policy is valid.
    public static func validate(yaml: String) -> [PolicyError] {
        var reader = PolicyReader(yaml: yaml)
        _ = reader.read()
        return reader.errors
    }
}
