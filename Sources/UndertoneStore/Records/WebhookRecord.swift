import Foundation

/// A webhook subscription: which entry types to send where, signed with which secret, and how far through the log
/// delivery has got.
public struct WebhookRecord: Sendable, Equatable {
    public var id: String
    public var url: String
    /// The HMAC-SHA256 key. Kept in the store because signing needs it; shown once, when the webhook is created.
    public var secret: String
    /// The log entry types delivered (`decision`, `handoff`, `follow_up`, `follow_up_update`, …).
    public var types: [String]
    /// The log position up to which every matching entry has been delivered or given up on.
    public var cursor: Int64
    public var active: Bool
    public var createdAt: Date

    public init(id: String, url: String, secret: String, types: [String], cursor: Int64, active: Bool = true, createdAt: Date) {
        self.id = id
        self.url = url
        self.secret = secret
        self.types = types
        self.cursor = cursor
        self.active = active
        self.createdAt = createdAt
    }
}

/// One attempt to deliver one log entry to one webhook: the delivery log.
public struct WebhookDelivery: Sendable, Equatable, Codable {
    /// Assigned by the store (0 before it is saved).
    public var id: Int64
    public var webhookID: String
    /// The log entry's position: also the delivery's id on the wire, the same on every retry.
    public var position: Int64
    public var callID: String
    public var type: String
    /// 1 for the first try.
    public var attempt: Int
    /// The receiver's HTTP status, if it answered.
    public var status: Int?
    public var error: String?
    /// Whether the receiver took it (2xx).
    public var delivered: Bool
    public var attemptedAt: Date
    public var durationMs: Int

    public init(
        id: Int64 = 0, webhookID: String, position: Int64, callID: String, type: String, attempt: Int, status: Int?, error: String?,
        delivered: Bool, attemptedAt: Date, durationMs: Int
    ) {
        self.id = id
        self.webhookID = webhookID
        self.position = position
        self.callID = callID
        self.type = type
        self.attempt = attempt
        self.status = status
        self.error = error
        self.delivered = delivered
        self.attemptedAt = attemptedAt
        self.durationMs = durationMs
    }
}
