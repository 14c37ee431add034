import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import UndertoneEngine

/// The production store: PostgreSQL through PostgresNIO's `PostgresClient` (a connection pool).
///
/// `run()` runs the client; every other method leases connections from it, so they wait until `run()` has started.
/// Appends to one call take turns on that call's head row; appends to different calls run side by side. Every value
/// travels as a bind parameter.
public final class PostgresEventStore: EventStore {
    /// The client: the server can lease a connection from it for `LISTEN` (see `PostgresConnection.listen`).
    public let client: PostgresClient
    /// The schema the store's tables live in, when not the database's default search path.
    public let schema: String?
    let logger: Logger

    /// A store on the database `configuration` names. With a `schema`, every connection's `search_path` is that schema
    /// and `migrate()` creates it: one database can hold several stores (tests give each run its own). A schema name is
    /// lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.
    public init(configuration: PostgresClient.Configuration, schema: String? = nil, logger: Logger = Logger(label: "undertone.store.postgres"))
        throws
    {
        var configuration = configuration
        if let schema {
            guard Self.isSchemaName(schema) else { throw EventStoreError.invalidConfiguration("schema name \"\(schema)\"") }
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        self.schema = schema
        self.logger = logger
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Whether `name` is a schema name this store accepts (it is written into SQL as an identifier, so it is checked).
    static func isSchemaName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 63 else { return false }
        let lower = "a"..."z" as ClosedRange<Unicode.Scalar>
        let digit = "0"..."9" as ClosedRange<Unicode.Scalar>
        return (lower.contains(first) || first == "_") && name.unicodeScalars.allSatisfy { lower.contains($0) || digit.contains($0) || $0 == "_" }
    }

    // MARK: Service

    /// Runs the connection pool until graceful shutdown or cancellation, then closes its connections.
    public func run() async throws {
        await client.run()
    }

    /// Drops the store's schema and everything in it (tests clean up with it). Only for a store made with a `schema`.
    public func dropSchema() async throws {
        guard let schema else { throw EventStoreError.invalidConfiguration("dropSchema needs a store made with a schema") }
        // An identifier, not a value: checked by isSchemaName when the store was made.
        try await rows("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE")
    }

    // MARK: Queries

    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await client.query(query, logger: logger).collect()
    }

