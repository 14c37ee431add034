import Foundation
import Testing
import UndertoneEngine

@testable import UndertoneStore

/// The log's insert is `INSERT OR ROLLBACK` (no statement journal): a constraint it breaks fails the whole transaction.
/// Only a log whose heads disagree with it can break one; made here by hand, on a connection of the test's own.
@Suite("SQLite log insert against a broken constraint")
struct SQLiteConstraintTests {
    /// Runs `sql` on a connection of its own to the file.
    static func execute(_ sql: String, on path: String) async throws {
        let worker = try SQLiteWorker(path: path, on: SQLiteWorker.readers)
        do {
            try await worker.run { handle in
                try handle.query("PRAGMA busy_timeout = 5000")
                try handle.query(sql)
            }
        } catch {
            await worker.close()
            throw error
        }
        await worker.close()
    }

    @Test("an append whose numbers collide fails whole, alone or grouped; nothing half-stored, the others retried go in, the store goes on")
    func collidingAppend() async throws {
        try await TemporaryFolder.with { folder in
            let path = folder.appendingPathComponent("calls.sqlite").path
            let store = try await SQLiteEventStore(path: path, logger: StoreBackend.logger)
            try await StoreBackend.running(store) { store in
                let broken = Fixture.callID("broken")
                let calls = (0..<30).map { Fixture.callID("fine\($0)") }
                _ = try await store.append([Fixture.started(broken)] + calls.map { Fixture.started($0) })
                _ = try await store.append((1...2).map { Fixture.turn(broken, at: $0 * 1_000, utterance: "u-\($0)") })
                // The head says the call's log ends at 1; it ends at 3: its next entry would be numbered 2 again.
                try await Self.execute("UPDATE call_heads SET last_sequence = 1 WHERE call_id = '\(broken)'", on: path)

                let alone = await #expect(throws: (any Error).self) {
                    try await store.append([Fixture.turn(broken, at: 3_000, utterance: "u-3")])
                }
                #expect("\(alone.map { String(describing: $0) } ?? "")".contains("UNIQUE constraint failed"))
                // Alongside others: the broken one always fails; one grouped with it fails too, and is stored on a retry.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for call in calls {
                        group.addTask {
                            for attempt in 0..<5 {
                                do {
                                    let appended = try await store.append([Fixture.turn(call, at: 1_000, utterance: "u-1")])
                                    #expect(appended.map(\.callSequence) == [2])
                                    return
                                } catch {
                                    // Grouped with the broken one: its error, not one of the savepoint it took away.
                                    #expect(String(describing: error).contains("UNIQUE constraint failed"), "\(error)")
                                    #expect(attempt < 4, "\(call): \(error)")
                                }
                            }
                        }
                    }
                    group.addTask {
                        let error = await #expect(throws: (any Error).self) {
                            try await store.append([Fixture.turn(broken, at: 4_000, utterance: "u-4")])
                        }
                        #expect(String(describing: error.map { String(describing: $0) } ?? "").contains("UNIQUE constraint failed"))
                    }
                    try await group.waitForAll()
                }
                #expect(try await store.entries(call: broken, after: 0, limit: 10).map(\.callSequence) == [1, 2, 3])
                for call in calls {
                    #expect(try await store.entries(call: call, after: 0, limit: 10).map(\.callSequence) == [1, 2], "\(call)")
                }
                // Mended, the call goes on.
                try await Self.execute("UPDATE call_heads SET last_sequence = 3 WHERE call_id = '\(broken)'", on: path)
                #expect(try await store.append([Fixture.turn(broken, at: 5_000, utterance: "u-5")]).map(\.callSequence) == [4])
                #expect(try await store.call(broken)?.customerTurns == 3)
            }
        }
    }
}
