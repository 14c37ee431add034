import Foundation

/// Where a follow-up stands: open until someone closes it as done or failed, with an outcome.
public enum FollowUpState: String, CaseIterable, Codable, Sendable, Hashable {
    case open, done, failed
}

/// A check-back task: made for every escalation to a manager (and for any rule whose responses ask for one), with an
/// owner, a due time and the hand-off packet, so that someone calls the customer back with the whole story.
///
/// It lives in the event log like everything else: the `follow_up` entry creates it, `follow_up_update` entries
/// (`FollowUpChange`) claim, close or mark it overdue, and the store projects them into its `follow_ups` table.
public struct FollowUp: Sendable, Equatable, Codable {
    /// The wire type of the entry that creates one.
    public static let entryType = "follow_up"

    public var id: String
    public var callID: String
    /// The alert whose escalation made it, if any.
    public var alertID: String?
    /// Why it exists, in words: "escalated to a manager: repeated-anger".
    public var reason: String
    /// Who is to do it (a user, or a role such as `duty-manager`); claiming changes it.
    public var owner: String?
    public var due: Date
    public var state: FollowUpState
    /// What came of it, once closed.
    public var outcome: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// The alert raised when it went past its due time while still open.
    public var overdueAlertID: String?
    /// The call as it stood when the follow-up was made.
    public var packet: HandoffPacket?

    public init(
        id: String, callID: String, alertID: String? = nil, reason: String, owner: String? = nil, due: Date, state: FollowUpState = .open,
        outcome: String? = nil, createdAt: Date, updatedAt: Date? = nil, overdueAlertID: String? = nil, packet: HandoffPacket? = nil
    ) {
        self.id = id
        self.callID = callID
        self.alertID = alertID
        self.reason = reason
        self.owner = owner
        self.due = due
        self.state = state
        self.outcome = outcome
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.overdueAlertID = overdueAlertID
        self.packet = packet
    }

    /// Whether a decision asks for a follow-up: a manager escalation, or a rule whose responses include one (a folded
    /// decision never does).
    public static func isAsked(by decision: Decision) -> Bool {
        decision.kind != .folded && (decision.tier == .manager || decision.responses.contains(.followUp))
    }

    /// The follow-up a decision asks for, or nil: a raise or climb to the manager tier, or any raise whose rule lists the
    /// `follow_up` response. Its id is derived from the alert's, so the same decision never makes two.
    public static func asked(
        by decision: Decision, packet: HandoffPacket?, owner: String?, dueAfter: TimeInterval, now: Date
    ) -> FollowUp? {
        guard isAsked(by: decision) else { return nil }
        let escalated = decision.tier == .manager
        let reason = escalated ? "escalated to a manager: \(decision.rule)" : "rule \(decision.rule) asks for a follow-up"
        return FollowUp(
            id: "fu-\(decision.alertID)", callID: decision.callID, alertID: decision.alertID, reason: reason, owner: owner,
            due: now.addingTimeInterval(dueAfter), createdAt: now, packet: packet)
    }

    /// Open and past its due time.
    public func isOverdue(at now: Date) -> Bool { state == .open && due < now }

    /// The follow-up after a change, or why the change cannot be made.
    public func applying(_ change: FollowUpChange) throws(FollowUpError) -> FollowUp {
        guard change.id == id else { throw .wrongFollowUp(expected: id, got: change.id) }
        var next = self
        next.updatedAt = change.changedAt
        switch change.action {
        case .claim:
            guard state == .open else { throw .closed(id: id, state: state) }
            guard let owner = change.owner, !owner.isEmpty else { throw .invalid("a claim needs an owner") }
            next.owner = owner
        case .close:
            guard state == .open else { throw .closed(id: id, state: state) }
            guard let closed = change.state, closed != .open else { throw .invalid("state must be done or failed") }
            next.state = closed
            next.outcome = change.outcome
        case .overdue:
            guard state == .open else { throw .closed(id: id, state: state) }
            guard overdueAlertID == nil else { throw .invalid("follow-up \"\(id)\" is already marked overdue") }
            next.overdueAlertID = change.overdueAlertID
        }
        return next
    }

    private enum CodingKeys: String, CodingKey {
        case id, callID = "call", alertID = "alert", reason, owner, due, state, outcome, createdAt, updatedAt, overdueAlertID = "overdueAlert"
        case packet
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        callID = try container.decode(String.self, forKey: .callID)
        alertID = try container.decodeIfPresent(String.self, forKey: .alertID)
        reason = try container.decode(String.self, forKey: .reason)
        owner = try container.decodeIfPresent(String.self, forKey: .owner)
        due = try container.decode(ISODate.self, forKey: .due).date
        state = try container.decode(FollowUpState.self, forKey: .state)
        outcome = try container.decodeIfPresent(String.self, forKey: .outcome)
        createdAt = try container.decode(ISODate.self, forKey: .createdAt).date
        updatedAt = try container.decode(ISODate.self, forKey: .updatedAt).date
        overdueAlertID = try container.decodeIfPresent(String.self, forKey: .overdueAlertID)
        packet = try container.decodeIfPresent(HandoffPacket.self, forKey: .packet)
    }

    /// Dates are ISO 8601 with milliseconds, whatever the encoder's date strategy.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(callID, forKey: .callID)
        try container.encodeIfPresent(alertID, forKey: .alertID)
        try container.encode(reason, forKey: .reason)
        try container.encode(owner, forKey: .owner)
        try container.encode(ISODate(due), forKey: .due)
        try container.encode(state, forKey: .state)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(ISODate(createdAt), forKey: .createdAt)
        try container.encode(ISODate(updatedAt), forKey: .updatedAt)
        try container.encodeIfPresent(overdueAlertID, forKey: .overdueAlertID)
        try container.encodeIfPresent(packet, forKey: .packet)
    }
}

/// Why a follow-up change was refused.
public enum FollowUpError: Error, Equatable, CustomStringConvertible {
    case closed(id: String, state: FollowUpState)
    case invalid(String)
    case wrongFollowUp(expected: String, got: String)

    public var description: String {
        switch self {
        case .closed(let id, let state): "follow-up \"\(id)\" is already \(state.rawValue)"
        case .invalid(let reason): reason
        case .wrongFollowUp(let expected, let got): "change for follow-up \"\(got)\" applied to \"\(expected)\""
        }
    }
}
