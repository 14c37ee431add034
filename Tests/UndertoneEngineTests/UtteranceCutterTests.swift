import Foundation
import Testing

@testable import UndertoneEngine

/// Voice activity and utterance cutting on synthetic telephone audio (µ-law, 8 kHz), clean and on a noisy line.
@Suite("Utterance cutter")
struct UtteranceCutterTests {
    /// Line noise at `level` dBFS.
    static func noise(seconds: Double, level: Double, seed: UInt64) -> ContiguousArray<Float> {
        var source = SyntheticVoice.Noise(state: seed)
        let amplitude = Float(pow(10, level / 20))
        return ContiguousArray((0..<Int(seconds * SyntheticVoice.rate)).map { _ in amplitude * Float(source.gaussian()) })
    }

    /// Voiced syllables at 130 Hz, 200 ms each with 50 ms between them, at -25 dBFS: speech with known edges.
    static func syllables(seconds: Double) -> ContiguousArray<Float> {
        let count = Int(seconds * SyntheticVoice.rate)
        return ContiguousArray(
            (0..<count).map { index in
                let time = Double(index) / SyntheticVoice.rate
                let within = time.truncatingRemainder(dividingBy: 0.25)
                guard within < 0.2 else { return 0 }
                let envelope = sin(Double.pi * within / 0.2).squareRoot()
                let phase = 2 * Double.pi * 130 * time
                return Float(0.056 * envelope * (sin(phase) + 0.5 * sin(2 * phase) + 0.3 * sin(3 * phase)))
            })
    }

    static func mix(_ a: ContiguousArray<Float>, _ b: ContiguousArray<Float>) -> ContiguousArray<Float> {
        ContiguousArray(zip(a, b).map { $0 + $1 })
    }

    static func cut(_ samples: ContiguousArray<Float>, finish: Bool = true) -> [Utterance] {
        var cutter = UtteranceCutter(track: .customer)
        var out: [Utterance] = []
        for case .audio(let frame) in SyntheticVoice.audioEvents(SyntheticVoice.throughMuLaw(samples), callID: "c", track: .customer) {
            out += cutter.add(frame)
        }
        return finish ? out + cutter.finish() : out
    }

    /// silence 1 s, speech 2 s, silence 1.5 s, speech 3 s, silence 1 s.
    static func twoUtterances(noiseLevel: Double?) -> ContiguousArray<Float> {
        var line = SyntheticVoice.silence(seconds: 1, seed: 1)
        line += syllables(seconds: 2)
        line += SyntheticVoice.silence(seconds: 1.5, seed: 3)
        line += syllables(seconds: 3)
        line += SyntheticVoice.silence(seconds: 1, seed: 5)
        guard let noiseLevel else { return line }
        return mix(line, noise(seconds: Double(line.count) / SyntheticVoice.rate, level: noiseLevel, seed: 9))
    }

