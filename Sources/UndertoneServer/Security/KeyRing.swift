import Foundation
import Logging
import Synchronization
import UndertoneEngine
import UndertoneStore

/// What a request presented to say who it is: an API key, or the dashboard's session id (each by its SHA-256; the
/// secrets themselves are never kept).
public enum Credential: Sendable, Hashable {
    case key(hash: String)
    case session(hash: String)
}

/// Resolves API keys and browser sessions against the store, with a short cache so that a stream of requests costs one
/// lookup. The cache is bounded: wrong keys sent by the thousand cannot grow it without limit.
public final class KeyRing: Sendable {
    private struct Cached {
        var principal: Principal?
        var until: ContinuousClock.Instant
    }

    private let store: any EventStore
    private let cache = Mutex<[Credential: Cached]>([:])
    private static let lifetime = Duration.seconds(10)
    /// The most answers kept at once.
    public static let cacheLimit = 10_000
    /// How long a browser session lasts: twelve hours, a supervisor's shift.
    public static let sessionLifetime: TimeInterval = 12 * 60 * 60

    public init(store: any EventStore) {
        self.store = store
    }

    /// The principal for an API key's secret, or nil when the key is unknown or revoked.
    public func principal(for secret: String) async throws -> Principal? {
        try await resolve(.key(hash: APIKey.hash(secret)))
    }

    /// The principal a credential stands for, or nil when it is unknown, revoked, ended or expired.
    public func resolve(_ credential: Credential) async throws -> Principal? {
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0[credential] }), cached.until > now { return cached.principal }
        let principal: Principal?
        switch credential {
        case .key(let hash):
            principal = try await store.apiKey(hash: hash).flatMap { $0.revoked ? nil : Principal($0) }
        case .session(let hash):
            principal = try await store.session(hash: hash).flatMap { found in
                found.session.ended || found.session.expiresAt <= Date() || found.key.revoked ? nil : Principal(found.key)
            }
        }
        cache.withLock { cache in
            if cache.count >= Self.cacheLimit {
                cache = cache.filter { $0.value.until > now }
                // Still full of live answers: start again rather than grow (a flood of wrong keys costs lookups, not memory).
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            }
            cache[credential] = Cached(principal: principal, until: now.advanced(by: Self.lifetime))
        }
        return principal
    }

    /// How many answers the cache holds now.
    public var cachedCount: Int { cache.withLock { $0.count } }

    /// Forgets cached answers (after a key is revoked or a session ended).
    public func forget() {
        cache.withLock { $0.removeAll() }
    }

    /// Creates a key and returns its secret (shown once) with its record. A key's name says whose it is: a phone number
    /// or an address in it is redacted before it is stored, whichever door created it (the API, `undertone keys`).
    public func create(name: String, role: Role, subject: String?, secret: String = APIKey.generate()) async throws -> (String, APIKeyRecord) {
        let record = APIKeyRecord(
            id: APIKey.newID(), name: Redactor.standard.redact(name).text, role: role, subject: subject, hash: APIKey.hash(secret), createdAt: Date())
        try await store.saveAPIKey(record)
        // A "no such key" answer cached before the key existed (a client trying it while the server started) goes.
        cache.withLock { _ = $0.removeValue(forKey: .key(hash: record.hash)) }
        return (secret, record)
    }

    /// Starts a browser session for a principal: returns the session id (shown once, in the cookie). The store keeps
    /// its hash, so any node of a cluster accepts it and signing out or revoking the key ends it.
    func startSession(for principal: Principal) async throws -> String {
        let secret = "uts_" + APIKey.generate().dropFirst(3)
        let now = Date()
        try await store.saveSession(
            SessionRecord(hash: APIKey.hash(secret), keyID: principal.keyID, createdAt: now, expiresAt: now.addingTimeInterval(Self.sessionLifetime)))
        return secret
    }

    /// Ends a browser session (signing out).
    func endSession(_ credential: Credential) async throws {
        guard case .session(let hash) = credential else { return }
        try await store.endSession(hash: hash)
        cache.withLock { _ = $0.removeValue(forKey: credential) }
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
