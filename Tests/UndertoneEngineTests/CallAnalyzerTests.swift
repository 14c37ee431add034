import Testing

@testable import UndertoneEngine

@Suite("Call analyzer")
struct CallAnalyzerTests {
    static let model = try! TextModel.bundled()

    static func call(_ turns: [(SpeakerRole, String)], every gap: Int = 6_000, history: CustomerHistory? = nil) -> [CallEvent] {
        var events: [CallEvent] = [
            .callStarted(CallStarted(callID: "t", at: 0, channel: .voice, customerID: "c", queue: "billing", language: "en", history: history))
        ]
        for (index, turn) in turns.enumerated() {
            events.append(.turn(Turn(callID: "t", at: (index + 1) * gap, utteranceID: "u\(index + 1)", speaker: turn.0, text: turn.1)))
        }
        return events
    }

    static func run(_ events: [CallEvent], policy: Policy) -> (analyzer: CallAnalyzer, decisions: [Decision]) {
        var analyzer = CallAnalyzer(policy: policy, textModel: model)
        var decisions: [Decision] = []
        for event in events {
            for case .decision(let decision) in analyzer.ingest(event) { decisions.append(decision) }
        }
        return (analyzer, decisions)
    }

    @Test("a calm call raises nothing")
    func calm() throws {
        let events = Self.call([
            (.agent, "good morning you're through to billing how can i help"),
            (.customer, "hi yes i just wanted to check when my next payment is due"),
            (.agent, "of course it's due on the fifth of next month"),
            (.customer, "lovely that's all i needed thank you"),
        ])
        let (analyzer, decisions) = Self.run(events, policy: try Policy.preset(named: "default"))
        #expect(decisions.isEmpty)
        #expect(analyzer.state.smoothedStress < 0.3)
    }

    static func customerCues(_ events: [CallEvent], policy: Policy) -> [[CueKind]] {
        var analyzer = CallAnalyzer(policy: policy, textModel: model)
        var cues: [[CueKind]] = []
        for event in events {
            for case .signal(let signal) in analyzer.ingest(event) where signal.speaker == .customer { cues.append(signal.cues.map(\.kind)) }
        }
        return cues
    }

    @Test("praise is sarcasm after bad news, and thanks after good news")
    func sarcasmNeedsContext() throws {
        let policy = try Policy.preset(named: "default")
        let afterGoodNews = Self.customerCues(
            Self.call([(.agent, "good news the engineer can come tomorrow morning"), (.customer, "oh great thanks a lot")]), policy: policy)
        #expect(afterGoodNews == [[.gratitude]])
        let afterBadNews = Self.call([
            (.agent, "unfortunately the engineer cant come until the twentieth"), (.customer, "oh great thanks a lot"),
        ])
        #expect(Self.customerCues(afterBadNews, policy: policy) == [[.sarcasm]])
        let (analyzer, _) = Self.run(afterBadNews, policy: policy)
        #expect(analyzer.state.smoothedStress >= 0.5, "sarcasm reads as frustration, not praise")
    }

    @Test("smoothing rises with the newest turn faster than it falls")
    func asymmetricSmoothing() {
        let settings = SignalSettings(risingWeight: 0.5, fallingWeight: 0.4)
        #expect(abs(settings.smooth(0.2, towards: 0.8) - 0.5) < 1e-9)
        #expect(abs(settings.smooth(0.8, towards: 0.2) - 0.56) < 1e-9)
    }

