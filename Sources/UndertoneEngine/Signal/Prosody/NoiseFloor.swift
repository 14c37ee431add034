/// The line's noise floor, by minimum statistics over the frames that are not voiced: the quietest of the last 500 of
/// them (five seconds of a pause-filled line). Speech is the frames well above it, so a noisy line and a quiet one are
/// judged alike; voiced frames never raise it, so a long vowel does not become the floor.
struct NoiseFloor: Sendable {
    /// How far above the floor an unvoiced frame must be to count as speech (a fricative, a plosive), dB.
    static let speechMargin: Float = 12
    /// How far above the floor a frame must be for its pitch to be looked for (a voiced frame there is speech), dB.
    static let voicingMargin: Float = 3
    /// Frames quieter than this are never speech, whatever the floor (digital silence has no floor to speak of).
    static let quietest: Float = -70
    static let blockFrames = 50
    static let blocks = 10

    private var minima = ContiguousArray<Float>(repeating: .infinity, count: blocks)
    private var block = 0
    private var framesInBlock = 0
    /// The floor, dBFS; infinity before any unvoiced frame.
    private(set) var level: Float = .infinity

    /// Whether a frame at this level may be voiced speech, so its pitch is worth measuring.
    func mayBeVoiced(_ frameLevel: Float) -> Bool {
        frameLevel > Self.quietest && (level == .infinity || frameLevel > level + Self.voicingMargin)
    }

    /// Takes an unvoiced frame's level (dBFS) and says whether the frame is (unvoiced) speech.
    mutating func isSpeech(unvoiced frameLevel: Float) -> Bool {
        let clamped = max(frameLevel, -120)
        if clamped < minima[block] { minima[block] = clamped }
        level = min(level, clamped)
        framesInBlock += 1
        if framesInBlock == Self.blockFrames {
            framesInBlock = 0
            block = (block + 1) % Self.blocks
            level = minima.min() ?? clamped
            minima[block] = .infinity
        }
        return frameLevel > level + Self.speechMargin && frameLevel > Self.quietest
    }
}
