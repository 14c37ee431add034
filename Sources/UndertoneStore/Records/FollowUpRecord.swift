import Foundation
import UndertoneEngine

/// A follow-up as the store keeps it: the task itself, with its call's agent and team for role filtering.
public struct FollowUpRecord: Sendable, Equatable {
    public var followUp: FollowUp
    public var agentID: String?
    public var team: String?
    /// The packet's JSON when the writer has it already (it encoded the packet once for the log): what the packet
    /// column gets when the follow-up is first saved. A follow-up's packet never changes after that (a change to a
    /// follow-up leaves the column as it is), so this is not compared.
    let encodedPacket: String?

    public init(followUp: FollowUp, agentID: String?, team: String?, packetJSON: String? = nil) {
        self.followUp = followUp
        self.agentID = agentID
        self.team = team
        self.encodedPacket = packetJSON
    }

    public static func == (lhs: FollowUpRecord, rhs: FollowUpRecord) -> Bool {
        lhs.followUp == rhs.followUp && lhs.agentID == rhs.agentID && lhs.team == rhs.team
    }

    /// The packet column: the packet's JSON, or `null`.
    var packetJSON: String {
        if let encodedPacket { return encodedPacket }
        guard let packet = followUp.packet, let json = try? packet.jsonText() else { return "null" }
        return json
    }

    static func packet(from json: String) -> HandoffPacket? {
        try? JSONDecoder().decode(HandoffPacket.self, from: Data(json.utf8))
    }
}

/// Which follow-ups to list. Nil fields do not filter.
public struct FollowUpFilter: Sendable, Equatable {
    public var state: FollowUpState?
    public var owner: String?
    public var callID: String?
    public var agentID: String?
    public var team: String?
    /// Only open ones due before this time.
    public var dueBefore: Date?
    public var limit: Int

    public init(
        state: FollowUpState? = nil, owner: String? = nil, callID: String? = nil, agentID: String? = nil, team: String? = nil,
        dueBefore: Date? = nil, limit: Int = 500
    ) {
        self.state = state
        self.owner = owner
        self.callID = callID
        self.agentID = agentID
        self.team = team
        self.dueBefore = dueBefore
        self.limit = limit
    }
}
