import Foundation
import Logging
import Synchronization
import UndertoneStore

/// Resolves API keys against the store, with a short cache so that a stream of requests costs one lookup.
public final class KeyRing: Sendable {
    private let store: any EventStore
    private let cache = Mutex<[String: (principal: Principal?, until: ContinuousClock.Instant)]>([:])
    private static let lifetime = Duration.seconds(10)

    public init(store: any EventStore) {
        self.store = store
    }

    /// The principal for a secret, or nil when the key is unknown or revoked.
    public func principal(for secret: String) async throws -> Principal? {
        let hash = APIKey.hash(secret)
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0[hash] }), cached.until > now { return cached.principal }
        let record = try await store.apiKey(hash: hash)
        let principal = record.flatMap { $0.revoked ? nil : Principal($0) }
        cache.withLock { $0[hash] = (principal, now.advanced(by: Self.lifetime)) }
        return principal
    }

    /// Forgets cached answers (after a key is revoked).
    public func forget() {
        cache.withLock { $0.removeAll() }
    }

    /// Creates a key and returns its secret (shown once) with its record.
    public func create(name: String, role: Role, subject: String?, secret: String = APIKey.generate()) async throws -> (String, APIKeyRecord) {
        let record = APIKeyRecord(id: APIKey.newID(), name: name, role: role, subject: subject, hash: APIKey.hash(secret), createdAt: Date())
        try await store.saveAPIKey(record)
        return (secret, record)
    }

    /// On first start: installs `configured` as the admin key, or generates one and logs it once.
    func bootstrap(configured: String?, logger: Logger) async throws {
        if let configured {
            if try await store.apiKey(hash: APIKey.hash(configured)) == nil {
                _ = try await create(name: "admin (UNDERTONE_ADMIN_KEY)", role: .admin, subject: nil, secret: configured)
            }
            return
        }
        guard try await store.apiKeys().isEmpty else { return }
        let (secret, _) = try await create(name: "admin (first start)", role: .admin, subject: nil)
        logger.notice("Created the first admin API key; it is shown only now", metadata: ["key": "\(secret)"])
    }
}
