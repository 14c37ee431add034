import Foundation
import SQLiteNIO
import UndertoneEngine

/// Reads typed columns from an SQLite row, naming the table when a value is missing or of the wrong type.
struct SQLiteRowReader {
    let row: SQLiteStoreRow
    let table: String

    private func value(_ column: String) throws(EventStoreError) -> SQLiteData {
        guard let data = row.column(column) else { throw .unreadableRow(table: table, reason: "no column \(column)") }
        return data
    }

    private func missing(_ column: String) -> EventStoreError { .unreadableRow(table: table, reason: "\(column) is null or not readable") }

    func string(_ column: String) throws(EventStoreError) -> String {
        guard case .text(let text) = try value(column) else { throw missing(column) }
        return text
    }

    func optionalString(_ column: String) throws(EventStoreError) -> String? {
        let data = try value(column)
        if data.isNull { return nil }
        guard case .text(let text) = data else { throw missing(column) }
        return text
    }

    func int64(_ column: String) throws(EventStoreError) -> Int64 {
        guard case .integer(let number) = try value(column) else { throw missing(column) }
        return Int64(number)
    }

    func int(_ column: String) throws(EventStoreError) -> Int { Int(try int64(column)) }

    func optionalInt(_ column: String) throws(EventStoreError) -> Int? {
        let data = try value(column)
        if data.isNull { return nil }
        guard case .integer(let number) = data else { throw missing(column) }
        return Int(number)
    }

    func double(_ column: String) throws(EventStoreError) -> Double {
        switch try value(column) {
        case .float(let number): return number
        case .integer(let number): return Double(number)
        default: throw missing(column)
        }
    }

    func bool(_ column: String) throws(EventStoreError) -> Bool { try int64(column) != 0 }

    func date(_ column: String) throws(EventStoreError) -> Date { Date(storeMilliseconds: try int64(column)) }

    func optionalDate(_ column: String) throws(EventStoreError) -> Date? {
        try optionalInt(column).map { Date(storeMilliseconds: Int64($0)) }
    }

    func enumeration<Value: RawRepresentable>(_ type: Value.Type, _ column: String) throws(EventStoreError) -> Value where Value.RawValue == String {
        let text = try string(column)
        guard let value = Value(rawValue: text) else { throw .unreadableRow(table: table, reason: "\(column) \"\(text)\" is not known") }
        return value
    }
}

extension SQLiteData {
    static func int(_ value: Int) -> SQLiteData { .integer(SQLiteInt64(value)) }
    static func int(_ value: Int64) -> SQLiteData { .integer(SQLiteInt64(value)) }
    static func int(_ value: Int?) -> SQLiteData { value.map { .integer(SQLiteInt64($0)) } ?? .null }
    static func optionalText(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
    static func date(_ value: Date) -> SQLiteData { .integer(SQLiteInt64(value.storeMilliseconds)) }
    static func date(_ value: Date?) -> SQLiteData { value.map { .date($0) } ?? .null }
    static func bool(_ value: Bool) -> SQLiteData { .integer(value ? 1 : 0) }
}

/// Rows into records.
enum SQLiteRecords {
    static func loggedEntry(_ row: SQLiteStoreRow) throws(EventStoreError) -> LoggedEntry {
        let read = SQLiteRowReader(row: row, table: "event_log")
        let entry = LogEntry(
            callID: try read.string("call_id"), kind: try read.enumeration(LogEntryKind.self, "kind"), type: try read.string("type"),
            at: try read.int("at"), body: try read.string("body"), clientSequence: try read.optionalInt("client_sequence"))
        return LoggedEntry(
            position: try read.int64("position"), callSequence: try read.int("call_sequence"), recordedAt: try read.date("recorded_at"),
            entry: entry)
    }

