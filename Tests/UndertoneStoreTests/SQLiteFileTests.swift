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

    @Test("while the store runs, checkpoints beside the writes copy the WAL into the file (the writer's own mark is far off)")
    func backgroundCheckpoints() async throws {
        try await TemporaryFolder.with { folder in
            let path = folder.appendingPathComponent("calls.sqlite").path
            let call = Fixture.callID()
            let store = try await SQLiteEventStore(path: path, logger: StoreBackend.logger)
            try await StoreBackend.running(store) { store in
                let turns = (2...200).map { Fixture.turn(call, at: $0 * 1_000, utterance: "u-\($0)", clientSequence: $0) }
                _ = try await store.append([Fixture.started(call, clientSequence: 1)] + turns)
                // The file alone, copied without its WAL, holds them once a checkpoint has run (a copy taken while one
                // runs may be torn: taken again).
                var found = 0
                for attempt in 0..<50 where found != 200 {
                    try await Task.sleep(for: .milliseconds(100))
                    let copy = folder.appendingPathComponent("copy-\(attempt).sqlite").path
                    try FileManager.default.copyItem(atPath: path, toPath: copy)
                    let copied = try await SQLiteEventStore(path: copy, logger: StoreBackend.logger)
                    found = (try? await copied.entries(call: call, after: 0, limit: 1_000).count) ?? 0
                    try await copied.close()
                }
                #expect(found == 200)
            }
        }
    }

    @Test("two writers on one file: each append sees what the other committed (the heads and rows a writer keeps let go)")
    func twoWriters() async throws {
        try await TemporaryFolder.with { folder in
            let path = folder.appendingPathComponent("calls.sqlite").path
            let call = Fixture.callID()
            let first = try await SQLiteEventStore(path: path, logger: StoreBackend.logger)
            let second = try await SQLiteEventStore(path: path, logger: StoreBackend.logger)
            try await StoreBackend.running(first) { a in
                try await StoreBackend.running(second) { b in
                    _ = try await a.append([
                        Fixture.started(call, clientSequence: 1), Fixture.turn(call, at: 1_000, utterance: "u-1", clientSequence: 2),
                    ])
                    _ = try await a.append([Fixture.turn(call, at: 2_000, utterance: "u-2", clientSequence: 3)], expectingHeads: [call: 2])
                    // The other writer moves the call on: its head, its client numbers and its row.
                    _ = try await b.append([Fixture.turn(call, at: 3_000, utterance: "u-3", clientSequence: 4)], expectingHeads: [call: 3])
                    await #expect(throws: EventStoreError.callsMoved([call: 4])) {
                        try await a.append([Fixture.turn(call, at: 4_000, utterance: "u-4")], expectingHeads: [call: 3])
                    }
                    await #expect(throws: EventStoreError.clientSequence(call: call, expected: 5, received: 4)) {
                        try await a.append([Fixture.turn(call, at: 4_000, utterance: "u-4", clientSequence: 4)])
                    }
                    let logged = try await a.append([Fixture.turn(call, at: 4_000, utterance: "u-4", clientSequence: 5)], expectingHeads: [call: 4])
                    #expect(logged.map(\.callSequence) == [5])
                    let record = try #require(try await a.call(call))
                    #expect(record.customerTurns == 4)
                    #expect(record.lastAt == 4_000)
                    // A write of another kind on the same connection (a key) leaves the appends right too.
                    try await a.saveAPIKey(
                        APIKeyRecord(id: "k-2", name: "ops", role: .admin, subject: nil, hash: "h2", createdAt: Date(timeIntervalSince1970: 1_000)))
                    _ = try await b.append([Fixture.turn(call, at: 5_000, utterance: "u-5", clientSequence: 6)], expectingHeads: [call: 5])
                    #expect(try await a.append([Fixture.turn(call, at: 6_000, utterance: "u-6", clientSequence: 7)]).map(\.callSequence) == [7])
                    #expect(try await b.call(call)?.customerTurns == 6)
                }
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
