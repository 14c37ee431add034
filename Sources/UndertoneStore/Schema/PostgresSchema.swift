/// The PostgreSQL schema, step by step: the same tables as SQLite's. Times are bigint milliseconds since 1970 (as in
/// SQLite); JSON bodies are text, kept byte for byte as written (an unreadable body must still be stored).
enum PostgresSchema {
    static let createMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL,
            applied_at bigint NOT NULL
        )
        """

    /// The advisory lock key every migration takes, so that two nodes starting together migrate one after the other.
    static let migrationLockKey: Int64 = 0x756E_6465_7274_6F6E  // "underton"

    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "event log, call heads, calls, alerts, follow-ups, API keys, audit log",
            statements: [
                """
                CREATE TABLE event_log (
                    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    call_id text NOT NULL,
                    call_sequence bigint NOT NULL,
                    kind text NOT NULL CHECK (kind IN ('event', 'output')),
                    type text NOT NULL,
                    at bigint NOT NULL,
                    body text NOT NULL,
                    client_sequence bigint,
                    recorded_at bigint NOT NULL,
                    UNIQUE (call_id, call_sequence)
                )
                """,
                """
                CREATE UNIQUE INDEX event_log_client_sequence ON event_log (call_id, client_sequence)
                    WHERE kind = 'event' AND client_sequence IS NOT NULL
                """,
                """
                CREATE TABLE call_heads (
                    call_id text PRIMARY KEY,
                    last_sequence bigint NOT NULL
                )
                """,
                """
                CREATE TABLE calls (
                    call_id text PRIMARY KEY,
                    status text NOT NULL CHECK (status IN ('live', 'ended')),
                    channel text,
                    customer_id text,
                    queue text,
                    language text,
                    industry text,
                    agent_id text,
                    team text,
                    started_at bigint NOT NULL,
                    updated_at bigint NOT NULL,
                    last_at bigint NOT NULL,
                    ended_at bigint,
                    disposition text,
                    survey bigint,
                    customer_turns bigint NOT NULL,
                    stress double precision NOT NULL,
                    smoothed_stress double precision NOT NULL,
                    peak_stress double precision NOT NULL,
                    highest_tier text,
                    open_alerts bigint NOT NULL
                )
                """,
                "CREATE INDEX calls_started_at ON calls (started_at)",
                "CREATE INDEX calls_status ON calls (status, started_at)",
                "CREATE INDEX calls_agent ON calls (agent_id, started_at)",
                "CREATE INDEX calls_team ON calls (team, started_at)",
                "CREATE INDEX calls_queue ON calls (queue, started_at)",
                "CREATE INDEX calls_ended_at ON calls (ended_at) WHERE ended_at IS NOT NULL",
                """
                CREATE TABLE alerts (
                    alert_id text PRIMARY KEY,
                    call_id text NOT NULL,
                    agent_id text,
                    team text,
                    tier text NOT NULL,
                    rule text NOT NULL,
                    state text NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
                    raised_at bigint NOT NULL,
                    raised_wall_time bigint NOT NULL,
                    updated_at bigint NOT NULL,
                    decision text NOT NULL,
                    folded bigint NOT NULL,
                    acknowledged_by text,
                    outcome text
                )
                """,
                "CREATE INDEX alerts_call ON alerts (call_id)",
                "CREATE INDEX alerts_state ON alerts (state, raised_wall_time)",
                "CREATE INDEX alerts_agent ON alerts (agent_id, raised_wall_time)",
                "CREATE INDEX alerts_team ON alerts (team, raised_wall_time)",
                """
                CREATE TABLE follow_ups (
                    id text PRIMARY KEY,
                    call_id text NOT NULL,
                    owner text,
                    due_at bigint,
                    state text NOT NULL CHECK (state IN ('open', 'done', 'failed')),
                    outcome text,
                    packet text NOT NULL,
                    created_at bigint NOT NULL,
                    updated_at bigint NOT NULL
                )
                """,
                "CREATE INDEX follow_ups_call ON follow_ups (call_id)",
                "CREATE INDEX follow_ups_due ON follow_ups (state, due_at)",
                "CREATE INDEX follow_ups_owner ON follow_ups (owner, state)",
                """
                CREATE TABLE api_keys (
                    id text PRIMARY KEY,
                    name text NOT NULL,
                    role text NOT NULL,
                    subject text,
                    hash text NOT NULL UNIQUE,
                    created_at bigint NOT NULL,
                    revoked boolean NOT NULL DEFAULT false
                )
                """,
                """
                CREATE TABLE audit_log (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    at bigint NOT NULL,
                    actor text NOT NULL,
                    action text NOT NULL,
                    target text NOT NULL,
                    detail text NOT NULL
                )
                """,
                "CREATE INDEX audit_log_target ON audit_log (target, id)",
            ]),
        Migration(
            version: 2, name: "follow-up details, webhooks and their delivery log",
            statements: [
                """
                ALTER TABLE follow_ups ADD COLUMN agent_id text, ADD COLUMN team text, ADD COLUMN alert_id text,
                    ADD COLUMN reason text NOT NULL DEFAULT '', ADD COLUMN overdue_alert text
                """,
                """
                CREATE TABLE webhooks (
                    id text PRIMARY KEY,
                    url text NOT NULL,
                    secret text NOT NULL,
                    types text NOT NULL,
                    cursor bigint NOT NULL,
                    active boolean NOT NULL,
                    created_at bigint NOT NULL
                )
                """,
                """
                CREATE TABLE webhook_deliveries (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    webhook_id text NOT NULL,
                    position bigint NOT NULL,
                    call_id text NOT NULL,
                    type text NOT NULL,
                    attempt integer NOT NULL,
                    status integer,
                    error text,
                    delivered boolean NOT NULL,
                    attempted_at bigint NOT NULL,
                    duration_ms integer NOT NULL
                )
                """,
                "CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id)",
            ]),
        Migration(
            version: 3, name: "named leases (one node at a time delivers a webhook or runs the follow-up sweep)",
            statements: [
                """
                CREATE TABLE leases (
                    name text PRIMARY KEY,
                    owner text NOT NULL,
                    until bigint NOT NULL
                )
                """
            ]),
        Migration(
            version: 4, name: "client sequence numbers kept in the call heads (audio frames too); browser sessions",
            statements: [
                "ALTER TABLE call_heads ADD COLUMN last_client_sequence bigint NOT NULL DEFAULT 0",
                """
                UPDATE call_heads SET last_client_sequence = COALESCE(
                    (SELECT MAX(client_sequence) FROM event_log WHERE event_log.call_id = call_heads.call_id AND kind = 'event'), 0)
                """,
                """
                CREATE TABLE sessions (
                    hash text PRIMARY KEY,
                    key_id text NOT NULL,
                    created_at bigint NOT NULL,
                    expires_at bigint NOT NULL,
                    ended boolean NOT NULL DEFAULT false
                )
                """,
                "CREATE INDEX sessions_expires_at ON sessions (expires_at)",
                "CREATE TABLE settings (name text PRIMARY KEY, value text NOT NULL)",
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
