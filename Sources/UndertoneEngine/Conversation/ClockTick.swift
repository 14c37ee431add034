/// Time passed on the call with nothing else happening: the call reached event time `at`. The server's clock makes
/// these (an alert past its acknowledgement time on a quiet call must climb on time), and they enter the log like any
/// event, so the engine stays free of clocks and replay climbs the same alerts at the same times (docs/nodes.md).
public struct ClockTick: Sendable, Equatable, Codable {
    /// The wire name of this event, its `"type"`.
    public static let eventType = "tick"

    /// The call's id (JSON `"call"`).
    public var callID: String
    /// Milliseconds since the call started.
    public var at: Int

    public init(callID: String, at: Int) {
        self.callID = callID
        self.at = at
    }

    /// Reads the fields; the version and type are checked by `CallEvent`, which is how a line should be decoded.
    public init(from decoder: any Decoder) throws {
        let fields = try EventFieldReader(decoder, event: Self.eventType)
        callID = try fields.string("call")
        at = try fields.int("at")
        try validate()
    }

    /// Writes the whole line, `"v"` and `"type"` included.
    public func encode(to encoder: any Encoder) throws {
        _ = try EventFieldWriter(encoder, type: Self.eventType, callID: callID, at: at)
    }

    /// Checks the call id is not empty and `at` is not negative.
    public func validate() throws(CallEventError) {
        try EventRules(event: Self.eventType).common(callID: callID, at: at)
    }
}
