/// How the knowledge base reads text, articles and transcripts alike: lower-case words of letters and digits
/// (apostrophes dropped, so "don't" is "dont"), common words and fillers dropped, and each word cut to a simple stem so
/// that "charged", "charges" and "charging" meet as "charg".
enum KnowledgeText {
    /// Words too common to say what a text is about, and the fillers of speech.
    static let stopWords: Set<[UInt8]> = Set(
        """
        a about above after again against all also am an and any are as at be because been before being below between both \
        but by can cant could couldnt did didnt do does doesnt doing dont down during each few for from further get gets \
        got had hadnt has hasnt have havent having he hed hell hes her here hers herself him himself his how i id ill im \
        ive if in into is isnt it its itself just let lets me more most my myself no nor not now of off on once only or \
        other our ours ourselves out over own same she shed shell shes should shouldnt so some such than that thats the \
        their theirs them themselves then there theres these they theyd theyll theyre theyve this those through to too \
        under until up very was wasnt we wed well were weve werent what whats when where which while who whom why will \
        with wont would wouldnt you youd youll youre youve your yours yourself yourselves \
        um umm uh uhh uhm erm er hmm hm mm mhm oh ok okay yeah yes yep hi hello hey please thanks thank right like \
        really actually just go going gonna want wanna need one \
        see sorry still mean means know think thing things something anything everything bit way lot much many both though \
        even ever dear lovely good great fine sure maybe already again alright
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) })

    /// Irregular forms the suffix rules cannot reach, mapped onto the stem of their regular relative.
    static let irregular: [String: String] = [
        "paid": "pay", "cancellation": "cancel", "cancellations": "cancel", "cancelation": "cancel", "sent": "send", "lost": "lose",
        "stolen": "steal", "stole": "steal", "broken": "break", "broke": "break", "bought": "buy", "taken": "take", "took": "take",
        "gave": "give", "given": "give", "left": "leave", "told": "tell", "wrote": "write", "written": "write", "children": "child",
        "emails": "email", "e-mail": "email", "wifi": "wifi", "wi-fi": "wifi",
    ]

    /// The stems of `text`'s words, in order, stop words left out.
    static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        forEachWord(text) { word in
            if stopWords.contains(word) { return }
            let string = String(decoding: word, as: UTF8.self)
            if let mapped = irregular[string] { return terms.append(mapped) }
            terms.append(word.count >= shortestStemmed ? String(decoding: stem(word), as: UTF8.self) : string)
        }
        return terms
    }

    /// Calls `body` with each lower-case word of `text` as UTF-8 bytes, in one buffer used again for the next word.
    static func forEachWord(_ text: String, _ body: ([UInt8]) -> Void) {
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            body(current)
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x41...0x5A: current.append(UInt8(value + 0x20))
                case 0x61...0x7A, 0x30...0x39: current.append(UInt8(value))
                case 0x27, 0x60: continue
                default: flush()
                }
                continue
            }
            switch value {
            case 0x2018, 0x2019, 0x02BC: continue
            default: break
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark,
                .decimalNumber:
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars { current.append(contentsOf: UTF8.encode(lowered)!) }
            default:
                flush()
            }
        }
        flush()
    }

    /// Words shorter than this (in bytes) are their own stems: `terms` keeps them without asking ``stem(_:)``.
    static let shortestStemmed = 5

    /// A light suffix stripper in the spirit of Porter's first steps, for English: plurals (`-ies`, `-s`), `-ing`,
    /// `-ed`, `-ly`, `-ation`, a final `-e` and a final `-y` after a consonant; a doubled final consonant left by
    /// `-ing`/`-ed` is undoubled, and a final `-ll` becomes `-l` ("cancelled" and "cancel" meet). Words of four letters
    /// or fewer, and words with letters outside ASCII, are left as they are.
    static func stem(_ word: [UInt8]) -> [UInt8] {
        guard word.count >= shortestStemmed, word.allSatisfy({ $0 < 0x80 }) else { return word }
        var stem = word
        // Compared in place: the rules ask a dozen times a word, and a word is stemmed for every turn.
        func ends(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard stem.count >= count else { return false }
            return suffix.withUTF8Buffer { stem[(stem.count - count)...].elementsEqual($0) }
        }
        func isVowel(_ byte: UInt8) -> Bool { "aeiou".utf8.contains(byte) }
        func undouble() {
            guard stem.count >= 4, let last = stem.last, stem[stem.count - 2] == last, !isVowel(last), !"lsz".utf8.contains(last) else { return }
            stem.removeLast()
        }
        if ends("ies") || ends("ied") {
            stem.removeLast(3)
            stem.append(UInt8(ascii: "y"))
        } else if ends("sses") {
            stem.removeLast(2)
        } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") {
            stem.removeLast()
        }
        if ends("ation"), stem.count - 5 >= 4 {
            stem.removeLast(5)
        } else if ends("ing"), stem.count - 3 >= 3, stem.dropLast(3).contains(where: isVowel) {
            stem.removeLast(3)
            undouble()
        } else if ends("ed"), stem.count - 2 >= 3, stem.dropLast(2).contains(where: isVowel) {
            stem.removeLast(2)
            undouble()
        } else if ends("ly"), stem.count > 5 {
            stem.removeLast(2)
        }
        if stem.count > 4, ends("e") {
            stem.removeLast()
        } else if stem.count > 4, ends("y"), !isVowel(stem[stem.count - 2]) {
            stem.removeLast()
        }
        if stem.count > 4, ends("ll") { stem.removeLast() }
        return stem
    }
}
