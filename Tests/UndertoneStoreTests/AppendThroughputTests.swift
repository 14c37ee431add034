import Foundation
import Testing
import UndertoneEngine
import UndertoneStore

/// Append throughput, measured on request and printed, never asserted:
/// `UNDERTONE_STORE_THROUGHPUT=10000 swift test -c release -Xswiftc -enable-testing --filter AppendThroughput` (with `POSTGRES_*` set
/// for PostgreSQL too; a debug build measures mostly the debug build).
@Suite("AppendThroughput", .serialized, .enabled(if: ProcessInfo.processInfo.environment["UNDERTONE_STORE_THROUGHPUT"] != nil))
struct AppendThroughputTests {
    static let count = Int(ProcessInfo.processInfo.environment["UNDERTONE_STORE_THROUGHPUT"] ?? "") ?? 10_000

    @Test("single-entry appends and batches of 100", arguments: StoreBackend.available)
    func throughput(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let calls = (0..<10).map { Fixture.callID("load\($0)") }
            _ = try await store.append(calls.map { Fixture.started($0) })
            let entries = (0..<Self.count).map { index in
                Fixture.turn(
                    calls[index % calls.count], at: index, utterance: "u-\(index)", speaker: index % 2 == 0 ? .customer : .agent, text: "hello")
            }

            let clock = ContinuousClock()
            let single = try await clock.measure {
                for entry in entries { _ = try await store.append([entry]) }
            }
            let batched = try await clock.measure {
                for start in stride(from: 0, to: entries.count, by: 100) {
                    _ = try await store.append(Array(entries[start..<min(start + 100, entries.count)]))
                }
            }
            let report = [("single", single), ("batch100", batched)].map { name, duration in
                let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                return "\(backend.rawValue) \(name): \(Self.count) entries in \(String(format: "%.2f", seconds)) s = "
                    + "\(String(format: "%.0f", Double(Self.count) / seconds)) entries/s"
            }
            print(report.joined(separator: "\n"))
            #expect(try await store.entries(after: 0, limit: 3 * Self.count).count == calls.count + 2 * Self.count)
        }
    }
}
