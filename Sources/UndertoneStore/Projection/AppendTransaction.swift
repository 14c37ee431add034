import Foundation
import Logging
import UndertoneEngine

/// What appending needs from one open transaction, in either dialect. `appendEntries(_:marks:recordedAt:logger:)` does the
/// rest the same way for both.
///
/// Every step is `nonisolated(nonsending)`: it runs where its caller runs. SQLite's steps are synchronous calls on the
/// database's own thread (`SQLiteWorker`), so a whole append stays on that thread; PostgreSQL's await the server.
protocol AppendTransaction {
    /// Creates each call's head row if missing and locks it until the transaction ends, in the order given (sorted, so
    /// that two batches over the same calls cannot deadlock); returns each call's head (zeros for a new call).
    nonisolated(nonsending) func lockHeads(_ callIDs: [String]) async throws -> [String: CallHead]
    /// Moves calls' heads to their new last `call_sequence` and last client sequence.
    nonisolated(nonsending) func updateHeads(_ heads: [(callID: String, head: CallHead)]) async throws
    /// Inserts the entries in order, each with its call sequence, and returns their positions in the same order.
    nonisolated(nonsending) func insert(_ entries: [NumberedEntry], recordedAt: Date) async throws -> [Int64]

    nonisolated(nonsending) func loadCall(_ callID: String) async throws -> CallRow?
    /// The rows of the calls that have one (by default one ``loadCall(_:)`` each; a server database reads them at once).
    nonisolated(nonsending) func loadCalls(_ callIDs: [String]) async throws -> [String: CallRow]
    /// Writes a call's row: an insert when `stored` is nil, else an update of what changed since `stored` was read (a
    /// turn changes only the running figures, and leaving the indexed columns out spares their indexes).
    nonisolated(nonsending) func saveCall(_ row: CallRow, stored: CallRow?) async throws
    /// Writes calls' rows as ``saveCall(_:stored:)`` does (by default one at a time; a server database batches them).
    nonisolated(nonsending) func saveCalls(_ rows: [(row: CallRow, stored: CallRow?)]) async throws
    nonisolated(nonsending) func loadAlerts(call callID: String) async throws -> [AlertRecord]
    nonisolated(nonsending) func saveAlert(_ alert: AlertRecord, isNew: Bool) async throws
    nonisolated(nonsending) func loadFollowUp(_ id: String) async throws -> FollowUpRecord?
    nonisolated(nonsending) func saveFollowUp(_ record: FollowUpRecord, isNew: Bool) async throws
}

extension AppendTransaction {
    nonisolated(nonsending) func loadCalls(_ callIDs: [String]) async throws -> [String: CallRow] {
        var rows: [String: CallRow] = [:]
        for callID in callIDs { rows[callID] = try await loadCall(callID) }
        return rows
    }

    nonisolated(nonsending) func saveCalls(_ rows: [(row: CallRow, stored: CallRow?)]) async throws {
        for (row, stored) in rows { try await saveCall(row, stored: stored) }
    }

