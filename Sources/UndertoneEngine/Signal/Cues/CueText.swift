/// A word's index in the phrase book's vocabulary; `CueVocabulary.unknown` for a word no phrase uses.
typealias WordID = Int32

/// Every word the cue phrases and scope rules mention, each with a small integer id, so that matching compares
/// integers rather than strings. It also knows the fillers and the number words, so that reading a word costs one
/// dictionary lookup.
struct CueVocabulary: Sendable {
    static let unknown: WordID = -1

    struct Entry: Sendable {
        var id: WordID
        var count: Int?
        var isFiller = false
    }

    private var entries: [String: Entry] = [:]
    private(set) var count = 0
    /// Swear words as typists mask them, most common first (``CueText/unmasked(_:among:)``).
    let maskedSwearing: [String]

    /// A vocabulary that knows a language's fillers, number words and masked swearing; English by default.
    init(fillers: Set<String> = CueText.fillers, countWords: [String: Int] = CueText.countWords, maskedSwearing: [String] = CueText.maskedSwearing) {
        for filler in fillers { entries[filler] = Entry(id: Self.unknown, isFiller: true) }
        for (word, value) in countWords { entries[word] = Entry(id: Self.unknown, count: value) }
        self.maskedSwearing = maskedSwearing
    }

    /// The id of `word`, adding it if new. Used only while the phrase book is built.
    mutating func intern(_ word: String) -> WordID {
        var entry = entries[word] ?? Entry(id: Self.unknown)
        if entry.id == Self.unknown {
            entry.id = WordID(count)
            count += 1
            entries[word] = entry
        }
        return entry.id
    }

    func entry(for word: String) -> Entry? { entries[word] }
}

/// A turn's text as the cue detector reads it: lower case, apostrophes dropped ("don't" → "dont"), fillers ("um",
/// "uh") dropped, masked swear words ("f***") restored, and each word tagged with the clause and sentence it sits in.
///
/// Typed text marks clauses and sentences with punctuation; speech-recogniser text has none, so the whole turn is then
/// one sentence and scope rules fall back on the words themselves.
struct CueText {
    /// What matching needs of a word; plain values, so reading one costs no reference counting.
    struct Word {
        var id: WordID
        /// The number the word says, when it says one: "three", "third", "3rd", "twice" → 3, 3, 3, 2.
        var count: Int?
        var clause: Int
        var sentence: Int
    }

    private(set) var words: [Word] = []
    /// The normalised words, as they appear in a cue's `text`.
    private(set) var texts: [String] = []

    var isEmpty: Bool { words.isEmpty }
    var count: Int { words.count }
    subscript(position: Int) -> Word { words[position] }

