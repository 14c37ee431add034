import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle
import UndertoneEngine
import UndertoneStore

extension ServerContext {
    /// Every route, behind the authenticator.
    public func buildRouter() -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: MethodNotAllowed(document: OpenAPIDocument.data))
        router.add(middleware: Authenticator(keys: keys, metrics: metrics))
        registerHealthRoutes(router)
        registerIngestRoutes(router)
        registerStreamRoute(router)
        registerTelephonyRoutes(router)
        registerPlatformTranscriptRoutes(router)
        registerAudioSocketLegRoute(router)
        registerCallRoutes(router)
        registerFeedRoutes(router)
        registerAdminRoutes(router)
        registerLearningRoutes(router)
        registerRoutingRoutes(router)
        registerFollowUpRoutes(router)
        registerWebhookRoutes(router)
        registerReportRoutes(router)
        registerDashboardRoutes(router)
        return router
    }

    /// The application: HTTP with WebSocket upgrade, with the store and the shards as services (store first, so it is
    /// shut down last).
    public func buildApplication(onServerRunning: @escaping @Sendable (any NIOCore.Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = buildRouter()
        let limits = configuration.connectionLimits
        let channel = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(idleTimeout: .init(limits.idleTimeout)),
            ws: .init(maxFrameSize: max(configuration.maxMessageBytes, configuration.maxAudioFrameBytes)))
        let responder = router.buildResponder()
        // Hummingbird's HTTP/1 and WebSocket channel, with `ConnectionGuard` first on every connection.
        let server = HTTPServerBuilder { httpResponder in
            GuardedChannel(
                inner: HTTP1WebSocketUpgradeChannel(responder: httpResponder, webSocketResponder: responder, configuration: channel), limits: limits)
        }
        var app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "undertone"),
            onServerRunning: onServerRunning,
            logger: logger
        )
        app.addServices(store, shards)
        // After the shards: it stops first at shutdown, its last turns still taken by running shards.
        if let speech = shards.speech { app.addServices(speech) }
        if let settings = configuration.audioSocket {
            let listener = AudioSocketListener(undertone: self, settings: settings)
            audioSocket.hold(listener)
            app.addServices(listener)
        }
        if let cluster { app.addServices(cluster) }
        app.addServices(
            Startup(undertone: self), FollowUpSweeper(undertone: self), ClimbTimer(undertone: self),
            WebhookDispatcher(store: store, settings: configuration.webhooks, logger: logger),
            ConnectionSweeper(connections: connections, keys: keys, interval: configuration.revocationSweep))
        return app
    }
}

/// Runs once the store is up: migrations, the first admin key, retention; then keeps retention going until shutdown.
struct Startup: Service {
    let undertone: ServerContext

    func run() async throws {
        try await undertone.store.migrate()
        try await undertone.keys.bootstrap(configured: undertone.configuration.bootstrapAdminKey, logger: undertone.logger)
        if let configured = undertone.configuration.pseudonymKey {
            undertone.pseudonyms.use(configured)
        } else {
            undertone.pseudonyms.use(try await undertone.store.setting("customer_pseudonym_key", initially: ServerContext.randomHex(bytes: 32)))
        }
        try await purgeOldTranscripts()
        undertone.readiness.markReady()
        if undertone.configuration.retentionDays != nil {
            await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    guard (try? await Task.sleep(for: undertone.configuration.retentionSweep)) != nil else { return }
                    do {
                        try await purgeOldTranscripts()
                    } catch {
                        // A failed sweep is retried at the next one; it must not stop the server.
                        undertone.logger.error("Retention sweep failed", metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
            }
        } else {
            try? await gracefulShutdown()
        }
        undertone.feed.finishAll()
    }

    private func purgeOldTranscripts() async throws {
        guard let days = undertone.configuration.retentionDays else { return }
        let purged = try await undertone.store.purgeTranscripts(endedBefore: .now.addingTimeInterval(-Double(days) * 86_400))
        if purged > 0 { undertone.logger.info("Retention: blanked old transcripts", metadata: ["entries": "\(purged)"]) }
    }
}
