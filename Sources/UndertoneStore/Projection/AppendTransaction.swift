import Foundation
import Logging
import UndertoneEngine

/// What appending needs from one open transaction, in either dialect. `appendEntries(_:recordedAt:logger:)` does the
/// rest the same way for both.
protocol AppendTransaction {
    /// Creates each call's head row if missing and locks it until the transaction ends, in the order given (sorted, so
    /// that two batches over the same calls cannot deadlock); returns each call's last `call_sequence` (0 for none).
    func lockHeads(_ callIDs: [String]) async throws -> [String: Int]
    /// Moves a call's head to its new last `call_sequence`.
    func updateHead(call callID: String, lastSequence: Int) async throws
    /// The client sequences of the call's events already stored within `range`.
    func storedClientSequences(call callID: String, in range: ClosedRange<Int>) async throws -> Set<Int>
    /// Inserts the entries in order, each with its call sequence, and returns their positions in the same order.
    func insert(_ entries: [NumberedEntry], recordedAt: Date) async throws -> [Int64]

    func loadCall(_ callID: String) async throws -> CallRow?
    func saveCall(_ row: CallRow, isNew: Bool) async throws
    func loadAlerts(call callID: String) async throws -> [AlertRecord]
    func saveAlert(_ alert: AlertRecord, isNew: Bool) async throws
    func loadFollowUp(_ id: String) async throws -> FollowUpRecord?
    func saveFollowUp(_ record: FollowUpRecord, isNew: Bool) async throws
}

extension AppendTransaction {
    /// Appends in order: skips events whose client sequence the call already has, numbers the rest per call without
    /// gaps, inserts them in one go, and brings the projections up to date. Runs inside the caller's transaction.
    /// When a call of `expectingHeads` has another head, throws `EventStoreError.callsMoved` before writing anything.
    func appendEntries(_ entries: [LogEntry], expectingHeads: [String: Int] = [:], recordedAt now: Date, logger: Logger) async throws
        -> [LoggedEntry]
    {
        guard !entries.isEmpty else { return [] }
        let callIDs = Set(entries.map(\.callID)).sorted()
        var heads = try await lockHeads(callIDs)
        let firstHeads = heads
        let moved = heads.filter { callID, head in expectingHeads[callID].map { $0 != head } ?? false }
        guard moved.isEmpty else { throw EventStoreError.callsMoved(moved) }

        // Client sequences already taken, read once per call over the span this batch uses.
        var taken: [String: Set<Int>] = [:]
        for callID in callIDs {
            let sequences = entries.compactMap { $0.callID == callID && $0.kind == .event ? $0.clientSequence : nil }
            guard let low = sequences.min(), let high = sequences.max() else { continue }
            taken[callID] = try await storedClientSequences(call: callID, in: low...high)
        }

        var numbered: [NumberedEntry] = []
        for entry in entries {
            if entry.kind == .event, let clientSequence = entry.clientSequence {
                guard taken[entry.callID, default: []].insert(clientSequence).inserted else {
                    logger.debug(
                        "skipping an event already stored", metadata: ["call.id": "\(entry.callID)", "client.sequence": "\(clientSequence)"])
                    continue
                }
            }
            let callSequence = heads[entry.callID, default: 0] + 1
            heads[entry.callID] = callSequence
            numbered.append(NumberedEntry(entry: entry, callSequence: callSequence))
        }
        guard !numbered.isEmpty else { return [] }
        let positions = try await insert(numbered, recordedAt: now)
        let logged = zip(numbered, positions).map { numbered, position in
            LoggedEntry(position: position, callSequence: numbered.callSequence, recordedAt: now, entry: numbered.entry)
        }

        var projections: [String: CallProjection] = [:]
        var followUps = FollowUpProjection()
        for appended in logged {
            let entry = appended.entry
            if entry.kind == .output, entry.type == FollowUp.entryType || entry.type == FollowUpChange.entryType {
                var projection: CallProjection
                if let current = projections[entry.callID] {
                    projection = current
                } else {
                    projection = CallProjection(callID: entry.callID, stored: try await loadCall(entry.callID))
                }
                if projection.needsAlerts { projection.loadAlerts(try await loadAlerts(call: entry.callID)) }
                try await followUps.apply(entry, call: &projection, at: now, transaction: self, logger: logger)
                projections[entry.callID] = projection
                continue
            }
            // Outputs other than the engine's signals and decisions (a routing choice, a hand-off) are kept in the log
            // and change no projection.
            if entry.kind == .output, entry.type != "signal", entry.type != "decision" { continue }
            let projected: ProjectedEntry
            do {
                projected = try ProjectedEntry(decoding: entry)
            } catch {
                // The log keeps it (it is the truth); the projections cannot use it.
                logger.warning(
                    "log entry appended but not projected",
                    metadata: ["call.id": "\(entry.callID)", "call.sequence": "\(appended.callSequence)", "error": "\(error)"])
                continue
            }
            var projection: CallProjection
            if let current = projections[entry.callID] {
                projection = current
            } else {
                projection = CallProjection(callID: entry.callID, stored: try await loadCall(entry.callID))
            }
            if projected.touchesAlerts && projection.needsAlerts {
                projection.loadAlerts(try await loadAlerts(call: entry.callID))
            }
            projection.apply(projected, of: entry, at: now, logger: logger)
            projections[entry.callID] = projection
        }

        for callID in callIDs where heads[callID] != firstHeads[callID] {
            try await updateHead(call: callID, lastSequence: heads[callID]!)
        }
        for callID in callIDs {
            guard let projection = projections[callID] else { continue }
            if projection.callChanged, let row = projection.call {
                try await saveCall(row, isNew: !projection.callIsStored)
            }
            for alertID in projection.changedAlertIDs {
                guard let alert = projection.alerts?[alertID] else { continue }
                try await saveAlert(alert, isNew: !projection.alertIsStored(alertID))
            }
        }
        for (record, isNew) in followUps.changed { try await saveFollowUp(record, isNew: isNew) }
        return logged
    }
}

/// An entry with the call sequence the append gave it.
struct NumberedEntry: Sendable {
    var entry: LogEntry
    var callSequence: Int
}
