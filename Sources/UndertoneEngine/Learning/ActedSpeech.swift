/// One recording of an acted-emotion corpus named in RAVDESS's scheme, `03-01-EE-II-SS-RR-AA.wav`: modality, vocal
/// channel, emotion, intensity, statement, repetition, actor.
public struct ActedUtterance: Sendable, Equatable, Hashable {
    /// RAVDESS's emotion codes.
    public enum Emotion: Int, Sendable, CaseIterable {
        case neutral = 1, calm, happy, sad, angry, fearful, disgust, surprised
    }

    public var emotion: Emotion
    /// 1 normal, 2 strong.
    public var intensity: Int
    /// 1 or 2: which of the two sentences.
    public var statement: Int
    /// 1 or 2.
    public var repetition: Int
    /// 1–24; odd male, even female.
    public var actor: Int

    /// Parses a file name (with or without its folder and `.wav`); nil for a name of another shape.
    public init?(fileName: String) {
        var name = Substring(fileName.split(separator: "/").last ?? "")
        if name.lowercased().hasSuffix(".wav") { name = name.dropLast(4) }
        let parts = name.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 7, let emotion = Emotion(rawValue: parts[2]) else { return nil }
        self.emotion = emotion
        intensity = parts[3]
        statement = parts[4]
        repetition = parts[5]
        actor = parts[6]
    }

    /// The protocol: an actor's neutral statements of repetition 1 are their baseline.
    public var isBaseline: Bool { emotion == .neutral && repetition == 1 }

    /// True for angry (ranked high), false for neutral or calm outside the baseline (ranked low), nil for the rest.
    public var isAngry: Bool? {
        if isBaseline { return nil }
        switch emotion {
        case .angry: return true
        case .neutral, .calm: return false
        default: return nil
        }
    }
}
