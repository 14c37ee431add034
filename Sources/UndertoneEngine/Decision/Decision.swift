/// Why a decision was taken: one condition of the rule, with the value that met it.
public struct Reason: Sendable, Equatable, Codable {
    /// The condition in the policy's words, e.g. `stress above 0.6 on 2 turns`.
    public var condition: String
    /// What the engine measured, e.g. `stress 0.71, 0.66`, or the cue's words.
    public var observed: String

    public init(condition: String, observed: String) {
        self.condition = condition
        self.observed = observed
    }
}

/// What the engine decided at one moment of a call, and why.
public struct Decision: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A new alert at this tier.
        case raised
        /// The rule fired while an alert of this tier or higher was open: folded into it, no new alert.
        case folded
        /// An alert went unacknowledged for its tier's time and climbed to the next tier.
        case climbed
    }

    public var callID: String
    /// Event time of the decision (milliseconds since the call started).
    public var at: Int
    public var kind: Kind
    public var tier: Tier
    /// The policy rule that fired (`acknowledgement-timeout` for a climb).
    public var rule: String
    /// The alert this decision raised, updated or climbed to.
    public var alertID: String
    public var reasons: [Reason]
    /// The customer turns that caused it.
    public var utteranceIDs: [String]
    /// Guidance shown with the alert (the rule's `say`).
    public var guidance: String?
    /// Automatic responses to carry out.
    public var responses: [AutomaticResponse]
    /// For a climb (`acknowledgement-timeout`): the unacknowledged alert that climbed, which the climb supersedes (it is
    /// closed; the alert named by `alertID` carries on). Absent otherwise.
    public var climbedFrom: String?

    public init(
        callID: String, at: Int, kind: Kind, tier: Tier, rule: String, alertID: String, reasons: [Reason], utteranceIDs: [String],
        guidance: String?, responses: [AutomaticResponse], climbedFrom: String? = nil
    ) {
        self.callID = callID
        self.at = at
        self.kind = kind
        self.tier = tier
        self.rule = rule
        self.alertID = alertID
        self.reasons = reasons
        self.utteranceIDs = utteranceIDs
        self.guidance = guidance
        self.responses = responses
        self.climbedFrom = climbedFrom
    }
}

/// An alert's life in one call.
public struct Alert: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable { case open, acknowledged, climbed, resolved }

    public var id: String
    public var tier: Tier
    public var rule: String
    public var raisedAt: Int
    public var state: State
}
