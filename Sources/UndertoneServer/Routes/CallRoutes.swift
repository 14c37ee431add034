import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import UndertoneEngine
import UndertoneStore

extension ServerContext {
    /// Calls, transcripts and alerts, each filtered by what the caller's role may see.
    func registerCallRoutes(_ router: Router<AppRequestContext>) {
        router.get("/v1/calls") { request, context -> Response in
            let principal = try context.caller()
            var filter = CallFilter(limit: try request.limit(default: 500))
            if let status = request.uri.queryParameters["status"] {
                guard let value = CallRecord.Status(rawValue: String(status)) else { throw Problem.badRequest("status must be live or ended") }
                filter.status = value
            }
            filter.queue = request.uri.queryParameters["queue"].map(String.init)
            switch principal.role {
            case .agent: filter.agentID = principal.subject ?? "\u{0}"
            case .supervisor: filter.team = principal.subject ?? "\u{0}"
            case .admin: break
            }
            return try json(["calls": try await store.calls(filter)])
        }

        router.get("/v1/calls/{call}") { _, context -> Response in
            let call = try await visibleCall(context)
            let alerts = try await store.alerts(AlertFilter(callID: call.callID))
            return try json(CallDetail(call: call, alerts: alerts))
        }

        router.get("/v1/calls/{call}/transcript") { _, context -> Response in
            let call = try await visibleCall(context, auditing: "transcript")
            var turns: [Turn] = []
            var after = 0
            while true {
                let page = try await store.entries(call: call.callID, after: after, limit: 5_000)
                for logged in page {
                    after = logged.callSequence
                    if logged.entry.type == Turn.eventType, case .turn(let turn)? = try? CallEvents.decode(line: logged.entry.body) {
                        turns.append(turn)
                    }
                }
                if page.count < 5_000 { break }
            }
            try await audit(try context.caller(), "transcript.read", target: call.callID)
            var transcript = Transcript()
            for turn in turns { _ = transcript.apply(turn) }
            let lines = try transcript.turns.map { try SortedJSON.string(CallEvent.turn($0)) }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(
                    byteBuffer: ByteBuffer(string: "{\"call\":\(SortedJSON.quoted(call.callID)),\"turns\":[\(lines.joined(separator: ","))]}")
                ))
        }

