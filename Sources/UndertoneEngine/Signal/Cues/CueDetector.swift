/// Finds explicit cues in one turn's text: threats to leave, requests for a manager, legal threats, repeat contact,
/// abuse and profanity, confusion, gratitude and resolution.
///
/// It reads typed text and speech-recogniser output alike (no case, no punctuation, "dont", "im", fillers, numbers as
/// words or digits), matches phrase tables written as data (`CuePhrases.swift`), and drops what is negated ("I don't
/// want to cancel") while marking what is hypothetical ("if it's not fixed I'll cancel"). Pure and cheap: the tables
/// are compiled once, and a typical turn costs a few microseconds.
public struct CueDetector: Sendable {
    private let book: CuePhraseBook

    /// A detector using the standard (English) phrase book.
    public init() {
        book = .standard
    }

    /// A detector for a language's primary subtag ("en", "es", "fr"); nil where the engine has no phrases in it.
    public init?(language: String) {
        guard let book = CuePhraseBook.book(for: language) else { return nil }
        self.book = book
    }

    /// The languages the engine has cue phrases in.
    public static let languages = ["en", "es", "fr"]

    /// The language of the phrase book ("en", "es", "fr").
    public var language: String { book.language }

    /// Cues in one turn's text, in order of appearance, at most one per kind (the strongest/first; a non-conditional
    /// beats a conditional one).
    public func detect(_ text: String) -> [Cue] {
        let words = CueText(book.folds ? foldedText(text) : text, vocabulary: book.vocabulary)
        guard !words.isEmpty else { return [] }
        let matches = book.matches(in: words)
        guard !matches.isEmpty else { return [] }

        // Which words each kind's vetoes cover; marking words keeps long turns linear.
        var vetoed: [CueKind: [Bool]] = [:]
        for match in matches where match.role == .veto {
            for position in match.range { vetoed[match.kind, default: Array(repeating: false, count: words.count)][position] = true }
        }
        var candidates: [Candidate] = []
        for match in matches where match.role != .veto {
            if let covered = vetoed[match.kind], match.range.contains(where: { covered[$0] }) { continue }
            if !Self.negativeByNature.contains(match.kind), book.scope.isNegated(phraseStartingAt: match.range.lowerBound, in: words) { continue }
            let conditional =
                match.role == .hypothetical
                || book.scope.isConditional(match.range, in: words, lookAhead: Self.conditionedByFollowingIf.contains(match.kind))
            candidates.append(Candidate(kind: match.kind, range: match.range, conditional: conditional))
        }
        // Swearing inside an insult is part of the abuse ("you f***ing idiot"), not a separate cue.
        if candidates.contains(where: { $0.kind == .abuse }) {
            var insulted = Array(repeating: false, count: words.count)
            for candidate in candidates where candidate.kind == .abuse {
                for position in candidate.range { insulted[position] = true }
            }
            candidates.removeAll { $0.kind == .profanity && $0.range.contains { insulted[$0] } }
        }
        candidates.sort { ($0.range.lowerBound, $1.range.count) < ($1.range.lowerBound, $0.range.count) }

        var cues: [(start: Int, cue: Cue)] = []
        for kind in CueKind.allCases {
            let ofKind = candidates.filter { $0.kind == kind }
            // The first said outright, else the first said conditionally.
            guard let best = ofKind.firstIndex(where: { !$0.conditional }) ?? ofKind.indices.first else { continue }
            let range = Self.span(from: best, in: ofKind)
            var count: Int?
            if kind == .repeatContact {
                count = book.scope.repeatCount(in: range, of: words)
                for other in ofKind where count == nil {
                    count = book.scope.repeatCount(in: other.range, of: words)
                }
            }
            let text = words.texts[range].joined(separator: " ")
            cues.append((range.lowerBound, Cue(kind: kind, text: text, conditional: ofKind[best].conditional, count: count)))
        }
        return cues.sorted { $0.start < $1.start }.map(\.cue)
    }

    /// Whether the text names a service failing ("on hold", "still", "delayed"), which makes praise beside it sarcastic.
    func mentionsFailure(_ text: String) -> Bool {
        book.complaintWords.occurs(in: speechTranscriptForm(book.folds ? foldedText(text) : text))
    }

    private struct Candidate {
        var kind: CueKind
        var range: Range<Int>
        var conditional: Bool
    }

    /// Kinds whose phrases say no themselves ("I didn't like that one either", "I don't know"): a negator before them is
    /// part of what they say, not a denial of it.
    private static let negativeByNature: Set<CueKind> = [.rejection, .cannotHelp]

    /// Kinds for which a following "if"/"unless" makes a statement conditional ("I'll cancel if…"). Thanks or swearing
    /// followed by an "if" clause ("thank you, if you need anything else…") stay what they are.
    private static let conditionedByFollowingIf: Set<CueKind> = [.cancellationThreat, .cancellationRequest, .supervisorRequest, .legalThreat]

    /// The words of the candidate at `best` together with the later ones of the same standing that overlap or touch
    /// them, so that "want to cancel" and "cancel my account" report as "want to cancel my account". Candidates are in
    /// order of their start, so one pass suffices; a cue's text stays a phrase, not a paragraph, however often a turn
    /// repeats itself.
    private static func span(from best: Int, in candidates: [Candidate]) -> Range<Int> {
        var range = candidates[best].range
        for other in candidates[best...] where other.conditional == candidates[best].conditional {
            guard other.range.lowerBound <= range.upperBound, other.range.upperBound - range.lowerBound <= maximumSpan else { break }
            range = range.lowerBound..<max(range.upperBound, other.range.upperBound)
        }
        return range
    }

    /// The most words a cue's text grows to by joining neighbouring matches.
    private static let maximumSpan = 16
}
