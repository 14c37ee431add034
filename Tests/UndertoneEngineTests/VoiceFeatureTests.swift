import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Voice features")
struct VoiceFeatureTests {
    static func features(loudness: Double, pitch: Double, voiced: Double = 0.8, spread: Double = 2, harmonicity: Double = 10, brightness: Double = -8)
        -> VoiceFeatures
    {
        VoiceFeatures(
            speech: 0.9, voiced: voiced, syllables: 4, activity: "1111111110", loudness: loudness, loudnessSpread: 5, pitch: pitch,
            pitchSpread: spread,
            pitchRange: 2 * spread, harmonicity: harmonicity, brightness: brightness)
    }

    @Test("one second of calm speech: speech, voicing, syllables, pauses and activity in plausible ranges")
    func window() throws {
        let windows = SyntheticVoice.windows(SyntheticVoice.speech(.calm, seconds: 6, seed: 3))
        #expect(windows.map(\.at) == [0, 1000, 2000, 3000, 4000, 5000])
        #expect(windows.allSatisfy { $0.durationMs == 1000 && $0.features.activity.count == 10 })
        let total = VoiceFeatures.combined(windows.map(\.features))
        #expect(total.speech > 2 && total.speech < 5.5)
        #expect(total.voiced > 1.5 && total.voiced <= total.speech)
        let rate = try #require(total.speakingRate)
        #expect(rate > 2.5 && rate < 6.5, "\(rate) syllables a second")
        #expect(abs(try #require(total.pitchHz) - 118) < 15)
        #expect(total.pauses > 0.3)
        #expect(try #require(total.loudness) > -36 && total.loudness! < -24)
    }

    @Test("a stream fed in odd-sized chunks gives the same windows as fed at once, and a short tail is a short window")
    func chunked() {
        let audio = SyntheticVoice.speech(.agitated, seconds: 3.55, seed: 5)
        let whole = SyntheticVoice.windows(audio)
        var extractor = ProsodyExtractor(callID: "t", track: .customer)
        var pieces: [VoiceWindow] = []
        for start in stride(from: 0, to: audio.count, by: 777) {
            pieces += extractor.append(ContiguousArray(audio[start..<min(audio.count, start + 777)]))
        }
        pieces += extractor.finish()
        #expect(pieces == whole)
        #expect(whole.map(\.durationMs) == [1000, 1000, 1000, 550])
    }

    @Test("silence makes windows without voiced speech and no reading")
    func silence() {
        let windows = SyntheticVoice.windows(SyntheticVoice.silence(seconds: 4, seed: 2))
        #expect(windows.count == 4 && windows.allSatisfy { $0.features.voiced == 0 && $0.features.loudness == nil })
        var voice = SpeakerVoice()
        let readings = windows.map { voice.add($0) }
        #expect(readings.allSatisfy { $0 == nil })
        #expect(voice.stress == nil && !voice.isReady)
    }

    @Test("the baseline is robust: a weighted median and a MAD, never narrower than the cue's least spread")
    func baseline() throws {
        #expect(VoiceBaseline.weightedMedian([(1, 1), (2, 1), (100, 1)]) == 2)
        #expect(VoiceBaseline.weightedMedian([(1, 3), (2, 1), (100, 1)]) == 1)
        #expect(VoiceBaseline.weightedMedian([(1, 1), (3, 1)]) == 2)
        var windows = (0..<6).map { Self.features(loudness: -30 + Double($0 % 2), pitch: 4) }
        windows.append(Self.features(loudness: 0, pitch: 20))  // a shout among the baseline windows
        let baseline = VoiceBaseline(windows)
        let loudness = try #require(baseline.norm(.loudness))
        #expect(loudness.level == -29)
        #expect(loudness.spread >= VoiceCue.loudness.leastSpread && loudness.spread < 4)
        #expect(try #require(baseline.norm(.pitch)).level == 4)
    }

