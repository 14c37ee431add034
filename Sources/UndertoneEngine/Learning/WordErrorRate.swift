import Foundation

/// Word error rate: the word-level edit distance (substitutions, deletions, insertions) between what was said and what
/// was heard, over the words said. Words are compared lower-cased, without punctuation.
public struct WordErrorRate: Sendable, Equatable {
    public private(set) var errors = 0
    public private(set) var words = 0

    public init() {}

    /// The rate over everything added, 0 when nothing was.
    public var rate: Double { words == 0 ? 0 : Double(errors) / Double(words) }

    /// Adds one reference and what the recogniser made of it; returns that pair's errors.
    @discardableResult
    public mutating func add(reference: String, hypothesis: String) -> Int {
        let said = Self.words(reference)
        let heard = Self.words(hypothesis)
        let distance = Self.distance(said, heard)
        errors += distance
        words += said.count
        return distance
    }

    /// Lower-cased words, punctuation dropped (apostrophes inside words kept: "I'm").
    public static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "'") }.map { $0.trimmingCharacters(in: ["'"]) }.filter { !$0.isEmpty }
    }

    static func distance(_ a: [String], _ b: [String]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for (i, word) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, other) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (word == other ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
