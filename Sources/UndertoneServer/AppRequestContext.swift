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

    public init(source: Source) {
        coreContext = .init(source: source)
        webSocket = .init()
        principal = nil
    }

    /// Batches of whole recorded calls can be large.
    public var maxUploadSize: Int { 32 << 20 }

    /// The caller, or 401.
    public func caller() throws -> Principal {
        guard let principal else { throw Problem.unauthorized }
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
/// set headers) the `key` query parameter or the dashboard's session cookie, and resolves it. A request without a key
/// goes on unauthenticated: routes that need one ask `context.caller()`. A wrong key is refused here; a stale session
/// cookie is ignored instead, so that the sign-in page still loads.
struct Authenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let keys: KeyRing
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let secret = Self.secret(in: request) else {
            guard let cookie = SessionCookie.secret(in: request), let principal = try await keys.principal(for: cookie) else {
                return try await next(request, context)
            }
            try SessionCookie.checkOrigin(request)
            var context = context
            context.principal = principal
            context.logger[metadataKey: "key.id"] = .string(principal.keyID)
            return try await next(request, context)
        }
        guard let principal = try await keys.principal(for: secret) else {
            metrics.rejected("unauthorized", via: "rest")
            throw Problem(.unauthorized, "unknown or revoked API key")
        }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "key.id"] = .string(principal.keyID)
        return try await next(request, context)
    }

    static func secret(in request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
        }
        if let name = HTTPField.Name("X-API-Key"), let key = request.headers[name] { return key }
        return request.uri.queryParameters["key"].map(String.init)
    }
}
