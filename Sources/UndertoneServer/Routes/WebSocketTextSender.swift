import NIOCore
import NIOWebSocket

/// Writes text messages to a WebSocket's channel, all those of one call in one hop to its event loop and one flush.
/// An ingest stream answers each message with its ack and the engine's outputs; Hummingbird's writer takes one frame a
/// call, each its own hop (the async writer's yield, then an `execute` on the loop). Back-pressure stays: while the
/// channel holds more than its high-water mark, `send` returns only once its messages are written to the socket (and
/// on a closed channel it throws).
///
/// The frames go in at the pipeline's tail, ahead of nothing Hummingbird writes later: what it writes after a `send`
/// returns (a close frame) leaves after these messages, the event loop running tasks in the order they were given.
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
        if !channel.isWritable || !channel.isActive { try await written.futureResult.get() }
    }

    func send(_ text: String) async throws {
        try await send([text])
    }
}
