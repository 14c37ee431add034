import Foundation
import HTTPTypes
import Hummingbird

/// The browser session: `POST /v1/session` exchanges an API key for an `HttpOnly; SameSite=Strict` cookie, because
/// browsers cannot set headers on WebSocket or EventSource requests. The cookie holds an opaque session id, not the key:
/// the store keeps the id's hash, so any node of a cluster accepts it, and signing out (`DELETE /v1/session`) or revoking
/// the key ends it, with every stream it opened. Scripts cannot read it (HttpOnly) and other sites cannot send it
/// (SameSite=Strict, and the origin check below for anything that changes state).
enum SessionCookie {
    static let name = "undertone_session"
    /// Twelve hours: a supervisor's shift.
    static let maxAge = Int(KeyRing.sessionLifetime)

    /// The session's secret from the `Cookie` header(s), if any.
    static func secret(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { return value }
            }
        }
        return nil
    }

    /// `Set-Cookie` for a new session; `Secure` when the page was loaded over HTTPS (`ServerContext.isSecure`).
    static func set(_ secret: String, secure: Bool) -> String {
        "\(name)=\(secret); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    /// `Set-Cookie` that ends the session.
    static func clear(secure: Bool) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    /// Cross-site request forgery guard for requests the cookie authenticates: a browser names the page's origin in
    /// `Origin` on every WebSocket handshake and every POST, PUT and DELETE. It must be this server's own; a request that
    /// changes state must carry one.
    static func checkOrigin(_ request: Request) throws {
        let safe = request.method == .get || request.method == .head || request.method == .options
        guard let origin = request.headers[.origin] else {
            if safe { return }
            throw Problem.forbidden("a request authenticated by the session cookie must come from the dashboard's own origin")
        }
        guard sameOrigin(origin, authority: request.head.authority) else {
            throw Problem.forbidden("origin \(origin) may not use this server's session cookie")
        }
    }

    /// Whether `origin` (`scheme://host[:port]`) names the host the request was sent to.
    static func sameOrigin(_ origin: String, authority: String?) -> Bool {
        guard let authority, let range = origin.range(of: "://") else { return false }
        return origin[range.upperBound...].lowercased() == authority.lowercased()
    }
}
