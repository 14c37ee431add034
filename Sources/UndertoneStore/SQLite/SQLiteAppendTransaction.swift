import Foundation
import SQLiteNIO
import UndertoneEngine

/// An append inside the SQLite write transaction, on the database's thread (`SQLiteWorker.append`). Writes are already
/// one at a time, so the heads need no row locks. Each step calls SQLite synchronously with statements the connection has
/// prepared before; the entries go in as multi-row inserts.
struct SQLiteAppendTransaction: AppendTransaction {
    let connection: SQLiteHandle
    /// Heads and rows the writer's own commits left (nil: read every one from the database).
    var cache: SQLiteWriterCache? = nil

    /// The most rows one multi-row insert carries. Batches are cut into power-of-two pieces up to it, so that a handful of
    /// statement texts cover every batch size and stay prepared.
    static let rowsPerInsert = 64

    nonisolated(nonsending) func lockHeads(_ callIDs: [String]) async throws -> [String: CallHead] {
        var heads: [String: CallHead] = [:]
        for callID in callIDs {
            // Known to the writer: the row exists (it was read or written before), and nobody else has moved it.
            if let known = cache?.head(callID) {
                heads[callID] = known
                continue
            }
            let rows = try connection.query(
                """
                INSERT INTO call_heads (call_id, last_sequence, last_client_sequence) VALUES (?, 0, 0)
                ON CONFLICT (call_id) DO UPDATE SET last_sequence = call_heads.last_sequence
                RETURNING last_sequence, last_client_sequence
                """,
                [.text(callID)])
            let head =
                try rows.first.map {
                    let read = SQLiteRowReader(row: $0, table: "call_heads")
                    return CallHead(sequence: try read.int("last_sequence"), clientSequence: try read.int("last_client_sequence"))
                } ?? CallHead()
            heads[callID] = head
            cache?.stage(head, of: callID)
        }
        return heads
    }

    nonisolated(nonsending) func updateHeads(_ heads: [(callID: String, head: CallHead)]) async throws {
        for (callID, head) in heads {
            try connection.query(
                "UPDATE call_heads SET last_sequence = ?, last_client_sequence = ? WHERE call_id = ?",
                [.int(head.sequence), .int(head.clientSequence), .text(callID)])
            cache?.stage(head, of: callID)
        }
    }

    nonisolated(nonsending) func insert(_ entries: [NumberedEntry], recordedAt: Date) async throws -> [Int64] {
        // No RETURNING: SQLite gathers a RETURNING clause's rows in a temporary b-tree, opened (with its page cache and a
        // page-sized buffer, some 18 allocations) by every execution. The positions are known without it: `position` is
        // the table's AUTOINCREMENT row id, the writer holds the write lock, and a multi-row insert makes its rows in the
        // order of its VALUES, each one more than the largest row id the table has ever had — so a piece of n rows takes
        // the n positions that end at `sqlite3_last_insert_rowid`.
        var positions: [Int64] = []
        positions.reserveCapacity(entries.count)
        var start = entries.startIndex
        while start < entries.endIndex {
            var size = 1
            while size * 2 <= min(entries.endIndex - start, Self.rowsPerInsert) { size *= 2 }
            let piece = entries[start..<(start + size)]
            var binds: [SQLiteData] = []
            binds.reserveCapacity(size * 8)
            for numbered in piece {
                let entry = numbered.entry
                binds += [
                    .text(entry.callID), .int(numbered.callSequence), .text(entry.kind.rawValue), .text(entry.type), .int(entry.at),
                    .text(entry.body), .int(entry.clientSequence), .date(recordedAt),
                ]
            }
            try connection.each(Self.insertSQL[size] ?? Self.insertSQL(rows: size), binds) { _ in }
            guard connection.changes == Int64(size) else {
                throw EventStoreError.unreadableRow(table: "event_log", reason: "an insert of \(size) rows made \(connection.changes)")
            }
            let last = connection.lastInsertRowID
            positions += (last - Int64(size) + 1)...last
            start += size
        }
        return positions
    }

    /// The insert of each piece size.
    static let insertSQL: [Int: String] = Dictionary(
        uniqueKeysWithValues: sequence(first: 1) { $0 * 2 <= rowsPerInsert ? $0 * 2 : nil }.map { ($0, insertSQL(rows: $0)) })

    /// `OR ROLLBACK`: a broken constraint rolls the transaction back at once rather than the statement alone, so SQLite
    /// keeps no statement journal (a copy of every page a multi-row insert changes, in case it must undo it half-way).
    /// Nothing is lost: the transaction fails whole, as it would anyway. (The log's numbers come from the heads, checked
    /// before: a broken constraint means a log whose heads disagree with it.)
    static func insertSQL(rows: Int) -> String {
        """
        INSERT OR ROLLBACK INTO event_log (call_id, call_sequence, kind, type, at, body, client_sequence, recorded_at)
        VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
        """
    }

    nonisolated(nonsending) func loadCall(_ callID: String) async throws -> CallRow? {
        if let known = cache?.call(callID) { return known }
        let row = try connection.query("SELECT \(StoreColumns.calls) FROM calls WHERE call_id = ?", [.text(callID)]).first.map(SQLiteRecords.callRow)
        if let row { cache?.stage(row) }
        return row
    }

