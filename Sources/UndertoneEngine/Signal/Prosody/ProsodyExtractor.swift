import Foundation

/// Turns one speaker's audio, 8 kHz mono, into a `VoiceWindow` a second, as it streams in chunk by chunk.
///
/// Every 10 ms it measures the next 32 ms: loudness, the pitch and how periodic the frame is (`PitchTracker`), whether it
/// is speech (voiced, or well above the line's noise floor: `NoiseFloor`), and brightness. Frames go into syllable counting, pause tracking and
/// the window's statistics; each full second of frames becomes a window on the call's clock. Work per second is fixed
/// and nothing is allocated per sample, so a core analyses a few thousand seconds of audio a second.
public struct ProsodyExtractor: Sendable {
    /// The rate the voice features run at: telephony's.
    public static let sampleRate = 8000
    static let frameMs = 10
    static let hop = sampleRate * frameMs / 1000
    /// Frames in a window.
    static let windowFrames = 100
    public static let windowMs = windowFrames * frameMs
    /// Pauses are silences of 15 to 200 frames (0.15 to 2 s) between speech; 70 frames or more is a long one.
    static let shortestPauseFrames = 15
    static let longestPauseFrames = 200
    static let longPauseFrames = 70

    /// The half-band-ish low-pass before halving the rate for the coarse pitch pass: 31 taps, cut-off 1.5 kHz.
    static let lowPassHalfTaps = 15
    static let lowPass: ContiguousArray<Float> = {
        let cutoff = 1500.0 / Double(sampleRate)
        let raw = (-lowPassHalfTaps...lowPassHalfTaps).map { tap in
            2 * cutoff * VectorMath.sinc(2 * cutoff * Double(tap)) * VectorMath.blackman(Double(tap) / Double(lowPassHalfTaps + 1))
        }
        let gain = raw.reduce(0, +)
        return ContiguousArray(raw.map { Float($0 / gain) })
    }()

    public let callID: String
    public let track: SpeakerRole
    /// Call time of the first sample, milliseconds.
    public let startMs: Int

    /// 8 kHz samples; `samples[0]` is sample `samplesStart` (negative: the zeros before the stream).
    private var samples: ContiguousArray<Float>
    private var samplesStart: Int
    /// Samples of real audio received.
    public private(set) var received = 0
    /// The 4 kHz signal for the coarse pitch pass; `coarse[0]` is sample `coarseStart`.
    private var coarse = ContiguousArray<Float>()
    private var coarseStart = 0
    private var nextFrame = 0
    private var pitch = PitchTracker()
    private var noise = NoiseFloor()
    private var syllables = SyllableCounter()
    private var builder = VoiceFeaturesBuilder()
    private var silentFrames = 0
    private var hasSpoken = false
    /// Tests set this to read every frame's measurements from `frames`.
    var keepsFrames = false
    private(set) var frames: [ProsodyFrame] = []

    /// An extractor for one track of a call whose first sample is heard at `startMs`.
    public init(callID: String, track: SpeakerRole, startMs: Int = 0) {
        self.callID = callID
        self.track = track
        self.startMs = startMs
        samples = ContiguousArray(repeating: 0, count: Self.lowPassHalfTaps + 1)
        samplesStart = -(Self.lowPassHalfTaps + 1)
        samples.reserveCapacity(16_384)
        coarse.reserveCapacity(8192)
    }

    /// Adds samples (8 kHz, -1...1) and returns the windows they complete.
    public mutating func append(_ chunk: UnsafeBufferPointer<Float>) -> [VoiceWindow] {
        samples.append(contentsOf: chunk)
        received += chunk.count
        return run()
    }

    /// Adds samples held in an array.
    public mutating func append(_ chunk: ContiguousArray<Float>) -> [VoiceWindow] {
        chunk.withUnsafeBufferPointer { append($0) }
    }

    /// Ends the stream: analyses what is left and returns the last windows, the final one shorter than a second when the
    /// audio ends mid-window (none when it ends on a window's edge).
    public mutating func finish() -> [VoiceWindow] {
        samples.append(contentsOf: repeatElement(0, count: PitchTracker.fineSpan + 2 * PitchTracker.coarseSpan + 2 * Self.hop))
        var windows = run()
        if builder.frames > 0 {
            let index = (nextFrame - 1) / Self.windowFrames
            let duration = builder.frames * Self.frameMs
            windows.append(closeWindow(index: index, durationMs: duration))
        }
        return windows
    }

