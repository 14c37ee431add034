import UndertoneEngine

/// Turns Twilio's 20 ms µ-law chunks into `audio` frames: per track, contiguous chunks are joined up to the configured
/// frame length; a jump in a track's timestamps starts a new frame. Frames leave in time order: a frame stamped before
/// the last one sent (the two tracks are stamped separately) is stamped with the last one's time instead, so that a
/// call's events never go back in time.
struct TwilioAudioFrames: Sendable {
    struct Pending: Sendable {
        var at: Int
        var samples: [UInt8]
        var speaker: SpeakerRole
    }

    /// Samples a millisecond at 8 kHz, one byte a sample.
    static let bytesPerMs = 8
    /// How far a chunk's timestamp may sit from where the frame it joins ends, in ms, and still join it.
    static let jitterMs = 10

    private var pending: [TwilioTrack: Pending] = [:]
    private var lastTimestamp: [TwilioTrack: Int] = [:]
    private var callID = ""
    /// When the last frame sent starts, in ms since the stream started.
    private(set) var lastEventAt: Int?
    /// Where the audio heard so far ends, in ms since the stream started.
    private(set) var endAt = 0

    mutating func add(
        _ samples: [UInt8], track: TwilioTrack, at timestamp: Int, speaker: SpeakerRole, callID: String, frameDurationMs: Int
    ) throws(AdapterError) -> [AudioFrame] {
        guard speaker != .bot else { throw .internalError("the \(track.rawValue) track's speaker must be customer or agent") }
        if let last = lastTimestamp[track], timestamp < last {
            throw .invalidMessage("media: \"media.timestamp\" went back from \(last) to \(timestamp) on the \(track.rawValue) track")
        }
        self.callID = callID
        lastTimestamp[track] = timestamp
        endAt = max(endAt, timestamp + samples.count / Self.bytesPerMs)
        var frames: [AudioFrame] = []
        if frameDurationMs <= 20 {
            frames.append(frame(Pending(at: timestamp, samples: samples, speaker: speaker)))
            return frames
        }
        if let held = pending[track], abs(timestamp - (held.at + held.samples.count / Self.bytesPerMs)) > Self.jitterMs {
            frames.append(frame(held))
            pending[track] = nil
        }
        var current = pending[track] ?? Pending(at: timestamp, samples: [], speaker: speaker)
        current.samples.append(contentsOf: samples)
        let frameBytes = frameDurationMs * Self.bytesPerMs
        while current.samples.count >= frameBytes {
            frames.append(frame(Pending(at: current.at, samples: Array(current.samples.prefix(frameBytes)), speaker: speaker)))
            current.samples.removeFirst(frameBytes)
            current.at += frameDurationMs
        }
        pending[track] = current.samples.isEmpty ? nil : current
        return frames
    }

    /// Every frame still held, in time order.
    mutating func flushAll() -> [AudioFrame] {
        let held = pending.values.sorted { $0.at < $1.at }
        pending = [:]
        return held.map { frame($0) }
    }

    private mutating func frame(_ pending: Pending) -> AudioFrame {
        let at = max(pending.at, lastEventAt ?? 0)
        lastEventAt = at
        return AudioFrame(callID: callID, at: at, track: pending.speaker, encoding: .pcmu, sampleRate: 8000, samples: pending.samples)
    }
}
