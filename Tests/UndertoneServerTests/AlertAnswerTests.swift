import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import UndertoneEngine
import UndertoneServer
import UndertoneStore

/// People, not teams: who may answer an alert, who the alert says answered, and refused reads in the audit log.
@Suite("Answering alerts")
struct AlertAnswerTests {
    /// Call 04 without its end (its alerts stay answerable), posted; its agent's id.
    static func postLiveCall(_ client: any TestClientProtocol) async throws -> (callID: String, agentID: String) {
        let events = try TestServer.exampleCall("04").filter { if case .callEnded = $0 { false } else { true } }
        let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
        try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
            #expect($0.status == .ok)
        }
        let agent = try #require(events.compactMap { if case .callStarted(let started) = $0 { started.agentID } else { nil } }.first)
        return (events[0].callID, agent)
    }

    static func key(_ client: any TestClientProtocol, _ json: String) async throws -> String {
        try await client.execute(uri: "/v1/keys", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: json)) { response in
            #expect(response.status == .created)
            return jsonObject(response.body)["key"] as? String ?? ""
        }
    }

    @Test("an agent answers its own coach alert and is named; not a supervisor's alert, not another agent's; a supervisor is named, not its team")
    func whoAnswers() async throws {
        let server = try await TestServer()
        try await server.run { client in
            let (callID, agentID) = try await Self.postLiveCall(client)
            let alerts = try await server.context.store.alerts(AlertFilter(callID: callID))
            let coach = try #require(alerts.first { $0.tier == "coach" && $0.state == .open }, "call 04 coaches its agent: \(alerts.map(\.tier))")
            let graver = try #require(alerts.first { $0.tier != "coach" && $0.state == .open })
            let own = try await Self.key(client, #"{"name":"Ana Ruiz","role":"agent","subject":"\#(agentID)"}"#)
            let other = try await Self.key(client, #"{"name":"Bo","role":"agent","subject":"someone-else"}"#)
            let team = try #require(alerts.first?.team)
            let supervisor = try await Self.key(client, #"{"name":"Dana Kim","role":"supervisor","subject":"\#(team)"}"#)

            try await client.execute(
                uri: "/v1/alerts/\(coach.alertID)/ack", method: .post, headers: TestServer.headers(other),
                body: ByteBuffer(string: #"{"outcome":"useful"}"#)
            ) { #expect($0.status == .notFound, "another agent's alert is not there for them") }
            try await client.execute(uri: "/v1/alerts/\(graver.alertID)/ack", method: .post, headers: TestServer.headers(own)) { response in
                #expect(response.status == .forbidden)
                #expect((jsonObject(response.body)["detail"] as? String)?.contains("coach") == true)
            }
            try await client.execute(
                uri: "/v1/alerts/\(coach.alertID)/ack", method: .post, headers: TestServer.headers(own),
                body: ByteBuffer(string: #"{"outcome":"dismissed"}"#)
            ) { #expect($0.status == .ok) }
            let answered = try #require(try await server.context.store.alert(coach.alertID))
            #expect(answered.state == .acknowledged)
            #expect(answered.outcome == "dismissed")
            #expect(answered.acknowledgedBy == agentID, "the agent, by its id")

            try await client.execute(uri: "/v1/alerts/\(graver.alertID)/ack", method: .post, headers: TestServer.headers(supervisor)) {
                #expect($0.status == .ok)
            }
            #expect(try await server.context.store.alert(graver.alertID)?.acknowledgedBy == "Dana Kim", "the person, not the team \(team)")

            // The agent's wrap-up is an action like the others.
            let wrapUp = #"{"v":1,"type":"agent_action","call":"\#(callID)","at":900000,"action":"wrap_up","note":"callback booked"}"#
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: wrapUp)) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test("a refused read of a transcript, a hand-off or a call's outputs is audited, with the key that asked")
    func refusedReadsAudited() async throws {
        let server = try await TestServer()
        try await server.run { client in
            let (callID, _) = try await Self.postLiveCall(client)
            let other = try await Self.key(client, #"{"name":"Bo","role":"agent","subject":"someone-else"}"#)
            for (path, action) in [("transcript", "transcript.refused"), ("handoff", "handoff.refused"), ("outputs", "outputs.refused")] {
                try await client.execute(uri: "/v1/calls/\(callID)/\(path)", method: .get, headers: TestServer.headers(other)) {
                    #expect($0.status == .notFound)
                }
                let audit = try await server.context.store.auditLog(after: 0, limit: 100)
                #expect(audit.contains { $0.action == action && $0.target == callID && $0.detail == "not the caller's call" }, "\(action)")
            }
            try await client.execute(uri: "/v1/calls/no-such-call/transcript", method: .get, headers: TestServer.headers(other)) {
                #expect($0.status == .notFound)
            }
            let audit = try await server.context.store.auditLog(after: 0, limit: 100)
            #expect(audit.contains { $0.action == "transcript.refused" && $0.target == "no-such-call" && $0.detail == "no such call" })
            // And a role's name reads as a sentence says it.
            try await client.execute(uri: "/v1/keys", method: .get, headers: TestServer.headers(other)) { response in
                #expect(response.status == .forbidden)
                #expect(jsonObject(response.body)["detail"] as? String == "this needs an admin key; yours is an agent key")
            }
        }
    }
}
