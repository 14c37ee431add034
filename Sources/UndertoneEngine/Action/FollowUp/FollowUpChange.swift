import Foundation

/// One change to a follow-up, as the log keeps it (entry type `follow_up_update`).
public struct FollowUpChange: Sendable, Equatable, Codable {
    /// The wire type of the entry.
    public static let entryType = "follow_up_update"

    public enum Action: String, CaseIterable, Codable, Sendable {
        /// Someone takes it on: `owner` becomes theirs.
        case claim
        /// Done or failed (`state`), with an `outcome`.
        case close
        /// It went past its due time while open; `overdueAlertID` names the alert raised for it.
        case overdue
    }

    public var id: String
    public var callID: String
    public var action: Action
    /// Who made the change (an API key's subject or name, or `system`).
    public var by: String
    public var owner: String?
    public var state: FollowUpState?
    public var outcome: String?
    public var overdueAlertID: String?
    public var changedAt: Date

    public init(
        id: String, callID: String, action: Action, by: String, owner: String? = nil, state: FollowUpState? = nil, outcome: String? = nil,
        overdueAlertID: String? = nil, changedAt: Date
    ) {
        self.id = id
        self.callID = callID
        self.action = action
        self.by = by
        self.owner = owner
        self.state = state
        self.outcome = outcome
        self.overdueAlertID = overdueAlertID
        self.changedAt = changedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, callID = "call", action, by, owner, state, outcome, overdueAlertID = "overdueAlert", changedAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        callID = try container.decode(String.self, forKey: .callID)
        action = try container.decode(Action.self, forKey: .action)
        by = try container.decode(String.self, forKey: .by)
        owner = try container.decodeIfPresent(String.self, forKey: .owner)
        state = try container.decodeIfPresent(FollowUpState.self, forKey: .state)
        outcome = try container.decodeIfPresent(String.self, forKey: .outcome)
        overdueAlertID = try container.decodeIfPresent(String.self, forKey: .overdueAlertID)
        changedAt = try container.decode(ISODate.self, forKey: .changedAt).date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(callID, forKey: .callID)
        try container.encode(action, forKey: .action)
        try container.encode(by, forKey: .by)
        try container.encodeIfPresent(owner, forKey: .owner)
        try container.encodeIfPresent(state, forKey: .state)
        try container.encodeIfPresent(outcome, forKey: .outcome)
        try container.encodeIfPresent(overdueAlertID, forKey: .overdueAlertID)
        try container.encode(ISODate(changedAt), forKey: .changedAt)
    }
}

/// A wall-clock time written as ISO 8601 with milliseconds (`2026-11-23T10:00:00.000Z`), whatever the coder's date
/// strategy; reads it with or without the fraction.
public struct ISODate: Sendable, Equatable, Codable {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = Self.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 time: \"\(text)\""))
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.format(date))
    }

    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    public static func parse(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date(text, strategy: .iso8601))
    }
}