    nonisolated(nonsending) func saveCall(_ row: CallRow, stored: CallRow?) async throws {
        try write(row, stored: stored)
        cache?.stage(row)
    }

    private func write(_ row: CallRow, stored: CallRow?) throws {
        if let stored, row.changesRunningFiguresOnly(from: stored) {
            try connection.query(
                """
                UPDATE calls SET updated_at = ?, last_at = ?, customer_turns = ?, stress = ?, smoothed_stress = ?, peak_stress = ?,
                    highest_tier = ?, open_alerts = ?
                WHERE call_id = ?
                """,
                [
                    .date(row.updatedAt), .int(row.lastAt), .int(row.customerTurns), .float(row.stress), .float(row.smoothedStress),
                    .float(row.peakStress), .optionalText(row.highestTier), .int(row.openAlerts), .text(row.callID),
                ])
            return
        }
        let values: [SQLiteData] = [
            .text(row.status.rawValue), .optionalText(row.channel), .optionalText(row.customerID), .optionalText(row.queue),
            .optionalText(row.language), .optionalText(row.industry), .optionalText(row.agentID), .optionalText(row.team), .date(row.startedAt),
            .date(row.updatedAt), .int(row.lastAt), .date(row.endedAt), .optionalText(row.disposition), .int(row.survey), .int(row.customerTurns),
            .float(row.stress), .float(row.smoothedStress), .float(row.peakStress), .optionalText(row.highestTier), .int(row.openAlerts),
        ]
        if stored == nil {
            try connection.query(
                "INSERT INTO calls (\(StoreColumns.calls)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [.text(row.callID)] + values)
        } else {
            try connection.query(
                """
                UPDATE calls SET status = ?, channel = ?, customer_id = ?, queue = ?, language = ?, industry = ?, agent_id = ?, team = ?,
                    started_at = ?, updated_at = ?, last_at = ?, ended_at = ?, disposition = ?, survey = ?, customer_turns = ?, stress = ?,
                    smoothed_stress = ?, peak_stress = ?, highest_tier = ?, open_alerts = ?
                WHERE call_id = ?
                """,
                values + [.text(row.callID)])
        }
    }

    nonisolated(nonsending) func loadAlerts(call callID: String) async throws -> [AlertRecord] {
        try connection.query("SELECT \(StoreColumns.alerts) FROM alerts WHERE call_id = ?", [.text(callID)]).map(SQLiteRecords.alert)
    }

    nonisolated(nonsending) func saveAlert(_ alert: AlertRecord, isNew: Bool) async throws {
        if isNew {
            try connection.query(
                "INSERT INTO alerts (\(StoreColumns.alerts)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(alert.alertID), .text(alert.callID), .optionalText(alert.agentID), .optionalText(alert.team), .text(alert.tier),
                    .text(alert.rule), .text(alert.state.rawValue), .int(alert.raisedAt), .date(alert.raisedWallTime), .date(alert.updatedAt),
                    .text(alert.decision), .int(alert.folded), .optionalText(alert.acknowledgedBy), .optionalText(alert.outcome),
                ])
        } else {
            try connection.query(
                """
                UPDATE alerts SET tier = ?, state = ?, updated_at = ?, folded = ?, acknowledged_by = ?, outcome = ?
                WHERE alert_id = ?
                """,
                [
                    .text(alert.tier), .text(alert.state.rawValue), .date(alert.updatedAt), .int(alert.folded), .optionalText(alert.acknowledgedBy),
                    .optionalText(alert.outcome), .text(alert.alertID),
                ])
        }
    }

    nonisolated(nonsending) func loadFollowUp(_ id: String) async throws -> FollowUpRecord? {
        try connection.query("SELECT \(StoreColumns.followUps) FROM follow_ups WHERE id = ?", [.text(id)]).first.map(SQLiteRecords.followUp)
    }

    nonisolated(nonsending) func saveFollowUp(_ record: FollowUpRecord, isNew: Bool) async throws {
        let followUp = record.followUp
        let before: [SQLiteData] = [
            .text(followUp.callID), .optionalText(record.agentID), .optionalText(record.team), .optionalText(followUp.alertID),
            .text(followUp.reason), .optionalText(followUp.owner), .date(followUp.due), .text(followUp.state.rawValue),
            .optionalText(followUp.outcome),
        ]
        let after: [SQLiteData] = [.date(followUp.createdAt), .date(followUp.updatedAt), .optionalText(followUp.overdueAlertID)]
        if isNew {
            try connection.query(
                "INSERT INTO follow_ups (\(StoreColumns.followUps)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [.text(followUp.id)] + before + [.text(record.packetJSON)] + after)
        } else {
            // The packet is as the follow-up was made with it: a change leaves the column (tens of kilobytes) alone.
            try connection.query(
                """
                UPDATE follow_ups SET call_id = ?, agent_id = ?, team = ?, alert_id = ?, reason = ?, owner = ?, due_at = ?, state = ?,
                    outcome = ?, created_at = ?, updated_at = ?, overdue_alert = ?
                WHERE id = ?
                """,
                before + after + [.text(followUp.id)])
        }
    }
}
