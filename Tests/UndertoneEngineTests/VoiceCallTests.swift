import Foundation
import Testing

@testable import UndertoneEngine

/// Calls with audio: the voice read against the customer's own baseline, fused with the words, and replayed.
@Suite("Voice in calls")
struct VoiceCallTests {
    static let model = try! TextModel.bundled()

    static let voicePolicy = try! Policy.parse(
        yaml: """
            name: voice
            version: 1
            rules:
              - id: agitated-voice
                tier: supervisor
                when:
                  all:
                    - vocalStress: { above: 0.6, for: 3s }
              - id: polite-but-tense
                tier: coach
                when:
                  all:
                    - mismatch: { above: 0.5 }
              - id: upset-words-and-voice
                tier: manager
                when:
                  all:
                    - fusedStress: { above: 0.75 }
            """)

    /// A stereo call: the customer's audio (calm, then `then` after `switchAt` seconds) and a short agent greeting, as
    /// µ-law frames of 20 ms merged by time, between the call's start and end, with optional turns.
    static func call(then style: SyntheticVoice.Style, switchAt: Double = 16, seconds: Double = 30, turns: [Turn] = []) -> [CallEvent] {
        let calm = SyntheticVoice.speech(.calm, seconds: switchAt, seed: 11)
        let rest = SyntheticVoice.speech(style, seconds: seconds - switchAt, seed: 12)
        let customer = SyntheticVoice.audioEvents(calm + rest, callID: "v", track: .customer)
        let greeting = SyntheticVoice.Style(pitchHz: 210, swing: 2, level: -28, tilt: 1.5, roughness: -28, syllablesPerSecond: 5)
        let agent = SyntheticVoice.audioEvents(SyntheticVoice.speech(greeting, seconds: 2, seed: 13), callID: "v", track: .agent)
        var body = (customer + agent + turns.map(CallEvent.turn)).enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(
            \.element)
        body.insert(.callStarted(CallStarted(callID: "v", at: 0, channel: .voice, customerID: "c", queue: "billing", language: "en")), at: 0)
        body.append(.callEnded(CallEnded(callID: "v", at: Int(seconds * 1000))))
        return body
    }

    static func run(_ events: [CallEvent], policy: Policy = voicePolicy) -> (analyzer: CallAnalyzer, outputs: [[EngineOutput]]) {
        var analyzer = CallAnalyzer(policy: policy, textModel: model)
        let outputs = events.map { analyzer.ingest($0) }
        return (analyzer, outputs)
    }

    static func customerSignals(_ outputs: [[EngineOutput]]) -> [VoiceSignal] {
        outputs.joined().compactMap { if case .voice(let signal) = $0, signal.window.track == .customer { signal } else { nil } }
    }

    static func decisions(_ outputs: [[EngineOutput]]) -> [Decision] {
        outputs.joined().compactMap { if case .decision(let decision) = $0 { decision } else { nil } }
    }

    @Test("calm then angry: the customer's vocal stress rises after the switch; a control call stays calm")
    func stressRises() {
        let angry = Self.run(Self.call(then: .agitated))
        let signals = Self.customerSignals(angry.outputs)
        // The last second completes only with audio beyond it, which this call does not have.
        #expect(signals.count == 29)
        let calmPart = signals.filter { $0.window.at < 16_000 }.compactMap(\.vocalStress)
        let angryPart = signals.filter { $0.window.at >= 18_000 }.compactMap(\.vocalStress)
        #expect(!calmPart.isEmpty && calmPart.allSatisfy { $0 < 0.45 }, "calm part: \(calmPart)")
        #expect(angryPart.count >= 8 && angryPart.allSatisfy { $0 > 0.7 }, "angry part: \(angryPart)")
        #expect(Self.decisions(angry.outputs).contains { $0.rule == "agitated-voice" })
        #expect(angry.analyzer.state.customerVoice.baselineIsComplete)

        let control = Self.run(Self.call(then: .calm))
        let controlStress = Self.customerSignals(control.outputs).compactMap(\.vocalStress)
        #expect(controlStress.count >= 10 && controlStress.allSatisfy { $0 < 0.45 }, "control: \(controlStress)")
        #expect(Self.decisions(control.outputs).isEmpty)
    }

