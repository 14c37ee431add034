import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import NIOWebSocket
import Testing
import UndertoneStore

@testable import UndertoneServer

/// The WebSocket feed's sink on a connection of its own (`EmbeddedChannel`): frames in order, the newest kept while the
/// connection cannot take more, nothing after a close frame.
@Suite("Live feed: frames written to each WebSocket subscriber")
struct FeedSinkTests {
    /// A channel with the frame encoder and a sink after it, as `FeedSink.install` lays them out.
    static func channel() throws -> (EmbeddedChannel, FeedSink) {
        let channel = EmbeddedChannel()
        let operations = channel.pipeline.syncOperations
        try operations.addHandler(WebSocketFrameEncoder())
        let encoder = try operations.context(handlerType: WebSocketFrameEncoder.self)
        let handler = FeedSinkHandler(encoder: encoder)
        try operations.addHandler(handler)
        return (channel, FeedSink(handler: NIOLoopBound(handler, eventLoop: channel.eventLoop)))
    }

    /// The texts of the frames written so far.
    static func written(_ channel: EmbeddedChannel) throws -> [String] {
        var bytes: [UInt8] = []
        while let buffer = try channel.readOutbound(as: IOData.self) {
            guard case .byteBuffer(let buffer) = buffer else { continue }
            bytes += buffer.readableBytesView
        }
        return IngestFrameHandlerTests.frames(Array("HTTP/1.1 101\r\n\r\n".utf8) + bytes).map { String(decoding: $0.payload, as: UTF8.self) }
    }

    @Test("messages go out as text frames, in order, a short one and one over 125 bytes")
    func inOrder() throws {
        let (channel, sink) = try Self.channel()
        let long = "{\"type\":\"signal\",\"text\":\"" + String(repeating: "é", count: 200) + "\"}"
        sink.deliver([FeedSink.frame("{\"n\":1}"), FeedSink.frame(long)])
        sink.deliver([FeedSink.frame("{\"n\":3}")])
        #expect(try Self.written(channel) == ["{\"n\":1}", long, "{\"n\":3}"])
    }

    @Test("while the connection cannot take more the newest messages wait, the oldest dropped; they go once it can")
    func slowReader() throws {
        let (channel, sink) = try Self.channel()
        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        let count = LiveFeed.bufferSize + 6
        for n in 1...count { sink.deliver([FeedSink.frame("{\"n\":\(n)}")]) }
        #expect(try Self.written(channel).isEmpty)
        #expect(sink.handler.value.dropped == 6)
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        #expect(try Self.written(channel) == (7...count).map { "{\"n\":\($0)}" })
    }

    @Test("after a close frame nothing more is written")
    func afterClose() throws {
        let (channel, sink) = try Self.channel()
        sink.deliver([FeedSink.frame("{\"n\":1}")])
        try channel.writeOutbound(WebSocketFrame(fin: true, opcode: .connectionClose, data: ByteBuffer(bytes: [0x03, 0xE8])))
        sink.deliver([FeedSink.frame("{\"n\":2}")])
        var bytes: [UInt8] = []
        while let data = try channel.readOutbound(as: IOData.self) {
            if case .byteBuffer(let buffer) = data { bytes += buffer.readableBytesView }
        }
        let frames = IngestFrameHandlerTests.frames(Array("HTTP/1.1 101\r\n\r\n".utf8) + bytes)
        #expect(frames.map(\.opcode) == [0x1, 0x8])
        #expect(frames.first.map { String(decoding: $0.payload, as: UTF8.self) } == "{\"n\":1}")
    }

    @Test("a message is made into its frame once and shared by the subscribers that may see it")
    func shared() async throws {
        let feed = LiveFeed()
        let (first, firstSink) = try Self.channel()
        let (second, secondSink) = try Self.channel()
        let admin = Principal(keyID: "a", name: "A", role: .admin, subject: nil)
        _ = feed.subscribe(admin, sink: firstSink)
        _ = feed.subscribe(admin, types: ["decision"], sink: secondSink)
        feed.publish([
            FeedMessage(callID: "c", agentID: nil, team: nil, type: "signal", json: "{\"type\":\"signal\"}"),
            FeedMessage(callID: "c", agentID: nil, team: nil, type: "decision", json: "{\"type\":\"decision\"}"),
        ])
        #expect(try Self.written(first) == ["{\"type\":\"signal\"}", "{\"type\":\"decision\"}"])
        #expect(try Self.written(second) == ["{\"type\":\"decision\"}"])
    }

