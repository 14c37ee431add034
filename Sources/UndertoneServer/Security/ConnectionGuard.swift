import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Limits on what a connection may do before it is a request: how long its first request head may take and how large
/// it may be.
public struct ConnectionLimits: Sendable, Equatable {
    /// The first request head must arrive whole within this time of connecting (else 408 and close).
    public var requestHeadTimeout: Duration = .seconds(15)
    /// A request head (request line and headers) may be at most this large (else 431 and close).
    public var maxRequestHeadBytes = 64 << 10
    /// A connection with no request in progress is closed after this long (HTTP keep-alive).
    public var idleTimeout: Duration = .seconds(60)

    public init() {}
}

/// A refused WebSocket upgrade, sent down the connection's pipeline so that `ConnectionGuard` answers it with its own
/// status and problem JSON (Hummingbird answers every refused upgrade with an empty 400).
struct UpgradeRefused: Sendable {
    var status: HTTPResponse.Status
    var body: String
}

/// The first handler of every connection, next to the socket. Until the first request head is whole it counts its bytes
/// and its time: too large is answered 431, too slow 408, and the connection closed, before the HTTP decoder holds any
/// of it. It also answers a refused WebSocket upgrade with the refusal's own status and problem JSON.
///
/// Later requests on a kept-alive connection are bounded by the HTTP decoder's own limits and the idle timeout.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private enum State {
        /// Reading the first request head: its bytes so far, and the end of what was read (to find a blank line split
        /// across reads).
        case head(bytes: Int, tail: [UInt8])
        case passing
        case refused(sent: Bool)
        case closing
    }

    private let limits: ConnectionLimits
    private var state = State.head(bytes: 0, tail: [])
    private var timeout: Scheduled<Void>?

    init(limits: ConnectionLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTimer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startTimer(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timeout?.cancel()
    }

    private func startTimer(_ context: ChannelHandlerContext) {
        guard timeout == nil, case .head = state else { return }
        timeout = context.eventLoop.assumeIsolated().scheduleTask(in: .init(limits.requestHeadTimeout)) { [self] in
            guard case .head = state else { return }
            answer(context, .requestTimeout, "the request head did not arrive within \(limits.requestHeadTimeout)")
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .passing, .refused:
            context.fireChannelRead(data)
        case .closing:
            break
        case .head(let bytes, let tail):
            let buffer = unwrapInboundIn(data)
            let view = buffer.readableBytesView
            let scanned = tail + view.prefix(limits.maxRequestHeadBytes + 4)
            if let end = Self.blankLine(in: scanned), bytes - tail.count + end <= limits.maxRequestHeadBytes {
                timeout?.cancel()
                state = .passing
                context.fireChannelRead(data)
            } else if bytes + view.count > limits.maxRequestHeadBytes {
                answer(
                    context, .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                    "the request head is over \(limits.maxRequestHeadBytes) bytes")
            } else {
                state = .head(bytes: bytes + view.count, tail: Array(scanned.suffix(3)))
                context.fireChannelRead(data)
            }
        }
    }

    /// Where the first `\r\n\r\n` ends in `bytes`, if anywhere.
    private static func blankLine(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count
        where bytes[index] == 10 && bytes[index - 1] == 13 && bytes[index - 2] == 10 && bytes[index - 3] == 13 {
            return index + 1
        }
        return nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let refusal = event as? UpgradeRefused, case .passing = state {
            self.refusal = refusal
            state = .refused(sent: false)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private var refusal: UpgradeRefused?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch state {
        case .refused(let sent):
            // The failed upgrade's empty 400 becomes the refusal; whatever follows it (its end) is dropped, and the
            // connection closes as Hummingbird closes it after a failed upgrade.
            guard !sent, let refusal else {
                promise?.succeed()
                return
            }
            state = .refused(sent: true)
            let bytes = Self.response(refusal.status, body: refusal.body, allocator: context.channel.allocator)
            context.write(wrapOutboundOut(.byteBuffer(bytes)), promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    /// Answers with problem JSON and closes, before the request reached the HTTP layer. The write side closes first and
    /// what the client still sends is read and dropped for a moment: closing with unread bytes would reset the
    /// connection, and the client could lose the answer.
    private func answer(_ context: ChannelHandlerContext, _ status: HTTPResponse.Status, _ detail: String) {
        guard context.channel.isActive else { return }
        state = .closing
        timeout?.cancel()
        let body = Problem.body(status, detail)
        let bytes = Self.response(status, body: body, allocator: context.channel.allocator)
        context.writeAndFlush(wrapOutboundOut(.byteBuffer(bytes))).assumeIsolated().whenComplete { _ in
            context.close(mode: .output, promise: nil)
            context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { context.close(promise: nil) }
        }
    }

    /// A whole HTTP/1.1 response with a problem JSON body that closes the connection.
    static func response(_ status: HTTPResponse.Status, body: String, allocator: ByteBufferAllocator) -> ByteBuffer {
        let head =
            "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\ncontent-type: application/problem+json\r\n"
            + "content-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n"
        var buffer = allocator.buffer(capacity: head.utf8.count + body.utf8.count)
        buffer.writeString(head)
        buffer.writeString(body)
        return buffer
    }
}

/// The HTTP/1 and WebSocket channel with `ConnectionGuard` first in every connection's pipeline.
struct GuardedChannel<Inner: ServerChildChannel>: ServerChildChannel {
    let inner: Inner
    let limits: ConnectionLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Inner.Value> {
        do {
            // Child channels are set up on their own event loop (as Hummingbird's own setup assumes).
            try channel.pipeline.syncOperations.addHandler(ConnectionGuard(limits: limits), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Inner.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
