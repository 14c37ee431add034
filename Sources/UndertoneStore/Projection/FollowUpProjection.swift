import Foundation
import Logging
import UndertoneEngine

/// The follow-ups an append transaction touches: loaded once, changed by each `follow_up` / `follow_up_update` entry in
/// turn, written back at the end.
struct FollowUpProjection {
    private var records: [String: FollowUpRecord] = [:]
    private var stored: Set<String> = []
    private var order: [String] = []

    /// Each changed follow-up once, in the order it first changed, and whether it is new to the table.
    var changed: [(FollowUpRecord, Bool)] {
        order.compactMap { id in records[id].map { ($0, !stored.contains(id)) } }
    }

    nonisolated(nonsending) mutating func apply(
        _ entry: LogEntry, call projection: inout CallProjection, at now: Date, transaction: some AppendTransaction, logger: Logger
    ) async throws {
        if entry.type == FollowUp.entryType {
            // The writer's own value when it gave one (a packet is tens of kilobytes to decode), else the body.
            var made: (followUp: FollowUp, packetJSON: String?)?
            if case .followUp(let followUp, let packetJSON)? = entry.decoded {
                made = (followUp, packetJSON)
            } else if let followUp = try? JSONDecoder().decode(FollowUp.self, from: Data(entry.body.utf8)) {
                made = (followUp, nil)
            }
            guard let (followUp, packetJSON) = made, followUp.callID == entry.callID else {
                return logger.warning("follow_up entry appended but not projected", metadata: ["call.id": "\(entry.callID)"])
            }
            guard try await load(followUp.id, transaction) == nil else {
                return logger.warning("follow_up entry repeats an existing follow-up", metadata: ["follow_up.id": "\(followUp.id)"])
            }
            records[followUp.id] = FollowUpRecord(
                followUp: followUp, agentID: projection.call?.agentID, team: projection.call?.team, packetJSON: packetJSON)
            note(followUp.id)
            return
        }
        guard let change = try? JSONDecoder().decode(FollowUpChange.self, from: Data(entry.body.utf8)), change.callID == entry.callID else {
            return logger.warning("follow_up_update entry appended but not projected", metadata: ["call.id": "\(entry.callID)"])
        }
        guard var record = try await load(change.id, transaction) else {
            return logger.warning("follow_up_update names an unknown follow-up", metadata: ["follow_up.id": "\(change.id)"])
        }
        do {
            record.followUp = try record.followUp.applying(change)
        } catch {
            // Two closes raced; the log keeps both, the first one counts.
            return logger.warning("follow_up_update not applied", metadata: ["follow_up.id": "\(change.id)", "reason": "\(error)"])
        }
        if change.action == .close, let overdue = record.followUp.overdueAlertID {
            projection.resolveAlert(overdue, by: change.by, outcome: "resolved", at: now)
        }
        records[change.id] = record
        note(change.id)
    }

    private nonisolated(nonsending) mutating func load(_ id: String, _ transaction: some AppendTransaction) async throws -> FollowUpRecord? {
        if let record = records[id] { return record }
        guard let record = try await transaction.loadFollowUp(id) else { return nil }
        records[id] = record
        stored.insert(id)
        return record
    }

    private mutating func note(_ id: String) {
        if !order.contains(id) { order.append(id) }
    }
}
