/// The compiled cue phrases and scope rules of one language, built once from its tables (`CuePhrases.swift` for
/// English, `CuePhrases+Spanish.swift`, `CuePhrases+French.swift`) and shared read-only.
final class CuePhraseBook: Sendable {
    enum Role: Sendable {
        /// Said outright, the phrase is a cue.
        case cue
        /// The phrase is a cue, but only ever a conditional one ("thinking about switching").
        case hypothetical
        /// The phrase is not a cue of its kind, and silences any overlapping match of that kind ("cancel my order").
        case veto
    }

    struct Phrase: Sendable {
        var kind: CueKind
        var role: Role
    }

    /// One phrase found in a turn.
    struct Match: Sendable {
        var kind: CueKind
        var role: Role
        var range: Range<Int>
    }

    static let standard = CuePhraseBook(.english)
    static let spanish = CuePhraseBook(.spanish)
    static let french = CuePhraseBook(.french)

    /// The book for a language's primary subtag, if there is one.
    static func book(for language: String) -> CuePhraseBook? {
        switch language {
        case "en": standard
        case "es": spanish
        case "fr": french
        default: nil
        }
    }

    /// The language's code, whether texts are folded before matching, and its words of a service failing.
    let language: String
    let folds: Bool
    let complaintWords: PhraseSet
    let vocabulary: CueVocabulary
    let scope: CueScope
    /// What each phrase of `table` signals, by phrase index.
    private let phrases: [Phrase]
    private let table: PhraseTable
    /// Phrase indices by the id of a word they can start with, so each word tries only the phrases that could match.
    private let phrasesByFirstWord: [[Int]]
    private let phrasesStartingWithCount: [Int]
    /// For each phrase, words of which a text must hold one for it to match (`PhraseTable.requiredWords`); empty where
    /// there is no such set. Most phrases that start with a common word ("I", "this") need a rarer one further on.
    private let requiredWords: [[WordID]]

    init(_ language: CueLanguage) {
        self.language = language.code
        folds = language.folds
        complaintWords = language.complaintWords
        var vocabulary = CueVocabulary(fillers: language.fillers, countWords: language.countWords, maskedSwearing: language.maskedSwearing)
        scope = CueScope(vocabulary: &vocabulary, words: language.scope)
        var phrases: [Phrase] = []
        var table = PhraseTable()
        var firstElements: [[PhraseTable.Element]] = []
        // A language read folded has its phrases folded too, so that an accent written in a table cannot stop a match.
        let folds = language.folds
        func fold(_ phrase: String) -> String { folds ? foldedText(phrase) : phrase }
        let wordSets = language.wordSets.mapValues { $0.map(fold) }
        for (role, tables) in [(Role.cue, language.cuePhrases), (.hypothetical, language.hypotheticalPhrases), (.veto, language.vetoPhrases)] {
            let sources = tables.mapValues { $0.map(fold) }
            // The tables are dictionaries; walk kinds in declaration order so that the book is the same on every run.
            for kind in CueKind.allCases {
                for source in sources[kind] ?? [] {
                    phrases.append(Phrase(kind: kind, role: role))
                    firstElements.append(table.add(source, sets: wordSets, vocabulary: &vocabulary))
                }
            }
        }
        // Masked swearing resolves to these words, so they must have ids even if no phrase used one.
        for word in language.maskedSwearing { _ = vocabulary.intern(word) }

        var byFirstWord = [[Int]](repeating: [], count: vocabulary.count)
        var startingWithCount: [Int] = []
        for (index, elements) in firstElements.enumerated() {
            for element in elements {
                switch element {
                case .word(let id): byFirstWord[Int(id)].append(index)
                case .repeatCount: startingWithCount.append(index)
                case .anyWord: break  // PhraseTable refuses such phrases.
                }
            }
        }
        self.vocabulary = vocabulary
        self.phrases = phrases
        self.table = table
        phrasesByFirstWord = byFirstWord
        phrasesStartingWithCount = startingWithCount
        requiredWords = (0..<table.count).map { table.requiredWords(ofPhrase: $0) ?? [] }
    }

    /// How many phrases have words of which a text must hold one (a test checks that most do).
    var phrasesWithRequiredWords: Int { requiredWords.count { !$0.isEmpty } }
    var phraseCount: Int { phrases.count }

    /// Every phrase match in `text`, each at its longest from each starting word. (`skipByRequiredWords: false` tries
    /// every phrase that starts with a word, as a test compares.)
    func matches(in text: CueText, skipByRequiredWords: Bool = true) -> [Match] {
        var found: [Match] = []
        // The words the text holds, a bit each, so that a phrase needing a word the text lacks is not tried at all.
        var holds = [UInt64](repeating: 0, count: (vocabulary.count + 63) / 64)
        for position in 0..<text.count where text[position].id != CueVocabulary.unknown {
            let id = Int(text[position].id)
            holds[id >> 6] |= 1 << UInt64(id & 63)
        }
        func add(_ index: Int, from start: Int) {
            let required = requiredWords[index]
            if skipByRequiredWords, !required.isEmpty, !required.contains(where: { holds[Int($0) >> 6] & 1 << UInt64($0 & 63) != 0 }) { return }
            if let end = table.end(ofPhrase: index, from: start, in: text) {
                found.append(Match(kind: phrases[index].kind, role: phrases[index].role, range: start..<end))
            }
        }
        for start in 0..<text.count {
            let word = text[start]
            if word.id != CueVocabulary.unknown {
                for index in phrasesByFirstWord[Int(word.id)] {
                    add(index, from: start)
                }
            }
            if let count = word.count, count >= 2 {
                for index in phrasesStartingWithCount {
                    add(index, from: start)
                }
            }
        }
        return found
    }
}
