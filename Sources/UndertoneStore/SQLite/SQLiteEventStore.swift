import Foundation
import Logging
import SQLiteNIO
import ServiceLifecycle
import Synchronization
import UndertoneEngine

/// The embedded store: one SQLite file, nothing to install.
///
/// Durability: the file is in WAL mode with `synchronous=FULL`, so an append that returned survives a crash or `kill -9`
/// of the process (and a power cut, as far as the disk honours fsync). Writes go through one connection, one transaction
/// at a time; reads of a file use a second, read-only connection and never wait for a write. `:memory:` (for tests)
/// uses one connection for everything.
///
/// Checkpoints (copying the WAL's pages into the file) run on a connection of their own, beside the writes, while the
/// store runs as a service: the writer checkpoints itself only when the WAL reaches ``walCheckpointPages``. SQLite's own
/// default, a checkpoint by the writer every 1,000 pages, made every commit that crossed the mark wait for it, and at a
/// steady stream of small commits that was a checkpoint (and its `fsync` of the file) many times a second.
///
/// Open it, `migrate()`, then run it as a `Service`; `run()` closes the connections when it ends.
public final class SQLiteEventStore: EventStore {
    /// The path that keeps the database in memory, for as long as the store is open.
    public static let inMemory = ":memory:"

    /// The database file (or `:memory:`).
    public let path: String
    /// How long a statement waits for another process's lock before failing with `SQLITE_BUSY`.
    public static let busyTimeoutMilliseconds = 5_000

    /// The WAL's pages at which the writer checkpoints it itself: the bound when the background checkpoints fall behind
    /// or do not run (a store used without running it as a service). 16,384 pages of 4 KiB: 64 MiB.
    static let walCheckpointPages = 16_384
    /// How often the background checkpoint runs while the store runs as a service.
    static let checkpointInterval: Duration = .milliseconds(200)

    let logger: Logger
    private let writer: SQLiteWorker
    private let reader: SQLiteWorker?
    private let checkpointer: SQLiteWorker?
    private let writeLock = AsyncSerialLock()
    /// Appends waiting for the write connection (see `append`).
    private let pendingAppends = Mutex<[SQLiteWorker.PendingAppend]>([])
    private let isClosed = Mutex(false)

    /// Opens (creating if needed) the database at `path` and sets its durability: WAL, `synchronous=FULL`, a busy
    /// timeout. The folder must exist.
    public init(path: String, logger: Logger = Logger(label: "undertone.store.sqlite")) async throws {
        self.path = path
        self.logger = logger
        let inMemory = path == Self.inMemory
        let writer = try SQLiteWorker(path: path, on: SQLiteWorker.writers)
        do {
            try await writer.run { connection in
                // PRAGMAs take no bind parameters; the value is this type's own constant.
                try connection.query("PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)")
                if !inMemory {
                    let mode = try connection.query("PRAGMA journal_mode = WAL").first?.column("journal_mode")?.string
                    guard mode?.lowercased() == "wal" else {
                        throw EventStoreError.invalidConfiguration("\(path): could not switch to WAL (\(mode ?? "?"))")
                    }
                }
                try connection.query("PRAGMA synchronous = FULL")
                if !inMemory { try connection.query("PRAGMA wal_autocheckpoint = \(Self.walCheckpointPages)") }
            }
            if !inMemory {
                let reader = try SQLiteWorker(path: path, on: SQLiteWorker.readers)
                do {
                    try await reader.run { connection in
                        try connection.query("PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)")
                        try connection.query("PRAGMA query_only = ON")
                    }
                } catch {
                    await reader.close()
                    throw error
                }
                self.reader = reader
                do {
                    checkpointer = try SQLiteWorker(path: path, on: SQLiteWorker.checkpointers)
                } catch {
                    await reader.close()
                    throw error
                }
            } else {
                self.reader = nil
                checkpointer = nil
            }
        } catch {
            await writer.close()
            throw error
        }
        self.writer = writer
    }

    // MARK: Service

