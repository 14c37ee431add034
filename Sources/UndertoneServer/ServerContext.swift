import Foundation
import HTTPTypes
import Logging
import Synchronization
import UndertoneEngine
import UndertoneStore

/// Everything the routes share: the store, the live calls, the feed, keys, metrics and the policy.
public struct ServerContext: Sendable {
    public let configuration: ServerConfiguration
    public let store: any EventStore
    public let shards: CallShards
    public let feed: LiveFeed
    public let keys: KeyRing
    public let metrics: ServerMetrics
    public let policy: PolicyHolder
    public let logger: Logger
    /// With a PostgreSQL store: the feed relayed to and from the other nodes sharing it (LISTEN/NOTIFY).
    public let cluster: ClusterFeed?
    /// What reads calls' intents: the shipped model, or the one `serve --intents FILE` loaded.
    public let intentModel: IntentModel?
    /// Set once migrations and the first key are in place; `/readyz` answers 200 from then on.
    public let readiness = Readiness()
    /// What the platforms' own transcripts (Contact Lens, Twilio Real-Time Transcription) need between their callbacks.
    public let platformTranscripts = PlatformTranscripts()
    /// AudioSocket legs registered ahead of their connection, and the listener once the application runs it.
    public let audioSocketLegs = AudioSocketLegs()
    public let audioSocket = AudioSocketHandle()
    /// Long-lived connections by the key that opened them: revoking the key ends them.
    public let connections = OpenConnections()
    /// Customer ids that are personal data become pseudonyms (with redaction on).
    public let pseudonyms = CustomerPseudonyms()

    /// `intentModel` reads each call's intent (default: the shipped contact-centre model).
    /// `knowledgeBase` is the configuration's folder already loaded (`undertone serve` loads it first, to refuse a bad
    /// folder with a clear error); when nil the folder is loaded here, and one that cannot be is logged and left out.
    public init(
        configuration: ServerConfiguration, policyYAML: String, store: any EventStore, textModel: TextModel, logger: Logger,
        knowledgeBase: KnowledgeBase? = nil, intentModel: IntentModel? = nil, transcriber: (any Transcriber)? = nil
    ) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
        let feed = LiveFeed()
        let metrics = ServerMetrics()
        let policy = PolicyHolder(policy: configuration.policy, yaml: policyYAML)
        self.feed = feed
        self.metrics = metrics
        self.policy = policy
        keys = KeyRing(store: store)
        let cluster = (store as? PostgresEventStore).map { ClusterFeed(store: $0, feed: feed, logger: logger) }
        self.cluster = cluster
        let announce: (@Sendable ([Int64]) -> Void)? =
            if let cluster {
                { positions in cluster.announce(positions) }
            } else {
                nil
            }
        shards = CallShards(
            count: configuration.shards ?? configuration.defaultShards, commitDelay: configuration.commitDelay,
            maxCommitDelay: configuration.maxCommitDelay, store: store,
            policy: { policy.policy }, textModel: textModel,
            redactor: configuration.redactPersonalData ? Redactor() : nil, pseudonyms: configuration.redactPersonalData ? pseudonyms : nil,
            feed: feed,
            metrics: metrics,
            logger: logger, idleEviction: configuration.idleCallEviction, followUps: configuration.followUps, announce: announce,
            knowledgeBase: knowledgeBase ?? Self.loadKnowledge(configuration.knowledgeBase, logger: logger),
            intentModel: intentModel ?? (try? IntentModel.default),
            speech: transcriber.map { CallTranscription(transcriber: $0, settings: configuration.speech, metrics: metrics, logger: logger) })
        self.intentModel = intentModel ?? (try? IntentModel.default)
    }

    /// Tells the other nodes sharing a PostgreSQL log about entries appended outside the shards (follow-up changes,
    /// overdue alerts), so that their feeds show them too; nothing to do on one node.
    func announce(_ logged: [LoggedEntry]) {
        cluster?.announce(logged.map(\.position))
    }

    /// The knowledge base in a folder (the shipped sample is loaded once per process), or nil, logged, when it cannot be read.
    static func loadKnowledge(_ path: String?, logger: Logger) -> KnowledgeBase? {
        guard let path else { return nil }
        do {
            if path == KnowledgeBase.sampleDirectory?.path { return try KnowledgeBase.sample }
            return try KnowledgeBase(directory: URL(fileURLWithPath: path))
        } catch {
            logger.error("Knowledge base not loaded: calls get hints without articles", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Ingest waits for the store's migrations: until then it is refused with 503 (clients retry), never half-done.
    func requireReady() throws {
        guard readiness.isReady else { throw Problem(.serviceUnavailable, "the server is starting (migrating its store); retry shortly") }
    }

    /// Records an audit line; a failure to audit is logged, never hidden.
    func audit(_ principal: Principal, _ action: String, target: String, detail: String = "") async throws {
        try await store.audit(AuditRecord(at: .now, actor: principal.keyID, action: action, target: target, detail: detail))
    }
}

/// Whether the server has finished starting.
public final class Readiness: Sendable {
    private let ready = Mutex(false)

    public var isReady: Bool { ready.withLock { $0 } }

    func markReady() {
        ready.withLock { $0 = true }
    }
}
