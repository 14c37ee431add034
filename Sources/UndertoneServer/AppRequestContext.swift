import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import UndertoneStore

/// The one request context: the core storage, the WebSocket handler slot, and the caller once authenticated.
public struct AppRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// Set by `Authenticator` for routes that need a key.
    public var principal: Principal?
    /// What authenticated the principal (the key's or the session's hash), so that long-lived connections end with it.
    public var credential: Credential?
    /// A key was presented and refused: routes that need a key answer 401 for it, open ones (health, the dashboard's
    /// files) answer all the same.
    public var refusedKey = false
    /// The connection, for answering a refused WebSocket upgrade (`ConnectionGuard`), and the peer's address.
    let channel: any Channel

    public init(source: Source) {
        coreContext = .init(source: source)
        webSocket = .init()
        principal = nil
        channel = source.channel
    }

    /// The peer's IP address (a proxy's, behind one).
    var peerAddress: String? { channel.remoteAddress?.ipAddress }

    /// Batches of whole recorded calls can be large.
    public var maxUploadSize: Int { 32 << 20 }

    /// The caller, or 401.
    public func caller() throws -> Principal {
        guard let principal else { throw refusedKey ? Problem.refusedKey : Problem.unauthorized }
        return principal
    }

    /// The caller if their role is at least `role`, or 403.
    public func caller(atLeast role: Role) throws -> Principal {
        let principal = try caller()
        guard principal.role >= role else {
            throw Problem.forbidden("this needs \(role.withArticle) key; yours is \(principal.role.withArticle) key")
        }
        return principal
    }
}

extension Role {
    /// The role's name after "a" or "an", as a sentence says it: "an admin", "a supervisor", "an agent".
    var withArticle: String {
        "aeiou".contains(rawValue.first ?? "x") ? "an \(rawValue)" : "a \(rawValue)"
    }
}

/// Finds the API key in `Authorization: Bearer`, `X-API-Key`, or (for browsers' WebSocket and EventSource, which cannot
/// set headers) the `key` query parameter, or the dashboard's session id in its cookie, and resolves it. A request
/// without a key goes on unauthenticated, and so does one with a wrong key, marked: routes that need a key ask
/// `context.caller()`, which refuses either with 401, while open routes (health, metrics, the dashboard's files) answer.
/// A stale session cookie is ignored, so that the sign-in page still loads.
struct Authenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let keys: KeyRing
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        guard let secret = Self.secret(in: request) else {
            guard let cookie = SessionCookie.secret(in: request) else { return try await next(request, context) }
            let credential = Credential.session(hash: APIKey.hash(cookie))
            guard let principal = try await keys.resolve(credential) else { return try await next(request, context) }
            try SessionCookie.checkOrigin(request)
            context.principal = principal
            context.credential = credential
            context.logger[metadataKey: "key.id"] = .string(principal.keyID)
            return try await next(request, context)
        }
        let credential = Credential.key(hash: APIKey.hash(secret))
        guard let principal = try await keys.resolve(credential) else {
            metrics.rejected("unauthorized", via: "rest")
            context.refusedKey = true
            return try await next(request, context)
        }
        context.principal = principal
        context.credential = credential
        context.logger[metadataKey: "key.id"] = .string(principal.keyID)
        return try await next(request, context)
    }

    static func secret(in request: Request) -> String? {
        if let authorization = request.headers.value(.authorization) {
            // Scheme, a space, the token: read in place (no array of the parts). No token is no key.
            if let space = authorization.firstIndex(of: " "), isBearer(authorization[..<space]) {
                let token = authorization[authorization.index(after: space)...].trimmingWhitespace()
                if !token.isEmpty { return String(token) }
            }
        }
        if let key = request.headers.value(apiKeyField) { return key }
        return request.uri.queryParameters["key"].map(String.init)
    }

    private static let apiKeyField = HTTPField.Name("X-API-Key")!

    /// Whether an authorization scheme is `Bearer`, in any case (RFC 9110: schemes are case-insensitive).
    static func isBearer(_ scheme: Substring) -> Bool {
        scheme.utf8.count == 6 && zip(scheme.utf8, "bearer".utf8).allSatisfy { $0 | 0x20 == $1 }
    }
}

extension HTTPFields {
    /// A field's value as `self[name]` gives it, without making a new string when one field has the name (nearly
    /// always): the subscript joins the values of every field of that name, one or many (0.5% of a REST request's CPU).
    func value(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            if found != nil { return self[name] }
            found = field.value
        }
        return found
    }
}