    /// Appends in order: checks the client sequence numbers (`EventStore.append(_:marks:expectingHeads:)`), numbers the
    /// entries per call without gaps, inserts them in one go, and brings the projections up to date. Runs inside the
    /// caller's transaction; a thrown error rolls it back. When a call of `expectingHeads` that this append writes to has
    /// another head, throws `EventStoreError.callsMoved` before writing anything; one it does not write to is not read.
    nonisolated(nonsending) func appendEntries(
        _ entries: [LogEntry], marks: [ClientSequenceMark], expectingHeads: [String: Int] = [:], recordedAt now: Date, logger: Logger
    ) async throws -> [LoggedEntry] {
        guard !entries.isEmpty || !marks.isEmpty else { return [] }
        let callIDs = Set(entries.map(\.callID) + marks.map(\.callID)).sorted()
        var heads = try await lockHeads(callIDs)
        let firstHeads = heads
        var moved: [String: Int] = [:]
        // Only the calls written to are locked and read: a call named with nothing to append here cannot be overwritten,
        // and taking its head as 0 unread would call it moved.
        for (callID, expected) in expectingHeads {
            guard let head = heads[callID]?.sequence else { continue }
            if head != expected { moved[callID] = head }
        }
        guard moved.isEmpty else { throw EventStoreError.callsMoved(moved) }

        var accepted: [String: [Int]] = [:]
        for entry in entries where entry.kind == .event {
            if let clientSequence = entry.clientSequence { accepted[entry.callID, default: []].append(clientSequence) }
        }
        for mark in marks { accepted[mark.callID, default: []].append(mark.clientSequence) }
        for callID in callIDs {
            guard let sequences = accepted[callID] else { continue }
            var last = heads[callID, default: CallHead()].clientSequence
            for sequence in sequences.sorted() {
                guard sequence == last + 1 else { throw EventStoreError.clientSequence(call: callID, expected: last + 1, received: sequence) }
                last = sequence
            }
            heads[callID, default: CallHead()].clientSequence = last
        }

        var numbered: [NumberedEntry] = []
        numbered.reserveCapacity(entries.count)
        for entry in entries {
            let callSequence = heads[entry.callID, default: CallHead()].sequence + 1
            heads[entry.callID, default: CallHead()].sequence = callSequence
            numbered.append(NumberedEntry(entry: entry, callSequence: callSequence))
        }
        let positions = numbered.isEmpty ? [] : try await insert(numbered, recordedAt: now)
        let logged = zip(numbered, positions).map { numbered, position in
            LoggedEntry(position: position, callSequence: numbered.callSequence, recordedAt: now, entry: numbered.entry)
        }

        // Every call with an entry may change its row: the rows are read at once.
        let storedCalls = entries.isEmpty ? [:] : try await loadCalls(Set(entries.map(\.callID)).sorted())
        var projections: [String: CallProjection] = [:]
        var followUps = FollowUpProjection()
        for appended in logged {
            let entry = appended.entry
            if entry.kind == .output, entry.type == FollowUp.entryType || entry.type == FollowUpChange.entryType {
                var projection =
                    projections.removeValue(forKey: entry.callID) ?? CallProjection(callID: entry.callID, stored: storedCalls[entry.callID])
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
                projected = try ProjectedEntry.of(entry)
            } catch {
                // The log keeps it (it is the truth); the projections cannot use it.
                logger.warning(
                    "log entry appended but not projected",
                    metadata: ["call.id": "\(entry.callID)", "call.sequence": "\(appended.callSequence)", "error": "\(error)"])
                continue
            }
            // Taken out of the dictionary while it changes, so that its alerts and sets are not copied on write.
            var projection = projections.removeValue(forKey: entry.callID) ?? CallProjection(callID: entry.callID, stored: storedCalls[entry.callID])
            if projected.touchesAlerts && projection.needsAlerts {
                projection.loadAlerts(try await loadAlerts(call: entry.callID))
            }
            projection.apply(projected, of: entry, at: now, logger: logger)
            projections[entry.callID] = projection
        }

        let movedHeads = callIDs.filter { heads[$0] != firstHeads[$0] }.map { (callID: $0, head: heads[$0, default: CallHead()]) }
        if !movedHeads.isEmpty { try await updateHeads(movedHeads) }
        let changedCalls = callIDs.compactMap { callID -> (row: CallRow, stored: CallRow?)? in
            guard let projection = projections[callID], projection.callChanged, let row = projection.call else { return nil }
            return (row, projection.storedCall)
        }
        if !changedCalls.isEmpty { try await saveCalls(changedCalls) }
        for callID in callIDs {
            guard let projection = projections[callID] else { continue }
            for alertID in projection.changedAlertIDs {
                guard let alert = projection.alerts?[alertID] else { continue }
                try await saveAlert(alert, isNew: !projection.alertIsStored(alertID))
            }
        }
        for (record, isNew) in followUps.changed { try await saveFollowUp(record, isNew: isNew) }
        return logged
    }
}

/// Where a call's log stands: its last `call_sequence` and the last client sequence number it accepted.
struct CallHead: Sendable, Equatable {
    var sequence = 0
    var clientSequence = 0
}

/// An entry with the call sequence the append gave it.
struct NumberedEntry: Sendable {
    var entry: LogEntry
    var callSequence: Int
}
