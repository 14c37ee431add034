import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

extension ServerContext {
    /// Runs the checks before a WebSocket upgrade. A refusal is answered with its own status and problem JSON (401 with
    /// no key or a wrong one, 403, 404, 503) rather than the empty 400 Hummingbird gives any refused upgrade: the refusal
    /// travels down the connection's pipeline to `ConnectionGuard`, which writes it in place of that 400.
    /// A plain request (no `Upgrade: websocket`) is answered 426.
    func upgrade(
        _ request: Request, _ context: AppRequestContext, headers: HTTPFields = [:], after checks: () async throws -> Void
    ) async throws -> RouterShouldUpgrade {
        guard request.headers[.upgrade]?.lowercased().contains("websocket") == true else {
            throw Problem(.upgradeRequired, "this route is a WebSocket: connect with Upgrade: websocket")
        }
        do {
            try await checks()
            // A WebSocket writes many small messages: those of one pass of the event loop leave in one write.
            try await context.channel.pipeline.addHandler(FlushCoalescer(), position: .first)
            return .upgrade(headers)
        } catch {
            let problem = error as? Problem ?? Problem(.badRequest, "the WebSocket upgrade was refused")
            context.channel.pipeline.fireUserInboundEventTriggered(
                UpgradeRefused(status: problem.status, body: Problem.body(problem.status, problem.detail, extra: problem.extra)))
            throw error
        }
    }

    /// The caller of a WebSocket upgrade, or 401 (counted as refused `via`).
    func webSocketCaller(_ context: AppRequestContext, via: String) throws -> Principal {
        do {
            return try context.caller()
        } catch {
            metrics.rejected("unauthorized", via: via)
            throw error
        }
    }
}
