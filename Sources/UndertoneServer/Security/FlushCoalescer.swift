import NIOCore

/// Next to the socket of a WebSocket connection: the flushes asked for while the event loop works through its queue
/// become one, at the end of what it has queued. A session writes an event's ack and then each of its outputs, every
/// message flushed on its own, and the live feed writes one message per decision; each flush was its own `writev`.
/// Deferred this way, what was written in one turn of the loop leaves in one system call.
///
/// Nothing waits longer than the loop's next pass, and nothing is lost: a close, or the handler's removal, flushes what
/// is pending first.
final class FlushCoalescer: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private var pending = false

    func flush(context: ChannelHandlerContext) {
        guard !pending else { return }
        pending = true
        context.eventLoop.assumeIsolated().execute { [self] in
            guard pending else { return }
            pending = false
            context.flush()
        }
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        flushPending(context)
        context.close(mode: mode, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        flushPending(context)
    }

    private func flushPending(_ context: ChannelHandlerContext) {
        guard pending else { return }
        pending = false
        context.flush()
    }
}