    @Test("thirty frustrated turns raise one alert per tier, not thirty")
    func storm() throws {
        let lines = [
            "this is absolutely ridiculous", "i am so angry right now", "nobody here has a clue what they are doing",
            "this is the worst service i have ever had", "i am furious about this",
        ]
        let events = Self.call((0..<30).map { (.customer, lines[$0 % lines.count]) }, every: 4_000)
        let (analyzer, decisions) = Self.run(events, policy: try Policy.preset(named: "default"))
        let raised = decisions.filter { $0.kind != .folded }
        #expect(raised.count <= Tier.allCases.count)
        #expect(Set(raised.map(\.tier)).count == raised.count)
        #expect(analyzer.alerts.count == raised.count)
        #expect(raised.contains { $0.tier == .manager })
        #expect(decisions.count < 10, "later firings are held back by hysteresis and cooldowns")
        for decision in decisions {
            #expect(!decision.reasons.isEmpty)
            #expect(!decision.utteranceIDs.isEmpty)
        }
    }

    @Test("an unacknowledged supervisor alert climbs to manager; an acknowledged one does not")
    func climb() throws {
        let policy = try Policy.preset(named: "default")
        let limit = try #require(policy.settings(for: .supervisor).acknowledgeWithinMs)
        var events = Self.call([(.customer, "can i speak to your supervisor please")])
        events.append(.agentAction(AgentAction(callID: "t", at: 6_000 + limit + 1, action: .note, note: "still on the line")))
        let (_, decisions) = Self.run(events, policy: policy)
        #expect(decisions.map(\.kind) == [.raised, .climbed])
        #expect(decisions.last?.tier == .manager)

        var acknowledged = Self.call([(.customer, "can i speak to your supervisor please")])
        let alert = "t-a1"
        acknowledged.append(.alertAcknowledged(AlertAcknowledgement(callID: "t", at: 7_000, alertID: alert, by: "sup", outcome: .acknowledged)))
        acknowledged.append(.agentAction(AgentAction(callID: "t", at: 6_000 + limit + 1, action: .note)))
        #expect(Self.run(acknowledged, policy: policy).decisions.map(\.kind) == [.raised])
    }

    @Test("decisions name the rule, the values and the turns; the same events give the same outputs")
    func reasonsAndDeterminism() throws {
        let events = Self.call([
            (.customer, "i already told you this twice"),
            (.customer, "this is ridiculous im so fed up"),
            (.customer, "if this isnt fixed today im cancelling and taking my business elsewhere"),
            (.customer, "actually no im cancelling my account right now"),
        ])
        let policy = try Policy.preset(named: "default")
        let first = Self.run(events, policy: policy).decisions
        #expect(first == Self.run(events, policy: policy).decisions)
        let manager = try #require(first.first { $0.tier == .manager })
        #expect(manager.rule == "cancel-threat")
        #expect(manager.utteranceIDs == ["u4"])
        #expect(manager.reasons.contains { $0.condition.contains("cancel_threat") && $0.observed.contains("cancelling") })
    }

    @Test("partial turns are not analysed until their final arrives")
    func partials() throws {
        var analyzer = CallAnalyzer(policy: try Policy.preset(named: "default"), textModel: Self.model)
        let partial = Turn(callID: "t", at: 1_000, utteranceID: "u1", speaker: .customer, text: "this is", isFinal: false)
        #expect(analyzer.ingest(.turn(partial)).isEmpty)
        var final = partial
        final.text = "this is fine thanks"
        final.isFinal = true
        let outputs = analyzer.ingest(.turn(final))
        #expect(outputs.count == 1)
        #expect(analyzer.state.customerTurns.count == 1)
    }

    @Test("history risk grows with recent trouble and is zero without history")
    func historyRisk() throws {
        var state = CallState(settings: SignalSettings())
        #expect(state.historyRisk == 0)
        state.start(
            CallStarted(callID: "t", at: 0, channel: .voice, customerID: "c", queue: "q", language: "en", history: CustomerHistory(contacts30d: 1)))
        let low = state.historyRisk
        state.start(
            CallStarted(
                callID: "t", at: 0, channel: .voice, customerID: "c", queue: "q", language: "en",
                history: CustomerHistory(contacts30d: 4, escalations90d: 2, openFollowUps: 1, lastSentiment: .negative, repeatIssue: true)))
        #expect(low > 0 && state.historyRisk > low && state.historyRisk < 1)
    }
}
