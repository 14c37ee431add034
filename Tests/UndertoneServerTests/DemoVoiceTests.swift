import Testing
import UndertoneEngine

@testable import UndertoneServer

@Suite("Demo voice synthesis")
struct DemoVoiceTests {
    /// The windows the engine's extractor measures on a stretch, sent as µ-law the way the simulator sends it.
    static func windows(_ speech: [DemoSpeech]) -> [VoiceWindow] {
        var extractor = ProsodyExtractor(callID: "v", track: .customer)
        var windows: [VoiceWindow] = []
        for stretch in speech {
            let samples = ContiguousArray(DemoVoiceSynthesizer.mulaw(stretch).map { Float(G711.MuLaw.decode($0)) / 32_768 })
            windows += extractor.append(samples)
        }
        return windows + extractor.finish()
    }

    static func stretch(_ stress: Double, seconds: Int, seed: UInt64, voice: DemoVoice) -> DemoSpeech {
        DemoSpeech(track: .customer, startMs: 0, endMs: seconds * 1_000, stress: stress, voice: voice, seed: seed)
    }

    @Test(
        "stressed synthesized turns read as higher arousal than calm ones, for low and high voices",
        arguments: [DemoVoice(pitchHz: 110, formantScale: 1), DemoVoice(pitchHz: 205, formantScale: 1.15)])
    func arousalRisesWithStress(_ voice: DemoVoice) throws {
        let baseline = VoiceBaseline(Self.windows([Self.stretch(0.15, seconds: 8, seed: 1, voice: voice)]).map(\.features))
        #expect(baseline.voicedSeconds >= 4, "the synthesized voice is heard as voiced speech")
        var readings: [Double] = []
        for stress in [0.1, 0.5, 0.9] {
            let windows = Self.windows([Self.stretch(stress, seconds: 6, seed: 2, voice: voice)]).map(\.features)
            let reading = try #require(VocalArousal.read(windows, against: baseline))
            readings.append(reading.arousal)
        }
        #expect(readings[0] < 0.35, "a calm turn reads calm: \(readings)")
        #expect(readings[2] > 0.7, "a shouted turn reads aroused: \(readings)")
        #expect(readings[0] < readings[1] && readings[1] < readings[2], "arousal rises with stress: \(readings)")
    }

    @Test("pitch, loudness and speaking rate rise with stress as the extractor measures them")
    func featuresRiseWithStress() throws {
        let voice = DemoVoice(pitchHz: 120, formantScale: 1)
        func mean(_ windows: [VoiceWindow], _ value: (VoiceFeatures) -> Double?) -> Double {
            let values = windows.compactMap { value($0.features) }
            return values.reduce(0, +) / Double(max(1, values.count))
        }
        let calm = Self.windows([Self.stretch(0.1, seconds: 6, seed: 3, voice: voice)])
        let stressed = Self.windows([Self.stretch(0.9, seconds: 6, seed: 3, voice: voice)])
        #expect(mean(stressed, \.pitch) > mean(calm, \.pitch) + 2)
        #expect(mean(stressed, \.loudness) > mean(calm, \.loudness) + 6)
        #expect(mean(stressed, \.pitchSpread) > mean(calm, \.pitchSpread))
        #expect(mean(stressed, \.speakingRate) > mean(calm, \.speakingRate))
    }

    @Test("a stretch lasts exactly as long as asked and is the same for the same seed")
    func lengthAndDeterminism() {
        let speech = DemoSpeech(track: .agent, startMs: 1_000, endMs: 3_250, stress: 0.3, voice: DemoVoice(pitchHz: 180, formantScale: 1.1), seed: 9)
        #expect(DemoVoiceSynthesizer.mulaw(speech).count == 18_000)
        #expect(DemoVoiceSynthesizer.mulaw(speech) == DemoVoiceSynthesizer.mulaw(speech))
    }
}
