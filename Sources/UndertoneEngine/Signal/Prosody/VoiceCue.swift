/// A voice feature that the arousal score reads, oriented so that up means more aroused.
public enum VoiceCue: String, CaseIterable, Codable, Sendable, Hashable {
    /// Mean loudness of voiced speech (dB).
    case loudness
    /// Mean pitch (semitones).
    case pitch
    /// Pitch variability within each second (semitones).
    case pitchVariability
    /// Strength of the upper harmonics: a tense, pressed voice (dB).
    case brightness
    /// Harmonics-to-noise ratio turned round: a rough, strained voice (dB, negated).
    case roughness

    /// The cue's value for one window, when it has voiced speech.
    func value(_ features: VoiceFeatures) -> Double? {
        switch self {
        case .loudness: features.loudness
        case .pitch: features.pitch
        case .pitchVariability: features.pitchSpread
        case .brightness: features.brightness
        case .roughness: features.harmonicity.map { -$0 }
        }
    }

    /// The least spread a baseline is credited with, in the cue's units: a short or monotonous baseline would otherwise
    /// make every small change look large. About half of a typical speaker's second-to-second variation.
    var leastSpread: Double {
        switch self {
        case .loudness: 3
        case .pitch: 1.5
        case .pitchVariability: 0.75
        case .brightness: 1
        case .roughness: 1
        }
    }
}
