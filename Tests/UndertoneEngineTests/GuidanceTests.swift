import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Guidance")
struct GuidanceTests {
    static let model = try! TextModel.bundled()
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/calls")

    /// A policy whose one rule applies to e-mail only: on these voice calls only unprompted suggestions give guidance.
    static let quiet = try! Policy.parse(
        yaml:
            "name: quiet\nversion: 1\nrules:\n  - id: never\n    tier: coach\n    when:\n      all:\n        - cue: legal_threat\n    channels: [email]\n"
    )

    static func call(_ turns: [(SpeakerRole, String)], every gap: Int = 6_000) -> [CallEvent] {
        var events: [CallEvent] = [.callStarted(CallStarted(callID: "g", at: 0, channel: .voice, customerID: "c", queue: "billing", language: "en"))]
        for (index, turn) in turns.enumerated() {
            events.append(.turn(Turn(callID: "g", at: (index + 1) * gap, utteranceID: "u\(index + 1)", speaker: turn.0, text: turn.1)))
        }
        return events
    }

    static func run(_ events: [CallEvent], policy: Policy, knowledge: KnowledgeBase? = try? KnowledgeBase.sample) -> (CallAnalyzer, [EngineOutput]) {
        var analyzer = CallAnalyzer(policy: policy, textModel: model, knowledgeBase: knowledge)
        let outputs = events.flatMap { analyzer.ingest($0) }
        return (analyzer, outputs)
    }

    static func guidance(_ outputs: [EngineOutput]) -> [Guidance] {
        outputs.compactMap { if case .guidance(let guidance) = $0 { guidance } else { nil } }
    }

