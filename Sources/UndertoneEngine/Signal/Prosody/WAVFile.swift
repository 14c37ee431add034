/// How a WAV file's samples are coded.
public enum WAVEncoding: String, Sendable, Equatable, CaseIterable {
    /// Linear 16-bit signed PCM, little-endian (format tag 1).
    case pcm16
    /// G.711 µ-law, one byte a sample (format tag 7).
    case muLaw
    /// G.711 A-law, one byte a sample (format tag 6).
    case aLaw

    /// Bytes per sample of one channel.
    public var bytesPerSample: Int { self == .pcm16 ? 2 : 1 }

    /// The format tag a plain (not extensible) format chunk carries.
    public var formatTag: Int {
        switch self {
        case .pcm16: 1
        case .muLaw: 7
        case .aLaw: 6
        }
    }
}

/// A WAV file read into memory: its format, and each channel's samples on demand, at the file's rate or resampled.
///
/// Reads RIFF/WAVE with a `fmt ` chunk of 16-bit PCM, µ-law or A-law (plain or `WAVE_FORMAT_EXTENSIBLE`), mono or
/// stereo, at the usual rates from 8 to 192 kHz (`sampleRates`). Other chunks are skipped. A `data` chunk whose size is 0 or 0xFFFFFFFF (written by a recorder
/// that never came back to fill it in) runs to the end of the file; any other size larger than the bytes present is an
/// error, as is a header cut short. Stereo telephony recordings carry one party on each channel; they stay apart.
public struct WAVFile: Sendable {
    /// The sample rates read: telephony's, wideband's and the audio industry's usual ones.
    public static let sampleRates = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000, 176_400, 192_000]

    public let encoding: WAVEncoding
    public let sampleRate: Int
    public let channelCount: Int
    /// Samples per channel.
    public let frameCount: Int
    /// The `data` chunk's bytes (whole sample frames only).
    let data: [UInt8]

    /// Seconds of audio.
    public var duration: Double { Double(frameCount) / Double(sampleRate) }

    /// Parses a whole file.
    public init(bytes: [UInt8]) throws(WAVError) {
        var reader = ChunkReader(bytes: bytes)
        guard bytes.count >= 12, reader.tag(at: 0) == "RIFF", reader.tag(at: 8) == "WAVE" else {
            if !bytes.isEmpty, bytes.count < 12, bytes.starts(with: Array("RIFF".utf8).prefix(bytes.count)) {
                throw .truncated("the RIFF header is cut short")
            }
            throw .notWAV
        }
        reader.offset = 12
        var format: (encoding: WAVEncoding, channels: Int, rate: Int)?
        var samples: ArraySlice<UInt8>?
        while reader.offset + 8 <= bytes.count, samples == nil {
            let id = reader.tag(at: reader.offset)
            let size = reader.uint32(at: reader.offset + 4)
            let body = reader.offset + 8
            if id == "data" {
                guard let format else { throw .missingChunk("fmt ") }
                let available = bytes.count - body
                let length: Int
                if size == 0 || size == 0xFFFF_FFFF {
                    length = available
                } else if size > available {
                    throw .truncated("the data chunk declares \(size) bytes but the file holds \(available)")
                } else {
                    length = size
                }
                let block = format.channels * format.encoding.bytesPerSample
                samples = bytes[body..<(body + length / block * block)]
                break
            }
            guard size <= bytes.count - body else {
                throw .truncated("the \"\(id)\" chunk declares \(size) bytes but the file holds \(bytes.count - body)")
            }
            if id == "fmt " { format = try Self.readFormat(reader, at: body, size: size) }
            reader.offset = body + size + (size & 1)
        }
        guard let format else { throw reader.offset < bytes.count ? .truncated("a chunk header is cut short") : .missingChunk("fmt ") }
        guard let samples else { throw reader.offset < bytes.count ? .truncated("a chunk header is cut short") : .missingChunk("data") }
        encoding = format.encoding
        channelCount = format.channels
        sampleRate = format.rate
        data = Array(samples)
        frameCount = data.count / (channelCount * encoding.bytesPerSample)
    }

    private static func readFormat(_ reader: ChunkReader, at offset: Int, size: Int) throws(WAVError) -> (WAVEncoding, Int, Int) {
        guard size >= 16 else { throw .invalidFormat("the chunk holds \(size) bytes; at least 16 are needed") }
        var tag = reader.uint16(at: offset)
        let channels = reader.uint16(at: offset + 2)
        let rate = reader.uint32(at: offset + 4)
        let blockAlign = reader.uint16(at: offset + 12)
        let bits = reader.uint16(at: offset + 14)
        if tag == 0xFFFE {
            // WAVE_FORMAT_EXTENSIBLE: the real format tag is the first two bytes of the sub-format GUID.
            guard size >= 40 else { throw .invalidFormat("an extensible format chunk holds \(size) bytes; 40 are needed") }
            tag = reader.uint16(at: offset + 24)
        }
        let encoding: WAVEncoding
        switch (tag, bits) {
        case (1, 16): encoding = .pcm16
        case (7, 8): encoding = .muLaw
        case (6, 8): encoding = .aLaw
        default: throw .unsupportedEncoding(formatTag: tag, bitsPerSample: bits)
        }
        guard channels == 1 || channels == 2 else { throw .unsupportedChannels(channels) }
        guard sampleRates.contains(rate) else { throw .unsupportedSampleRate(rate) }
        guard blockAlign == channels * encoding.bytesPerSample else {
            throw .invalidFormat("block size \(blockAlign) does not match \(channels) channel(s) of \(encoding.bytesPerSample) byte(s)")
        }
        return (encoding, channels, rate)
    }

    /// One channel's samples at the file's rate, as floats in -1..<1.
    public func samples(channel: Int) -> ContiguousArray<Float> {
        precondition(channel >= 0 && channel < channelCount, "no channel \(channel)")
        var out = ContiguousArray<Float>(repeating: 0, count: frameCount)
        let step = channelCount * encoding.bytesPerSample
        let scale: Float = 1.0 / 32768
        data.withUnsafeBufferPointer { bytes in
            out.withUnsafeMutableBufferPointer { target in
                var offset = channel * encoding.bytesPerSample
                switch encoding {
                case .pcm16:
                    for index in 0..<frameCount {
                        let value = Int16(bitPattern: UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8)
                        target[index] = Float(value) * scale
                        offset += step
                    }
                case .muLaw:
                    for index in 0..<frameCount {
                        target[index] = Float(G711.MuLaw.decode(bytes[offset])) * scale
                        offset += step
                    }
                case .aLaw:
                    for index in 0..<frameCount {
                        target[index] = Float(G711.ALaw.decode(bytes[offset])) * scale
                        offset += step
                    }
                }
            }
        }
        return out
    }

    /// One channel's samples at another rate (8000 Hz, the voice features' rate, unless told), low-passed first.
    public func samples(channel: Int, rate: Int) -> ContiguousArray<Float> {
        let original = samples(channel: channel)
        guard rate != sampleRate else { return original }
        var resampler = Resampler(from: sampleRate, to: rate)
        var out = ContiguousArray<Float>()
        out.reserveCapacity(frameCount * rate / sampleRate + 1)
        resampler.process(original, into: &out)
        resampler.finish(into: &out)
        return out
    }

    /// A WAV file's bytes for samples in -1...1 (clipped), written as 16-bit PCM, µ-law or A-law; each channel the same length.
    public static func bytes(channels: [ContiguousArray<Float>], sampleRate: Int, encoding: WAVEncoding = .pcm16) -> [UInt8] {
        let frames = channels.map(\.count).min() ?? 0
        let block = channels.count * encoding.bytesPerSample
        var out: [UInt8] = []
        out.reserveCapacity(44 + frames * block)
        func append(_ text: String) { out.append(contentsOf: text.utf8) }
        func append32(_ value: Int) { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> shift)) } }
        func append16(_ value: Int) { for shift in [0, 8] { out.append(UInt8(truncatingIfNeeded: value >> shift)) } }
        append("RIFF")
        append32(36 + frames * block)
        append("WAVEfmt ")
        append32(16)
        append16(encoding.formatTag)
        append16(channels.count)
        append32(sampleRate)
        append32(sampleRate * block)
        append16(block)
        append16(encoding.bytesPerSample * 8)
        append("data")
        append32(frames * block)
        for index in 0..<frames {
            for channel in channels {
                let sample = Int16(max(-32768, min(32767, (channel[index] * 32768).rounded())))
                switch encoding {
                case .pcm16: append16(Int(sample))
                case .muLaw: out.append(G711.MuLaw.encode(sample))
                case .aLaw: out.append(G711.ALaw.encode(sample))
                }
            }
        }
        return out
    }
}

/// Little-endian reads from a file's bytes.
struct ChunkReader {
    let bytes: [UInt8]
    var offset = 0

    func tag(at offset: Int) -> String {
        String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
    }

    func uint16(at offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }

    func uint32(at offset: Int) -> Int { uint16(at: offset) | uint16(at: offset + 2) << 16 }
}
