/// The columns each read selects, the same in both dialects (identifiers only, never values).
enum StoreColumns {
    static let log = "position, call_id, call_sequence, kind, type, at, body, client_sequence, recorded_at"
    static let calls = """
        call_id, status, channel, customer_id, queue, language, industry, agent_id, team, started_at, updated_at, last_at, ended_at, \
        disposition, survey, customer_turns, stress, smoothed_stress, peak_stress, highest_tier, open_alerts
        """
    static let alerts = """
        alert_id, call_id, agent_id, team, tier, rule, state, raised_at, raised_wall_time, updated_at, decision, folded, \
        acknowledged_by, outcome
        """
    static let followUps = """
        id, call_id, agent_id, team, alert_id, reason, owner, due_at, state, outcome, packet, created_at, updated_at, overdue_alert
        """
    static let webhooks = "id, url, secret, types, cursor, active, created_at"
    static let deliveries = "id, webhook_id, position, call_id, type, attempt, status, error, delivered, attempted_at, duration_ms"
    static let apiKeys = "id, name, role, subject, hash, created_at, revoked"
    static let audit = "id, at, actor, action, target, detail"
    /// A session and its key, read together (`sessions s JOIN api_keys k`).
    static let sessionWithKey = """
        s.hash AS session_hash, s.key_id AS session_key_id, s.created_at AS session_created_at, s.expires_at AS session_expires_at, \
        s.ended AS session_ended, k.id, k.name, k.role, k.subject, k.hash, k.created_at, k.revoked
        """
}