    @Test("polite words in a tense voice are a mismatch; angry words in an angry voice fuse high; calm voice and words do neither")
    func fusionAndMismatch() throws {
        let polite = Turn(
            callID: "v", at: 26_000, utteranceID: "u1", speaker: .customer, text: "sure no problem at all that's absolutely fine thank you")
        let tense = Self.run(Self.call(then: .agitated, turns: [polite]))
        let afterWords = try #require(tense.analyzer.state.customerTurns.last)
        #expect((afterWords.readings[.mismatch] ?? 0) > 0.6, "\(afterWords.readings)")
        #expect(Self.decisions(tense.outputs).contains { $0.rule == "polite-but-tense" && $0.reasons.contains { $0.observed.hasPrefix("mismatch") } })
        let fusedPolite = try #require(afterWords.readings[.fusedStress])
        #expect(fusedPolite > afterWords.readings[.stress]! && fusedPolite < 0.75)

        let furious = Turn(
            callID: "v", at: 26_000, utteranceID: "u1", speaker: .customer, text: "this is absolutely ridiculous i am furious with you people")
        let angry = Self.run(Self.call(then: .agitated, turns: [furious]))
        let angryWords = try #require(angry.analyzer.state.customerTurns.last)
        #expect((angryWords.readings[.mismatch] ?? 1) < 0.3)
        #expect((angryWords.readings[.fusedStress] ?? 0) > 0.75)
        #expect(Self.decisions(angry.outputs).contains { $0.rule == "upset-words-and-voice" })
        #expect(!Self.decisions(angry.outputs).contains { $0.rule == "polite-but-tense" })

        let calm = Self.run(Self.call(then: .calm, turns: [polite]))
        let calmWords = try #require(calm.analyzer.state.customerTurns.last)
        #expect((calmWords.readings[.mismatch] ?? 1) < 0.4)
        #expect(Self.decisions(calm.outputs).isEmpty)
    }

    @Test("replaying the logged voice windows instead of the audio gives the same outputs and the same state")
    func replayEquivalence() throws {
        let turns = [
            Turn(callID: "v", at: 9_000, utteranceID: "u1", speaker: .customer, text: "hi i'm calling about my bill"),
            Turn(callID: "v", at: 21_000, utteranceID: "u2", speaker: .customer, text: "yes that's fine no problem"),
            Turn(callID: "v", at: 27_000, utteranceID: "u3", speaker: .customer, text: "i want to speak to your manager right now"),
        ]
        let events = Self.call(then: .agitated, turns: turns)
        let live = Self.run(events)
        // What the server logs: every event but the audio, and each voice output as a `voice` event, in order. Written
        // as JSON lines and read back, as the log would be.
        var logged: [String] = []
        for (event, outputs) in zip(events, live.outputs) {
            if case .audio = event {
                for case .voice(let signal) in outputs {
                    logged.append(String(decoding: try JSONEncoder().encode(EngineOutput.voice(signal)), as: UTF8.self))
                }
            } else {
                logged.append(CallEvents.encode(event))
            }
        }
        let replayEvents = try CallEvents.decode(jsonLines: logged.joined(separator: "\n"))
        #expect(replayEvents.contains { if case .voice = $0 { true } else { false } })
        let replay = Self.run(replayEvents)
        #expect(Array(live.outputs.joined()) == Array(replay.outputs.joined()))
        #expect(live.analyzer.state == replay.analyzer.state)
        #expect(live.analyzer.alerts == replay.analyzer.alerts)
        #expect(!Self.decisions(live.outputs).isEmpty)
    }

    @Test("a voice output line reads back as the output and as the voice event it replays as")
    func outputLine() throws {
        let live = Self.run(Self.call(then: .agitated, seconds: 20))
        let signal = try #require(Self.customerSignals(live.outputs).last { $0.reading != nil })
        let data = try JSONEncoder().encode(EngineOutput.voice(signal))
        #expect(try JSONDecoder().decode(EngineOutput.self, from: data) == .voice(signal))
        #expect(try CallEvents.decode(line: String(decoding: data, as: UTF8.self)) == .voice(signal.window))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == "voice")
        #expect((object["reading"] as? [String: Any])?["arousal"] is Double)
    }