    /// Waits for graceful shutdown or cancellation, then closes the connections.
    public func run() async throws {
        if checkpointer != nil {
            // Until shutdown, a passive checkpoint now and then: it copies what the WAL holds without holding up a write.
            // A failure is told once, and its end once (the writer's own mark still bounds the WAL meanwhile).
            await cancelWhenGracefulShutdown {
                var failing = false
                while (try? await Task.sleep(for: Self.checkpointInterval)) != nil {
                    do {
                        try await self.checkpoint()
                        if failing { self.logger.notice("WAL checkpoints work again") }
                        failing = false
                    } catch EventStoreError.closed {
                        break
                    } catch {
                        if !failing {
                            self.logger.warning(
                                "WAL checkpoint failed; the writer checkpoints when the WAL is full", metadata: ["error": "\(error)"])
                        }
                        failing = true
                    }
                }
            }
        } else {
            try? await gracefulShutdown()
        }
        try await close()
    }

    /// Copies the WAL's committed pages into the database file as far as readers allow, beside the writes (nothing for
    /// an in-memory store).
    func checkpoint() async throws {
        guard let checkpointer else { return }
        try checkOpen()
        try await checkpointer.run { _ = try $0.query("PRAGMA wal_checkpoint(PASSIVE)") }
    }

    /// Closes the connections; later calls do nothing. Waits for a write in progress to finish.
    public func close() async throws {
        await writeLock.withLock {
            let wasClosed = isClosed.withLock { closed in
                defer { closed = true }
                return closed
            }
            guard !wasClosed else { return }
            await checkpointer?.close()
            await reader?.close()
            await writer.close()
        }
    }

    // MARK: Connections

    private func checkOpen() throws {
        if isClosed.withLock({ $0 }) { throw EventStoreError.closed }
    }

