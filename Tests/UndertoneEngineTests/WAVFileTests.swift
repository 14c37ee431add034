import Foundation
import Testing

@testable import UndertoneEngine

/// WAV bytes written by hand, so that each header field can be got wrong on purpose.
private struct WAVBuilder {
    var formatTag = 1
    var channels = 1
    var rate = 8000
    var bits = 16
    var blockAlign: Int?
    var extensible = false
    var extraChunk = false
    var dataSize: Int?
    var data: [UInt8] = []

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        func text(_ value: String) { out += Array(value.utf8) }
        func u32(_ value: Int) { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> shift)) } }
        func u16(_ value: Int) { out += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)] }
        text("RIFF")
        u32(0)
        text("WAVE")
        if extraChunk {
            text("LIST")
            u32(5)
            out += [1, 2, 3, 4, 5, 0]
        }
        text("fmt ")
        u32(extensible ? 40 : 16)
        u16(extensible ? 0xFFFE : formatTag)
        u16(channels)
        u32(rate)
        let align = blockAlign ?? channels * bits / 8
        u32(rate * align)
        u16(align)
        u16(bits)
        if extensible {
            u16(22)
            u16(bits)
            u32(channels == 1 ? 4 : 3)
            u16(formatTag)
            out += [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        }
        text("data")
        u32(dataSize ?? data.count)
        out += data
        return out
    }
}

private func sine(_ hertz: Double, rate: Int, seconds: Double, amplitude: Double = 0.5) -> ContiguousArray<Float> {
    ContiguousArray((0..<Int(Double(rate) * seconds)).map { Float(amplitude * sin(2 * Double.pi * hertz * Double($0) / Double(rate))) })
}

private func rms(_ samples: some Collection<Float>) -> Double {
    (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(samples.count, 1))).squareRoot()
}

@Suite("WAV files")
struct WAVFileTests {
    @Test("16-bit PCM, µ-law and A-law, mono and stereo, read back what was written", arguments: WAVEncoding.allCases)
    func formats(encoding: WAVEncoding) throws {
        let left = sine(440, rate: 8000, seconds: 0.5)
        let right = sine(1000, rate: 8000, seconds: 0.5, amplitude: 0.25)
        let file = try WAVFile(bytes: WAVFile.bytes(channels: [left, right], sampleRate: 8000, encoding: encoding))
        #expect(file.encoding == encoding)
        #expect(file.channelCount == 2 && file.sampleRate == 8000 && file.frameCount == 4000)
        let tolerance: Float = encoding == .pcm16 ? 1e-4 : 0.02
        let readLeft = file.samples(channel: 0)
        let readRight = file.samples(channel: 1)
        #expect(zip(left, readLeft).allSatisfy { abs($0 - $1) <= tolerance })
        #expect(zip(right, readRight).allSatisfy { abs($0 - $1) <= tolerance })
        let mono = try WAVFile(bytes: WAVFile.bytes(channels: [left], sampleRate: 8000, encoding: encoding))
        #expect(mono.channelCount == 1 && mono.frameCount == 4000)
    }

    @Test("WAVE_FORMAT_EXTENSIBLE carries PCM, µ-law and A-law; odd-sized chunks before the data are skipped", arguments: [(1, 16), (7, 8), (6, 8)])
    func extensible(tag: Int, bits: Int) throws {
        var builder = WAVBuilder(formatTag: tag, channels: 2, bits: bits, extensible: true, extraChunk: true)
        builder.data = [UInt8](repeating: tag == 1 ? 0 : 0xD5, count: 2 * bits / 8 * 100)
        let file = try WAVFile(bytes: builder.bytes())
        #expect(file.channelCount == 2 && file.frameCount == 100)
        #expect(file.encoding == (tag == 1 ? .pcm16 : tag == 7 ? .muLaw : .aLaw))
    }

    @Test("16, 44.1 and 48 kHz are resampled to 8 kHz: the voice band kept, what would alias removed", arguments: [16000, 22050, 44100, 48000])
    func resampling(rate: Int) throws {
        let seconds = 1.0
        let bytes = WAVFile.bytes(channels: [sine(1000, rate: rate, seconds: seconds)], sampleRate: rate)
        let file = try WAVFile(bytes: bytes)
        let kept = file.samples(channel: 0, rate: 8000)
        #expect(abs(kept.count - 8000) <= 1)
        #expect(abs(rms(kept[400..<7600]) - 0.5 / 2.0.squareRoot()) < 0.01)
        // 5 kHz would fold to 3 kHz; it must be gone.
        let high = try WAVFile(bytes: WAVFile.bytes(channels: [sine(5000, rate: rate, seconds: seconds)], sampleRate: rate))
        #expect(rms(high.samples(channel: 0, rate: 8000)[400..<7600]) < 0.005)
    }