    static func callRow(_ row: SQLiteStoreRow) throws(EventStoreError) -> CallRow {
        let read = SQLiteRowReader(row: row, table: "calls")
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

    static func alert(_ row: SQLiteStoreRow) throws(EventStoreError) -> AlertRecord {
        let read = SQLiteRowReader(row: row, table: "alerts")
        return AlertRecord(
            alertID: try read.string("alert_id"), callID: try read.string("call_id"), agentID: try read.optionalString("agent_id"),
            team: try read.optionalString("team"), tier: try read.string("tier"), rule: try read.string("rule"),
            state: try read.enumeration(AlertRecord.State.self, "state"), raisedAt: try read.int("raised_at"),
            raisedWallTime: try read.date("raised_wall_time"), updatedAt: try read.date("updated_at"), decision: try read.string("decision"),
            folded: try read.int("folded"), acknowledgedBy: try read.optionalString("acknowledged_by"), outcome: try read.optionalString("outcome"))
    }

    static func apiKey(_ row: SQLiteStoreRow) throws(EventStoreError) -> APIKeyRecord {
        let read = SQLiteRowReader(row: row, table: "api_keys")
        return APIKeyRecord(
            id: try read.string("id"), name: try read.string("name"), role: try read.enumeration(Role.self, "role"),
            subject: try read.optionalString("subject"), hash: try read.string("hash"), createdAt: try read.date("created_at"),
            revoked: try read.bool("revoked"))
    }

    static func session(_ row: SQLiteStoreRow) throws(EventStoreError) -> SessionRecord {
        let read = SQLiteRowReader(row: row, table: "sessions")
        return SessionRecord(
            hash: try read.string("session_hash"), keyID: try read.string("session_key_id"), createdAt: try read.date("session_created_at"),
            expiresAt: try read.date("session_expires_at"), ended: try read.bool("session_ended"))
    }

    static func audit(_ row: SQLiteStoreRow) throws(EventStoreError) -> AuditRecord {
        let read = SQLiteRowReader(row: row, table: "audit_log")
        return AuditRecord(
            id: try read.int64("id"), at: try read.date("at"), actor: try read.string("actor"), action: try read.string("action"),
            target: try read.string("target"), detail: try read.string("detail"))
    }

    static func followUp(_ row: SQLiteStoreRow) throws(EventStoreError) -> FollowUpRecord {
        let read = SQLiteRowReader(row: row, table: "follow_ups")
        let followUp = FollowUp(
            id: try read.string("id"), callID: try read.string("call_id"), alertID: try read.optionalString("alert_id"),
            reason: try read.string("reason"), owner: try read.optionalString("owner"), due: try read.date("due_at"),
            state: try read.enumeration(FollowUpState.self, "state"), outcome: try read.optionalString("outcome"),
            createdAt: try read.date("created_at"), updatedAt: try read.date("updated_at"), overdueAlertID: try read.optionalString("overdue_alert"),
            packet: FollowUpRecord.packet(from: try read.string("packet")))
        return FollowUpRecord(followUp: followUp, agentID: try read.optionalString("agent_id"), team: try read.optionalString("team"))
    }

    static func webhook(_ row: SQLiteStoreRow) throws(EventStoreError) -> WebhookRecord {
        let read = SQLiteRowReader(row: row, table: "webhooks")
        return WebhookRecord(
            id: try read.string("id"), url: try read.string("url"), secret: try read.string("secret"),
            types: try read.string("types").split(separator: ",").map(String.init), cursor: try read.int64("cursor"),
            active: try read.bool("active"), createdAt: try read.date("created_at"))
    }

    static func delivery(_ row: SQLiteStoreRow) throws(EventStoreError) -> WebhookDelivery {
        let read = SQLiteRowReader(row: row, table: "webhook_deliveries")
        return WebhookDelivery(
            id: try read.int64("id"), webhookID: try read.string("webhook_id"), position: try read.int64("position"),
            callID: try read.string("call_id"), type: try read.string("type"), attempt: try read.int("attempt"),
            status: try read.optionalInt("status"), error: try read.optionalString("error"), delivered: try read.bool("delivered"),
            attemptedAt: try read.date("attempted_at"), durationMs: try read.int("duration_ms"))
    }
}
