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

/// Who may read and write what, over real sockets: every route against seven principals, revocation, sessions.
@Suite("Hardening: access")
struct AccessTests {
    /// A principal of the matrix: its key (nil: none), and what it should get reading and writing the blue team's call.
    struct Caller: Sendable, CustomStringConvertible {
        var description: String
        var key: String?
        /// 200, 404 (not theirs: nothing says it exists) or 401.
        var reads: Int
        /// 200, 404, 403 (an agent's key never writes) or 401.
        var writes: Int

        var headers: HTTPFields { key.map { TestServer.headers($0) } ?? [:] }
    }

    static func createKey(_ client: some TestClientProtocol, _ body: String) async throws -> (id: String, key: String) {
        try await client.execute(uri: "/v1/keys", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) { response in
            #expect(response.status == .created)
            let object = jsonObject(response.body)
            return (object["id"] as? String ?? "", object["key"] as? String ?? "")
        }
    }

    @Test("the auth matrix: seven principals against every route on the blue team's call; no read or write across teams")
    func matrix() async throws {
        let server = try await TestServer()
        let events = try TestServer.exampleCall("04").compactMap { event -> CallEvent? in
            switch event {
            case .callStarted(var started):
                started.team = "blue"
                started.agentID = "ag-blue"
                return .callStarted(started)
            case .callEnded: return nil
            default: return event
            }
        }
        let call = events[0].callID
        try await server.run { client in
            let port = try #require(client.port)
            let batch = events.map { CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: batch)) {
                #expect($0.status == .ok)
            }
            let blue = try await Self.createKey(client, #"{"name":"Blue","role":"supervisor","subject":"blue"}"#).key
            let red = try await Self.createKey(client, #"{"name":"Red","role":"supervisor","subject":"red"}"#).key
            let agent = try await Self.createKey(client, #"{"name":"Agent","role":"agent","subject":"ag-blue"}"#).key
            let other = try await Self.createKey(client, #"{"name":"Other","role":"agent","subject":"ag-other"}"#).key
            let callers = [
                Caller(description: "admin", key: TestServer.adminKey, reads: 200, writes: 200),
                Caller(description: "blue supervisor", key: blue, reads: 200, writes: 200),
                Caller(description: "red supervisor", key: red, reads: 404, writes: 404),
                Caller(description: "the call's agent", key: agent, reads: 200, writes: 403),
                Caller(description: "another agent", key: other, reads: 404, writes: 403),
                Caller(description: "no key", key: nil, reads: 401, writes: 401),
                Caller(description: "a wrong key", key: "ut_not_a_key_at_all_0000", reads: 401, writes: 401),
            ]
            let alert = try #require(try await server.context.store.alerts(AlertFilter(callID: call, state: .open)).first?.alertID)
            let followUp: String? = try #require(try await server.context.store.followUps(FollowUpFilter(callID: call)).first?.followUp.id)

            for caller in callers {
                // Reads of the call.
                var reads = ["/v1/calls/\(call)", "/v1/calls/\(call)/transcript", "/v1/calls/\(call)/handoff", "/v1/calls/\(call)/outputs"]
                reads.append("/v1/calls/\(call)/scorecard")
                if let followUp { reads.append("/v1/follow-ups/\(followUp)") }
                for uri in reads {
                    try await client.execute(uri: uri, method: .get, headers: caller.headers) {
                        #expect(Int($0.status.code) == caller.reads, "\(caller) GET \(uri)")
                    }
                }
                // Lists name the call only to those who may see it.
                for (uri, field) in [("/v1/calls", "calls"), ("/v1/alerts?call=\(call)", "alerts"), ("/v1/follow-ups?call=\(call)", "followUps")] {
                    try await client.execute(uri: uri, method: .get, headers: caller.headers) { response in
                        #expect(Int(response.status.code) == (caller.reads == 401 ? 401 : 200), "\(caller) GET \(uri)")
                        let listed = String(buffer: response.body).contains(call)
                        if field != "followUps" || followUp != nil { #expect(listed == (caller.reads == 200), "\(caller) GET \(uri)") }
                    }
                }
                // Writes into the call: events, an acknowledgement, routing, the live stream.
                let turn = CallEvents.encode(
                    .turn(Turn(callID: call, at: 90_000, utteranceID: "x-\(caller.description)", speaker: .customer, text: "injected")))
                let ack = CallEvents.encode(
                    .alertAcknowledged(AlertAcknowledgement(callID: call, at: 90_001, alertID: alert, by: "someone", outcome: .dismissed)))
                for body in [turn, ack] {
                    try await client.execute(uri: "/v1/events", method: .post, headers: caller.headers, body: ByteBuffer(string: body)) {
                        #expect(Int($0.status.code) == caller.writes, "\(caller) POST /v1/events \(body.prefix(60))")
                    }
                }
                if caller.writes != 200 {
                    let end = CallEvents.encode(.callEnded(CallEnded(callID: call, at: 90_002, disposition: "resolved")))
                    try await client.execute(uri: "/v1/events", method: .post, headers: caller.headers, body: ByteBuffer(string: end)) {
                        #expect(Int($0.status.code) == caller.writes, "\(caller) POST /v1/events call_ended")
                    }
                }
                // An agent answers only its own calls' coach alerts (AlertAnswerTests); another agent's is not there for it.
                try await client.execute(uri: "/v1/alerts/\(alert)/ack", method: .post, headers: caller.headers) {
                    let expected = caller.writes == 403 && caller.reads == 404 ? 404 : caller.writes
                    #expect(Int($0.status.code) == expected, "\(caller) POST /v1/alerts/…/ack")
                }
                let route = #"{"request":{"callID":"\#(call)","intent":"billing"},"roster":[]}"#
                try await client.execute(uri: "/v1/route", method: .post, headers: caller.headers, body: ByteBuffer(string: route)) {
                    #expect(Int($0.status.code) == caller.writes, "\(caller) POST /v1/route")
                }
                let upgrade = try await RawConnection.with(port: port) { connection in
                    await connection.send(
                        RawConnection.upgrade("/v1/calls/\(call)/stream", headers: caller.key.map { ["Authorization: Bearer \($0)"] } ?? []))
                    return try await connection.read(until: { $0.contains("\r\n\r\n") })
                }
                #expect(
                    RawConnection.status(upgrade) == (caller.writes == 200 ? 101 : caller.writes),
                    "\(caller) WebSocket upgrade: \(upgrade.prefix(200))")
                if caller.writes != 200 {
                    #expect(upgrade.contains("application/problem+json"), "\(caller): \(upgrade)")
                    #expect(RawConnection.body(upgrade).contains("\"status\":\(caller.writes)"), "\(caller): \(upgrade)")
                }
                // Starting a call for the blue team.
                let start = CallEvents.encode(
                    .callStarted(
                        CallStarted(callID: "new-\(caller.description.filter(\.isLetter))", channel: .chat, customerID: "c", queue: "q", team: "blue")
                    ))
                try await client.execute(uri: "/v1/events", method: .post, headers: caller.headers, body: ByteBuffer(string: start)) {
                    let expected = caller.writes == 404 ? 403 : caller.writes
                    #expect(Int($0.status.code) == expected, "\(caller) POST /v1/events call_started team blue")
                }
                if let followUp {
                    try await client.execute(uri: "/v1/follow-ups/\(followUp)/claim", method: .post, headers: caller.headers) {
                        #expect(Int($0.status.code) == caller.reads, "\(caller) POST /v1/follow-ups/…/claim")
                    }
                }
            }
            // Nothing any refused caller sent is in the log.
            let logged = try await server.context.store.entries(call: call, after: 0, limit: 10_000).map(\.entry.body)
            for refused in ["red supervisor", "the call's agent", "another agent", "no key", "a wrong key"] {
                #expect(!logged.contains { $0.contains("x-\(refused)") }, "\(refused) wrote into the call")
            }
            #expect(try await server.context.store.call(call)?.status == .live)
            #expect(try await server.context.store.call("new-redsupervisor") == nil)
        }
    }

    @Test("revoking a key ends what it opened: the ingest stream and the feed's WebSocket close with 1008, nothing more is taken")
    func revocation() async throws {
        let server = try await TestServer()
        try await server.run { client in
            let (id, key) = try await Self.createKey(client, #"{"name":"Blue","role":"supervisor","subject":"blue"}"#)
            let config = WebSocketClientConfiguration(additionalHeaders: TestServer.headers(key))
            let start = CallEvent.callStarted(CallStarted(callID: "rev-1", channel: .chat, customerID: "c", queue: "q", team: "blue"))
            let turn = CallEvent.turn(Turn(callID: "rev-1", at: 1_000, utteranceID: "u1", speaker: .customer, text: "still here"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let close = try await client.ws("/v1/calls/rev-1/stream", configuration: config) { inbound, outbound, _ in
                        var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                        _ = try await messages.next()
                        try await outbound.write(.text(try TestServer.line(start, seq: 1)))
                        _ = try await messages.next()
                        // Revoked while open: an error frame, then the close; whatever is sent after it is not taken.
                        while let message = try await messages.next().flatMap(ServerTests.text) {
                            if jsonObject(message)["type"] as? String == "error" {
                                #expect(message.contains("revoked"))
                                try? await outbound.write(.text(try TestServer.line(turn, seq: 2)))
                            }
                        }
                    }
                    #expect(close?.closeCode == .policyViolation)
                }
                group.addTask {
                    let close = try await client.ws("/v1/feed/ws", configuration: config) { inbound, _, _ in
                        for try await _ in inbound {}
                    }
                    #expect(close?.closeCode == .policyViolation)
                }
                // Both are open (and the first event stored) before the key is revoked. (The Server-Sent Events feed registers
                // the same way, but today its stream ends after its first line whatever happens: not a test of revocation.)
                for _ in 0..<1_000 where server.context.connections.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
                #expect(server.context.connections.count == 2)
                for _ in 0..<500 where try await server.context.store.call("rev-1") == nil { try await Task.sleep(for: .milliseconds(10)) }
                try await client.execute(uri: "/v1/keys/\(id)", method: .delete, headers: TestServer.headers()) { #expect($0.status == .noContent) }
                try await group.waitForAll()
            }
            #expect(server.context.connections.count == 0)
            #expect(try await server.context.store.entries(call: "rev-1", after: 0, limit: 100).compactMap(\.entry.clientSequence) == [1])
            try await client.execute(uri: "/v1/calls", method: .get, headers: TestServer.headers(key)) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("the session cookie is an opaque id, not the key: signing out ends it and the feed it opened; revoking the key ends it too")
    func sessions() async throws {
        let server = try await TestServer()
        try await server.run { client in
            let port = try #require(client.port)
            let (id, key) = try await Self.createKey(client, #"{"name":"Agent","role":"agent","subject":"ag-1"}"#)
            @Sendable func signIn() async throws -> String {
                try await client.execute(uri: "/v1/session", method: .post, body: ByteBuffer(string: #"{"key":"\#(key)"}"#)) { response in
                    #expect(response.status == .ok)
                    let cookie = String((response.headers[.setCookie] ?? "").split(separator: ";")[0])
                    #expect(cookie.hasPrefix("undertone_session=uts_"), "\(cookie)")
                    #expect(!cookie.contains(key), "the cookie is not the key")
                    return cookie
                }
            }
            let cookie = try await signIn()
            try await client.execute(uri: "/v1/session", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .ok) }
            // Only the session id's hash is stored.
            let secret = String(cookie.dropFirst("undertone_session=".count))
            #expect(try await server.context.store.session(hash: APIKey.hash(secret))?.key.id == id)
            // A feed opened with the cookie (a browser's WebSocket); then signing out from the page's own origin ends the
            // session and the feed: a close frame (opcode 8) with 1008.
            let feed = try await RawConnection.with(port: port) { connection in
                await connection.send(RawConnection.upgrade("/v1/feed/ws", headers: ["Cookie: \(cookie)"]))
                let head = try await connection.read(until: { $0.contains("\r\n\r\n") })
                #expect(RawConnection.status(head) == 101, "\(head)")
                for _ in 0..<500 where server.context.connections.count < 1 { try await Task.sleep(for: .milliseconds(10)) }
                let signOut = try await RawConnection.with(port: port) { signOut in
                    await signOut.send(
                        "DELETE /v1/session HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nOrigin: http://127.0.0.1:\(port)\r\nCookie: \(cookie)\r\n\r\n")
                    return try await signOut.read(until: { $0.contains("\r\n\r\n") })
                }
                #expect(RawConnection.status(signOut) == 204, "\(signOut)")
                let headLength = head.utf8.count
                for _ in 0..<500 where connection.bytes.count < headLength + 4 { try await Task.sleep(for: .milliseconds(10)) }
                return Array(connection.bytes.dropFirst(headLength))
            }
            #expect(feed.first == 0x88, "no close frame: \(feed.prefix(8))")
            #expect(feed.count >= 4 && Int(feed[2]) << 8 | Int(feed[3]) == 1008, "\(feed.prefix(8))")
            try await client.execute(uri: "/v1/session", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .unauthorized) }
            // A new session dies with its key.
            let again = try await signIn()
            try await client.execute(uri: "/v1/session", method: .get, headers: [.cookie: again]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/keys/\(id)", method: .delete, headers: TestServer.headers()) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/v1/session", method: .get, headers: [.cookie: again]) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("X-Forwarded-Proto makes the cookie Secure only from a trusted proxy")
    func trustedProxies() async throws {
        for trusted in [false, true] {
            let server = try await TestServer { configuration in
                if trusted { configuration.trustedProxies = ["127.0.0.1"] }
            }
            try await server.run { client in
                let headers: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "https"]
                try await client.execute(
                    uri: "/v1/session", method: .post, headers: headers, body: ByteBuffer(string: #"{"key":"\#(TestServer.adminKey)"}"#)
                ) { response in
                    #expect(response.status == .ok)
                    #expect((response.headers[.setCookie] ?? "").contains("; Secure") == trusted, "trusted: \(trusted)")
                }
            }
        }
    }
}
