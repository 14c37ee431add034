import Foundation
import ServiceLifecycle
import UndertoneEngine

/// Where every accepted event and every engine output is kept: an append-only log, with projections (calls, alerts,
/// follow-ups) updated in the same transaction as the append. Two implementations: `SQLiteEventStore` (a file, the
/// default) and `PostgresEventStore`. One contract test suite runs against both.
///
/// A store is a `Service`: `run()` keeps its connections (PostgreSQL's client pool) alive until graceful shutdown or
/// cancellation, then closes them. Every other method may be called while `run()` is running.
public protocol EventStore: Service {
    /// Brings the schema up to the newest migration. Safe to call on every start.
    func migrate() async throws

    /// Appends entries atomically and in order, updating the projections in the same transaction; returns them as logged.
    ///
    /// Client sequence numbers run 1, 2, 3, … per call, without gaps or repeats. The numbers an append accepts are those
    /// of its event entries (`clientSequence`) and its `marks` (numbers accepted with no entry of their own: an audio
    /// frame is analysed, not logged). Per call, together, they must continue the call's last number one by one; any
    /// other number — a gap, or one already stored — refuses the whole append with `EventStoreError.clientSequence` and
    /// nothing is written. Deciding what is a client's resend is the caller's part, before appending; the store makes
    /// sure that a number it acknowledges is one it holds, and that none is skipped.
    ///
    /// `expectingHeads` names calls whose log the writer believes ends at a given `callSequence` (0: no entry yet): when
    /// another writer has appended to one of them since, nothing is appended and `EventStoreError.callsMoved` names
    /// them (a node whose state of a call is older than the log must catch up before it writes; docs/nodes.md). Only the
    /// calls this append writes to (an entry or a mark) are checked.
    func append(_ entries: [LogEntry], marks: [ClientSequenceMark], expectingHeads: [String: Int]) async throws -> [LoggedEntry]

    /// One call's log in order, after `callSequence` (0 for the whole call), at most `limit` entries.
    func entries(call callID: String, after callSequence: Int, limit: Int) async throws -> [LoggedEntry]

    /// The whole log in order after a global `position` (0 for the start), at most `limit` entries.
    func entries(after position: Int64, limit: Int) async throws -> [LoggedEntry]

    /// Where a call's log ends, or nil when the log has nothing of the call (no entry, no accepted number).
    func logHead(call callID: String) async throws -> LogHead?

    /// Projections.
    func call(_ callID: String) async throws -> CallRecord?
    func calls(_ filter: CallFilter) async throws -> [CallRecord]
    func alert(_ alertID: String) async throws -> AlertRecord?
    func alerts(_ filter: AlertFilter) async throws -> [AlertRecord]
    /// Open alerts on live calls that are due to climb at `now` (the climb timer's sweep, one query however many calls):
    /// an alert is due when its call's clock — the call's latest event time plus the wall-clock time since the store
    /// recorded it — has reached its raising time plus its tier's acknowledgement time (`limits`, tier → milliseconds;
    /// tiers not named never are). At most `limit`, by call id then alert id.
    func dueAlerts(limits: [String: Int], now: Date, limit: Int) async throws -> [DueAlert]

    /// Follow-ups, projected from `follow_up` and `follow_up_update` log entries.
    func followUp(_ id: String) async throws -> FollowUpRecord?
    func followUps(_ filter: FollowUpFilter) async throws -> [FollowUpRecord]

    /// The highest position in the log (0 when empty).
    func lastPosition() async throws -> Int64

    /// Webhooks: subscriptions (saved or replaced by id), their delivery cursors and the delivery log.
    func saveWebhook(_ webhook: WebhookRecord) async throws
    func webhooks() async throws -> [WebhookRecord]
    /// Moves a webhook's cursor forward (never back).
    func moveWebhookCursor(id: String, to position: Int64) async throws
    /// Takes or renews the lease called `name` for `owner` until `until`: granted when nobody holds it (it is made the
    /// first time it is asked for), when `owner` already does, or when the holder's lease ended before `now`. Returns
    /// whether `owner` holds it now. Nodes sharing one log use it so that one node at a time delivers a webhook
    /// (`webhook:ID`) or raises a follow-up's overdue alert (`follow-up-overdue:ID`).
    func lease(_ name: String, owner: String, until: Date, now: Date) async throws -> Bool
    func recordDelivery(_ delivery: WebhookDelivery) async throws
    /// A webhook's deliveries, newest first.
    func deliveries(webhook id: String, limit: Int) async throws -> [WebhookDelivery]

