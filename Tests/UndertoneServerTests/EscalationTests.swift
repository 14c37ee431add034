import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import Logging
import NIOCore
import NIOWebSocket
import ServiceLifecycle
import Synchronization
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

/// A webhook receiver on a free loopback port: checks each delivery's signature with the shared secret and keeps it.
/// It can be told to refuse the first few deliveries (to see retries).
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        var type: String
        var position: Int
        var body: [String: any Sendable]
        var verified: Bool
        var receivedAt: ContinuousClock.Instant
    }

    let secret: String
    private let state = Mutex<(deliveries: [Delivery], refusals: Int, attempts: Int)>(([], 0, 0))

    init(secret: String, refuseFirst: Int = 0) {
        self.secret = secret
        state.withLock { $0.refusals = refuseFirst }
    }

    var deliveries: [Delivery] { state.withLock { $0.deliveries } }
    var attempts: Int { state.withLock { $0.attempts } }

    /// Runs the receiver while `body` runs, giving it the receiver's URL.
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let data = Data(bytes.readableBytesView)
            let refuse = self.state.withLock { state -> Bool in
                state.attempts += 1
                guard state.refusals > 0 else { return false }
                state.refusals -= 1
                return true
            }
            if refuse { return .internalServerError }
            let verified = WebhookSignature.verify(
                body: data, timestamp: request.headers[HTTPField.Name("Undertone-Timestamp")!] ?? "",
                signature: request.headers[HTTPField.Name("Undertone-Signature")!] ?? "", secret: self.secret)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            let delivery = Delivery(
                type: object["type"] as? String ?? "", position: object["delivery"] as? Int ?? 0,
                body: (object["data"] as? [String: Any] ?? [:]).mapValues { "\($0)" }, verified: verified, receivedAt: .now)
            self.state.withLock { $0.deliveries.append(delivery) }
            return .noContent
        }
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }, logger: Logger(label: "receiver"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var ports = portStream.makeAsyncIterator()
            let port = await ports.next() ?? 0
            try await body("http://127.0.0.1:\(port)/hook")
            group.cancelAll()
        }
    }

    /// Waits (up to `seconds`) until `condition` holds for the deliveries so far.
    func wait(seconds: Double = 20, until condition: ([Delivery]) -> Bool) async throws -> [Delivery] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            let now = deliveries
            if condition(now) { return now }
            try await Task.sleep(for: .milliseconds(25))
        }
        return deliveries
    }
}

/// The first message a feed subscriber got (a class, so that tasks can share it).
private final class FirstMessage: Sendable {
    let text = Mutex<String?>(nil)
}

@Suite("Escalation: hand-off, follow-up, webhooks")
struct EscalationTests {
    static let secret = "whsec_test_0123456789abcdef"

