import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle
import Testing
import UndertoneEngine
import UndertoneServer
import UndertoneStore

/// Personal data outside turn text, and in turns the older rules missed, sent through every door a client has; then
/// the store's own files (SQLite) or every row (PostgreSQL) are searched for the raw values.
@Suite("Hardening: privacy", .timeLimit(.minutes(5)))
struct PrivacyTests {
    enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
        static var available: [Backend] {
            (ProcessInfo.processInfo.environment["POSTGRES_HOST"] ?? "").isEmpty ? [.sqlite] : [.sqlite, .postgres]
        }
    }

    /// The raw values that must not be stored, each with how it is sent.
    static let secrets = [
        "8675309", "867-5309", "ana.lopez", "NWBK", "6016 1331", "7946 0958", "12-34-56", "eight six seven", "fifty three oh nine",
        "4402 1234", "44 20",
    ]

    /// Everything a client sends with personal data in it: the call (customer id = the caller's number, as AudioHook
    /// sends it), its turns, a transfer to an outside number, an acknowledgement by an address, a follow-up claimed and
    /// closed, a key named after someone, the call's disposition.
    static func send(_ client: some TestClientProtocol, _ server: TestServer) async throws {
        let call = "pii-call"
        var events = try TestServer.exampleCall("04").filter { if case .callEnded = $0 { false } else { true } }.map { event -> CallEvent in
            let line = CallEvents.encode(event).replacingOccurrences(of: event.callID, with: call)
            return (try? CallEvents.decode(line: line)) ?? event
        }
        if case .callStarted(var started) = events[0] {
            started.customerID = "tel:+15558675309"
            events[0] = .callStarted(started)
        }
        let last = events.map(\.at).max() ?? 0
        let said = [
            "my iban is GB29 NWBK 6016 1331 9268 19 and the sort code is 12-34-56",
            "call me back on five fifty five, eight six seven, fifty three oh nine",
        ]
        events += said.enumerated().map { index, text in
            .turn(Turn(callID: call, at: last + 1_000 * (index + 1), utteranceID: "pii-\(index)", speaker: .customer, text: text))
        }
        events.append(.agentAction(AgentAction(callID: call, at: last + 5_000, action: .transfer, target: "+44 20 7946 0958")))
        let body = events.map { CallEvents.encode($0) }.joined(separator: "\n")
        try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
            #expect($0.status == .ok)
        }
        let alert = try #require(try await server.context.store.alerts(AlertFilter(callID: call)).first?.alertID)
        let ack = CallEvents.encode(
            .alertAcknowledged(AlertAcknowledgement(callID: call, at: last + 6_000, alertID: alert, by: "ana.lopez@example.com", outcome: .useful)))
        try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: ack)) {
            #expect($0.status == .ok)
        }
        let followUp = try #require(try await server.context.store.followUps(FollowUpFilter(callID: call)).first?.followUp.id)
        try await client.execute(
            uri: "/v1/follow-ups/\(followUp)/claim", method: .post, headers: TestServer.headers(),
            body: ByteBuffer(string: #"{"owner":"ana.lopez@example.com"}"#)
        ) { #expect($0.status == .ok) }
        try await client.execute(
            uri: "/v1/follow-ups/\(followUp)/close", method: .post, headers: TestServer.headers(),
            body: ByteBuffer(string: #"{"state":"done","outcome":"called back on +1 555 867 5309, all sorted"}"#)
        ) { #expect($0.status == .ok) }
        try await client.execute(
            uri: "/v1/keys", method: .post, headers: TestServer.headers(),
            body: ByteBuffer(string: #"{"name":"Ana ana.lopez@example.com +44 20 7946 0958","role":"agent","subject":"ag-9"}"#)
        ) { #expect($0.status == .created) }
        let end = CallEvents.encode(.callEnded(CallEnded(callID: call, at: last + 7_000, disposition: "callback promised on 555-867-5309")))
        try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: end)) {
            #expect($0.status == .ok)
        }
        // What was stored is still useful: the customer has a pseudonym, the same one for the same number written otherwise.
        let stored = try #require(try await server.context.store.call(call))
        #expect(stored.customerID.hasPrefix("cust-") && stored.customerID.count == 25, "\(stored.customerID)")
        let again = CallEvents.encode(
            .callStarted(CallStarted(callID: "pii-call-2", channel: .voice, customerID: "+1 555 867 5309", queue: "billing")))
        try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: again)) {
            #expect($0.status == .ok)
        }
        #expect(try await server.context.store.call("pii-call-2")?.customerID == stored.customerID)
    }

    @Test(
        "no raw personal data is stored: customer ids, dispositions, transfer targets, acknowledgers, outcomes, key names, IBANs, sort codes, numbers said in tens",
        arguments: Backend.available)
    func nothingRawStored(_ backend: Backend) async throws {
        switch backend {
        case .sqlite:
            let server = try await TestServer()
            try await server.run { client in try await Self.send(client, server) }
            // The server has stopped and closed its file: search every byte of it (and a write-ahead log, if one is left).
            var bytes = Data()
            for suffix in ["", "-wal", "-journal"] {
                if let data = FileManager.default.contents(atPath: server.databasePath + suffix) { bytes += data }
            }
            #expect(bytes.count > 10_000)
            let text = String(decoding: bytes, as: UTF8.self)
            for secret in Self.secrets { #expect(!text.contains(secret), "\(secret) is in the SQLite file") }
            #expect(text.contains("[account]") && text.contains("[phone]") && text.contains("[email]"))
        case .postgres:
            let schema = "ut_privacy_\(UInt32.random(in: 0...UInt32.max))"
            let store = try PostgresEventStore(configuration: try PostgresEventStore.configuration(), schema: schema, logger: Logger(label: "test"))
            let server = try TestServer(store: store)
            try await server.run { client in
                try await Self.send(client, server)
                // Every row of every table, as text.
                var text = ""
                for table in ["event_log", "call_heads", "calls", "alerts", "follow_ups", "api_keys", "audit_log", "sessions", "settings"] {
                    for try await row in try await store.client.query("SELECT t::text AS row FROM \(unescaped: table) t") {
                        text += (try row.decode(String.self)) + "\n"
                    }
                }
                #expect(text.count > 10_000)
                for secret in Self.secrets { #expect(!text.contains(secret), "\(secret) is in PostgreSQL") }
                try await store.dropSchema()
            }
        }
    }
}
