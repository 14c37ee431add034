import Foundation
import Logging
import UndertoneEngine

/// One call's projections (its `calls` row and its alerts) while an append transaction runs: loaded once, changed by
/// each entry in turn, written back once at the end. Pure: the dialects do the reading and writing.
struct CallProjection {
    let callID: String
    /// The call's row; nil until a decodable entry arrives.
    private(set) var call: CallRow?
    /// The row as `calls` holds it (nil: not stored yet, an insert).
    let storedCall: CallRow?
    private(set) var callChanged = false
    /// The call's alerts by id; nil until loaded (only entries that touch alerts need them).
    private(set) var alerts: [String: AlertRecord]?
    private var storedAlertIDs: Set<String> = []
    /// Alerts changed by this transaction, in the order they first changed.
    private(set) var changedAlertIDs: [String] = []

    init(callID: String, stored: CallRow?) {
        self.callID = callID
        self.call = stored
        self.storedCall = stored
    }

    var needsAlerts: Bool { alerts == nil }

    mutating func loadAlerts(_ stored: [AlertRecord]) {
        alerts = Dictionary(stored.map { ($0.alertID, $0) }, uniquingKeysWith: { first, _ in first })
        storedAlertIDs = Set(stored.map(\.alertID))
    }

    func alertIsStored(_ alertID: String) -> Bool { storedAlertIDs.contains(alertID) }

    /// Applies one decoded entry recorded at `now`. Entries that touch alerts need `loadAlerts` first.
    mutating func apply(_ projected: ProjectedEntry, of entry: LogEntry, at now: Date, logger: Logger) {
        precondition(!projected.touchesAlerts || alerts != nil, "load the call's alerts before applying an entry that touches them")
        var row = call ?? CallRow(callID: callID, startedAt: now, lastAt: entry.at)
        row.updatedAt = now
        row.lastAt = max(row.lastAt, entry.at)
        switch projected {
        case .event(.callStarted(let started)):
            row.channel = started.channel.rawValue
            row.customerID = started.customerID
            row.queue = started.queue
            row.language = started.language
            row.industry = started.industry
            row.agentID = started.agentID
            row.team = started.team
        case .event(.turn(let turn)):
            if turn.speaker == .customer && turn.isFinal { row.customerTurns += 1 }
        case .event(.alertAcknowledged(let acknowledgement)):
            acknowledge(acknowledgement, at: now, logger: logger)
        case .event(.callEnded(let ended)):
            row.status = .ended
            row.endedAt = now
            row.disposition = ended.disposition
            row.survey = ended.survey
            for (id, alert) in alerts ?? [:] where alert.state == .open {
                change(id) {
                    $0.state = .resolved
                    $0.updatedAt = now
                }
            }
        case .event(.audio), .event(.voice), .event(.agentAction), .event(.tick), .output(.voice), .output(.guidance):
            break
        case .followUp:
            // The follow-ups' projection takes these (`ProjectedEntry.of` never gives one): the call's row is left alone.
            return
        case .output(.signal(let signal)):
            if signal.speaker == .customer {
                row.stress = signal.stress
                row.smoothedStress = signal.smoothedStress
                row.peakStress = max(row.peakStress, signal.stress)
            }
        case .output(.decision(let decision)):
            if Self.rank(row.highestTier) < Self.rank(decision.tier.rawValue) { row.highestTier = decision.tier.rawValue }
            record(decision, body: entry.body, call: row, at: now, logger: logger)
        }
        if let alerts { row.openAlerts = alerts.values.count { $0.state == .open } }
        call = row
        callChanged = true
    }

    // MARK: Alerts

    private mutating func record(_ decision: Decision, body: String, call row: CallRow, at now: Date, logger: Logger) {
        // A climb supersedes the alert that went unacknowledged: it is closed as climbed, the higher one carries on.
        if let from = decision.climbedFrom { resolveAlert(from, by: "undertone", outcome: "climbed", at: now) }
        guard alerts?[decision.alertID] != nil else {
            // A raise, or a climb the engine gave a new id: a new alert. A fold into an alert this store never saw
            // (its entry was unreadable) opens one too, so the fold is not lost.
            if decision.kind == .folded {
                logger.warning(
                    "folded decision names an unknown alert; opening it", metadata: ["call.id": "\(callID)", "alert.id": "\(decision.alertID)"])
            }
            alerts?[decision.alertID] = AlertRecord(
                alertID: decision.alertID, callID: callID, agentID: row.agentID, team: row.team, tier: decision.tier.rawValue,
                rule: decision.rule, state: .open, raisedAt: decision.at, raisedWallTime: now, updatedAt: now, decision: body,
                folded: decision.kind == .folded ? 1 : 0, acknowledgedBy: nil, outcome: nil)
            noteChanged(decision.alertID)
            return
        }
        change(decision.alertID) { alert in
            switch decision.kind {
            case .raised, .folded:
                if decision.kind == .folded { alert.folded += 1 }
                if Self.rank(alert.tier) < Self.rank(decision.tier.rawValue) { alert.tier = decision.tier.rawValue }
            case .climbed:
                alert.tier = decision.tier.rawValue
            }
            alert.updatedAt = now
        }
    }

    private mutating func acknowledge(_ acknowledgement: AlertAcknowledgement, at now: Date, logger: Logger) {
        guard let alert = alerts?[acknowledgement.alertID] else {
            logger.warning(
                "alert_ack names an alert this call does not have",
                metadata: ["call.id": "\(callID)", "alert.id": "\(acknowledgement.alertID)"])
            return
        }
        guard alert.state != .resolved else { return }
        change(acknowledgement.alertID) {
            $0.state = acknowledgement.outcome == .resolved ? .resolved : .acknowledged
            $0.acknowledgedBy = acknowledgement.by
            $0.outcome = acknowledgement.outcome.rawValue
            $0.updatedAt = now
        }
    }

    /// Resolves an open or acknowledged alert from outside the engine (a follow-up closed after it went overdue).
    mutating func resolveAlert(_ alertID: String, by: String, outcome: String, at now: Date) {
        guard let alert = alerts?[alertID], alert.state != .resolved else { return }
        change(alertID) {
            $0.state = .resolved
            $0.acknowledgedBy = by
            $0.outcome = outcome
            $0.updatedAt = now
        }
        if var row = call {
            row.openAlerts = alerts?.values.count { $0.state == .open } ?? row.openAlerts
            row.updatedAt = now
            call = row
            callChanged = true
        }
    }

    private mutating func change(_ alertID: String, _ body: (inout AlertRecord) -> Void) {
        guard var alert = alerts?[alertID] else { return }
        body(&alert)
        alerts?[alertID] = alert
        noteChanged(alertID)
    }

    private mutating func noteChanged(_ alertID: String) {
        if !changedAlertIDs.contains(alertID) { changedAlertIDs.append(alertID) }
    }

    /// Tier order, coach < supervisor < manager; -1 for none (or a name this build does not know).
    static func rank(_ tier: String?) -> Int {
        guard let tier, let known = Tier(rawValue: tier) else { return -1 }
        return Tier.allCases.firstIndex(of: known)!
    }
}
