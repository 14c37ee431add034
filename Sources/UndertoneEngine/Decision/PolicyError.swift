/// A problem with a policy file, located where the file can be fixed. Descriptions are written for the operations
/// manager who wrote it: `line 12, column 5: rule "x": unknown tier "boss" (expected coach, supervisor or manager)`.
public struct PolicyError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The 1-based line of the file, when the problem has a place.
    public var line: Int?
    /// The 1-based column (counted in Unicode scalars), when known.
    public var column: Int?
    /// What is wrong and, where it helps, what was expected; prefixed by the rule (`rule "x": …`) inside a rule.
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

/// Wording shared by the policy's messages and descriptions.
enum PolicyText {
    /// A number as a person would write it: 0.45, 1, 2.5.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// "a, b or c".
    static func choices(_ values: [String]) -> String { EventText.choices(values) }

    /// `unknown signal "stres"; did you mean "stress"? (expected stress, frustration, … or mismatch)`.
    static func unknown(_ what: String, _ value: String, expected: [String]) -> String {
        var message = "unknown \(what) \"\(value)\""
        if let nearest = nearest(to: value, in: expected) { message += "; did you mean \"\(nearest)\"?" }
        return message + " (expected \(choices(expected)))"
    }

    /// The candidate a slip of the keyboard or of naming most likely meant: the same word in another case or with
    /// `-`/`_` changed ("cancel-threat" → "cancel_threat"), else the only one it begins ("empathy" → "empathy_protocol"),
    /// else the closest within a small edit distance.
    static func nearest(to value: String, in candidates: [String]) -> String? {
        let folded = fold(value)
        if let same = candidates.first(where: { fold($0) == folded }) { return same }
        let extended = candidates.filter { fold($0).hasPrefix(folded) }
        if folded.count >= 4, extended.count == 1 { return extended[0] }
        let limit = folded.count <= 4 ? 1 : folded.count <= 8 ? 2 : 3
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(folded), Array(fold(candidate)))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    private static func fold(_ text: String) -> String {
        String(text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
    }

    /// Levenshtein distance, with a swap of two neighbours counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], previous2[j - 2] + 1) }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
