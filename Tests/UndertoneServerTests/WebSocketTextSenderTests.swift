import NIOCore
import NIOEmbedded
import NIOWebSocket
import Synchronization
import Testing

@testable import UndertoneServer

@Suite("WebSocket text sender")
struct WebSocketTextSenderTests {
    /// Set once by one task, read by another.
    final class Flag: Sendable {
        private let state = Mutex(false)
        var isSet: Bool { state.withLock { $0 } }
        func set() { state.withLock { $0 = true } }
    }

    /// Keeps the writes that reach it (a socket that takes nothing) until released; used on the channel's loop only.
    final class Holding: ChannelOutboundHandler, @unchecked Sendable {
        typealias OutboundIn = WebSocketFrame
        private var held: [(NIOAny, EventLoopPromise<Void>?)] = []
        private var context: ChannelHandlerContext?

        func handlerAdded(context: ChannelHandlerContext) { self.context = context }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            held.append((data, promise))
        }

        func flush(context: ChannelHandlerContext) {}

        func release() {
            guard let context else { return }
            for (data, promise) in held { context.write(data, promise: promise) }
            held.removeAll()
            context.flush()
        }
    }

    static func texts(_ channel: NIOAsyncTestingChannel) async throws -> [String] {
        var texts: [String] = []
        while let frame = try await channel.readOutbound(as: WebSocketFrame.self) {
            #expect(frame.fin && frame.opcode == .text && frame.maskKey == nil)
            texts.append(String(buffer: frame.unmaskedData))
        }
        return texts
    }

    @Test("an ack and its outputs leave as text frames in order; a full channel holds the sender until they are written or its task is cancelled")
    func ordersAndHoldsBack() async throws {
        let holding = Holding()
        let channel = NIOAsyncTestingChannel()
        try await channel.pipeline.addHandler(holding)
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9))
        let sender = WebSocketTextSender(channel: channel)

        // Writable: the sender goes on while the socket has not taken the frames yet.
        try await sender.send(["{\"type\":\"ack\"}", "{\"type\":\"signal\"}", "{\"type\":\"decision\"}"])
        #expect(try await Self.texts(channel) == [])
        try await channel.testingEventLoop.executeInContext { holding.release() }
        #expect(try await Self.texts(channel) == ["{\"type\":\"ack\"}", "{\"type\":\"signal\"}", "{\"type\":\"decision\"}"])

        // Above the high-water mark: the sender waits until its frames are written.
        channel.isWritable = false
        let returned = Flag()
        let sending = Task {
            try await sender.send(["{\"type\":\"ack\",\"seq\":2}"])
            returned.set()
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(!returned.isSet, "the sender waits while the channel is full")
        try await channel.testingEventLoop.executeInContext { holding.release() }
        try await sending.value
        #expect(returned.isSet)
        #expect(try await Self.texts(channel) == ["{\"type\":\"ack\",\"seq\":2}"])

        // Cancelled while it waits (a revoked key, a shutdown): it stops waiting at once; the frame stays queued.
        let stopped = Flag()
        let cancelled = Task {
            defer { stopped.set() }
            try await sender.send(["{\"type\":\"error\"}"])
        }
        try await Task.sleep(for: .milliseconds(100))
        cancelled.cancel()
        try await Task.sleep(for: .milliseconds(200))
        #expect(stopped.isSet, "a cancelled send stops waiting while its frame is still held")
        try await channel.testingEventLoop.executeInContext { holding.release() }
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(try await Self.texts(channel) == ["{\"type\":\"error\"}"])

        // Closed: the sender fails, so the stream ends rather than ack into nothing.
        channel.isWritable = true
        try await channel.close()
        await #expect(throws: (any Error).self) { try await sender.send("{\"type\":\"ack\",\"seq\":3}") }
    }
}
