import Foundation
import UndertoneEngine
import UndertoneStore

/// Who a follow-up goes to and when it is due.
public struct FollowUpSettings: Sendable, Equatable {
    /// The owner a new follow-up gets until someone claims it (a user, or a role such as `duty-manager`).
    public var owner: String
    /// How long after the escalation it is due.
    public var dueAfter: Duration
    /// How often open follow-ups are checked for being overdue.
    public var overdueSweep: Duration

    public init(owner: String = "duty-manager", dueAfter: Duration = .seconds(86_400), overdueSweep: Duration = .seconds(60)) {
        self.owner = owner
        self.dueAfter = dueAfter
        self.overdueSweep = overdueSweep
    }
}

/// A hand-off on its way to the receiving side, before they pick up: the packet, its compact form and why. Encoded
/// without its packet, which is added as JSON already written (``ShardContext/act(on:outputs:call:result:)`` encodes a
/// packet once for its notice, its follow-up and the follow-up's row).
struct HandoffNotice: Encodable, Equatable {
    static let entryType = "handoff"

    var type = HandoffNotice.entryType
    var callID: String
    var at: Int
    /// Who receives it: `manager` for an escalation, the transfer's target (a queue or an agent) for a transfer.
    var target: String
    var reason: String
    var compact: String

    enum CodingKeys: String, CodingKey {
        case type, callID = "call", at, target, reason, compact
    }

    /// The notice's JSON with `packet`, the packet's JSON.
    func json(packet: String) throws -> String { try SortedJSON.string(self, adding: [("packet", packet)]) }
}

/// A hand-off packet with its JSON, encoded once.
struct EncodedPacket {
    var packet: HandoffPacket
    var json: String

    init(_ packet: HandoffPacket) throws {
        self.packet = packet
        json = try packet.jsonText()
    }
}

extension ShardContext {
    /// The log entry types the server adds beside the engine's outputs.
    static let actionTypes: Set<String> = [HandoffNotice.entryType, FollowUp.entryType]

    /// What a call's new outputs set in motion, written in the same transaction as the event that caused them: a
    /// manager escalation or a transfer sends the hand-off packet to the receiving side before they pick up, and a
    /// manager escalation (or a rule asking for it) makes a follow-up.
    func act(on event: CallEvent, outputs: [EngineOutput], call: LiveCall, result: inout RunResult) throws {
        // The packet is built when something carries it, and once, JSON and all: it reads the whole call, and a long
        // call's packet is tens of kilobytes that its notice, its follow-up and the follow-up's row all hold.
        var built: EncodedPacket??
        func packet() throws -> EncodedPacket? {
            if let built { return built }
            let packet = try HandoffPacket.build(
                events: call.events, outputs: call.outputs, intent: call.analyzer.intent?.intent, link: "/v1/calls/\(call.started.callID)/handoff"
            ).map(EncodedPacket.init)
            built = .some(packet)
            return packet
        }
        for case .decision(let decision) in outputs where decision.kind != .folded {
            let escalated = decision.tier == .manager
            if escalated, let handoff = try packet() {
                let notice = HandoffNotice(
                    callID: decision.callID, at: decision.at, target: "manager", reason: "escalated to a manager: \(decision.rule)",
                    compact: handoff.packet.compact)
                record(try notice.json(packet: handoff.json), type: HandoffNotice.entryType, at: decision.at, call: call, result: &result)
            }
            guard FollowUp.isAsked(by: decision) else { continue }
            let now = Date()
            let due = Double(followUps.dueAfter.components.seconds) + Double(followUps.dueAfter.components.attoseconds) / 1e18
            let handoff = try packet()
            guard var followUp = FollowUp.asked(by: decision, packet: nil, owner: followUps.owner, dueAfter: due, now: now) else { continue }
            let body = try SortedJSON.string(
                TaggedEntry(followUp, type: FollowUp.entryType, at: decision.at), adding: handoff.map { [("packet", $0.json)] } ?? [])
            followUp.packet = handoff?.packet
            result.entries.append(
                LogEntry(
                    callID: decision.callID, kind: .output, type: FollowUp.entryType, at: decision.at, body: body,
                    decoded: .followUp(followUp, packetJSON: handoff?.json)))
            result.feed.append(
                FeedMessage(
                    callID: decision.callID, agentID: call.started.agentID, team: call.started.team, type: FollowUp.entryType,
                    json: try FollowUpView(followUp, now: now, withPacket: false).json()))
        }
        if case .agentAction(let action) = event, action.action == .transfer, let handoff = try packet() {
            let notice = HandoffNotice(
                callID: action.callID, at: action.at, target: action.target ?? "transfer", reason: action.note ?? "transferred",
                compact: handoff.packet.compact)
            record(try notice.json(packet: handoff.json), type: HandoffNotice.entryType, at: action.at, call: call, result: &result)
        }
    }

    private func record(_ json: String, type: String, at: Int, call: LiveCall, result: inout RunResult) {
        result.entries.append(LogEntry(callID: call.started.callID, kind: .output, type: type, at: at, body: json))
        result.feed.append(FeedMessage(callID: call.started.callID, agentID: call.started.agentID, team: call.started.team, type: type, json: json))
    }
}

/// A follow-up as the API and the feed show it: its own fields, `"type": "follow_up"` and whether it is overdue now.
struct FollowUpView: Encodable {
    var followUp: FollowUp
    var overdue: Bool
    var withPacket: Bool

    init(_ followUp: FollowUp, now: Date, withPacket: Bool = true) {
        self.followUp = followUp
        self.overdue = followUp.isOverdue(at: now)
        self.withPacket = withPacket
    }

    private enum Extra: String, CodingKey { case type, overdue }

    func encode(to encoder: any Encoder) throws {
        var shown = followUp
        if !withPacket { shown.packet = nil }
        try shown.encode(to: encoder)
        var container = encoder.container(keyedBy: Extra.self)
        try container.encode(FollowUp.entryType, forKey: .type)
        try container.encode(overdue, forKey: .overdue)
    }

    func json() throws -> String { try SortedJSON.string(self) }
}

/// A log entry body that names its own type and event time, like every engine output's: `"type"` and `"at"` added to
/// the value's own fields (readers of the log, webhook receivers and the dashboard tell entries apart by them).
struct TaggedEntry<Value: Encodable>: Encodable {
    var value: Value
    var type: String
    var at: Int

    init(_ value: Value, type: String, at: Int) {
        self.value = value
        self.type = type
        self.at = at
    }

    private enum Keys: String, CodingKey { case type, at }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(type, forKey: .type)
        try container.encode(at, forKey: .at)
    }

    func json() throws -> String { try SortedJSON.string(self) }
}
