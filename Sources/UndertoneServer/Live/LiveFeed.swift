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
        case events(FeedEventQueue)
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
    /// such subscribers, queued for the response to write what waits in one piece; `cancel` finishes the queue.
    func subscribeEvents(_ principal: Principal, types: Set<String>? = nil) -> (id: UUID, events: FeedEventQueue) {
        let queue = FeedEventQueue()
        let id = UUID()
        subscribers.withLock { $0[id] = Subscriber(principal: principal, types: types, delivery: .events(queue)) }
        return (id, queue)
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
        case .events(let queue)?: queue.finish()
        case .sink?, nil: break
        }
    }

    public var subscriberCount: Int { subscribers.withLock { $0.count } }

    /// Hands `messages` to every subscriber that may see them. A message's frame (or event) is made once, for the first
    /// subscriber that takes it in that form, and shared; the sinks are written to once the subscribers' lock is let go (a write can close a
    /// connection, which cancels its subscription).
    public func publish(_ messages: [FeedMessage]) {
        guard !messages.isEmpty else { return }
        // Made when a first subscriber of that kind takes a message (a node with no screens open makes nothing).
        var frames: [ByteBuffer?] = []
        var events: [ByteBuffer?] = []
        var deliveries: [(sink: FeedSink, frames: [ByteBuffer])] = []
        subscribers.withLock { subscribers in
            for subscriber in subscribers.values {
                switch subscriber.delivery {
                case .stream(let continuation):
                    for message in messages where subscriber.maySee(message) { continuation.yield(message) }
                case .events(let queue):
                    for (index, message) in messages.enumerated() where subscriber.maySee(message) {
                        if events.isEmpty { events = Array(repeating: nil, count: messages.count) }
                        if events[index] == nil { events[index] = Self.serverSentEvent(message) }
                        queue.push(events[index]!)
                    }
                case .sink(let sink):
                    var taken: [ByteBuffer] = []
                    for (index, message) in messages.enumerated() where subscriber.maySee(message) {
                        if frames.isEmpty { frames = Array(repeating: nil, count: messages.count) }
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
            case .events(let queue): queue.finish()
            case .sink: break
            }
        }
    }
}

/// A Server-Sent Events subscriber's events on their way to its response: the newest ``limit`` kept (the oldest dropped
/// for a client that reads too slowly), and the response, woken once for however many arrived, writes all that wait as
/// one piece — one chunk and one write, where a write each made a system call for every event.
final class FeedEventQueue: Sendable {
    /// Twice ``LiveFeed/bufferSize``: what the response's former relay held (the feed's stream and its own, each that
    /// many) — an SSE client on a slow link keeps as much as before while a write is on its way.
    static let limit = 2 * LiveFeed.bufferSize

    private let state = Mutex<(events: CircularBuffer<ByteBuffer>, finished: Bool)>((CircularBuffer(), false))
    private let wake: AsyncStream<Void>.Continuation
    /// One element whenever events have arrived since the last was read; ends with ``finish()``.
    let wakes: AsyncStream<Void>

    init() {
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func push(_ event: ByteBuffer) {
        let queued = state.withLock { state -> Bool in
            guard !state.finished else { return false }
            if state.events.count >= Self.limit { state.events.removeFirst() }
            state.events.append(event)
            return true
        }
        if queued { wake.yield() }
    }

    /// Everything waiting, in order, as one buffer; nil when nothing waits.
    func takeAll() -> ByteBuffer? {
        state.withLock { state in
            guard !state.events.isEmpty else { return nil }
            var all = ByteBuffer()
            all.reserveCapacity(state.events.reduce(0) { $0 + $1.readableBytes })
            for var event in state.events { all.writeBuffer(&event) }
            state.events.removeAll(keepingCapacity: true)
            return all
        }
    }

    func finish() {
        state.withLock { $0.finished = true }
        wake.finish()
    }
}
