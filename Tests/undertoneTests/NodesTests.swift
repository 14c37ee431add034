import Foundation
import Testing

/// Two `undertone serve` processes on one real PostgreSQL database behind a load balancer that is not sticky: a call's
/// events posted to node A, then B, then A (docs/nodes.md).
@Suite("Several nodes", .serialized, .enabled(if: ProcessInfo.processInfo.environment["POSTGRES_HOST"] != nil))
struct NodesTests {
    /// The PostgreSQL the contract suite uses, with a schema of the test's own.
    static func databaseURL(schema: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        var components = URLComponents()
        components.scheme = "postgres"
        components.host = environment["POSTGRES_HOST"]
        components.port = environment["POSTGRES_PORT"].flatMap(Int.init) ?? 5432
        components.user = environment["POSTGRES_USER"] ?? "postgres"
        components.password = environment["POSTGRES_PASSWORD"]
        components.path = "/" + (environment["POSTGRES_DB"] ?? components.user!)
        components.queryItems = [URLQueryItem(name: "schema", value: schema), URLQueryItem(name: "sslmode", value: "disable")]
        return components.string!
    }

    static func decisions(_ body: [String: Any]) -> [[String: Any]] {
        (body["outputs"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "decision" }
    }

    @Test("events posted A → B → A give the decisions of one node that saw them all, and the same call state")
    func callMovesBetweenNodes() async throws {
        let lines = try ServeTests.lines("04")
        let (first, second) = (lines.count / 3, 2 * lines.count / 3)

        // The reference: the whole call through one node.
        let reference = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-nodes-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: reference + suffix) } }
        let single = try await ServeProcess.start(database: reference)
        try await single.waitUntilReady()
        let whole = try await single.request("POST", "/v1/events", body: lines.joined(separator: "\n"))
        #expect(whole.status == 200)
        let callID = try #require((whole.body["calls"] as? [String: Any])?.keys.first)
        let expectedCall = try #require((try await single.request("GET", "/v1/calls/\(callID)").body["call"]) as? [String: Any])
        single.kill()
        let expected = Self.decisions(whole.body)
        #expect(expected.contains { $0["tier"] as? String == "manager" }, "the call reaches a manager")

        let database = Self.databaseURL(schema: "ut_nodes_\(UInt32.random(in: 0...UInt32.max))")
        let nodeA = try await ServeProcess.start(database: database)
        defer { nodeA.kill() }
        try await nodeA.waitUntilReady()
        let nodeB = try await ServeProcess.start(database: database)
        defer { nodeB.kill() }
        try await nodeB.waitUntilReady()

        let one = try await nodeA.request("POST", "/v1/events", body: lines[..<first].joined(separator: "\n"))
        let two = try await nodeB.request("POST", "/v1/events", body: lines[first..<second].joined(separator: "\n"))
        let three = try await nodeA.request("POST", "/v1/events", body: lines[second...].joined(separator: "\n"))
        #expect([one.status, two.status, three.status] == [Int](repeating: 200, count: 3))
        let made = Self.decisions(one.body) + Self.decisions(two.body) + Self.decisions(three.body)
        for key in ["rule", "tier", "kind", "alertID", "at"] {
            #expect(made.map { "\($0[key] ?? "")" } == expected.map { "\($0[key] ?? "")" }, "decisions' \(key)")
        }
        // Both nodes tell the same call as the single node did: smoothed stress, peak, alerts.
        for node in [nodeA, nodeB] {
            let call = try #require(try await node.request("GET", "/v1/calls/\(callID)").body["call"] as? [String: Any])
            for key in ["smoothedStress", "peakStress", "highestTier", "customerTurns", "status"] {
                #expect("\(call[key] ?? "")" == "\(expectedCall[key] ?? "")", "\(key) on node \(node.port)")
            }
        }

        // A client resending the last batch to node B (its first node was A) is answered with duplicates, nothing redone.
        let again = try await nodeB.request("POST", "/v1/events", body: lines[(lines.count - 2)...].joined(separator: "\n"))
        #expect(again.status == 200 || again.status == 409, "an ended call: duplicates or refused, never processed twice")
        #expect(Self.decisions(again.body).isEmpty)
    }

    @Test("two nodes taking one call's events at the same moment apply each once, in log order")
    func concurrentIngest() async throws {
        // Without sequence numbers: two requests in flight may reach the log in either order.
        let lines = try ServeTests.lines("04").map { "{" + $0.drop { $0 != "," }.dropFirst() }
        let database = Self.databaseURL(schema: "ut_nodes_\(UInt32.random(in: 0...UInt32.max))")
        let nodeA = try await ServeProcess.start(database: database)
        defer { nodeA.kill() }
        let nodeB = try await ServeProcess.start(database: database)
        defer { nodeB.kill() }
        try await nodeA.waitUntilReady()
        try await nodeB.waitUntilReady()
        let opening = try await nodeA.request("POST", "/v1/events", body: lines[0])
        #expect(opening.status == 200)
        // The middle, one event a request, alternately to each node, two requests in flight at a time; the end last.
        var statuses: [Int] = []
        var rules: [String] = []
        let middle = Array(lines.dropFirst().dropLast())
        for pair in stride(from: 0, to: middle.count, by: 2) {
            async let left = nodeA.request("POST", "/v1/events", body: middle[pair])
            async let right =
                pair + 1 < middle.count ? nodeB.request("POST", "/v1/events", body: middle[pair + 1]) : (status: 200, body: [String: Any]())
            let (a, b) = try await (left, right)
            statuses += [a.status, b.status]
            rules += Self.decisions(a.body).compactMap { $0["rule"] as? String } + Self.decisions(b.body).compactMap { $0["rule"] as? String }
        }
        statuses.append(try await nodeB.request("POST", "/v1/events", body: lines[lines.count - 1]).status)
        #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
        let callID = try #require((opening.body["calls"] as? [String: Any])?.keys.first)
        let call = try #require(try await nodeB.request("GET", "/v1/calls/\(callID)").body["call"] as? [String: Any])
        #expect(call["status"] as? String == "ended")
        #expect(
            call["customerTurns"] as? Int
                == lines.filter { $0.contains("\"speaker\":\"customer\"") && !$0.contains("\"final\":false") }.count, "each turn counted once")
        #expect(!rules.isEmpty)
    }
}
