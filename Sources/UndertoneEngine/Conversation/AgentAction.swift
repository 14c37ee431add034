/// Something the agent did on the call, as the telephony or desktop reports it.
public enum AgentActionKind: String, CaseIterable, Codable, Sendable, Hashable {
    case holdStart = "hold_start"
    case holdEnd = "hold_end"
    case transfer, mute, unmute, note
    /// The conversation is over for the agent, who is now doing its after-call work (notes, disposition).
    case wrapUp = "wrap_up"
}

/// The agent put the customer on hold, took them off, transferred, muted, unmuted, wrote a note, or began wrapping up.
public struct AgentAction: Sendable, Equatable, Codable {
    /// The wire name of this event, its `"type"`.
    public static let eventType = "agent_action"

    /// The call's id (JSON `"call"`).
    public var callID: String
    /// Milliseconds since the call started.
    public var at: Int
    public var action: AgentActionKind
    /// Where a transfer goes (a queue or an agent id), if known.
    public var target: String?
    /// The text of a note, or a free-text remark on any action.
    public var note: String?

    public init(callID: String, at: Int, action: AgentActionKind, target: String? = nil, note: String? = nil) {
        self.callID = callID
        self.at = at
        self.action = action
        self.target = target
        self.note = note
    }

    /// Reads the fields; the version and type are checked by `CallEvent`, which is how a line should be decoded.
    public init(from decoder: any Decoder) throws {
        let fields = try EventFieldReader(decoder, event: Self.eventType)
        callID = try fields.string("call")
        at = try fields.int("at")
        action = try fields.case(AgentActionKind.self, "action")
        target = try fields.optionalString("target")
        note = try fields.optionalString("note")
        try validate()
    }

    /// Writes the whole line, `"v"` and `"type"` included.
    public func encode(to encoder: any Encoder) throws {
        var out = try EventFieldWriter(encoder, type: Self.eventType, callID: callID, at: at)
        try out.encode(action, "action")
        try out.encodeIfPresent(target, "target")
        try out.encodeIfPresent(note, "note")
    }

    /// Checks the call id is not empty and `at` is not negative.
    public func validate() throws(CallEventError) {
        try EventRules(event: Self.eventType).common(callID: callID, at: at)
    }
}
