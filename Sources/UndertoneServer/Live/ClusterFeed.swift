import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization
import UndertoneEngine
import UndertoneStore

/// Carries the live feed across nodes that share one PostgreSQL event log (DESIGN.md, "Scaling past one machine").
///
/// After a shard's append, the node announces the log positions it wrote with `pg_notify` on the store's channel:
/// `NODE a-b,c,…` (ranges of positions, split to stay under PostgreSQL's 8,000-byte payload). Every other node
/// listening on the channel reads those entries back from the log and publishes them to its own subscribers, with the
/// same role filtering as local ones. The payload names positions, not content: transcripts and outputs stay in the
/// log, and a notification can never be too big for what it describes.
public final class ClusterFeed: Service, Sendable {
    public let nodeID: String
    let store: PostgresEventStore
    let feed: LiveFeed
    let logger: Logger
    /// The channel: one per store schema, so stores sharing a database do not hear each other.
    let channel: String
    private let outbox: (stream: AsyncStream<[Int64]>, continuation: AsyncStream<[Int64]>.Continuation)
    /// Calls' agent and team, for the role filter (read once per call from the projection).
    private let owners = Mutex<[String: (agentID: String?, team: String?)]>([:])

    public init(store: PostgresEventStore, feed: LiveFeed, logger: Logger, nodeID: String = UUID().uuidString.lowercased()) {
        self.nodeID = nodeID
        self.store = store
        self.feed = feed
        self.logger = logger
        channel = "undertone_feed" + (store.schema.map { "_\($0)" } ?? "")
        outbox = AsyncStream.makeStream(of: [Int64].self, bufferingPolicy: .bufferingNewest(4_096))
    }

    /// Queues the positions a shard just wrote and published locally; sent by `run()` without holding the shard up.
    public func announce(_ positions: [Int64]) {
        guard !positions.isEmpty else { return }
        outbox.continuation.yield(positions)
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.sendAnnouncements() }
            group.addTask { await self.listen() }
            group.addTask {
                try? await gracefulShutdown()
                self.outbox.continuation.finish()
            }
        }
    }

    // MARK: Sending

    private func sendAnnouncements() async {
        await cancelWhenGracefulShutdown {
            for await positions in self.outbox.stream {
                for payload in Self.payloads(node: self.nodeID, positions: positions) {
                    do {
                        try await self.store.client.query("SELECT pg_notify(\(self.channel), \(payload))", logger: self.logger)
                    } catch {
                        // Other nodes miss these live messages; the log still has them (the feed is best effort).
                        self.logger.warning("Could not announce to other nodes", metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
            }
        }
    }

    /// `NODE a-b,c,…`: contiguous positions as ranges, cut into payloads under PostgreSQL's limit.
    static func payloads(node: String, positions: [Int64], limit: Int = 7_900) -> [String] {
        var runs: [(first: Int64, last: Int64)] = []
        for position in positions.sorted() {
            if let run = runs.last, position == run.last + 1 {
                runs[runs.count - 1].last = position
            } else {
                runs.append((position, position))
            }
        }
        let ranges = runs.map { $0.first == $0.last ? "\($0.first)" : "\($0.first)-\($0.last)" }
        var payloads: [String] = []
        var current = ""
        for range in ranges {
            if !current.isEmpty, node.utf8.count + 1 + current.utf8.count + 1 + range.utf8.count > limit {
                payloads.append("\(node) \(current)")
                current = ""
            }
            current += current.isEmpty ? range : ",\(range)"
        }
        if !current.isEmpty { payloads.append("\(node) \(current)") }
        return payloads
    }

    /// The node and the position ranges of a payload; nil when it is not one of ours.
    static func parse(_ payload: String) -> (node: String, ranges: [ClosedRange<Int64>])? {
        let parts = payload.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        var ranges: [ClosedRange<Int64>] = []
        for item in parts[1].split(separator: ",") {
            let bounds = item.split(separator: "-").compactMap { Int64($0) }
            switch bounds.count {
            case 1: ranges.append(bounds[0]...bounds[0])
            case 2 where bounds[0] <= bounds[1]: ranges.append(bounds[0]...bounds[1])
            default: return nil
            }
        }
        return (String(parts[0]), ranges)
    }

    // MARK: Receiving

    /// Listens until shutdown; a lost connection is retried with backoff (a throwing service would stop the server).
    private func listen() async {
        var backoff = Duration.milliseconds(250)
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown {
                    try await self.store.client.withConnection { connection in
                        try await connection.listen(on: self.channel) { notifications in
                            for try await notification in notifications { await self.relay(notification.payload) }
                        }
                    }
                }
                return
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { return }
                logger.warning("Feed relay lost its connection; retrying", metadata: ["error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(10))
            }
        }
    }

    /// Reads another node's entries back from the log and publishes them here.
    func relay(_ payload: String) async {
        guard let (node, ranges) = Self.parse(payload), node != nodeID else { return }
        var messages: [FeedMessage] = []
        for range in ranges {
            do {
                let count = Int(range.upperBound - range.lowerBound + 1)
                for logged in try await store.entries(after: range.lowerBound - 1, limit: count) where range.contains(logged.position) {
                    let entry = logged.entry
                    // The same rule as the node that wrote them: outputs and call events, but turns only through their readings.
                    guard entry.kind == .output || !ShardContext.offTheFeed.contains(entry.type) else { continue }
                    let owner = try await owner(of: entry.callID)
                    // A follow-up change is shown as the follow-up it leaves, as the node that made it shows it.
                    if entry.type == FollowUpChange.entryType {
                        if let message = try await followUpMessage(entry, owner: owner) { messages.append(message) }
                        continue
                    }
                    messages.append(FeedMessage(callID: entry.callID, agentID: owner.agentID, team: owner.team, type: entry.type, json: entry.body))
                }
            } catch {
                logger.warning("Could not read announced entries", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        feed.publish(messages)
    }

    /// The follow-up a `follow_up_update` entry changed, as it stands in the projection now (without its packet, like
    /// the feed of the node that wrote it).
    private func followUpMessage(_ entry: LogEntry, owner: (agentID: String?, team: String?)) async throws -> FeedMessage? {
        let change = try JSONDecoder().decode(FollowUpChange.self, from: Data(entry.body.utf8))
        guard let record = try await store.followUp(change.id) else { return nil }
        return FeedMessage(
            callID: entry.callID, agentID: owner.agentID, team: owner.team, type: FollowUp.entryType,
            json: try FollowUpView(record.followUp, now: .now, withPacket: false).json())
    }

    private func owner(of callID: String) async throws -> (agentID: String?, team: String?) {
        if let known = owners.withLock({ $0[callID] }) { return known }
        let call = try await store.call(callID)
        let owner = (agentID: call?.agentID, team: call?.team)
        owners.withLock { owners in
            if owners.count > 50_000 { owners.removeAll() }
            owners[callID] = owner
        }
        return owner
    }
}