    @Test("a streaming resampler gives the same samples fed in chunks as at once")
    func chunks() {
        let input = sine(700, rate: 16000, seconds: 0.3)
        var whole = Resampler(from: 16000, to: 8000)
        var once = ContiguousArray<Float>()
        whole.process(input, into: &once)
        whole.finish(into: &once)
        var pieces = Resampler(from: 16000, to: 8000)
        var chunked = ContiguousArray<Float>()
        for start in stride(from: 0, to: input.count, by: 333) {
            pieces.process(ContiguousArray(input[start..<min(input.count, start + 333)]), into: &chunked)
        }
        pieces.finish(into: &chunked)
        #expect(once == chunked)
        #expect(once.count == 2400)
    }

    @Test("a data chunk of unknown size (0 or 0xFFFFFFFF) runs to the end of the file", arguments: [0, 0xFFFF_FFFF])
    func unknownSize(size: Int) throws {
        var builder = WAVBuilder()
        builder.data = [UInt8](repeating: 0, count: 300)
        builder.dataSize = size
        #expect(try WAVFile(bytes: builder.bytes()).frameCount == 150)
    }

    @Test("corrupt, truncated and unsupported files are refused with a reason")
    func refusals() throws {
        var valid = WAVBuilder()
        valid.data = [UInt8](repeating: 0, count: 400)
        let good = valid.bytes()
        #expect(throws: WAVError.notWAV) { try WAVFile(bytes: Array("hello, this is not audio".utf8)) }
        #expect(throws: WAVError.notWAV) { try WAVFile(bytes: []) }
        #expect(throws: WAVError.truncated("the RIFF header is cut short")) { try WAVFile(bytes: Array(good.prefix(8))) }
        #expect(throws: WAVError.truncated("the data chunk declares 400 bytes but the file holds 100")) {
            try WAVFile(bytes: Array(good.prefix(good.count - 300)))
        }
        #expect(throws: WAVError.truncated("a chunk header is cut short")) { try WAVFile(bytes: Array(good.prefix(40))) }
        #expect(throws: WAVError.truncated("the \"fmt \" chunk declares 16 bytes but the file holds 6")) {
            try WAVFile(bytes: Array(good.prefix(26)))
        }
        #expect(throws: WAVError.missingChunk("fmt ")) { try WAVFile(bytes: Array(good.prefix(12)) + Array("data".utf8) + [0, 0, 0, 0]) }
        #expect(throws: WAVError.missingChunk("data")) { try WAVFile(bytes: Array(good.prefix(36))) }
        #expect(throws: WAVError.unsupportedEncoding(formatTag: 3, bitsPerSample: 32)) {
            try WAVFile(bytes: WAVBuilder(formatTag: 3, bits: 32).bytes())
        }
        #expect(throws: WAVError.unsupportedEncoding(formatTag: 1, bitsPerSample: 8)) { try WAVFile(bytes: WAVBuilder(bits: 8).bytes()) }
        #expect(throws: WAVError.unsupportedEncoding(formatTag: 2, bitsPerSample: 4)) {
            try WAVFile(bytes: WAVBuilder(formatTag: 2, bits: 4).bytes())
        }
        #expect(throws: WAVError.unsupportedChannels(3)) { try WAVFile(bytes: WAVBuilder(channels: 3).bytes()) }
        #expect(throws: WAVError.unsupportedChannels(0)) { try WAVFile(bytes: WAVBuilder(channels: 0, blockAlign: 2).bytes()) }
        #expect(throws: WAVError.unsupportedSampleRate(4000)) { try WAVFile(bytes: WAVBuilder(rate: 4000).bytes()) }
        #expect(throws: WAVError.invalidFormat("block size 3 does not match 1 channel(s) of 2 byte(s)")) {
            try WAVFile(bytes: WAVBuilder(blockAlign: 3).bytes())
        }
        #expect(WAVError.unsupportedSampleRate(4000).description.contains("8000, 11025, 12000, 16000"))
    }

    @Test("every cut and every flipped byte of a file either reads or is refused, never crashes")
    func fuzz() {
        var builder = WAVBuilder(formatTag: 7, channels: 2, bits: 8, extensible: true, extraChunk: true)
        builder.data = (0..<64).map { UInt8($0 * 3 % 256) }
        let good = builder.bytes()
        var noise = SyntheticVoice.Noise(state: 4)
        var outcomes = 0
        for cut in 0...good.count {
            if (try? WAVFile(bytes: Array(good.prefix(cut)))) != nil { outcomes += 1 }
        }
        for _ in 0..<2000 {
            var bytes = good
            for _ in 0..<3 { bytes[Int(noise.uniform() * Double(bytes.count))] = UInt8(noise.uniform() * 256) }
            if let file = try? WAVFile(bytes: bytes) {
                for channel in 0..<file.channelCount { _ = file.samples(channel: channel, rate: 8000) }
                outcomes += 1
            }
        }
        #expect(outcomes > 0)
    }
}
