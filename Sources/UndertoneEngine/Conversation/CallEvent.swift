/// One thing that happened on a call: the engine's whole input vocabulary, one JSON object a line on the wire.
///
/// Every line carries `"v"` (the format version, 1), `"type"`, `"call"` (the call id) and `"at"` (milliseconds since
/// the call started: time always comes from events, never from a clock). `docs/events.md` describes the format.
public enum CallEvent: Sendable, Equatable, Codable {
    case callStarted(CallStarted)
    case turn(Turn)
    case audio(AudioFrame)
    case voice(VoiceWindow)
    case agentAction(AgentAction)
    case alertAcknowledged(AlertAcknowledgement)
    case tick(ClockTick)
    case callEnded(CallEnded)

    /// The format version this build reads and writes (`"v"`).
    public static let formatVersion = 1
    /// The latest `at` (and `start`, `end`) an event may carry: 366 days in milliseconds. Bounding every time keeps sums
    /// such as `at + duration` far from overflowing, whatever a sender writes.
    public static let latestAt = 366 * 86_400_000
    /// The largest count an event may carry (history counts, syllables, pauses).
    public static let largestCount = 1_000_000
    /// The largest size of any other number an event carries (features, lifetime value).
    public static let largestMagnitude = 1e12
    /// Every event type's wire name, in the order a call usually meets them.
    public static let types = [
        CallStarted.eventType, Turn.eventType, AudioFrame.eventType, VoiceWindow.eventType, AgentAction.eventType, AlertAcknowledgement.eventType,
        ClockTick.eventType, CallEnded.eventType,
    ]

    /// The call the event belongs to.
    public var callID: String {
        switch self {
        case .callStarted(let event): event.callID
        case .turn(let event): event.callID
        case .audio(let event): event.callID
        case .voice(let event): event.callID
        case .agentAction(let event): event.callID
        case .alertAcknowledged(let event): event.callID
        case .tick(let event): event.callID
        case .callEnded(let event): event.callID
        }
    }

    /// Milliseconds since the call started.
    public var at: Int {
        switch self {
        case .callStarted(let event): event.at
        case .turn(let event): event.at
        case .audio(let event): event.at
        case .voice(let event): event.at
        case .agentAction(let event): event.at
        case .alertAcknowledged(let event): event.at
        case .tick(let event): event.at
        case .callEnded(let event): event.at
        }
    }

    /// The wire name of the event's type (`"turn"`, `"call_started"`, …).
    public var type: String {
        switch self {
        case .callStarted: CallStarted.eventType
        case .turn: Turn.eventType
        case .audio: AudioFrame.eventType
        case .voice: VoiceWindow.eventType
        case .agentAction: AgentAction.eventType
        case .alertAcknowledged: AlertAcknowledgement.eventType
        case .tick: ClockTick.eventType
        case .callEnded: CallEnded.eventType
        }
    }

    /// Decodes one line: checks `"v"` first (so a newer format reads as `unsupportedVersion`, not as a bad field), then
    /// dispatches on `"type"`. Fields this build does not know are ignored. Errors thrown are `CallEventError`s.
    public init(from decoder: any Decoder) throws {
        let fields = try EventFieldReader(decoder, event: nil)
        guard fields.isPresent("v") else { throw CallEventError.invalid("missing \"v\" (the format version, \(Self.formatVersion))") }
        guard let version = try? fields.container.decode(Int.self, forKey: "v") else {
            throw CallEventError.invalid("\"v\" must be an integer")
        }
        guard version == Self.formatVersion else { throw CallEventError.unsupportedVersion(version) }
        let type = try fields.string("type")
        switch type {
        case CallStarted.eventType: self = .callStarted(try CallStarted(from: decoder))
        case Turn.eventType: self = .turn(try Turn(from: decoder))
        case AudioFrame.eventType: self = .audio(try AudioFrame(from: decoder))
        case VoiceWindow.eventType: self = .voice(try VoiceWindow(from: decoder))
        case AgentAction.eventType: self = .agentAction(try AgentAction(from: decoder))
        case AlertAcknowledgement.eventType: self = .alertAcknowledged(try AlertAcknowledgement(from: decoder))
        case ClockTick.eventType: self = .tick(try ClockTick(from: decoder))
        case CallEnded.eventType: self = .callEnded(try CallEnded(from: decoder))
        default: throw CallEventError.unknownType(type)
        }
    }

    /// Writes the whole line, `"v"` and `"type"` included.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .callStarted(let event): try event.encode(to: encoder)
        case .turn(let event): try event.encode(to: encoder)
        case .audio(let event): try event.encode(to: encoder)
        case .voice(let event): try event.encode(to: encoder)
        case .agentAction(let event): try event.encode(to: encoder)
        case .alertAcknowledged(let event): try event.encode(to: encoder)
        case .tick(let event): try event.encode(to: encoder)
        case .callEnded(let event): try event.encode(to: encoder)
        }
    }

    /// Checks an event built in Swift (an adapter's output) by the same rules decoding applies.
    public func validate() throws(CallEventError) {
        switch self {
        case .callStarted(let event): try event.validate()
        case .turn(let event): try event.validate()
        case .audio(let event): try event.validate()
        case .voice(let event): try event.validate()
        case .agentAction(let event): try event.validate()
        case .alertAcknowledged(let event): try event.validate()
        case .tick(let event): try event.validate()
        case .callEnded(let event): try event.validate()
        }
    }
}