    /// One read statement: on the read connection, or in turn with the writes when the database is in memory.
    func read(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteStoreRow] {
        if let reader {
            try checkOpen()
            return try await reader.run { try $0.query(sql, binds) }
        }
        return try await writeLock.withLock {
            try checkOpen()
            return try await writer.run { try $0.query(sql, binds) }
        }
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`) on the database's thread, after every earlier write has
    /// finished.
    @discardableResult
    func write<Result: Sendable>(_ body: @escaping @Sendable (SQLiteHandle) throws -> Result) async throws -> Result {
        try await writeLock.withLock {
            try checkOpen()
            return try await writer.transaction(body)
        }
    }

    // MARK: Migrations

    public func migrate() async throws {
        precondition(SQLiteSchema.migrations.isWellOrdered, "SQLite migrations must be numbered 1, 2, 3, …")
        try await write { connection in
            try connection.query(SQLiteSchema.createMigrationsTable)
        }
        for migration in SQLiteSchema.migrations {
            try await write { connection in
                let applied = try connection.query("SELECT 1 FROM schema_migrations WHERE version = ?", [.int(migration.version)])
                guard applied.isEmpty else { return }
                for statement in migration.statements { try connection.query(statement) }
                try connection.query(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [.int(migration.version), .text(migration.name), .date(Date.storeNow)])
                self.logger.info("applied migration", metadata: ["migration.version": "\(migration.version)", "migration.name": "\(migration.name)"])
            }
        }
    }

    /// The versions of the migrations applied so far, in order.
    public func appliedMigrations() async throws -> [Int] {
        try await read("SELECT version FROM schema_migrations ORDER BY version").map {
            try SQLiteRowReader(row: $0, table: "schema_migrations").int("version")
        }
    }

    // MARK: Log

    /// Appends in a group commit: the appends waiting for the write connection when it comes free go in one transaction
    /// (one `fsync`), each in a savepoint of its own, so that one refused append (a call that moved, a sequence gap) is
    /// rolled back alone and the others commit. Each caller returns once the transaction holding its entries committed.
    public func append(_ entries: [LogEntry], marks: [ClientSequenceMark], expectingHeads: [String: Int]) async throws -> [LoggedEntry] {
        guard !entries.isEmpty || !marks.isEmpty else { return [] }
        let request = SQLiteWorker.PendingAppend(entries: entries, marks: marks, expectingHeads: expectingHeads)
        pendingAppends.withLock { $0.append(request) }
        await writeLock.withLock {
            // Whoever holds the lock first commits every append waiting then, its own and those queued behind it; a caller
            // whose append was taken that way finds the queue without it and has its result already.
            let batch = pendingAppends.withLock { pending in
                defer { pending.removeAll(keepingCapacity: true) }
                return pending
            }
            guard !batch.isEmpty else { return }
            if isClosed.withLock({ $0 }) {
                for waiting in batch { waiting.finish(.failure(EventStoreError.closed)) }
                return
            }
            await writer.append(batch, recordedAt: Date.storeNow, logger: logger)
        }
        return try request.result.get()
    }

    public func entries(call callID: String, after callSequence: Int, limit: Int) async throws -> [LoggedEntry] {
        guard limit > 0 else { return [] }
        return try await read(
            "SELECT \(StoreColumns.log) FROM event_log WHERE call_id = ? AND call_sequence > ? ORDER BY call_sequence LIMIT ?",
            [.text(callID), .int(callSequence), .int(limit)]
        ).map(SQLiteRecords.loggedEntry)
    }

    public func entries(after position: Int64, limit: Int) async throws -> [LoggedEntry] {
        guard limit > 0 else { return [] }
        return try await read(
            "SELECT \(StoreColumns.log) FROM event_log WHERE position > ? ORDER BY position LIMIT ?", [.int(position), .int(limit)]
        )
        .map(SQLiteRecords.loggedEntry)
    }

    public func logHead(call callID: String) async throws -> LogHead? {
        try await read("SELECT last_sequence, last_client_sequence FROM call_heads WHERE call_id = ?", [.text(callID)]).first.map { row in
            let read = SQLiteRowReader(row: row, table: "call_heads")
            return LogHead(callSequence: try read.int("last_sequence"), clientSequence: try read.int("last_client_sequence"))
        }
    }

    // MARK: Projections

    public func call(_ callID: String) async throws -> CallRecord? {
        try await read("SELECT \(StoreColumns.calls) FROM calls WHERE call_id = ?", [.text(callID)]).first.flatMap {
            try SQLiteRecords.callRow($0).record
        }
    }

    /// Calls that have started, newest first.
    public func calls(_ filter: CallFilter) async throws -> [CallRecord] {
        guard filter.limit > 0 else { return [] }
        var query = SQLiteConditions("channel IS NOT NULL")
        query.match("status = ?", filter.status.map { .text($0.rawValue) })
        query.match("agent_id = ?", filter.agentID.map { .text($0) })
        query.match("team = ?", filter.team.map { .text($0) })
        query.match("queue = ?", filter.queue.map { .text($0) })
        query.match("started_at > ?", filter.startedAfter.map { .date($0) })
        query.match("started_at < ?", filter.startedBefore.map { .date($0) })
        let sql = "SELECT \(StoreColumns.calls) FROM calls WHERE \(query.sql) ORDER BY started_at DESC, call_id LIMIT ?"
        return try await read(sql, query.binds + [.int(filter.limit)]).compactMap { try SQLiteRecords.callRow($0).record }
    }

    public func alert(_ alertID: String) async throws -> AlertRecord? {
        try await read("SELECT \(StoreColumns.alerts) FROM alerts WHERE alert_id = ?", [.text(alertID)]).first.map(SQLiteRecords.alert)
    }

    /// Alerts, newest first.
    public func alerts(_ filter: AlertFilter) async throws -> [AlertRecord] {
        guard filter.limit > 0 else { return [] }
        var query = SQLiteConditions()
        query.match("call_id = ?", filter.callID.map { .text($0) })
        query.match("state = ?", filter.state.map { .text($0.rawValue) })
        query.match("agent_id = ?", filter.agentID.map { .text($0) })
        query.match("team = ?", filter.team.map { .text($0) })
        let sql = """
            SELECT \(StoreColumns.alerts) FROM alerts WHERE \(query.sql)
            ORDER BY raised_wall_time DESC, raised_at DESC, alert_id LIMIT ?
            """
        return try await read(sql, query.binds + [.int(filter.limit)]).map(SQLiteRecords.alert)
    }

    public func dueAlerts(limits: [String: Int], now: Date, limit: Int) async throws -> [DueAlert] {
        let tiers = limits.keys.sorted()
        guard limit > 0, !tiers.isEmpty else { return [] }
        // The tiers' limits as one CASE, in the same order every time (one statement text per set of tiers).
        let acknowledgeWithin = "CASE a.tier " + String(repeating: "WHEN ? THEN ? ", count: tiers.count) + "END"
        let clock = "c.last_at + MAX(0, ? - c.updated_at)"
        let sql = """
            SELECT a.alert_id, a.call_id, \(clock) AS call_at FROM alerts a JOIN calls c ON c.call_id = a.call_id
            WHERE a.state = 'open' AND c.status = 'live' AND a.tier IN (\(Array(repeating: "?", count: tiers.count).joined(separator: ", ")))
                AND a.raised_at + \(acknowledgeWithin) <= \(clock)
            ORDER BY a.call_id, a.alert_id LIMIT ?
            """
        let nowMs = SQLiteData.integer(SQLiteInt64(now.storeMilliseconds))
        let binds: [SQLiteData] =
            [nowMs] + tiers.map { .text($0) } + tiers.flatMap { [.text($0), .int(limits[$0] ?? 0)] } + [nowMs, .int(limit)]
        return try await read(sql, binds).map { row in
            let read = SQLiteRowReader(row: row, table: "alerts")
            return DueAlert(alertID: try read.string("alert_id"), callID: try read.string("call_id"), callAt: try read.int("call_at"))
        }
    }

    // MARK: Follow-ups

    public func followUp(_ id: String) async throws -> FollowUpRecord? {
        try await read("SELECT \(StoreColumns.followUps) FROM follow_ups WHERE id = ?", [.text(id)]).first.map(SQLiteRecords.followUp)
    }

    /// Follow-ups, soonest due first.
    public func followUps(_ filter: FollowUpFilter) async throws -> [FollowUpRecord] {
        guard filter.limit > 0 else { return [] }
        var query = SQLiteConditions()
        query.match("state = ?", filter.state.map { .text($0.rawValue) })
        query.match("owner = ?", filter.owner.map { .text($0) })
        query.match("call_id = ?", filter.callID.map { .text($0) })
        query.match("agent_id = ?", filter.agentID.map { .text($0) })
        query.match("team = ?", filter.team.map { .text($0) })
        query.match("state = 'open' AND due_at < ?", filter.dueBefore.map { .date($0) })
        let sql = "SELECT \(StoreColumns.followUps) FROM follow_ups WHERE \(query.sql) ORDER BY due_at, id LIMIT ?"
        return try await read(sql, query.binds + [.int(filter.limit)]).map(SQLiteRecords.followUp)
    }

    public func lastPosition() async throws -> Int64 {
        try await read("SELECT COALESCE(MAX(position), 0) AS last FROM event_log").first.map {
            try SQLiteRowReader(row: $0, table: "event_log").int64("last")
        } ?? 0
    }

    // MARK: Webhooks

    public func saveWebhook(_ webhook: WebhookRecord) async throws {
        try await write { connection in
            try connection.query(
                """
                INSERT INTO webhooks (\(StoreColumns.webhooks)) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET url = excluded.url, secret = excluded.secret, types = excluded.types, cursor = excluded.cursor,
                    active = excluded.active, created_at = excluded.created_at
                """,
                [
                    .text(webhook.id), .text(webhook.url), .text(webhook.secret), .text(webhook.types.joined(separator: ",")), .int(webhook.cursor),
                    .bool(webhook.active), .date(webhook.createdAt),
                ])
        }
    }

    public func webhooks() async throws -> [WebhookRecord] {
        try await read("SELECT \(StoreColumns.webhooks) FROM webhooks ORDER BY created_at, id").map(SQLiteRecords.webhook)
    }

    public func moveWebhookCursor(id: String, to position: Int64) async throws {
        try await write { connection in
            try connection.query("UPDATE webhooks SET cursor = MAX(cursor, ?) WHERE id = ?", [.int(position), .text(id)])
        }
    }

    public func lease(_ name: String, owner: String, until: Date, now: Date) async throws -> Bool {
        try await write { connection in
            try connection.query(
                """
                INSERT INTO leases (name, owner, until) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
                WHERE leases.owner = excluded.owner OR leases.until < ?
                RETURNING name
                """,
                [.text(name), .text(owner), .date(until), .date(now)])
        }.isEmpty == false
    }

    public func recordDelivery(_ delivery: WebhookDelivery) async throws {
        try await write { connection in
            try connection.query(
                """
                INSERT INTO webhook_deliveries (webhook_id, position, call_id, type, attempt, status, error, delivered, attempted_at, duration_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(delivery.webhookID), .int(delivery.position), .text(delivery.callID), .text(delivery.type), .int(delivery.attempt),
                    .int(delivery.status), .optionalText(delivery.error), .bool(delivery.delivered), .date(delivery.attemptedAt),
                    .int(delivery.durationMs),
                ])
        }
    }

    public func deliveries(webhook id: String, limit: Int) async throws -> [WebhookDelivery] {
        guard limit > 0 else { return [] }
        return try await read(
            "SELECT \(StoreColumns.deliveries) FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?", [.text(id), .int(limit)]
        ).map(SQLiteRecords.delivery)
    }

    // MARK: API keys

    /// Saves a key, or replaces the key with the same id.
    public func saveAPIKey(_ key: APIKeyRecord) async throws {
        try await write { connection in
            try connection.query(
                """
                INSERT INTO api_keys (\(StoreColumns.apiKeys)) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, subject = excluded.subject, hash = excluded.hash,
                    created_at = excluded.created_at, revoked = excluded.revoked
                """,
                [
                    .text(key.id), .text(key.name), .text(key.role.rawValue), .optionalText(key.subject), .text(key.hash), .date(key.createdAt),
                    .bool(key.revoked),
                ])
        }
    }

    /// The key with this hash, revoked or not (the caller checks `revoked`).
    public func apiKey(hash: String) async throws -> APIKeyRecord? {
        try await read("SELECT \(StoreColumns.apiKeys) FROM api_keys WHERE hash = ?", [.text(hash)]).first.map(SQLiteRecords.apiKey)
    }

    /// Every key, oldest first.
    public func apiKeys() async throws -> [APIKeyRecord] {
        try await read("SELECT \(StoreColumns.apiKeys) FROM api_keys ORDER BY created_at, id").map(SQLiteRecords.apiKey)
    }

    /// Marks the key revoked; throws `EventStoreError.apiKeyNotFound` for an unknown id.
    public func revokeAPIKey(id: String) async throws {
        try await write { connection in
            let rows = try connection.query("UPDATE api_keys SET revoked = 1 WHERE id = ? RETURNING id", [.text(id)])
            guard !rows.isEmpty else { throw EventStoreError.apiKeyNotFound(id: id) }
        }
    }

    // MARK: Settings

    public func setting(_ name: String, initially value: String) async throws -> String {
        try await write { connection in
            try connection.query(
                "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", [.text(name), .text(value)])
            let rows = try connection.query("SELECT value FROM settings WHERE name = ?", [.text(name)])
            guard let row = rows.first else { throw EventStoreError.unreadableRow(table: "settings", reason: "\(name) was not saved") }
            return try SQLiteRowReader(row: row, table: "settings").string("value")
        }
    }

    // MARK: Sessions

    /// Saves a new session; sessions that expired more than a day ago are deleted on the way.
    public func saveSession(_ session: SessionRecord) async throws {
        try await write { connection in
            try connection.query("DELETE FROM sessions WHERE expires_at < ?", [.date(session.createdAt.addingTimeInterval(-86_400))])
            try connection.query(
                "INSERT INTO sessions (hash, key_id, created_at, expires_at, ended) VALUES (?, ?, ?, ?, ?)",
                [.text(session.hash), .text(session.keyID), .date(session.createdAt), .date(session.expiresAt), .bool(session.ended)])
        }
    }

    public func session(hash: String) async throws -> (session: SessionRecord, key: APIKeyRecord)? {
        try await read(
            "SELECT \(StoreColumns.sessionWithKey) FROM sessions s JOIN api_keys k ON k.id = s.key_id WHERE s.hash = ?", [.text(hash)]
        ).first.map { (try SQLiteRecords.session($0), try SQLiteRecords.apiKey($0)) }
    }

    public func endSession(hash: String) async throws {
        try await write { connection in
            try connection.query("UPDATE sessions SET ended = 1 WHERE hash = ?", [.text(hash)])
        }
    }

    // MARK: Audit

    public func audit(_ record: AuditRecord) async throws {
        try await write { connection in
            try connection.query(
                "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                [.date(record.at), .text(record.actor), .text(record.action), .text(record.target), .text(record.detail)])
        }
    }

    public func auditLog(after id: Int64, limit: Int) async throws -> [AuditRecord] {
        guard limit > 0 else { return [] }
        return try await read("SELECT \(StoreColumns.audit) FROM audit_log WHERE id > ? ORDER BY id LIMIT ?", [.int(id), .int(limit)])
            .map(SQLiteRecords.audit)
    }

    // MARK: Retention

    /// One call per transaction, so a long purge does not hold up live appends.
    public func purgeTranscripts(endedBefore date: Date) async throws -> Int {
        let callIDs = try await read(
            "SELECT call_id FROM calls WHERE status = 'ended' AND ended_at IS NOT NULL AND ended_at < ? ORDER BY ended_at", [.date(date)]
        ).map { try SQLiteRowReader(row: $0, table: "calls").string("call_id") }
        var changed = 0
        for callID in callIDs {
            changed += try await write { connection in
                let outputTypes = TranscriptPurge.outputTypes.map { _ in "?" }.joined(separator: ", ")
                let rows = try connection.query(
                    """
                    SELECT position, kind, body FROM event_log
                    WHERE call_id = ? AND ((kind = 'event' AND type = ?) OR (kind = 'output' AND type IN (\(outputTypes))))
                    ORDER BY call_sequence
                    """,
                    [.text(callID), .text(TranscriptPurge.eventType)] + TranscriptPurge.outputTypes.map { .text($0) })
                var count = 0
                for row in rows {
                    let read = SQLiteRowReader(row: row, table: "event_log")
                    guard let blanked = TranscriptPurge.blanked(kind: try read.enumeration(LogEntryKind.self, "kind"), body: try read.string("body"))
                    else { continue }
                    try connection.query(
                        "UPDATE event_log SET body = ? WHERE position = ?", [.text(blanked), .int(try read.int64("position"))])
                    count += 1
                }
                // The projections' copies: each alert's raising decision, each follow-up's hand-off packet.
                for row in try connection.query("SELECT alert_id, decision FROM alerts WHERE call_id = ?", [.text(callID)]) {
                    let read = SQLiteRowReader(row: row, table: "alerts")
                    guard let blanked = TranscriptPurge.blankedJSON(try read.string("decision")) else { continue }
                    try connection.query(
                        "UPDATE alerts SET decision = ? WHERE alert_id = ?", [.text(blanked), .text(try read.string("alert_id"))])
                }
                for row in try connection.query("SELECT id, packet FROM follow_ups WHERE call_id = ?", [.text(callID)]) {
                    let read = SQLiteRowReader(row: row, table: "follow_ups")
                    guard let packet = try read.optionalString("packet"), let blanked = TranscriptPurge.blankedJSON(packet) else { continue }
                    try connection.query("UPDATE follow_ups SET packet = ? WHERE id = ?", [.text(blanked), .text(try read.string("id"))])
                }
                return count
            }
        }
        return changed
    }
}

/// A `WHERE` clause built from optional filters: each value given adds its condition and its bind, in order.
struct SQLiteConditions {
    private var conditions: [String]
    private(set) var binds: [SQLiteData] = []

    init(_ always: String = "1 = 1") {
        conditions = [always]
    }

    mutating func match(_ condition: String, _ value: SQLiteData?) {
        guard let value else { return }
        conditions.append(condition)
        binds.append(value)
    }

    var sql: String { conditions.joined(separator: " AND ") }
}
