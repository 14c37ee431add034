import Hummingbird
import NIOCore
import UndertoneStore

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
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: metrics.text())))
        }
    }
}
