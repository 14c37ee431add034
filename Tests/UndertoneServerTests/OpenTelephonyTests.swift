import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import HummingbirdWebSocket
import NIOCore
import NIOPosix
import NIOWebSocket
import Synchronization
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

/// jambonz `listen` and Asterisk AudioSocket: the sessions on their own, then over real sockets against a running
/// server — a call with voice windows (and words when a transcriber is configured), ended when the socket closes, listed
/// by `GET /v1/calls`; bad frames refused with the documented answers and counted.
@Suite("Open telephony: jambonz and AudioSocket", .serialized)
struct OpenTelephonyTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func metadata() throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("Jambonz/metadata.json"), encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// The speech fixture as 16-bit little-endian PCM at 8 kHz.
    static func pcm16() throws -> [UInt8] {
        try SpeechTests.speech().flatMap { code -> [UInt8] in
            let sample = UInt16(bitPattern: G711.MuLaw.decode(code))
            return [UInt8(sample & 0xff), UInt8(sample >> 8)]
        }
    }

    /// Stereo frames: the speech on the left (the caller), silence on the right.
    static func stereo(_ mono: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(mono.count * 2)
        var index = 0
        while index + 1 < mono.count {
            out += [mono[index], mono[index + 1], 0, 0]
            index += 2
        }
        return out
    }

    /// An AudioSocket frame: type, two-byte big-endian length, payload.
    static func frame(_ type: UInt8, _ payload: [UInt8] = []) -> [UInt8] {
        [type, UInt8(payload.count >> 8), UInt8(payload.count & 0xff)] + payload
    }

    static func uuidBytes(_ uuid: UUID) -> [UInt8] {
        withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }

    // MARK: The sessions alone

    @Test("jambonz metadata starts the call; stereo frames become both tracks; the socket's close ends it")
    func jambonzSession() throws {
        var session = JambonzListenSession()
        let started = try session.receive(text: try Self.metadata()).events
        guard case .callStarted(let call) = started.first else { Issue.record("no call_started"); return }
        #expect(call.callID == "b5d2a8c4-1f3e-4a6b-9c8d-7e6f5a4b3c2d")
        #expect(call.customerID == "cust-7731" && call.queue == "retention" && call.team == "retention-east")
        let frames = try session.receive(binary: [1, 0, 2, 0, 3, 0, 4, 0]).events
        #expect(frames.count == 2)
        if case .audio(let left) = frames[0], case .audio(let right) = frames[1] {
            #expect(left.track == .customer && left.samples == [1, 0, 3, 0])
            #expect(right.track == .agent && right.samples == [2, 0, 4, 0])
        }
        let next = try session.receive(binary: [UInt8](repeating: 0, count: 640)).events
        #expect(next.first?.at == 0 && session.position == 162)
        #expect(session.connectionClosed() == [.callEnded(CallEnded(callID: call.callID, at: 20))])
        #expect(session.connectionClosed().isEmpty)
    }

    @Test(
        "jambonz refuses: audio before the metadata, a ragged frame, an unsupported rate or mix, metadata without callSid",
        arguments: [
            (nil as String?, [1, 2] as [UInt8], AdapterError.unexpectedMessage("audio before the metadata text frame")),
            (
                #"{"callSid":"c1","mixType":"stereo"}"#, [1, 2, 3, 4, 5, 6],
                .invalidAudio("a frame of 6 bytes; stereo 16-bit PCM comes in multiples of 4")
            ),
        ])
    func jambonzRefusals(metadata: String?, binary: [UInt8], expected: AdapterError) throws {
        var session = JambonzListenSession()
        if let metadata { _ = try session.receive(text: metadata) }
        #expect(throws: expected) { try session.receive(binary: binary) }
        #expect(session.terminate(with: expected).close?.code == expected.closeCode)
        #expect(throws: AdapterError.self) { try JambonzListenSession().receiving(#"{"callSid":"c","sampleRate":44100}"#) }
        #expect(throws: AdapterError.self) { try JambonzListenSession().receiving(#"{"callSid":"c","mixType":"quad"}"#) }
        #expect(throws: AdapterError.self) { try JambonzListenSession().receiving(#"{"from":"+1555"}"#) }
    }

    @Test("AudioSocket framing: the UUID first, audio after the leg is found, frames split anywhere, hang-up ends the call")
    func audioSocketSession() throws {
        var session = AudioSocketSession()
        let uuid = UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        let bytes = Self.frame(0x01, Self.uuidBytes(uuid)) + Self.frame(0x10, [1, 0, 2, 0]) + Self.frame(0x03, [0x35]) + Self.frame(0x00)
        // Split mid-frame: the session waits for the rest.
        #expect(try session.receive(bytes: Array(bytes[..<10])).isEmpty)
        #expect(try session.receive(bytes: Array(bytes[10...])).isEmpty)
        #expect(session.phase == .identifying && session.uuid == "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
        let outputs = try session.begin(callID: "c9", track: .customer, started: nil)
        #expect(outputs.events.map(\.type) == ["audio", "call_ended"])
        #expect(outputs.close?.code == .normal)
        #expect(session.phase == .ended)
    }

    @Test(
        "AudioSocket refuses an unknown type, an oversized payload, audio before the UUID, a bad UUID frame",
        arguments: [
            (frame(0x42, [0]), AdapterError.unknownMessageType("0x42")),
            ([0x10, 0xff, 0xff], .tooBig(size: 65_535, limit: 16_000)),
            (frame(0x10, [0, 0]), .unexpectedMessage("audio before the UUID frame")),
            (frame(0x01, [1, 2, 3]), .invalidMessage("the UUID frame must hold 16 bytes, not 3")),
        ])
    func audioSocketRefusals(bytes: [UInt8], expected: AdapterError) {
        var session = AudioSocketSession()
        #expect(throws: expected) { try session.receive(bytes: bytes) }
        #expect(session.phase == .failed)
    }

    // MARK: Over real sockets

    /// What the log holds for the call: voice windows, final turns, whether it ended; and whether `GET /v1/calls` lists it.
    static func check(_ server: TestServer, client: some TestClientProtocol, callID: String, words: Bool) async throws {
        #expect(try await SpeechTests.eventually { try await SpeechTests.heard(server.context.store, callID: callID).ended })
        let entries = try await server.context.store.entries(call: callID, after: 0, limit: 5_000)
        #expect(entries.contains { $0.entry.type == "voice" }, "voice windows")
        let listed = try await client.execute(uri: "/v1/calls", method: .get, headers: TestServer.headers()) { String(buffer: $0.body) }
        #expect(listed.contains(callID))
        if words {
            SpeechTests.expectDoneWhen(try await SpeechTests.heard(server.context.store, callID: callID), source: "open telephony + whisper")
        }
    }

    @Test("a jambonz listen session (basic auth, stereo) over a real socket: voice windows, words with a transcriber, ended, listed")
    func jambonzLive() async throws {
        let server = try await TestServer(transcriber: SpeechTests.whisper)
        let metadata = try Self.metadata()
        let callID = "b5d2a8c4-1f3e-4a6b-9c8d-7e6f5a4b3c2d"
        let audio = Self.stereo(try Self.pcm16())
        try await server.run { client in
            let basic = Data("jambonz:\(TestServer.adminKey)".utf8).base64EncodedString()
            let headers: HTTPFields = [.authorization: "Basic \(basic)", .secWebSocketProtocol: "audio.jambonz.org"]
            try await client.ws("/v1/telephony/jambonz", configuration: WebSocketClientConfiguration(additionalHeaders: headers)) { _, outbound, _ in
                try await outbound.write(.text(metadata))
                for offset in stride(from: 0, to: audio.count, by: 6_400) {
                    try await outbound.write(.binary(ByteBuffer(bytes: audio[offset..<min(audio.count, offset + 6_400)])))
                    try await Task.sleep(for: .milliseconds(40))
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
            try await Self.check(server, client: client, callID: callID, words: SpeechTests.whisper != nil)
        }
    }

    @Test("jambonz: no credentials is a 401 at the upgrade; a ragged frame closes with 1007; both counted")
    func jambonzRefusedLive() async throws {
        let server = try await TestServer()
        try await server.run { client in
            await #expect(throws: (any Error).self) {
                try await client.ws("/v1/telephony/jambonz") { _, _, _ in }
            }
            let wrong = Data("jambonz:ut_not_a_key".utf8).base64EncodedString()
            await #expect(throws: (any Error).self) {
                try await client.ws(
                    "/v1/telephony/jambonz", configuration: WebSocketClientConfiguration(additionalHeaders: [.authorization: "Basic \(wrong)"])
                ) {
                    _, _, _ in
                }
            }
            #expect(server.context.metrics.text().contains("undertone_rejected_total{reason=\"unauthorized\",via=\"jambonz\"} 2"))
            let closeCode = Mutex<WebSocketErrorCode?>(nil)
            let headers: HTTPFields = [.authorization: "Bearer \(TestServer.adminKey)"]
            let close = try await client.ws("/v1/telephony/jambonz", configuration: WebSocketClientConfiguration(additionalHeaders: headers)) {
                inbound, outbound, _ in
                try await outbound.write(.text(#"{"callSid":"jb-ragged","mixType":"mono","sampleRate":8000}"#))
                try await outbound.write(.binary(ByteBuffer(bytes: [1, 2, 3])))
                for try await _ in inbound {}
            }
            closeCode.withLock { $0 = close?.closeCode }
            #expect(closeCode.withLock { $0 } == .dataInconsistentWithMessage)
            #expect(try await SpeechTests.eventually { try await server.context.store.call("jb-ragged")?.endedAt != nil })
            #expect(server.context.metrics.text().contains("reason=\"bad_audio\",via=\"jambonz\""))
        }
    }

    /// A TCP connection to the AudioSocket listener: sends `bytes` (in pieces, `pause` apart), then reads until the
    /// server closes; returns what it sent back.
    static func audioSocket(port: Int, send pieces: [[UInt8]], pause: Duration = .milliseconds(20), waitForClose: Bool = true) async throws -> [UInt8]
    {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        return try await channel.executeThenClose { inbound, outbound in
            for piece in pieces {
                try await outbound.write(ByteBuffer(bytes: piece))
                try await Task.sleep(for: pause)
            }
            guard waitForClose else { return [] }
            var received: [UInt8] = []
            do {
                for try await buffer in inbound { received += buffer.readableBytesView }
            } catch {
                // A reset after the server's close.
            }
            return received
        }
    }

    @Test("an AudioSocket connection for a call posted over REST: voice windows, words with a transcriber, ended at hang-up, listed")
    func audioSocketLive() async throws {
        let server = try await TestServer(transcriber: SpeechTests.whisper) { $0.audioSocket = AudioSocketSettings(port: 0) }
        let uuid = UUID()
        let callID = uuid.uuidString.lowercased()
        let audio = try Self.pcm16()
        try await server.run { client in
            let started = try CallEvents.encode(
                .callStarted(CallStarted(callID: callID, at: 0, channel: .voice, customerID: "cust-7731", queue: "retention")))
            let posted = try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: started))
            {
                $0.status
            }
            #expect(posted == .ok)
            let port = try #require(await server.context.audioSocket.listener?.port)
            var pieces = [Self.frame(0x01, Self.uuidBytes(uuid))]
            // 200 ms frames at five times real time (the stage works on the audio's clock).
            for offset in stride(from: 0, to: audio.count, by: 3_200) {
                pieces.append(Self.frame(0x10, Array(audio[offset..<min(audio.count, offset + 3_200)])))
            }
            pieces.append(Self.frame(0x00))
            _ = try await Self.audioSocket(port: port, send: pieces, pause: .milliseconds(40))
            try await Self.check(server, client: client, callID: callID, words: SpeechTests.whisper != nil)
        }
    }

    @Test("AudioSocket refuses, with a hang-up frame and a close: an unknown UUID, audio before the UUID, an unknown type; a stall is hung up")
    func audioSocketRefusedLive() async throws {
        let server = try await TestServer {
            var settings = AudioSocketSettings(port: 0)
            settings.stallTimeout = .seconds(1)
            $0.audioSocket = settings
        }
        try await server.run { client in
            let port = try #require(await server.context.audioSocket.listener?.port)
            let unknown = try await Self.audioSocket(port: port, send: [Self.frame(0x01, Self.uuidBytes(UUID()))])
            #expect(unknown == AudioSocketSession.hangupFrame)
            let early = try await Self.audioSocket(port: port, send: [Self.frame(0x10, [0, 0, 0, 0])])
            #expect(early == AudioSocketSession.hangupFrame)
            let strange = try await Self.audioSocket(port: port, send: [Self.frame(0x42, [1])])
            #expect(strange == AudioSocketSession.hangupFrame)
            // A leg registered for a call, then silent: hung up after the stall timeout, and the call ends.
            let uuid = UUID()
            let callID = "as-stall-\(uuid.uuidString.prefix(8).lowercased())"
            let started = try CallEvents.encode(.callStarted(CallStarted(callID: callID, at: 0, channel: .voice, customerID: "c", queue: "q")))
            _ = try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: started)) { $0 }
            let leg = try await client.execute(
                uri: "/v1/telephony/audiosocket/legs", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"uuid":"\#(uuid.uuidString)","call":"\#(callID)","track":"customer"}"#)
            ) { $0.status }
            #expect(leg == .ok)
            let clock = ContinuousClock()
            let begin = clock.now
            _ = try await Self.audioSocket(port: port, send: [Self.frame(0x01, Self.uuidBytes(uuid)), Self.frame(0x10, [0, 0, 0, 0])])
            #expect(clock.now - begin >= .seconds(1))
            #expect(try await SpeechTests.eventually { try await server.context.store.call(callID)?.endedAt != nil })
            let metrics = server.context.metrics.text()
            for reason in ["unauthorized", "unexpected", "unsupported", "timeout"] {
                #expect(metrics.contains("reason=\"\(reason)\",via=\"audiosocket\""), "\(reason)")
            }
        }
    }
}

extension JambonzListenSession {
    /// Reads one metadata frame (for refusals on their own).
    fileprivate func receiving(_ text: String) throws(AdapterError) {
        var copy = self
        _ = try copy.receive(text: text)
    }
}
