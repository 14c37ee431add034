/// Staffing over a forecast: each interval's answer and the day's totals.
public struct StaffingPlan: Sendable, Equatable, Codable {
    /// One interval of the plan.
    public struct Row: Sendable, Equatable, Codable {
        /// The interval's start, as the forecast wrote it.
        public var start: String
        /// Calls expected in the interval.
        public var calls: Double
        /// The interval's average handle time in seconds.
        public var ahtSeconds: Double
        /// The staffing answer for the interval.
        public var result: StaffingResult
    }

    /// One row per interval of the forecast, in its order.
    public var rows: [Row]
    /// Calls over all intervals.
    public var totalCalls: Double
    /// The most agents any interval needs (or was given).
    public var peakAgents: Int
    /// The most scheduled heads any interval needs (agents grossed up for shrinkage).
    public var peakScheduledAgents: Int
    /// Σ agents × interval length, in hours: the on-phone time to roster.
    public var agentHours: Double
    /// Σ scheduled agents × interval length, in hours: the paid time once shrinkage is added.
    public var scheduledAgentHours: Double
    /// The day's service level: each interval's weighted by its calls (1 when there are none).
    public var serviceLevel: Double
    /// The day's abandonment, weighted by calls (Erlang A only).
    public var abandonment: Double?
    /// How many intervals miss a target (only when a headcount was given).
    public var intervalsMissingTargets: Int
}

extension Staffing {
    /// Answers `targets` for every interval of the forecast, each with its own calls and handle time (the request's
    /// `calls` and `ahtSeconds` are not used); a problem in an interval is reported with its line.
    public static func plan(_ forecast: StaffingForecast, targets: StaffingRequest) throws(StaffingError) -> StaffingPlan {
        var rows: [StaffingPlan.Row] = []
        for interval in forecast.intervals {
            var request = targets
            request.calls = interval.calls
            request.ahtSeconds = interval.ahtSeconds
            do {
                rows.append(
                    StaffingPlan.Row(start: interval.start, calls: interval.calls, ahtSeconds: interval.ahtSeconds, result: try solve(request)))
            } catch {
                guard let line = interval.line else { throw error }
                throw .forecast(line: line, reason: "\(interval.start): \(error)")
            }
        }
        let hours = targets.intervalSeconds / 3600
        let totalCalls = rows.reduce(0) { $0 + $1.calls }
        func weighted(_ value: (StaffingResult) -> Double) -> Double {
            totalCalls > 0 ? rows.reduce(0) { $0 + $1.calls * value($1.result) } / totalCalls : 0
        }
        return StaffingPlan(
            rows: rows, totalCalls: totalCalls, peakAgents: rows.map(\.result.agents).max() ?? 0,
            peakScheduledAgents: rows.map(\.result.scheduledAgents).max() ?? 0,
            agentHours: Double(rows.reduce(0) { $0 + $1.result.agents }) * hours,
            scheduledAgentHours: Double(rows.reduce(0) { $0 + $1.result.scheduledAgents }) * hours,
            serviceLevel: totalCalls > 0 ? weighted(\.serviceLevel) : 1,
            abandonment: targets.model == .erlangA ? weighted { $0.abandonment ?? 0 } : nil,
            intervalsMissingTargets: rows.count(where: { !$0.result.meetsTargets }))
    }
}