    /// Runs `body` in one transaction on one leased connection.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            // Rolled back cleanly: the closure's own error (a PSQLError, an unknown API key) is what the caller should see.
            if let closureError = error.closureError, error.rollbackError == nil { throw closureError }
            throw error
        }
    }

    // MARK: Migrations

    public func migrate() async throws {
        precondition(PostgresSchema.migrations.isWellOrdered, "PostgreSQL migrations must be numbered 1, 2, 3, …")
        try await transaction { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLockKey))", logger: logger).collect()
            if let schema {
                // An identifier, not a value: checked by isSchemaName when the store was made.
                _ = try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger).collect()
            }
            _ = try await connection.query(PostgresQuery(unsafeSQL: PostgresSchema.createMigrationsTable), logger: logger).collect()
        }
        for migration in PostgresSchema.migrations {
            try await transaction { connection in
                _ = try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLockKey))", logger: logger).collect()
                let applied = try await connection.query("SELECT 1 FROM schema_migrations WHERE version = \(migration.version)", logger: logger)
                    .collect()
                guard applied.isEmpty else { return }
                for statement in migration.statements {
                    _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).collect()
                }
                _ = try await connection.query(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(migration.version), \(migration.name), \(Date.storeNow.storeMilliseconds))
                    """, logger: logger
                ).collect()
                logger.info("applied migration", metadata: ["migration.version": "\(migration.version)", "migration.name": "\(migration.name)"])
            }
        }
    }

    /// The versions of the migrations applied so far, in order.
    public func appliedMigrations() async throws -> [Int] {
        try await rows("SELECT version FROM schema_migrations ORDER BY version").map {
            try PostgresRowReader($0, table: "schema_migrations").int("version")
        }
    }

    // MARK: Log

    public func append(_ entries: [LogEntry], marks: [ClientSequenceMark], expectingHeads: [String: Int]) async throws -> [LoggedEntry] {
        guard !entries.isEmpty || !marks.isEmpty else { return [] }
        let now = Date.storeNow
        return try await transaction { connection in
            try await PostgresAppendTransaction(connection: connection, logger: logger).appendEntries(
                entries, marks: marks, expectingHeads: expectingHeads, recordedAt: now, logger: logger)
        }
    }

    public func entries(call callID: String, after callSequence: Int, limit: Int) async throws -> [LoggedEntry] {
        guard limit > 0 else { return [] }
        return try await rows(
            """
            SELECT \(unescaped: StoreColumns.log) FROM event_log WHERE call_id = \(callID) AND call_sequence > \(callSequence)
            ORDER BY call_sequence LIMIT \(limit)
            """
        ).map(PostgresRecords.loggedEntry)
    }

    /// The log after `position`. While appends to different calls commit concurrently, an entry with a lower position
    /// may become visible after one with a higher position: a reader that follows the log should re-read a little
    /// behind its last position.
    public func entries(after position: Int64, limit: Int) async throws -> [LoggedEntry] {
        guard limit > 0 else { return [] }
        return try await rows("SELECT \(unescaped: StoreColumns.log) FROM event_log WHERE position > \(position) ORDER BY position LIMIT \(limit)")
            .map(PostgresRecords.loggedEntry)
    }

    public func logHead(call callID: String) async throws -> LogHead? {
        try await rows("SELECT last_sequence, last_client_sequence FROM call_heads WHERE call_id = \(callID)").first.map { row in
            let read = PostgresRowReader(row, table: "call_heads")
            return LogHead(callSequence: try read.int("last_sequence"), clientSequence: try read.int("last_client_sequence"))
        }
    }

    // MARK: Projections

    public func call(_ callID: String) async throws -> CallRecord? {
        try await rows("SELECT \(unescaped: StoreColumns.calls) FROM calls WHERE call_id = \(callID)").first.flatMap {
            try PostgresRecords.callRow($0).record
        }
    }

    /// Calls that have started, newest first.
    public func calls(_ filter: CallFilter) async throws -> [CallRecord] {
        guard filter.limit > 0 else { return [] }
        let status = filter.status?.rawValue
        let after = filter.startedAfter?.storeMilliseconds
        let before = filter.startedBefore?.storeMilliseconds
        // A nil filter is a NULL parameter that switches its condition off; PostgreSQL plans with the values bound.
        return try await rows(
            """
            SELECT \(unescaped: StoreColumns.calls) FROM calls
            WHERE channel IS NOT NULL
                AND (\(status)::text IS NULL OR status = \(status))
                AND (\(filter.agentID)::text IS NULL OR agent_id = \(filter.agentID))
                AND (\(filter.team)::text IS NULL OR team = \(filter.team))
                AND (\(filter.queue)::text IS NULL OR queue = \(filter.queue))
                AND (\(after)::bigint IS NULL OR started_at > \(after))
                AND (\(before)::bigint IS NULL OR started_at < \(before))
            ORDER BY started_at DESC, call_id LIMIT \(filter.limit)
            """
        ).compactMap { try PostgresRecords.callRow($0).record }
    }

    public func alert(_ alertID: String) async throws -> AlertRecord? {
        try await rows("SELECT \(unescaped: StoreColumns.alerts) FROM alerts WHERE alert_id = \(alertID)").first.map(PostgresRecords.alert)
    }

    /// Alerts, newest first.
    public func alerts(_ filter: AlertFilter) async throws -> [AlertRecord] {
        guard filter.limit > 0 else { return [] }
        let state = filter.state?.rawValue
        return try await rows(
            """
            SELECT \(unescaped: StoreColumns.alerts) FROM alerts
            WHERE (\(filter.callID)::text IS NULL OR call_id = \(filter.callID))
                AND (\(state)::text IS NULL OR state = \(state))
                AND (\(filter.agentID)::text IS NULL OR agent_id = \(filter.agentID))
                AND (\(filter.team)::text IS NULL OR team = \(filter.team))
            ORDER BY raised_wall_time DESC, raised_at DESC, alert_id LIMIT \(filter.limit)
            """
        ).map(PostgresRecords.alert)
    }

    public func dueAlerts(limits: [String: Int], now: Date, limit: Int) async throws -> [DueAlert] {
        let tiers = limits.keys.sorted()
        guard limit > 0, !tiers.isEmpty else { return [] }
        let within = tiers.map { limits[$0] ?? 0 }
        let nowMs = now.storeMilliseconds
        return try await rows(
            """
            SELECT a.alert_id, a.call_id, c.last_at + GREATEST(0, \(nowMs) - c.updated_at) AS call_at
            FROM alerts a JOIN calls c ON c.call_id = a.call_id
                JOIN unnest(\(tiers)::text[], \(within)::bigint[]) AS l (tier, within_ms) ON l.tier = a.tier
            WHERE a.state = 'open' AND c.status = 'live' AND a.raised_at + l.within_ms <= c.last_at + GREATEST(0, \(nowMs) - c.updated_at)
            ORDER BY a.call_id, a.alert_id LIMIT \(limit)
            """
        ).map { row in
            let read = PostgresRowReader(row, table: "alerts")
            return DueAlert(alertID: try read.string("alert_id"), callID: try read.string("call_id"), callAt: try read.int("call_at"))
        }
    }

    // MARK: Follow-ups

    public func followUp(_ id: String) async throws -> FollowUpRecord? {
        try await rows("SELECT \(unescaped: StoreColumns.followUps) FROM follow_ups WHERE id = \(id)").first.map(PostgresRecords.followUp)
    }

    /// Follow-ups, soonest due first.
    public func followUps(_ filter: FollowUpFilter) async throws -> [FollowUpRecord] {
        guard filter.limit > 0 else { return [] }
        let state = filter.state?.rawValue
        let dueBefore = filter.dueBefore?.storeMilliseconds
        return try await rows(
            """
            SELECT \(unescaped: StoreColumns.followUps) FROM follow_ups
            WHERE (\(state)::text IS NULL OR state = \(state))
                AND (\(filter.owner)::text IS NULL OR owner = \(filter.owner))
                AND (\(filter.callID)::text IS NULL OR call_id = \(filter.callID))
                AND (\(filter.agentID)::text IS NULL OR agent_id = \(filter.agentID))
                AND (\(filter.team)::text IS NULL OR team = \(filter.team))
                AND (\(dueBefore)::bigint IS NULL OR (state = 'open' AND due_at < \(dueBefore)))
            ORDER BY due_at, id LIMIT \(filter.limit)
            """
        ).map(PostgresRecords.followUp)
    }

    public func lastPosition() async throws -> Int64 {
        try await rows("SELECT COALESCE(MAX(position), 0)::bigint AS last FROM event_log").first.map {
            try PostgresRowReader($0, table: "event_log").int64("last")
        } ?? 0
    }

    // MARK: Webhooks

    public func saveWebhook(_ webhook: WebhookRecord) async throws {
        try await rows(
            """
            INSERT INTO webhooks (\(unescaped: StoreColumns.webhooks))
            VALUES (\(webhook.id), \(webhook.url), \(webhook.secret), \(webhook.types.joined(separator: ",")), \(webhook.cursor), \(webhook.active),
                \(webhook.createdAt.storeMilliseconds))
            ON CONFLICT (id) DO UPDATE SET url = excluded.url, secret = excluded.secret, types = excluded.types, cursor = excluded.cursor,
                active = excluded.active, created_at = excluded.created_at
            """)
    }

    public func webhooks() async throws -> [WebhookRecord] {
        try await rows("SELECT \(unescaped: StoreColumns.webhooks) FROM webhooks ORDER BY created_at, id").map(PostgresRecords.webhook)
    }

    public func moveWebhookCursor(id: String, to position: Int64) async throws {
        try await rows("UPDATE webhooks SET cursor = GREATEST(cursor, \(position)) WHERE id = \(id)")
    }

    public func lease(_ name: String, owner: String, until: Date, now: Date) async throws -> Bool {
        try await rows(
            """
            INSERT INTO leases (name, owner, until) VALUES (\(name), \(owner), \(until.storeMilliseconds))
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
            WHERE leases.owner = excluded.owner OR leases.until < \(now.storeMilliseconds)
            RETURNING name
            """
        ).isEmpty == false
    }

    public func recordDelivery(_ delivery: WebhookDelivery) async throws {
        try await rows(
            """
            INSERT INTO webhook_deliveries (webhook_id, position, call_id, type, attempt, status, error, delivered, attempted_at, duration_ms)
            VALUES (\(delivery.webhookID), \(delivery.position), \(delivery.callID), \(delivery.type), \(delivery.attempt), \(delivery.status),
                \(delivery.error), \(delivery.delivered), \(delivery.attemptedAt.storeMilliseconds), \(delivery.durationMs))
            """)
    }

    public func deliveries(webhook id: String, limit: Int) async throws -> [WebhookDelivery] {
        guard limit > 0 else { return [] }
        return try await rows(
            "SELECT \(unescaped: StoreColumns.deliveries) FROM webhook_deliveries WHERE webhook_id = \(id) ORDER BY id DESC LIMIT \(limit)"
        ).map(PostgresRecords.delivery)
    }

    // MARK: API keys

    /// Saves a key, or replaces the key with the same id.
    public func saveAPIKey(_ key: APIKeyRecord) async throws {
        try await rows(
            """
            INSERT INTO api_keys (\(unescaped: StoreColumns.apiKeys))
            VALUES (\(key.id), \(key.name), \(key.role.rawValue), \(key.subject), \(key.hash), \(key.createdAt.storeMilliseconds), \(key.revoked))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, subject = excluded.subject, hash = excluded.hash,
                created_at = excluded.created_at, revoked = excluded.revoked
            """)
    }

    /// The key with this hash, revoked or not (the caller checks `revoked`).
    public func apiKey(hash: String) async throws -> APIKeyRecord? {
        try await rows("SELECT \(unescaped: StoreColumns.apiKeys) FROM api_keys WHERE hash = \(hash)").first.map(PostgresRecords.apiKey)
    }

    /// Every key, oldest first.
    public func apiKeys() async throws -> [APIKeyRecord] {
        try await rows("SELECT \(unescaped: StoreColumns.apiKeys) FROM api_keys ORDER BY created_at, id").map(PostgresRecords.apiKey)
    }

    /// Marks the key revoked; throws `EventStoreError.apiKeyNotFound` for an unknown id.
    public func revokeAPIKey(id: String) async throws {
        let updated = try await rows("UPDATE api_keys SET revoked = true WHERE id = \(id) RETURNING id")
        guard !updated.isEmpty else { throw EventStoreError.apiKeyNotFound(id: id) }
    }

    // MARK: Settings

    public func setting(_ name: String, initially value: String) async throws -> String {
        try await rows("INSERT INTO settings (name, value) VALUES (\(name), \(value)) ON CONFLICT (name) DO NOTHING")
        guard let row = try await rows("SELECT value FROM settings WHERE name = \(name)").first else {
            throw EventStoreError.unreadableRow(table: "settings", reason: "\(name) was not saved")
        }
        return try PostgresRowReader(row, table: "settings").string("value")
    }

    // MARK: Sessions

    /// Saves a new session; sessions that expired more than a day ago are deleted on the way.
    public func saveSession(_ session: SessionRecord) async throws {
        try await transaction { connection in
            let stale = session.createdAt.addingTimeInterval(-86_400).storeMilliseconds
            _ = try await connection.query("DELETE FROM sessions WHERE expires_at < \(stale)", logger: logger).collect()
            _ = try await connection.query(
                """
                INSERT INTO sessions (hash, key_id, created_at, expires_at, ended)
                VALUES (\(session.hash), \(session.keyID), \(session.createdAt.storeMilliseconds), \(session.expiresAt.storeMilliseconds),
                    \(session.ended))
                """, logger: logger
            ).collect()
        }
    }

    public func session(hash: String) async throws -> (session: SessionRecord, key: APIKeyRecord)? {
        try await rows("SELECT \(unescaped: StoreColumns.sessionWithKey) FROM sessions s JOIN api_keys k ON k.id = s.key_id WHERE s.hash = \(hash)")
            .first.map { (try PostgresRecords.session($0), try PostgresRecords.apiKey($0)) }
    }

    public func endSession(hash: String) async throws {
        try await rows("UPDATE sessions SET ended = true WHERE hash = \(hash)")
    }

    // MARK: Audit

    public func audit(_ record: AuditRecord) async throws {
        try await rows(
            """
            INSERT INTO audit_log (at, actor, action, target, detail)
            VALUES (\(record.at.storeMilliseconds), \(record.actor), \(record.action), \(record.target), \(record.detail))
            """)
    }

    public func auditLog(after id: Int64, limit: Int) async throws -> [AuditRecord] {
        guard limit > 0 else { return [] }
        return try await rows("SELECT \(unescaped: StoreColumns.audit) FROM audit_log WHERE id > \(id) ORDER BY id LIMIT \(limit)")
            .map(PostgresRecords.audit)
    }

    // MARK: Retention

    /// One call per transaction, so a long purge does not hold up live appends.
    public func purgeTranscripts(endedBefore date: Date) async throws -> Int {
        let callIDs = try await rows(
            """
            SELECT call_id FROM calls WHERE status = 'ended' AND ended_at IS NOT NULL AND ended_at < \(date.storeMilliseconds) ORDER BY ended_at
            """
        ).map { try PostgresRowReader($0, table: "calls").string("call_id") }
        var changed = 0
        for callID in callIDs {
            changed += try await transaction { connection in
                let found = try await connection.query(
                    """
                    SELECT position, kind, body FROM event_log
                    WHERE call_id = \(callID)
                        AND ((kind = 'event' AND type = \(TranscriptPurge.eventType)) OR (kind = 'output' AND type = ANY(\(TranscriptPurge.outputTypes))))
                    ORDER BY call_sequence
                    FOR UPDATE
                    """, logger: logger
                ).collect()
                var count = 0
                for row in found {
                    let read = PostgresRowReader(row, table: "event_log")
                    guard let blanked = TranscriptPurge.blanked(kind: try read.enumeration(LogEntryKind.self, "kind"), body: try read.string("body"))
                    else { continue }
                    _ = try await connection.query(
                        "UPDATE event_log SET body = \(blanked) WHERE position = \(try read.int64("position"))", logger: logger
                    )
                    .collect()
                    count += 1
                }
                // The projections' copies: each alert's raising decision, each follow-up's hand-off packet.
                for row in try await connection.query("SELECT alert_id, decision FROM alerts WHERE call_id = \(callID) FOR UPDATE", logger: logger)
                    .collect()
                {
                    let read = PostgresRowReader(row, table: "alerts")
                    guard let blanked = TranscriptPurge.blankedJSON(try read.string("decision")) else { continue }
                    _ = try await connection.query(
                        "UPDATE alerts SET decision = \(blanked) WHERE alert_id = \(try read.string("alert_id"))", logger: logger
                    ).collect()
                }
                for row in try await connection.query("SELECT id, packet FROM follow_ups WHERE call_id = \(callID) FOR UPDATE", logger: logger)
                    .collect()
                {
                    let read = PostgresRowReader(row, table: "follow_ups")
                    guard let packet = try read.optionalString("packet"), let blanked = TranscriptPurge.blankedJSON(packet) else { continue }
                    _ = try await connection.query("UPDATE follow_ups SET packet = \(blanked) WHERE id = \(try read.string("id"))", logger: logger)
                        .collect()
                }
                return count
            }
        }
        return changed
    }
}
