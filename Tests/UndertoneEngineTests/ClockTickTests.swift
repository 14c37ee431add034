import Foundation
import Testing

@testable import UndertoneEngine

/// The `tick` event (time passing with nothing said) and the `wrap_up` agent action.
@Suite("Clock ticks and wrap-up")
struct ClockTickTests {
    static let model = try! TextModel.bundled()

    @Test("tick and wrap_up read and write as every event does, and bad ones are refused")
    func wire() throws {
        let tick = try CallEvents.decode(line: #"{"v":1,"type":"tick","call":"c-1","at":152000}"#)
        #expect(tick == .tick(ClockTick(callID: "c-1", at: 152_000)))
        #expect(try CallEvents.encode(tick) == #"{"at":152000,"call":"c-1","type":"tick","v":1}"#)
        #expect(CallEvent.types.contains("tick"))
        #expect(throws: CallEventError.self) { try CallEvents.decode(line: #"{"v":1,"type":"tick","call":"","at":5}"#) }
        #expect(throws: CallEventError.self) { try CallEvents.decode(line: #"{"v":1,"type":"tick","call":"c-1","at":-5}"#) }
        let wrapUp = try CallEvents.decode(
            line: #"{"v":1,"type":"agent_action","call":"c-1","at":9000,"action":"wrap_up","note":"refund by Friday"}"#)
        #expect(wrapUp == .agentAction(AgentAction(callID: "c-1", at: 9_000, action: .wrapUp, note: "refund by Friday")))
        #expect(try CallEvents.decode(line: CallEvents.encode(wrapUp)) == wrapUp)
    }

    /// Call 14 up to its supervisor alert: the customer asks for a manager, then nothing more is said.
    static func quiet() throws -> (analyzer: CallAnalyzer, callID: String, raisedAt: Int) {
        let events = try ExampleCalls.events("14-supervisor-unacknowledged-climbs.jsonl")
        var analyzer = CallAnalyzer(policy: try Policy.preset(named: "default"), textModel: model)
        for event in events {
            for case .decision(let decision) in analyzer.ingest(event) where decision.tier == .supervisor && decision.kind == .raised {
                return (analyzer, event.callID, decision.at)
            }
        }
        throw CancellationError()
    }

    @Test("a tick past the supervisor's acknowledgement time climbs the alert; one before it changes nothing")
    func tickClimbs() throws {
        var (analyzer, callID, raisedAt) = try Self.quiet()
        let early = analyzer.ingest(.tick(ClockTick(callID: callID, at: raisedAt + 89_000)))
        #expect(!early.contains { if case .decision = $0 { true } else { false } })
        let due = analyzer.ingest(.tick(ClockTick(callID: callID, at: raisedAt + 90_000)))
        let climbs = due.compactMap { if case .decision(let decision) = $0 { decision } else { nil } }
        #expect(climbs.map(\.kind) == [.climbed])
        #expect(climbs.first?.tier == .manager)
        #expect(climbs.first?.at == raisedAt + 90_000)
        #expect(climbs.first?.reasons.first?.condition == "supervisor alert not acknowledged within 1m30s")
        // Once: a later tick finds nothing left to climb.
        #expect(
            !analyzer.ingest(.tick(ClockTick(callID: callID, at: raisedAt + 200_000))).contains { if case .decision = $0 { true } else { false } })
    }

    @Test("wrap-up ends a hold: a call wrapped up after a hold is not counted as abandoned on hold")
    func wrapUpEndsHold() {
        let callID = "c-wrap"
        let events: [CallEvent] = [
            .callStarted(CallStarted(callID: callID, at: 0, channel: .voice, customerID: "cu-1", queue: "billing")),
            .turn(Turn(callID: callID, at: 1_000, utteranceID: "u-1", speaker: .agent, text: "hello how can i help")),
            .turn(Turn(callID: callID, at: 3_000, utteranceID: "u-2", speaker: .customer, text: "my bill is wrong")),
            .agentAction(AgentAction(callID: callID, at: 5_000, action: .holdStart)),
            .agentAction(AgentAction(callID: callID, at: 9_000, action: .wrapUp)),
            .callEnded(CallEnded(callID: callID, at: 10_000, disposition: "resolved")),
        ]
        let facts = CallFacts(LoggedCall(callID: callID, startedAt: Date(), events: events, outputs: []), intents: nil, settings: MetricsSettings())
        #expect(!facts.abandoned)
    }
}
