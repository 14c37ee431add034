import NIOCore
import NIOWebSocket

/// A WebSocket feed subscriber's connection, written to where the feed is published: each message is made into its
/// frame once, whoever receives it, and the frame is written to every connection that may see it, on the connection's
/// event loop — no task woken, no copy made, for each subscriber and message (a supervisor's screen cost about 11 µs an
/// event through an asynchronous stream and writer each; docs/performance.md).
///
/// A screen that reads too slowly keeps the newest ``LiveFeed/bufferSize`` messages: while its connection is not
/// writable the frames wait here and the oldest are dropped, as the feed promises (the store, not the feed, is the
/// record). Once a close frame goes out (the client left, the key was revoked, the server stops) nothing more is
/// written.
struct FeedSink: Sendable {
    let handler: NIOLoopBound<FeedSinkHandler>

    var eventLoop: any EventLoop { handler.eventLoop }

    /// Adds a sink to a WebSocket connection's pipeline, where the frame decoder hands frames on. Nil when it cannot be
    /// added (the channel closed, a pipeline without the frame encoder): the subscriber is then fed the older way.
    static func install(on channel: any Channel) async -> FeedSink? {
        try? await channel.eventLoop.submit {
            let operations = channel.pipeline.syncOperations
            let encoder = try operations.context(handlerType: WebSocketFrameEncoder.self)
            let anchor = try operations.webSocketFrameReader()
            let handler = FeedSinkHandler(encoder: encoder)
            try operations.addHandler(handler, position: .after(anchor.handler))
            return FeedSink(handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
        }.get()
    }

    /// Writes `frames` (made by ``frame(_:)``) on the connection's event loop, in order, with one flush.
    func deliver(_ frames: [ByteBuffer]) {
        if eventLoop.inEventLoop {
            handler.value.write(frames)
        } else {
            let handler = self.handler
            eventLoop.execute { handler.value.write(frames) }
        }
    }

    /// Writes nothing more (the subscription ended); whatever waits is dropped.
    func stop() async {
        let handler = self.handler
        try? await eventLoop.submit { handler.value.stop() }.get()
    }

    /// A feed message's JSON as a final, unmasked text frame (RFC 6455 §5.2), ready to be written to any subscriber.
    static func frame(_ json: String) -> ByteBuffer {
        let length = json.utf8.count
        var buffer = ByteBuffer()
        buffer.reserveCapacity(IngestFrameHandler.frameHeaderSize(length) + length)
        IngestFrameHandler.writeTextFrameHeader(length: length, into: &buffer)
        buffer.writeString(json)
        return buffer
    }
}

/// The sink's handler: it sits after the frame decoder, sees the frames written to the connection (to notice the close
/// frame) and its writability, and writes the feed's frames from the frame encoder's place in the pipeline, below it.
final class FeedSinkHandler: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private var encoder: ChannelHandlerContext?
    private var channel: (any Channel)?
    private var waiting = CircularBuffer<ByteBuffer>()
    private var stopped = false
    /// Frames dropped because the connection could not take them fast enough.
    private(set) var dropped = 0

    init(encoder: ChannelHandlerContext) {
        self.encoder = encoder
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    func write(_ frames: [ByteBuffer]) {
        guard !stopped, let encoder, let channel else { return }
        guard waiting.isEmpty, channel.isWritable else {
            for frame in frames {
                if waiting.count >= LiveFeed.bufferSize {
                    waiting.removeFirst()
                    dropped += 1
                }
                waiting.append(frame)
            }
            return
        }
        for frame in frames { encoder.write(NIOAny(IOData.byteBuffer(frame)), promise: nil) }
        encoder.flush()
    }

    func stop() {
        stopped = true
        waiting.removeAll()
        encoder = nil
        channel = nil
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if !stopped, let encoder, context.channel.isWritable, !waiting.isEmpty {
            while context.channel.isWritable, let frame = waiting.popFirst() { encoder.write(NIOAny(IOData.byteBuffer(frame)), promise: nil) }
            encoder.flush()
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // After a close frame a WebSocket sends no more data (RFC 6455 §5.5.1).
        if unwrapOutboundIn(data).opcode == .connectionClose { stop() }
        context.write(data, promise: promise)
    }
}
