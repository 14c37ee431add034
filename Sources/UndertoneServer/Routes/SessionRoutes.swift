import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import UndertoneStore

extension ServerContext {
    /// Browser sign-in: `POST /v1/session` with `{"key"}` starts a session and sets its cookie (`SessionCookie`),
    /// `GET /v1/session` says who it is, `DELETE /v1/session` ends it (the session id is useless from then on) and the
    /// streams it opened.
    func registerSessionRoutes(_ router: Router<AppRequestContext>) {
        router.post("/v1/session") { request, context -> Response in
            if let origin = request.headers[.origin], !SessionCookie.sameOrigin(origin, authority: request.head.authority) {
                throw Problem.forbidden("origin \(origin) may not sign in to this server")
            }
            let body = try await request.body.collect(upTo: 16 << 10)
            struct Body: Decodable { var key: String }
            guard let parsed = try? JSONDecoder().decode(Body.self, from: Data(buffer: body)), !parsed.key.isEmpty else {
                throw Problem.badRequest("the body must be JSON: {\"key\": \"ut_…\"}")
            }
            guard let principal = try await keys.principal(for: parsed.key) else {
                metrics.rejected("unauthorized", via: "session")
                throw Problem(.unauthorized, "unknown or revoked API key")
            }
            let session = try await keys.startSession(for: principal)
            try await audit(principal, "session.start", target: principal.keyID)
            var response = try json(SessionView(principal))
            response.headers[.setCookie] = SessionCookie.set(session, secure: isSecure(request, context))
            response.headers[.cacheControl] = "no-store"
            return response
        }

        router.get("/v1/session") { _, context -> Response in
            var response = try json(SessionView(try context.caller()))
            response.headers[.cacheControl] = "no-store"
            return response
        }

        router.delete("/v1/session") { request, context -> Response in
            if let credential = context.credential, case .session = credential, let principal = context.principal {
                try await keys.endSession(credential)
                connections.endAll(credential: credential)
                try await audit(principal, "session.end", target: principal.keyID)
            }
            return Response(
                status: .noContent, headers: [.setCookie: SessionCookie.clear(secure: isSecure(request, context)), .cacheControl: "no-store"])
        }
    }

    /// Whether the browser reached the server over HTTPS: its `Origin` says so, or a trusted proxy's `X-Forwarded-Proto`
    /// (from any other peer that header is ignored: a client could write it).
    func isSecure(_ request: Request, _ context: AppRequestContext) -> Bool {
        if let origin = request.headers[.origin], origin.lowercased().hasPrefix("https://") { return true }
        guard let peer = context.peerAddress, configuration.trustedProxies.contains(peer), let name = HTTPField.Name("X-Forwarded-Proto") else {
            return false
        }
        return request.headers[name]?.lowercased() == "https"
    }
}

/// Who a session (or key) is: never the secret.
struct SessionView: Encodable {
    var keyID: String
    var name: String
    var role: String
    var subject: String?

    init(_ principal: Principal) {
        keyID = principal.keyID
        name = principal.name
        role = principal.role.rawValue
        subject = principal.subject
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keyID, forKey: .keyID)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(subject, forKey: .subject)
    }

    private enum CodingKeys: String, CodingKey { case keyID, name, role, subject }
}
