/// The SQLite schema, step by step. Times are integer milliseconds since 1970; JSON bodies are TEXT, kept as written.
enum SQLiteSchema {
    static let createMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        ) STRICT
        """

    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "event log, call heads, calls, alerts, follow-ups, API keys, audit log",
            statements: [
                """
                CREATE TABLE event_log (
                    position INTEGER PRIMARY KEY AUTOINCREMENT,
                    call_id TEXT NOT NULL,
                    call_sequence INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('event', 'output')),
                    type TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    client_sequence INTEGER,
                    recorded_at INTEGER NOT NULL,
                    UNIQUE (call_id, call_sequence)
                ) STRICT
                """,
                """
                CREATE UNIQUE INDEX event_log_client_sequence ON event_log (call_id, client_sequence)
                    WHERE kind = 'event' AND client_sequence IS NOT NULL
                """,
                """
                CREATE TABLE call_heads (
                    call_id TEXT PRIMARY KEY,
                    last_sequence INTEGER NOT NULL
                ) STRICT
                """,
                """
                CREATE TABLE calls (
                    call_id TEXT PRIMARY KEY,
                    status TEXT NOT NULL CHECK (status IN ('live', 'ended')),
                    channel TEXT,
                    customer_id TEXT,
                    queue TEXT,
                    language TEXT,
                    industry TEXT,
                    agent_id TEXT,
                    team TEXT,
                    started_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    last_at INTEGER NOT NULL,
                    ended_at INTEGER,
                    disposition TEXT,
                    survey INTEGER,
                    customer_turns INTEGER NOT NULL,
                    stress REAL NOT NULL,
                    smoothed_stress REAL NOT NULL,
                    peak_stress REAL NOT NULL,
                    highest_tier TEXT,
                    open_alerts INTEGER NOT NULL
                ) STRICT
                """,
                "CREATE INDEX calls_started_at ON calls (started_at)",
                "CREATE INDEX calls_status ON calls (status, started_at)",
                "CREATE INDEX calls_agent ON calls (agent_id, started_at)",
                "CREATE INDEX calls_team ON calls (team, started_at)",
                "CREATE INDEX calls_queue ON calls (queue, started_at)",
                "CREATE INDEX calls_ended_at ON calls (ended_at) WHERE ended_at IS NOT NULL",
                """
                CREATE TABLE alerts (
                    alert_id TEXT PRIMARY KEY,
                    call_id TEXT NOT NULL,
                    agent_id TEXT,
                    team TEXT,
                    tier TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
                    raised_at INTEGER NOT NULL,
                    raised_wall_time INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    decision TEXT NOT NULL,
                    folded INTEGER NOT NULL,
                    acknowledged_by TEXT,
                    outcome TEXT
                ) STRICT
                """,
                "CREATE INDEX alerts_call ON alerts (call_id)",
                "CREATE INDEX alerts_state ON alerts (state, raised_wall_time)",
                "CREATE INDEX alerts_agent ON alerts (agent_id, raised_wall_time)",
                "CREATE INDEX alerts_team ON alerts (team, raised_wall_time)",
                """
                CREATE TABLE follow_ups (
                    id TEXT PRIMARY KEY,
                    call_id TEXT NOT NULL,
                    owner TEXT,
                    due_at INTEGER,
                    state TEXT NOT NULL CHECK (state IN ('open', 'done', 'failed')),
                    outcome TEXT,
                    packet TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                ) STRICT
                """,
                "CREATE INDEX follow_ups_call ON follow_ups (call_id)",
                "CREATE INDEX follow_ups_due ON follow_ups (state, due_at)",
                "CREATE INDEX follow_ups_owner ON follow_ups (owner, state)",
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    subject TEXT,
                    hash TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    revoked INTEGER NOT NULL DEFAULT 0
                ) STRICT
                """,
                """
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target TEXT NOT NULL,
                    detail TEXT NOT NULL
                ) STRICT
                """,
                "CREATE INDEX audit_log_target ON audit_log (target, id)",
            ]),
        Migration(
            version: 2, name: "follow-up details, webhooks and their delivery log",
            statements: [
                "ALTER TABLE follow_ups ADD COLUMN agent_id TEXT",
                "ALTER TABLE follow_ups ADD COLUMN team TEXT",
                "ALTER TABLE follow_ups ADD COLUMN alert_id TEXT",
                "ALTER TABLE follow_ups ADD COLUMN reason TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE follow_ups ADD COLUMN overdue_alert TEXT",
                """
                CREATE TABLE webhooks (
                    id TEXT PRIMARY KEY,
                    url TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    types TEXT NOT NULL,
                    cursor INTEGER NOT NULL,
                    active INTEGER NOT NULL,
                    created_at INTEGER NOT NULL
                ) STRICT
                """,
                """
                CREATE TABLE webhook_deliveries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    webhook_id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    call_id TEXT NOT NULL,
                    type TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    status INTEGER,
                    error TEXT,
                    delivered INTEGER NOT NULL,
                    attempted_at INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL
                ) STRICT
                """,
                "CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id)",
            ]),
        Migration(
            version: 3, name: "named leases (one node at a time delivers a webhook or runs the follow-up sweep)",
            statements: [
                """
                CREATE TABLE leases (
                    name TEXT PRIMARY KEY,
                    owner TEXT NOT NULL,
                    until INTEGER NOT NULL
                ) STRICT
                """
            ]),
        Migration(
            version: 4, name: "client sequence numbers kept in the call heads (audio frames too); browser sessions",
            statements: [
                "ALTER TABLE call_heads ADD COLUMN last_client_sequence INTEGER NOT NULL DEFAULT 0",
                """
                UPDATE call_heads SET last_client_sequence = COALESCE(
                    (SELECT MAX(client_sequence) FROM event_log WHERE event_log.call_id = call_heads.call_id AND kind = 'event'), 0)
                """,
                """
                CREATE TABLE sessions (
                    hash TEXT PRIMARY KEY,
                    key_id TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    ended INTEGER NOT NULL DEFAULT 0
                ) STRICT
                """,
                "CREATE INDEX sessions_expires_at ON sessions (expires_at)",
                "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
            ]),
        Migration(
            version: 5, name: "the log's client sequence index dropped (the call heads check each number; the index only cost a page a write)",
            statements: [
                // Since version 4 every append checks each client sequence number against its call's head, which it holds
                // locked (`AppendTransaction.appendEntries`): a number taken twice is refused before anything is written.
                // The unique index repeated that check and dirtied one more index leaf per numbered event at every commit.
                "DROP INDEX IF EXISTS event_log_client_sequence"
            ]),
    ]
}
