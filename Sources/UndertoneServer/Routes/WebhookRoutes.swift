import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import UndertoneEngine
import UndertoneStore

extension ServerContext {
    /// Webhook subscriptions and their delivery log: admin only.
    func registerWebhookRoutes(_ router: Router<AppRequestContext>) {
        router.post("/v1/webhooks") { request, context -> Response in
            let principal = try context.caller(atLeast: .admin)
            struct Body: Decodable {
                var url: String
                var types: [String]?
                var secret: String?
            }
            let data = try await request.body.collect(upTo: 64 << 10)
            guard let body = try? JSONDecoder().decode(Body.self, from: Data(buffer: data)) else {
                throw Problem.badRequest("the body must be JSON: {\"url\": \"https://…\", \"types\": [\"decision\", …], \"secret\": \"…\"}")
            }
            guard let url = URL(string: body.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                url.host?.isEmpty == false
            else { throw Problem.badRequest("url must be an absolute http or https URL") }
            let types = body.types ?? WebhookDispatcher.defaultTypes
            guard !types.isEmpty else { throw Problem.badRequest("types must name at least one entry type") }
            let unknown = types.filter { !WebhookDispatcher.deliverableTypes.contains($0) }
            guard unknown.isEmpty else {
                throw Problem.badRequest(
                    "unknown type(s) \(unknown.joined(separator: ", ")); known: \(WebhookDispatcher.deliverableTypes.sorted().joined(separator: ", "))"
                )
            }
            if let secret = body.secret, secret.utf8.count < 16 { throw Problem.badRequest("secret must be at least 16 bytes") }
            let secret = body.secret ?? "whsec_" + Self.randomHex(bytes: 24)
            // Delivery starts with what is logged from now on.
            let webhook = WebhookRecord(
                id: "wh_" + Self.randomHex(bytes: 8), url: body.url, secret: secret, types: Array(Set(types)).sorted(),
                cursor: try await store.lastPosition(), createdAt: .now)
            try await store.saveWebhook(webhook)
            try await audit(principal, "webhook.create", target: webhook.id, detail: webhook.url)
            return try json(WebhookView(webhook, showSecret: true), status: .created)
        }

        router.get("/v1/webhooks") { _, context -> Response in
            _ = try context.caller(atLeast: .admin)
            return try json(["webhooks": try await store.webhooks().filter(\.active).map { WebhookView($0, showSecret: false) }])
        }

        router.delete("/v1/webhooks/{webhook}") { _, context -> Response in
            let principal = try context.caller(atLeast: .admin)
            var webhook = try await activeWebhook(context)
            webhook.active = false
            try await store.saveWebhook(webhook)
            try await audit(principal, "webhook.delete", target: webhook.id)
            return Response(status: .noContent)
        }

        router.get("/v1/webhooks/{webhook}/deliveries") { request, context -> Response in
            _ = try context.caller(atLeast: .admin)
            let webhook = try await activeWebhook(context)
            let limit = try request.limit(default: 100)
            return try json(["deliveries": try await store.deliveries(webhook: webhook.id, limit: limit)])
        }
    }

    private func activeWebhook(_ context: AppRequestContext) async throws -> WebhookRecord {
        let id = try context.parameters.require("webhook")
        guard let webhook = try await store.webhooks().first(where: { $0.id == id && $0.active }) else {
            throw Problem.notFound("no webhook \"\(id)\"")
        }
        return webhook
    }

    static func randomHex(bytes: Int) -> String {
        SymmetricKey(size: SymmetricKeySize(bitCount: bytes * 8)).withUnsafeBytes { $0.lowercaseHex }
    }
}

/// A webhook as the API shows it: the secret only in the answer that created it.
struct WebhookView: Encodable {
    var id: String
    var url: String
    var types: [String]
    var createdAt: Date
    var secret: String?

    init(_ record: WebhookRecord, showSecret: Bool) {
        id = record.id
        url = record.url
        types = record.types
        createdAt = record.createdAt
        secret = showSecret ? record.secret : nil
    }
}
