import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import UndertoneEngine
import UndertoneStore

extension ServerContext {
    /// `POST /v1/route`: where a contact should go — queue, priority and best free agent, with reasons — for the roster
    /// the contact centre's ACD sends along. A known call's live stress fills in when the request gives none, so does its
    /// intent (as the engine read it from the customer's words, on their latest signal), and the choice is recorded in
    /// the call's event log (and published on the feed).
    func registerRoutingRoutes(_ router: Router<AppRequestContext>) {
        router.post("/v1/route") { request, context -> Response in
            let principal = try context.caller(atLeast: .supervisor)
            struct Body: Decodable {
                var request: RoutingRequest
                var roster: [RosterAgent]
                var policy: RoutingPolicy?
            }
            let data = try await request.body.collect(upTo: 4 << 20)
            let body: Body
            do {
                body = try JSONDecoder().decode(Body.self, from: Data(buffer: data))
            } catch {
                throw Problem.badRequest("the body must be JSON {\"request\": {callID, intent, …}, \"roster\": [agents], \"policy\"?}: \(error)")
            }
            do throws(RoutingInputError) {
                try body.request.validate()
                for (index, agent) in body.roster.enumerated() { try agent.validate("roster[\(index)]") }
                try body.policy?.validate()
            } catch {
                throw Problem.badRequest(error.description)
            }
            var routing = body.request
            let call = try await store.call(routing.callID)
            if let call, !principal.maySee(agentID: call.agentID, team: call.team) { throw Problem.notFound("no call \"\(routing.callID)\"") }
            if let call, routing.stress == 0 { routing.stress = call.smoothedStress }
            var heard: CallIntent?
            if routing.intent.isEmpty {
                guard let call else { throw Problem.badRequest("request.intent is required for a call the server does not know") }
                heard = try await customerIntent(call.callID)
                routing.intent = heard?.label ?? IntentModel.outOfScope
            }
            var decision = Routing.route(routing, roster: body.roster, policy: body.policy ?? RoutingPolicy.standard(industry: call?.industry))
            if let call, body.request.stress == 0 {
                decision.reasons.insert("live stress \(Routing.format(call.smoothedStress)) from the call", at: 0)
            }
            if body.request.intent.isEmpty {
                let said = heard.map { "intent \($0.label) (\(Routing.format($0.confidence))) from the customer's words" }
                decision.reasons.insert(said ?? "no clear intent in the customer's words yet", at: 0)
            }
            let json = try SortedJSON.string(decision)
            if let call {
                let entry = LogEntry(callID: call.callID, kind: .output, type: "routing", at: call.lastAt, body: json)
                _ = try await store.append([entry])
                feed.publish([FeedMessage(callID: call.callID, agentID: call.agentID, team: call.team, type: "routing", json: json)])
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: "{\"decision\":\(json),\"logged\":\(call != nil)}")))
        }
    }

    /// The call's intent as the engine last read it (the newest customer signal that names one), or nil.
    func customerIntent(_ callID: String) async throws -> CallIntent? {
        var intent: CallIntent?
        var after = 0
        while true {
            let page = try await store.entries(call: callID, after: after, limit: 5_000)
            for logged in page {
                after = logged.callSequence
                guard logged.entry.kind == .output, logged.entry.type == "signal",
                    case .signal(let signal)? = try? JSONDecoder().decode(EngineOutput.self, from: Data(logged.entry.body.utf8)),
                    let read = signal.intent
                else { continue }
                intent = read
            }
            if page.count < 5_000 { break }
        }
        return intent
    }
}
