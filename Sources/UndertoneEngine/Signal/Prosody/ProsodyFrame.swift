/// What one 10 ms step of audio holds, measured over the 32 ms from its start.
struct ProsodyFrame: Sendable, Equatable {
    /// Loudness, dBFS (a full-scale sine is -3).
    var level: Float
    /// Well above the noise floor.
    var isSpeech: Bool
    var pitch: PitchEstimate
    /// Energy of the first difference against energy, dB (0 for a signal at half the sample rate; about -20 at 500 Hz).
    var brightness: Float

    var isVoiced: Bool { isSpeech && pitch.voiced }
}