    @Test("a Server-Sent Events subscriber gets each message it may see as its event, what waits taken in one piece; cancelling ends it")
    func serverSentEvents() async throws {
        let feed = LiveFeed()
        let admin = Principal(keyID: "a", name: "A", role: .admin, subject: nil)
        let all = feed.subscribeEvents(admin)
        let decisions = feed.subscribeEvents(admin, types: ["decision"])
        feed.publish([
            FeedMessage(callID: "c", agentID: nil, team: nil, type: "signal", json: "{\"type\":\"signal\"}"),
            FeedMessage(callID: "c", agentID: nil, team: nil, type: "decision", json: "{\"type\":\"decision\"}"),
        ])
        all.events.push(ByteBuffer(string: ": heartbeat\n\n"))
        let allText = all.events.takeAll().map { String(buffer: $0) }
        let decisionText = decisions.events.takeAll().map { String(buffer: $0) }
        #expect(all.events.takeAll() == nil)
        feed.cancel(all.id)
        feed.cancel(decisions.id)
        all.events.push(ByteBuffer(string: "after"))
        #expect(all.events.takeAll() == nil)
        var wakes = 0
        for await _ in all.events.wakes { wakes += 1 }
        #expect(wakes == 1)
        #expect(allText == "event: signal\ndata: {\"type\":\"signal\"}\n\nevent: decision\ndata: {\"type\":\"decision\"}\n\n: heartbeat\n\n")
        #expect(decisionText == "event: decision\ndata: {\"type\":\"decision\"}\n\n")
        #expect(feed.subscriberCount == 0)
    }

    @Test("over a real socket: a screen's feed gets a call's messages as frames, and is forgotten once the screen leaves")
    func overTheSocket() async throws {
        let server = try await TestServer()
        try await server.run { client in
            let port = try #require(client.port)
            try await RawConnection.with(port: port) { connection in
                await connection.send(RawConnection.upgrade("/v1/feed/ws", headers: ["Authorization: Bearer \(TestServer.adminKey)"]))
                _ = try await connection.read(until: { $0.contains("\r\n\r\n") })
                for _ in 0..<500 where server.context.feed.subscriberCount < 1 { try await Task.sleep(for: .milliseconds(10)) }
                #expect(server.context.feed.subscriberCount == 1)
                let lines = [
                    #"{"v":1,"type":"call_started","call":"sink-1","at":0,"channel":"chat","customer":"c","queue":"billing"}"#,
                    #"{"v":1,"type":"turn","call":"sink-1","at":1000,"utterance":"u1","speaker":"customer","text":"I am furious, this is the third time"}"#,
                ]
                try await client.execute(
                    uri: "/v1/events", method: .post,
                    headers: [.authorization: "Bearer \(TestServer.adminKey)", .contentType: "application/x-ndjson"],
                    body: ByteBuffer(string: lines.joined(separator: "\n"))
                ) { #expect($0.status == .ok) }
                try await IngestFrameHandlerTests.wait(for: connection) { bytes in
                    IngestFrameHandlerTests.frames(bytes).contains { String(decoding: $0.payload, as: UTF8.self).contains("\"type\":\"signal\"") }
                }
                let types = IngestFrameHandlerTests.frames(connection.bytes).map {
                    jsonObject(String(decoding: $0.payload, as: UTF8.self))["type"] as? String
                }
                #expect(Array(types.prefix(3)) == ["call_started", "turn", "signal"], "\(types)")
            }
            // The screen left (its socket closed): the feed forgets it.
            for _ in 0..<500 where server.context.feed.subscriberCount > 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(server.context.feed.subscriberCount == 0)
        }
    }
}
