/// Why a staffing question could not be answered: a value out of range, a question beyond the calculator's limits, a
/// target no headcount meets, or a forecast line that cannot be read. Descriptions are written for a planner.
public enum StaffingError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A field of the request is missing, not a number or out of range (`field` is its JSON and query name).
    case invalid(field: String, reason: String)
    /// The question is well formed but larger than the calculator takes (traffic, headcount).
    case beyondLimits(String)
    /// No headcount up to `Staffing.maximumAgents` meets the targets.
    case unreachable(String)
    /// A line of a forecast file, counted from 1.
    case forecast(line: Int, reason: String)

    public var description: String {
        switch self {
        case .invalid(let field, let reason): "\(field): \(reason)"
        case .beyondLimits(let reason): reason
        case .unreachable(let reason): reason
        case .forecast(let line, let reason): "line \(line): \(reason)"
        }
    }
}
