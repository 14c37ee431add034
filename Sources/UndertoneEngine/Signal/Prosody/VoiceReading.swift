/// How aroused a speaker sounds over a stretch of speech, against their own baseline.
public struct VoiceReading: Sendable, Equatable, Codable {
    /// Vocal arousal, 0...1: the probability-like score that the stretch sounds agitated (angry, stressed) rather than
    /// like the speaker's calm baseline.
    public var arousal: Double
    /// How far to trust it, 0...1: low when the stretch or the baseline holds little voiced speech.
    public var confidence: Double
    /// Each cue's distance from the baseline in baseline spreads (z), and what it added to the score, largest first.
    public var drivers: [VoiceDriver]

    public init(arousal: Double, confidence: Double, drivers: [VoiceDriver]) {
        self.arousal = arousal
        self.confidence = confidence
        self.drivers = drivers
    }
}

/// One cue's part in a reading: "loudness +2.1 (adds 1.8)".
public struct VoiceDriver: Sendable, Equatable, Codable {
    public var cue: VoiceCue
    /// Distance from the speaker's baseline, in baseline spreads; up is more aroused.
    public var z: Double
    /// Weight times z: what the cue added to the score's log-odds.
    public var contribution: Double

    public init(cue: VoiceCue, z: Double, contribution: Double) {
        self.cue = cue
        self.z = z
        self.contribution = contribution
    }
}
