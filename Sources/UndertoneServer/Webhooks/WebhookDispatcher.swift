import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization
import UndertoneEngine
import UndertoneStore

/// How webhooks are delivered.
public struct WebhookSettings: Sendable, Equatable {
    /// Tries per entry before it is given up on (each recorded in the delivery log).
    public var maxAttempts = 8
    /// The wait after the first failure; it doubles after each one, up to `maxBackoff`.
    public var initialBackoff: Duration = .milliseconds(500)
    public var maxBackoff: Duration = .seconds(300)
    /// How long a receiver has to answer.
    public var timeout: Duration = .seconds(10)
    /// How often the log is looked at for new entries when there is nothing to send.
    public var poll: Duration = .milliseconds(250)
    /// How long a node's hold on delivering a webhook lasts unless renewed (renewed after a third of it). Nodes sharing
    /// one log each run a dispatcher; only the holder delivers. A node that dies holds its webhooks this long at most.
    public var lease: Duration = .seconds(30)

    public init() {}

    /// The wait before attempt `attempt + 1` after `attempt` failed.
    public func backoff(after attempt: Int) -> Duration {
        var wait = initialBackoff
        for _ in 1..<max(1, attempt) where wait < maxBackoff { wait *= 2 }
        return min(wait, maxBackoff)
    }
}

/// Delivers log entries to webhooks: each webhook has its own worker that reads the log after its cursor, POSTs every
/// entry of the types it asked for (signed, see `WebhookSignature`), in log order, retrying with exponential backoff,
/// records every attempt in the delivery log, and moves its cursor only past entries delivered or given up on. Because
/// the cursor is in the store, a restart resumes where delivery stopped: at least once, never lost. Several nodes on one
/// PostgreSQL log each run one; a lease in the store (`webhook:ID`) lets one node at a time deliver each webhook.
public final class WebhookDispatcher: Service, Sendable {
    /// Entry types a webhook may ask for.
    public static let deliverableTypes: Set<String> = [
        "decision", HandoffNotice.entryType, FollowUp.entryType, FollowUpChange.entryType, "call_started", "call_ended", "alert_ack",
        "signal", "routing", "guidance",
    ]
    /// What a webhook gets when it names no types: decisions (alerts), hand-offs and follow-ups.
    public static let defaultTypes = ["decision", HandoffNotice.entryType, FollowUp.entryType, FollowUpChange.entryType]

    let store: any EventStore
    let settings: WebhookSettings
    let logger: Logger
    /// This dispatcher's name in the leases it holds.
    let nodeID: String
    private let running = Mutex<Set<String>>([])

    public init(store: any EventStore, settings: WebhookSettings, logger: Logger, nodeID: String = UUID().uuidString.lowercased()) {
        self.store = store
        self.settings = settings
        self.logger = logger
        self.nodeID = nodeID
    }

