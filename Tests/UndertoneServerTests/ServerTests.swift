import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import Logging
import NIOCore
import NIOWebSocket
import Synchronization
import Testing
import UndertoneEngine
import UndertoneServer
import UndertoneStore

/// A server on a fresh SQLite file with a known admin key, run live on a free port.
struct TestServer {
    static let adminKey = "ut_test_admin_key_0123456789"
    static let model = try! TextModel.bundled()
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let context: ServerContext
    let databasePath: String

    /// This test process's folder for the servers' SQLite files (a test may start a second server on a first one's file,
    /// so a file outlives its server). The folders of earlier runs whose process has ended are removed when this one is
    /// made, so that runs do not pile databases up in the temporary directory.
    static let folder: URL = {
        let temporary = FileManager.default.temporaryDirectory
        let prefix = "undertone-tests-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
        let folder = temporary.appendingPathComponent(prefix + "\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// A server on `databasePath` (a new file by default; an earlier server's, to start again on its log).
    init(
        policy: String = "default", databasePath: String? = nil, transcriber: (any Transcriber)? = nil,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws {
        self.databasePath = databasePath ?? Self.folder.appendingPathComponent("\(UUID().uuidString).sqlite").path
        var configuration = ServerConfiguration(policy: try Policy.preset(named: policy))
        configuration.port = 0
        configuration.bootstrapAdminKey = Self.adminKey
        configuration.shards = 4
        Self.relaxConnectionLimits(&configuration)
        configure(&configuration)
        let logger = Logger(label: "test")
        let store = try await SQLiteEventStore(path: self.databasePath, logger: logger)
        context = ServerContext(
            configuration: configuration, policyYAML: try Policy.presetYAML(named: policy), store: store, textModel: Self.model, logger: logger,
            transcriber: transcriber)
    }

    /// A server on a store of the test's own (PostgreSQL, say); `databasePath` is empty.
    init(store: any EventStore, policy: String = "default") throws {
        databasePath = ""
        var configuration = ServerConfiguration(policy: try Policy.preset(named: policy))
        configuration.port = 0
        configuration.bootstrapAdminKey = Self.adminKey
        configuration.shards = 4
        Self.relaxConnectionLimits(&configuration)
        context = ServerContext(
            configuration: configuration, policyYAML: try Policy.presetYAML(named: policy), store: store, textModel: Self.model,
            logger: Logger(label: "test"))
    }

    /// The whole suite starts at once on two cores: a test's client can be starved for longer than a production head
    /// timeout between connecting and sending its first request, and the server (on its own threads) would rightly close
    /// it. Tests of the limits themselves set their own (ConnectionLimitTests).
    static func relaxConnectionLimits(_ configuration: inout ServerConfiguration) {
        configuration.connectionLimits.requestHeadTimeout = .seconds(120)
        configuration.connectionLimits.idleTimeout = .seconds(300)
    }

    /// Runs `body` against the live server once it is ready.
    func run(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = context.buildApplication()
        let finished = Mutex(false)
        do {
            try await app.test(.live) { client in
                // Up to 30 s: migrations take a while on a machine busy compiling. Asked on connections of its own, so that a
                // test of the connection limits never finds the client's connection closed by them before it starts.
                let port = try #require(client.port)
                for _ in 0..<1_500 {
                    let answer = try? await RawConnection.with(port: port) { connection in
                        await connection.send("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        return try await connection.read(until: { RawConnection.status($0) != nil })
                    }
                    if answer.flatMap(RawConnection.status) == 200 { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                try await body(client)
                finished.withLock { $0 = true }
            }
        } catch ChannelError.ioOnClosedChannel where finished.withLock({ $0 }) {
            // The test passed; the server then closed the test client's idle connection (a short idle timeout) before
            // the client's own shutdown closed it, which the client reports this way.
        }
    }

    static func headers(_ key: String = adminKey) -> HTTPFields {
        [.authorization: "Bearer \(key)"]
    }

    static func exampleCall(_ name: String) throws -> [CallEvent] {
        let directory = repository.appendingPathComponent("examples/calls")
        let file = try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasPrefix(name) && $0.hasSuffix(".jsonl") }!
        return try CallEvents.decode(jsonLines: String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
    }

    /// What the engine alone decides for these events: the reference every path through the server must match.
    static func engineDecisions(_ events: [CallEvent], policy: String = "default") throws -> [Decision] {
        var analyzer = CallAnalyzer(policy: try Policy.preset(named: policy), textModel: model)
        return events.flatMap { analyzer.ingest($0) }.compactMap { if case .decision(let decision) = $0 { decision } else { nil } }
    }

    /// One event line with its sequence number.
    static func line(_ event: CallEvent, seq: Int) throws -> String {
        let line = try CallEvents.encode(event)
        return "{\"seq\":\(seq)," + line.dropFirst()
    }
}

/// The outputs of a batch answer, read with the engine's own type.
struct BatchOutputs: Decodable {
    var outputs: [EngineOutput]
}

func jsonObject(_ buffer: ByteBuffer) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:]
}

func jsonObject(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

@Suite("Server")
struct ServerTests {
    @Test("health, readiness and Prometheus metrics answer without a key")
    func health() async throws {
        let server = try await TestServer()
        try await server.run { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("undertone_live_calls"))
            }
        }
    }

    @Test("no key, a wrong key and a weak key are refused with problem JSON")
    func authentication() async throws {
        let server = try await TestServer()
        try await server.run { client in
            try await client.execute(uri: "/v1/calls", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(jsonObject(response.body)["status"] as? Int == 401)
            }
            try await client.execute(uri: "/v1/calls", method: .get, headers: TestServer.headers("ut_wrong")) { #expect($0.status == .unauthorized) }
            let created = try await client.execute(
                uri: "/v1/keys", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"name":"Ana","role":"agent","subject":"ag-1"}"#)
            ) { response in
                #expect(response.status == .created)
                return jsonObject(response.body)["key"] as? String ?? ""
            }
            #expect(created.hasPrefix("ut_"))
            try await client.execute(
                uri: "/v1/keys", method: .post, headers: TestServer.headers(created), body: ByteBuffer(string: #"{"name":"x","role":"admin"}"#)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(created), body: ByteBuffer(string: "{}")) {
                #expect($0.status == .forbidden)
            }
            // The audit log saw the key created; the store holds only its hash.
            let keys = try await server.context.store.apiKeys()
            #expect(keys.contains { $0.hash == APIKey.hash(created) && $0.role == .agent })
            #expect(!keys.contains { $0.hash == created })
            let audit = try await server.context.store.auditLog(after: 0, limit: 10)
            #expect(audit.contains { $0.action == "key.create" })
        }
    }

    @Test("a whole recorded call over REST gives the engine's own decisions, and the projections follow")
    func restBatch() async throws {
        let server = try await TestServer(policy: "banking")
        let events = try TestServer.exampleCall("10")
        let expected = try TestServer.engineDecisions(events, policy: "banking")
        #expect(!expected.isEmpty)
        let body = try events.enumerated().map { try TestServer.line($0.element, seq: $0.offset + 1) }.joined(separator: "\n")
        try await server.run { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let object = jsonObject(response.body)
                #expect(object["accepted"] as? Int == events.count)
                let decisions = (object["outputs"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "decision" }
                #expect(decisions.map { $0["rule"] as? String } == expected.map(\.rule))
            }
            // Sending it again acknowledges every line as a duplicate and changes nothing.
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(jsonObject(response.body)["duplicates"] as? Int == events.count)
                #expect(jsonObject(response.body)["accepted"] as? Int == 0)
            }
            let callID = events[0].callID
            try await client.execute(uri: "/v1/calls/\(callID)", method: .get, headers: TestServer.headers()) { response in
                #expect(response.status == .ok)
                let detail = jsonObject(response.body)
                let alerts = detail["alerts"] as? [[String: Any]] ?? []
                #expect(alerts.count == Set(expected.map(\.alertID)).count)
                #expect((detail["call"] as? [String: Any])?["status"] as? String == "ended")
            }
            try await client.execute(uri: "/v1/calls/\(callID)/transcript", method: .get, headers: TestServer.headers()) { response in
                #expect(response.status == .ok)
                #expect((jsonObject(response.body)["turns"] as? [Any])?.isEmpty == false)
            }
            #expect(try await server.context.store.auditLog(after: 0, limit: 50).contains { $0.action == "transcript.read" && $0.target == callID })
        }
    }

    @Test("a bad line refuses the whole batch with its line number; nothing is stored")
    func restBadBatch() async throws {
        let server = try await TestServer()
        let good = #"{"v":1,"type":"call_started","call":"bad-1","at":0,"channel":"chat","customer":"c","queue":"q"}"#
        let body = good + "\n" + #"{"v":1,"type":"turn","call":"bad-1","at":"soon"}"# + "\n{not json"
        try await server.run { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                let errors = jsonObject(response.body)["errors"] as? [String] ?? []
                #expect(errors.count == 2)
                #expect(errors.first?.hasPrefix("line 2:") == true)
                #expect(errors.last?.hasPrefix("line 3:") == true)
            }
            #expect(try await server.context.store.call("bad-1") == nil)
            let turnForUnknownCall = #"{"v":1,"type":"turn","call":"nobody","at":5,"speaker":"customer","text":"hello","utterance":"u1"}"#
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: turnForUnknownCall)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test("a live call over WebSocket: ready, an ack per event once stored, the engine's decisions, resume without reprocessing")
    func webSocketStream() async throws {
        let server = try await TestServer()
        let events = try TestServer.exampleCall("04")
        let expected = try TestServer.engineDecisions(events)
        let callID = events[0].callID
        let half = events.count / 2
        let config = WebSocketClientConfiguration(additionalHeaders: TestServer.headers())
        try await server.run { client in
            try await client.ws("/v1/calls/\(callID)/stream", configuration: config) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                let ready = try await messages.next()
                #expect(ready.flatMap(Self.text).map(jsonObject)?["lastSeq"] as? Int == 0)
                for (index, event) in events[..<half].enumerated() {
                    try await outbound.write(.text(try TestServer.line(event, seq: index + 1)))
                    while let message = try await messages.next().flatMap(Self.text) {
                        if jsonObject(message)["type"] as? String == "ack" {
                            #expect(jsonObject(message)["acknowledged"] as? [Int] == [index + 1])
                            break
                        }
                    }
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
            // Reconnect: the server says where it stands; a resent event is acknowledged as a duplicate.
            let decisions = Mutex<[String]>([])
            try await client.ws("/v1/calls/\(callID)/stream", configuration: config) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                #expect(try await messages.next().flatMap(Self.text).map(jsonObject)?["lastSeq"] as? Int == half)
                try await outbound.write(.text(try TestServer.line(events[half - 1], seq: half)))
                let duplicate = try await messages.next().flatMap(Self.text).map(jsonObject)
                #expect(duplicate?["duplicates"] as? [Int] == [half])
                for (index, event) in events[half...].enumerated() {
                    try await outbound.write(.text(try TestServer.line(event, seq: half + index + 1)))
                    while let message = try await messages.next().flatMap(Self.text) {
                        let object = jsonObject(message)
                        if object["type"] as? String == "decision" { decisions.withLock { $0.append(object["rule"] as? String ?? "") } }
                        if object["type"] as? String == "ack" { break }
                    }
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
            let stored = try await server.context.store.alerts(AlertFilter(callID: callID))
            #expect(stored.count == Set(expected.map(\.alertID)).count)
            let secondHalfRules = try TestServer.engineDecisions(events).filter { $0.at >= events[half].at }.map(\.rule)
            #expect(decisions.withLock { $0 } == secondHalfRules)
        }
    }

    @Test("bad WebSocket input gets an error frame and a close code with a reason")
    func webSocketRefusals() async throws {
        let server = try await TestServer()
        let config = WebSocketClientConfiguration(additionalHeaders: TestServer.headers())
        let start = CallEvent.callStarted(CallStarted(callID: "ws-bad", channel: .voice, customerID: "c", queue: "q"))
        try await server.run { client in
            let malformed = try await client.ws("/v1/calls/ws-bad/stream", configuration: config) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                _ = try await messages.next()
                try await outbound.write(.text("{this is not json"))
                let error = try await messages.next().flatMap(Self.text).map(jsonObject)
                #expect(error?["type"] as? String == "error")
            }
            #expect(malformed?.closeCode == .dataInconsistentWithMessage)
            let outOfOrder = try await client.ws("/v1/calls/ws-bad/stream", configuration: config) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                _ = try await messages.next()
                try await outbound.write(.text(try TestServer.line(start, seq: 1)))
                _ = try await messages.next()
                try await outbound.write(.text(try TestServer.line(start, seq: 5)))
                for _ in 0..<3 { _ = try await messages.next() }
            }
            #expect(outOfOrder?.closeCode == .policyViolation)
            #expect(outOfOrder?.reason?.contains("sequence gap") == true)
            // The first event was acknowledged, so it was stored.
            #expect(try await server.context.store.call("ws-bad") != nil)
            await #expect(throws: (any Error).self) {
                try await client.ws("/v1/calls/ws-bad/stream") { _, _, _ in }
            }
        }
    }

    @Test("the live feed shows a supervisor their team's decisions and not another team's")
    func feedFiltering() async throws {
        let server = try await TestServer()
        let events = try TestServer.exampleCall("04").map { event in
            guard case .callStarted(var started) = event else { return event }
            started.team = "blue"
            return .callStarted(started)
        }
        try await server.run { client in
            let blue = try await client.execute(
                uri: "/v1/keys", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"name":"B","role":"supervisor","subject":"blue"}"#)
            ) { jsonObject($0.body)["key"] as? String ?? "" }
            let red = try await client.execute(
                uri: "/v1/keys", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"name":"R","role":"supervisor","subject":"red"}"#)
            ) { jsonObject($0.body)["key"] as? String ?? "" }
            let blueFeed = server.context.feed.subscribe(Principal(keyID: "b", name: "B", role: .supervisor, subject: "blue"))
            let redFeed = server.context.feed.subscribe(Principal(keyID: "r", name: "R", role: .supervisor, subject: "red"))
            let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                #expect($0.status == .ok)
            }
            server.context.feed.cancel(blueFeed.id)
            server.context.feed.cancel(redFeed.id)
            var blueTypes: [String] = []
            for await message in blueFeed.messages { blueTypes.append(message.type) }
            var redCount = 0
            for await _ in redFeed.messages { redCount += 1 }
            #expect(blueTypes.contains("decision"))
            #expect(redCount == 0)
            try await client.execute(uri: "/v1/calls", method: .get, headers: TestServer.headers(red)) { response in
                #expect((jsonObject(response.body)["calls"] as? [Any])?.count == 0)
            }
            try await client.execute(uri: "/v1/calls", method: .get, headers: TestServer.headers(blue)) { response in
                #expect((jsonObject(response.body)["calls"] as? [Any])?.count == 1)
            }
        }
    }

    @Test("an idle call leaves memory and is rebuilt from the log when it goes on, with the same decisions")
    func idleEviction() async throws {
        let server = try await TestServer()
        let events = try TestServer.exampleCall("04")
        let expected = try TestServer.engineDecisions(events)
        let half = events.count / 2
        try await server.run { client in
            func post(_ slice: ArraySlice<CallEvent>) async throws -> [String] {
                let body = try slice.map { try CallEvents.encode($0) }.joined(separator: "\n")
                return try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                    #expect($0.status == .ok)
                    let outputs = jsonObject($0.body)["outputs"] as? [[String: Any]] ?? []
                    return outputs.filter { $0["type"] as? String == "decision" }.compactMap { $0["rule"] as? String }
                }
            }
            func liveCalls() async throws -> Double? {
                try await client.execute(uri: "/metrics", method: .get) { response in
                    let line = String(buffer: response.body).split(separator: "\n").first { $0.hasPrefix("undertone_live_calls ") }
                    return line.flatMap { Double($0.split(separator: " ").last ?? "") }
                }
            }
            var rules = try await post(events[..<half])
            #expect(try await liveCalls() == 1)
            #expect(await server.context.shards.evictIdle(olderThan: .seconds(3_600)) == 0)
            #expect(await server.context.shards.evictIdle(olderThan: .zero) == 1)
            #expect(try await liveCalls() == 0)
            rules += try await post(events[half...])
            #expect(rules == expected.map(\.rule))
        }
    }

    /// `seconds` of a voiced customer: a 140–180 Hz harmonic voice in syllables, louder and higher after `agitatedFrom`.
    static func voiceFrames(callID: String, seconds: Int, agitatedFrom: Int) -> [CallEvent] {
        let rate = 8_000
        let frameMs = 200
        return (0..<(seconds * 1_000 / frameMs)).map { frame in
            var bytes: [UInt8] = []
            for index in 0..<(rate * frameMs / 1_000) {
                let t = Double(frame * rate * frameMs / 1_000 + index) / Double(rate)
                let agitated = t >= Double(agitatedFrom)
                let pitch = (agitated ? 230.0 : 150.0) + 20 * sin(2 * .pi * 0.7 * t)
                let syllable = max(0, sin(2 * .pi * (agitated ? 5.5 : 3.5) * t))
                var sample = 0.0
                for harmonic in 1...4 { sample += sin(2 * .pi * pitch * Double(harmonic) * t) / Double(harmonic) }
                let value = Int16(max(-32_000, min(32_000, sample * syllable * (agitated ? 9_000 : 2_500))))
                bytes.append(UInt8(truncatingIfNeeded: value))
                bytes.append(UInt8(truncatingIfNeeded: value >> 8))
            }
            return .audio(AudioFrame(callID: callID, at: frame * frameMs, track: .customer, encoding: .pcm16, sampleRate: rate, samples: bytes))
        }
    }

    @Test("audio becomes voice windows logged as events: a call rebuilt from the log goes on with the same voice readings")
    func voiceReplay() async throws {
        let server = try await TestServer()
        let callID = "voice-1"
        let events: [CallEvent] =
            [.callStarted(CallStarted(callID: callID, channel: .voice, customerID: "cu-1", queue: "billing"))]
            + Self.voiceFrames(callID: callID, seconds: 16, agitatedFrom: 10)
        let half = 1 + 8 * 5  // call_started and 8 seconds of audio
        // The reference: the engine over the first half; then, as after a restart, a fresh engine fed the logged voice
        // windows (the audio still in the extractor, under a window, is not in the log) and then the second half.
        func isVoice(_ output: EngineOutput) -> Bool { if case .voice = output { true } else { false } }
        let policy = try Policy.preset(named: "default")
        var first = CallAnalyzer(policy: policy, textModel: TestServer.model)
        let firstVoice = events[..<half].flatMap { first.ingest($0) }.filter(isVoice)
        var rebuilt = CallAnalyzer(policy: policy, textModel: TestServer.model)
        _ = rebuilt.ingest(events[0])
        for output in firstVoice {
            _ = rebuilt.ingest(try CallEvents.decode(line: String(decoding: try JSONEncoder().encode(output), as: UTF8.self)))
        }
        let expected = firstVoice + events[half...].flatMap { rebuilt.ingest($0) }.filter(isVoice)
        var uninterrupted = CallAnalyzer(policy: policy, textModel: TestServer.model)
        let whole = events.flatMap { uninterrupted.ingest($0) }.filter(isVoice)
        #expect(whole.count >= 14)
        #expect(Array(firstVoice.prefix(6)) == Array(whole.prefix(6)))
        try await server.run { client in
            func post(_ slice: ArraySlice<CallEvent>) async throws -> [EngineOutput] {
                let body = try slice.map { try CallEvents.encode($0) }.joined(separator: "\n")
                return try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                    #expect($0.status == .ok)
                    let text = String(buffer: $0.body)
                    let outputs = try JSONDecoder().decode(BatchOutputs.self, from: Data(text.utf8)).outputs
                    return outputs.filter { if case .voice = $0 { true } else { false } }
                }
            }
            var voice = try await post(events[..<half])
            // The windows are in the log as events (audio is not).
            let logged = try await server.context.store.entries(call: callID, after: 0, limit: 1_000)
            #expect(logged.filter { $0.entry.kind == .event && $0.entry.type == "voice" }.count == voice.count)
            #expect(!logged.contains { $0.entry.type == "audio" })
            #expect(await server.context.shards.evictIdle(olderThan: .zero) == 1)
            voice += try await post(events[half...])
            #expect(voice.count == expected.count)
            for (index, (got, want)) in zip(voice, expected).enumerated() where got != want {
                Issue.record("window \(index): \(String(describing: got).suffix(700)) != \(String(describing: want).suffix(700))")
                break
            }
        }
    }

    @Test("a supervisor acknowledges an alert over REST; it goes through the engine and the log")
    func acknowledge() async throws {
        let server = try await TestServer()
        let events = try TestServer.exampleCall("04")
        let callID = events[0].callID
        let withoutEnd = events.filter { if case .callEnded = $0 { false } else { true } }
        let body = try withoutEnd.map { try CallEvents.encode($0) }.joined(separator: "\n")
        try await server.run { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                #expect($0.status == .ok)
            }
            // The call is live (no call_ended was sent): the gauge counts it once.
            try await client.execute(uri: "/metrics", method: .get) { response in
                let line = String(buffer: response.body).split(separator: "\n").first { $0.hasPrefix("undertone_live_calls ") }
                #expect(line.flatMap { Double($0.split(separator: " ").last ?? "") } == 1)
            }
            let open = try await server.context.store.alerts(AlertFilter(callID: callID, state: .open))
            let alert = try #require(open.first)
            try await client.execute(
                uri: "/v1/alerts/\(alert.alertID)/ack", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"outcome":"useful"}"#)
            ) { #expect($0.status == .ok) }
            let after = try #require(try await server.context.store.alert(alert.alertID))
            #expect(after.state == .acknowledged)
            #expect(after.outcome == "useful")
            try await client.execute(uri: "/v1/alerts/nope/ack", method: .post, headers: TestServer.headers()) { #expect($0.status == .notFound) }
        }
    }

    @Test("an admin replaces the policy; a broken one is refused with its line numbers")
    func policyChange() async throws {
        let server = try await TestServer()
        try await server.run { client in
            try await client.execute(
                uri: "/v1/policy", method: .put, headers: TestServer.headers(), body: ByteBuffer(string: "name: x\nversion: 1\nrules: 3")
            ) {
                response in
                #expect(response.status == .unprocessableContent)
                #expect((jsonObject(response.body)["errors"] as? [String])?.first?.hasPrefix("line 3") == true)
            }
            let yaml = try Policy.presetYAML(named: "banking")
            try await client.execute(uri: "/v1/policy", method: .put, headers: TestServer.headers(), body: ByteBuffer(string: yaml)) {
                #expect($0.status == .ok)
            }
            #expect(server.context.policy.policy.name == "banking")
            #expect(try await server.context.store.auditLog(after: 0, limit: 50).contains { $0.action == "policy.change" })
        }
    }

    @Test("personal data is redacted before the log, the transcript and the feed see it")
    func redaction() async throws {
        let server = try await TestServer()
        let body = [
            #"{"v":1,"type":"call_started","call":"pii-1","at":0,"channel":"voice","customer":"c","queue":"cards"}"#,
            #"{"v":1,"type":"turn","call":"pii-1","at":900,"utterance":"u-1","speaker":"customer","text":"my card is 4111 1111 1111 1111","final":false}"#,
            #"{"v":1,"type":"turn","call":"pii-1","at":2000,"utterance":"u-1","speaker":"customer","text":"my card is 4111 1111 1111 1111 and my email is ana.lopez@example.com","final":true}"#,
        ].joined(separator: "\n")
        try await server.run { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(!String(buffer: response.body).contains("4111"))
            }
            let logged = try await server.context.store.entries(call: "pii-1", after: 0, limit: 100)
            #expect(logged.count >= 3)
            for entry in logged {
                #expect(!entry.entry.body.contains("4111 1111"))
                #expect(!entry.entry.body.contains("ana.lopez"))
            }
            try await client.execute(uri: "/v1/calls/pii-1/transcript", method: .get, headers: TestServer.headers()) { response in
                let text = String(buffer: response.body)
                #expect(!text.contains("4111") && !text.contains("ana.lopez"))
                #expect(text.contains("my card is"))
            }
        }
    }

    static func text(_ message: WebSocketMessage) -> String? {
        if case .text(let text) = message { return text }
        return nil
    }
}
