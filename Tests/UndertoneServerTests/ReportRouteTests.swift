import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import UndertoneEngine
import UndertoneServer
import UndertoneStore

@Suite("Report routes")
struct ReportRouteTests {
    /// Two example calls on a live server: 01 (team home-services, calm) and 04 (team tech-west, anger to a cancel threat).
    @Test("GET /v1/report: the period's calls for an admin, a supervisor's team only, agents refused, bad periods 400")
    func report() async throws {
        let server = try await TestServer()
        let calm = try TestServer.exampleCall("01")
        let angry = try TestServer.exampleCall("04")
        try await server.run { client in
            for call in [calm, angry] {
                let body = try call.map { try CallEvents.encode($0) }.joined(separator: "\n")
                try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                    #expect($0.status == .ok)
                }
            }
            func key(_ role: String, _ subject: String) async throws -> String {
                try await client.execute(
                    uri: "/v1/keys", method: .post, headers: TestServer.headers(),
                    body: ByteBuffer(string: #"{"name":"k","role":"\#(role)","subject":"\#(subject)"}"#)
                ) { jsonObject($0.body)["key"] as? String ?? "" }
            }
            let supervisor = try await key("supervisor", "tech-west")
            let agent = try await key("agent", "ag-412")
            // Whole seconds, so that the period reads back exactly as written.
            let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3600).rounded(.down))
            let period = "from=\(ReportTime.text(start))&to=\(ReportTime.text(start.addingTimeInterval(7200)))"

            let all = try await client.execute(uri: "/v1/report?\(period)", method: .get, headers: TestServer.headers()) { response in
                #expect(response.status == .ok)
                return jsonObject(response.body)
            }
            let overall = try #require(all["overall"] as? [String: Any])
            #expect(overall["calls"] as? Int == 2)
            #expect(Set((all["byTeam"] as? [String: Any])?.keys.map { $0 } ?? []) == ["home-services", "tech-west"])
            // Call 04 is transferred, with a survey of 1; call 01 is resolved.
            #expect(overall["transferRate"] as? Double == 0.5)
            #expect(((all["scorecards"] as? [String: Any])?["calls"]) as? Int == 2)
            #expect(!((all["byRule"] as? [Any])?.isEmpty ?? true), "call 04 raises alerts")
            #expect(all["from"] as? String == ReportTime.text(start))

            let team = try await client.execute(uri: "/v1/report?\(period)", method: .get, headers: TestServer.headers(supervisor)) { response in
                #expect(response.status == .ok)
                return jsonObject(response.body)
            }
            #expect((team["overall"] as? [String: Any])?["calls"] as? Int == 1)
            #expect((team["byTeam"] as? [String: Any])?.keys.sorted() == ["tech-west"])

            try await client.execute(uri: "/v1/report?\(period)", method: .get, headers: TestServer.headers(agent)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/v1/report?\(period)", method: .get) { #expect($0.status == .unauthorized) }
            for (query, words) in [
                ("", "from and to are required"), ("from=2026-11-23", "from and to are required"), ("from=yesterday&to=2026-11-23", "from is not"),
                ("from=2026-11-23&to=soon", "to is not"), ("from=2026-11-24&to=2026-11-23", "before"), ("from=2026-11-23&to=2026-11-23", "before"),
                ("\(period)&repeatDays=0", "repeatDays"),
            ] {
                try await client.execute(uri: "/v1/report?\(query)", method: .get, headers: TestServer.headers()) { response in
                    #expect(response.status == .badRequest, "\(query)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect((jsonObject(response.body)["detail"] as? String)?.contains(words) == true, "\(query): \(String(buffer: response.body))")
                }
            }
            // A period with no calls: zero calls and null rates.
            try await client.execute(uri: "/v1/report?from=2020-01-01&to=2020-01-02", method: .get, headers: TestServer.headers()) { response in
                let overall = jsonObject(response.body)["overall"] as? [String: Any]
                #expect(overall?["calls"] as? Int == 0)
                #expect(overall?["preventionRate"] is NSNull)
            }
        }
    }

    @Test("GET /v1/calls/{call}/scorecard scores the logged call; other teams' calls are not found")
    func scorecard() async throws {
        let server = try await TestServer()
        let events = try TestServer.exampleCall("09")
        let callID = events[0].callID
        let expected = try Scorecard.bundled().score(events)
        try await server.run { client in
            let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                #expect($0.status == .ok)
            }
            let result = try await client.execute(uri: "/v1/calls/\(callID)/scorecard", method: .get, headers: TestServer.headers()) { response in
                #expect(response.status == .ok)
                return try JSONDecoder().decode(ScorecardResult.self, from: Data(response.body.readableBytesView))
            }
            // The same score as the engine gives the events (the log's redaction leaves these turns as they were).
            #expect(result.score == expected.score)
            #expect(result.items.map(\.outcome) == expected.items.map(\.outcome))
            let other = try await client.execute(
                uri: "/v1/keys", method: .post, headers: TestServer.headers(),
                body: ByteBuffer(string: #"{"name":"k","role":"supervisor","subject":"nobody"}"#)
            ) { jsonObject($0.body)["key"] as? String ?? "" }
            try await client.execute(uri: "/v1/calls/\(callID)/scorecard", method: .get, headers: TestServer.headers(other)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/calls/nope/scorecard", method: .get, headers: TestServer.headers()) { #expect($0.status == .notFound) }
            let audit = try await server.context.store.auditLog(after: 0, limit: 50)
            #expect(audit.contains { $0.action == "scorecard.read" && $0.target == callID })
        }
    }
}
