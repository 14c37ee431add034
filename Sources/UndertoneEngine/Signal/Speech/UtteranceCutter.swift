import Foundation

/// One stretch of speech cut from a track, ready for a transcriber.
public struct Utterance: Sendable, Equatable {
    public var track: SpeakerRole
    /// When the speech began and ended, in milliseconds since the call started (the margins aside).
    public var startMs: Int
    public var endMs: Int
    /// Samples in [-1, 1] at `sampleRate`, from `marginMs` before `startMs` to `marginMs` after `endMs` (less at the
    /// track's start).
    public var samples: [Float]
    /// 8000 (the telephone band), or 16000 when the track arrived wideband: the band a transcriber is given is the one
    /// the caller's audio had.
    public var sampleRate: Int
    /// Milliseconds of the utterance judged to be speech (its pauses aside).
    public var speechMs: Int

    public init(track: SpeakerRole, startMs: Int, endMs: Int, samples: [Float], sampleRate: Int = UtteranceCutter.sampleRate, speechMs: Int) {
        self.track = track
        self.startMs = startMs
        self.endMs = endMs
        self.samples = samples
        self.sampleRate = sampleRate
        self.speechMs = speechMs
    }
}

/// How the cutter decides where speech starts and ends.
public struct UtteranceSettings: Sendable, Equatable {
    /// Silence that ends an utterance, ms: longer than the pauses inside a sentence, short enough that words come soon.
    public var endSilenceMs = 600
    /// Speech shorter than this is dropped (a click, a cough, a door), ms.
    public var shortestMs = 250
    /// An utterance still going after this long is cut at its quietest moment in the last two seconds, ms (Whisper
    /// reads 30 s at most).
    public var longestMs = 20_000
    /// Audio kept before the first and after the last speech frame, so that soft onsets and endings are not clipped, ms.
    public var marginMs = 250
    /// How far above the line's noise floor a frame must be to count as speech, dB.
    public var marginAboveNoise: Float = 10
    /// Frames quieter than this are never speech, dBFS (digital silence, a muted line).
    public var quietest: Float = -55

    public init() {}
}

/// Cuts one track's audio into utterances by voice activity: 10 ms frames are speech when they stand well above the
/// line's noise floor (the quietest frames of the last ten seconds); an utterance starts with three speech frames out of
/// five and ends after `endSilenceMs` without one. Audio is placed by the frames' `at`, so gaps (a hold, lost packets)
/// count as silence. Pure: feed it frames, take utterances.
///
/// Without this a transcriber such as Whisper invents text on silence and noise, and with it each utterance is decoded
/// once, whole, which is how Whisper reads best.
///
/// Voice activity is judged at 8 kHz whatever the line. A track that arrives at 16 kHz (a softphone, WebRTC) also
/// keeps its wideband audio, and its utterances carry that: Whisper reads 16 kHz, and the band above 4 kHz (s, f, ch)
/// is what telephone-band speech loses.
public struct UtteranceCutter: Sendable {
    public let track: SpeakerRole
    public let settings: UtteranceSettings
    public static let sampleRate = 8000
    /// The one wideband rate frames may arrive at (`AudioFrame.sampleRates`).
    public static let wideRate = 16000
    static let frameSamples = 80
    static let frameMs = 10
    /// The noise floor's memory: ten blocks of a second each.
    static let floorBlocks = 10
    static let floorBlockFrames = 100

    /// Samples not yet framed.
    private var pendingSamples: [Float] = []
    /// Where the next sample sits, in 8 kHz samples since the call started (nil before the first frame).
    private var position: Int?
    /// Recent audio kept for the margin before an utterance starts.
    private var history: [Float] = []
    /// The utterance being collected.
    private var current: [Float] = []
    private var currentStart = 0
    /// Where the speech of the utterance being collected began, in samples since the call started.
    private var onsetSample = 0
    private var inSpeech = false
    private var lastSpeechSample = 0
    private var speechFrames = 0
    private var recent: [Bool] = []
    private var frameLevels: [Float] = []
    private var floorMinima = [Float](repeating: .infinity, count: floorBlocks)
    private var floorBlock = 0
    private var floorFrames = 0
    private var decoder = AudioDecoder()
    /// The track's 16 kHz audio while it arrives at that rate, from a little before what the utterance in progress (or
    /// the margin before the next one) may need; empty on a narrowband track.
    private var wide: [Float] = []
    /// Where `wide[0]` sits, in 16 kHz samples since the call started.
    private var wideStart = 0
    /// The rate of the last frame.
    private var lastRate = 0

    public init(track: SpeakerRole, settings: UtteranceSettings = UtteranceSettings()) {
        self.track = track
        self.settings = settings
    }

    /// The noise floor now, dBFS (infinity before the first frame).
    public var noiseFloor: Float { floorMinima.min() ?? .infinity }

    /// Whether an utterance is being collected.
    public var isInUtterance: Bool { inSpeech }