    /// API keys: only the SHA-256 hash of the secret is stored.
    func saveAPIKey(_ key: APIKeyRecord) async throws
    func apiKey(hash: String) async throws -> APIKeyRecord?
    func apiKeys() async throws -> [APIKeyRecord]
    func revokeAPIKey(id: String) async throws

    /// Browser sessions: only the SHA-256 hash of the session id is stored.
    func saveSession(_ session: SessionRecord) async throws
    /// The session with this hash and its key, ended, expired or revoked or not (the caller checks).
    func session(hash: String) async throws -> (session: SessionRecord, key: APIKeyRecord)?
    /// Ends a session (signing out); nothing happens for an unknown hash.
    func endSession(hash: String) async throws

    /// The server's own settings kept with the log (the customer pseudonym key when none is configured): saves `value`
    /// under `name` unless a value is there already, and returns the one stored (so that nodes racing agree).
    func setting(_ name: String, initially value: String) async throws -> String

    /// The audit log: every read of a transcript and every policy or key change.
    func audit(_ record: AuditRecord) async throws
    func auditLog(after id: Int64, limit: Int) async throws -> [AuditRecord]

    /// Retention: blanks the words of calls that ended before `date`: every turn's text, and every word of the call that
    /// signals, decisions, hand-offs and follow-ups quote (`TranscriptPurge`), in the log and in the follow-ups' packets.
    /// Returns how many log entries were changed.
    func purgeTranscripts(endedBefore date: Date) async throws -> Int
}

extension EventStore {
    /// The highest client sequence number accepted for a call (every number up to it is accepted), or nil when none.
    public func lastClientSequence(call callID: String) async throws -> Int? {
        let last = try await logHead(call: callID)?.clientSequence ?? 0
        return last > 0 ? last : nil
    }

    /// Appends entries that accept no client sequence number without an entry, expecting no call's log to end anywhere
    /// in particular (`append(_:marks:expectingHeads:)`).
    public func append(_ entries: [LogEntry]) async throws -> [LoggedEntry] {
        try await append(entries, marks: [], expectingHeads: [:])
    }

    /// Appends without expecting any call's log to end anywhere in particular.
    public func append(_ entries: [LogEntry], marks: [ClientSequenceMark]) async throws -> [LoggedEntry] {
        try await append(entries, marks: marks, expectingHeads: [:])
    }

    /// Appends entries that accept no client sequence number without an entry.
    public func append(_ entries: [LogEntry], expectingHeads: [String: Int]) async throws -> [LoggedEntry] {
        try await append(entries, marks: [], expectingHeads: expectingHeads)
    }
}

/// A client sequence number accepted by an append without an entry of its own: an audio frame is analysed, not logged
/// (DESIGN.md), yet its number is kept so that a client resuming after a restart is told the frame was taken.
public struct ClientSequenceMark: Sendable, Equatable {
    public var callID: String
    public var clientSequence: Int

    public init(callID: String, clientSequence: Int) {
        self.callID = callID
        self.clientSequence = clientSequence
    }
}

/// What a log entry holds.
public enum LogEntryKind: String, Sendable, Codable, CaseIterable {
    /// A `CallEvent` accepted from outside.
    case event
    /// An `EngineOutput` the engine produced.
    case output
}

/// An entry to append.
public struct LogEntry: Sendable, Equatable {
    public var callID: String
    public var kind: LogEntryKind
    /// The event's or output's wire type (`turn`, `call_started`, `signal`, `decision`, …).
    public var type: String
    /// Event time: milliseconds since the call started.
    public var at: Int
    /// The event's or output's JSON (one line, already redacted).
    public var body: String
    /// The ingest client's sequence number, for events that came with one (resume and de-duplication).
    public var clientSequence: Int?
    /// The body as the engine's own value, when the writer has it at hand (the server's shards do): the store's
    /// projections read it instead of decoding the JSON they were just given. It must be what `body` says. Not stored,
    /// and not compared: an entry read back from the log has none.
    public var decoded: ProjectedEntry?

