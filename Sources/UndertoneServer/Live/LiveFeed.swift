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

    /// How a subscriber gets its messages: a stream its task reads, or frames written straight to its WebSocket.
    enum Delivery {
        case stream(AsyncStream<FeedMessage>.Continuation)
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

    /// Subscribes a WebSocket connection's sink: the messages are written to it as frames until `cancel` is called.
    func subscribe(_ principal: Principal, types: Set<String>? = nil, sink: FeedSink) -> UUID {
        let id = UUID()
        subscribers.withLock { $0[id] = Subscriber(principal: principal, types: types, delivery: .sink(sink)) }
        return id
    }

    public func cancel(_ id: UUID) {
        if case .stream(let continuation)? = subscribers.withLock({ $0.removeValue(forKey: id) })?.delivery { continuation.finish() }
    }

    public var subscriberCount: Int { subscribers.withLock { $0.count } }

    /// Hands `messages` to every subscriber that may see them. A message's frame is made once, for the first sink that
    /// takes it, and shared; the sinks are written to once the subscribers' lock is let go (a write can close a
    /// connection, which cancels its subscription).
    public func publish(_ messages: [FeedMessage]) {
        guard !messages.isEmpty else { return }
        var frames = [ByteBuffer?](repeating: nil, count: messages.count)
        var deliveries: [(sink: FeedSink, frames: [ByteBuffer])] = []
        subscribers.withLock { subscribers in
            for subscriber in subscribers.values {
                switch subscriber.delivery {
                case .stream(let continuation):
                    for message in messages where subscriber.maySee(message) { continuation.yield(message) }
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
        for subscriber in all { if case .stream(let continuation) = subscriber.delivery { continuation.finish() } }
    }
}