        router.get("/v1/calls/{call}/handoff") { request, context -> Response in
            let call = try await visibleCall(context, auditing: "handoff")
            var events: [CallEvent] = []
            var outputs: [EngineOutput] = []
            var after = 0
            while true {
                let page = try await store.entries(call: call.callID, after: after, limit: 5_000)
                for logged in page {
                    after = logged.callSequence
                    switch logged.entry.kind {
                    case .event: if let event = try? CallEvents.decode(line: logged.entry.body) { events.append(event) }
                    case .output:
                        if let output = try? JSONDecoder().decode(EngineOutput.self, from: Data(logged.entry.body.utf8)) { outputs.append(output) }
                    }
                }
                if page.count < 5_000 { break }
            }
            let link = "/v1/calls/\(call.callID)/handoff"
            guard
                let packet = HandoffPacket.build(
                    events: events, outputs: outputs, intent: request.uri.queryParameters["intent"].map(String.init), link: link)
            else { throw Problem.notFound("call \"\(call.callID)\" has no call_started in its log") }
            try await audit(try context.caller(), "handoff.read", target: call.callID)
            if request.uri.queryParameters["format"] == "text" {
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: packet.text)))
            }
            struct View: Encodable {
                var packet: HandoffPacket
                var compact: String
            }
            return try json(View(packet: packet, compact: packet.compact))
        }

        router.get("/v1/alerts") { request, context -> Response in
            let principal = try context.caller()
            var filter = AlertFilter(limit: try request.limit(default: 500))
            if let state = request.uri.queryParameters["state"] {
                guard let value = AlertRecord.State(rawValue: String(state)) else {
                    throw Problem.badRequest("state must be open, acknowledged or resolved")
                }
                filter.state = value
            }
            filter.callID = request.uri.queryParameters["call"].map(String.init)
            switch principal.role {
            case .agent: filter.agentID = principal.subject ?? "\u{0}"
            case .supervisor: filter.team = principal.subject ?? "\u{0}"
            case .admin: break
            }
            return try json(["alerts": try await store.alerts(filter)])
        }

        router.post("/v1/alerts/{alert}/ack") { request, context -> Response in
            let body = try await request.body.collect(upTo: 64 << 10)
            let outcome: AlertOutcome
            if body.readableBytes == 0 {
                outcome = .acknowledged
            } else {
                struct Body: Decodable { var outcome: String? }
                guard let parsed = try? JSONDecoder().decode(Body.self, from: Data(buffer: body)) else {
                    throw Problem.badRequest("the body must be JSON: {\"outcome\": \"acknowledged\" | \"useful\" | \"dismissed\" | \"resolved\"}")
                }
                guard let value = AlertOutcome(rawValue: parsed.outcome ?? "acknowledged") else {
                    throw Problem.badRequest("outcome must be acknowledged, useful, dismissed or resolved")
                }
                outcome = value
            }
            return try await acknowledge(context, outcome: outcome)
        }

        router.post("/v1/alerts/{alert}/resolve") { _, context -> Response in
            try await acknowledge(context, outcome: .resolved)
        }
    }

    /// The call named in the path if the caller may see it; 404 otherwise (no hint that it exists). With `auditing`
    /// (`transcript`, `handoff`, `outputs`: reads of what a customer said), a refusal is audited as `WHAT.refused`, with
    /// why in its detail: someone asking for calls they may not see is what an audit log is for.
    func visibleCall(_ context: AppRequestContext, auditing read: String? = nil) async throws -> CallRecord {
        let principal = try context.caller()
        let callID = try context.parameters.require("call")
        let call = try await store.call(callID)
        guard let call, principal.maySee(agentID: call.agentID, team: call.team) else {
            if let read {
                try await audit(principal, "\(read).refused", target: callID, detail: call == nil ? "no such call" : "not the caller's call")
            }
            throw Problem.notFound("no call \"\(callID)\"")
        }
        return call
    }

    /// An acknowledgement is an event of its call: it goes through the engine and the log like any other. Supervisors
    /// and admins answer the alerts they may see; an agent answers the coach alerts of its own calls (the coaching is
    /// theirs, and so is the say on whether it helped). The event's `by` is the person who answered.
    private func acknowledge(_ context: AppRequestContext, outcome: AlertOutcome) async throws -> Response {
        let principal = try context.caller()
        let alertID = try context.parameters.require("alert")
        guard let alert = try await store.alert(alertID), principal.maySee(agentID: alert.agentID, team: alert.team) else {
            throw Problem.notFound("no alert \"\(alertID)\"")
        }
        if principal.role == .agent, alert.tier != Tier.coach.rawValue {
            throw Problem.forbidden("an agent answers the coach alerts of its own calls; this one is for a \(alert.tier)")
        }
        guard let call = try await store.call(alert.callID) else { throw Problem.notFound("no call \"\(alert.callID)\"") }
        guard call.status == .live else { throw Problem(.conflict, "call \"\(call.callID)\" has ended; its alerts were resolved with it") }
        // Event time: the call's latest event plus the wall-clock time since the store saw it, within the event clock's range.
        let elapsed = min(max(0, Date().timeIntervalSince(call.updatedAt) * 1000), Double(CallEvent.latestAt))
        let at = min(CallEvent.latestAt, max(0, call.lastAt) + Int(elapsed))
        let event = CallEvent.alertAcknowledged(
            AlertAcknowledgement(callID: call.callID, at: at, alertID: alertID, by: principal.person, outcome: outcome))
        let receipt: IngestReceipt
        do {
            // An agent's key writes nothing else, so its scope is no team's: the checks above are what let it answer here.
            let scope = principal.role == .agent ? .anyCall : principal.ingestScope
            receipt = try await shards.ingest(callID: call.callID, items: [IngestItem(event: event)], scope: scope)
        } catch let error as IngestError {
            throw Problem(error.status, error.description)
        }
        let outputs = receipt.outputLines
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(
                byteBuffer: ByteBuffer(
                    string:
                        "{\"alert\":\(SortedJSON.quoted(alertID)),\"outcome\":\"\(outcome.rawValue)\",\"outputs\":[\(outputs.joined(separator: ","))]}"
                )))
    }
}

struct CallDetail: Encodable {
    var call: CallRecord
    var alerts: [AlertRecord]
}

/// A JSON response with sorted keys.
func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    Response(
        status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: try SortedJSON.string(value))))
}
