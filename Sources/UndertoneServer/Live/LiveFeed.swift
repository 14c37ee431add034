import Foundation
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
        var continuation: AsyncStream<FeedMessage>.Continuation
    }

    public init() {}

    /// Subscribes; the stream ends when `cancel` is called or the feed shuts down.
    public func subscribe(_ principal: Principal, types: Set<String>? = nil) -> (id: UUID, messages: AsyncStream<FeedMessage>) {
        let (stream, continuation) = AsyncStream.makeStream(of: FeedMessage.self, bufferingPolicy: .bufferingNewest(Self.bufferSize))
        let id = UUID()
        subscribers.withLock { $0[id] = Subscriber(principal: principal, types: types, continuation: continuation) }
        continuation.onTermination = { [weak self] _ in self?.subscribers.withLock { _ = $0.removeValue(forKey: id) } }
        return (id, stream)
    }

    public func cancel(_ id: UUID) {
        subscribers.withLock { $0.removeValue(forKey: id) }?.continuation.finish()
    }

    public var subscriberCount: Int { subscribers.withLock { $0.count } }

    public func publish(_ messages: [FeedMessage]) {
        guard !messages.isEmpty else { return }
        subscribers.withLock { subscribers in
            for subscriber in subscribers.values {
                for message in messages
                where subscriber.principal.maySee(agentID: message.agentID, team: message.team) && subscriber.types?.contains(message.type) != false {
                    subscriber.continuation.yield(message)
                }
            }
        }
    }

    /// Ends every subscription (graceful shutdown).
    public func finishAll() {
        let all = subscribers.withLock { subscribers in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        for subscriber in all { subscriber.continuation.finish() }
    }
}
