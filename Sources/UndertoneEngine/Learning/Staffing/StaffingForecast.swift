import Foundation

/// One interval of a forecast: when it starts (as the forecast writes it), the calls expected and their handle time.
public struct ForecastInterval: Sendable, Equatable, Codable {
    /// The interval's start as written ("08:00", "2024-06-11T08:00"); a label, not parsed.
    public var start: String
    /// Calls expected in the interval.
    public var calls: Double
    /// Average handle time in seconds.
    public var ahtSeconds: Double
    /// The line of the forecast file it came from, when it came from one.
    public var line: Int?

    public init(start: String, calls: Double, ahtSeconds: Double, line: Int? = nil) {
        self.start = start
        self.calls = calls
        self.ahtSeconds = ahtSeconds
        self.line = line
    }
}

/// A day's (or any period's) forecast: intervals of equal length, each with its calls and handle time.
public struct StaffingForecast: Sendable, Equatable, Codable {
    /// The intervals in order; they share the request's interval length.
    public var intervals: [ForecastInterval]

    public init(intervals: [ForecastInterval]) {
        self.intervals = intervals
    }

    /// Reads CSV lines `start,calls[,aht]`: the start is a label, calls a number, aht seconds (`240`) or a duration
    /// (`4m`, `3m30s`). A header line naming the columns (`start,calls,aht`, in any order, other columns ignored) is
    /// optional; blank lines and lines starting with `#` are skipped. Intervals without their own handle time take
    /// `defaultAHTSeconds`. Throws `.forecast(line:reason:)` at the first bad line.
    public static func parse(csv: String, defaultAHTSeconds: Double? = nil) throws(StaffingError) -> StaffingForecast {
        var columns: (start: Int, calls: Int, aht: Int?)?
        var intervals: [ForecastInterval] = []
        for (index, raw) in csv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map(Self.field)
            if columns == nil {
                if fields.count >= 2, Double(fields[1]) == nil {
                    columns = try header(fields, line: line)
                    continue
                }
                columns = (0, 1, 2)
                guard fields.count <= 3 else {
                    throw .forecast(line: line, reason: "expected start,calls[,aht] (or a header naming the columns), not \(fields.count) fields")
                }
            }
            guard let columns else { continue }
            intervals.append(try interval(fields, columns: columns, line: line, defaultAHT: defaultAHTSeconds))
        }
        guard !intervals.isEmpty else { throw .invalid(field: "forecast", reason: "has no intervals (expected lines of start,calls[,aht])") }
        return StaffingForecast(intervals: intervals)
    }

    private static func field(_ raw: Substring) -> String {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        return text
    }

    private static func header(_ fields: [String], line: Int) throws(StaffingError) -> (start: Int, calls: Int, aht: Int?) {
        let names = fields.map { $0.lowercased() }
        func column(_ accepted: [String]) -> Int? { names.firstIndex { accepted.contains($0) } }
        guard let calls = column(["calls", "volume", "offered"]) else {
            throw .forecast(line: line, reason: "the header names no calls column (expected start,calls[,aht])")
        }
        let start = column(["start", "interval", "time", "period"]) ?? (calls == 0 ? 1 : 0)
        return (start, calls, column(["aht", "handle", "handle_time", "aht_seconds"]))
    }

    private static func interval(_ fields: [String], columns: (start: Int, calls: Int, aht: Int?), line: Int, defaultAHT: Double?)
        throws(StaffingError) -> ForecastInterval
    {
        func value(_ column: Int?) -> String { column.flatMap { $0 < fields.count ? fields[$0] : nil } ?? "" }
        let start = value(columns.start)
        guard !start.isEmpty else { throw .forecast(line: line, reason: "the interval has no start") }
        let callsText = value(columns.calls)
        guard let calls = Double(callsText), calls.isFinite, calls >= 0 else {
            throw .forecast(line: line, reason: "calls must be a number, 0 or more, not \"\(callsText)\"")
        }
        let ahtText = value(columns.aht)
        let aht: Double
        if ahtText.isEmpty {
            guard let defaultAHT else {
                throw .forecast(line: line, reason: "no handle time for \(start): add an aht column or give a default handle time")
            }
            aht = defaultAHT
        } else {
            guard let ms = PolicyDuration.milliseconds(ahtText), ms > 0 else {
                throw .forecast(line: line, reason: "aht must be seconds (240) or a duration (4m), not \"\(ahtText)\"")
            }
            aht = Double(ms) / 1000
        }
        return ForecastInterval(start: start, calls: calls, ahtSeconds: aht, line: line)
    }
}
