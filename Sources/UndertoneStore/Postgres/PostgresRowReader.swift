import Foundation
import PostgresNIO
import UndertoneEngine

/// Reads typed columns from a PostgreSQL row, naming the table when a value is missing or of the wrong type.
struct PostgresRowReader {
    let row: PostgresRandomAccessRow
    let table: String

    init(_ row: PostgresRow, table: String) {
        self.row = row.makeRandomAccess()
        self.table = table
    }

    func decode<Value: PostgresDecodable>(_ type: Value.Type, _ column: String) throws(EventStoreError) -> Value {
        guard row.contains(column) else { throw .unreadableRow(table: table, reason: "no column \(column)") }
        do {
            return try row[column].decode(Value.self)
        } catch {
            throw .unreadableRow(table: table, reason: "\(column): \(String(reflecting: error))")
        }
    }

    func string(_ column: String) throws(EventStoreError) -> String { try decode(String.self, column) }
    func optionalString(_ column: String) throws(EventStoreError) -> String? { try decode(String?.self, column) }
    func int(_ column: String) throws(EventStoreError) -> Int { try decode(Int.self, column) }
    func optionalInt(_ column: String) throws(EventStoreError) -> Int? { try decode(Int?.self, column) }
    func int64(_ column: String) throws(EventStoreError) -> Int64 { try decode(Int64.self, column) }
    func double(_ column: String) throws(EventStoreError) -> Double { try decode(Double.self, column) }
    func bool(_ column: String) throws(EventStoreError) -> Bool { try decode(Bool.self, column) }
    func date(_ column: String) throws(EventStoreError) -> Date { Date(storeMilliseconds: try int64(column)) }
    func optionalDate(_ column: String) throws(EventStoreError) -> Date? { try decode(Int64?.self, column).map { Date(storeMilliseconds: $0) } }

    func enumeration<Value: RawRepresentable>(_ type: Value.Type, _ column: String) throws(EventStoreError) -> Value where Value.RawValue == String {
        let text = try string(column)
        guard let value = Value(rawValue: text) else { throw .unreadableRow(table: table, reason: "\(column) \"\(text)\" is not known") }
        return value
    }
}

/// Rows into records.
enum PostgresRecords {
    static func loggedEntry(_ row: PostgresRow) throws(EventStoreError) -> LoggedEntry {
        let read = PostgresRowReader(row, table: "event_log")
        let entry = LogEntry(
            callID: try read.string("call_id"), kind: try read.enumeration(LogEntryKind.self, "kind"), type: try read.string("type"),
            at: try read.int("at"), body: try read.string("body"), clientSequence: try read.optionalInt("client_sequence"))
        return LoggedEntry(
            position: try read.int64("position"), callSequence: try read.int("call_sequence"), recordedAt: try read.date("recorded_at"),
            entry: entry)
    }

    static func callRow(_ row: PostgresRow) throws(EventStoreError) -> CallRow {
        let read = PostgresRowReader(row, table: "calls")
        return CallRow(
            callID: try read.string("call_id"), status: try read.enumeration(CallRecord.Status.self, "status"),
            channel: try read.optionalString("channel"), customerID: try read.optionalString("customer_id"),
            queue: try read.optionalString("queue"), language: try read.optionalString("language"), industry: try read.optionalString("industry"),
            agentID: try read.optionalString("agent_id"), team: try read.optionalString("team"), startedAt: try read.date("started_at"),
            updatedAt: try read.date("updated_at"), lastAt: try read.int("last_at"), endedAt: try read.optionalDate("ended_at"),
            disposition: try read.optionalString("disposition"), survey: try read.optionalInt("survey"),
            customerTurns: try read.int("customer_turns"), stress: try read.double("stress"), smoothedStress: try read.double("smoothed_stress"),
            peakStress: try read.double("peak_stress"), highestTier: try read.optionalString("highest_tier"), openAlerts: try read.int("open_alerts"))
    }

