import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone {
    struct StaffingCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "staffing",
            abstract: "Agents needed for an interval of calls (Erlang C, or Erlang A with --patience), or how a headcount performs.",
            discussion: """
                One interval: --calls with --aht (and --interval, default 30m). A day: --forecast FILE.csv with lines \
                start,calls[,aht] (a header naming the columns is optional). Targets: --target PERCENT/SECONDS \
                (default 80/20), --max-occupancy, --asa, --max-abandonment (with --patience). --agents evaluates a \
                headcount instead of finding one; --shrinkage adds the scheduled heads. Times take units (20s, 4m, \
                30m, 1h; a bare number is seconds); shares are fractions (0.85) or percentages (85%). Formulas and \
                definitions: docs/staffing.md.
                """
        )

        @Option(help: "Calls offered in one interval.")
        var calls: Double?

        @Option(help: "The interval's length (15m, 30m, 1h).")
        var interval = "30m"

        @Option(help: "Average handle time (240s, 4m); a forecast's aht column overrides it.")
        var aht: String?

        @Option(help: "Service-level target PERCENT/SECONDS: 80/20 is 80% answered within 20 s.")
        var target = "80/20"

        @Option(help: "The most of agents' time spent on calls (0.85 or 85%).")
        var maxOccupancy: String?

        @Option(help: "The longest acceptable average speed of answer (30s).")
        var asa: String?

        @Option(help: "Callers' mean patience (90s): the model becomes Erlang A, with abandonment.")
        var patience: String?

        @Option(help: "The largest acceptable share of calls abandoned (0.05 or 5%); needs --patience.")
        var maxAbandonment: String?

        @Option(help: "Evaluate this headcount instead of finding the one needed.")
        var agents: Int?

        @Option(help: "Shrinkage (0.3 or 30%): scheduled heads = agents / (1 - shrinkage).")
        var shrinkage: String?

        @Option(help: "A forecast CSV: start,calls[,aht] per interval.")
        var forecast: String?

        @Flag(help: "Print JSON (a StaffingResult, or a StaffingPlan for --forecast).")
        var json = false

        func run() throws {
            var request = try targets()
            if let forecast {
                if calls != nil { throw CommandFailure("--calls and --forecast do not go together: the forecast gives each interval's calls") }
                guard let data = FileManager.default.contents(atPath: forecast) else { throw CommandFailure("cannot read forecast \(forecast)") }
                let parsed: StaffingForecast
                let plan: StaffingPlan
                do {
                    parsed = try StaffingForecast.parse(csv: String(decoding: data, as: UTF8.self), defaultAHTSeconds: try seconds(aht, "--aht"))
                    plan = try Staffing.plan(parsed, targets: request)
                } catch let error as StaffingError {
                    throw CommandFailure("\(forecast): \(error)")
                }
                print(json ? try StaffingReport.json(plan) : StaffingReport.table(plan, request: request))
                return
            }
            guard let calls else { throw CommandFailure("give --calls (calls per interval) or --forecast FILE.csv") }
            guard let ahtSeconds = try seconds(aht, "--aht") else { throw CommandFailure("give --aht, the average handle time (e.g. 240s)") }
            request.calls = calls
            request.ahtSeconds = ahtSeconds
            let result: StaffingResult
            do {
                result = try Staffing.solve(request)
            } catch {
                throw CommandFailure(StaffingReport.flagWording(error))
            }
            print(json ? try StaffingReport.json(result) : StaffingReport.text(result, request: request))
        }

        /// The request without calls and handle time: the interval, targets, patience, headcount and shrinkage.
        private func targets() throws -> StaffingRequest {
            guard let intervalSeconds = try seconds(interval, "--interval"), intervalSeconds > 0 else {
                throw CommandFailure("--interval must be a length of time such as 30m, not \"\(interval)\"")
            }
            guard let (level, within) = StaffingReport.serviceLevelTarget(target) else {
                throw CommandFailure("--target must be PERCENT/SECONDS such as 80/20 (80% answered within 20 s), not \"\(target)\"")
            }
            let request = StaffingRequest(
                calls: 0, intervalSeconds: intervalSeconds, ahtSeconds: 1, serviceLevel: level, answerWithinSeconds: within,
                maxOccupancy: try share(maxOccupancy, "--max-occupancy"), maxASASeconds: try seconds(asa, "--asa"),
                patienceSeconds: try seconds(patience, "--patience"), maxAbandonment: try share(maxAbandonment, "--max-abandonment"),
                agents: agents, shrinkage: try share(shrinkage, "--shrinkage") ?? 0)
            do {
                try request.validate()
            } catch {
                throw CommandFailure(StaffingReport.flagWording(error))
            }
            return request
        }

        private func seconds(_ text: String?, _ flag: String) throws -> Double? {
            guard let text else { return nil }
            guard let ms = PolicyDuration.milliseconds(text) else {
                throw CommandFailure("\(flag) must be a length of time such as 20s, 4m or 1h (a bare number is seconds), not \"\(text)\"")
            }
            return Double(ms) / 1000
        }

        private func share(_ text: String?, _ flag: String) throws -> Double? {
            guard let text else { return nil }
            guard let value = StaffingReport.share(text) else {
                throw CommandFailure("\(flag) must be a fraction (0.85) or a percentage (85%), not \"\(text)\"")
            }
            return value
        }
    }
}
