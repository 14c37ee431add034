import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import NIOCore
import NIOWebSocket
import Synchronization
import Testing
import UndertoneEngine
import UndertoneServer
import UndertoneStore

/// Hostile and careless input at the level a client meets it, over real sockets: nothing crashes the server, an
/// acknowledgement always means stored, a gap is refused.
@Suite("Hardening: input")
struct HardeningInputTests {
    static let started = #"{"v":1,"type":"call_started","call":"h-1","at":0,"channel":"voice","customer":"c","queue":"q"}"#

    /// POSTs `body` with the admin key; returns the status and the problem's detail and errors in one text.
    static func post(_ client: some TestClientProtocol, _ uri: String, _ body: String, key: String = TestServer.adminKey) async throws -> (
        HTTPResponse.Status, String
    ) {
        try await client.execute(uri: uri, method: .post, headers: TestServer.headers(key), body: ByteBuffer(string: body)) { response in
            if response.status.code >= 400 { #expect(response.headers[.contentType] == "application/problem+json", "\(uri): \(response.status)") }
            let object = jsonObject(response.body)
            let text = ([object["detail"] as? String ?? ""] + (object["errors"] as? [String] ?? [])).joined(separator: " | ")
            return (response.status, text.isEmpty ? String(buffer: response.body) : text)
        }
    }

    /// An event moved later by `offset` milliseconds (its `at`, and a turn's `start` and `end`).
    static func shifted(_ event: CallEvent, by offset: Int) -> CallEvent {
        switch event {
        case .callStarted: return event
        case .turn(var turn):
            turn.at += offset
            turn.startMs = turn.startMs.map { $0 + offset }
            turn.endMs = turn.endMs.map { $0 + offset }
            return .turn(turn)
        case .audio(var frame):
            frame.at += offset
            return .audio(frame)
        case .voice(var window):
            window.at += offset
            return .voice(window)
        case .agentAction(var action):
            action.at += offset
            return .agentAction(action)
        case .alertAcknowledged(var acknowledgement):
            acknowledgement.at += offset
            return .alertAcknowledged(acknowledgement)
        case .callEnded(var ended):
            ended.at += offset
            return .callEnded(ended)
        case .tick(var tick):
            tick.at += offset
            return .tick(tick)
        }
    }

    @Test("what used to take the process down is answered with problem JSON, and the server stays up")
    func hostileInput() async throws {
        let server = try await TestServer()
        let nearMax = "9223372036854775000"
        let cases: [(uri: String, body: String, status: HTTPResponse.Status, says: String)] = [
            ("/v1/events", "[1]", .badRequest, "event 1: expected a JSON object"),
            ("/v1/events", #"[{"v":1}, 1, "x", null, [], true]"#, .badRequest, "event 6: expected a JSON object"),
            ("/v1/events", String(repeating: "[", count: 100_000), .badRequest, "not a JSON array of events"),
            (
                "/v1/events",
                Self.started + "\n"
                    + #"{"v":1,"type":"voice","call":"h-1","at":\#(nearMax),"track":"customer","duration":1000,"features":{}}"#,
                .badRequest, #""at" must be at most"#
            ),
            (
                "/v1/events",
                Self.started + "\n"
                    + #"{"v":1,"type":"turn","call":"h-1","at":5,"utterance":"u","speaker":"customer","text":"hi","start":0,"end":\#(nearMax)}"#,
                .badRequest, #""end" must be at most"#
            ),
            (
                "/v1/events",
                #"{"seq":9223372036854775807,"v":1,"type":"call_started","call":"h-2","at":0,"channel":"chat","customer":"c","queue":"q"}"#,
                .badRequest, #""seq" must be a whole number from 1 to 4294967295"#
            ),
            (
                "/v1/events",
                #"{"v":1,"type":"call_started","call":"h-3","at":0,"channel":"chat","customer":"c","queue":"q","history":{"contacts30d":\#(nearMax)}}"#,
                .badRequest, #""history.contacts30d" must be at most"#
            ),
            ("/v1/route", #"{"request":{"callID":"x","intent":"billing","stress":1e308},"roster":[]}"#, .badRequest, "request.stress"),
            (
                "/v1/route",
                #"{"request":{"callID":"x","intent":"billing","nowMs":9223372036854775807},"roster":[{"id":"a","skills":{"billing":3},"idleSinceMs":-9223372036854775808}]}"#,
                .badRequest, "request.nowMs"
            ),
            (
                "/v1/route",
                #"{"request":{"callID":"x","intent":"billing"},"roster":[],"policy":{"queues":[],"intentQueues":{},"defaultQueue":"g","stressWeight":1e308,"riskWeight":1,"segmentPriority":{},"agingPerMinute":1,"seniorStressAbove":0.5,"empathyAnxietyAbove":0.5}}"#,
                .badRequest, "policy.stressWeight"
            ),
        ]
        try await server.run { client in
            for check in cases {
                let (status, says) = try await Self.post(client, check.uri, check.body)
                #expect(status == check.status, "\(check.body.prefix(80)): \(status)")
                #expect(says.contains(check.says), "\(check.body.prefix(80)): \(says)")
            }
            // A WebSocket frame with seq 2^63 - 1: an error frame and 1007, not a trap on `seq + 1`.
            let config = WebSocketClientConfiguration(additionalHeaders: TestServer.headers())
            let close = try await client.ws("/v1/calls/h-4/stream", configuration: config) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                _ = try await messages.next()
                try await outbound.write(
                    .text(
                        #"{"seq":9223372036854775807,"v":1,"type":"call_started","call":"h-4","at":0,"channel":"voice","customer":"c","queue":"q"}"#))
                let error = try await messages.next().flatMap(ServerTests.text).map(jsonObject)
                #expect((error?["detail"] as? String)?.contains("\"seq\" must be a whole number") == true)
            }
            #expect(close?.closeCode == .dataInconsistentWithMessage)

            // An acknowledgement on a call whose events sit at the latest time there is: answered, its time kept in range.
            let events = try TestServer.exampleCall("04").filter { if case .callEnded = $0 { false } else { true } }
            let offset = CallEvent.latestAt - (events.map(\.at).max() ?? 0)
            let late = events.map { Self.shifted($0, by: offset) }
            let (status, _) = try await Self.post(client, "/v1/events", late.map { CallEvents.encode($0) }.joined(separator: "\n"))
            #expect(status == .ok)
            let alert = try #require(try await server.context.store.alerts(AlertFilter(callID: events[0].callID, state: .open)).first)
            let (acknowledged, detail) = try await Self.post(client, "/v1/alerts/\(alert.alertID)/ack", #"{"outcome":"useful"}"#)
            #expect(acknowledged == .ok, "\(detail)")
            #expect(try await server.context.store.call(events[0].callID)?.lastAt == CallEvent.latestAt)
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("REST: the next sequence number is taken, a resent one is a duplicate, one beyond the next refuses the call's batch")
    func restSequences() async throws {
        let server = try await TestServer()
        let call = "seq-rest"
        @Sendable func turn(_ seq: Int) -> String {
            #"{"seq":\#(seq),"v":1,"type":"turn","call":"\#(call)","at":\#(seq * 1_000),"utterance":"u\#(seq)","speaker":"customer","text":"number \#(seq)"}"#
        }
        let start = #"{"seq":1,"v":1,"type":"call_started","call":"\#(call)","at":0,"channel":"chat","customer":"c","queue":"q"}"#
        try await server.run { client in
            // 1, 5, 3: 5 is a gap; nothing of the call is stored (not even 1), and the answer says what to resend.
            let (refused, says) = try await HardeningInputTests.post(client, "/v1/events", [start, turn(5), turn(3)].joined(separator: "\n"))
            #expect(refused == .conflict)
            #expect(says.contains("sequence gap") && says.contains("expected 2, received 5"), "\(says)")
            #expect(try await server.context.store.call(call) == nil)
            #expect(try await server.context.store.lastClientSequence(call: call) == nil)

            try await client.execute(
                uri: "/v1/events", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: [start, turn(2), turn(3)].joined(separator: "\n"))
            ) { response in
                #expect(response.status == .ok)
                #expect((jsonObject(response.body)["calls"] as? [String: [String: Int]])?[call]?["lastSeq"] == 3)
            }
            try await client.execute(
                uri: "/v1/events", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: [turn(2), turn(3), turn(4)].joined(separator: "\n"))
            ) { response in
                let object = jsonObject(response.body)
                #expect(object["accepted"] as? Int == 1)
                #expect(object["duplicates"] as? Int == 2)
            }
            let stored = try await server.context.store.entries(call: call, after: 0, limit: 100).compactMap(\.entry.clientSequence)
            #expect(stored == [1, 2, 3, 4])
        }
    }

    @Test("WebSocket: a resend inside the session is a duplicate, a gap closes it (1008); audio frames' numbers survive a restart")
    func webSocketSequences() async throws {
        let first = try await TestServer()
        let config = WebSocketClientConfiguration(additionalHeaders: TestServer.headers())
        let start = CallEvent.callStarted(CallStarted(callID: "seq-ws", channel: .voice, customerID: "c", queue: "q"))
        let frames = ServerTests.voiceFrames(callID: "seq-ws", seconds: 2, agitatedFrom: 1)
        @Sendable func audio(_ event: CallEvent, seq: UInt32) -> ByteBuffer {
            guard case .audio(let frame) = event else { return ByteBuffer() }
            var buffer = ByteBuffer()
            buffer.writeInteger(seq, endianness: .big)
            buffer.writeInteger(UInt32(frame.at), endianness: .big)
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(UInt8(1))
            buffer.writeInteger(UInt16(frame.sampleRate), endianness: .big)
            buffer.writeBytes(frame.samples)
            return buffer
        }
        try await first.run { client in
            let close = try await client.ws("/v1/calls/seq-ws/stream", configuration: config) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                func nextAck() async throws -> [String: Any]? {
                    while let message = try await messages.next().flatMap(ServerTests.text) {
                        let object = jsonObject(message)
                        if ["ack", "error"].contains(object["type"] as? String) { return object }
                    }
                    return nil
                }
                _ = try await messages.next()
                try await outbound.write(.text(try TestServer.line(start, seq: 1)))
                #expect(try await nextAck()?["acknowledged"] as? [Int] == [1])
                // Sent again in the same session: acknowledged as a duplicate, the session goes on.
                try await outbound.write(.text(try TestServer.line(start, seq: 1)))
                #expect(try await nextAck()?["duplicates"] as? [Int] == [1])
                for (index, frame) in frames.enumerated() {
                    try await outbound.write(.binary(audio(frame, seq: UInt32(index + 2))))
                    #expect(try await nextAck()?["acknowledged"] as? [Int] == [index + 2])
                }
                // An audio frame numbered 2^32 - 1: a gap, refused, and nothing after it becomes a "duplicate".
                try await outbound.write(.binary(audio(frames[0], seq: UInt32.max)))
                let error = try await nextAck()
                #expect(error?["type"] as? String == "error")
                #expect((error?["detail"] as? String)?.contains("expected \(frames.count + 2), received \(UInt32.max)") == true)
            }
            #expect(close?.closeCode == .policyViolation)
            #expect(try await first.context.store.lastClientSequence(call: "seq-ws") == frames.count + 1)
        }
        // A new server on the same log: the audio frames' numbers were stored with the call, so resuming starts after them.
        let second = try await TestServer(databasePath: first.databasePath)
        try await second.run { client in
            try await client.ws("/v1/calls/seq-ws/stream", configuration: config) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                let ready = try await messages.next().flatMap(ServerTests.text).map(jsonObject)
                #expect(ready?["lastSeq"] as? Int == frames.count + 1)
                try await outbound.write(.binary(audio(frames[0], seq: UInt32(frames.count + 2))))
                let ack = try await messages.next().flatMap(ServerTests.text).map(jsonObject)
                #expect(ack?["acknowledged"] as? [Int] == [frames.count + 2])
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test("a call's start resent to a server that never held the call (a restart, another node): the log answers, nothing is logged twice")
    func startResentToAnotherServer() async throws {
        let first = try await TestServer()
        let call = "start-again"
        let start = #"{"seq":1,"v":1,"type":"call_started","call":"\#(call)","at":0,"channel":"chat","customer":"c","queue":"q"}"#
        let unnumbered = #"{"v":1,"type":"call_started","call":"\#(call)","at":0,"channel":"chat","customer":"c","queue":"q"}"#
        @Sendable func turn(_ seq: Int) -> String {
            #"{"seq":\#(seq),"v":1,"type":"turn","call":"\#(call)","at":\#(seq * 1_000),"utterance":"u\#(seq)","speaker":"customer","text":"this is the third time I ask"}"#
        }
        try await first.run { client in
            let (status, detail) = try await HardeningInputTests.post(client, "/v1/events", [start, turn(2)].joined(separator: "\n"))
            #expect(status == .ok, "\(detail)")
        }
        let second = try await TestServer(databasePath: first.databasePath)
        try await second.run { client in
            let logged = try await second.context.store.entries(call: call, after: 0, limit: 100).count
            #expect(logged >= 2)
            // Numbered: a duplicate of what the log holds, acknowledged and not run again.
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: start)) { response in
                #expect(response.status == .ok)
                let object = jsonObject(response.body)
                #expect(object["accepted"] as? Int == 0)
                #expect(object["duplicates"] as? Int == 1)
                #expect((object["outputs"] as? [Any])?.isEmpty == true)
            }
            // Unnumbered: the call has started already.
            let (refused, says) = try await HardeningInputTests.post(client, "/v1/events", unnumbered)
            #expect(refused == .conflict)
            #expect(says.contains("has already started"), "\(says)")
            #expect(try await second.context.store.entries(call: call, after: 0, limit: 100).count == logged)
            // The call goes on from where the log has it.
            let (next, nextDetail) = try await HardeningInputTests.post(client, "/v1/events", turn(3))
            #expect(next == .ok, "\(nextDetail)")
            let sequences = try await second.context.store.entries(call: call, after: 0, limit: 100).compactMap(\.entry.clientSequence)
            #expect(sequences == [1, 2, 3])
        }
    }
}
