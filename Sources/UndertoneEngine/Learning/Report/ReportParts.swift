/// Alerts raised by one rule at one tier and what people made of them: the "crying wolf" rate.
public struct RuleAlerts: Sendable, Equatable, Codable {
    /// The rule's id (`acknowledgement-timeout` for alerts that climbed).
    public var rule: String
    public var tier: Tier
    /// Alerts raised (or climbed to) by the rule.
    public var alerts: Int
    /// Alerts whose last verdict was `useful`.
    public var useful: Int
    /// Alerts whose last verdict was `dismissed`.
    public var dismissed: Int
    /// Alerts answered at all (any acknowledgement).
    public var acknowledged: Int
    /// useful / (useful + dismissed); nil when neither was said.
    @ExplicitNull public var precision: Double?

    public init(rule: String, tier: Tier, alerts: Int, useful: Int, dismissed: Int, acknowledged: Int, precision: Double?) {
        self.rule = rule
        self.tier = tier
        self.alerts = alerts
        self.useful = useful
        self.dismissed = dismissed
        self.acknowledged = acknowledged
        self.precision = precision
    }
}

/// One hour of the period: calls that started in it and alerts raised in it, by tier.
public struct HourlyEscalations: Sendable, Equatable, Codable {
    /// The hour's start, ISO 8601 UTC (`2026-11-23T10:00:00Z`).
    public var hour: String
    public var calls: Int
    public var coach: Int
    public var supervisor: Int
    public var manager: Int

    public init(hour: String, calls: Int, coach: Int, supervisor: Int, manager: Int) {
        self.hour = hour
        self.calls = calls
        self.coach = coach
        self.supervisor = supervisor
        self.manager = manager
    }
}

/// How stressed a queue's customers were.
public struct QueueStress: Sendable, Equatable, Codable {
    public var queue: String
    public var calls: Int
    /// Mean over the queue's calls with a customer turn of their peak smoothed stress (0 when none has one).
    public var meanPeakStress: Double
    /// Mean of every customer turn's own stress in the queue (0 when there is none).
    public var meanStress: Double

    public init(queue: String, calls: Int, meanPeakStress: Double, meanStress: Double) {
        self.queue = queue
        self.calls = calls
        self.meanPeakStress = meanPeakStress
        self.meanStress = meanStress
    }
}

/// One scorecard item across the scored calls.
public struct ScorecardItemSummary: Sendable, Equatable, Codable {
    public var id: String
    /// The item's description, or its id.
    public var title: String
    /// Passes over passes plus fails; nil when the item applied to no call.
    @ExplicitNull public var passRate: Double?

    public init(id: String, title: String, passRate: Double?) {
        self.id = id
        self.title = title
        self.passRate = passRate
    }
}

/// The scorecard over every finished call of the period.
public struct ScorecardSummary: Sendable, Equatable, Codable {
    /// The scorecard's name.
    public var scorecard: String
    /// Finished calls scored.
    public var calls: Int
    /// Mean score in percent over the calls that have one; nil when none has.
    @ExplicitNull public var meanScore: Double?
    public var items: [ScorecardItemSummary]

    public init(scorecard: String, calls: Int, meanScore: Double?, items: [ScorecardItemSummary]) {
        self.scorecard = scorecard
        self.calls = calls
        self.meanScore = meanScore
        self.items = items
    }
}

/// One surveyed call for the CSAT-against-stress scatter.
public struct CSATPoint: Sendable, Equatable, Codable {
    public var call: String
    public var survey: Int
    public var peakStress: Double

    public init(call: String, survey: Int, peakStress: Double) {
        self.call = call
        self.survey = survey
        self.peakStress = peakStress
    }
}
