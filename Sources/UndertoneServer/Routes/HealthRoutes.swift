import Foundation
import Hummingbird
import NIOCore
import UndertoneStore

/// The API's OpenAPI 3.1 description, shipped as a resource and kept true by a test that compares it with the router
/// and checks live answers against its schemas.
enum OpenAPIDocument {
    static let data: Data? = Bundle.module.url(forResource: "openapi", withExtension: "json").flatMap { try? Data(contentsOf: $0) }
}

extension ServerContext {
    /// Liveness, readiness (the store answers) and Prometheus metrics; no key needed.
    func registerHealthRoutes(_ router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ -> Response in
            try json(["status": "ok"])
        }
        router.get("/readyz") { _, _ -> Response in
            guard readiness.isReady else { return try json(["status": "starting"], status: .serviceUnavailable) }
            do {
                _ = try await store.lastClientSequence(call: "readyz")
                return try json(["status": "ready"])
            } catch {
                return try json(["status": "store unavailable"], status: .serviceUnavailable)
            }
        }
        router.get("/openapi.json") { _, _ -> Response in
            guard let document = OpenAPIDocument.data else { throw Problem(.internalServerError, "the OpenAPI document is missing from the build") }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: metrics.text())))
        }
    }
}
