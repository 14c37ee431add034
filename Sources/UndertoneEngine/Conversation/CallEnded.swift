/// The call is over: how it ended and, if the customer answered a survey, their score. The last event of every call.
public struct CallEnded: Sendable, Equatable, Codable {
    /// The wire name of this event, its `"type"`.
    public static let eventType = "call_ended"

    /// The call's id (JSON `"call"`).
    public var callID: String
    /// Milliseconds since the call started: the call's length.
    public var at: Int
    /// How the call ended in the contact centre's words ("resolved", "unresolved", "abandoned", "transferred"), if known.
    public var disposition: String?
    /// The customer's post-call survey score, 1 (worst) to 5 (best), if they gave one.
    public var survey: Int?

    public init(callID: String, at: Int, disposition: String? = nil, survey: Int? = nil) {
        self.callID = callID
        self.at = at
        self.disposition = disposition
        self.survey = survey
    }

    /// Reads the fields; the version and type are checked by `CallEvent`, which is how a line should be decoded.
    public init(from decoder: any Decoder) throws {
        let fields = try EventFieldReader(decoder, event: Self.eventType)
        callID = try fields.string("call")
        at = try fields.int("at")
        disposition = try fields.optionalString("disposition")
        survey = try fields.optionalInt("survey")
        try validate()
    }

    /// Writes the whole line, `"v"` and `"type"` included.
    public func encode(to encoder: any Encoder) throws {
        var out = try EventFieldWriter(encoder, type: Self.eventType, callID: callID, at: at)
        try out.encodeIfPresent(disposition, "disposition")
        try out.encodeIfPresent(survey, "survey")
    }

    /// Checks the call id is not empty, `at` is not negative and the survey score is 1...5.
    public func validate() throws(CallEventError) {
        let rules = EventRules(event: Self.eventType)
        try rules.common(callID: callID, at: at)
        if let survey, !(1...5).contains(survey) { throw rules.failure("\"survey\" must be from 1 to 5") }
    }
}
