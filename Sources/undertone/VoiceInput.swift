import Foundation
import UndertoneEngine

/// WAV files on the command line: read, checked, and turned into voice windows or audio events.
///
/// Stereo files carry the customer on channel 0 (left) and the agent on channel 1 (right); mono files are the customer.
enum VoiceInput {
    /// The party on a channel of a file with `count` channels.
    static func track(channel: Int) -> SpeakerRole { channel == 0 ? .customer : .agent }

    /// Whether a file starts like a WAV file (so `analyze` can take a WAV where a call file is expected).
    static func isWAV(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return handle.readData(ofLength: 4) == Data("RIFF".utf8)
    }

    static func read(_ path: String) throws -> WAVFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read audio file \(path)") }
        do {
            return try WAVFile(bytes: [UInt8](data))
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }

    /// A file's voice windows for one channel, on a clock starting at 0.
    static func windows(_ file: WAVFile, channel: Int, callID: String) -> [VoiceWindow] {
        var extractor = ProsodyExtractor(callID: callID, track: track(channel: channel))
        var windows = extractor.append(file.samples(channel: channel, rate: ProsodyExtractor.sampleRate))
        windows += extractor.finish()
        return windows
    }

    /// The rate a recording is fed to the engine at: 16 kHz (wideband, kept for the transcriber) when it has that much,
    /// else the telephone band.
    static func lineRate(_ file: WAVFile) -> Int {
        file.sampleRate >= UtteranceCutter.wideRate ? UtteranceCutter.wideRate : UtteranceCutter.sampleRate
    }

    /// A file's audio as `audio` events: 16-bit frames of 100 ms at `rate` (8 kHz unless told), each channel on its own
    /// track, from `offsetMs`.
    /// The customer is on `customerChannel` of a stereo file (the agent on the other).
    static func audioEvents(
        _ file: WAVFile, callID: String, offsetMs: Int = 0, customerChannel: Int = 0, rate: Int = ProsodyExtractor.sampleRate
    ) -> [CallEvent] {
        let frameSamples = rate / 10
        var events: [CallEvent] = []
        for channel in 0..<file.channelCount {
            let samples = file.samples(channel: channel, rate: rate)
            var start = 0
            while start < samples.count {
                let end = min(samples.count, start + frameSamples)
                var bytes: [UInt8] = []
                bytes.reserveCapacity(2 * (end - start))
                for sample in samples[start..<end] {
                    let value = UInt16(bitPattern: Int16(max(-32768, min(32767, (sample * 32768).rounded()))))
                    bytes.append(UInt8(value & 0xFF))
                    bytes.append(UInt8(value >> 8))
                }
                let frame = AudioFrame(
                    callID: callID, at: offsetMs + start * 1000 / rate,
                    track: track(channel: channel == customerChannel ? 0 : 1), encoding: .pcm16,
                    sampleRate: rate, samples: bytes)
                events.append(.audio(frame))
                start = end
            }
        }
        return events.sorted { $0.at < $1.at }
    }

    /// The audio's length in milliseconds.
    static func durationMs(_ file: WAVFile) -> Int { Int((file.duration * 1000).rounded(.up)) }

    /// The file's name without folder or extension: the call id of a WAV analysed alone.
    static func stem(_ path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// "8000 Hz µ-law stereo, 12.3 s".
    static func describe(_ file: WAVFile) -> String {
        let encoding =
            switch file.encoding {
            case .pcm16: "16-bit PCM"
            case .muLaw: "µ-law"
            case .aLaw: "A-law"
            }
        return "\(file.sampleRate) Hz \(encoding) \(file.channelCount == 1 ? "mono" : "stereo"), \(String(format: "%.1f", file.duration)) s"
    }
}

/// Voice readings in words and tables for the timeline and `prosody`.
enum VoiceText {
    static func number(_ value: Double?, _ format: String = "%.2f") -> String { value.map { String(format: format, $0) } ?? "–" }

    /// "loudness +2.1, roughness +1.3": the cues that pushed the score most.
    static func drivers(_ reading: VoiceReading?, count: Int = 2) -> String {
        guard let reading else { return "" }
        return reading.drivers.prefix(count).map { "\($0.cue.rawValue) \(String(format: "%+.1f", $0.z))" }.joined(separator: ", ")
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func rightAligned(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
