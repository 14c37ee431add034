/// What a supervisor or agent made of an alert; the learning loop counts these.
public enum AlertOutcome: String, CaseIterable, Codable, Sendable, Hashable {
    /// Seen; nothing more said.
    case acknowledged
    /// Seen and it helped.
    case useful
    /// Seen and not worth raising: a false alarm.
    case dismissed
    /// Seen and the situation behind it is dealt with.
    case resolved
}

/// Someone answered an alert the engine raised on this call.
public struct AlertAcknowledgement: Sendable, Equatable, Codable {
    /// The wire name of this event, its `"type"`.
    public static let eventType = "alert_ack"

    /// The call's id (JSON `"call"`).
    public var callID: String
    /// Milliseconds since the call started.
    public var at: Int
    /// The alert's id as the engine gave it (JSON `"alert"`).
    public var alertID: String
    /// The user who answered.
    public var by: String
    public var outcome: AlertOutcome

    public init(callID: String, at: Int, alertID: String, by: String, outcome: AlertOutcome) {
        self.callID = callID
        self.at = at
        self.alertID = alertID
        self.by = by
        self.outcome = outcome
    }

    /// Reads the fields; the version and type are checked by `CallEvent`, which is how a line should be decoded.
    public init(from decoder: any Decoder) throws {
        let fields = try EventFieldReader(decoder, event: Self.eventType)
        callID = try fields.string("call")
        at = try fields.int("at")
        alertID = try fields.string("alert")
        by = try fields.string("by")
        outcome = try fields.case(AlertOutcome.self, "outcome")
        try validate()
    }

    /// Writes the whole line, `"v"` and `"type"` included.
    public func encode(to encoder: any Encoder) throws {
        var out = try EventFieldWriter(encoder, type: Self.eventType, callID: callID, at: at)
        try out.encode(alertID, "alert")
        try out.encode(by, "by")
        try out.encode(outcome, "outcome")
    }

    /// Checks the ids are not empty and `at` is not negative.
    public func validate() throws(CallEventError) {
        let rules = EventRules(event: Self.eventType)
        try rules.common(callID: callID, at: at)
        try rules.nonEmpty(alertID, "alert")
        try rules.nonEmpty(by, "by")
    }
}
