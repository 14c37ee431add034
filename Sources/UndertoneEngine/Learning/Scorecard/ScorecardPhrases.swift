/// Phrases a scorecard item listens for, matched word by word on the speech-transcript form of both phrase and turn (lower
/// case, no punctuation, "don't" = "dont"), so a typed chat and a recogniser's transcript read alike.
struct ScorecardPhrases: Sendable, Equatable {
    /// The phrases as written in the scorecard.
    let phrases: [String]
    private let words: [[Substring]]

    init(_ phrases: [String]) {
        self.phrases = phrases
        words = phrases.map { speechTranscriptForm($0).split(separator: " ") }
    }

    /// The first phrase found in a turn's text, with a quote of the turn around it.
    func firstMatch(in text: String) -> (phrase: String, quote: String)? {
        let turn = TurnWords(text)
        for (index, phrase) in words.enumerated() where !phrase.isEmpty {
            if let range = turn.find(phrase) { return (phrases[index], turn.quote(around: range)) }
        }
        return nil
    }
}

/// A turn's text as words: each written word, split further where the transcript form splits it ("well-known" → "well",
/// "known"), keeping which written word each came from so that a quote shows the turn as it was written.
struct TurnWords {
    private let written: [Substring]
    private let normalised: [Substring]
    private let origin: [Int]

    init(_ text: String) {
        written = text.split(whereSeparator: \.isWhitespace)
        var normalised: [Substring] = []
        var origin: [Int] = []
        for (index, word) in written.enumerated() {
            for part in speechTranscriptForm(String(word)).split(separator: " ") {
                normalised.append(part)
                origin.append(index)
            }
        }
        self.normalised = normalised
        self.origin = origin
    }

    /// The written words a phrase covers, if it appears as whole words.
    func find(_ phrase: [Substring]) -> ClosedRange<Int>? {
        guard phrase.count <= normalised.count else { return nil }
        for start in 0...(normalised.count - phrase.count) where normalised[start..<(start + phrase.count)].elementsEqual(phrase) {
            return origin[start]...origin[start + phrase.count - 1]
        }
        return nil
    }

    /// The written words of the match with up to `context` words either side, "…" where the turn goes on.
    func quote(around range: ClosedRange<Int>, context: Int = 4) -> String {
        let low = max(0, range.lowerBound - context)
        let high = min(written.count - 1, range.upperBound + context)
        return (low > 0 ? "… " : "") + written[low...high].joined(separator: " ") + (high < written.count - 1 ? " …" : "")
    }

    /// A quote of the whole turn, cut to its first `limit` words.
    static func quote(_ text: String, limit: Int = 16) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        return words.prefix(limit).joined(separator: " ") + (words.count > limit ? " …" : "")
    }

    var count: Int { normalised.count }
}
