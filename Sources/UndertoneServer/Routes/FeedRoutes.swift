import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Prometheus
import ServiceLifecycle

extension ServerContext {
    /// The live feed for supervisors' screens: Server-Sent Events at `GET /v1/feed` and a WebSocket at `/v1/feed/ws`,
    /// each carrying decisions, signals and call events for the calls the caller may see. `?types=decision,signal`
    /// narrows it.
    func registerFeedRoutes(_ router: Router<AppRequestContext>) {
        router.get("/v1/feed") { request, context -> Response in
            let principal = try context.caller()
            // Each message's event is made once for every SSE subscriber (`LiveFeed.subscribeEvents`); what waits is written
            // in one piece, the heartbeat among it.
            let (id, events) = feed.subscribeEvents(principal, types: Self.types(request))
            metrics.feedSubscribers.increment()
            let feed = self.feed
            let metrics = self.metrics
            // Revoking the key (or ending the session) ends the stream.
            let connections = self.connections
            let connection = context.credential.map { connections.open(principal, credential: $0) { feed.cancel(id) } }
            // Not `consumeWithInboundCloseHandler`: a GET's empty body ends at once and would close the stream after its
            // first line. A client that leaves is noticed by the next write failing; the heartbeat makes sure there is one.
            let heartbeat = configuration.feedHeartbeat
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    defer {
                        feed.cancel(id)
                        metrics.feedSubscribers.decrement()
                        if let connection { connections.close(connection) }
                    }
                    try await withGracefulShutdownHandler {
                        try await writer.write(ByteBuffer(string: ": undertone live feed\n\n"))
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask {
                                while (try? await Task.sleep(for: heartbeat)) != nil { events.push(ByteBuffer(string: ": heartbeat\n\n")) }
                            }
                            for await _ in events.wakes {
                                if let waiting = events.takeAll() { try await writer.write(waiting) }
                            }
                            group.cancelAll()
                        }
                    } onGracefulShutdown: {
                        feed.cancel(id)
                    }
                    try await writer.finish(nil)
                })
        }

        router.ws("/v1/feed/ws") { request, context in
            try await upgrade(request, context) { _ = try webSocketCaller(context, via: "feed") }
        } onUpgrade: { inbound, outbound, context in
            guard let principal = context.requestContext.principal, let credential = context.requestContext.credential else { return }
            let types = Self.types(context.request)
            // Frames written where the feed is published (`FeedSink`), the session's task only waiting for the client to
            // leave; where the sink cannot be added, the session's task writes the messages itself.
            let sink = await FeedSink.install(on: context.requestContext.channel)
            let id: UUID
            var messages: AsyncStream<FeedMessage>?
            if let sink {
                id = feed.subscribe(principal, types: types, sink: sink)
            } else {
                (id, messages) = feed.subscribe(principal, types: types)
            }
            metrics.feedSubscribers.increment()
            metrics.webSocketSessions.increment()
            defer {
                // However the session ends (a throw included), the feed forgets the subscriber.
                feed.cancel(id)
                metrics.feedSubscribers.decrement()
                metrics.webSocketSessions.decrement()
            }
            let watch = CredentialWatch(connections)
            watch.watch(principal, credential: credential)
            let queued = messages
            let revoked = try await watch.run {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if let queued {
                        group.addTask {
                            for await message in queued { try await outbound.write(.text(message.json)) }
                        }
                    }
                    group.addTask {
                        // The client says nothing; when it leaves, the feed stops.
                        for try await _ in inbound {}
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
            feed.cancel(id)
            await sink?.stop()
            if revoked { try? await outbound.close(.policyViolation, reason: "the API key was revoked or the session ended") }
        }
    }

    static func types(_ request: Request) -> Set<String>? {
        request.uri.queryParameters["types"].map { Set($0.split(separator: ",").map(String.init)) }
    }
}