    @Test("a call without audio has no voice signals, and its fused stress is its stress")
    func noAudio() throws {
        let turn = Turn(callID: "v", at: 1_000, utteranceID: "u1", speaker: .customer, text: "this is the third time i'm calling")
        let (analyzer, outputs) = Self.run([.callStarted(CallStarted(callID: "v", channel: .voice, customerID: "c", queue: "q")), .turn(turn)])
        let record = try #require(analyzer.state.customerTurns.last)
        #expect(record.readings[.fusedStress] == record.readings[.stress])
        #expect(record.readings[.vocalStress] == nil && record.readings[.mismatch] == nil)
        #expect(analyzer.state.voiceReadings.isEmpty)
        #expect(!outputs.joined().contains { if case .voice = $0 { true } else { false } })
    }

    @Test("the default preset's voice rules fire on an agitated voice alone")
    func defaultPreset() throws {
        let (_, outputs) = Self.run(Self.call(then: .agitated), policy: try Policy.preset(named: "default"))
        #expect(Self.decisions(outputs).contains { $0.rule == "voice-agitated" })
    }

    /// A call with turn-taking: the customer speaks for three seconds, then the agent for four (on its own track) while
    /// the customer is silent, and so on; the customer's turns are calm, then `angryFrom` on agitated.
    static func turnTakingCall(turns: Int, angryFrom: Int) -> [CallEvent] {
        var customer = ContiguousArray<Float>()
        var agent = ContiguousArray<Float>()
        for index in 0..<turns {
            let style: SyntheticVoice.Style = index >= angryFrom ? .agitated : .calm
            customer += SyntheticVoice.speech(style, seconds: 3, seed: UInt64(40 + index)) + SyntheticVoice.silence(seconds: 4, seed: 7)
            agent += SyntheticVoice.silence(seconds: 3, seed: 8) + SyntheticVoice.speech(.calm, seconds: 4, seed: UInt64(60 + index))
        }
        var body =
            (SyntheticVoice.audioEvents(customer, callID: "v", track: .customer) + SyntheticVoice.audioEvents(agent, callID: "v", track: .agent))
            .enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        body.insert(.callStarted(CallStarted(callID: "v", at: 0, channel: .voice, customerID: "c", queue: "billing")), at: 0)
        body.append(.callEnded(CallEnded(callID: "v", at: turns * 7000)))
        return body
    }

    @Test("a voice threshold held `for:` counts the customer's speaking time: the agent's turns and the pauses hold the clock")
    func speakingTime() throws {
        let policy = try Policy.parse(
            yaml: """
                name: held
                version: 1
                rules:
                  - id: angry-for-a-while
                    tier: supervisor
                    when:
                      all:
                        - vocalStress: { above: 0.7, for: 4s }
                """)
        // Angry from the third turn (14 s): no single turn holds four seconds of speech, so only speaking time summed
        // across turns can reach it.
        let (analyzer, outputs) = Self.run(Self.turnTakingCall(turns: 6, angryFrom: 2), policy: policy)
        let decision = try #require(Self.decisions(outputs).first { $0.rule == "angry-for-a-while" })
        #expect(decision.at > 21_000, "needs speech from more than one angry turn: \(decision.at)")
        #expect(decision.at < 42_000)
        let observed = decision.reasons.map(\.observed).joined()
        #expect(observed.contains("of the customer's speech"), "\(observed)")
        #expect(observed.contains("(voice ") && observed.contains("σ"), "the reason names the voice cues: \(observed)")
        // The calm turns before the anger made the baseline; the angry ones were kept out of it.
        #expect(analyzer.state.customerVoice.baseline.voicedSeconds < 6)

        let calm = Self.run(Self.turnTakingCall(turns: 6, angryFrom: 6), policy: policy)
        #expect(Self.decisions(calm.outputs).isEmpty)
    }
}
