/// How the voice is read over a call: how much speech makes a baseline, how long a stretch each reading covers.
public struct VoiceSettings: Sendable, Equatable {
    /// Voiced seconds of a speaker's first speech that make their baseline.
    public var baselineSeconds: Double
    /// Voiced seconds the baseline needs before readings start.
    public var leastBaselineSeconds: Double
    /// Each reading covers the windows of this many milliseconds, ending with the newest.
    public var stretchMs: Int
    /// Below this confidence the reading is kept out of the policy's `vocalStress` (and of `mismatch`).
    public var leastConfidence: Double

    public init(baselineSeconds: Double = 5, leastBaselineSeconds: Double = 1.5, stretchMs: Int = 3000, leastConfidence: Double = 0.3) {
        self.baselineSeconds = baselineSeconds
        self.leastBaselineSeconds = leastBaselineSeconds
        self.stretchMs = stretchMs
        self.leastConfidence = leastConfidence
    }
}

/// One speaker's voice over a call: their baseline, then a reading of vocal arousal for each new window.
///
/// A function of the speaker's `VoiceWindow`s alone, in order: replaying the windows the log kept rebuilds it exactly.
public struct SpeakerVoice: Sendable, Equatable {
    public let settings: VoiceSettings
    public private(set) var baseline: VoiceBaseline
    /// False when the baseline was given (recordings of the same speaker) rather than learnt from the call.
    public let learnsBaseline: Bool
    /// The reading over the latest stretch with voiced speech, if the baseline was ready.
    public private(set) var latest: VoiceReading?
    /// The latest reading at or above `leastConfidence`: a stretch that holds only the first syllables of a turn does not
    /// replace what the speaker's last full stretch of speech said.
    public private(set) var confident: VoiceReading?
    private var stretch: [VoiceWindow] = []

    /// A voice that learns its baseline from its first `settings.baselineSeconds` of voiced speech.
    public init(settings: VoiceSettings = VoiceSettings()) {
        self.settings = settings
        baseline = VoiceBaseline()
        learnsBaseline = true
    }

    /// A voice read against a baseline given in advance.
    public init(baseline: VoiceBaseline, settings: VoiceSettings = VoiceSettings()) {
        self.settings = settings
        self.baseline = baseline
        learnsBaseline = false
    }

    /// Whether the baseline has enough speech for readings: `leastBaselineSeconds` when learnt, any when given (the
    /// confidence says how much there was).
    public var isReady: Bool { learnsBaseline ? baseline.voicedSeconds >= settings.leastBaselineSeconds : baseline.voicedSeconds > 0 }

    /// Whether the baseline has all the speech it takes (or was given).
    public var baselineIsComplete: Bool { !learnsBaseline || baseline.voicedSeconds >= settings.baselineSeconds }

    /// Vocal stress for the policy: the arousal of the latest reading whose confidence is at least `leastConfidence`.
    public var stress: Double? { confident?.arousal }

    /// Arousal at which a window is kept out of a baseline still being learnt: the baseline is how the speaker sounds
    /// calm, and a customer who turns angry before it is complete must not teach it that anger is their normal.
    static let baselineArousalLimit = 0.7

    /// Voiced seconds a baseline holds before it judges which windows are too aroused to join it. One short sentence is
    /// too little to tell anger from the next sentence said a little louder: judged against it, calm speech was kept out
    /// as "aroused", the baseline stalled on that sentence, and later calm turns read as angry (RAVDESS calls of four
    /// utterance draws, default policy: 6 of 48 calm customers alerted, 4 with this).
    static let baselineGuardFromSeconds = 3.0

    /// Takes the speaker's next window; returns the reading for the stretch it ends, or nil when the baseline is not
    /// ready or the stretch holds no voiced speech (the latest reading then stands).
    public mutating func add(_ window: VoiceWindow) -> VoiceReading? {
        if learnsBaseline && !baselineIsComplete {
            let judged = baseline.voicedSeconds >= Self.baselineGuardFromSeconds
            let aroused = judged && (VocalArousal.read([window.features], against: baseline)?.arousal ?? 0) >= Self.baselineArousalLimit
            if !aroused { baseline.add(window.features) }
        }
        stretch.append(window)
        let end = window.at + window.durationMs
        stretch.removeAll { $0.at + $0.durationMs <= end - settings.stretchMs || $0.at > window.at }
        guard isReady, let reading = VocalArousal.read(stretch.map(\.features), against: baseline) else { return nil }
        latest = reading
        if reading.confidence >= settings.leastConfidence { confident = reading }
        return reading
    }
}
