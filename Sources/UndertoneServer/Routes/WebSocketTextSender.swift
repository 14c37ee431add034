import NIOCore
import NIOWebSocket
import Synchronization

/// Writes text messages to a WebSocket's channel, all those of one call in one hop to its event loop and one flush.
/// An ingest stream answers each message with its ack and the engine's outputs; Hummingbird's writer takes one frame a
/// call, each its own hop (the async writer's yield, then an `execute` on the loop). Back-pressure stays: while the
/// channel holds more than its high-water mark, `send` returns only once its messages are written to the socket, and on
/// a closed channel it throws. A task cancelled while it waits (the stream's key revoked, the server shutting down)
/// stops waiting at once with `CancellationError`, as Hummingbird's writer does; the frames stay queued.
///
/// The frames go in at the pipeline's tail. What Hummingbird writes once a `send` has returned (a close frame) leaves
/// after them: the event loop runs its tasks in the order they were given.
struct WebSocketTextSender: Sendable {
    let channel: any Channel

    func send(_ texts: [String]) async throws {
        guard let last = texts.indices.last else { return }
        let frames = texts.map { WebSocketFrame(fin: true, opcode: .text, data: channel.allocator.buffer(string: $0)) }
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.eventLoop.execute { [channel] in
            for frame in frames[..<last] { channel.write(frame, promise: nil) }
            channel.writeAndFlush(frames[last], promise: written)
        }
        if !channel.isWritable || !channel.isActive { try await Self.wait(for: written.futureResult) }
    }

    func send(_ text: String) async throws {
        try await send([text])
    }

    /// Waits for `future`, or until the task is cancelled.
    static func wait(for future: EventLoopFuture<Void>) async throws {
        let waiter = Waiter()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiter.wait(continuation)
                future.whenComplete { waiter.finish($0) }
            }
        } onCancel: {
            waiter.finish(.failure(CancellationError()))
        }
    }

    /// One continuation resumed once, by whichever comes first: the write's outcome or the task's cancellation.
    private final class Waiter: Sendable {
        private struct State {
            var continuation: CheckedContinuation<Void, any Error>?
            var outcome: Result<Void, any Error>?
        }
        private let state = Mutex(State())

        func wait(_ continuation: CheckedContinuation<Void, any Error>) {
            let outcome = state.withLock { state -> Result<Void, any Error>? in
                if state.outcome == nil { state.continuation = continuation }
                return state.outcome
            }
            if let outcome { continuation.resume(with: outcome) }
        }

        func finish(_ outcome: Result<Void, any Error>) {
            let continuation = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard state.outcome == nil else { return nil }
                state.outcome = outcome
                defer { state.continuation = nil }
                return state.continuation
            }
            continuation?.resume(with: outcome)
        }
    }
}
