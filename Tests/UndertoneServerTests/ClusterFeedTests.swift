import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

/// The rules of the decisions a subscriber received (a class, so that tasks can share it).
private final class Received: Sendable {
    let rules = Mutex<[String]>([])
    /// The owner of each `follow_up` message, in order.
    let followUpOwners = Mutex<[String]>([])
}

@Suite("Feed across nodes", .timeLimit(.minutes(5)))
struct ClusterFeedTests {
    @Test("announcements name position ranges and fit PostgreSQL's payload limit")
    func payloads() throws {
        let payloads = ClusterFeed.payloads(node: "n1", positions: [7, 3, 4, 5, 9, 10])
        #expect(payloads == ["n1 3-5,7,9-10"])
        let parsed = try #require(ClusterFeed.parse(payloads[0]))
        #expect(parsed.node == "n1")
        #expect(parsed.ranges == [3...5, 7...7, 9...10])
        let many = ClusterFeed.payloads(node: "n1", positions: (0..<4_000).map { Int64($0 * 2) }, limit: 200)
        #expect(many.count > 1)
        #expect(many.allSatisfy { $0.utf8.count <= 200 })
        #expect(many.flatMap { ClusterFeed.parse($0)?.ranges ?? [] }.count == 4_000)
        #expect(ClusterFeed.parse("n1 5-3") == nil)
        #expect(ClusterFeed.parse("garbage") == nil)
    }

    /// Two nodes on one PostgreSQL log: a call ingested on node A reaches a supervisor subscribed on node B.
    @Test(
        "a decision made on one node reaches a subscriber on another, and so does a follow-up claimed over REST (PostgreSQL LISTEN/NOTIFY)",
        .enabled(if: ProcessInfo.processInfo.environment["POSTGRES_HOST"] != nil))
    func acrossNodes() async throws {
        let logger = Logger(label: "test")
        let configuration = try PostgresEventStore.configuration()
        let schema = "undertone_cluster_\(UInt32.random(in: 0...UInt32.max))"
        let events = try TestServer.exampleCall("04")
        let expected = try TestServer.engineDecisions(events)
        var settings = ServerConfiguration(policy: try Policy.preset(named: "default"))
        settings.port = 0
        settings.bootstrapAdminKey = TestServer.adminKey
        TestServer.relaxConnectionLimits(&settings)
        let storeA = try PostgresEventStore(configuration: configuration, schema: schema, logger: logger)
        let storeB = try PostgresEventStore(configuration: configuration, schema: schema, logger: logger)
        let nodeA = ServerContext(
            configuration: settings, policyYAML: try Policy.presetYAML(named: "default"), store: storeA, textModel: TestServer.model, logger: logger)
        let nodeB = ServerContext(
            configuration: settings, policyYAML: try Policy.presetYAML(named: "default"), store: storeB, textModel: TestServer.model, logger: logger)
        let relayB = try #require(nodeB.cluster)
        let groupB = ServiceGroup(services: [storeB, relayB], logger: logger)
        let principal = Principal(keyID: "k", name: "admin", role: .admin, subject: nil)
        let received = Received()
        let feedB = nodeB.feed
        // Node B runs in tasks of their own, not children of this test: its shutdown is asked for below, and the test does
        // not wait on it (under a starved pool, a relay's LISTEN was once seen never to return, holding the whole run).
        let runB = Task { try await groupB.run() }
        defer { runB.cancel() }
        do {
            let subscriber = Task {
                let messages = feedB.subscribe(principal, types: ["decision", "follow_up"]).messages
                for await message in messages {
                    let object = jsonObject(message.json)
                    if message.type == "follow_up" {
                        received.followUpOwners.withLock { $0.append(object["owner"] as? String ?? "") }
                    } else {
                        received.rules.withLock { $0.append(object["rule"] as? String ?? "") }
                    }
                }
            }
            // Node B's service group and feed end whatever happens here: a task group waits for them before it can throw.
            do {
                try await nodeA.buildApplication().test(.live) { client in
                    // Asked over the connection (a connection that sends nothing for 15 s is closed: ConnectionLimits).
                    for _ in 0..<1_500 {
                        let ready = try await client.execute(uri: "/readyz", method: .get) { $0.status == .ok }
                        if ready { break }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    // Node B listens once its connection is up; give it a moment, then ingest on node A.
                    try await Task.sleep(for: .milliseconds(500))
                    let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
                    try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                        #expect($0.status == .ok)
                    }
                    for _ in 0..<500 where received.rules.withLock({ $0.count }) < expected.count { try await Task.sleep(for: .milliseconds(20)) }
                    // A follow-up claimed on node A (an append outside the call's shard) shows on node B as the follow-up it leaves.
                    let listed = try await client.execute(uri: "/v1/follow-ups", method: .get, headers: TestServer.headers()) { jsonObject($0.body) }
                    let id = try #require((listed["followUps"] as? [[String: Any]])?.first?["id"] as? String, "call 04 made a follow-up")
                    let claimed = try await client.execute(uri: "/v1/follow-ups/\(id)/claim", method: .post, headers: TestServer.headers()) {
                        jsonObject($0.body)
                    }
                    let owner = try #require(claimed["owner"] as? String)
                    for _ in 0..<500 where !received.followUpOwners.withLock({ $0.contains(owner) }) { try await Task.sleep(for: .milliseconds(20)) }
                    #expect(
                        received.followUpOwners.withLock { $0.contains(owner) }, "node B saw the claim: \(received.followUpOwners.withLock { $0 })")
                }
            } catch {
                feedB.finishAll()
                await groupB.triggerGracefulShutdown()
                throw error
            }
            #expect(received.rules.withLock { $0 } == expected.map(\.rule))
            feedB.finishAll()
            await groupB.triggerGracefulShutdown()
            _ = await subscriber.result
        }
        // Clean up the schema with a store of its own.
        let cleaner = try PostgresEventStore(configuration: configuration, schema: schema, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await cleaner.run() }
            try await cleaner.dropSchema()
            tasks.cancelAll()
        }
    }
}
