import Foundation
import Testing
import UndertoneEngine

@testable import UndertoneServer

@Suite("Demo scripts")
struct DemoScriptTests {
    static let policy = try! Policy.preset(named: "default")

    /// The decisions the engine takes on a call, without the server.
    static func decisions(_ call: DemoCall) -> [Decision] {
        var analyzer = CallAnalyzer(policy: policy, textModel: TestServer.model)
        return call.events.flatMap { analyzer.ingest($0) }.compactMap { if case .decision(let decision) = $0 { decision } else { nil } }
    }

    @Test("the same seed writes the same calls; another seed writes others")
    func determinism() {
        var first = DemoScriptWriter(seed: 42, runID: "run")
        var second = DemoScriptWriter(seed: 42, runID: "run")
        var other = DemoScriptWriter(seed: 43, runID: "run")
        let a = (0..<60).map { _ in first.next() }
        let b = (0..<60).map { _ in second.next() }
        let c = (0..<60).map { _ in other.next() }
        #expect(a == b)
        #expect(a != c)
        #expect(a.map(\.callID) == (1...60).map { String(format: "run-%05d", $0) })
    }

    @Test("a run of calls is varied: every channel, many scripts, repeat customers, PII that the redactor catches")
    func variety() {
        var writer = DemoScriptWriter(seed: 7, runID: "v")
        let calls = (0..<300).map { _ in writer.next() }
        let channels = Dictionary(grouping: calls, by: \.channel).mapValues(\.count)
        #expect(channels[.voice, default: 0] > 150 && channels[.chat, default: 0] > 30 && channels[.email, default: 0] > 10)
        #expect(Set(calls.map(\.scenario)) == Set(DemoScenario.all.map(\.id)))
        let customers = calls.compactMap { call -> String? in if case .callStarted(let started) = call.events[0] { started.customerID } else { nil } }
        #expect(Set(customers).count < customers.count, "some customers contact us again")
        let texts = calls.flatMap { $0.events.compactMap { if case .turn(let turn) = $0 { turn.text } else { nil } } }
        #expect(Set(texts).count > texts.count / 3, "texts are filled with varied names and numbers, not canned")
        let cards = texts.filter { $0.contains(/\b4\d{3} \d{4} \d{4} \d{4}\b/) }
        #expect(!cards.isEmpty)
        let redactor = Redactor()
        for text in cards { #expect(!redactor.redact(text).text.contains(/\d{4} \d{4} \d{4}/), "\(text)") }
        // Events are in time order and voice calls carry speech for both sides.
        for call in calls {
            #expect(zip(call.events, call.events.dropFirst()).allSatisfy { $0.at <= $1.at })
            if call.channel == .voice, !call.scenario.hasPrefix("abandoned") {
                #expect(Set(call.speech.map(\.track)) == [.customer, .agent], "\(call.scenario)")
            }
        }
    }

    /// The lowest and highest tier each script must reach with the default policy (nil: no alert at all).
    static let expectedTiers: [String: ClosedRange<Int>] = [
        "billing-calm": 0...0, "delivery-bot-contained": 0...0, "abandoned-in-queue": 0...0,
        "billing-confused": 1...1, "account-access-confused": 1...1, "technical-frustrated-recovers": 0...1,
        "appointment-anxious-patient": 0...1, "fraud-worried": 0...1, "delivery-bot-handoff": 0...1,
        "repeat-contact": 2...3, "technical-supervisor": 2...3,
        "cancel-threat": 3...3, "email-complaint": 3...3, "abusive-outburst": 3...3, "manager-request-climbs": 3...3,
    ]

    /// 0 no alert, 1 coach, 2 supervisor, 3 manager.
    static func level(_ tier: Tier?) -> Int {
        switch tier {
        case nil: 0
        case .coach: 1
        case .supervisor: 2
        case .manager: 3
        }
    }

    @Test("each script raises what it was written to show, on every channel it plays on", arguments: DemoScenario.all.map(\.id))
    func scriptOutcome(_ id: String) throws {
        let scenario = try #require(DemoScenario.all.first { $0.id == id })
        let expected = try #require(Self.expectedTiers[id], "every script says what it should raise")
        for seed in 1...4 as ClosedRange<UInt64> {
            var writer = DemoScriptWriter(seed: seed, runID: "o")
            for channel in scenario.channels {
                let call = writer.write(scenario, callID: "o-\(seed)-\(channel)", channel: channel)
                let decisions = Self.decisions(call)
                let reached = Self.level(decisions.map(\.tier).max())
                #expect(expected.contains(reached), "\(id) on \(channel), seed \(seed): \(decisions.map { "\($0.kind) \($0.tier) \($0.rule)" })")
            }
        }
    }
}