    init(_ text: String, vocabulary: CueVocabulary) {
        var reader = Reader(vocabulary: vocabulary, expectedWords: text.utf8.count / 4)
        let classes = Self.asciiClasses
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    // ASCII, nearly all contact-centre text: a table lookup, no Unicode properties.
                    switch classes[Int(byte)] {
                    case .wordByte: reader.current.append(byte)
                    case .star:
                        reader.current.append(byte)
                        reader.isMasked = true
                    case .upperCase: reader.current.append(byte | 0x20)
                    case .apostrophe: break
                    case .gap: reader.gap(.none)
                    case .clauseBreak: reader.gap(.clause)
                    case .sentenceBreak: reader.gap(.sentence)
                    }
                    index += 1
                    continue
                }
                var iterator = bytes[index...].makeIterator()
                var parser = Unicode.UTF8.ForwardParser()
                guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else {
                    reader.gap(.none)
                    index += 1
                    continue
                }
                index += encoded.count
                let scalar = Unicode.UTF8.decode(encoded)
                if Self.isApostrophe(scalar) { continue }
                if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                    reader.current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    reader.gap(Self.breakMark(scalar))
                }
            }
        }
        reader.flush()
        words = reader.words
        texts = reader.texts
    }

    /// The state of reading a text word by word. A struct with mutating methods rather than closures over local
    /// variables, so that access to the state is checked at compile time, not on every byte at run time.
    private struct Reader {
        let vocabulary: CueVocabulary
        var words: [Word] = []
        var texts: [String] = []
        /// The UTF-8 of the word being read, already lower case.
        var current: [UInt8] = []
        var isMasked = false
        var clause = 0
        var sentence = 0
        var pendingBreak = Break.none

        init(vocabulary: CueVocabulary, expectedWords: Int) {
            self.vocabulary = vocabulary
            words.reserveCapacity(expectedWords)
            texts.reserveCapacity(expectedWords)
            current.reserveCapacity(32)
        }

        mutating func gap(_ here: Break) {
            flush()
            // The strongest break since the last word wins, so "no. but" is a sentence break.
            if here.rawValue > pendingBreak.rawValue, !words.isEmpty { pendingBreak = here }
        }

        mutating func flush() {
            guard !current.isEmpty else { return }
            let raw = String(decoding: current, as: UTF8.self)
            let masked = isMasked
            current.removeAll(keepingCapacity: true)
            isMasked = false
            guard let word = masked ? CueText.unmasked(raw, among: vocabulary.maskedSwearing) : raw else { return }
            let entry = vocabulary.entry(for: word)
            if entry?.isFiller == true { return }
            switch pendingBreak {
            case .none: break
            case .clause: clause += 1
            case .sentence:
                clause += 1
                sentence += 1
            }
            pendingBreak = .none
            let count = entry?.count ?? CueText.digitCount(in: word)
            words.append(Word(id: entry?.id ?? CueVocabulary.unknown, count: count, clause: clause, sentence: sentence))
            texts.append(word)
        }
    }

    private enum ASCIIClass {
        case wordByte, star, upperCase, apostrophe, gap, clauseBreak, sentenceBreak
    }

    /// What each ASCII byte is to a word. `*` belongs inside words so that masked swearing ("f**k") stays one word until
    /// `unmasked` resolves it.
    private static let asciiClasses: [ASCIIClass] = (0..<128).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): .wordByte
        case UInt8(ascii: "*"): .star
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): .upperCase
        case UInt8(ascii: "'"), UInt8(ascii: "`"): .apostrophe
        default:
            switch breakMark(Unicode.Scalar(UInt8(byte))) {
            case .none: .gap
            case .clause: .clauseBreak
            case .sentence: .sentenceBreak
            }
        }
    }

    private enum Break: Int {
        case none, clause, sentence
    }

    /// Fillers a recogniser writes and typists sometimes copy; they carry nothing and would split phrases.
    static let fillers: Set<String> = ["um", "umm", "uh", "uhh", "uhm", "erm", "er", "hmm", "hm", "mm", "mhm"]

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x60, 0x2019, 0x02BC: true
        default: false
        }
    }

    private static func breakMark(_ scalar: Unicode.Scalar) -> Break {
        switch scalar {
        case ".", "!", "?", ";", "\n", "\r", "\u{2026}", "\u{203D}", "\u{3002}", "\u{FF01}", "\u{FF1F}": .sentence
        case ",", ":", "(", ")", "[", "]", "\u{2013}", "\u{2014}", "/", "\u{FF0C}": .clause
        default: .none
        }
    }

    /// A word with masking stars resolved: "f***" → "fuck", "sh*t" → "shit"; stars that mask nothing known ("*really*")
    /// are dropped. Nil when nothing is left.
    static func unmasked(_ raw: String, among maskedSwearing: [String] = maskedSwearing) -> String? {
        let letters = raw.unicodeScalars.filter { $0 != "*" }
        guard !letters.isEmpty else { return nil }
        let masked = Array(raw.unicodeScalars)
        for candidate in maskedSwearing {
            let word = Array(candidate.unicodeScalars)
            guard word.count == masked.count else { continue }
            if zip(masked, word).allSatisfy({ $0 == "*" || $0 == $1 }) { return candidate }
        }
        return String(String.UnicodeScalarView(letters))
    }

    /// Swear words as typists mask them, most common first: a masked word resolves to the first of the same length
    /// whose shown letters agree, so "s***" reads "shit" and "c**p" reads "crap".
    static let maskedSwearing = [
        "fuck", "fucking", "fuckin", "fucked", "fucker", "fuckers", "fucks", "shit", "shite", "shitty", "bullshit", "bloody",
        "bastard", "bastards", "bitch", "damn", "crap", "crappy", "asshole", "arsehole", "bollocks", "piss", "pissed", "cunt",
        "twat", "prick", "dickhead", "dick", "wanker", "ass", "arse", "hell", "motherfucker", "goddamn",
    ]

    /// The number a word says in digits ("3", "3rd", "3x"), or nil; number words are in the vocabulary.
    static func digitCount(in word: String) -> Int? {
        // Digits as a recogniser or typist writes them: "3", "3rd", "3x". Only ASCII digits; others are rare here.
        let bytes = word.utf8
        guard let first = bytes.first, first >= 0x30, first <= 0x39 else { return nil }
        var value = 0
        var rest = bytes.startIndex
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { break }
            guard value < 100_000 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            rest = bytes.index(after: rest)
        }
        switch word.utf8[rest...].count {
        case 0: return value
        case 1, 2:
            let suffix = String(word.utf8[rest...]) ?? ""
            return ["st", "nd", "rd", "th", "x"].contains(suffix) ? value : nil
        default: return nil
        }
    }

    static let countWords: [String: Int] = [
        "once": 1, "one": 1, "first": 1, "twice": 2, "two": 2, "second": 2, "thrice": 3, "three": 3, "third": 3, "four": 4,
        "fourth": 4, "five": 5, "fifth": 5, "six": 6, "sixth": 6, "seven": 7, "seventh": 7, "eight": 8, "eighth": 8,
        "nine": 9, "ninth": 9, "ten": 10, "tenth": 10, "eleven": 11, "eleventh": 11, "twelve": 12, "twelfth": 12,
        "thirteen": 13, "thirteenth": 13, "fourteen": 14, "fourteenth": 14, "fifteen": 15, "fifteenth": 15, "twenty": 20,
        "twentieth": 20,
    ]
}