    public init(
        callID: String, kind: LogEntryKind, type: String, at: Int, body: String, clientSequence: Int? = nil, decoded: ProjectedEntry? = nil
    ) {
        self.callID = callID
        self.kind = kind
        self.type = type
        self.at = at
        self.body = body
        self.clientSequence = clientSequence
        self.decoded = decoded
    }

    /// Equal when what is stored is equal (`decoded` aside).
    public static func == (lhs: LogEntry, rhs: LogEntry) -> Bool {
        lhs.callID == rhs.callID && lhs.kind == rhs.kind && lhs.type == rhs.type && lhs.at == rhs.at && lhs.body == rhs.body
            && lhs.clientSequence == rhs.clientSequence
    }
}

/// An entry in the log.
public struct LoggedEntry: Sendable, Equatable {
    /// Global order of the log (strictly increasing, gaps allowed).
    public var position: Int64
    /// Order within the call: 1, 2, 3, … without gaps.
    public var callSequence: Int
    /// Wall-clock time the store accepted it.
    public var recordedAt: Date
    public var entry: LogEntry

    public init(position: Int64, callSequence: Int, recordedAt: Date, entry: LogEntry) {
        self.position = position
        self.callSequence = callSequence
        self.recordedAt = recordedAt
        self.entry = entry
    }
}

/// A call, as the log tells it so far.
public struct CallRecord: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case live, ended }

    public var callID: String
    public var status: Status
    public var channel: String
    public var customerID: String
    public var queue: String
    public var language: String
    public var industry: String?
    public var agentID: String?
    public var team: String?
    /// Wall-clock time of the first entry.
    public var startedAt: Date
    /// Wall-clock time of the latest entry.
    public var updatedAt: Date
    /// Event time of the latest event (ms since the call started).
    public var lastAt: Int
    public var endedAt: Date?
    public var disposition: String?
    public var survey: Int?
    /// Final customer turns so far.
    public var customerTurns: Int
    /// The latest customer reading: stress and smoothed stress.
    public var stress: Double
    public var smoothedStress: Double
    public var peakStress: Double
    /// The highest tier any decision reached (`coach`, `supervisor`, `manager`), or nil.
    public var highestTier: String?
    public var openAlerts: Int

    public init(
        callID: String, status: Status, channel: String, customerID: String, queue: String, language: String, industry: String?,
        agentID: String?, team: String?, startedAt: Date, updatedAt: Date, lastAt: Int, endedAt: Date?, disposition: String?, survey: Int?,
        customerTurns: Int, stress: Double, smoothedStress: Double, peakStress: Double, highestTier: String?, openAlerts: Int
    ) {
        self.callID = callID
        self.status = status
        self.channel = channel
        self.customerID = customerID
        self.queue = queue
        self.language = language
        self.industry = industry
        self.agentID = agentID
        self.team = team
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.lastAt = lastAt
        self.endedAt = endedAt
        self.disposition = disposition
        self.survey = survey
        self.customerTurns = customerTurns
        self.stress = stress
        self.smoothedStress = smoothedStress
        self.peakStress = peakStress
        self.highestTier = highestTier
        self.openAlerts = openAlerts
    }
}

/// Which calls to list. Nil fields do not filter.
public struct CallFilter: Sendable, Equatable {
    public var status: CallRecord.Status?
    public var agentID: String?
    public var team: String?
    public var queue: String?
    public var startedAfter: Date?
    public var startedBefore: Date?
    public var limit: Int

    public init(
        status: CallRecord.Status? = nil, agentID: String? = nil, team: String? = nil, queue: String? = nil, startedAfter: Date? = nil,
        startedBefore: Date? = nil, limit: Int = 500
    ) {
        self.status = status
        self.agentID = agentID
        self.team = team
        self.queue = queue
        self.startedAfter = startedAfter
        self.startedBefore = startedBefore
        self.limit = limit
    }
}

