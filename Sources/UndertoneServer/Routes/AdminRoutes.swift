import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import UndertoneEngine
import UndertoneStore

extension ServerContext {
    /// Keys, the policy and the audit log: admin only, except reading the policy.
    func registerAdminRoutes(_ router: Router<AppRequestContext>) {
        router.post("/v1/keys") { request, context -> Response in
            let principal = try context.caller(atLeast: .admin)
            struct Body: Decodable {
                var name: String
                var role: String
                var subject: String?
            }
            let data = try await request.body.collect(upTo: 64 << 10)
            guard let body = try? JSONDecoder().decode(Body.self, from: Data(buffer: data)) else {
                throw Problem.badRequest("the body must be JSON: {\"name\": …, \"role\": \"agent\" | \"supervisor\" | \"admin\", \"subject\": …}")
            }
            guard let role = Role(rawValue: body.role) else { throw Problem.badRequest("role must be agent, supervisor or admin") }
            guard !body.name.isEmpty else { throw Problem.badRequest("name must not be empty") }
            if role != .admin, body.subject?.isEmpty ?? true {
                throw Problem.badRequest("\(role.withArticle) key needs a subject: the agent id (agent) or the team (supervisor)")
            }
            let (secret, record) = try await keys.create(name: body.name, role: role, subject: role == .admin ? nil : body.subject)
            try await audit(principal, "key.create", target: record.id, detail: "\(role.rawValue) \(record.subject ?? "")")
            return try json(KeyView(record, secret: secret), status: .created)
        }

        router.get("/v1/keys") { _, context -> Response in
            _ = try context.caller(atLeast: .admin)
            return try json(["keys": try await store.apiKeys().map { KeyView($0, secret: nil) }])
        }

        router.delete("/v1/keys/{key}") { _, context -> Response in
            let principal = try context.caller(atLeast: .admin)
            let id = try context.parameters.require("key")
            guard try await store.apiKeys().contains(where: { $0.id == id }) else { throw Problem.notFound("no key \"\(id)\"") }
            try await store.revokeAPIKey(id: id)
            keys.forget()
            // What the key opened ends with it: its streams, feeds and browser sessions.
            connections.endAll(keyID: id)
            try await audit(principal, "key.revoke", target: id)
            return Response(status: .noContent)
        }

        router.get("/v1/policy") { _, context -> Response in
            _ = try context.caller()
            return Response(
                status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: policy.yaml)))
        }

        router.put("/v1/policy") { request, context -> Response in
            let principal = try context.caller(atLeast: .admin)
            let yaml = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let problems = Policy.validate(yaml: yaml)
            guard problems.isEmpty, let parsed = try? Policy.parse(yaml: yaml) else {
                throw Problem(.unprocessableContent, "the policy has \(problems.count) problem(s)", extra: ["errors": problems.map(\.description)])
            }
            let previous = policy.policy.name
            policy.replace(parsed, yaml: yaml)
            try await audit(principal, "policy.change", target: parsed.name, detail: "replaced \(previous); \(parsed.rules.count) rules")
            return try json(["policy": parsed.name, "rules": "\(parsed.rules.count)"])
        }

        router.get("/v1/audit") { request, context -> Response in
            _ = try context.caller(atLeast: .admin)
            let after = Int64(try request.integerQuery("after") ?? 0)
            let limit = try request.limit(default: 500)
            return try json(["audit": try await store.auditLog(after: after, limit: limit)])
        }
    }
}

/// A key as the API shows it: never the hash; the secret only in the answer that created it.
struct KeyView: Encodable {
    var id: String
    var name: String
    var role: String
    var subject: String?
    var createdAt: Date
    var revoked: Bool
    var key: String?

    init(_ record: APIKeyRecord, secret: String?) {
        id = record.id
        name = record.name
        role = record.role.rawValue
        subject = record.subject
        createdAt = record.createdAt
        revoked = record.revoked
        key = secret
    }
}