    /// Takes one frame of this track; returns the utterances it completes.
    public mutating func add(_ frame: AudioFrame) -> [Utterance] {
        let native = decoder.samples(of: frame)
        if frame.sampleRate == Self.wideRate {
            // Wideband again after telephone-band frames: what `wide` holds stops where they began.
            if lastRate != Self.wideRate { wide = [] }
            keepWide(native, at: frame.at)
        }
        // A drop to the telephone band keeps `wide`: an utterance it covers whole is still wideband.
        lastRate = frame.sampleRate
        let samples = decoder.narrowband(native, rate: frame.sampleRate)
        let start = frame.at * Self.sampleRate / 1000
        var out: [Utterance] = []
        if let position {
            let expected = position + pendingSamples.count
            if start > expected + Self.frameSamples {
                out += add(samples: [Float](repeating: 0, count: min(start - expected, Self.sampleRate * 60)))
            } else if start < expected - Self.frameSamples {
                // Overlap (a resent packet): keep only what is new.
                let overlap = expected - start
                if overlap < samples.count { out += add(samples: Array(samples[overlap...])) }
                trimWide()
                return out
            }
        } else {
            position = start
        }
        out += add(samples: samples)
        trimWide()
        return out
    }

    /// Places a 16 kHz frame in `wide` by its time, as `add(_:)` places the 8 kHz one: a gap is silence, an overlap
    /// keeps what is new.
    private mutating func keepWide(_ samples: [Float], at: Int) {
        let start = at * Self.wideRate / 1000
        let slack = 2 * Self.frameSamples
        if wide.isEmpty {
            wideStart = start
            wide = samples
            return
        }
        let expected = wideStart + wide.count
        if start > expected + slack {
            wide += [Float](repeating: 0, count: min(start - expected, Self.wideRate * 60))
        } else if start < expected - slack {
            let overlap = expected - start
            if overlap < samples.count { wide += samples[overlap...] }
            return
        }
        wide += samples
    }

    /// Drops the wideband audio no utterance can need any more: everything before the utterance in progress, or before
    /// the margin kept for the next one.
    private mutating func trimWide() {
        guard !wide.isEmpty, let position else { return }
        let needed = (inSpeech ? currentStart : position - history.count - Self.frameSamples) * 2 - 2 * Self.frameSamples
        let drop = min(wide.count, needed - wideStart)
        guard drop > Self.wideRate / 2 else { return }
        wide.removeFirst(drop)
        wideStart += drop
    }

    /// The wideband audio of 8 kHz samples `from..<to`, when `wide` holds all of it (a frame's worth short at the end
    /// is padded: the resampler's delay).
    private func wideAudio(from: Int, to: Int) -> [Float]? {
        let first = from * 2 - wideStart
        let last = to * 2 - wideStart
        guard !wide.isEmpty, first >= 0, last > first, last <= wide.count + 2 * Self.frameSamples else { return nil }
        var out = Array(wide[first..<min(last, wide.count)])
        if out.count < last - first { out += [Float](repeating: 0, count: last - first - out.count) }
        return out
    }

    /// Ends the track (the call ended, or its audio stopped): the utterance in progress, if it was long enough.
    public mutating func finish() -> [Utterance] {
        defer {
            inSpeech = false
            current = []
            speechFrames = 0
            recent = []
        }
        guard inSpeech else { return [] }
        return close(at: current.count).map { [$0] } ?? []
    }

    /// Samples at 8 kHz, contiguous with what came before.
    mutating func add(samples: [Float]) -> [Utterance] {
        pendingSamples += samples
        var out: [Utterance] = []
        var offset = 0
        while pendingSamples.count - offset >= Self.frameSamples {
            let frame = Array(pendingSamples[offset..<offset + Self.frameSamples])
            offset += Self.frameSamples
            if let utterance = step(frame) { out.append(utterance) }
            position! += Self.frameSamples
        }
        pendingSamples.removeFirst(offset)
        return out
    }

    private var marginSamples: Int { settings.marginMs * Self.sampleRate / 1000 }

    /// One 10 ms frame.
    private mutating func step(_ frame: [Float]) -> Utterance? {
        let level = Self.level(frame)
        let floor = noiseFloor
        let isSpeech = level > settings.quietest && (floor == .infinity || level > floor + settings.marginAboveNoise)
        trackFloor(level)
        recent.append(isSpeech)
        if recent.count > 5 { recent.removeFirst() }
        let frameStart = position!

        if !inSpeech {
            history += frame
            if history.count > marginSamples + 5 * Self.frameSamples { history.removeFirst(history.count - marginSamples - 5 * Self.frameSamples) }
            guard recent.filter({ $0 }).count >= 3 else { return nil }
            // Speech began with the first speech frame among the recent ones.
            let firstSpeech = recent.firstIndex(of: true)!
            let onset = frameStart - (recent.count - 1 - firstSpeech) * Self.frameSamples
            let keep = min(history.count, frameStart + Self.frameSamples - onset + marginSamples)
            current = Array(history.suffix(keep))
            currentStart = frameStart + Self.frameSamples - keep
            onsetSample = onset
            frameLevels = []
            inSpeech = true
            speechFrames = recent.filter { $0 }.count
            lastSpeechSample = frameStart + Self.frameSamples
            history = []
            return nil
        }

        current += frame
        frameLevels.append(level)
        if isSpeech {
            speechFrames += 1
            lastSpeechSample = frameStart + Self.frameSamples
        }
        let silence = (frameStart + Self.frameSamples - lastSpeechSample) * 1000 / Self.sampleRate
        if silence >= settings.endSilenceMs {
            let end = min(current.count, lastSpeechSample - currentStart + marginSamples)
            let utterance = close(at: end)
            history = Array(current.suffix(marginSamples))
            current = []
            inSpeech = false
            recent = []
            return utterance
        }
        if current.count * 1000 / Self.sampleRate >= settings.longestMs {
            return cutLongUtterance()
        }
        return nil
    }

