import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

@Suite("Demo simulator against a live server")
struct DemoSimulatorTests {
    @Test("simulated calls go through the ingest WebSocket: stored live then ended, alerts raised, voice heard, nothing refused, clean shutdown")
    func simulatorAgainstServer() async throws {
        let server = try await TestServer()
        try await server.run { client in
            let port = try #require(client.port)
            var settings = DemoSettings()
            settings.concurrentCalls = 6
            settings.speed = 25
            settings.seed = 11
            settings.runID = "sim"
            var logger = Logger(label: "demo-test")
            logger.logLevel = .warning
            let simulator = DemoSimulator(settings: settings, apiKey: TestServer.adminKey, host: "127.0.0.1", port: port, logger: logger)
            let group = ServiceGroup(services: [simulator], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var sawLive = false
                var sawEnded = false
                var escalated = false
                let deadline = ContinuousClock.now + .seconds(150)
                while ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(500))
                    let statuses = try await client.execute(uri: "/v1/calls", method: .get, headers: TestServer.headers()) { response in
                        ((jsonObject(response.body)["calls"] as? [[String: Any]]) ?? []).compactMap { $0["status"] as? String }
                    }
                    sawLive = sawLive || statuses.contains("live")
                    sawEnded = sawEnded || statuses.contains("ended")
                    let alerts = try await server.context.store.alerts(AlertFilter())
                    escalated = alerts.contains { $0.tier == "supervisor" || $0.tier == "manager" }
                    if sawLive, sawEnded, escalated, simulator.tally.statistics.callsEnded >= 10 { break }
                }
                let stopping = ContinuousClock.now
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                let stopTime = ContinuousClock.now - stopping
                #expect(stopTime < .seconds(5), "the simulator stops promptly at shutdown: \(stopTime)")
                #expect(sawLive && sawEnded, "GET /v1/calls showed live and ended calls")
                #expect(escalated, "a supervisor or manager alert was raised")
            }
            let statistics = simulator.tally.statistics
            #expect(statistics.refusals.isEmpty, "\(statistics.refusals)")
            #expect(statistics.callsFailed == 0)
            #expect(statistics.callsEnded >= 10)
            #expect(statistics.callsStarted >= statistics.callsEnded)
            #expect(statistics.audioFrames > 0)
            #expect(statistics.outputs["voice", default: 0] > 0, "voice calls yield voice outputs: \(statistics.outputs)")
            #expect(statistics.outputs["signal", default: 0] > 0)
            #expect(statistics.outputs["decision", default: 0] > 0)
            let stored = try await server.context.store.calls(CallFilter(limit: 5_000))
            #expect(stored.count >= statistics.callsEnded)
            #expect(stored.filter { $0.status == .ended }.count >= statistics.callsEnded)
            // The simulated supervisors answered some alerts, on the calls' own streams: the store holds their answers.
            let answered = try await server.context.store.alerts(AlertFilter()).filter { $0.acknowledgedBy == "demo-supervisor" }
            #expect(statistics.alertAnswers.values.reduce(0, +) > 0, "some alerts answered: \(statistics.alertAnswers)")
            // An answer sent just as its alert climbed finds it closed (state resolved, outcome climbed) and changes nothing.
            #expect(
                !answered.isEmpty && answered.count <= statistics.alertAnswers.values.reduce(0, +),
                "the answers sent are in the alerts table: \(answered.count)")
            #expect(answered.allSatisfy { $0.outcome == "useful" || $0.outcome == "dismissed" })
            print("demo test:", statistics)
        }
    }

    @Test("text only: the simulated supervisors still answer alerts (a quiet call sends few messages; answers do not wait on them)")
    func supervisorsAnswerTextCalls() async throws {
        let server = try await TestServer()
        try await server.run { client in
            var settings = DemoSettings()
            settings.concurrentCalls = 8
            settings.speed = 30
            settings.seed = 5
            settings.voice = false
            settings.totalCalls = 16
            settings.runID = "text"
            var logger = Logger(label: "demo-text-test")
            logger.logLevel = .warning
            let simulator = DemoSimulator(
                settings: settings, apiKey: TestServer.adminKey, host: "127.0.0.1", port: try #require(client.port), logger: logger)
            // It stops by itself after its 16 calls (or the test gives up after 150 s).
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await simulator.run() }
                tasks.addTask {
                    try await Task.sleep(for: .seconds(150))
                    throw CancellationError()
                }
                try await tasks.next()
                tasks.cancelAll()
            }
            #expect(simulator.tally.statistics.callsEnded == 16)
            let statistics = simulator.tally.statistics
            #expect(statistics.audioFrames == 0)
            let answered = try await server.context.store.alerts(AlertFilter()).filter { $0.acknowledgedBy == DemoSupervisor.name }
            #expect(!answered.isEmpty, "alerts answered on text calls: \(statistics.alertAnswers)")
        }
    }

    @Test(
        "the simulated supervisor: the same alert gets the same answer; calm scripts' alerts are dismissed, most others useful; not every alert is answered"
    )
    func supervisorAnswers() {
        let supervisor = DemoSupervisor(seed: 7)
        var answered = 0
        var useful = 0
        for index in 0..<200 {
            let id = "demo-call-\(index)-a1"
            let first = supervisor.answer(alertID: id, tier: .supervisor, at: 10_000, scenario: "billing-calm")
            let again = supervisor.answer(alertID: id, tier: .supervisor, at: 10_000, scenario: "billing-calm")
            #expect(first?.at == again?.at && first?.outcome == again?.outcome)
            guard let first else { continue }
            answered += 1
            #expect(first.outcome == .dismissed)
            #expect((14_000...30_000).contains(first.at), "answered 4 to 20 s after the alert")
            if supervisor.answer(alertID: id, tier: .supervisor, at: 10_000, scenario: "cancel-threat")?.outcome == .useful { useful += 1 }
        }
        #expect((120...180).contains(answered), "about 75% of supervisor alerts answered: \(answered)")
        #expect((Double(useful) / Double(answered)) > 0.7 && useful < answered, "most, not all, answers on a real escalation are useful: \(useful)")
    }
}