    /// The issue's bar: a call escalates to a manager; the receiving side gets the packet before pickup, a follow-up
    /// exists, and a webhook is delivered and verified by its signature.
    @Test("a manager escalation pushes the packet before pickup, makes a follow-up and a signed webhook")
    func managerEscalation() async throws {
        let server = try await TestServer { $0.webhooks.initialBackoff = .milliseconds(20) }
        let events = try TestServer.exampleCall("04")
        let callID = events[0].callID
        // Up to the manager escalation; the pickup and the end come later, from the test.
        let live = events.filter { if case .callEnded = $0 { false } else { true } }
        let receiver = WebhookReceiver(secret: Self.secret)
        try await receiver.run { url in
            try await server.run { client in
                let webhookID = try await client.execute(
                    uri: "/v1/webhooks", method: .post, headers: TestServer.headers(),
                    body: ByteBuffer(string: #"{"url":"\#(url)","secret":"\#(Self.secret)"}"#)
                ) { response -> String in
                    #expect(response.status == .created)
                    let object = jsonObject(response.body)
                    #expect(object["secret"] as? String == Self.secret)
                    #expect(Set(object["types"] as? [String] ?? []) == Set(WebhookDispatcher.defaultTypes))
                    return object["id"] as? String ?? ""
                }

                // The manager's screen: a feed WebSocket for hand-offs, open before the call escalates.
                let handoff = FirstMessage()
                let config = WebSocketClientConfiguration(additionalHeaders: TestServer.headers())
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await client.ws("/v1/feed/ws?types=handoff", configuration: config) { inbound, outbound, _ in
                            for try await message in inbound.messages(maxSize: 1 << 20) {
                                guard case .text(let text) = message else { continue }
                                handoff.text.withLock { $0 = text }
                                break
                            }
                            try await outbound.close(.normalClosure, reason: nil)
                        }
                    }
                    while server.context.feed.subscriberCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
                    let body = try live.map { try CallEvents.encode($0) }.joined(separator: "\n")
                    try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                        #expect($0.status == .ok)
                    }
                    try await group.next()
                }
                // Nothing about a pickup has been sent yet, and the packet is already on the manager's screen.
                let notice = jsonObject(try #require(handoff.text.withLock { $0 }))
                #expect(notice["type"] as? String == "handoff")
                #expect(notice["call"] as? String == callID)
                #expect(notice["target"] as? String == "manager")
                let packet = try #require(notice["packet"] as? [String: Any])
                #expect(packet["tier"] as? String == "manager")
                // The intent is the engine's own reading at the moment of the escalation.
                var replay = CallAnalyzer(policy: try Policy.preset(named: "default"), textModel: TestServer.model)
                var intentAtEscalation: String?
                for event in live where intentAtEscalation == nil {
                    let escalated = replay.ingest(event).contains {
                        if case .decision(let decision) = $0 { decision.tier == .manager } else { false }
                    }
                    if escalated { intentAtEscalation = replay.intent?.intent }
                }
                #expect(intentAtEscalation != nil)
                #expect(packet["intent"] as? String == intentAtEscalation)
                #expect((packet["summary"] as? [[String: Any]])?.contains { $0["why"] as? String == "the issue" } == true)
                let compact = try #require(notice["compact"] as? String)
                #expect(compact.utf8.count <= 255)
                #expect(compact.contains("tier=manager"))

                // The pickup: the agent transfers to the manager, who speaks.
                let last = live.last!.at
                let pickup = [
                    CallEvent.agentAction(
                        AgentAction(callID: callID, at: last + 1_000, action: .transfer, target: "mgr-ana", note: "to duty manager")),
                    CallEvent.turn(
                        Turn(
                            callID: callID, at: last + 4_000, utteranceID: "m1", speaker: .agent,
                            text: "Hello, this is Ana, the duty manager. I have read everything, you do not need to repeat it.")),
                ]
                try await client.execute(
                    uri: "/v1/events", method: .post, headers: TestServer.headers(),
                    body: ByteBuffer(string: try pickup.map { try CallEvents.encode($0) }.joined(separator: "\n"))
                ) { #expect($0.status == .ok) }

                // A follow-up exists, with an owner, a due time and the packet.
                let followUp = try await client.execute(uri: "/v1/follow-ups?call=\(callID)", method: .get, headers: TestServer.headers()) {
                    response -> [String: Any] in
                    #expect(response.status == .ok)
                    let list = jsonObject(response.body)["followUps"] as? [[String: Any]] ?? []
                    #expect(list.count == 1)
                    return list.first ?? [:]
                }
                #expect(followUp["state"] as? String == "open")
                #expect(followUp["owner"] as? String == "duty-manager")
                #expect(followUp["overdue"] as? Bool == false)
                #expect((followUp["reason"] as? String)?.hasPrefix("escalated to a manager") == true)
                #expect((followUp["packet"] as? [String: Any])?["callID"] as? String == callID)
                let due = try #require((followUp["due"] as? String).flatMap(ISODate.parse))
                #expect(abs(due.timeIntervalSinceNow - 86_400) < 300)
                let followUpID = try #require(followUp["id"] as? String)

                // Claimed, then closed; closing again is refused.
                try await client.execute(
                    uri: "/v1/follow-ups/\(followUpID)/claim", method: .post, headers: TestServer.headers(),
                    body: ByteBuffer(string: #"{"owner":"mgr-ana"}"#)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(jsonObject(response.body)["owner"] as? String == "mgr-ana")
                }
                try await client.execute(
                    uri: "/v1/follow-ups/\(followUpID)/close", method: .post, headers: TestServer.headers(),
                    body: ByteBuffer(string: #"{"state":"done","outcome":"called back; refund agreed"}"#)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(jsonObject(response.body)["state"] as? String == "done")
                }
                try await client.execute(
                    uri: "/v1/follow-ups/\(followUpID)/close", method: .post, headers: TestServer.headers(),
                    body: ByteBuffer(string: #"{"state":"failed"}"#)
                ) { response in
                    #expect(response.status == .conflict)
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
                let stored = try #require(try await server.context.store.followUp(followUpID))
                #expect(stored.followUp.state == .done)
                #expect(stored.followUp.owner == "mgr-ana")
                #expect(stored.followUp.outcome == "called back; refund agreed")

                // The packet was encoded once for the notice, the follow-up and its row: each body is what the general
                // encoder writes for the whole value, and the row's packet, claimed and closed since, is the follow-up's.
                let logged = try await server.context.store.entries(call: callID, after: 0, limit: 10_000).map(\.entry)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                let notices = logged.filter { $0.type == HandoffNotice.entryType }
                #expect(notices.count == 3)
                for entry in notices {
                    let whole = try decoder.decode(WholeNotice.self, from: Data(entry.body.utf8))
                    #expect(String(decoding: try encoder.encode(whole), as: UTF8.self) == entry.body)
                }
                let made = try #require(logged.first { $0.type == FollowUp.entryType })
                let tagged = try decoder.decode(TaggedFollowUp.self, from: Data(made.body.utf8))
                // Times are written to the millisecond and read back a hair off: compared apart from the layout.
                let times = /"(createdAt|due|updatedAt)":"[^"]*"/
                #expect(
                    String(decoding: try encoder.encode(tagged), as: UTF8.self).replacing(times, with: "") == made.body.replacing(times, with: ""))
                #expect(made.body.matches(of: times).count == 3)
                let escalationPacket = try decoder.decode(WholeNotice.self, from: Data(notices[0].body.utf8)).packet
                #expect(tagged.followUp.packet == escalationPacket)
                #expect(stored.followUp.packet == escalationPacket)

                // The webhook: the manager decision, the hand-off (escalation and transfer) and the follow-up's life, each
                // signed; every one verified.
                let delivered = try await receiver.wait { deliveries in
                    deliveries.filter { $0.type == FollowUpChange.entryType }.count >= 2
                        && deliveries.filter { $0.type == HandoffNotice.entryType }.count >= 2
                }
                #expect(!delivered.isEmpty)
                #expect(delivered.allSatisfy { $0.verified })
                #expect(delivered.contains { $0.type == "decision" && $0.body["tier"] as? String == "manager" })
                #expect(delivered.contains { $0.type == FollowUp.entryType && $0.body["id"] as? String == followUpID })
                // The example call transfers to retention on its own before the manager picks up.
                #expect(
                    delivered.filter { $0.type == HandoffNotice.entryType }.map { $0.body["target"] as? String } == [
                        "manager", "retention", "mgr-ana",
                    ])
                #expect(delivered.map(\.position) == delivered.map(\.position).sorted())
                #expect(Set(delivered.map(\.type)).isSubset(of: Set(WebhookDispatcher.defaultTypes)))

                // The dispatcher logs an attempt once the receiver has answered: the log may trail the receiver a moment.
                var log: [[String: Any]] = []
                for _ in 0..<250 {
                    log = try await client.execute(uri: "/v1/webhooks/\(webhookID)/deliveries", method: .get, headers: TestServer.headers()) {
                        jsonObject($0.body)["deliveries"] as? [[String: Any]] ?? []
                    }
                    if log.count >= delivered.count { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(log.count >= delivered.count)
                #expect(log.allSatisfy { $0["delivered"] as? Bool == true && $0["status"] as? Int == 204 })
            }
        }
    }

    @Test("a receiver that fails is retried with backoff, every attempt in the delivery log, order kept")
    func retries() async throws {
        let server = try await TestServer { $0.webhooks.initialBackoff = .milliseconds(20) }
        let events = try TestServer.exampleCall("07")
        let receiver = WebhookReceiver(secret: Self.secret, refuseFirst: 2)
        try await receiver.run { url in
            try await server.run { client in
                let webhookID = try await client.execute(
                    uri: "/v1/webhooks", method: .post, headers: TestServer.headers(),
                    body: ByteBuffer(string: #"{"url":"\#(url)","secret":"\#(Self.secret)","types":["decision"]}"#)
                ) { jsonObject($0.body)["id"] as? String ?? "" }
                let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
                try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                    #expect($0.status == .ok)
                }
                let expected = try TestServer.engineDecisions(events)
                let delivered = try await receiver.wait { $0.count >= expected.count }
                #expect(delivered.map { $0.body["alertID"] as? String } == expected.map(\.alertID))
                #expect(delivered.allSatisfy { $0.verified })
                #expect(receiver.attempts == expected.count + 2)
                let log = try await server.context.store.deliveries(webhook: webhookID, limit: 100).reversed()
                #expect(log.prefix(3).map(\.attempt) == [1, 2, 3])
                #expect(log.prefix(3).map(\.delivered) == [false, false, true])
                #expect(log.first?.status == 500)
                #expect(log.first?.error == "HTTP 500")
            }
        }
    }

    @Test("two nodes' dispatchers on one store: the lease holder delivers; when it stops, the other takes over from its cursor; each once")
    func leaseTakeover() async throws {
        // Leases long enough that no renewal is missed on a loaded machine; stopping hands the lease over at once.
        let server = try await TestServer { $0.webhooks.lease = .seconds(30) }
        let events = try TestServer.exampleCall("04")
        let all = try TestServer.engineDecisions(events)
        // Split just after the first decision's turn: node B delivers that one, the server's dispatcher the rest.
        let half = try #require(events.firstIndex { $0.at > (all.first?.at ?? .max) })
        let first = try TestServer.engineDecisions(Array(events[..<half]))
        try #require(!first.isEmpty && all.count > first.count, "decisions in both halves of call 04")
        let receiver = WebhookReceiver(secret: Self.secret)
        try await receiver.run { url in
            try await server.run { client in
                let store = server.context.store
                // Node B holds the lease before the webhook exists, so the server's own dispatcher is refused from its
                // first try until B lets go.
                let webhookID = "wh_takeover"
                #expect(try await store.lease(WebhookLease.name(webhookID), owner: "node-b", until: Date() + 30, now: Date()))
                try await store.saveWebhook(
                    WebhookRecord(
                        id: webhookID, url: url, secret: Self.secret, types: ["decision"], cursor: try await store.lastPosition(), createdAt: .now))
                var settings = server.context.configuration.webhooks
                settings.lease = .seconds(30)
                let nodeB = WebhookDispatcher(store: store, settings: settings, logger: Logger(label: "node-b"), nodeID: "node-b")
                let groupB = ServiceGroup(services: [nodeB], logger: Logger(label: "node-b"))
                let runningB = Task { try await groupB.run() }
                // Both workers are up (dispatchers look for new webhooks every second) before anything is posted: the
                // server's worker waits on the lease with the cursor the webhook started with.
                try await Task.sleep(for: .milliseconds(1_500))
                let post = { (part: ArraySlice<CallEvent>) in
                    let body = try part.map { try CallEvents.encode($0) }.joined(separator: "\n")
                    try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                        #expect($0.status == .ok)
                    }
                }
                try await post(events[..<half])
                _ = try await receiver.wait { $0.count >= first.count }
                // B stops once its cursor is stored past what it delivered (a crash before that would mean a redelivery).
                let last = try await store.entries(after: 0, limit: 10_000).last?.position ?? 0
                for _ in 0..<500 where (try await store.webhooks().first { $0.id == webhookID }?.cursor ?? 0) < last {
                    try await Task.sleep(for: .milliseconds(20))
                }
                // A graceful stop, as at a node's shutdown: B hands its lease back and the server's dispatcher takes over.
                await groupB.triggerGracefulShutdown()
                _ = await runningB.result
                try await post(events[half...])
                let delivered = try await receiver.wait(seconds: 60) { $0.count >= all.count }
                try await Task.sleep(for: .milliseconds(500))
                #expect(receiver.deliveries.count == all.count, "nothing delivered twice")
                #expect(delivered.map { $0.body["alertID"] as? String } == all.map(\.alertID), "every decision, in order")
                #expect(Set(delivered.map(\.position)).count == delivered.count)
            }
        }
    }

    @Test("webhook requests are checked: URL, types, secret length; admin only; unknown ids are 404")
    func webhookRefusals() async throws {
        let server = try await TestServer()
        try await server.run { client in
            for (body, fragment) in [
                (#"{"url":"ftp://x/y"}"#, "http or https"), (#"{"url":"https://x/y","types":["nope"]}"#, "unknown type"),
                (#"{"url":"https://x/y","types":[]}"#, "at least one"), (#"{"url":"https://x/y","secret":"short"}"#, "16 bytes"),
                ("not json", "must be JSON"),
            ] {
                try await client.execute(uri: "/v1/webhooks", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                    #expect($0.status == .badRequest)
                    #expect((jsonObject($0.body)["detail"] as? String)?.contains(fragment) == true, "\(body)")
                }
            }
            let agent = try await client.execute(
                uri: "/v1/keys", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"name":"A","role":"agent","subject":"a1"}"#)
            ) { jsonObject($0.body)["key"] as? String ?? "" }
            try await client.execute(
                uri: "/v1/webhooks", method: .post, headers: TestServer.headers(agent), body: ByteBuffer(string: #"{"url":"https://x/y"}"#)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/webhooks/wh_nope", method: .delete, headers: TestServer.headers()) { #expect($0.status == .notFound) }
            let id = try await client.execute(
                uri: "/v1/webhooks", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: #"{"url":"https://example.com/h"}"#)
            ) { response -> String in
                #expect((jsonObject(response.body)["secret"] as? String)?.hasPrefix("whsec_") == true)
                return jsonObject(response.body)["id"] as? String ?? ""
            }
            try await client.execute(uri: "/v1/webhooks", method: .get, headers: TestServer.headers()) { response in
                let hooks = jsonObject(response.body)["webhooks"] as? [[String: Any]] ?? []
                #expect(hooks.map { $0["id"] as? String } == [id])
                #expect(hooks.first?["secret"] == nil)
            }
            try await client.execute(uri: "/v1/webhooks/\(id)", method: .delete, headers: TestServer.headers()) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/v1/webhooks", method: .get, headers: TestServer.headers()) { response in
                #expect((jsonObject(response.body)["webhooks"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test("several nodes' sweepers on one store: a lease per follow-up, so an overdue follow-up raises one alert")
    func sweepersShareALease() async throws {
        let server = try await TestServer {
            $0.followUps.dueAfter = .seconds(1)
            $0.followUps.overdueSweep = .milliseconds(50)
        }
        let events = try TestServer.exampleCall("07")
        let callID = events[0].callID
        try await server.run { client in
            // Ten more nodes' sweepers, started together, besides the server's own.
            let sweepers = (0..<10).map { FollowUpSweeper(undertone: server.context, nodeID: "node-\($0)") }
            let running = sweepers.map { sweeper in Task { try await sweeper.run() } }
            let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                #expect($0.status == .ok)
            }
            let record = try #require(try await server.context.store.followUps(FollowUpFilter(callID: callID)).first)
            for _ in 0..<250 where try await server.context.store.followUp(record.followUp.id)?.followUp.overdueAlertID == nil {
                try await Task.sleep(for: .milliseconds(20))
            }
            // A few more sweeps by everyone, then count.
            try await Task.sleep(for: .milliseconds(500))
            for task in running { task.cancel() }
            let logged = try await server.context.store.entries(call: callID, after: 0, limit: 10_000)
            let raised = logged.filter { $0.entry.type == "decision" && $0.entry.body.contains("\"rule\":\"\(FollowUpSweeper.rule)\"") }
            #expect(raised.count == 1, "one overdue alert, not one per node: \(raised.count)")
            #expect(logged.filter { $0.entry.type == FollowUpChange.entryType }.count == 1, "one overdue mark")
        }
    }

    @Test("an overdue follow-up raises a supervisor alert once; closing the follow-up resolves it; roles filter follow-ups")
    func overdue() async throws {
        let server = try await TestServer { $0.followUps.dueAfter = .seconds(60) }
        let events = try TestServer.exampleCall("07").map { event in
            guard case .callStarted(var started) = event else { return event }
            started.team = "blue"
            started.agentID = "a1"
            return .callStarted(started)
        }
        let callID = events[0].callID
        try await server.run { client in
            let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                #expect($0.status == .ok)
            }
            let record = try #require(try await server.context.store.followUps(FollowUpFilter(callID: callID)).first)
            #expect(record.team == "blue")
            let sweeper = FollowUpSweeper(undertone: server.context)
            #expect(try await sweeper.sweep(now: .now) == 0)
            #expect(try await sweeper.sweep(now: .now + 120) == 1)
            #expect(try await sweeper.sweep(now: .now + 240) == 0)
            let alertID = "\(record.followUp.id)-overdue"
            let alert = try #require(try await server.context.store.alert(alertID))
            #expect(alert.state == .open)
            #expect(alert.tier == "supervisor")
            #expect(alert.rule == FollowUpSweeper.rule)
            #expect(try await server.context.store.followUp(record.followUp.id)?.followUp.overdueAlertID == alertID)

            let red = try await client.execute(
                uri: "/v1/keys", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"name":"R","role":"supervisor","subject":"red"}"#)
            ) { jsonObject($0.body)["key"] as? String ?? "" }
            let blue = try await client.execute(
                uri: "/v1/keys", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"name":"B","role":"supervisor","subject":"blue"}"#)
            ) { jsonObject($0.body)["key"] as? String ?? "" }
            try await client.execute(uri: "/v1/follow-ups", method: .get, headers: TestServer.headers(red)) {
                #expect((jsonObject($0.body)["followUps"] as? [Any])?.count == 0)
            }
            try await client.execute(uri: "/v1/follow-ups/\(record.followUp.id)", method: .get, headers: TestServer.headers(red)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/follow-ups?state=open", method: .get, headers: TestServer.headers(blue)) {
                #expect((jsonObject($0.body)["followUps"] as? [Any])?.count == 1)
            }
            try await client.execute(uri: "/v1/follow-ups?state=later", method: .get, headers: TestServer.headers(blue)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(
                uri: "/v1/follow-ups/\(record.followUp.id)/close", method: .post, headers: TestServer.headers(blue),
                body: ByteBuffer(string: #"{"state":"open"}"#)
            ) { #expect($0.status == .badRequest) }
            try await client.execute(
                uri: "/v1/follow-ups/\(record.followUp.id)/close", method: .post, headers: TestServer.headers(blue),
                body: ByteBuffer(string: #"{"state":"failed","outcome":"no answer after three tries"}"#)
            ) { #expect($0.status == .ok) }
            #expect(try await server.context.store.alert(alertID)?.state == .resolved)
            #expect(try await server.context.store.followUp(record.followUp.id)?.followUp.state == .failed)
        }
    }

    @Test("signatures: a genuine delivery verifies; a changed body, another secret or an old timestamp do not")
    func signatures() {
        let body = Array(#"{"type":"decision"}"#.utf8)
        let now = Date()
        let timestamp = Int(now.timeIntervalSince1970)
        let signature = WebhookSignature.sign(body: body, timestamp: timestamp, secret: Self.secret)
        #expect(signature.hasPrefix("v1=") && signature.count == 67)
        #expect(WebhookSignature.verify(body: body, timestamp: "\(timestamp)", signature: signature, secret: Self.secret, now: now))
        #expect(!WebhookSignature.verify(body: body + [32], timestamp: "\(timestamp)", signature: signature, secret: Self.secret, now: now))
        #expect(!WebhookSignature.verify(body: body, timestamp: "\(timestamp)", signature: signature, secret: "another-secret-xyz", now: now))
        #expect(!WebhookSignature.verify(body: body, timestamp: "\(timestamp)", signature: signature, secret: Self.secret, now: now + 600))
        #expect(!WebhookSignature.verify(body: body, timestamp: "\(timestamp + 1)", signature: signature, secret: Self.secret, now: now))
        #expect(WebhookSignature.verify(body: body, timestamp: "\(timestamp)", signature: "v1=00, \(signature)", secret: Self.secret, now: now))
        #expect(!WebhookSignature.verify(body: body, timestamp: "soon", signature: signature, secret: Self.secret, now: now))
        // HMAC-SHA256 of "1700000000.{}" keyed with "key": worked out independently (Python's hmac module).
        #expect(
            WebhookSignature.sign(body: Array("{}".utf8), timestamp: 1_700_000_000, secret: "key")
                == "v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae")
    }

    @Test("routing a known call without an intent reads it from the customer's words; an unknown call must give one")
    func routingReadsIntent() async throws {
        let server = try await TestServer()
        let events = try TestServer.exampleCall("10")
        let callID = events[0].callID
        // The engine's own reading of the call, as its signals carry it.
        var replay = CallAnalyzer(policy: try Policy.preset(named: "default"), textModel: TestServer.model)
        for event in events { _ = replay.ingest(event) }
        let expected = try #require(replay.intent)
        try await server.run { client in
            let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                #expect($0.status == .ok)
            }
            let roster = #"[{"id":"ag-1","skills":{"general":3}},{"id":"ag-2","skills":{"fraud_security":5,"billing":5,"account_access":5}}]"#
            try await client.execute(
                uri: "/v1/route", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"request":{"callID":"\#(callID)"},"roster":\#(roster)}"#)
            ) { response in
                #expect(response.status == .ok)
                let decision = jsonObject(response.body)["decision"] as? [String: Any] ?? [:]
                let reasons = decision["reasons"] as? [String] ?? []
                #expect(reasons.first?.hasPrefix("intent \(expected.intent) (") == true, "\(reasons)")
                let direct = Routing.route(
                    RoutingRequest(callID: callID, intent: expected.intent), roster: [], policy: RoutingPolicy.standard(industry: "banking"))
                #expect(decision["queue"] as? String == direct.queue)
            }
            try await client.execute(
                uri: "/v1/route", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"request":{"callID":"nobody-knows"},"roster":[]}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect((jsonObject(response.body)["detail"] as? String)?.contains("intent is required") == true)
            }
        }
    }

    @Test("guidance reaches the agent's feed: hints and a knowledge-base article for a confused billing call")
    func guidanceOnFeed() async throws {
        let server = try await TestServer()
        let events = try TestServer.exampleCall("02").map { event in
            guard case .callStarted(var started) = event else { return event }
            started.agentID = "ag-1"
            return .callStarted(started)
        }
        try await server.run { client in
            let agentFeed = server.context.feed.subscribe(Principal(keyID: "k", name: "agent", role: .agent, subject: "ag-1"), types: ["guidance"])
            let otherFeed = server.context.feed.subscribe(Principal(keyID: "o", name: "other", role: .agent, subject: "ag-2"), types: ["guidance"])
            let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                #expect($0.status == .ok)
            }
            server.context.feed.cancel(agentFeed.id)
            server.context.feed.cancel(otherFeed.id)
            var guidance: [[String: Any]] = []
            for await message in agentFeed.messages { guidance.append(jsonObject(message.json)) }
            var others = 0
            for await _ in otherFeed.messages { others += 1 }
            #expect(!guidance.isEmpty)
            #expect(others == 0)
            #expect(guidance.allSatisfy { $0["type"] as? String == "guidance" && $0["call"] as? String == events[0].callID })
            #expect(guidance.contains { !(($0["hints"] as? [Any]) ?? []).isEmpty })
            #expect(guidance.contains { !(($0["articles"] as? [Any]) ?? []).isEmpty })
        }
    }

    @Test("backoff doubles from the first wait up to the cap")
    func backoff() {
        var settings = WebhookSettings()
        settings.initialBackoff = .milliseconds(500)
        settings.maxBackoff = .seconds(3)
        #expect((1...6).map { settings.backoff(after: $0) } == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3), .seconds(3)])
    }
}

/// A hand-off notice read whole (the server writes it with its packet added as JSON already written).
private struct WholeNotice: Codable {
    var type: String
    var call: String
    var at: Int
    var target: String
    var reason: String
    var packet: HandoffPacket
    var compact: String
}

/// A `follow_up` log entry read whole: the follow-up's fields with `type` and `at`.
private struct TaggedFollowUp: Codable {
    var followUp: FollowUp
    var type: String
    var at: Int

    private enum Keys: String, CodingKey { case type, at }

    init(from decoder: any Decoder) throws {
        followUp = try FollowUp(from: decoder)
        let container = try decoder.container(keyedBy: Keys.self)
        type = try container.decode(String.self, forKey: .type)
        at = try container.decode(Int.self, forKey: .at)
    }

    func encode(to encoder: any Encoder) throws {
        try followUp.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(type, forKey: .type)
        try container.encode(at, forKey: .at)
    }
}
