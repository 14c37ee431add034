/// Everything the engine hears in one voice window: the window itself (what the log keeps and replays as a `voice`
/// event) and the reading it led to.
///
/// On the wire it is the window's own `voice` event line plus the reading's fields, so a logged output line reads back
/// as the event that rebuilds it (`CallEvent` ignores the fields it does not know).
public struct VoiceSignal: Sendable, Equatable {
    public var window: VoiceWindow
    /// Arousal over the latest stretch against the speaker's baseline; nil until the baseline is ready, or when the
    /// stretch has no voiced speech.
    public var reading: VoiceReading?
    /// Voiced seconds in the speaker's baseline so far.
    public var baselineSeconds: Double
    /// The speaker's vocal stress (the policy's `vocalStress` for the customer), when confident enough.
    public var vocalStress: Double?
    /// The speaker's words and voice together (the policy's `fusedStress` for the customer), when either is known.
    public var fusedStress: Double?
    /// The customer's words against their voice (the policy's `mismatch`), when both are recent.
    public var mismatch: Double?
    /// Talk-over, interruptions and dead air in this second, once both sides' windows for it are in.
    public var turnTaking: TurnTakingReading?

    public init(
        window: VoiceWindow, reading: VoiceReading?, baselineSeconds: Double, vocalStress: Double? = nil, fusedStress: Double? = nil,
        mismatch: Double? = nil, turnTaking: TurnTakingReading? = nil
    ) {
        self.window = window
        self.reading = reading
        self.baselineSeconds = baselineSeconds
        self.vocalStress = vocalStress
        self.fusedStress = fusedStress
        self.mismatch = mismatch
        self.turnTaking = turnTaking
    }

    /// The event that replays this signal.
    public var event: CallEvent { .voice(window) }
}

extension VoiceSignal: Codable {
    private enum Key: String, CodingKey {
        case reading, baselineSeconds = "baseline", vocalStress, fusedStress, mismatch, turnTaking
    }

    public init(from decoder: any Decoder) throws {
        window = try VoiceWindow(from: decoder)
        let container = try decoder.container(keyedBy: Key.self)
        reading = try container.decodeIfPresent(VoiceReading.self, forKey: .reading)
        baselineSeconds = try container.decodeIfPresent(Double.self, forKey: .baselineSeconds) ?? 0
        vocalStress = try container.decodeIfPresent(Double.self, forKey: .vocalStress)
        fusedStress = try container.decodeIfPresent(Double.self, forKey: .fusedStress)
        mismatch = try container.decodeIfPresent(Double.self, forKey: .mismatch)
        turnTaking = try container.decodeIfPresent(TurnTakingReading.self, forKey: .turnTaking)
    }

    public func encode(to encoder: any Encoder) throws {
        try window.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(reading, forKey: .reading)
        try container.encode(baselineSeconds, forKey: .baselineSeconds)
        try container.encodeIfPresent(vocalStress, forKey: .vocalStress)
        try container.encodeIfPresent(fusedStress, forKey: .fusedStress)
        try container.encodeIfPresent(mismatch, forKey: .mismatch)
        try container.encodeIfPresent(turnTaking, forKey: .turnTaking)
    }
}