    /// An utterance over the longest allowed: cut at the quietest frame of its last two seconds; the rest goes on as
    /// the start of the next one.
    private mutating func cutLongUtterance() -> Utterance? {
        let searchFrames = min(frameLevels.count, 200)
        let first = frameLevels.count - searchFrames
        var quietest = frameLevels.count - 1
        for index in first..<frameLevels.count where frameLevels[index] < frameLevels[quietest] { quietest = index }
        // frameLevels[i] is the frame that starts current.count - (frameLevels.count - i) frames from the end.
        let cut = current.count - (frameLevels.count - quietest) * Self.frameSamples + Self.frameSamples
        let rest = Array(current[cut...])
        let restLevels = Array(frameLevels[(quietest + 1)...])
        let utterance = close(at: cut)
        currentStart += cut
        onsetSample = currentStart
        current = rest
        frameLevels = restLevels
        speechFrames = restLevels.filter { $0 > settings.quietest && $0 > noiseFloor + settings.marginAboveNoise }.count
        return utterance
    }

    /// The utterance made of `current[..<end]`, or nil when it holds too little speech.
    private func close(at end: Int) -> Utterance? {
        let speechMs = speechFrames * Self.frameMs
        guard speechMs >= settings.shortestMs, end > 0 else { return nil }
        let startMs = onsetSample * 1000 / Self.sampleRate
        let endMs = max(startMs, min(lastSpeechSample, currentStart + end) * 1000 / Self.sampleRate)
        if let wideband = wideAudio(from: currentStart, to: currentStart + end) {
            return Utterance(track: track, startMs: startMs, endMs: endMs, samples: wideband, sampleRate: Self.wideRate, speechMs: speechMs)
        }
        return Utterance(track: track, startMs: startMs, endMs: endMs, samples: Array(current[..<end]), speechMs: speechMs)
    }

    /// Minimum statistics over ten one-second blocks: the floor follows a line that gets noisier within ten seconds
    /// and never rises to the level of speech, which always has pauses.
    private mutating func trackFloor(_ level: Float) {
        let clamped = max(level, -120)
        if clamped < floorMinima[floorBlock] { floorMinima[floorBlock] = clamped }
        floorFrames += 1
        if floorFrames == Self.floorBlockFrames {
            floorFrames = 0
            floorBlock = (floorBlock + 1) % Self.floorBlocks
            floorMinima[floorBlock] = .infinity
        }
    }

    /// The frame's level, dBFS.
    static func level(_ frame: [Float]) -> Float {
        var energy: Float = 0
        for sample in frame { energy += sample * sample }
        let mean = energy / Float(max(1, frame.count))
        return mean > 0 ? 10 * log10(mean) : -120
    }
}

/// Decodes frames to floats (µ-law, or 16-bit PCM at 8 or 16 kHz), and brings them to 8 kHz.
struct AudioDecoder: Sendable {
    private var resampler: Resampler?

    /// The frame's samples at its own rate.
    func samples(of frame: AudioFrame) -> [Float] {
        let scale: Float = 1.0 / 32768
        var samples: [Float] = []
        samples.reserveCapacity(frame.samples.count)
        switch frame.encoding {
        case .pcmu:
            for code in frame.samples { samples.append(Float(G711.MuLaw.decode(code)) * scale) }
        case .pcm16:
            var index = 0
            while index + 1 < frame.samples.count {
                samples.append(Float(Int16(bitPattern: UInt16(frame.samples[index]) | UInt16(frame.samples[index + 1]) << 8)) * scale)
                index += 2
            }
        }
        return samples
    }

    /// Samples at `rate` brought to 8 kHz.
    mutating func narrowband(_ samples: [Float], rate: Int) -> [Float] {
        guard rate != UtteranceCutter.sampleRate else { return samples }
        if resampler?.inputRate != rate { resampler = Resampler(from: rate, to: UtteranceCutter.sampleRate) }
        var out = ContiguousArray<Float>()
        resampler!.process(ContiguousArray(samples), into: &out)
        return Array(out)
    }
}
