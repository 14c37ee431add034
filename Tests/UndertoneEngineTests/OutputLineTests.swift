import Foundation
import Testing

@testable import UndertoneEngine

/// Signals written directly (`EngineOutput.line()`) against the general encoder they stand in for.
@Suite("Output lines")
struct OutputLineTests {
    private static let texts = ["", "thanks", "i want", "say \"no\"", "back\\slash", "tab\there", "line\nbreak", "a/b", "café", "😀", "\u{0}\u{1F}"]

    private static func number(_ generator: inout some RandomNumberGenerator) -> Double {
        let specials: [Double] = [
            0, -0.0, 1, -1, 0.5, 1e-7, 1.5e-5, 123_456_789, 1e16, 1e300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.leastNormalMagnitude,
            0.1 + 0.2,
        ]
        return Bool.random(using: &generator)
            ? specials.randomElement(using: &generator)! : Double.random(in: -2...2, using: &generator)
    }

    private static func text(_ generator: inout some RandomNumberGenerator) -> String {
        texts.randomElement(using: &generator)! + (Bool.random(using: &generator) ? "" : String(Int.random(in: 0...99, using: &generator)))
    }

    private static func randomSignal(_ generator: inout some RandomNumberGenerator) -> TurnSignal {
        let emotions = EmotionScores(
            frustration: number(&generator), confusion: number(&generator), anxiety: number(&generator), sadness: number(&generator),
            satisfaction: number(&generator), neutral: number(&generator))
        let cues = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            Cue(
                kind: CueKind.allCases.randomElement(using: &generator)!, text: text(&generator), conditional: Bool.random(using: &generator),
                count: Bool.random(using: &generator) ? Int.random(in: -5...5, using: &generator) : nil)
        }
        let explanations = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
            Explanation(
                output: ["frustration", "positive", "a\"b"].randomElement(using: &generator)!, text: text(&generator), weight: number(&generator))
        }
        return TurnSignal(
            callID: ["c-1", "call/7", "ç\"x"].randomElement(using: &generator)!, utteranceID: text(&generator),
            speaker: SpeakerRole.allCases.randomElement(using: &generator)!, at: Int.random(in: 0...10_000_000, using: &generator),
            emotions: emotions, polarity: PolarityScores(negative: number(&generator), neutral: number(&generator), positive: number(&generator)),
            cues: cues, explanations: explanations, stress: number(&generator), smoothedStress: number(&generator), trend: number(&generator),
            intent: Bool.random(using: &generator) ? CallIntent(label: text(&generator), confidence: number(&generator)) : nil,
            language: Bool.random(using: &generator) ? ["en", "es", "x\"y"].randomElement(using: &generator)! : nil)
    }

    @Test("a signal is written byte for byte as the general encoder writes it")
    func signalLines() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let signal = Self.randomSignal(&generator)
            let direct = try #require(signal.line, "a signal of finite numbers is written directly")
            #expect(direct == (try SortedJSON.string(EngineOutput.signal(signal))))
            #expect(try EngineOutput.signal(signal).line() == direct)
        }
    }

    @Test("a signal with a number JSON cannot hold is refused as the general encoder refuses it")
    func nonFiniteSignals() {
        var generator = SystemRandomNumberGenerator()
        let spoil: [(inout TurnSignal) -> Void] = [
            { $0.emotions.sadness = .nan }, { $0.polarity.positive = .infinity }, { $0.trend = -.infinity }, { $0.stress = .nan },
            { $0.smoothedStress = .nan }, { $0.intent = CallIntent(label: "billing", confidence: .nan) },
            { $0.explanations.append(Explanation(output: "positive", text: "x", weight: .infinity)) },
        ]
        for change in spoil {
            var signal = Self.randomSignal(&generator)
            change(&signal)
            #expect(signal.line == nil)
            #expect(throws: EncodingError.self) { try EngineOutput.signal(signal).line() }
        }
    }

    private static func randomGuidance(_ generator: inout some RandomNumberGenerator) -> Guidance {
        Guidance(
            callID: ["c-1", "call/7", "ç\"x"].randomElement(using: &generator)!, at: Int.random(in: 0...10_000_000, using: &generator),
            tier: Bool.random(using: &generator) ? Tier.allCases.randomElement(using: &generator) : nil,
            intent: Bool.random(using: &generator) ? text(&generator) : nil,
            hints: (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                GuidanceHint(id: text(&generator), text: text(&generator), because: text(&generator))
            },
            articles: (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                KnowledgeMatch(id: text(&generator), title: text(&generator), score: number(&generator), snippet: text(&generator))
            })
    }

    @Test("guidance is written byte for byte as the general encoder writes it, or left to it")
    func guidanceLines() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let guidance = Self.randomGuidance(&generator)
            let direct = try #require(guidance.line, "guidance of finite scores is written directly")
            #expect(direct == (try SortedJSON.string(EngineOutput.guidance(guidance))))
            #expect(try EngineOutput.guidance(guidance).line() == direct)
        }
        // Every example call's guidance, as the engine gives it.
        let model = try TextModel.bundled()
        var written = 0
        for call in ExampleCalls.cases {
            var analyzer = CallAnalyzer(policy: try Policy.preset(named: call.expectation.preset), textModel: model, knowledgeBase: try .sample)
            for case .guidance(let guidance) in try ExampleCalls.events(call.file).flatMap({ analyzer.ingest($0) }) {
                written += 1
                #expect(guidance.line == (try SortedJSON.string(EngineOutput.guidance(guidance))))
            }
        }
        #expect(written > 10)
        // A score JSON cannot hold: nothing written, and the general encoder says why.
        var guidance = Self.randomGuidance(&generator)
        guidance.articles.append(KnowledgeMatch(id: "a", title: "t", score: .nan, snippet: "s"))
        #expect(guidance.line == nil)
        #expect(throws: EncodingError.self) { try EngineOutput.guidance(guidance).line() }
    }

    @Test("other outputs are written by the general encoder")
    func otherOutputs() throws {
        let decision = Decision(
            callID: "c", at: 5, kind: .raised, tier: .supervisor, rule: "r", alertID: "a-1", reasons: [Reason(condition: "x", observed: "y")],
            utteranceIDs: ["u-1"], guidance: nil, responses: [])
        #expect(try EngineOutput.decision(decision).line() == (try SortedJSON.string(EngineOutput.decision(decision))))
    }

    private static func randomPacket(_ generator: inout some RandomNumberGenerator) -> HandoffPacket {
        func maybe(_ value: String) -> String? { Bool.random(using: &generator) ? value : nil }
        func count(_ most: Int) -> Int { Int.random(in: 0...most, using: &generator) }
        let history = CustomerHistory(
            contacts30d: count(9), escalations90d: count(3), openFollowUps: count(2),
            lastSentiment: Bool.random(using: &generator) ? Polarity.allCases.randomElement(using: &generator) : nil,
            repeatIssue: Bool.random(using: &generator), segment: maybe(text(&generator)),
            lifetimeValue: Bool.random(using: &generator) ? number(&generator) : nil)
        return HandoffPacket(
            callID: text(&generator), customerID: text(&generator), channel: text(&generator), queue: text(&generator), language: text(&generator),
            industry: maybe(text(&generator)), fromAgent: maybe(text(&generator)), intent: maybe(text(&generator)), tier: maybe(text(&generator)),
            rule: maybe(text(&generator)), stressNow: number(&generator), peakStress: number(&generator),
            summary: (0..<count(6)).map { _ in
                HandoffPacket.Line(
                    at: count(1_000_000), speaker: SpeakerRole.allCases.randomElement(using: &generator)!, utteranceID: text(&generator),
                    text: text(&generator), why: text(&generator))
            },
            timeline: (0..<count(12)).map { _ in
                HandoffPacket.StressPoint(at: count(1_000_000), stress: number(&generator), smoothed: number(&generator), emotion: text(&generator))
            },
            cues: (0..<count(4)).map { _ in
                HandoffPacket.RaisedCue(at: count(9_999), kind: text(&generator), text: text(&generator), conditional: Bool.random(using: &generator))
            },
            tried: (0..<count(3)).map { _ in HandoffPacket.AgentMove(at: count(9_999), move: text(&generator), text: text(&generator)) },
            promises: (0..<count(3)).map { _ in HandoffPacket.AgentMove(at: count(9_999), move: text(&generator), text: text(&generator)) },
            history: Bool.random(using: &generator) ? history : nil, link: maybe("/v1/calls/\(text(&generator))/handoff"),
            spokenLanguage: maybe(text(&generator)))
    }

    @Test("a hand-off packet is written byte for byte as the general encoder writes it, or left to it")
    func packets() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let packet = Self.randomPacket(&generator)
            let finite =
                packet.stressNow.isFinite && packet.peakStress.isFinite && (packet.history?.lifetimeValue?.isFinite ?? true)
                && packet.timeline.allSatisfy { $0.stress.isFinite && $0.smoothed.isFinite }
            #expect(finite)
            #expect(packet.directJSON == (try SortedJSON.string(packet)))
            #expect(try packet.jsonText() == (try SortedJSON.string(packet)))
        }
        // Every example call's packet, as the server builds it.
        let model = try TextModel.bundled()
        var built = 0
        for call in ExampleCalls.cases {
            let events = try ExampleCalls.events(call.file)
            var analyzer = CallAnalyzer(policy: try Policy.preset(named: call.expectation.preset), textModel: model)
            let outputs = events.flatMap { analyzer.ingest($0) }
            guard let packet = HandoffPacket.build(events: events, outputs: outputs, intent: "billing", link: "/v1/calls/x/handoff") else { continue }
            built += 1
            #expect(packet.directJSON == (try SortedJSON.string(packet)))
        }
        #expect(built > 10)
        // A number JSON cannot hold: nothing written, and the general encoder says why.
        let spoil: [(inout HandoffPacket) -> Void] = [
            { $0.stressNow = .nan }, { $0.peakStress = .infinity },
            { $0.timeline.append(HandoffPacket.StressPoint(at: 1, stress: .nan, smoothed: 0, emotion: "anger")) },
            { $0.timeline.append(HandoffPacket.StressPoint(at: 1, stress: 0, smoothed: -.infinity, emotion: "anger")) },
        ]
        for change in spoil {
            var packet = Self.randomPacket(&generator)
            change(&packet)
            #expect(packet.directJSON == nil)
            #expect(throws: EncodingError.self) { try SortedJSON.string(packet) }
            #expect(throws: EncodingError.self) { try packet.jsonText() }
        }
        // A history's lifetime value that is not finite is left out by the history's own encoding, in both.
        var packet = Self.randomPacket(&generator)
        packet.history = CustomerHistory(contacts30d: 2, lifetimeValue: .nan)
        #expect(packet.directJSON == (try SortedJSON.string(packet)))
    }
}
