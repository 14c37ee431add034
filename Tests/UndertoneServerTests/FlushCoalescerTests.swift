import NIOCore
import NIOEmbedded
import Testing

@testable import UndertoneServer

/// `FlushCoalescer` on an embedded channel, whose event loop runs only when told: what one pass of the loop writes
/// leaves together, and a close never strands a write.
@Suite("WebSocket writes: flushes coalesced")
struct FlushCoalescerTests {
    static func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(FlushCoalescer())
        return channel
    }

    static func write(_ text: String, to channel: EmbeddedChannel) {
        channel.write(ByteBuffer(string: text), promise: nil)
        channel.flush()
    }

    /// Everything the socket has been given so far, as text.
    static func sent(_ channel: EmbeddedChannel) throws -> [String] {
        var texts: [String] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { texts.append(String(buffer: buffer)) }
        return texts
    }

    @Test("three messages each flushed reach the socket at the loop's next pass, in order, and not before")
    func oneFlushAPass() throws {
        let channel = try Self.channel()
        Self.write("ack", to: channel)
        Self.write("signal", to: channel)
        Self.write("decision", to: channel)
        #expect(try Self.sent(channel).isEmpty)
        channel.embeddedEventLoop.run()
        #expect(try Self.sent(channel) == ["ack", "signal", "decision"])
        // The next message starts a new pass.
        Self.write("guidance", to: channel)
        #expect(try Self.sent(channel).isEmpty)
        channel.embeddedEventLoop.run()
        #expect(try Self.sent(channel) == ["guidance"])
        _ = try channel.finish()
    }

    @Test("a close right after a write sends the write first")
    func closeFlushesFirst() throws {
        let channel = try Self.channel()
        Self.write("close frame", to: channel)
        channel.close(promise: nil)
        #expect(try Self.sent(channel) == ["close frame"])
        #expect(!channel.isActive)
    }

    @Test("taking the handler out sends what it held")
    func removalFlushes() throws {
        let channel = try Self.channel()
        Self.write("last words", to: channel)
        let handler = try channel.pipeline.syncOperations.handler(type: FlushCoalescer.self)
        try channel.pipeline.syncOperations.removeHandler(handler).wait()
        #expect(try Self.sent(channel) == ["last words"])
        _ = try channel.finish()
    }
}
