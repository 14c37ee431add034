import Foundation
import NIOCore
import Synchronization

/// One message of the live feed: a JSON object (`"type"`: `signal`, `decision`, `call_started`, `alert_ack`,
/// `call_ended`) and whose call it is, so each subscriber sees only what their role may see.
public struct FeedMessage: Sendable, Equatable {
    public var callID: String
    public var agentID: String?
    public var team: String?
    public var type: String
    public var json: String
}

/// Fans the engine's outputs out to supervisors' screens. Each subscriber gets its own bounded buffer: a slow screen
/// drops its oldest messages rather than slowing ingest (the store, not the feed, is the record).
public final class LiveFeed: Sendable {
    private let subscribers = Mutex<[UUID: Subscriber]>([:])
    public static let bufferSize = 1024

    struct Subscriber {
        var principal: Principal
        var types: Set<String>?
        var delivery: Delivery

        func maySee(_ message: FeedMessage) -> Bool {
            principal.maySee(agentID: message.agentID, team: message.team) && types?.contains(message.type) != false
        }
    }

    /// How a subscriber gets its messages: a stream its task reads, Server-Sent Events made for it, or frames written
    /// straight to its WebSocket.
    enum Delivery {
        case stream(AsyncStream<FeedMessage>.Continuation)
        case events(AsyncStream<ByteBuffer>.Continuation)
        case sink(FeedSink)
    }

    public init() {}

    /// Subscribes; the stream ends when `cancel` is called or the feed shuts down.
    public func subscribe(_ principal: Principal, types: Set<String>? = nil) -> (id: UUID, messages: AsyncStream<FeedMessage>) {
        let (stream, continuation) = AsyncStream.makeStream(of: FeedMessage.self, bufferingPolicy: .bufferingNewest(Self.bufferSize))
        let id = UUID()
        subscribers.withLock { $0[id] = Subscriber(principal: principal, types: types, delivery: .stream(continuation)) }
        continuation.onTermination = { [weak self] _ in self?.subscribers.withLock { _ = $0.removeValue(forKey: id) } }
        return (id, stream)
    }

    /// Subscribes a Server-Sent Events response: each message as its event (``serverSentEvent(_:)``), made once for all
    /// such subscribers, in a stream that keeps the newest ``bufferSize``. The continuation is for the response's own
    /// lines (its heartbeat); `cancel` finishes it.
    func subscribeEvents(_ principal: Principal, types: Set<String>? = nil) -> (
        id: UUID, events: AsyncStream<ByteBuffer>, continuation: AsyncStream<ByteBuffer>.Continuation
    ) {
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingNewest(Self.bufferSize))
        let id = UUID()
        subscribers.withLock { $0[id] = Subscriber(principal: principal, types: types, delivery: .events(continuation)) }
        continuation.onTermination = { [weak self] _ in self?.subscribers.withLock { _ = $0.removeValue(forKey: id) } }
        return (id, stream, continuation)
    }

    /// A message as a Server-Sent Event: `event:` its type, `data:` its JSON (one line), a blank line.
    static func serverSentEvent(_ message: FeedMessage) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(message.type.utf8.count + message.json.utf8.count + 16)
        buffer.writeStaticString("event: ")
        buffer.writeString(message.type)
        buffer.writeStaticString("\ndata: ")
        buffer.writeString(message.json)
        buffer.writeStaticString("\n\n")
        return buffer
    }

    /// Subscribes a WebSocket connection's sink: the messages are written to it as frames until `cancel` is called.
    func subscribe(_ principal: Principal, types: Set<String>? = nil, sink: FeedSink) -> UUID {
        let id = UUID()
        subscribers.withLock { $0[id] = Subscriber(principal: principal, types: types, delivery: .sink(sink)) }
        return id
    }

    public func cancel(_ id: UUID) {
        switch subscribers.withLock({ $0.removeValue(forKey: id) })?.delivery {
        case .stream(let continuation)?: continuation.finish()
        case .events(let continuation)?: continuation.finish()
        case .sink?, nil: break
        }
    }

    public var subscriberCount: Int { subscribers.withLock { $0.count } }

    /// Hands `messages` to every subscriber that may see them. A message's frame (or event) is made once, for the first
    /// subscriber that takes it in that form, and shared; the sinks are written to once the subscribers' lock is let go (a write can close a
    /// connection, which cancels its subscription).
    public func publish(_ messages: [FeedMessage]) {
        guard !messages.isEmpty else { return }
        var frames = [ByteBuffer?](repeating: nil, count: messages.count)
        var events = [ByteBuffer?](repeating: nil, count: messages.count)
        var deliveries: [(sink: FeedSink, frames: [ByteBuffer])] = []
        subscribers.withLock { subscribers in
            for subscriber in subscribers.values {
                switch subscriber.delivery {
                case .stream(let continuation):
                    for message in messages where subscriber.maySee(message) { continuation.yield(message) }
                case .events(let continuation):
                    for (index, message) in messages.enumerated() where subscriber.maySee(message) {
                        if events[index] == nil { events[index] = Self.serverSentEvent(message) }
                        continuation.yield(events[index]!)
                    }
                case .sink(let sink):
                    var taken: [ByteBuffer] = []
                    for (index, message) in messages.enumerated() where subscriber.maySee(message) {
                        if frames[index] == nil { frames[index] = FeedSink.frame(message.json) }
                        taken.append(frames[index]!)
                    }
                    if !taken.isEmpty { deliveries.append((sink, taken)) }
                }
            }
        }
        for delivery in deliveries { delivery.sink.deliver(delivery.frames) }
    }

    /// Ends every subscription (graceful shutdown).
    public func finishAll() {
        let all = subscribers.withLock { subscribers in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        // A sink's connection is closed by the WebSocket layer at shutdown.
        for subscriber in all {
            switch subscriber.delivery {
            case .stream(let continuation): continuation.finish()
            case .events(let continuation): continuation.finish()
            case .sink: break
            }
        }
    }
}