    @Test("arousal is relative: a deep quiet voice and a high loud one read the same when each changes alike")
    func relative() throws {
        for (loudness, pitch) in [(-40.0, -5.0), (-15.0, 14.0)] {
            let baseline = VoiceBaseline((0..<5).map { _ in Self.features(loudness: loudness, pitch: pitch) })
            let same = try #require(VocalArousal.read([Self.features(loudness: loudness, pitch: pitch)], against: baseline))
            let raised = try #require(
                VocalArousal.read(
                    [Self.features(loudness: loudness + 10, pitch: pitch + 4, spread: 4, harmonicity: 6, brightness: -5)], against: baseline))
            #expect(same.arousal < 0.3)
            #expect(raised.arousal > 0.9)
            #expect(raised.drivers.first?.cue == .loudness || raised.drivers.first?.cue == .roughness)
        }
        // A loud voice is not an angry one: the same loud windows against their own baseline read calm.
        let loud = (0..<5).map { _ in Self.features(loudness: -12, pitch: 12) }
        #expect(try #require(VocalArousal.read(loud, against: VoiceBaseline(loud))).arousal < 0.3)
    }

    @Test("confidence is low with little voiced speech in the stretch or the baseline")
    func confidence() throws {
        let full = VoiceBaseline((0..<6).map { _ in Self.features(loudness: -30, pitch: 4, voiced: 0.8) })
        let thin = VoiceBaseline([Self.features(loudness: -30, pitch: 4, voiced: 0.4)])
        let long = [Self.features(loudness: -30, pitch: 4, voiced: 0.8), Self.features(loudness: -30, pitch: 4, voiced: 0.8)]
        let short = [Self.features(loudness: -30, pitch: 4, voiced: 0.15)]
        #expect(try #require(VocalArousal.read(long, against: full)).confidence == 1)
        #expect(try #require(VocalArousal.read(short, against: full)).confidence == 0.1)
        #expect(try #require(VocalArousal.read(long, against: thin)).confidence == 0.1)
    }

    @Test("the baseline keeps aroused seconds out only once it holds 3 s of speech: one short sentence is too little to judge by")
    func baselineGuard() throws {
        var voice = SpeakerVoice()
        var at = 0
        func add(_ features: VoiceFeatures) {
            _ = voice.add(VoiceWindow(callID: "g", at: at, track: .customer, durationMs: 1000, features: features))
            at += 1000
        }
        let calm = Self.features(loudness: -30, pitch: 4)
        let louder = Self.features(loudness: -22, pitch: 5, harmonicity: 6)
        add(calm)
        add(calm)
        #expect(voice.isReady && voice.baseline.voicedSeconds == 1.6)
        // Against 1.6 s of speech the next sentence said louder reads aroused, but it still joins the baseline.
        #expect(try #require(VocalArousal.read([louder], against: voice.baseline)).arousal >= SpeakerVoice.baselineArousalLimit)
        add(louder)
        #expect(voice.baseline.voicedSeconds == 2.4)
        add(calm)
        #expect(voice.baseline.voicedSeconds == 3.2)
        // From 3 s on, a second that sounds angry against the baseline is kept out of it.
        add(Self.features(loudness: -10, pitch: 12, spread: 5, harmonicity: 2, brightness: -3))
        #expect(voice.baseline.voicedSeconds == 3.2)
        #expect(!voice.baselineIsComplete)
    }

    @Test("talk-over, interruptions and dead air from the two sides' activity")
    func turnTaking() throws {
        func window(_ track: SpeakerRole, _ at: Int, _ activity: String) -> VoiceWindow {
            VoiceWindow(callID: "t", at: at, track: track, durationMs: 1000, features: VoiceFeatures(activity: activity))
        }
        var taking = TurnTaking()
        #expect(taking.add(window(.customer, 0, "1111111111")) == nil)
        let answer = taking.add(window(.agent, 0, "0000011111"))
        let first = try #require(answer)
        #expect(first.agentInterruptions == 1 && first.customerInterruptions == 0)
        #expect(first.talkOver == 0.5)
        // The agent's window arrives first this time.
        #expect(taking.add(window(.agent, 1000, "0000000000")) == nil)
        let second = taking.add(window(.customer, 1000, "0000000000"))
        #expect(second?.deadAir == 0)
        for at in [2000, 3000, 4000] {
            _ = taking.add(window(.customer, at, "0000000000"))
            _ = taking.add(window(.agent, at, "0000000000"))
        }
        #expect(taking.total.deadAir == 4.0)
        #expect(taking.total.talkOver == 0.5 && taking.total.agentInterruptions == 1)
    }

    @Test("audio frames are placed by their time: windows on whole seconds, gaps filled, overlaps dropped, 16 kHz resampled")
    func feeder() throws {
        let audio = SyntheticVoice.speech(.calm, seconds: 2, seed: 8)
        var feeder = AudioFeeder(callID: "t", track: .customer)
        var windows: [VoiceWindow] = []
        for case .audio(let frame) in SyntheticVoice.audioEvents(audio, callID: "t", track: .customer, startMs: 6040) { windows += feeder.add(frame) }
        // After a 3 s gap, the audio resumes; then its last 200 ms arrive a second time (overlapping) and are dropped.
        let resumed = SyntheticVoice.audioEvents(audio, callID: "t", track: .customer, startMs: 11_040)
        for case .audio(let frame) in resumed + resumed.suffix(10) { windows += feeder.add(frame) }
        windows += feeder.finish()
        #expect(windows.map(\.at) == Array(stride(from: 6000, through: 13_000, by: 1000)))
        #expect(windows[3].features.speech == 0 && windows[4].features.speech < 0.1)
        #expect(windows.last!.durationMs == 40)

        let wide = SyntheticVoice.speech(.calm, seconds: 2, seed: 8)
        var upsampled = ContiguousArray<Float>()
        var resampler = Resampler(from: 8000, to: 16000)
        resampler.process(wide, into: &upsampled)
        resampler.finish(into: &upsampled)
        var wideFeeder = AudioFeeder(callID: "t", track: .agent)
        var wideWindows: [VoiceWindow] = []
        for start in stride(from: 0, to: upsampled.count, by: 320) {
            var bytes: [UInt8] = []
            for sample in upsampled[start..<min(upsampled.count, start + 320)] {
                let value = UInt16(bitPattern: SyntheticVoice.int16(sample))
                bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
            }
            let frame = AudioFrame(callID: "t", at: start / 16, track: .agent, encoding: .pcm16, sampleRate: 16000, samples: bytes)
            wideWindows += wideFeeder.add(frame)
        }
        wideWindows += wideFeeder.finish()
        let narrow = SyntheticVoice.windows(wide, track: .agent)
        #expect(wideWindows.count == narrow.count)
        let wideTotal = VoiceFeatures.combined(wideWindows.map(\.features))
        let narrowTotal = VoiceFeatures.combined(narrow.map(\.features))
        #expect(abs(try #require(wideTotal.pitch) - narrowTotal.pitch!) < 0.3)
        #expect(abs(try #require(wideTotal.loudness) - narrowTotal.loudness!) < 1)
    }

    @Test("voice events round-trip and bad ones are refused with the field named")
    func events() throws {
        let window = VoiceWindow(callID: "c", at: 4000, track: .customer, durationMs: 1000, features: Self.features(loudness: -24.5, pitch: 3.25))
        let line = CallEvents.encode(.voice(window))
        #expect(try CallEvents.decode(line: line) == .voice(window))
        let refusals = [
            (#"{"v":1,"type":"voice","call":"c","at":0,"track":"bot","duration":1000,"features":{}}"#, #"voice: "track" must be customer or agent"#),
            (
                #"{"v":1,"type":"voice","call":"c","at":0,"track":"agent","duration":0,"features":{}}"#,
                #"voice: "duration" must be from 1 to 60000 milliseconds"#
            ),
            (#"{"v":1,"type":"voice","call":"c","at":0,"track":"agent","duration":1000}"#, #"voice: missing "features""#),
            (
                #"{"v":1,"type":"voice","call":"c","at":0,"track":"agent","duration":1000,"features":{"speech":2}}"#,
                #"voice: "features.speech" must be from 0 to the window's length in seconds"#
            ),
            (
                #"{"v":1,"type":"voice","call":"c","at":0,"track":"agent","duration":1000,"features":{"speech":0.5,"voiced":0.4}}"#,
                #"voice: "features.loudness" is required when "features.voiced" is above 0"#
            ),
            (
                #"{"v":1,"type":"voice","call":"c","at":0,"track":"agent","duration":1000,"features":{"activity":"01x"}}"#,
                #"voice: "features.activity" must be "0"s and "1"s, one for each 100 ms of the window"#
            ),
            (#"{"v":1,"type":"voice","call":"c","at":0,"track":"agent","duration":1000,"features":[]}"#, #"voice: "features" must be an object"#),
        ]
        for (line, reason) in refusals {
            #expect(throws: CallEventError.invalid(reason)) { try CallEvents.decode(line: line) }
        }
    }
}
