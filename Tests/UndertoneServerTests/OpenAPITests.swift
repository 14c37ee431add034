import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

/// Checks a JSON value against the subset of JSON Schema the OpenAPI document uses: `type`, `required`, `properties`,
/// `additionalProperties`, `items`, `enum`, `oneOf`, `format: date-time` and `$ref`. Returns what does not match, by path.
struct SchemaChecker {
    let components: [String: Any]

    func check(_ value: JSONValue?, against schema: [String: Any], at path: String = "$") -> [String] {
        if let reference = schema["$ref"] as? String {
            let name = String(reference.split(separator: "/").last ?? "")
            guard let resolved = components[name] as? [String: Any] else { return ["\(path): unknown schema \(reference)"] }
            return check(value, against: resolved, at: path)
        }
        guard let value else { return ["\(path): missing"] }
        if let choices = schema["oneOf"] as? [[String: Any]] {
            let results = choices.map { check(value, against: $0, at: path) }
            return results.contains(where: \.isEmpty) ? [] : ["\(path): matches none of oneOf: \(results.map { $0.first ?? "" })"]
        }
        if let type = schema["type"] as? String, !Self.matches(value, type: type) { return ["\(path): expected \(type), got \(value)"] }
        var problems: [String] = []
        switch value {
        case .string(let text):
            if let allowed = schema["enum"] as? [String], !allowed.contains(text) { problems.append("\(path): \"\(text)\" is not one of \(allowed)") }
            if schema["format"] as? String == "date-time", ISODate.parse(text) == nil {
                problems.append("\(path): \"\(text)\" is not an ISO 8601 date-time")
            }
        case .object(let object):
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { problems.append("\(path).\(key): required but absent") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, member) in object {
                if let property = properties[key] as? [String: Any] {
                    problems += check(member, against: property, at: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    problems += check(member, against: additional, at: "\(path).\(key)")
                } else if !properties.isEmpty {
                    problems.append("\(path).\(key): not in the schema")
                }
            }
        case .array(let array):
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { problems += check(item, against: items, at: "\(path)[\(index)]") }
            }
        case .null, .bool, .number:
            break
        }
        return problems
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("number", .number): true
        case ("integer", .number(let number)): number.rounded() == number
        case ("object", _), ("array", _), ("string", _), ("boolean", _), ("number", _), ("integer", _): false
        default: true
        }
    }
}

