import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

@Suite("Metrics: counts of a group commit")
struct GroupMetricsTests {
    /// Each counter's value by its labels as `/metrics` writes them (`type="turn"` → 12).
    static func counters(_ name: String, in text: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix(name + "{") || line.hasPrefix(name + " ") {
            let labels = line.hasPrefix(name + "{") ? String(line.dropFirst(name.count + 1).prefix { $0 != "}" }) : ""
            values[labels] = Double(line.split(separator: " ").last ?? "")
        }
        return values
    }

    @Test("events by type, duplicates and outputs by type, tier and kind are counted once each, however grouped")
    func groupCounts() async throws {
        let server = try await TestServer()
        let events = try TestServer.exampleCall("04")
        let lines = try events.enumerated().map { try TestServer.line($0.element, seq: $0.offset + 1) }
        try await server.run { client in
            var outputs: [[String: Any]] = []
            // In three batches, the last sent twice: its events come back as duplicates, counted and not processed again.
            let third = lines.count / 3
            for batch in [lines[..<third], lines[third..<(2 * third)], lines[(2 * third)...], lines[(2 * third)...]] {
                try await client.execute(
                    uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: batch.joined(separator: "\n"))
                ) { response in
                    #expect(response.status == .ok)
                    outputs += jsonObject(response.body)["outputs"] as? [[String: Any]] ?? []
                }
            }
            let text = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }

            var types: [String: Double] = [:]
            for event in events { types["type=\"\(event.type)\"", default: 0] += 1 }
            #expect(Self.counters("undertone_events_total", in: text) == types)
            #expect(Self.counters("undertone_duplicates_total", in: text) == ["": Double(lines.count - 2 * third)])

            // Outputs as the answers listed them (the resent batch's were not made again).
            var published: [String: Double] = [:]
            for output in outputs {
                let type = output["type"] as? String ?? "?"
                var labels = "output=\"\(type)\""
                if type == "decision" { labels += ",tier=\"\(output["tier"] as? String ?? "")\",kind=\"\(output["kind"] as? String ?? "")\"" }
                published[labels, default: 0] += 1
            }
            // The actions the manager escalation set in motion (hand-off packets, the follow-up), as the log holds them.
            for logged in try await server.context.store.entries(after: 0, limit: 10_000)
            where logged.entry.kind == .output && ShardContext.actionTypes.contains(logged.entry.type) {
                published["output=\"\(logged.entry.type)\"", default: 0] += 1
            }
            #expect(published.keys.contains { $0.contains("tier=\"manager\"") }, "the example call reaches a manager")
            #expect(published["output=\"handoff\""] != nil, "a hand-off packet was sent")
            #expect(Self.counters("undertone_outputs_total", in: text) == published)
        }
    }
}
