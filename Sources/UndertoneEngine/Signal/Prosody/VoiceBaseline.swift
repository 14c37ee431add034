/// How one speaker usually sounds: the reference that vocal arousal is measured against, so that a deep voice, a high
/// one, a loud line or a quiet one all start at zero.
///
/// Built from windows of the speaker's voiced speech (by default the first seconds of the call). For each cue the
/// reference level is the median of the windows' values, weighted by voiced seconds, and the spread is the median
/// absolute deviation (scaled by 1.4826 to match a standard deviation) combined with the cue's least spread: robust to
/// a cough, a laugh or a shout among the baseline windows.
public struct VoiceBaseline: Sendable, Equatable {
    /// The windows with voiced speech it was built from.
    public private(set) var windows: [VoiceFeatures] = []
    /// Seconds of voiced speech in them.
    public private(set) var voicedSeconds = 0.0
    private var cache: [VoiceCue: Norm] = [:]

    /// A cue's reference level and spread.
    public struct Norm: Sendable, Equatable {
        public var level: Double
        public var spread: Double
    }

    public init() {}

    /// A baseline from windows (those without voiced speech are left out).
    public init(_ windows: some Sequence<VoiceFeatures>) {
        for window in windows where window.voiced > 0 { append(window) }
        refresh()
    }

    /// Adds a window.
    public mutating func add(_ window: VoiceFeatures) {
        guard window.voiced > 0 else { return }
        append(window)
        refresh()
    }

    private mutating func append(_ window: VoiceFeatures) {
        windows.append(window)
        voicedSeconds = VoiceFeatures.rounded(voicedSeconds + window.voiced)
    }

    private mutating func refresh() {
        cache = [:]
        for cue in VoiceCue.allCases { cache[cue] = Self.norm(cue, windows) }
    }

    /// The cue's reference, once there is a voiced window.
    public func norm(_ cue: VoiceCue) -> Norm? { cache[cue] }

    static func norm(_ cue: VoiceCue, _ windows: [VoiceFeatures]) -> Norm? {
        let pairs = windows.compactMap { window in cue.value(window).map { ($0, window.voiced) } }
        guard let level = weightedMedian(pairs) else { return nil }
        let deviation = weightedMedian(pairs.map { (abs($0.0 - level), $0.1) }) ?? 0
        let scaled = 1.4826 * deviation
        return Norm(level: level, spread: (cue.leastSpread * cue.leastSpread + scaled * scaled).squareRoot())
    }

    /// The value at which half the weight lies below and half above (the lower one when it falls between two).
    static func weightedMedian(_ pairs: [(Double, Double)]) -> Double? {
        let sorted = pairs.filter { $0.1 > 0 }.sorted { $0.0 < $1.0 }
        let total = sorted.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        var running = 0.0
        for (index, (value, weight)) in sorted.enumerated() {
            running += weight
            if running * 2 > total + 1e-9 { return value }
            if abs(running * 2 - total) <= 1e-9, index + 1 < sorted.count { return (value + sorted[index + 1].0) / 2 }
        }
        return sorted.last?.0
    }
}