    @Test("two utterances on a clean line, each found with its start and end within 150 ms, and their audio with margins", arguments: [nil, -50.0])
    func twoUtterances(noiseLevel: Double?) {
        let utterances = Self.cut(Self.twoUtterances(noiseLevel: noiseLevel), finish: false)
        #expect(utterances.count == 2)
        guard utterances.count == 2 else { return }
        #expect(
            abs(utterances[0].startMs - 1_000) <= 150 && abs(utterances[0].endMs - 2_950) <= 150, "\(utterances[0].startMs)-\(utterances[0].endMs)")
        #expect(
            abs(utterances[1].startMs - 4_500) <= 150 && abs(utterances[1].endMs - 7_450) <= 150, "\(utterances[1].startMs)-\(utterances[1].endMs)")
        for utterance in utterances {
            let seconds = Double(utterance.samples.count) / 8_000
            #expect(
                seconds >= Double(utterance.endMs - utterance.startMs) / 1000 && seconds <= Double(utterance.endMs - utterance.startMs) / 1000 + 0.6)
            #expect(utterance.speechMs >= 1_500)
        }
    }

    @Test("line noise alone, however loud, is never an utterance (Whisper would invent words on it)", arguments: [-60.0, -45.0, -30.0])
    func noiseAlone(level: Double) {
        #expect(Self.cut(Self.noise(seconds: 12, level: level, seed: 4)).isEmpty)
    }

    @Test("a click shorter than the shortest utterance is dropped")
    func click() {
        var line = Self.noise(seconds: 2, level: -60, seed: 1)
        for index in 8_000..<8_640 { line[index] += 0.3 * Float(index % 7 == 0 ? 1 : -0.2) }
        #expect(Self.cut(line).isEmpty)
    }

    @Test("speech that goes on past the longest utterance is cut into pieces of at most 20 s, nothing lost")
    func longSpeech() {
        let line = Self.mix(Self.syllables(seconds: 45), Self.noise(seconds: 45, level: -55, seed: 2))
        let utterances = Self.cut(line)
        #expect(utterances.count >= 3)
        #expect(utterances.allSatisfy { $0.samples.count <= 20 * 8_000 + 80 })
        #expect(utterances.map(\.samples.count).reduce(0, +) >= line.count - 8_000)
        for (earlier, later) in zip(utterances, utterances.dropFirst()) { #expect(earlier.endMs <= later.startMs + 10) }
    }

    @Test("an utterance still open when the track ends comes out of finish()")
    func finish() {
        var line = SyntheticVoice.silence(seconds: 0.5, seed: 1)
        line += Self.syllables(seconds: 1.5)
        #expect(Self.cut(line, finish: false).isEmpty)
        #expect(Self.cut(line).count == 1)
    }

    @Test("a gap in the audio (a hold, lost packets) counts as silence and ends the utterance")
    func gap() {
        let speech = Self.syllables(seconds: 1.5)
        var cutter = UtteranceCutter(track: .agent)
        var out: [Utterance] = []
        for case .audio(let frame) in SyntheticVoice.audioEvents(speech, callID: "c", track: .agent) { out += cutter.add(frame) }
        for case .audio(let frame) in SyntheticVoice.audioEvents(
            SyntheticVoice.silence(seconds: 0.1, seed: 3), callID: "c", track: .agent, startMs: 4_000)
        {
            out += cutter.add(frame)
        }
        #expect(out.count == 1)
        #expect(out.first?.track == .agent)
        #expect(abs((out.first?.endMs ?? 0) - 1_450) <= 150)
    }

    /// 16 kHz, 16-bit PCM audio events of 20 ms for one track (a softphone's wideband line).
    static func widebandEvents(_ samples: ContiguousArray<Float>, track: SpeakerRole) -> [CallEvent] {
        stride(from: 0, to: samples.count, by: 320).map { start in
            var bytes: [UInt8] = []
            for sample in samples[start..<min(samples.count, start + 320)] {
                let value = UInt16(bitPattern: SyntheticVoice.int16(sample))
                bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
            }
            return .audio(AudioFrame(callID: "c", at: start / 16, track: track, encoding: .pcm16, sampleRate: 16_000, samples: bytes))
        }
    }

    /// How much of `tone` Hz the samples hold: the magnitude of their correlation with it, per sample.
    static func strength(of tone: Double, in samples: [Float], rate: Double) -> Double {
        var real = 0.0
        var imaginary = 0.0
        for (index, sample) in samples.enumerated() {
            let phase = 2 * Double.pi * tone * Double(index) / rate
            real += Double(sample) * cos(phase)
            imaginary += Double(sample) * sin(phase)
        }
        return (real * real + imaginary * imaginary).squareRoot() / Double(max(1, samples.count))
    }

    @Test("a wideband track's utterances carry its 16 kHz audio, the band above 4 kHz included, cut where the 8 kHz ones are")
    func wideband() {
        // The two-utterance line at 16 kHz with a 6 kHz whistle under the speech: a sound the telephone band cannot carry.
        let narrow = Self.twoUtterances(noiseLevel: nil)
        var resampler = Resampler(from: 8_000, to: 16_000)
        var line = ContiguousArray<Float>()
        resampler.process(narrow, into: &line)
        resampler.finish(into: &line)
        for index in line.indices { line[index] += 0.01 * Float(sin(2 * Double.pi * 6_000 * Double(index) / 16_000)) }
        var cutter = UtteranceCutter(track: .customer)
        var wide: [Utterance] = []
        for case .audio(let frame) in Self.widebandEvents(line, track: .customer) { wide += cutter.add(frame) }
        let narrowUtterances = Self.cut(narrow, finish: false)
        #expect(wide.count == 2 && narrowUtterances.count == 2)
        for (utterance, telephone) in zip(wide, narrowUtterances) {
            #expect(utterance.sampleRate == 16_000 && telephone.sampleRate == 8_000)
            #expect(abs(utterance.startMs - telephone.startMs) <= 20 && abs(utterance.endMs - telephone.endMs) <= 20)
            let seconds = Double(utterance.samples.count) / 16_000
            #expect(abs(seconds - Double(telephone.samples.count) / 8_000) <= 0.05, "\(seconds) s")
            #expect(Self.strength(of: 6_000, in: utterance.samples, rate: 16_000) > 0.004, "the 6 kHz whistle is kept")
            // And the speech itself, at the same place: 130 Hz, as strong as in the telephone band's utterance.
            let speech = Self.strength(of: 130, in: utterance.samples, rate: 16_000)
            #expect(abs(speech - Self.strength(of: 130, in: telephone.samples, rate: 8_000)) < 0.3 * speech, "\(speech)")
        }
    }

    @Test("a track that drops from 16 kHz to the telephone band mid-call gives telephone-band utterances from then on")
    func bandChange() {
        var line16 = ContiguousArray<Float>()
        var resampler = Resampler(from: 8_000, to: 16_000)
        resampler.process(Self.twoUtterances(noiseLevel: nil), into: &line16)
        resampler.finish(into: &line16)
        var cutter = UtteranceCutter(track: .customer)
        var out: [Utterance] = []
        // The first 3.5 s (the first utterance and the pause after it) wideband, the rest µ-law at 8 kHz.
        for case .audio(let frame) in Self.widebandEvents(ContiguousArray(line16.prefix(56_000)), track: .customer) { out += cutter.add(frame) }
        let rest = ContiguousArray(Self.twoUtterances(noiseLevel: nil).dropFirst(28_000))
        for case .audio(let frame) in SyntheticVoice.audioEvents(rest, callID: "c", track: .customer, startMs: 3_500) { out += cutter.add(frame) }
        out += cutter.finish()
        #expect(out.map(\.sampleRate) == [16_000, 8_000])
    }
}
