import Foundation
import NIOCore
import UndertoneEngine

/// How `undertone serve` runs: where it listens, where it keeps its log, the policy it applies.
public struct ServerConfiguration: Sendable {
    /// Where the event log lives.
    public enum Database: Sendable, Equatable {
        /// A SQLite file (the default: nothing to install).
        case sqlite(path: String)
        /// A PostgreSQL server, `postgres://user:password@host:port/database`.
        case postgres(url: String)

        /// `postgres://…` or `postgresql://…` names PostgreSQL; anything else is a SQLite file path.
        public init(_ text: String) {
            self = text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") ? .postgres(url: text) : .sqlite(path: text)
        }
    }

    public var host = "127.0.0.1"
    public var port = 8080
    public var database = Database.sqlite(path: "undertone.sqlite")
    /// The escalation policy new calls are analysed with.
    public var policy: Policy
    /// Live calls are spread over this many shards (call id → shard); each shard runs its calls' engines one group at a
    /// time and commits each group's events together. Nil: ``defaultShards`` for the database.
    public var shards: Int?
    /// How long a shard waits for more requests before it runs a small group, when requests are coming in together
    /// (zero: never waits). One transaction then carries more calls' events: fewer commits, wakes and hops per event, for a
    /// few milliseconds more before each answer (docs/performance.md, "commit delay").
    public var commitDelay: Duration = .milliseconds(2)
    /// How long in all a shard may wait while requests keep arriving after the commit delay: a busy node's groups grow
    /// toward it, a quiet one's stop at the commit delay (docs/performance.md). At most `commitDelay`: no longer wait.
    public var maxCommitDelay: Duration = .milliseconds(20)
    /// The largest text message (a JSON event or a batch) accepted, in bytes.
    public var maxMessageBytes = 1 << 20
    /// The largest audio frame accepted over WebSocket, in bytes.
    public var maxAudioFrameBytes = 64 << 10
    /// An admin API key to install on first start (`UNDERTONE_ADMIN_KEY`); when nil and the store has no keys, one is
    /// generated and printed once.
    public var bootstrapAdminKey: String?
    /// Transcripts of calls that ended longer ago than this are blanked (nil: kept forever), at start and then every
    /// `retentionSweep`.
    public var retentionDays: Int?
    public var retentionSweep: Duration = .seconds(3_600)
    /// A live call with no event for this long leaves memory (its state stays in the log and is rebuilt if it goes
    /// on); nil keeps calls in memory until they end.
    public var idleCallEviction: Duration? = .seconds(1_800)
    /// Personal data (cards, SSNs, phone numbers, e-mail addresses, dates of birth, account numbers) is removed from
    /// transcripts before they are analysed, stored or published. Turning it off keeps originals: only for test data.
    public var redactPersonalData = true
    /// The key customer ids that are personal data (phone numbers, addresses) are pseudonymised under
    /// (`UNDERTONE_PSEUDONYM_KEY`); when nil, one is made on first start and kept with the log.
    public var pseudonymKey: String?
    /// Who follow-ups go to, when they are due, how often overdue ones are looked for.
    public var followUps = FollowUpSettings()
    /// How webhooks are delivered: retries and backoff.
    public var webhooks = WebhookSettings()
    /// A folder of Markdown articles suggested to agents as calls go on (docs/guidance.md); the sample shipped with the
    /// engine by default, nil for none (coaching hints are given all the same).
    public var knowledgeBase: String? = KnowledgeBase.sampleDirectory?.path
    /// How calls' audio is cut into utterances and queued for the transcriber (when `ServerContext` is given one).
    public var speech = SpeechSettings()
    /// The Asterisk AudioSocket listener (TCP), when one is wanted.
    public var audioSocket: AudioSocketSettings?

    /// How often open alerts are checked against their tier's acknowledgement time, so that they climb on time on calls
    /// that have gone quiet (docs/nodes.md).
    public var climbSweep: Duration = .seconds(1)
    /// How often the Server-Sent Events feed writes a comment when nothing else happens: proxies keep the connection
    /// open, and a client that has left is noticed by the write failing.
    public var feedHeartbeat: Duration = .seconds(15)
    /// The IP addresses of reverse proxies whose `X-Forwarded-Proto` is believed (none by default: a client could send it).
    public var trustedProxies: [String] = []
    /// How long and how large a connection's first request head may be, and how long an idle connection stays open.
    public var connectionLimits = ConnectionLimits()
    /// How often open streams are checked against revocations made on other nodes.
    public var revocationSweep: Duration = .seconds(5)

    public init(policy: Policy) {
        self.policy = policy
    }
}

extension ServerConfiguration {
    /// The shards when none are set. On SQLite, one per processor the server may run on: its commits go through one
    /// writer thread whatever the shards, and a shard more than there are processors runs nothing in parallel, only
    /// cuts the groups (and their commits) smaller. On PostgreSQL, at least eight: a commit there is a round trip to
    /// another process, and more shards keep more transactions in flight (docs/performance.md).
    public var defaultShards: Int {
        switch database {
        case .sqlite: Self.usableProcessors
        case .postgres: max(8, Self.usableProcessors)
        }
    }

    /// Sizes NIO's shared event-loop group (the HTTP and WebSocket connections' threads) to the processors the process
    /// may run on, as the shards are. NIO counts a container's cgroup limits but not the CPU affinity (`taskset`,
    /// `numactl`): pinned to one core of two, `serve` ran two event-loop threads that could only take turns on it. An
    /// operator's `NIO_SINGLETON_GROUP_LOOP_COUNT` still decides. Call it once, first thing: NIO reads the count when its
    /// group is first used.
    public static func fitEventLoopsToProcessors(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard environment["NIO_SINGLETON_GROUP_LOOP_COUNT"] == nil else { return }
        NIOSingletons.groupLoopCountSuggestion = usableProcessors
    }

    /// The processors this process may run on: its CPU affinity (`taskset`, a container's cpuset) as Linux reports it in
    /// `/proc/self/status`, else the processors online.
    public static let usableProcessors: Int = {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") })
        {
            // A hexadecimal mask in comma-separated words: one bit a processor.
            let count = line.dropFirst("Cpus_allowed:".count).reduce(0) { count, character in
                count + (character.hexDigitValue?.nonzeroBitCount ?? 0)
            }
            if count > 0 { return count }
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()
}