/// An alert, as the log tells it so far.
public struct AlertRecord: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable { case open, acknowledged, resolved }

    public var alertID: String
    public var callID: String
    /// The call's agent and team (copied from the call, for role filtering).
    public var agentID: String?
    public var team: String?
    public var tier: String
    public var rule: String
    public var state: State
    /// Event time it was raised (ms since the call started) and the wall-clock time the store saw it.
    public var raisedAt: Int
    public var raisedWallTime: Date
    public var updatedAt: Date
    /// The raising decision's JSON (reasons, guidance, responses, utterances).
    public var decision: String
    /// Decisions folded into it since.
    public var folded: Int
    /// Who acknowledged or resolved it, and how (`acknowledged`, `useful`, `dismissed`, `resolved`).
    public var acknowledgedBy: String?
    public var outcome: String?

    public init(
        alertID: String, callID: String, agentID: String?, team: String?, tier: String, rule: String, state: State, raisedAt: Int,
        raisedWallTime: Date, updatedAt: Date, decision: String, folded: Int, acknowledgedBy: String?, outcome: String?
    ) {
        self.alertID = alertID
        self.callID = callID
        self.agentID = agentID
        self.team = team
        self.tier = tier
        self.rule = rule
        self.state = state
        self.raisedAt = raisedAt
        self.raisedWallTime = raisedWallTime
        self.updatedAt = updatedAt
        self.decision = decision
        self.folded = folded
        self.acknowledgedBy = acknowledgedBy
        self.outcome = outcome
    }
}

/// Which alerts to list. Nil fields do not filter.
public struct AlertFilter: Sendable, Equatable {
    public var callID: String?
    public var state: AlertRecord.State?
    public var agentID: String?
    public var team: String?
    public var limit: Int

    public init(callID: String? = nil, state: AlertRecord.State? = nil, agentID: String? = nil, team: String? = nil, limit: Int = 500) {
        self.callID = callID
        self.state = state
        self.agentID = agentID
        self.team = team
        self.limit = limit
    }
}

/// Where a call's log ends: its last `callSequence` and the highest client sequence number it accepted (0: none).
public struct LogHead: Sendable, Equatable {
    public var callSequence: Int
    public var clientSequence: Int

    public init(callSequence: Int, clientSequence: Int) {
        self.callSequence = callSequence
        self.clientSequence = clientSequence
    }
}

/// An open alert whose tier's acknowledgement time has passed on its call's clock (`EventStore.dueAlerts`).
public struct DueAlert: Sendable, Equatable {
    public var alertID: String
    public var callID: String
    /// The call's clock now: its latest event time plus the wall-clock milliseconds since the store recorded it.
    public var callAt: Int

    public init(alertID: String, callID: String, callAt: Int) {
        self.alertID = alertID
        self.callID = callID
        self.callAt = callAt
    }
}

/// Who may do what.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Their own calls (`subject` is the agent id).
    case agent
    /// Their team's calls (`subject` is the team).
    case supervisor
    /// Everything: configuration, policies, keys.
    case admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An API key. The secret itself is never stored, only its SHA-256 hash (hex).
public struct APIKeyRecord: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var role: Role
    /// The agent id (agent) or team (supervisor) the key is scoped to; nil for admin.
    public var subject: String?
    public var hash: String
    public var createdAt: Date
    public var revoked: Bool

    public init(id: String, name: String, role: Role, subject: String?, hash: String, createdAt: Date, revoked: Bool = false) {
        self.id = id
        self.name = name
        self.role = role
        self.subject = subject
        self.hash = hash
        self.createdAt = createdAt
        self.revoked = revoked
    }
}

/// A browser session: what the dashboard's cookie names, instead of the API key itself, so that signing out ends it. The
/// session id is shown once, in the cookie; the store keeps its SHA-256.
public struct SessionRecord: Sendable, Equatable {
    public var hash: String
    /// The API key it signed in with: revoking the key ends the session too.
    public var keyID: String
    public var createdAt: Date
    public var expiresAt: Date
    public var ended: Bool

    public init(hash: String, keyID: String, createdAt: Date, expiresAt: Date, ended: Bool = false) {
        self.hash = hash
        self.keyID = keyID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.ended = ended
    }
}

/// One line of the audit log.
public struct AuditRecord: Sendable, Equatable, Codable {
    /// Assigned by the store (0 before it is saved).
    public var id: Int64
    public var at: Date
    /// The API key id that acted (or `system`).
    public var actor: String
    /// What was done: `transcript.read`, `policy.change`, `key.create`, `key.revoke`, …
    public var action: String
    /// What it was done to (a call id, a policy name, a key id).
    public var target: String
    public var detail: String

    public init(id: Int64 = 0, at: Date, actor: String, action: String, target: String, detail: String = "") {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}
