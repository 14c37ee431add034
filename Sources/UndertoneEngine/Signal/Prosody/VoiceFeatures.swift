import Foundation

/// What one stretch of one speaker's audio sounds like, in a few numbers: the compact record the event log keeps instead
/// of the audio (see `VoiceWindow`). Values are rounded to two decimals so that a logged window reads back exactly.
///
/// Durations are seconds. The voiced statistics are over the voiced frames (10 ms apart) and are absent when there are
/// none. Loudness is in dB relative to full scale; pitch in semitones relative to 100 Hz (12 a doubling), so that a
/// difference in pitch reads the same for a deep and a high voice.
public struct VoiceFeatures: Sendable, Equatable, Codable {
    /// Seconds of speech activity (energy well above the line's noise floor).
    public var speech: Double
    /// Seconds of voiced speech (periodic, with a pitch).
    public var voiced: Double
    /// Syllable nuclei heard: peaks of the loudness envelope in voiced speech, each at least 2 dB above the dips beside it.
    public var syllables: Int
    /// Seconds of pause (silence of 0.15 to 2 s between stretches of speech) that ended in this stretch.
    public var pauses: Double
    /// Pauses of 0.7 s or more among them.
    public var longPauses: Int
    /// Speech activity in 100 ms slots, "1" active and "0" not: what talk-over and dead air are read from. Empty for a
    /// combination of windows.
    public var activity: String
    /// Mean loudness of voiced frames, dBFS.
    public var loudness: Double?
    /// Standard deviation of voiced frames' loudness, dB.
    public var loudnessSpread: Double?
    /// Mean pitch, semitones relative to 100 Hz.
    public var pitch: Double?
    /// Standard deviation of pitch, semitones: how lively the intonation is.
    public var pitchSpread: Double?
    /// Pitch range, semitones: 90th less 10th percentile of the voiced frames.
    public var pitchRange: Double?
    /// Harmonics-to-noise ratio, dB, from the autocorrelation at the period: lower for a breathy or rough voice.
    public var harmonicity: Double?
    /// Energy of the signal's change from sample to sample against its energy, dB: higher for a tense, pressed voice whose
    /// upper harmonics are strong.
    public var brightness: Double?

    public init(
        speech: Double = 0, voiced: Double = 0, syllables: Int = 0, pauses: Double = 0, longPauses: Int = 0, activity: String = "",
        loudness: Double? = nil, loudnessSpread: Double? = nil, pitch: Double? = nil, pitchSpread: Double? = nil, pitchRange: Double? = nil,
        harmonicity: Double? = nil, brightness: Double? = nil
    ) {
        self.speech = speech
        self.voiced = voiced
        self.syllables = syllables
        self.pauses = pauses
        self.longPauses = longPauses
        self.activity = activity
        self.loudness = loudness
        self.loudnessSpread = loudnessSpread
        self.pitch = pitch
        self.pitchSpread = pitchSpread
        self.pitchRange = pitchRange
        self.harmonicity = harmonicity
        self.brightness = brightness
    }

    /// Mean pitch in Hz, when voiced.
    public var pitchHz: Double? { pitch.map { 100 * pow(2, $0 / 12) } }

    /// Syllables a second of speech, when there is speech.
    public var speakingRate: Double? { speech > 0 ? Double(syllables) / speech : nil }

    /// Pause time against speech and pause time together, 0...1.
    public var pauseRatio: Double { speech + pauses > 0 ? pauses / (speech + pauses) : 0 }

    /// Several stretches as one: counts and seconds add up; the voiced statistics are pooled, weighted by voiced seconds
    /// (spreads include the differences between the stretches' means; ranges are averaged).
    public static func combined(_ parts: some Sequence<VoiceFeatures>) -> VoiceFeatures {
        var total = VoiceFeatures()
        var weighted = [Double](repeating: 0, count: 7)
        var squares = [Double](repeating: 0, count: 2)
        for part in parts {
            total.speech += part.speech
            total.voiced += part.voiced
            total.syllables += part.syllables
            total.pauses += part.pauses
            total.longPauses += part.longPauses
            guard part.voiced > 0, let loudness = part.loudness, let pitch = part.pitch else { continue }
            let weight = part.voiced
            let loudnessSpread = part.loudnessSpread ?? 0
            let pitchSpread = part.pitchSpread ?? 0
            weighted[0] += weight * loudness
            weighted[1] += weight * pitch
            weighted[2] += weight * (part.pitchRange ?? 0)
            weighted[3] += weight * (part.harmonicity ?? 0)
            weighted[4] += weight * (part.brightness ?? 0)
            squares[0] += weight * (loudnessSpread * loudnessSpread + loudness * loudness)
            squares[1] += weight * (pitchSpread * pitchSpread + pitch * pitch)
        }
        total.speech = Self.rounded(total.speech)
        total.voiced = Self.rounded(total.voiced)
        total.pauses = Self.rounded(total.pauses)
        guard total.voiced > 0 else { return total }
        let weight = total.voiced
        let loudness = weighted[0] / weight
        let pitch = weighted[1] / weight
        total.loudness = Self.rounded(loudness)
        total.pitch = Self.rounded(pitch)
        total.loudnessSpread = Self.rounded(sqrt(max(0, squares[0] / weight - loudness * loudness)))
        total.pitchSpread = Self.rounded(sqrt(max(0, squares[1] / weight - pitch * pitch)))
        total.pitchRange = Self.rounded(weighted[2] / weight)
        total.harmonicity = Self.rounded(weighted[3] / weight)
        total.brightness = Self.rounded(weighted[4] / weight)
        return total
    }

    /// Two decimals (or `places`): what the log keeps.
    static func rounded(_ value: Double, places: Int = 2) -> Double {
        let scale = places == 2 ? 100 : pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
