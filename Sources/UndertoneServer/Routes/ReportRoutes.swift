import Foundation
import Hummingbird
import UndertoneEngine
import UndertoneStore

extension ServerContext {
    /// Learning from the log: `GET /v1/report` (metrics, recovery analysis, scorecards for a period; docs/metrics.md) and
    /// `GET /v1/calls/{call}/scorecard` (one call scored with the default scorecard).
    func registerReportRoutes(_ router: Router<AppRequestContext>) {
        router.get("/v1/report") { request, context -> Response in
            let principal = try context.caller(atLeast: .supervisor)
            let query = request.uri.queryParameters
            let period: ReportPeriod
            do throws(ReportPeriod.Invalid) {
                period = try ReportPeriod(from: query["from"].map(String.init), to: query["to"].map(String.init))
            } catch {
                throw Problem.badRequest(error.description)
            }
            var settings = MetricsSettings(calmBelow: policy.policy.rearmBelow)
            if let days = query["repeatDays"] {
                guard let value = Int(days), (1...90).contains(value) else {
                    throw Problem.badRequest("repeatDays must be a whole number from 1 to 90")
                }
                settings.repeatWindowDays = value
            }
            let team: String? = principal.role == .admin ? nil : (principal.subject ?? "\u{0}")
            let report = try await ReportLoader.report(
                store: store, period: period, team: team, settings: settings, generatedAt: .now, intents: intentModel)
            return try json(report)
        }

        router.get("/v1/calls/{call}/scorecard") { _, context -> Response in
            let principal = try context.caller()
            let callID = try context.parameters.require("call")
            guard let call = try await store.call(callID), principal.maySee(agentID: call.agentID, team: call.team) else {
                throw Problem.notFound("no call \"\(callID)\"")
            }
            let logged = try await ReportLoader.loggedCall(store: store, call: call)
            let scorecard: Scorecard
            do {
                scorecard = try Scorecard.bundled()
            } catch {
                throw Problem(.internalServerError, "the bundled scorecard: \(error)")
            }
            try await audit(principal, "scorecard.read", target: callID)
            return try json(scorecard.score(logged.events))
        }
    }
}

/// A report's period, `from` before `to`, read from ISO 8601 text.
public struct ReportPeriod: Sendable, Equatable {
    public var from: Date
    public var to: Date

    /// Why a period was refused.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init(from: String?, to: String?) throws(Invalid) {
        guard let fromText = from, !fromText.isEmpty, let toText = to, !toText.isEmpty else {
            throw Invalid(description: "from and to are required: ISO 8601 times such as 2026-11-23T00:00:00Z, or dates such as 2026-11-23")
        }
        guard let from = ReportTime.parse(fromText) else { throw Invalid(description: "from is not an ISO 8601 time: \"\(fromText)\"") }
        guard let to = ReportTime.parse(toText) else { throw Invalid(description: "to is not an ISO 8601 time: \"\(toText)\"") }
        guard from < to else { throw Invalid(description: "from must be before to") }
        self.from = from
        self.to = to
    }
}

/// Reads the calls a report needs from the store's log and builds it: what `GET /v1/report` and `undertone report` share.
public enum ReportLoader {
    static let page = 5_000

    /// The report of the calls that started in the period (of `team`, when given). Calls of the repeat window either side
    /// are read too, their first customer turns only, to find repeat contacts.
    public static func report(
        store: any EventStore, period: ReportPeriod, team: String?, settings: MetricsSettings, generatedAt: Date,
        intents: IntentModel? = try? IntentModel.default
    ) async throws -> Report {
        let window = Double(settings.repeatWindowDays) * 86_400
        let records = try await calls(
            store: store, from: period.from.addingTimeInterval(-window), to: min(period.to.addingTimeInterval(window), generatedAt))
        var logged: [LoggedCall] = []
        for record in records {
            let inPeriod = record.startedAt >= period.from && record.startedAt < period.to && (team == nil || record.team == team)
            logged.append(try await loggedCall(store: store, call: record, customerTurns: inPeriod ? nil : settings.intentTurns))
        }
        return Report.build(
            calls: logged, from: period.from, to: period.to, generatedAt: generatedAt, team: team, settings: settings,
            intents: intents, scorecard: try? Scorecard.bundled())
    }

    /// Every call that started in `from..<to`, paging through the store (which lists newest first).
    public static func calls(store: any EventStore, from: Date, to: Date) async throws -> [CallRecord] {
        var seen: Set<String> = []
        var records: [CallRecord] = []
        var before = to
        while true {
            let batch = try await store.calls(CallFilter(startedAfter: from.addingTimeInterval(-0.001), startedBefore: before, limit: page))
            let fresh = batch.filter { seen.insert($0.callID).inserted }
            records += fresh
            guard batch.count == page, !fresh.isEmpty, let oldest = batch.last?.startedAt else { break }
            // Calls that share the oldest one's millisecond are read again and skipped.
            before = oldest.addingTimeInterval(0.001)
        }
        return records.filter { $0.startedAt >= from && $0.startedAt < to }
    }

    /// One call's log, read page by page; with `customerTurns`, reading stops once that many customer turns are in.
    public static func loggedCall(store: any EventStore, call: CallRecord, customerTurns: Int? = nil) async throws -> LoggedCall {
        var events: [CallEvent] = []
        var outputs: [EngineOutput] = []
        var after = 0
        var heard = 0
        let size = customerTurns == nil ? page : 200
        while true {
            let batch = try await store.entries(call: call.callID, after: after, limit: size)
            for logged in batch {
                after = logged.callSequence
                switch logged.entry.kind {
                case .event:
                    guard let event = try? CallEvents.decode(line: logged.entry.body) else { continue }
                    events.append(event)
                    if case .turn(let turn) = event, turn.speaker == .customer, turn.isFinal { heard += 1 }
                case .output:
                    if let output = LoggedCall.output(type: logged.entry.type, json: logged.entry.body) { outputs.append(output) }
                }
            }
            if batch.count < size { break }
            if let customerTurns, heard >= customerTurns { break }
        }
        return LoggedCall(callID: call.callID, startedAt: call.startedAt, events: events, outputs: outputs)
    }
}