    static func example(_ prefix: String) throws -> [CallEvent] {
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: examples.path).first { $0.hasPrefix(prefix) && $0.hasSuffix(".jsonl") })
        return try CallEvents.decode(jsonLines: String(contentsOf: examples.appendingPathComponent(file), encoding: .utf8))
    }

    // MARK: Hints

    @Test("hints follow the cues: repeat contact, confusion, cancel threat, legal threat, abuse")
    func hintsForCues() {
        func ids(_ cues: [CueKind], tier: Tier = .coach) -> [String] { Coaching.hints(for: CoachingMoment(tier: tier, cues: cues)).map(\.id) }
        #expect(ids([.repeatContact]) == ["acknowledge-repeat", "summarise-and-agree"])
        #expect(ids([.confusion]).first == "check-understanding")
        #expect(ids([.cancellationThreat], tier: .manager) == ["retention-script", "manager-aware"])
        #expect(ids([.legalThreat], tier: .manager).first == "legal-threat-procedure")
        #expect(ids([.abuse], tier: .manager).prefix(2) == ["abuse-boundary", "offer-supervisor"])
        let repeatHint = Coaching.hints(for: CoachingMoment(tier: .supervisor, cues: [.repeatContact]))[0]
        #expect(repeatHint.because == "repeat contact")
        #expect(repeatHint.text.contains("called before"))
    }

    @Test("anger at the supervisor tier offers the supervisor, unless they already asked; not at the coach tier")
    func offerSupervisor() {
        var angry = EmotionScores()
        angry[.frustration] = 0.8
        let supervisor = Coaching.hints(for: CoachingMoment(tier: .supervisor, responses: [.empathyProtocol], emotions: angry))
        #expect(supervisor.map(\.id) == ["offer-supervisor", "empathy-protocol", "supervisor-aware"])
        #expect(supervisor[0].because == "anger at supervisor tier")
        #expect(supervisor[1].because == "empathy protocol")
        let coach = Coaching.hints(for: CoachingMoment(tier: .coach, responses: [.empathyProtocol], emotions: angry))
        #expect(!coach.map(\.id).contains("offer-supervisor"))
        let asked = Coaching.hints(for: CoachingMoment(tier: .supervisor, cues: [.supervisorRequest, .statedAnger]))
        #expect(asked.map(\.id).contains("honour-supervisor-request"))
        #expect(!asked.map(\.id).contains("offer-supervisor"))
    }

    @Test("anxiety brings reassurance and what happens next; clarity guidance slows down; at most four hints")
    func anxietyClarityLimit() {
        var anxious = EmotionScores()
        anxious[.anxiety] = 0.6
        let hints = Coaching.hints(for: CoachingMoment(tier: .coach, responses: [.clarityGuidance], emotions: anxious))
        #expect(hints.map(\.id) == ["check-understanding", "reassure-next-steps", "summarise-and-agree"])
        #expect(hints[0].because == "clarity guidance")
        #expect(hints[1].because == "anxiety")
        let everything = Coaching.hints(
            for: CoachingMoment(
                tier: .manager, responses: [.empathyProtocol, .priorityBoost], cues: [.abuse, .legalThreat, .cancellationThreat, .repeatContact],
                emotions: anxious))
        #expect(everything.count == Coaching.limit)
        #expect(Set(Coaching.table.map(\.id)).count == Coaching.table.count)
    }

    // MARK: In the call engine

    @Test("a confused customer gets a coaching guidance after the decision: slow down, and the bill article")
    func confusedCall() throws {
        let (_, outputs) = Self.run(try Self.example("02-"), policy: try Policy.preset(named: "default"))
        let index = try #require(outputs.firstIndex { if case .guidance(let guidance) = $0 { guidance.tier != nil } else { false } })
        guard case .guidance(let guidance) = outputs[index] else { return }
        // The decisions of the same turn come just before it.
        let decisions = outputs[..<index].reversed().prefix { if case .decision = $0 { true } else { false } }
            .compactMap { if case .decision(let decision) = $0 { decision } else { nil } }
        #expect(decisions.contains { $0.rule == "customer-confused" && $0.responses.contains(.clarityGuidance) })
        #expect(decisions.allSatisfy { $0.at == guidance.at && $0.callID == guidance.callID })
        #expect(guidance.tier == .coach)
        #expect(guidance.hints.first?.id == "check-understanding")
        #expect(guidance.articles.first?.id == "billing/understanding-your-bill", "\(guidance.articles.map(\.id))")
        #expect(guidance.articles.allSatisfy { !$0.snippet.isEmpty && $0.score >= GuidanceSettings().decisionArticleScore })
        #expect(guidance.intent == "billing")
    }

    @Test("the intent appears on the customer's signals of a clear billing call, never on the agent's")
    func intentOnSignals() throws {
        let events = Self.call([
            (.agent, "good morning you're through to customer services how can i help"),
            (.customer, "hi i've been charged twice on my bill this month and i want to know why"),
            (.agent, "i'm sorry about that let me look at your account"),
            (.customer, "thank you it's the same amount taken two times"),
        ])
        let (analyzer, outputs) = Self.run(events, policy: try Policy.preset(named: "default"))
        let signals = outputs.compactMap { if case .signal(let signal) = $0 { signal } else { nil } }
        #expect(signals.filter { $0.speaker == .agent }.allSatisfy { $0.intent == nil })
        let customer = signals.filter { $0.speaker == .customer }
        #expect(customer.count == 2)
        #expect(customer.allSatisfy { $0.intent?.label == "billing" }, "\(customer.map { String(describing: $0.intent) })")
        #expect(customer.allSatisfy { ($0.intent?.confidence ?? 0) > 0.5 })
        #expect(analyzer.intent?.intent == "billing")
        // Without an intent model there is no intent.
        var bare = CallAnalyzer(policy: try Policy.preset(named: "default"), textModel: Self.model, intentModel: nil)
        let bareSignals = events.flatMap { bare.ingest($0) }.compactMap { if case .signal(let signal) = $0 { signal } else { nil } }
        #expect(bareSignals.allSatisfy { $0.intent == nil })
        #expect(bare.intent == nil)
    }

    @Test("small talk is out of scope: no intent")
    func noIntentForSmallTalk() throws {
        let (analyzer, outputs) = Self.run(Self.call([(.customer, "hello"), (.customer, "hmm")]), policy: Self.quiet)
        #expect(analyzer.intent == nil)
        #expect(outputs.allSatisfy { if case .signal(let signal) = $0 { signal.intent == nil } else { true } })
    }

    @Test("unprompted suggestions: at most one per 30 s of call time, never the same article twice in a row")
    func rateLimited() throws {
        let events = Self.call(
            [
                (.customer, "the lights on my router are flashing red and i've restarted the router twice"),  // 10 s: suggested
                (.customer, "i was charged twice this month, a duplicate charge on my statement"),  // 20 s: too soon
                (.customer, "the duplicate charge is still on my statement and i was charged twice"),  // 30 s: too soon
                (.customer, "yes charged twice, the same duplicate charge"),  // 40 s: 30 s later, a new article
                (.customer, "and the duplicate charge again charged twice"),  // 50 s: too soon
                (.customer, "so the duplicate charge, charged twice"),  // 60 s: too soon
                (.customer, "charged twice, a duplicate charge on the statement"),  // 70 s: allowed, but the same article
            ], every: 10_000)
        let (_, outputs) = Self.run(events, policy: Self.quiet)
        let given = Self.guidance(outputs)
        #expect(given.map(\.at) == [10_000, 40_000], "\(given.map { "\($0.at) \($0.articles.map(\.id))" })")
        #expect(given.map { $0.articles.map(\.id) } == [["technical/router-reset"], ["billing/duplicate-charges"]])
        #expect(given.allSatisfy { $0.tier == nil && $0.hints.isEmpty && $0.articles.count == 1 })
        // Without a knowledge base nothing is suggested.
        #expect(Self.guidance(Self.run(events, policy: Self.quiet, knowledge: nil).1).isEmpty)
    }

    @Test("without a knowledge base, decisions still bring hints, with no articles")
    func hintsWithoutKnowledge() throws {
        let (_, outputs) = Self.run(try Self.example("06-"), policy: try Policy.preset(named: "default"), knowledge: nil)
        let given = Self.guidance(outputs)
        #expect(!given.isEmpty)
        #expect(given.allSatisfy { $0.articles.isEmpty && !$0.hints.isEmpty && $0.tier != nil })
        #expect(given.contains { $0.hints.contains { $0.id == "acknowledge-repeat" } })
    }

    @Test("replays are deterministic, and every output survives the JSON log")
    func deterministic() throws {
        for prefix in ["02-", "04-", "06-", "09-", "11-", "17-"] {
            let events = try Self.example(prefix)
            let (first, outputs) = Self.run(events, policy: try Policy.preset(named: "default"))
            let (second, again) = Self.run(events, policy: try Policy.preset(named: "default"))
            #expect(outputs == again, "\(prefix)")
            #expect(first.intent == second.intent)
            let lines = try outputs.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            let decoded = try lines.map { try JSONDecoder().decode(EngineOutput.self, from: Data($0.utf8)) }
            #expect(decoded == outputs, "\(prefix)")
        }
    }

    @Test("guidance JSON: call, at, tier and intent (null when unknown), hints, articles; signals without intent still decode")
    func json() throws {
        let guidance = Guidance(
            callID: "C1", at: 12_345, tier: nil, intent: nil,
            hints: [GuidanceHint(id: "acknowledge-repeat", text: "Acknowledge it.", because: "repeat contact")],
            articles: [KnowledgeMatch(id: "billing/refunds", title: "Refunds and credits", score: 7.2, snippet: "…")])
        let object = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(EngineOutput.guidance(guidance))) as? [String: Any])
        #expect(Set(object.keys) == ["type", "call", "at", "tier", "intent", "hints", "articles"])
        #expect(object["type"] as? String == "guidance")
        #expect(object["call"] as? String == "C1")
        #expect(object["tier"] is NSNull)
        #expect(object["intent"] is NSNull)
        #expect((object["articles"] as? [[String: Any]])?.first?["score"] as? Double == 7.2)
        let line = #"{"type":"guidance","call":"C1","at":5,"tier":"coach","intent":"billing","hints":[],"articles":[]}"#
        #expect(
            try JSONDecoder().decode(EngineOutput.self, from: Data(line.utf8))
                == .guidance(Guidance(callID: "C1", at: 5, tier: .coach, intent: "billing", hints: [], articles: [])))

        let old =
            #"{"type":"signal","callID":"c","utteranceID":"u1","speaker":"customer","at":1,"emotions":{"frustration":0,"confusion":0,"anxiety":0,"sadness":0,"satisfaction":0,"neutral":1},"polarity":{"negative":0,"neutral":1,"positive":0},"cues":[],"explanations":[],"stress":0,"smoothedStress":0,"trend":0}"#
        guard case .signal(let signal) = try JSONDecoder().decode(EngineOutput.self, from: Data(old.utf8)) else {
            Issue.record("not a signal")
            return
        }
        #expect(signal.intent == nil)
        #expect(!String(decoding: try JSONEncoder().encode(signal), as: UTF8.self).contains("intent"))
        var withIntent = signal
        withIntent.intent = CallIntent(label: "billing", confidence: 0.83)
        let encoded = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(withIntent)) as? [String: Any])
        let intent = try #require(encoded["intent"] as? [String: Any])
        #expect(intent["label"] as? String == "billing")
        #expect(intent["confidence"] as? Double == 0.83)
        #expect(try JSONDecoder().decode(TurnSignal.self, from: try JSONEncoder().encode(withIntent)) == withIntent)
    }
}
