import Foundation
import UndertoneEngine

/// How `undertone staffing` reads its flags' values and writes its answers.
enum StaffingReport {
    /// "80/20", "80%/20s", "0.8/1m": the share to answer (a bare number above 1 is a percentage, as in "80/20") and the
    /// answer-within time in seconds.
    static func serviceLevelTarget(_ text: String) -> (Double, Double)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let level = share(String(parts[0]), barePercent: true), let ms = PolicyDuration.milliseconds(String(parts[1]))
        else { return nil }
        return (level, Double(ms) / 1000)
    }

    /// "0.85" or "85%"; with `barePercent`, "85" too.
    static func share(_ text: String, barePercent: Bool = false) -> Double? {
        var text = text.trimmingCharacters(in: .whitespaces)
        let percent = text.hasSuffix("%")
        if percent { text.removeLast() }
        guard let value = Double(text), value.isFinite else { return nil }
        return percent || (barePercent && value > 1) ? value / 100 : value
    }

    /// The engine's message with its field names turned into the flags that set them.
    static func flagWording(_ error: StaffingError) -> String {
        guard case .invalid(let field, let reason) = error else { return error.description }
        let flags = [
            "calls": "--calls", "intervalSeconds": "--interval", "ahtSeconds": "--aht", "serviceLevel": "--target (the percentage)",
            "answerWithinSeconds": "--target (the seconds)", "maxOccupancy": "--max-occupancy", "maxASASeconds": "--asa",
            "patienceSeconds": "--patience", "maxAbandonment": "--max-abandonment", "agents": "--agents", "shrinkage": "--shrinkage",
        ]
        let wording = reason.replacingOccurrences(of: "needs patienceSeconds", with: "needs --patience")
        return "\(flags[field] ?? field): \(wording)"
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try EngineOutputJSON.encoder.encode(value), as: UTF8.self)
    }

    // MARK: One interval

    static func text(_ result: StaffingResult, request: StaffingRequest) -> String {
        var lines: [String] = []
        let model = result.model == .erlangC ? "Erlang C" : "Erlang A (mean patience \(duration(request.patienceSeconds ?? 0)))"
        lines.append(
            "\(model): \(number(request.calls)) calls per \(duration(request.intervalSeconds)), AHT \(duration(request.ahtSeconds))"
                + " → \(String(format: "%.2f", result.trafficErlangs)) Erlangs")
        lines.append("Targets: \(targetsText(request))")
        lines.append("")
        if request.agents == nil {
            let limits = result.limitedBy.map(targetName).joined(separator: ", ")
            lines.append("Agents needed: \(result.agents)" + (limits.isEmpty ? "" : " (set by \(limits))"))
        } else if !result.stable {
            lines.append(
                "With \(result.agents) agents: unstable — \(String(format: "%.2f", result.trafficErlangs)) Erlangs of traffic need more than "
                    + "\(Int(result.trafficErlangs.rounded(.down))) agents; the queue grows without bound.")
        } else {
            let missed = result.missedTargets.map(targetName).joined(separator: ", ")
            lines.append("With \(result.agents) agents: " + (result.meetsTargets ? "meets the targets" : "misses \(missed)"))
        }
        if result.stable { lines += figures(result, request: request) }
        if request.agents != nil {
            lines.append("Agents needed: " + (result.requiredAgents.map(String.init) ?? "more than \(Staffing.maximumAgents)"))
        }
        if request.shrinkage > 0 {
            lines.append("Scheduled heads with \(targetPercent(request.shrinkage)) shrinkage: \(result.scheduledAgents)")
        }
        return lines.joined(separator: "\n")
    }

    private static func figures(_ result: StaffingResult, request: StaffingRequest) -> [String] {
        var rows: [(String, String)] = [
            ("service level", "\(percent(result.serviceLevel)) answered within \(duration(request.answerWithinSeconds))"),
            ("average speed of answer", result.averageSpeedOfAnswerSeconds.map(seconds) ?? "none answered"),
            ("occupancy", percent(result.occupancy)),
            ("callers who wait", percent(result.probabilityOfWaiting)),
        ]
        if let abandonment = result.abandonment {
            rows.append(("abandoned", percent(abandonment)))
            rows.append(("average wait, all callers", result.averageWaitSeconds.map(seconds) ?? "-"))
        }
        rows.append(("still waiting after \(duration(request.answerWithinSeconds))", percent(result.waitBeyondTarget)))
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
    }

    static func targetsText(_ request: StaffingRequest) -> String {
        var parts = ["\(targetPercent(request.serviceLevel)) answered within \(duration(request.answerWithinSeconds))"]
        if let cap = request.maxOccupancy { parts.append("occupancy at most \(targetPercent(cap))") }
        if let cap = request.maxASASeconds { parts.append("ASA at most \(duration(cap))") }
        if let cap = request.maxAbandonment { parts.append("abandonment at most \(targetPercent(cap))") }
        return parts.joined(separator: ", ")
    }

    static func targetName(_ target: StaffingTarget) -> String {
        switch target {
        case .stability: "the traffic (agents must outnumber Erlangs)"
        case .serviceLevel: "the service level"
        case .occupancy: "the occupancy cap"
        case .averageSpeedOfAnswer: "the speed of answer"
        case .abandonment: "the abandonment cap"
        }
    }

    // MARK: A forecast

    static func table(_ plan: StaffingPlan, request: StaffingRequest) -> String {
        let erlangA = request.model == .erlangA
        var header = ["start", "calls", "aht", "erlangs", "agents"]
        if request.shrinkage > 0 { header.append("sched") }
        header += ["SL", "ASA", "occ"]
        if erlangA { header.append("aband") }
        if request.agents != nil { header.append("meets") }
        var rows: [[String]] = [header]
        for row in plan.rows {
            let result = row.result
            var cells = [row.start, number(row.calls), duration(row.ahtSeconds), String(format: "%.2f", result.trafficErlangs), "\(result.agents)"]
            if request.shrinkage > 0 { cells.append("\(result.scheduledAgents)") }
            cells += [
                result.stable ? percent(result.serviceLevel) : "unstable", result.averageSpeedOfAnswerSeconds.map(seconds) ?? "-",
                percent(result.occupancy),
            ]
            if erlangA { cells.append(percent(result.abandonment ?? 0)) }
            if request.agents != nil { cells.append(result.meetsTargets ? "yes" : "no") }
            rows.append(cells)
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = ["Targets: \(targetsText(request)); \(duration(request.intervalSeconds)) intervals", ""]
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == 0
                    ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            lines.append(cells.joined(separator: "  "))
        }
        lines.append("")
        var total = "\(plan.rows.count) intervals, \(number(plan.totalCalls)) calls; peak \(plan.peakAgents) agents"
        if request.shrinkage > 0 { total += " (\(plan.peakScheduledAgents) scheduled)" }
        total += "; \(String(format: "%.1f", plan.agentHours)) agent-hours"
        if request.shrinkage > 0 { total += " (\(String(format: "%.1f", plan.scheduledAgentHours)) scheduled)" }
        total += "; service level over the day \(percent(plan.serviceLevel))"
        if let abandonment = plan.abandonment { total += ", abandoned \(percent(abandonment))" }
        if request.agents != nil { total += "; \(plan.intervalsMissingTargets) interval(s) miss a target" }
        lines.append(total)
        return lines.joined(separator: "\n")
    }

    // MARK: Numbers

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    /// A target as it was probably written: 80%, 85%, 92.5%.
    static func targetPercent(_ value: Double) -> String {
        let tenths = (value * 1000).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))%" : String(format: "%.1f%%", value * 100)
    }

    static func seconds(_ value: Double) -> String { String(format: "%.1f s", value) }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.2f", value)
    }

    /// 20s, 4m, 3m30s, 1h; fractions of a second as "2.5s".
    static func duration(_ seconds: Double) -> String {
        let ms = (seconds * 1000).rounded()
        guard ms.truncatingRemainder(dividingBy: 1000) == 0 else { return String(format: "%gs", seconds) }
        return PolicyDuration.text(Int(ms))
    }
}
