/// A problem with a scorecard file, located where it can be fixed:
/// `line 14, column 9: item "greeting": "withinTurns" must be from 1 to 50, not 0`.
public struct ScorecardError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The 1-based line of the file, when the problem has a place.
    public var line: Int?
    /// The 1-based column, when known.
    public var column: Int?
    public var message: String

    public init(line: Int? = nil, column: Int? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        switch (line, column) {
        case (let line?, let column?): "line \(line), column \(column): \(message)"
        case (let line?, nil): "line \(line): \(message)"
        default: message
        }
    }
}
