import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import UndertoneEngine
import UndertoneStore

extension ServerContext {
    /// `POST /v1/route`: where a contact should go — queue, priority and best free agent, with reasons — for the roster
    /// the contact centre's ACD sends along. A known call's live stress fills in when the request gives none, and the
    /// choice is recorded in the call's event log (and published on the feed).
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
            var routing = body.request
            let call = try await store.call(routing.callID)
            if let call, !principal.maySee(agentID: call.agentID, team: call.team) { throw Problem.notFound("no call \"\(routing.callID)\"") }
            if let call, routing.stress == 0 { routing.stress = call.smoothedStress }
            var decision = Routing.route(routing, roster: body.roster, policy: body.policy ?? RoutingPolicy.standard(industry: call?.industry))
            if let call, body.request.stress == 0 {
                decision.reasons.insert("live stress \(Routing.format(call.smoothedStress)) from the call", at: 0)
            }
            let json = String(decoding: try JSONEncoder.sorted.encode(decision), as: UTF8.self)
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
}