@Suite("OpenAPI document")
struct OpenAPITests {
    static func document() throws -> [String: Any] {
        let data = try #require(OpenAPIDocument.data)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Routes that are not the API and so not in its document: the dashboard's pages and files (docs/dashboard.md).
    static let notAPI: Set<String> = ["GET /", "GET /agent", "GET /assets/{file}"]

    @Test("every route the server registers is documented, and every documented route exists")
    func routesMatch() async throws {
        let server = try await TestServer()
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        // The server runs (and closes its store) around the look at its router.
        let routes = Mutex<[String]>([])
        try await server.run { _ in
            routes.withLock { $0 = server.context.buildRouter().routes.map { "\($0.method.rawValue) \($0.path.description)" } }
        }
        let registered = Set(routes.withLock { $0 }).subtracting(Self.notAPI)
        #expect(registered.subtracting(documented).sorted() == [], "routes the document lacks")
        #expect(documented.subtracting(registered).sorted() == [], "documented routes the server lacks")
        // Every operation answers something and names the schemas it uses.
        let components = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let text = String(decoding: try #require(OpenAPIDocument.data), as: UTF8.self)
        for name in components.keys { #expect(text.contains("#/components/schemas/\(name)\""), "schema \(name) is never used") }
    }

    @Test("live answers match the documented schemas and status codes")
    func answersMatchSchemas() async throws {
        let server = try await TestServer()
        let document = try Self.document()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let checker = SchemaChecker(components: (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:])
        let events = try TestServer.exampleCall("04")
        let callID = events[0].callID
        let batch = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")

        /// The documented schema of an answer, or nil when the status is not documented for the operation.
        func schema(_ method: String, _ template: String, _ status: Int) -> [String: Any]? {
            let operation = paths[template]?[method] as? [String: Any]
            guard let response = (operation?["responses"] as? [String: Any])?[String(status)] as? [String: Any] else { return nil }
            let content = response["content"] as? [String: Any]
            return ((content?["application/json"] ?? content?["application/problem+json"]) as? [String: Any])?["schema"] as? [String: Any] ?? [:]
        }

        struct Answer {
            var method: String
            var uri: String
            var template: String
            var status: Int
            var body: String
        }
        let answers = Mutex<[Answer]>([])
        try await server.run { client in
            func call(_ method: HTTPRequest.Method, _ uri: String, template: String, body: String? = nil, key: Bool = true) async throws {
                let (status, text) = try await client.execute(
                    uri: uri, method: method, headers: key ? TestServer.headers() : [:], body: body.map { ByteBuffer(string: $0) }
                ) { ($0.status.code, String(buffer: $0.body)) }
                answers.withLock { $0.append(Answer(method: method.rawValue.lowercased(), uri: uri, template: template, status: status, body: text)) }
            }
            try await call(.post, "/v1/events", template: "/v1/events", body: batch)
            try await call(.post, "/v1/events", template: "/v1/events", body: "{\"v\":1,\"type\":\"nonsense\"}")
            try await call(.post, "/v1/events", template: "/v1/events", body: batch, key: false)
            try await call(.get, "/healthz", template: "/healthz", key: false)
            try await call(.get, "/readyz", template: "/readyz", key: false)
            try await call(.get, "/openapi.json", template: "/openapi.json", key: false)
            try await call(.get, "/v1/calls", template: "/v1/calls")
            try await call(.get, "/v1/calls?status=sideways", template: "/v1/calls")
            try await call(.get, "/v1/calls/\(callID)", template: "/v1/calls/{call}")
            try await call(.get, "/v1/calls/no-such-call", template: "/v1/calls/{call}")
            try await call(.get, "/v1/calls/\(callID)/transcript", template: "/v1/calls/{call}/transcript")
            try await call(.get, "/v1/alerts", template: "/v1/alerts")
            try await call(.get, "/v1/calls/\(callID)/handoff?intent=billing", template: "/v1/calls/{call}/handoff")
            try await call(.get, "/v1/calls/no-such-call/handoff", template: "/v1/calls/{call}/handoff")
            try await call(.get, "/v1/calls/\(callID)/outputs", template: "/v1/calls/{call}/outputs")
            try await call(.get, "/v1/calls/\(callID)/outputs?types=decision", template: "/v1/calls/{call}/outputs")
            try await call(.get, "/v1/calls/no-such-call/outputs", template: "/v1/calls/{call}/outputs")
            try await call(.post, "/v1/session", template: "/v1/session", body: "{\"key\":\"\(TestServer.adminKey)\"}", key: false)
            try await call(.post, "/v1/session", template: "/v1/session", body: "{\"key\":\"ut_wrong\"}", key: false)
            try await call(.post, "/v1/session", template: "/v1/session", body: "{}", key: false)
            try await call(.get, "/v1/session", template: "/v1/session")
            try await call(.get, "/v1/session", template: "/v1/session", key: false)
            try await call(.delete, "/v1/session", template: "/v1/session", key: false)
            let alerts = try await server.context.store.alerts(AlertFilter(callID: callID))
            if let alert = alerts.first {
                try await call(.post, "/v1/alerts/\(alert.alertID)/ack", template: "/v1/alerts/{alert}/ack", body: "{\"outcome\":\"useful\"}")
                try await call(.post, "/v1/alerts/\(alert.alertID)/ack", template: "/v1/alerts/{alert}/ack", body: "{\"outcome\":\"maybe\"}")
            }
            try await call(.post, "/v1/alerts/nope/resolve", template: "/v1/alerts/{alert}/resolve")
            try await call(.get, "/v1/keys", template: "/v1/keys")
            try await call(.post, "/v1/keys", template: "/v1/keys", body: "{\"name\":\"wall\",\"role\":\"supervisor\",\"subject\":\"blue\"}")
            try await call(.post, "/v1/keys", template: "/v1/keys", body: "{\"name\":\"wall\",\"role\":\"king\"}")
            try await call(.delete, "/v1/keys/nope", template: "/v1/keys/{key}")
            try await call(.put, "/v1/policy", template: "/v1/policy", body: "name: broken\nrules: 3\n")
            try await call(.get, "/v1/audit", template: "/v1/audit")
            try await call(.get, "/v1/staffing?calls=100&intervalSeconds=1800&ahtSeconds=180", template: "/v1/staffing")
            try await call(.get, "/v1/staffing?calls=2500&ahtSeconds=300&patienceSeconds=90", template: "/v1/staffing")
            try await call(.get, "/v1/staffing?calls=100&ahtSeconds=0", template: "/v1/staffing")
            try await call(.get, "/v1/staffing?ahtSeconds=180", template: "/v1/staffing")
            let hour = Date().addingTimeInterval(-3600)
            let period = "from=\(ReportTime.text(hour))&to=\(ReportTime.text(hour.addingTimeInterval(7200)))"
            try await call(.get, "/v1/report?\(period)", template: "/v1/report")
            try await call(.get, "/v1/report?from=2026-01-02&to=2026-01-01", template: "/v1/report")
            try await call(.get, "/v1/calls/\(callID)/scorecard", template: "/v1/calls/{call}/scorecard")
            try await call(.get, "/v1/calls/no-such-call/scorecard", template: "/v1/calls/{call}/scorecard")
            let roster = #"[{"id":"ag-1","skills":{"billing":4},"idleSinceMs":0},{"id":"ag-2","skills":{"billing":5},"idleSinceMs":5000}]"#
            try await call(
                .post, "/v1/route", template: "/v1/route", body: #"{"request":{"callID":"\#(callID)","intent":"billing"},"roster":\#(roster)}"#)
            try await call(.post, "/v1/route", template: "/v1/route", body: #"{"request":{"callID":"new-call","intent":"technical"},"roster":[]}"#)
            try await call(.post, "/v1/route", template: "/v1/route", body: #"{"roster":[]}"#)
            let followUpID = try await server.context.store.followUps(FollowUpFilter(callID: callID)).first?.followUp.id ?? "missing"
            try await call(.get, "/v1/follow-ups", template: "/v1/follow-ups")
            try await call(.get, "/v1/follow-ups?state=later", template: "/v1/follow-ups")
            try await call(.get, "/v1/follow-ups/\(followUpID)", template: "/v1/follow-ups/{id}")
            try await call(.get, "/v1/follow-ups/nope", template: "/v1/follow-ups/{id}")
            try await call(.post, "/v1/follow-ups/\(followUpID)/claim", template: "/v1/follow-ups/{id}/claim", body: #"{"owner":"mgr-ana"}"#)
            try await call(.post, "/v1/follow-ups/\(followUpID)/close", template: "/v1/follow-ups/{id}/close", body: #"{"state":"open"}"#)
            try await call(
                .post, "/v1/follow-ups/\(followUpID)/close", template: "/v1/follow-ups/{id}/close", body: #"{"state":"done","outcome":"ok"}"#)
            try await call(.post, "/v1/follow-ups/\(followUpID)/close", template: "/v1/follow-ups/{id}/close", body: #"{"state":"failed"}"#)
            try await call(.post, "/v1/follow-ups/\(followUpID)/claim", template: "/v1/follow-ups/{id}/claim")
            try await call(.post, "/v1/webhooks", template: "/v1/webhooks", body: #"{"url":"https://example.com/hook","types":["decision"]}"#)
            try await call(.post, "/v1/webhooks", template: "/v1/webhooks", body: #"{"url":"mailto:x"}"#)
            try await call(.get, "/v1/webhooks", template: "/v1/webhooks")
            let webhookID = try await server.context.store.webhooks().first?.id ?? "missing"
            try await call(.get, "/v1/webhooks/\(webhookID)/deliveries", template: "/v1/webhooks/{webhook}/deliveries")
            try await call(.delete, "/v1/webhooks/\(webhookID)", template: "/v1/webhooks/{webhook}")
            try await call(.delete, "/v1/webhooks/\(webhookID)", template: "/v1/webhooks/{webhook}")
        }
        let seen = answers.withLock { $0 }
        #expect(seen.count >= 20)
        // The textbook case: 100 calls in 30 minutes, 180 s handle time, 80% in 20 s needs 14 agents.
        let staffing = seen.first { $0.uri.hasPrefix("/v1/staffing?calls=100&intervalSeconds") }
        #expect(staffing.map { jsonObject($0.body)["requiredAgents"] as? Int } == 14)
        // The hand-off packet of a logged call quotes its cancel threat and fits a SIP header.
        let handoff = seen.first { $0.uri.hasSuffix("/handoff?intent=billing") }.map { jsonObject($0.body) }
        #expect((handoff?["compact"] as? String)?.contains("cancel_threat") == true)
        #expect(((handoff?["packet"] as? [String: Any])?["summary"] as? [Any])?.isEmpty == false)
        // The report counts the logged call.
        let report = seen.first { $0.uri.hasPrefix("/v1/report?from=") && $0.status == 200 }.map { jsonObject($0.body) }
        #expect((report?["overall"] as? [String: Any])?["calls"] as? Int == 1)
        // Routing a known call: the best qualified agent, recorded in its log.
        let routed = seen.first { $0.uri == "/v1/route" }.map { jsonObject($0.body) }
        #expect((routed?["decision"] as? [String: Any])?["agentID"] as? String == "ag-2")
        #expect(routed?["logged"] as? Bool == true)
        // The manager escalation of the logged call made a follow-up, which was claimed and closed once.
        #expect(seen.filter { $0.template == "/v1/follow-ups/{id}/close" }.map(\.status) == [400, 200, 409])
        #expect(seen.first { $0.uri == "/v1/follow-ups" }.map { (jsonObject($0.body)["followUps"] as? [Any])?.count } == 1)
        for answer in seen {
            let documented = schema(answer.method, answer.template, answer.status)
            #expect(documented != nil, "\(answer.method) \(answer.uri) answered \(answer.status), which the document does not list")
            guard let documented, !documented.isEmpty else { continue }
            let problems = checker.check(try? JSONValue.parse(answer.body), against: documented)
            #expect(problems.isEmpty, "\(answer.method) \(answer.uri) → \(answer.status): \(problems.prefix(5))")
        }
    }

    @Test("the checker itself catches a wrong type, a missing member and a bad enum value")
    func checkerCatchesMismatches() throws {
        let checker = SchemaChecker(components: [
            "Thing": [
                "type": "object", "required": ["id", "state"],
                "properties": ["id": ["type": "integer"], "state": ["type": "string", "enum": ["a", "b"]]],
            ]
        ])
        let schema: [String: Any] = ["$ref": "#/components/schemas/Thing"]
        #expect(checker.check(try JSONValue.parse(#"{"id":3,"state":"a"}"#), against: schema).isEmpty)
        #expect(checker.check(try JSONValue.parse(#"{"id":"3","state":"a"}"#), against: schema).count == 1)
        #expect(checker.check(try JSONValue.parse(#"{"id":3.5,"state":"a"}"#), against: schema).count == 1)
        #expect(checker.check(try JSONValue.parse(#"{"state":"a"}"#), against: schema).count == 1)
        #expect(checker.check(try JSONValue.parse(#"{"id":3,"state":"c"}"#), against: schema).count == 1)
        #expect(checker.check(try JSONValue.parse(#"{"id":3,"state":"a","extra":1}"#), against: schema).count == 1)
    }
}
