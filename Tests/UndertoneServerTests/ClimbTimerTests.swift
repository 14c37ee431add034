import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

/// Alerts nobody answers climb on time while the call says nothing more, by the server's clock, through a `tick` that
/// enters the log (docs/nodes.md).
@Suite("Climb timer")
struct ClimbTimerTests {
    /// The default policy with a supervisor alert to be acknowledged within two seconds.
    static func policy() throws -> Policy {
        let yaml = try Policy.presetYAML(named: "default").replacingOccurrences(of: "acknowledgeWithin: 90s", with: "acknowledgeWithin: 2s")
        #expect(yaml.contains("acknowledgeWithin: 2s"))
        return try Policy.parse(yaml: yaml)
    }

    /// Call 14 up to the event that raises its supervisor alert, then silence; and when that alert was raised.
    static func quietCall(_ policy: Policy) throws -> (events: [CallEvent], raisedAt: Int) {
        let events = try TestServer.exampleCall("14")
        var analyzer = CallAnalyzer(policy: policy, textModel: TestServer.model)
        for (index, event) in events.enumerated() {
            for case .decision(let decision) in analyzer.ingest(event) where decision.tier == .supervisor && decision.kind == .raised {
                return (Array(events[...index]), decision.at)
            }
        }
        throw CancellationError()
    }

    static func post(_ events: [CallEvent], _ client: any TestClientProtocol) async throws {
        let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
        try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
            #expect($0.status == .ok)
        }
    }

    static func log(_ store: any EventStore, _ callID: String) async throws -> [LoggedEntry] {
        try await store.entries(call: callID, after: 0, limit: 10_000)
    }

    @Test("a supervisor alert on a call gone quiet climbs to the manager on time, once, and replay of the log climbs it the same way")
    func climbsOnTime() async throws {
        let policy = try Self.policy()
        let server = try await TestServer {
            $0.policy = policy
            $0.climbSweep = .milliseconds(100)
        }
        let (events, raisedAt) = try Self.quietCall(policy)
        let callID = events[0].callID
        try await server.run { client in
            let posted = ContinuousClock.now
            try await Self.post(events, client)
            let open = try await server.context.store.alerts(AlertFilter(callID: callID, state: .open))
            #expect(open.map(\.tier) == ["supervisor"], "nothing has climbed when the batch is answered")

            // Real time passes with nothing said.
            var climbed: AlertRecord?
            while climbed == nil, ContinuousClock.now - posted < .seconds(30) {
                try await Task.sleep(for: .milliseconds(50))
                climbed = try await server.context.store.alerts(AlertFilter(callID: callID)).first { $0.outcome == "climbed" }
            }
            let waited = ContinuousClock.now - posted
            let supervisor = try #require(climbed)
            #expect(supervisor.tier == "supervisor")
            #expect(waited >= .seconds(2), "not before the acknowledgement time")
            let alerts = try await server.context.store.alerts(AlertFilter(callID: callID, state: .open))
            #expect(alerts.map(\.tier) == ["manager"])

            // One more second: still one tick, one climb.
            try await Task.sleep(for: .seconds(1))
            let log = try await Self.log(server.context.store, callID)
            let ticks = log.filter { $0.entry.type == ClockTick.eventType }
            #expect(ticks.count == 1)
            #expect(ticks.first?.entry.kind == .event)
            let decisions = try log.filter { $0.entry.type == "decision" }.map {
                try JSONDecoder().decode(EngineOutput.self, from: Data($0.entry.body.utf8))
            }.compactMap { if case .decision(let decision) = $0 { decision } else { nil } }
            let climbs = decisions.filter { $0.rule == "acknowledgement-timeout" }
            #expect(climbs.count == 1)
            let climb = try #require(climbs.first)
            #expect(climb.tier == .manager)
            #expect(climb.climbedFrom == supervisor.alertID)
            #expect(climb.at == ticks.first.map(\.entry.at))
            #expect(climb.at - raisedAt >= 2_000)
            #expect(climb.reasons.first?.condition == "supervisor alert not acknowledged within 2s")

            // The log replayed through the pure engine makes the same decisions, the climb included.
            var replay = CallAnalyzer(policy: policy, textModel: TestServer.model)
            let replayed = try log.filter { $0.entry.kind == .event }.flatMap { replay.ingest(try CallEvents.decode(line: $0.entry.body)) }
                .compactMap { if case .decision(let decision) = $0 { decision } else { nil } }
            #expect(replayed == decisions)
        }
    }

    @Test("an alert acknowledged in time does not climb, however long the call stays quiet")
    func acknowledgedDoesNotClimb() async throws {
        let policy = try Self.policy()
        // The timer is swept by hand at a chosen time, so that a busy machine cannot let the clock win the race.
        let server = try await TestServer {
            $0.policy = policy
            $0.climbSweep = .seconds(3_600)
        }
        let (events, _) = try Self.quietCall(policy)
        let callID = events[0].callID
        try await server.run { client in
            try await Self.post(events, client)
            let alert = try #require(try await server.context.store.alerts(AlertFilter(callID: callID, state: .open)).first)
            try await client.execute(uri: "/v1/alerts/\(alert.alertID)/ack", method: .post, headers: TestServer.headers()) {
                #expect($0.status == .ok)
            }
            let timer = ClimbTimer(undertone: server.context)
            #expect(try await timer.sweep(now: Date() + 600).isEmpty, "ten minutes later, nothing to tick")
            let log = try await Self.log(server.context.store, callID)
            #expect(!log.contains { $0.entry.type == ClockTick.eventType })
            #expect(!log.contains { $0.entry.body.contains("acknowledgement-timeout") })
        }
    }

    @Test("ten nodes' timers sweeping at once tick the call once")
    func onceAcrossNodes() async throws {
        let policy = try Self.policy()
        // The server's own timer sweeps too rarely to interfere: the ten below are the nodes.
        let server = try await TestServer {
            $0.policy = policy
            $0.climbSweep = .seconds(3_600)
        }
        let (events, _) = try Self.quietCall(policy)
        let callID = events[0].callID
        try await server.run { client in
            try await Self.post(events, client)
            let timers = (0..<10).map { ClimbTimer(undertone: server.context, nodeID: "node-\($0)") }
            let later = Date() + 5
            let ticked = try await withThrowingTaskGroup(of: [String].self) { group in
                for timer in timers { group.addTask { try await timer.sweep(now: later) } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(ticked == [callID])
            let log = try await Self.log(server.context.store, callID)
            #expect(log.count(where: { $0.entry.type == ClockTick.eventType }) == 1)
            #expect(log.count(where: { $0.entry.type == "decision" && $0.entry.body.contains("\"rule\":\"acknowledgement-timeout\"") }) == 1)
            // Swept again later: the alert is closed, nothing more to tick.
            #expect(try await timers[0].sweep(now: later + 60).isEmpty)
        }
    }
}
