/// What the engine emits as a call goes on.
public enum EngineOutput: Sendable, Equatable {
    /// The reading of one final turn.
    case signal(TurnSignal)
    /// A decision with its reasons.
    case decision(Decision)
    /// One voice window and its reading (voice calls): the log keeps it and replays it as a `voice` event.
    case voice(VoiceSignal)
    /// Hints and knowledge-base articles for the agent.
    case guidance(Guidance)

    /// The call the output belongs to.
    public var callID: String {
        switch self {
        case .signal(let signal): signal.callID
        case .decision(let decision): decision.callID
        case .voice(let voice): voice.window.callID
        case .guidance(let guidance): guidance.callID
        }
    }

    /// Event time of the output (milliseconds since the call started).
    public var at: Int {
        switch self {
        case .signal(let signal): signal.at
        case .decision(let decision): decision.at
        case .voice(let voice): voice.window.at
        case .guidance(let guidance): guidance.at
        }
    }

    /// The wire name of the output's type: `signal`, `decision`, `voice` or `guidance`.
    public var type: String {
        switch self {
        case .signal: "signal"
        case .decision: "decision"
        case .voice: "voice"
        case .guidance: "guidance"
        }
    }
}

/// One JSON object per output: the payload's own fields plus `"type"` (`signal`, `decision`, `voice` or `guidance`).
extension EngineOutput: Codable {
    private enum TypeKey: String, CodingKey { case type }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeKey.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "signal": self = .signal(try TurnSignal(from: decoder))
        case "decision": self = .decision(try Decision(from: decoder))
        case "voice": self = .voice(try VoiceSignal(from: decoder))
        case "guidance": self = .guidance(try Guidance(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown output type \"\(type)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .signal(let signal): try signal.encode(to: encoder)
        case .decision(let decision): try decision.encode(to: encoder)
        case .voice(let voice): try voice.encode(to: encoder)
        case .guidance(let guidance): try guidance.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: TypeKey.self)
        try container.encode(type, forKey: .type)
    }
}
