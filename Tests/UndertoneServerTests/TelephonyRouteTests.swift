import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Synchronization
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

/// The telephony adapters over a real socket: the vendors' recorded-style sessions (our fixtures) played to
/// `/v1/telephony/…`, with a transcription source posting the call's words to `/v1/events` meanwhile.
@Suite("Telephony routes")
struct TelephonyRouteTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func twilioFixture() throws -> [String] {
        try String(contentsOf: fixtures.appendingPathComponent("TwilioMediaStream/session.jsonl"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
    }

    /// One step of the AudioHook fixture.
    enum AudioHookStep: Sendable {
        case client(String)
        case binary([UInt8])
        /// What the server must answer: its type, `seq` and `clientseq`.
        case server(type: String, seq: Int, clientseq: Int)
    }

    /// The AudioHook fixture: its upgrade headers and its steps.
    static func audioHookFixture() throws -> (headers: [String: String], steps: [AudioHookStep]) {
        let text = try String(contentsOf: fixtures.appendingPathComponent("AudioHook/session.json"), encoding: .utf8)
        let object = try JSONValue.parse(text)
        guard case .array(let entries) = object["steps"], case .object(let headerValues) = object["headers"] else { return ([:], []) }
        let steps = entries.compactMap { step -> AudioHookStep? in
            if let message = step["client"] { return .client(message.serialized()) }
            if case .string(let audio) = step["binary"], let bytes = Data(base64Encoded: audio) { return .binary([UInt8](bytes)) }
            if let answer = step["server"] {
                let fields = jsonObject(answer.serialized())
                return .server(type: fields["type"] as? String ?? "", seq: fields["seq"] as? Int ?? -1, clientseq: fields["clientseq"] as? Int ?? -1)
            }
            return nil
        }
        let headers = headerValues.compactMapValues { value -> String? in
            if case .string(let text) = value { return text }
            return nil
        }
        return (headers, steps)
    }

    /// A frustrated customer's words, as a transcription source would post them for `callID`, starting at `from` ms.
    static func transcriptLines(callID: String, from: Int) throws -> String {
        let words = [
            "I have called three times about this charge and nobody has fixed it",
            "This is ridiculous, I am absolutely furious, I want to speak to a manager right now",
            "If this is not sorted today I am cancelling my account and going elsewhere",
        ]
        return try words.enumerated().map { index, text in
            try CallEvents.encode(
                .turn(Turn(callID: callID, at: from + index * 4_000, utteranceID: "u\(index + 1)", speaker: .customer, text: text, isFinal: true)))
        }.joined(separator: "\n")
    }

    /// Waits (a few seconds at most) until `check` holds: the server ends a call after the socket has closed.
    static func eventually(_ check: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<250 {
            if try await check() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test("a Twilio Media Streams session starts the call, its transcript produces decisions, stop ends it")
    func twilioStream() async throws {
        let server = try await TestServer()
        let lines = try Self.twilioFixture()
        let start = jsonObject(lines[1])["start"] as? [String: Any] ?? [:]
        let callID = try #require(start["callSid"] as? String)
        let token = try #require((start["customParameters"] as? [String: String])?["token"])
        let decisions = Mutex<[String]>([])
        try await server.run { client in
            _ = try await server.context.keys.create(name: "twilio", role: .supervisor, subject: "cards-east", secret: token)
            try await client.ws("/v1/telephony/twilio") { _, outbound, _ in
                for line in lines[..<6] { try await outbound.write(.text(line)) }
                let started = try await Self.eventually { try await server.context.store.call(callID) != nil }
                #expect(started)
                // The transcription source posts the call's words while the media flows.
                let response = try await client.execute(
                    uri: "/v1/events", method: .post, headers: TestServer.headers(),
                    body: ByteBuffer(string: try Self.transcriptLines(callID: callID, from: 1_000))
                ) { $0 }
                #expect(response.status == .ok)
                let outputs = jsonObject(response.body)["outputs"] as? [[String: Any]] ?? []
                decisions.withLock { $0 = outputs.filter { $0["type"] as? String == "decision" }.compactMap { $0["tier"] as? String } }
                for line in lines[6...] { try await outbound.write(.text(line)) }
                try await outbound.close(.normalClosure, reason: nil)
            }
            let ended = try await Self.eventually { try await server.context.store.call(callID)?.endedAt != nil }
            #expect(ended)
            let call = try #require(try await server.context.store.call(callID))
            #expect(call.customerID == "cust-88213")
            #expect(call.queue == "cards")
            let alerts = try await server.context.store.alerts(AlertFilter(callID: callID))
            #expect(!alerts.isEmpty)
        }
        #expect(!decisions.withLock { $0 }.isEmpty)
    }

    @Test("Twilio streams side by side each end whole: a group holding one call's audio and another call's entries stores them")
    func twilioStreamsTogether() async throws {
        // A shard's group can hold an audio frame of one call that made no entry (Twilio numbers nothing) beside another
        // call's entries; the append once read the first call's head as 0 unread, called it moved, and after eight rounds
        // failed the group: calls ended early with "internal error". `undertone loadtest --telephony twilio` found it.
        let server = try await TestServer()
        let token = "ut_twilio_together"
        let streams = 12
        let closes = Mutex<[WebSocketErrorCode?]>([])
        try await server.run { client in
            _ = try await server.context.keys.create(name: "twilio", role: .admin, subject: nil, secret: token)
            let codes = try await withThrowingTaskGroup(of: WebSocketErrorCode?.self) { group in
                for index in 0..<streams {
                    group.addTask {
                        var messages = TwilioMessages(streamSid: "MZtogether\(index)", callSid: "CA-together-\(index)")
                        var lines = [
                            TwilioMessages.connected, messages.start(parameters: ["token": token, "customer": "cust-\(index)", "queue": "billing"]),
                        ]
                        // One second on each track, 20 ms a message, sent as fast as the socket takes them.
                        for chunk in 0..<50 {
                            for track in ["inbound", "outbound"] {
                                let samples = [UInt8](repeating: UInt8(0x10 + (chunk + index) % 64), count: 160)
                                lines.append(messages.media(track, at: chunk * 20, samples: samples, chunk: chunk + 1))
                            }
                        }
                        lines.append(messages.stop())
                        let close = try await client.ws("/v1/telephony/twilio") { [lines] inbound, outbound, _ in
                            for line in lines { try await outbound.write(.text(line)) }
                            for try await _ in inbound {}
                        }
                        return close?.closeCode
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            closes.withLock { $0 = codes }
            for index in 0..<streams {
                let call = try await server.context.store.call("CA-together-\(index)")
                #expect(call?.endedAt != nil, "call \(index) did not end")
                #expect(call?.lastAt == 1_000, "call \(index) ended at \(call?.lastAt ?? -1) ms, not after its second of audio")
            }
        }
        #expect(closes.withLock { $0 } == Array(repeating: .normalClosure, count: streams))
    }

    @Test("a Twilio session with an unknown token is closed with 1008 and stores nothing")
    func twilioRefusesUnknownToken() async throws {
        let server = try await TestServer()
        let lines = try Self.twilioFixture()
        let callID = try #require((jsonObject(lines[1])["start"] as? [String: Any])?["callSid"] as? String)
        let closeCode = Mutex<WebSocketErrorCode?>(nil)
        try await server.run { client in
            let close = try await client.ws("/v1/telephony/twilio") { inbound, outbound, _ in
                for line in lines[..<3] { try await outbound.write(.text(line)) }
                for try await _ in inbound {}
            }
            closeCode.withLock { $0 = close?.closeCode }
            #expect(try await server.context.store.call(callID) == nil)
        }
        #expect(closeCode.withLock { $0 } == .policyViolation)
    }

    @Test("an AudioHook v2 session: opened, pong, audio, close/closed over a real socket; the call ends and has decisions")
    func audioHookStream() async throws {
        let server = try await TestServer()
        let (headers, steps) = try Self.audioHookFixture()
        let apiKey = try #require(headers["X-API-KEY"])
        guard case .client(let open) = steps.first else { Issue.record("the fixture starts with open"); return }
        let callID = try #require((jsonObject(open)["parameters"] as? [String: Any])?["conversationId"] as? String)
        let fields = HTTPFields(headers.map { HTTPField(name: HTTPField.Name($0.key)!, value: $0.value) })
        let answers = Mutex<[String]>([])
        let decisions = Mutex(0)
        try await server.run { client in
            _ = try await server.context.keys.create(name: "genesys", role: .supervisor, subject: "billing-west", secret: apiKey)
            try await client.ws("/v1/telephony/audiohook", configuration: WebSocketClientConfiguration(additionalHeaders: fields)) {
                inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                for (index, step) in steps.enumerated() {
                    switch step {
                    case .client(let message):
                        try await outbound.write(.text(message))
                    case .binary(let bytes):
                        try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                    case .server(let type, let seq, let clientseq):
                        let text = try #require(try await messages.next().flatMap(ServerTests.text))
                        let answer = jsonObject(text)
                        #expect(answer["type"] as? String == type)
                        #expect(answer["seq"] as? Int == seq)
                        #expect(answer["clientseq"] as? Int == clientseq)
                        answers.withLock { $0.append(answer["type"] as? String ?? "") }
                    }
                    if index == 1 {
                        // Opened: the call exists; the transcription source posts its words.
                        let response = try await client.execute(
                            uri: "/v1/events", method: .post, headers: TestServer.headers(),
                            body: ByteBuffer(string: try Self.transcriptLines(callID: callID, from: 500))
                        ) { $0 }
                        #expect(response.status == .ok)
                        let outputs = jsonObject(response.body)["outputs"] as? [[String: Any]] ?? []
                        decisions.withLock { $0 = outputs.filter { $0["type"] as? String == "decision" }.count }
                    }
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
            let ended = try await Self.eventually { try await server.context.store.call(callID)?.endedAt != nil }
            #expect(ended)
            #expect(try await server.context.store.call(callID)?.customerID == "cust-4410")
        }
        #expect(answers.withLock { $0 } == ["opened", "pong", "pong", "closed"])
        #expect(decisions.withLock { $0 } > 0)
    }

    @Test("AudioHook refuses an upgrade without a valid key (401), counted as unauthorized")
    func audioHookRefusesUpgrade() async throws {
        let server = try await TestServer()
        try await server.run { client in
            await #expect(throws: (any Error).self) {
                try await client.ws("/v1/telephony/audiohook") { _, _, _ in }
            }
            let wrongKey = WebSocketClientConfiguration(additionalHeaders: [HTTPField.Name("X-API-KEY")!: "ut_not_a_key"])
            await #expect(throws: (any Error).self) {
                try await client.ws("/v1/telephony/audiohook", configuration: wrongKey) { _, _, _ in }
            }
            let metrics = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(metrics.contains("undertone_rejected_total{reason=\"unauthorized\",via=\"audiohook\"} 2"))
        }
    }
}