    static func alert(_ row: PostgresRow) throws(EventStoreError) -> AlertRecord {
        let read = PostgresRowReader(row, table: "alerts")
        return AlertRecord(
            alertID: try read.string("alert_id"), callID: try read.string("call_id"), agentID: try read.optionalString("agent_id"),
            team: try read.optionalString("team"), tier: try read.string("tier"), rule: try read.string("rule"),
            state: try read.enumeration(AlertRecord.State.self, "state"), raisedAt: try read.int("raised_at"),
            raisedWallTime: try read.date("raised_wall_time"), updatedAt: try read.date("updated_at"), decision: try read.string("decision"),
            folded: try read.int("folded"), acknowledgedBy: try read.optionalString("acknowledged_by"), outcome: try read.optionalString("outcome"))
    }

    static func apiKey(_ row: PostgresRow) throws(EventStoreError) -> APIKeyRecord {
        let read = PostgresRowReader(row, table: "api_keys")
        return APIKeyRecord(
            id: try read.string("id"), name: try read.string("name"), role: try read.enumeration(Role.self, "role"),
            subject: try read.optionalString("subject"), hash: try read.string("hash"), createdAt: try read.date("created_at"),
            revoked: try read.bool("revoked"))
    }

    static func session(_ row: PostgresRow) throws(EventStoreError) -> SessionRecord {
        let read = PostgresRowReader(row, table: "sessions")
        return SessionRecord(
            hash: try read.string("session_hash"), keyID: try read.string("session_key_id"), createdAt: try read.date("session_created_at"),
            expiresAt: try read.date("session_expires_at"), ended: try read.bool("session_ended"))
    }

    static func audit(_ row: PostgresRow) throws(EventStoreError) -> AuditRecord {
        let read = PostgresRowReader(row, table: "audit_log")
        return AuditRecord(
            id: try read.int64("id"), at: try read.date("at"), actor: try read.string("actor"), action: try read.string("action"),
            target: try read.string("target"), detail: try read.string("detail"))
    }

    static func followUp(_ row: PostgresRow) throws(EventStoreError) -> FollowUpRecord {
        let read = PostgresRowReader(row, table: "follow_ups")
        let followUp = FollowUp(
            id: try read.string("id"), callID: try read.string("call_id"), alertID: try read.optionalString("alert_id"),
            reason: try read.string("reason"), owner: try read.optionalString("owner"), due: try read.date("due_at"),
            state: try read.enumeration(FollowUpState.self, "state"), outcome: try read.optionalString("outcome"),
            createdAt: try read.date("created_at"), updatedAt: try read.date("updated_at"), overdueAlertID: try read.optionalString("overdue_alert"),
            packet: FollowUpRecord.packet(from: try read.string("packet")))
        return FollowUpRecord(followUp: followUp, agentID: try read.optionalString("agent_id"), team: try read.optionalString("team"))
    }

    static func webhook(_ row: PostgresRow) throws(EventStoreError) -> WebhookRecord {
        let read = PostgresRowReader(row, table: "webhooks")
        return WebhookRecord(
            id: try read.string("id"), url: try read.string("url"), secret: try read.string("secret"),
            types: try read.string("types").split(separator: ",").map(String.init), cursor: try read.int64("cursor"),
            active: try read.bool("active"), createdAt: try read.date("created_at"))
    }

    static func delivery(_ row: PostgresRow) throws(EventStoreError) -> WebhookDelivery {
        let read = PostgresRowReader(row, table: "webhook_deliveries")
        return WebhookDelivery(
            id: try read.int64("id"), webhookID: try read.string("webhook_id"), position: try read.int64("position"),
            callID: try read.string("call_id"), type: try read.string("type"), attempt: try read.int("attempt"),
            status: try read.optionalInt("status"), error: try read.optionalString("error"), delivered: try read.bool("delivered"),
            attemptedAt: try read.date("attempted_at"), durationMs: try read.int("duration_ms"))
    }
}
