/// What the cue detector knows of one language: its phrase tables and word sets (in ``PhraseTable`` notation), the
/// words that decide negation and conditions, its number words, fillers and masked swearing, and the words of a service
/// failing that make praise sarcastic.
struct CueLanguage: Sendable {
    /// The primary language subtag ("en", "es", "fr").
    var code: String
    /// Whether turns are folded (``foldedText(_:)``) before matching, so that phrases written without accents match
    /// typed text with them and a recogniser's text without.
    var folds: Bool
    var wordSets: [String: [String]]
    var cuePhrases: [CueKind: [String]]
    var hypotheticalPhrases: [CueKind: [String]]
    var vetoPhrases: [CueKind: [String]]
    var scope: CueScope.Words
    var countWords: [String: Int]
    var fillers: Set<String>
    var maskedSwearing: [String]
    var complaintWords: PhraseSet

    /// English: the tables of `CuePhrases.swift`.
    static let english = CueLanguage(
        code: "en", folds: false, wordSets: CuePhraseBook.wordSets, cuePhrases: CuePhraseBook.cuePhrases,
        hypotheticalPhrases: CuePhraseBook.hypotheticalPhrases, vetoPhrases: CuePhraseBook.vetoPhrases, scope: CueScope.englishWords,
        countWords: CueText.countWords, fillers: CueText.fillers, maskedSwearing: CueText.maskedSwearing,
        complaintWords: TurnReading.complaintWords)
}
