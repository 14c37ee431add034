import Foundation
import Testing
import UndertoneEngine
import UndertoneStore

/// What only the SQLite file store has: a file that outlives the process.
@Suite("SQLiteEventStore file")
struct SQLiteFileTests {
    @Test("the log and projections survive closing and reopening the file; numbering goes on")
    func persistence() async throws {
        try await TemporaryFolder.with { folder in
            let path = folder.appendingPathComponent("calls.sqlite").path
            let call = Fixture.callID()
            let first = try await SQLiteEventStore(path: path, logger: StoreBackend.logger)
            var appended: [LoggedEntry] = []
            try await StoreBackend.running(first) { store in
                appended = try await store.append([
                    Fixture.started(call, clientSequence: 1), Fixture.turn(call, at: 1_000, utterance: "u-1", clientSequence: 2),
                    try Fixture.decision(call, at: 1_000, kind: .raised, tier: .supervisor, alert: "\(call)-a1"),
                ])
                try await store.saveAPIKey(
                    APIKeyRecord(id: "k-1", name: "ops", role: .admin, subject: nil, hash: "h", createdAt: Date(timeIntervalSince1970: 1_000)))
                try await store.audit(AuditRecord(at: Date(timeIntervalSince1970: 2_000), actor: "k-1", action: "key.create", target: "k-1"))
                // WAL mode: the write-ahead log sits beside the database while it is open.
                #expect(FileManager.default.fileExists(atPath: path + "-wal"))
            }
            #expect(FileManager.default.fileExists(atPath: path))

            let second = try await SQLiteEventStore(path: path, logger: StoreBackend.logger)
            try await StoreBackend.running(second) { store in
                #expect(try await store.entries(call: call, after: 0, limit: 10) == appended)
                #expect(try await store.lastClientSequence(call: call) == 2)
                let record = try #require(try await store.call(call))
                #expect(record.customerTurns == 1)
                #expect(record.openAlerts == 1)
                #expect(try await store.alert("\(call)-a1")?.tier == "supervisor")
                #expect(try await store.apiKeys().map(\.id) == ["k-1"])
                #expect(try await store.auditLog(after: 0, limit: 10).map(\.action) == ["key.create"])
                let more = try await store.append(
                    [Fixture.turn(call, at: 3_000, utterance: "u-3", clientSequence: 3)],
                    marks: [ClientSequenceMark(callID: call, clientSequence: 4)])
                #expect(more.map(\.callSequence) == [4])
                #expect(try await store.lastClientSequence(call: call) == 4)
                #expect(more.allSatisfy { $0.position > appended.last!.position })
            }
            // A number kept without an entry (an audio frame's) survives reopening too.
            let third = try await SQLiteEventStore(path: path, logger: StoreBackend.logger)
            try await StoreBackend.running(third) { store in
                let last = try await store.lastClientSequence(call: call)
                #expect(last == 4)
            }
        }
    }

    @Test("an in-memory store works and closes cleanly")
    func inMemory() async throws {
        let store = try await SQLiteEventStore(path: SQLiteEventStore.inMemory, logger: StoreBackend.logger)
        try await StoreBackend.running(store) { store in
            let call = Fixture.callID()
            let appended = try await store.append([Fixture.started(call)])
            #expect(appended.count == 1)
            #expect(try await store.call(call)?.status == .live)
        }
    }

    @Test("a closed store refuses work instead of crashing")
    func closedStore() async throws {
        let store = try await SQLiteEventStore(path: SQLiteEventStore.inMemory, logger: StoreBackend.logger)
        try await store.migrate()
        try await store.close()
        try await store.close()
        await #expect(throws: EventStoreError.closed) { try await store.append([Fixture.started(Fixture.callID())]) }
    }

    @Test("a folder that does not exist is an error, not a crash")
    func missingFolder() async throws {
        await #expect(throws: (any Error).self) {
            _ = try await SQLiteEventStore(path: "/nonexistent-\(UUID().uuidString)/store.sqlite", logger: StoreBackend.logger)
        }
    }
}
