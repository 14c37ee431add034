import Foundation
import Logging
import PostgresNIO
import UndertoneEngine

/// An append inside a PostgreSQL transaction. Each call's head row stays locked from `lockHeads` to commit, so appends
/// to one call take turns (gapless `call_sequence`, consistent projections) while appends to other calls go on.
struct PostgresAppendTransaction: AppendTransaction {
    let connection: PostgresConnection
    let logger: Logger

    private func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    private func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }

    /// One statement for every call: the heads are created or locked in the order of `callIDs` (sorted by the caller), so
    /// that two appends over the same calls cannot deadlock.
    func lockHeads(_ callIDs: [String]) async throws -> [String: CallHead] {
        // DO UPDATE (not DO NOTHING) so that each row is locked, and returned, whether it was new or not.
        let found = try await rows(
            """
            INSERT INTO call_heads (call_id, last_sequence, last_client_sequence)
            SELECT call_id, 0, 0 FROM unnest(\(callIDs)::text[]) WITH ORDINALITY AS batch(call_id, ordinal) ORDER BY ordinal
            ON CONFLICT (call_id) DO UPDATE SET last_sequence = call_heads.last_sequence
            RETURNING call_id, last_sequence, last_client_sequence
            """)
        var heads: [String: CallHead] = [:]
        for row in found {
            let read = PostgresRowReader(row, table: "call_heads")
            heads[try read.string("call_id")] = CallHead(
                sequence: try read.int("last_sequence"), clientSequence: try read.int("last_client_sequence"))
        }
        guard heads.count == callIDs.count else {
            throw EventStoreError.unreadableRow(table: "call_heads", reason: "locking \(callIDs.count) heads returned \(heads.count)")
        }
        return heads
    }

    func updateHeads(_ heads: [(callID: String, head: CallHead)]) async throws {
        try await execute(
            """
            UPDATE call_heads SET last_sequence = batch.last_sequence, last_client_sequence = batch.last_client_sequence
            FROM unnest(\(heads.map(\.callID))::text[], \(heads.map(\.head.sequence))::bigint[], \(heads.map(\.head.clientSequence))::bigint[])
                AS batch(call_id, last_sequence, last_client_sequence)
            WHERE call_heads.call_id = batch.call_id
            """)
    }

    /// One statement for the whole batch: the entries travel as arrays, unnested in their order, so positions follow it.
    func insert(_ entries: [NumberedEntry], recordedAt: Date) async throws -> [Int64] {
        let callIDs = entries.map(\.entry.callID)
        let callSequences = entries.map(\.callSequence)
        let kinds = entries.map(\.entry.kind.rawValue)
        let types = entries.map(\.entry.type)
        let ats = entries.map(\.entry.at)
        let bodies = entries.map(\.entry.body)
        // Arrays of optionals do not bind: a flag says which client sequences are there.
        let clientSequences = entries.map { $0.entry.clientSequence ?? 0 }
        let hasClientSequence = entries.map { $0.entry.clientSequence != nil }
        let found = try await rows(
            """
            INSERT INTO event_log (call_id, call_sequence, kind, type, at, body, client_sequence, recorded_at)
            SELECT call_id, call_sequence, kind, type, at, body, CASE WHEN has_client_sequence THEN client_sequence END,
                \(recordedAt.storeMilliseconds)
            FROM unnest(
                \(callIDs)::text[], \(callSequences)::bigint[], \(kinds)::text[], \(types)::text[], \(ats)::bigint[], \(bodies)::text[],
                \(clientSequences)::bigint[], \(hasClientSequence)::boolean[]
            ) WITH ORDINALITY AS batch(call_id, call_sequence, kind, type, at, body, client_sequence, has_client_sequence, ordinal)
            ORDER BY ordinal
            RETURNING position, call_id, call_sequence
            """)
        // Matched by (call, sequence), which is unique, rather than trusting the order RETURNING gives.
        var positions: [String: [Int: Int64]] = [:]
        for row in found {
            let read = PostgresRowReader(row, table: "event_log")
            positions[try read.string("call_id"), default: [:]][try read.int("call_sequence")] = try read.int64("position")
        }
        return try entries.map { numbered in
            guard let position = positions[numbered.entry.callID]?[numbered.callSequence] else {
                throw EventStoreError.unreadableRow(table: "event_log", reason: "insert returned no position for \(numbered.entry.callID)")
            }
            return position
        }
    }

    func loadCall(_ callID: String) async throws -> CallRow? {
        try await rows("SELECT \(unescaped: StoreColumns.calls) FROM calls WHERE call_id = \(callID)").first.map(PostgresRecords.callRow)
    }

    func loadCalls(_ callIDs: [String]) async throws -> [String: CallRow] {
        let found = try await rows("SELECT \(unescaped: StoreColumns.calls) FROM calls WHERE call_id = ANY(\(callIDs)::text[])")
        var calls: [String: CallRow] = [:]
        for row in found {
            let call = try PostgresRecords.callRow(row)
            calls[call.callID] = call
        }
        return calls
    }

    /// The turns' updates (running figures only, the most of any batch) in one statement; the rest one by one
    /// (``saveCall(_:stored:)``, which sends a figures-only update back here).
    func saveCalls(_ rows: [(row: CallRow, stored: CallRow?)]) async throws {
        var figures: [CallRow] = []
        for (row, stored) in rows {
            if let stored, row.changesRunningFiguresOnly(from: stored) { figures.append(row) } else { try await saveCall(row, stored: stored) }
        }
        guard !figures.isEmpty else { return }
        // Arrays of optionals do not bind: a flag says which calls have a tier.
        let highestTiers = figures.map { $0.highestTier ?? "" }
        let hasTier = figures.map { $0.highestTier != nil }
        try await execute(
            """
            UPDATE calls SET updated_at = batch.updated_at, last_at = batch.last_at, customer_turns = batch.customer_turns,
                stress = batch.stress, smoothed_stress = batch.smoothed_stress, peak_stress = batch.peak_stress,
                highest_tier = CASE WHEN batch.has_tier THEN batch.highest_tier END, open_alerts = batch.open_alerts
            FROM unnest(
                \(figures.map(\.callID))::text[], \(figures.map(\.updatedAt.storeMilliseconds))::bigint[], \(figures.map(\.lastAt))::bigint[],
                \(figures.map(\.customerTurns))::bigint[], \(figures.map(\.stress))::float8[], \(figures.map(\.smoothedStress))::float8[],
                \(figures.map(\.peakStress))::float8[], \(highestTiers)::text[], \(hasTier)::boolean[], \(figures.map(\.openAlerts))::bigint[]
            ) AS batch(call_id, updated_at, last_at, customer_turns, stress, smoothed_stress, peak_stress, highest_tier, has_tier, open_alerts)
            WHERE calls.call_id = batch.call_id
            """)
    }

    func saveCall(_ row: CallRow, stored: CallRow?) async throws {
        // The running figures alone: the batch's statement, with one row.
        if let stored, row.changesRunningFiguresOnly(from: stored) { return try await saveCalls([(row, stored)]) }
        let endedAt = row.endedAt?.storeMilliseconds
        if stored == nil {
            try await execute(
                """
                INSERT INTO calls (\(unescaped: StoreColumns.calls)) VALUES (
                    \(row.callID), \(row.status.rawValue), \(row.channel), \(row.customerID), \(row.queue), \(row.language), \(row.industry),
                    \(row.agentID), \(row.team), \(row.startedAt.storeMilliseconds), \(row.updatedAt.storeMilliseconds), \(row.lastAt),
                    \(endedAt), \(row.disposition), \(row.survey), \(row.customerTurns), \(row.stress), \(row.smoothedStress),
                    \(row.peakStress), \(row.highestTier), \(row.openAlerts))
                """)
        } else {
            try await execute(
                """
                UPDATE calls SET status = \(row.status.rawValue), channel = \(row.channel), customer_id = \(row.customerID),
                    queue = \(row.queue), language = \(row.language), industry = \(row.industry), agent_id = \(row.agentID), team = \(row.team),
                    started_at = \(row.startedAt.storeMilliseconds), updated_at = \(row.updatedAt.storeMilliseconds), last_at = \(row.lastAt),
                    ended_at = \(endedAt), disposition = \(row.disposition), survey = \(row.survey), customer_turns = \(row.customerTurns),
                    stress = \(row.stress), smoothed_stress = \(row.smoothedStress), peak_stress = \(row.peakStress),
                    highest_tier = \(row.highestTier), open_alerts = \(row.openAlerts)
                WHERE call_id = \(row.callID)
                """)
        }
    }

    func loadAlerts(call callID: String) async throws -> [AlertRecord] {
        try await rows("SELECT \(unescaped: StoreColumns.alerts) FROM alerts WHERE call_id = \(callID)").map(PostgresRecords.alert)
    }

    func saveAlert(_ alert: AlertRecord, isNew: Bool) async throws {
        if isNew {
            try await execute(
                """
                INSERT INTO alerts (\(unescaped: StoreColumns.alerts)) VALUES (
                    \(alert.alertID), \(alert.callID), \(alert.agentID), \(alert.team), \(alert.tier), \(alert.rule), \(alert.state.rawValue),
                    \(alert.raisedAt), \(alert.raisedWallTime.storeMilliseconds), \(alert.updatedAt.storeMilliseconds), \(alert.decision),
                    \(alert.folded), \(alert.acknowledgedBy), \(alert.outcome))
                """)
        } else {
            try await execute(
                """
                UPDATE alerts SET tier = \(alert.tier), state = \(alert.state.rawValue), updated_at = \(alert.updatedAt.storeMilliseconds),
                    folded = \(alert.folded), acknowledged_by = \(alert.acknowledgedBy), outcome = \(alert.outcome)
                WHERE alert_id = \(alert.alertID)
                """)
        }
    }

    func loadFollowUp(_ id: String) async throws -> FollowUpRecord? {
        try await rows("SELECT \(unescaped: StoreColumns.followUps) FROM follow_ups WHERE id = \(id)").first.map(PostgresRecords.followUp)
    }

    func saveFollowUp(_ record: FollowUpRecord, isNew: Bool) async throws {
        let followUp = record.followUp
        if isNew {
            try await execute(
                """
                INSERT INTO follow_ups (\(unescaped: StoreColumns.followUps)) VALUES (
                    \(followUp.id), \(followUp.callID), \(record.agentID), \(record.team), \(followUp.alertID), \(followUp.reason),
                    \(followUp.owner), \(followUp.due.storeMilliseconds), \(followUp.state.rawValue), \(followUp.outcome), \(record.packetJSON),
                    \(followUp.createdAt.storeMilliseconds), \(followUp.updatedAt.storeMilliseconds), \(followUp.overdueAlertID))
                """)
        } else {
            // The packet is as the follow-up was made with it: a change leaves the column (tens of kilobytes) alone.
            try await execute(
                """
                UPDATE follow_ups SET owner = \(followUp.owner), due_at = \(followUp.due.storeMilliseconds), state = \(followUp.state.rawValue),
                    outcome = \(followUp.outcome), updated_at = \(followUp.updatedAt.storeMilliseconds),
                    overdue_alert = \(followUp.overdueAlertID)
                WHERE id = \(followUp.id)
                """)
        }
    }
}
