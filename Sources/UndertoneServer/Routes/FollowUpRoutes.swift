import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import UndertoneEngine
import UndertoneStore

extension ServerContext {
    /// Follow-ups: list, read, claim, close. Each change is a `follow_up_update` entry in the call's log, published on the
    /// feed; the caller sees the follow-ups of the calls their role may see.
    func registerFollowUpRoutes(_ router: Router<AppRequestContext>) {
        router.get("/v1/follow-ups") { request, context -> Response in
            let principal = try context.caller()
            let query = request.uri.queryParameters
            var filter = FollowUpFilter(limit: try request.limit(default: 500))
            if let state = query["state"] {
                guard let value = FollowUpState(rawValue: String(state)) else { throw Problem.badRequest("state must be open, done or failed") }
                filter.state = value
            }
            filter.owner = query["owner"].map(String.init)
            filter.callID = query["call"].map(String.init)
            if let overdue = query["overdue"] {
                guard overdue == "true" || overdue == "false" else { throw Problem.badRequest("overdue must be true or false") }
                if overdue == "true" { filter.dueBefore = .now }
            }
            switch principal.role {
            case .agent: filter.agentID = principal.subject ?? "\u{0}"
            case .supervisor: filter.team = principal.subject ?? "\u{0}"
            case .admin: break
            }
            var found = try await store.followUps(filter)
            if query["overdue"] == "false" { found = found.filter { !$0.followUp.isOverdue(at: .now) } }
            let now = Date()
            return try json(FollowUpList(followUps: found.map { FollowUpView($0.followUp, now: now) }))
        }

        router.get("/v1/follow-ups/{id}") { _, context -> Response in
            let record = try await visibleFollowUp(context)
            return try json(FollowUpView(record.followUp, now: .now))
        }

        router.post("/v1/follow-ups/{id}/claim") { request, context -> Response in
            let principal = try context.caller()
            let record = try await visibleFollowUp(context)
            struct Body: Decodable { var owner: String? }
            let data = try await request.body.collect(upTo: 64 << 10)
            var owner = redacted(principal.subject ?? principal.name)
            if data.readableBytes > 0 {
                guard let body = try? JSONDecoder().decode(Body.self, from: Data(buffer: data)) else {
                    throw Problem.badRequest("the body must be JSON: {\"owner\": \"…\"} (or empty, to claim it yourself)")
                }
                if let named = body.owner {
                    guard !named.isEmpty else { throw Problem.badRequest("owner must not be empty") }
                    guard redacted(named) == owner || principal.role >= .supervisor else {
                        throw Problem.forbidden("an agent key may claim a follow-up only for itself")
                    }
                    owner = redacted(named)
                }
            }
            let change = FollowUpChange(
                id: record.followUp.id, callID: record.followUp.callID, action: .claim, by: redacted(principal.subject ?? principal.name),
                owner: owner,
                changedAt: .now)
            return try await apply(change, to: record, principal: principal)
        }

        router.post("/v1/follow-ups/{id}/close") { request, context -> Response in
            let principal = try context.caller()
            let record = try await visibleFollowUp(context)
            struct Body: Decodable {
                var state: String
                var outcome: String?
            }
            let data = try await request.body.collect(upTo: 64 << 10)
            guard let body = try? JSONDecoder().decode(Body.self, from: Data(buffer: data)) else {
                throw Problem.badRequest("the body must be JSON: {\"state\": \"done\" | \"failed\", \"outcome\": \"…\"}")
            }
            guard let state = FollowUpState(rawValue: body.state), state != .open else { throw Problem.badRequest("state must be done or failed") }
            let change = FollowUpChange(
                id: record.followUp.id, callID: record.followUp.callID, action: .close, by: redacted(principal.subject ?? principal.name),
                state: state,
                outcome: body.outcome.map(redacted), changedAt: .now)
            return try await apply(change, to: record, principal: principal)
        }
    }

    /// The follow-up named in the path if the caller may see its call; 404 otherwise.
    private func visibleFollowUp(_ context: AppRequestContext) async throws -> FollowUpRecord {
        let principal = try context.caller()
        let id = try context.parameters.require("id")
        guard let record = try await store.followUp(id), principal.maySee(agentID: record.agentID, team: record.team) else {
            throw Problem.notFound("no follow-up \"\(id)\"")
        }
        return record
    }

    /// Checks the change against the follow-up's life (409 when it is closed), logs it, publishes it, answers it.
    private func apply(_ change: FollowUpChange, to record: FollowUpRecord, principal: Principal) async throws -> Response {
        let next: FollowUp
        do {
            next = try record.followUp.applying(change)
        } catch {
            throw Problem(.conflict, error.description)
        }
        let at = try await store.call(change.callID)?.lastAt ?? 0
        let body = try TaggedEntry(change, type: FollowUpChange.entryType, at: at).json()
        announce(try await store.append([LogEntry(callID: change.callID, kind: .output, type: FollowUpChange.entryType, at: at, body: body)]))
        try await audit(principal, "follow_up.\(change.action.rawValue)", target: change.id, detail: next.owner ?? "")
        let view = FollowUpView(next, now: .now)
        feed.publish([
            FeedMessage(
                callID: change.callID, agentID: record.agentID, team: record.team, type: FollowUp.entryType,
                json: try FollowUpView(next, now: .now, withPacket: false).json())
        ])
        return try json(view)
    }
}

struct FollowUpList: Encodable {
    var followUps: [FollowUpView]
}
