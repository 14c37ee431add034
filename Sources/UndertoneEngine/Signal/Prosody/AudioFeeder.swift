/// Feeds one track's `audio` events, chunk by chunk, into a `ProsodyExtractor` on the call's clock.
///
/// Frames are decoded (µ-law or 16-bit PCM), brought to 8 kHz (16 kHz frames pass through a `Resampler`) and placed
/// by their `at`: a frame more than 10 ms after the audio so far leaves a gap that is filled with silence (lost packets,
/// a hold), one more than 10 ms early overlaps and its overlapping part is dropped (a resent packet), and anything in
/// between is taken as contiguous (timestamps rounded to the millisecond, clock jitter). Windows fall on whole seconds of call time, whenever the track's audio begins.
public struct AudioFeeder: Sendable {
    public let callID: String
    public let track: SpeakerRole
    /// Differences between a frame's `at` and the audio so far that are taken as jitter, in 8 kHz samples (10 ms).
    static let tolerance = 80
    /// Silence is filled in chunks of this many samples, so that a long gap allocates little.
    static let fillChunk = 8000

    private var extractor: ProsodyExtractor?
    private var resampler: Resampler?
    private var rate = ProsodyExtractor.sampleRate
    /// 8 kHz samples placed so far, counted from the extractor's start.
    private var placed = 0
    private var decoded = ContiguousArray<Float>()
    private var converted = ContiguousArray<Float>()

    public init(callID: String, track: SpeakerRole) {
        self.callID = callID
        self.track = track
    }

    /// Takes one frame of this track and returns the windows it completes.
    public mutating func add(_ frame: AudioFrame) -> [VoiceWindow] {
        let ratio = ProsodyExtractor.sampleRate
        if extractor == nil {
            let start = frame.at / ProsodyExtractor.windowMs * ProsodyExtractor.windowMs
            extractor = ProsodyExtractor(callID: callID, track: track, startMs: start)
        }
        var windows: [VoiceWindow] = []
        if frame.sampleRate != rate {
            windows += flushResampler()
            rate = frame.sampleRate
            resampler = rate == ratio ? nil : Resampler(from: rate, to: ratio)
        }
        decode(frame)
        let position = (frame.at - extractor!.startMs) * ratio / 1000
        var skip = 0
        if position > placed + Self.tolerance {
            windows += fillSilence(position - placed)
        } else if position < placed - Self.tolerance {
            skip = min(decoded.count, (placed - position) * rate / ratio)
        }
        if skip < decoded.count {
            placed += (decoded.count - skip) * ratio / rate
            windows += feed(from: skip)
        }
        return windows
    }

    /// Ends the track: the last windows, the final one shorter when the audio ends mid-second.
    public mutating func finish() -> [VoiceWindow] {
        guard extractor != nil else { return [] }
        var windows = flushResampler()
        windows += extractor!.finish()
        return windows
    }

    private mutating func decode(_ frame: AudioFrame) {
        decoded.removeAll(keepingCapacity: true)
        let scale: Float = 1.0 / 32768
        frame.samples.withUnsafeBufferPointer { bytes in
            switch frame.encoding {
            case .pcmu:
                for code in bytes { decoded.append(Float(G711.MuLaw.decode(code)) * scale) }
            case .pcm16:
                var index = 0
                while index + 1 < bytes.count {
                    decoded.append(Float(Int16(bitPattern: UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)) * scale)
                    index += 2
                }
            }
        }
    }

    private mutating func feed(from start: Int) -> [VoiceWindow] {
        guard var resampler else {
            return decoded.withUnsafeBufferPointer { extractor!.append(UnsafeBufferPointer(rebasing: $0[start...])) }
        }
        converted.removeAll(keepingCapacity: true)
        decoded.withUnsafeBufferPointer { resampler.process(UnsafeBufferPointer(rebasing: $0[start...]), into: &converted) }
        self.resampler = resampler
        return converted.withUnsafeBufferPointer { extractor!.append($0) }
    }

    private mutating func fillSilence(_ count: Int) -> [VoiceWindow] {
        var windows: [VoiceWindow] = []
        var left = count
        let saved = decoded
        while left > 0 {
            let chunk = min(left, Self.fillChunk)
            decoded = ContiguousArray(repeating: 0, count: chunk * rate / ProsodyExtractor.sampleRate)
            windows += feed(from: 0)
            left -= chunk
        }
        placed += count
        decoded = saved
        return windows
    }

    private mutating func flushResampler() -> [VoiceWindow] {
        guard var resampler else { return [] }
        converted.removeAll(keepingCapacity: true)
        resampler.finish(into: &converted)
        self.resampler = nil
        return converted.withUnsafeBufferPointer { extractor!.append($0) }
    }
}