    public func run() async throws {
        // Made here, not in `init`, so that a dispatcher never run owns no client that would need shutting down.
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    if let hooks = try? await self.store.webhooks() {
                        for hook in hooks where hook.active {
                            guard self.running.withLock({ $0.insert(hook.id).inserted }) else { continue }
                            group.addTask {
                                await self.work(hook, client)
                                self.running.withLock { _ = $0.remove(hook.id) }
                            }
                        }
                    }
                    guard (try? await Task.sleep(for: .seconds(1))) != nil else { break }
                }
                group.cancelAll()
            }
        }
        // Hand the leases back, so that another node (or this one, restarted) takes over at once.
        for hook in (try? await store.webhooks()) ?? [] {
            _ = try? await store.lease(WebhookLease.name(hook.id), owner: nodeID, until: Date(timeIntervalSince1970: 0), now: Date())
        }
        try? await client.shutdown()
    }

    /// One webhook's worker: delivers until the webhook is deleted or the server stops.
    private func work(_ start: WebhookRecord, _ client: HTTPClient) async {
        var hook = start
        var lease = WebhookLease(id: hook.id, owner: nodeID, length: settings.lease)
        while !Task.isCancelled {
            do {
                guard let current = try await store.webhooks().first(where: { $0.id == hook.id }), current.active else { return }
                hook.url = current.url
                hook.types = current.types
                hook.secret = current.secret
                guard try await lease.hold(store) else {
                    // Asked again soon: a lease handed back at shutdown is taken over within seconds.
                    try await Task.sleep(for: min(settings.lease / 3, .seconds(2)))
                    continue
                }
                // Where the last holder (another node, or this one before it lost the lease) got to.
                hook.cursor = max(hook.cursor, current.cursor)
                let moved = try await deliverPending(&hook, client, lease: &lease)
                if !moved { try await Task.sleep(for: settings.poll) }
            } catch is CancellationError {
                return
            } catch is WebhookLease.Lost {
                logger.info("Webhook lease taken over by another node", metadata: ["webhook.id": "\(hook.id)"])
            } catch {
                logger.error("Webhook worker failed; retrying", metadata: ["webhook.id": "\(hook.id)", "error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: settings.initialBackoff)
            }
        }
    }

    /// Delivers what follows the cursor; returns whether the cursor moved.
    private func deliverPending(_ hook: inout WebhookRecord, _ client: HTTPClient, lease: inout WebhookLease) async throws -> Bool {
        let entries = try await store.entries(after: hook.cursor, limit: 200)
        var cursor = hook.cursor
        let wanted = Set(hook.types)
        for logged in entries {
            // PostgreSQL may make a lower position visible after a higher one (concurrent commits): stop at a recent gap
            // and look again shortly, rather than step over an entry about to appear.
            if logged.position != cursor + 1, Date().timeIntervalSince(logged.recordedAt) < 5 { break }
            if wanted.contains(logged.entry.type) {
                try await deliver(logged, to: hook, client, lease: &lease)
            }
            cursor = logged.position
        }
        guard cursor != hook.cursor else { return false }
        try await store.moveWebhookCursor(id: hook.id, to: cursor)
        hook.cursor = cursor
        return true
    }

    /// One entry to one webhook, retried with backoff until it is taken or the attempts run out.
    private func deliver(_ logged: LoggedEntry, to hook: WebhookRecord, _ client: HTTPClient, lease: inout WebhookLease) async throws {
        let body = Self.body(logged)
        for attempt in 1...max(1, settings.maxAttempts) {
            try Task.checkCancellation()
            // Retries can outlast the lease: renewed as they go, and stopped if another node has taken it.
            guard try await lease.hold(store) else { throw WebhookLease.Lost() }
            let started = ContinuousClock.now
            let timestamp = Int(Date().timeIntervalSince1970)
            var status: Int?
            var failure: String?
            do {
                var request = HTTPClientRequest(url: hook.url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "User-Agent", value: "Undertone-Webhooks/1")
                request.headers.add(name: "Undertone-Webhook", value: hook.id)
                request.headers.add(name: "Undertone-Delivery", value: "\(logged.position)")
                request.headers.add(name: "Undertone-Event", value: logged.entry.type)
                request.headers.add(name: WebhookSignature.timestampHeader, value: "\(timestamp)")
                request.headers.add(
                    name: WebhookSignature.signatureHeader,
                    value: WebhookSignature.sign(body: Array(body.utf8), timestamp: timestamp, secret: hook.secret))
                request.body = .bytes(ByteBuffer(string: body))
                let response = try await client.execute(request, timeout: .nanoseconds(settings.timeout.nanoseconds))
                status = Int(response.status.code)
                _ = try? await response.body.collect(upTo: 64 << 10)
                if !(200..<300).contains(status!) { failure = "HTTP \(status!)" }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failure = String(describing: error)
            }
            let elapsed = ContinuousClock.now - started
            let delivery = WebhookDelivery(
                webhookID: hook.id, position: logged.position, callID: logged.entry.callID, type: logged.entry.type, attempt: attempt,
                status: status, error: failure, delivered: failure == nil, attemptedAt: .now, durationMs: Int(elapsed.nanoseconds / 1_000_000))
            try await store.recordDelivery(delivery)
            if failure == nil { return }
            if attempt == settings.maxAttempts {
                logger.warning(
                    "Webhook delivery given up",
                    metadata: ["webhook.id": "\(hook.id)", "position": "\(logged.position)", "attempts": "\(attempt)", "error": "\(failure ?? "")"])
                return
            }
            try await Task.sleep(for: settings.backoff(after: attempt))
        }
    }

    /// The JSON a receiver gets: the entry's position (the delivery id, the same on every retry), type, call, event time,
    /// when it was logged, and the entry itself under `data`.
    static func body(_ logged: LoggedEntry) -> String {
        let call = SortedJSON.quoted(logged.entry.callID)
        return """
            {"call":\(call),"at":\(logged.entry.at),"data":\(logged.entry.body),"delivery":\(logged.position),\
            "recordedAt":"\(ISODate.format(logged.recordedAt))","type":"\(logged.entry.type)"}
            """
    }
}

/// One node's hold on delivering one webhook: taken or renewed in the store when a third of it has passed.
struct WebhookLease {
    /// Another node holds the lease now: this one stops delivering.
    struct Lost: Error {}

    let id: String
    let owner: String
    let length: Duration

    /// The store's name for the lease on delivering webhook `id`.
    static func name(_ id: String) -> String { "webhook:\(id)" }
    /// When to renew; nil while not held.
    private var renewAfter: ContinuousClock.Instant?

    init(id: String, owner: String, length: Duration) {
        self.id = id
        self.owner = owner
        self.length = length
    }

    /// Whether this node holds the lease now, asking the store when it is not held or due for renewal.
    mutating func hold(_ store: any EventStore) async throws -> Bool {
        let now = ContinuousClock.now
        if let renewAfter, now < renewAfter { return true }
        let seconds = Double(length.components.seconds) + Double(length.components.attoseconds) / 1e18
        let granted = try await store.lease(Self.name(id), owner: owner, until: Date().addingTimeInterval(seconds), now: Date())
        renewAfter = granted ? now.advanced(by: length / 3) : nil
        return granted
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
