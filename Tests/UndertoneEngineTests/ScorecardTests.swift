import Foundation
import Testing

@testable import UndertoneEngine

/// Builds a call's events the way a script reads: who said what, from when to when (seconds).
struct CallScript {
    var events: [CallEvent]
    private var number = 0
    private let id: String

    init(_ id: String, channel: Channel = .voice, queue: String = "billing") {
        self.id = id
        events = [.callStarted(CallStarted(callID: id, channel: channel, customerID: "cust-1", queue: queue))]
    }

    mutating func say(_ speaker: SpeakerRole, _ text: String, from start: Double? = nil, to end: Double? = nil, at: Double? = nil) {
        number += 1
        let startMs = start.map { Int($0 * 1000) }
        let endMs = end.map { Int($0 * 1000) }
        let at = at.map { Int($0 * 1000) } ?? endMs ?? number * 1000
        events.append(.turn(Turn(callID: id, at: at, utteranceID: "u\(number)", speaker: speaker, text: text, startMs: startMs, endMs: endMs)))
    }

    mutating func agent(_ text: String, _ start: Double, _ end: Double) { say(.agent, text, from: start, to: end) }
    mutating func customer(_ text: String, _ start: Double, _ end: Double) { say(.customer, text, from: start, to: end) }

    mutating func hold(_ start: Double, _ end: Double?) {
        events.append(.agentAction(AgentAction(callID: id, at: Int(start * 1000), action: .holdStart)))
        if let end { events.append(.agentAction(AgentAction(callID: id, at: Int(end * 1000), action: .holdEnd))) }
    }

    mutating func end(_ at: Double) { events.append(.callEnded(CallEnded(callID: id, at: Int(at * 1000)))) }
}

@Suite("QA scorecards")
struct ScorecardTests {
    let card = try! Scorecard.bundled()

    func outcomes(_ result: ScorecardResult) -> [String: ScorecardOutcome] {
        Dictionary(uniqueKeysWithValues: result.items.map { ($0.id, $0.outcome) })
    }

    /// A call that does everything right: 8 items apply, 90 of 90 points.
    static var modelCall: CallScript {
        var call = CallScript("model")
        // A partial of the greeting, superseded by its final.
        call.events.append(
            .turn(Turn(callID: "model", at: 1500, utteranceID: "u1", speaker: .agent, text: "good", startMs: 1000, endMs: 1500, isFinal: false)))
        call.agent("Good morning, thanks for calling Brightwave, this is Sam.", 1.0, 4.0)
        call.customer("Hi, I've been charged twice and I'm really annoyed.", 4.5, 9.0)
        call.agent("I'm sorry to hear that. Can I take your date of birth first?", 9.5, 14.0)
        call.customer("Fourth of June, eighty-one.", 14.5, 17.0)
        call.agent("Thank you. Can I put you on hold while I check?", 17.5, 21.0)
        call.hold(21.5, 60.0)
        call.agent("Thanks for holding. I've refunded the second charge.", 61.0, 66.0)
        call.customer("Great, thank you.", 66.5, 69.0)
        call.agent("Is there anything else I can help with? Have a good day.", 69.5, 73.0)
        call.end(74.0)
        return call
    }

    @Test("a model call passes every item, with the turns that prove it")
    func modelCall() throws {
        let result = card.score(Self.modelCall.events)
        #expect(result.callID == "model" && result.scorecard == "default")
        #expect(result.items.map(\.id) == card.items.map(\.id))
        #expect(result.items.allSatisfy { $0.outcome == .pass }, "\(result.items.filter { $0.outcome != .pass })")
        #expect(result.points == 90 && result.possiblePoints == 90 && result.score == 100 && !result.criticalFailed)

        let items = Dictionary(uniqueKeysWithValues: result.items.map { ($0.id, $0) })
        let greeting = try #require(items["greeting"])
        #expect(greeting.reason == "the agent greets the caller in their turn 1 (\"thanks for calling\")")
        #expect(greeting.evidence.first?.quote == "Good morning, thanks for calling Brightwave, this is Sam.")
        #expect(greeting.evidence.first?.utterance == "u1" && greeting.evidence.first?.atMs == 1000)
        #expect(items["identity-verification"]?.evidence.first?.utterance == "u3")
        let empathy = try #require(items["empathy"])
        #expect(empathy.reason == "the agent answers the customer's \"annoyed\" with \"i'm sorry\"")
        #expect(empathy.evidence.map(\.utterance) == ["u2", "u3"])
        let hold = try #require(items["hold-etiquette"])
        #expect(hold.evidence.map(\.utterance) == ["u5", "u6"])
        #expect(hold.evidence.map(\.note) == ["asks before the hold at 0:21", "thanks after the hold at 0:21"])
        // 19.5 s of agent talk against 9.5 s of customer talk: 67%.
        #expect(items["talk-ratio"]?.reason == "the agent has 67% of the talk (19.5 of 29 s of talk), within 30%–70%")
        // The 40 s gap around the hold is the hold, not dead air.
        #expect(items["dead-air"]?.evidence.isEmpty == true)
        #expect(card.score(Self.modelCall.events) == result)
    }