    private mutating func closeWindow(index: Int, durationMs: Int) -> VoiceWindow {
        VoiceWindow(callID: callID, at: startMs + index * Self.windowMs, track: track, durationMs: durationMs, features: builder.build())
    }

    private mutating func run() -> [VoiceWindow] {
        decimate()
        var windows: [VoiceWindow] = []
        let fine = samples
        let low = coarse
        let available = samplesStart + fine.count
        fine.withUnsafeBufferPointer { fineBuffer in
            low.withUnsafeBufferPointer { lowBuffer in
                while nextFrame * Self.hop < received {
                    let start = nextFrame * Self.hop
                    let coarseFrameStart = nextFrame * Self.hop / 2
                    guard start + PitchTracker.fineSpan <= available,
                        coarseFrameStart + PitchTracker.coarseSpan <= coarseStart + lowBuffer.count
                    else { break }
                    let frame = measure(
                        fine: fineBuffer.baseAddress! + (start - samplesStart), coarse: lowBuffer.baseAddress! + (coarseFrameStart - coarseStart))
                    add(frame)
                    if keepsFrames { frames.append(frame) }
                    nextFrame += 1
                    if builder.frames == Self.windowFrames {
                        windows.append(closeWindow(index: (nextFrame - 1) / Self.windowFrames, durationMs: Self.windowMs))
                    }
                }
            }
        }
        compact()
        return windows
    }

    /// Extends the 4 kHz signal as far as the 8 kHz samples allow.
    private mutating func decimate() {
        let half = Self.lowPassHalfTaps
        let source = samples
        let end = samplesStart + source.count
        var produced = coarseStart + coarse.count
        source.withUnsafeBufferPointer { input in
            Self.lowPass.withUnsafeBufferPointer { taps in
                while 2 * produced + half < end {
                    let first = 2 * produced - half - samplesStart
                    coarse.append(VectorMath.dot(input.baseAddress! + first, taps.baseAddress!, count: 2 * half + 1))
                    produced += 1
                }
            }
        }
    }

    private mutating func measure(fine: UnsafePointer<Float>, coarse: UnsafePointer<Float>) -> ProsodyFrame {
        let window = PitchTracker.fineWindow
        let energy = VectorMath.energy(fine, count: window)
        let level = 10 * log10(energy / Float(window) + 1e-12)
        let estimate = noise.mayBeVoiced(level) ? pitch.estimate(coarse: coarse, fine: fine) : .unvoiced
        let isSpeech = estimate.voiced || noise.isSpeech(unvoiced: level)
        var brightness: Float = 0
        if estimate.voiced {
            // Σ (x[n] − x[n−1])² = E + E₋₁ − 2·Σ x[n]·x[n−1].
            let before = VectorMath.energy(fine - 1, count: window)
            let change = max(0, energy + before - 2 * VectorMath.dot(fine, fine - 1, count: window))
            brightness = 10 * log10(max(change, 1e-12) / max(energy, 1e-12))
        }
        return ProsodyFrame(level: level, isSpeech: isSpeech, pitch: estimate, brightness: brightness)
    }

    private mutating func add(_ frame: ProsodyFrame) {
        var pause: Int?
        if frame.isSpeech {
            if hasSpoken && (Self.shortestPauseFrames...Self.longestPauseFrames).contains(silentFrames) { pause = silentFrames }
            silentFrames = 0
            hasSpoken = true
        } else {
            silentFrames += 1
        }
        let syllable = syllables.add(level: frame.level, voiced: frame.isVoiced)
        builder.add(frame, syllable: syllable, pause: pause)
    }

    /// Drops samples no later frame needs.
    private mutating func compact() {
        let keep = min(nextFrame * Self.hop - 1, 2 * (coarseStart + coarse.count) - Self.lowPassHalfTaps - 1)
        if keep - samplesStart >= 8192 {
            samples.removeFirst(keep - samplesStart)
            samplesStart = keep
        }
        let keepCoarse = nextFrame * Self.hop / 2
        if keepCoarse - coarseStart >= 4096 {
            coarse.removeFirst(keepCoarse - coarseStart)
            coarseStart = keepCoarse
        }
    }
}
