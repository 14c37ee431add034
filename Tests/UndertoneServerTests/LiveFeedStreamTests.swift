import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing
import UndertoneEngine
import UndertoneServer
import UndertoneStore

/// The Server-Sent Events feed read as `curl -N` reads it: a streaming HTTP client over a real socket that keeps the
/// response open and receives what is published after it connected.
@Suite("Live feed over Server-Sent Events")
struct LiveFeedStreamTests {
    /// Reads an open event stream line by line.
    final class EventStreamReader {
        private var iterator: HTTPClientResponse.Body.AsyncIterator
        private var pending = ""
        private(set) var received = ""

        init(_ response: HTTPClientResponse) {
            iterator = response.body.makeAsyncIterator()
        }

        /// Reads until `text` has arrived; nil when the stream ended first.
        func read(until text: String) async throws -> String? {
            while !pending.contains(text) {
                guard let chunk = try await iterator.next() else { return nil }
                let part = String(buffer: chunk)
                pending += part
                received += part
            }
            let range = pending.range(of: text)!
            defer { pending = String(pending[range.upperBound...]) }
            return String(pending[..<range.upperBound])
        }
    }

    static func open(_ port: Int, path: String = "/v1/feed", key: String = TestServer.adminKey) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        return try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    }

    @Test("a client that keeps reading gets decisions published after it connected, and the stream stays open")
    func streamsLiveDecisions() async throws {
        let server = try await TestServer { $0.feedHeartbeat = .milliseconds(200) }
        let events = try TestServer.exampleCall("04")
        try await server.run { client in
            let port = try #require(client.port)
            let response = try await Self.open(port, path: "/v1/feed?types=decision,call_started")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "content-type") == "text/event-stream")
            let reader = EventStreamReader(response)
            #expect(try await reader.read(until: ": undertone live feed\n\n") != nil)
            // Nothing has happened yet: the stream stays open, kept alive by heartbeats.
            #expect(try await reader.read(until: ": heartbeat\n\n") != nil)
            #expect(try await reader.read(until: ": heartbeat\n\n") != nil)

            let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                #expect($0.status == .ok)
            }
            let expected = try TestServer.engineDecisions(events)
            #expect(!expected.isEmpty)
            // Messages in order, heartbeats between them skipped.
            var messages: [String] = []
            while messages.count < expected.count + 1 {
                let message = try #require(try await reader.read(until: "\n\n"))
                if message.hasPrefix("event: ") { messages.append(message) }
            }
            #expect(messages[0].hasPrefix("event: call_started\ndata: {"))
            let decisions = messages.dropFirst().map { message -> [String: Any] in
                #expect(message.hasPrefix("event: decision\ndata: "))
                return jsonObject(String(message.drop { $0 != "{" }.dropLast(2)))
            }
            #expect(decisions.map { $0["rule"] as? String } == expected.map(\.rule))
            #expect(decisions.map { $0["alertID"] as? String } == expected.map(\.alertID))
            // No other type got through the filter.
            #expect(!reader.received.contains("event: signal"))
        }
    }

    @Test("a client that leaves is let go of at the next heartbeat")
    func clientLeaving() async throws {
        let server = try await TestServer { $0.feedHeartbeat = .milliseconds(100) }
        try await server.run { client in
            let port = try #require(client.port)
            let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/feed")
            request.headers.add(name: "Authorization", value: "Bearer \(TestServer.adminKey)")
            let response = try await httpClient.execute(request, timeout: .seconds(30))
            let reader = EventStreamReader(response)
            #expect(try await reader.read(until: ": undertone live feed\n\n") != nil)
            #expect(server.context.feed.subscriberCount == 1)
            // The client goes away: its connection closes.
            try await httpClient.shutdown()
            let deadline = ContinuousClock.now + .seconds(20)
            while server.context.feed.subscriberCount > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(server.context.feed.subscriberCount == 0)
        }
    }

    @Test("an agent's stream carries only that agent's calls")
    func agentStream() async throws {
        let server = try await TestServer { $0.feedHeartbeat = .milliseconds(200) }
        let events = try TestServer.exampleCall("04")
        try await server.run { client in
            let port = try #require(client.port)
            let agentID = try #require(events.compactMap { if case .callStarted(let started) = $0 { started.agentID } else { nil } }.first)
            let (ownKey, _) = try await server.context.keys.create(name: "Own", role: .agent, subject: agentID)
            let (otherKey, _) = try await server.context.keys.create(name: "Other", role: .agent, subject: "someone-else")
            let own = EventStreamReader(try await Self.open(port, path: "/v1/feed?types=call_started", key: ownKey))
            let other = EventStreamReader(try await Self.open(port, path: "/v1/feed?types=call_started,call_ended", key: otherKey))
            #expect(try await own.read(until: ": undertone live feed\n\n") != nil)
            #expect(try await other.read(until: ": undertone live feed\n\n") != nil)
            let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                #expect($0.status == .ok)
            }
            #expect(try await own.read(until: "event: call_started\n") != nil)
            // Everything is published to every subscriber at once: by the other agent's next heartbeat it would have had it.
            #expect(try await other.read(until: ": heartbeat\n\n") != nil)
            #expect(try await other.read(until: ": heartbeat\n\n") != nil)
            #expect(!other.received.contains("event:"))
        }
    }
}
