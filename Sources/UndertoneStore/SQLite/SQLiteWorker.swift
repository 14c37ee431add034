import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO
import Synchronization
import UndertoneEngine

/// One SQLite connection on a thread of its own: every job runs there, one at a time, and calls SQLite directly, so a
/// transaction of many statements costs one hop to the thread and back instead of one per statement.
///
/// The thread is an event loop that does nothing else, shared by the workers of a kind (`writers`, `readers`) in the
/// process, so that a read never waits behind another store's commit on the write thread.
actor SQLiteWorker {
    /// The thread that writers run on: commits (and their `fsync`) wait here, not on the server's threads.
    static let writers = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// The thread that read-only connections run on.
    static let readers = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// The thread that checkpoints run on, beside the writes (``SQLiteEventStore/run()``).
    static let checkpointers = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    private let handle: SQLiteHandle
    private let loop: any EventLoop
    /// Calls' heads and rows as this connection's appends left them (``SQLiteWriterCache``).
    private let cache = SQLiteWriterCache()

    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.executor.asUnownedSerialExecutor() }

    /// Opens the database at `path` for a worker that will run on a thread of `group`.
    init(path: String, on group: MultiThreadedEventLoopGroup) throws(SQLiteFailure) {
        let loop = group.next()
        handle = try SQLiteHandle(path: path, on: loop)
        self.loop = loop
    }

    /// Runs `body` with the connection, on the worker's thread. Throws `EventStoreError.closed` once closed.
    func run<Result: Sendable>(_ body: @Sendable (SQLiteHandle) throws -> Result) throws -> Result {
        guard !handle.isClosed else { throw EventStoreError.closed }
        // Whatever `body` writes, the appends' cache no longer vouches for.
        cache.clear()
        return try body(handle)
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE` … `COMMIT`, rolled back when it throws).
    func transaction<Result: Sendable>(_ body: @Sendable (SQLiteHandle) throws -> Result) throws -> Result {
        guard !handle.isClosed else { throw EventStoreError.closed }
        cache.clear()
        try handle.query("BEGIN IMMEDIATE")
        do {
            let result = try body(handle)
            try handle.query("COMMIT")
            return result
        } catch {
            _ = try? handle.query("ROLLBACK")
            throw error
        }
    }

    /// Appends in one write transaction: `AppendTransaction.appendEntries`, run on this thread from start to end (its
    /// steps call SQLite synchronously, so nothing in between suspends).
    func append(
        _ entries: [LogEntry], marks: [ClientSequenceMark], expectingHeads: [String: Int], recordedAt now: Date, logger: Logger
    ) async throws -> [LoggedEntry] {
        guard !handle.isClosed else { throw EventStoreError.closed }
        try handle.query("BEGIN IMMEDIATE")
        do {
            try checkDataVersion()
            let logged = try await SQLiteAppendTransaction(connection: handle, cache: cache).appendEntries(
                entries, marks: marks, expectingHeads: expectingHeads, recordedAt: now, logger: logger)
            try handle.query("COMMIT")
            cache.commit()
            return logged
        } catch {
            cache.clear()
            _ = try? handle.query("ROLLBACK")
            throw error
        }
    }

    /// Holding the write lock: lets the cache go when another connection has committed since the last append.
    private func checkDataVersion() throws {
        guard let version = try handle.query("PRAGMA data_version").first?.column("data_version")?.integer else {
            return cache.clear()
        }
        cache.check(dataVersion: Int64(version))
    }

    /// One caller's append waiting for a group commit, and its result once the commit is over.
    final class PendingAppend: Sendable {
        let entries: [LogEntry]
        let marks: [ClientSequenceMark]
        let expectingHeads: [String: Int]
        private let outcome = Mutex<Result<[LoggedEntry], any Error>?>(nil)

        init(entries: [LogEntry], marks: [ClientSequenceMark], expectingHeads: [String: Int]) {
            self.entries = entries
            self.marks = marks
            self.expectingHeads = expectingHeads
        }

        func finish(_ result: Result<[LoggedEntry], any Error>) { outcome.withLock { $0 = result } }

        /// What the commit gave this append (a commit that never ran, a failure).
        var result: Result<[LoggedEntry], any Error> { outcome.withLock { $0 } ?? .failure(EventStoreError.closed) }
    }

    /// Appends a group in one write transaction, each append in a savepoint of its own: one that fails is rolled back
    /// alone and gets its error; the others commit together. When the commit itself fails, every append gets its error;
    /// so does every append of a group in which the log's insert broke a constraint (the log's numbers disagree with the
    /// heads: never in a store written only through `append`), which rolls the whole transaction back.
    func append(_ group: [PendingAppend], recordedAt now: Date, logger: Logger) async {
        func failAll(_ error: any Error) { for request in group { request.finish(.failure(error)) } }
        guard !handle.isClosed else { return failAll(EventStoreError.closed) }
        guard group.count > 1 else {
            let request = group[0]
            do {
                let logged = try await append(
                    request.entries, marks: request.marks, expectingHeads: request.expectingHeads, recordedAt: now, logger: logger)
                request.finish(.success(logged))
            } catch {
                request.finish(.failure(error))
            }
            return
        }
        var results: [Result<[LoggedEntry], any Error>] = []
        do {
            try handle.query("BEGIN IMMEDIATE")
            try checkDataVersion()
            for request in group {
                try handle.query("SAVEPOINT append")
                do {
                    let logged = try await SQLiteAppendTransaction(connection: handle, cache: cache).appendEntries(
                        request.entries, marks: request.marks, expectingHeads: request.expectingHeads, recordedAt: now, logger: logger)
                    try handle.query("RELEASE append")
                    results.append(.success(logged))
                } catch let failure {
                    // What this append staged is rolled back with it: the cache starts again (the database has the rest).
                    cache.clear()
                    do {
                        try handle.query("ROLLBACK TO append")
                        try handle.query("RELEASE append")
                    } catch {
                        // A constraint the log's insert broke (`INSERT OR ROLLBACK`: heads that disagree with the log) has
                        // rolled the whole transaction back already: every append of the group fails with it.
                        throw failure
                    }
                    results.append(.failure(failure))
                }
            }
            try handle.query("COMMIT")
            cache.commit()
        } catch {
            cache.clear()
            _ = try? handle.query("ROLLBACK")
            return failAll(error)
        }
        for (request, result) in zip(group, results) { request.finish(result) }
    }

    /// Closes the connection; later jobs throw `EventStoreError.closed`.
    func close() {
        handle.close()
    }
}