    @Test("a poor call fails what it should, with the moments as evidence")
    func poorCall() throws {
        var call = CallScript("poor")
        call.agent("Yeah?", 0.5, 2.0)
        call.customer("This is the third time I'm calling about my broadband, it's ridiculous.", 2.5, 9.0)
        call.agent("Account number.", 8.0, 12.0)  // starts 1 s before the customer finishes
        call.customer("Four four seven one.", 12.5, 15.0)
        call.agent("Right, the line has a fault.", 30.0, 33.0)  // 15 s of silence first
        call.customer("So when will it be fixed? I'm not happy.", 33.5, 40.0)
        call.agent("Engineer Thursday.", 38.0, 45.0)  // 2 s over the customer
        call.hold(46.0, 70.0)  // neither announced nor thanked
        call.agent("Okay, that's booked.", 71.0, 73.0)
        call.end(74.0)
        let result = card.score(call.events)
        #expect(
            outcomes(result) == [
                "greeting": .fail, "identity-verification": .pass, "empathy": .fail, "hold-etiquette": .fail, "closing": .fail, "dead-air": .fail,
                "talk-ratio": .pass, "interruptions": .fail,
            ])
        // 15 (identity) + 10 (talk ratio) of 90.
        #expect(result.points == 25 && result.possiblePoints == 90)
        #expect(abs(result.score! - 100.0 * 25 / 90) < 1e-9)

        let items = Dictionary(uniqueKeysWithValues: result.items.map { ($0.id, $0) })
        #expect(items["greeting"]?.reason == "the agent's first turn does not greet the caller")
        #expect(items["empathy"]?.reason == "the customer's concern (2 turns) gets no empathy statement within the agent's next 2 turns")
        #expect(items["empathy"]?.evidence.map(\.note) == ["the customer: \"ridiculous\"", "the customer: \"not happy\""])
        #expect(items["hold-etiquette"]?.reason == "the hold at 0:46 is not announced; nobody thanks the caller after the hold at 0:46")
        #expect(items["closing"]?.reason == "none of the agent's last 2 turns closes the call")
        let deadAir = try #require(items["dead-air"])
        #expect(deadAir.reason == "1 silence longer than 10 s between turns (allowed 0)")
        #expect(deadAir.evidence.map(\.utterance) == ["u5"] && deadAir.evidence.first?.note == "15.0 s of silence after u4")
        let interruptions = try #require(items["interruptions"])
        #expect(interruptions.reason == "2 interruptions by the agent (allowed 1)")
        #expect(interruptions.evidence.map(\.utterance) == ["u3", "u7"])
        #expect(interruptions.evidence.first?.note?.hasPrefix("starts 1.0 s before u2 (customer) ends") == true)
        // 17.5 s against 15.5 s.
        #expect(items["talk-ratio"]?.reason == "the agent has 53% of the talk (17.5 of 33 s of talk), within 30%–70%")
    }

    @Test("a chat: timing items and voice-only items do not apply, talk is counted in words")
    func chat() throws {
        var call = CallScript("chat", channel: .chat)
        call.say(.agent, "Hi! You're chatting with Ana.", at: 1)
        call.say(.customer, "My order hasn't arrived.", at: 5)
        call.say(.agent, "Let me check.", at: 9)
        call.say(.agent, "Anything else? Take care!", at: 20)
        let result = card.score(call.events)
        #expect(
            outcomes(result) == [
                "greeting": .pass, "identity-verification": .notApplicable, "empathy": .notApplicable, "hold-etiquette": .notApplicable,
                "closing": .pass, "dead-air": .notApplicable, "talk-ratio": .fail, "interruptions": .notApplicable,
            ])
        let items = Dictionary(uniqueKeysWithValues: result.items.map { ($0.id, $0) })
        #expect(items["greeting"]?.evidence.first?.quote == "Hi! You're chatting with Ana.")
        #expect(items["identity-verification"]?.reason == "the item applies to voice only, not chat")
        // 5 + 3 + 4 agent words against 4 customer words: 75%.
        #expect(items["talk-ratio"]?.reason == "the agent has 75% of the talk (12 of 16 words), outside 30%–70%")
        #expect(result.points == 20 && result.possiblePoints == 30)
    }

    @Test("a critical item that fails scores the call 0; a call where nothing applies has no score")
    func criticalAndEmpty() throws {
        let yaml = """
            name: compliance
            version: 1
            items:
              - id: verify
                kind: identity_verification
                weight: 20
                critical: true
                phrases: [date of birth]
              - id: hello
                kind: greeting
                weight: 5
                phrases: [good morning]
            """
        let card = try Scorecard.parse(yaml: yaml)
        var call = CallScript("c")
        call.agent("Good morning, how can I help?", 1, 3)
        call.customer("Just a question about my bill.", 3.5, 6)
        call.agent("Sure, what is it?", 6.5, 8)
        let result = card.score(call.events)
        #expect(result.criticalFailed && result.score == 0 && result.points == 5 && result.possiblePoints == 25)

        let silent = card.score(CallScript("empty").events)
        #expect(silent.score == nil && silent.possiblePoints == 0)
        #expect(silent.items.allSatisfy { $0.outcome == .notApplicable })
    }

    @Test("every example call scores, the same way twice, and encodes as JSON")
    func exampleCalls() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/calls")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        #expect(files.count >= 17)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let events = try CallEvents.decode(jsonLines: text)
            let result = card.score(events)
            #expect(result == card.score(events), "\(file)")
            #expect(result.score != nil, "\(file)")
            let decoded = try JSONDecoder().decode(ScorecardResult.self, from: try JSONEncoder().encode(result))
            #expect(decoded == result)
            for item in result.items where item.outcome != .notApplicable && item.kind != .deadAir && item.kind != .interruptions {
                #expect(!item.evidence.isEmpty || item.outcome == .fail, "\(file) \(item.id) has no evidence")
            }
        }
    }
}
