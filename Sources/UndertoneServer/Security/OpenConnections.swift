import Foundation
import ServiceLifecycle
import Synchronization

/// The long-lived connections open now (ingest and telephony WebSockets, live feeds), each with the key and credential
/// that opened it, so that revoking the key (`DELETE /v1/keys/{id}`) or ending the session (`DELETE /v1/session`) ends
/// them: at once on this node, and on the others of a cluster within a sweep (`ConnectionSweeper`: every few seconds,
/// plus the key cache's lifetime).
public final class OpenConnections: Sendable {
    private struct Entry {
        var keyID: String
        var credential: Credential
        var end: @Sendable () -> Void
    }

    /// The open connections by number; numbers are given in turn (a `UUID()` read the system's random source, an `open`
    /// and a `read` a connection).
    private let registry = Mutex<(entries: [Int: Entry], last: Int)>(([:], 0))

    public init() {}

    /// Registers a connection; `end` is called at most once, when its key or session ends. `close` it when it is done.
    func open(_ principal: Principal, credential: Credential, end: @escaping @Sendable () -> Void) -> Int {
        registry.withLock { registry in
            registry.last += 1
            registry.entries[registry.last] = Entry(keyID: principal.keyID, credential: credential, end: end)
            return registry.last
        }
    }

    func close(_ id: Int) {
        registry.withLock { _ = $0.entries.removeValue(forKey: id) }
    }

    /// How many connections are open.
    public var count: Int { registry.withLock { $0.entries.count } }

    /// Ends every connection opened with the key, by API key or by a session signed in with it.
    func endAll(keyID: String) {
        end { $0.keyID == keyID }
    }

    /// Ends every connection opened with the credential.
    func endAll(credential: Credential) {
        end { $0.credential == credential }
    }

    /// Ends the connections whose credential no longer resolves (revoked on another node, expired).
    func sweep(_ keys: KeyRing) async {
        let credentials = Set(registry.withLock { $0.entries.values.map(\.credential) })
        for credential in credentials {
            // A store that cannot answer ends nothing: the next sweep asks again.
            guard let principal = try? await keys.resolve(credential), principal == nil else { continue }
            endAll(credential: credential)
        }
    }

    private func end(where matches: (Entry) -> Bool) {
        let ended = registry.withLock { registry in
            let ended = registry.entries.filter { matches($0.value) }
            for id in ended.keys { registry.entries.removeValue(forKey: id) }
            return Array(ended.values)
        }
        for entry in ended { entry.end() }
    }
}

/// Every few seconds, ends the open connections whose key or session has ended elsewhere (another node revoked it).
struct ConnectionSweeper: Service {
    let connections: OpenConnections
    let keys: KeyRing
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: interval)) != nil {
                await connections.sweep(keys)
            }
        }
    }
}

/// One long-lived connection's watch on the credential that opened it.
final class CredentialWatch: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let registration = Mutex<Int?>(nil)
    private let ended = Mutex(false)
    let connections: OpenConnections

    init(_ connections: OpenConnections) {
        self.connections = connections
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
    }

    /// Whether the key was revoked or the session ended.
    var isEnded: Bool { ended.withLock { $0 } }

    /// Whether a key is known and watched.
    var isWatching: Bool { registration.withLock { $0 != nil } }

    /// Starts watching (a Twilio stream learns its key only from its first messages).
    func watch(_ principal: Principal, credential: Credential) {
        let id = connections.open(principal, credential: credential) { [self] in
            ended.withLock { $0 = true }
            continuation.finish()
        }
        registration.withLock { $0 = id }
    }

    /// Runs `body` until it returns, or until the credential ends, which cancels it; true when it was ended that way.
    func run(_ body: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        defer {
            if let id = registration.withLock({ $0 }) { connections.close(id) }
            continuation.finish()
        }
        let stream = self.stream
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await body()
                return false
            }
            group.addTask {
                for await _ in stream {}
                return !Task.isCancelled
            }
            let revoked = try await group.next() ?? false
            group.cancelAll()
            return revoked || isEnded
        }
    }
}
