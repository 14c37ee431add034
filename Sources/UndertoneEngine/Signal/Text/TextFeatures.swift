/// The tokens and hashed features of one text, computed exactly as `training/features.py` computes them.
///
/// Normalisation makes typed text look like speech-recognition output (lower case, apostrophes dropped, punctuation
/// and fillers gone), so the model sees one form whatever the source; `!`, `?`, emoji and all-caps words survive only
/// as optional marks.
struct TextFeatures: Sendable {
    /// One hashed feature occurrence and the token(s) it came from, for explanations.
    struct Occurrence: Sendable {
        var bucket: Int32
        var group: Group
        /// Index of the token this feature belongs to; for a bigram, its first token; -1 for a symbol mark.
        var token: Int32
        var isBigram: Bool
    }

    enum Group: Int, Sendable {
        case words = 0
        case characters = 1
    }

    /// Lower-case word tokens (fillers removed), in order.
    private(set) var tokens: [String] = []
    private(set) var occurrences: [Occurrence] = []

    static let fillers: Set<String> = ["um", "umm", "uh", "uhh", "uhm", "erm", "er", "hmm", "hm", "mm", "mhm"]
    static let ngramRange = 2...5

    init(_ text: String, bits: Int) {
        let mask = UInt32((1 << bits) - 1)
        let crc = CRC32.shared
        let (tokens, marks) = Self.asciiTokens(text) ?? Self.unicodeTokens(text)
        self.tokens = tokens

        occurrences.reserveCapacity(tokens.count * 20 + marks.count)
        func add(_ hash: UInt32, _ group: Group, _ token: Int, bigram: Bool = false) {
            occurrences.append(Occurrence(bucket: Int32(bitPattern: ~hash & mask), group: group, token: Int32(token), isBigram: bigram))
        }
        let wordSeed = crc.update(CRC32.initial, "w ".utf8)
        let bigramSeed = crc.update(CRC32.initial, "b ".utf8)
        let gramSeed = crc.update(CRC32.initial, "g ".utf8)
        for (index, token) in tokens.enumerated() {
            add(crc.update(wordSeed, token.utf8), .words, index)
        }
        if tokens.count > 1 {
            for index in 0..<(tokens.count - 1) {
                var state = crc.update(bigramSeed, tokens[index].utf8)
                state = crc.update(state, CollectionOfOne(UInt8(ascii: " ")))
                state = crc.update(state, tokens[index + 1].utf8)
                add(state, .words, index, bigram: true)
            }
        }
        for mark in marks {
            add(crc.update(CRC32.initial, mark.utf8), .words, -1)
        }
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var grams: [UInt32] = []
        for index in tokens.indices {
            // The token padded with spaces, as UTF-8 bytes, and where each scalar starts: n-grams count scalars.
            bytes.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            starts.append(0)
            bytes.append(0x20)
            for byte in tokens[index].utf8 {
                // A scalar starts at every byte that does not continue one.
                if byte & 0xC0 != 0x80 { starts.append(bytes.count) }
                bytes.append(byte)
            }
            starts.append(bytes.count)
            bytes.append(0x20)
            starts.append(bytes.count)
            let length = starts.count - 1
            // Each gram extends the one before it by a character: one pass from each start carries the hash along, and
            // the grams are then added shortest first, in the order explanations list them.
            let widths = Self.ngramRange.count
            grams.removeAll(keepingCapacity: true)
            grams.append(contentsOf: repeatElement(0, count: widths * length))
            bytes.withUnsafeBufferPointer { bytes in
                for first in 0..<length {
                    var state = gramSeed
                    for n in 1...min(Self.ngramRange.upperBound, length - first) {
                        state = crc.update(state, UnsafeBufferPointer(rebasing: bytes[starts[first + n - 1]..<starts[first + n]]))
                        if n >= Self.ngramRange.lowerBound { grams[(n - Self.ngramRange.lowerBound) * length + first] = state }
                    }
                }
            }
            for n in Self.ngramRange where n <= length {
                for first in 0...(length - n) {
                    add(grams[(n - Self.ngramRange.lowerBound) * length + first], .characters, index)
                }
            }
        }
    }

    private init(tokens: [String], occurrences: [Occurrence]) {
        self.tokens = tokens
        self.occurrences = occurrences
    }

    /// The features of the text made of `range`'s tokens joined by spaces (a window of a long turn), taken from these
    /// rather than computed again: its words, the bigrams inside it, its tokens' character n-grams, in the order they
    /// have here (which is the order they would have had), and no marks (the tokens carry none).
    func window(_ range: Range<Int>) -> TextFeatures {
        windowKeeping(range).features
    }

    /// ``window(_:)``, and where each of these occurrences went in it: its index among the window's, or -1 where the
    /// window has it not. Kept occurrences keep their order, so their indices rise with these.
    func windowKeeping(_ range: Range<Int>) -> (features: TextFeatures, positions: [Int32]) {
        var kept: [Occurrence] = []
        kept.reserveCapacity(occurrences.count)
        var positions = [Int32](repeating: -1, count: occurrences.count)
        let lower = Int32(range.lowerBound)
        let upper = Int32(range.upperBound)
        for (index, var occurrence) in occurrences.enumerated() where occurrence.token >= lower && occurrence.token < upper {
            if occurrence.isBigram && occurrence.token + 1 >= upper { continue }
            occurrence.token -= lower
            positions[index] = Int32(kept.count)
            kept.append(occurrence)
        }
        return (TextFeatures(tokens: Array(tokens[range]), occurrences: kept), positions)
    }

    /// The tokens (lower-cased, fillers out) and the marks (`!`, `?` and emoji where they stand, then one `caps` for each
    /// all-capital word of three characters or more) of any text.
    static func unicodeTokens(_ text: String) -> (tokens: [String], marks: [String]) {
        var marks: [String] = []
        var scalarsOfTokens: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []

        func flush() {
            guard !current.isEmpty else { return }
            scalarsOfTokens.append(current)
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if Self.isApostrophe(scalar) { continue }
            if Self.isWordScalar(scalar) {
                current.append(scalar)
                continue
            }
            flush()
            if scalar == "!" || scalar == "?" {
                marks.append("p \(scalar)")
            } else if Self.isEmoji(scalar) {
                marks.append("e \(scalar)")
            }
        }
        flush()

        var tokens: [String] = []
        for raw in scalarsOfTokens {
            if raw.count >= 3 && Self.isAllUppercase(raw) { marks.append("c caps") }
            let token = String(String.UnicodeScalarView(Self.lowercased(raw)))
            if Self.fillers.contains(token) { continue }
            tokens.append(token)
        }
        return (tokens, marks)
    }

    /// ``unicodeTokens(_:)`` for an ASCII text (nearly every turn), a byte at a time; nil for any other text.
    static func asciiTokens(_ text: String) -> (tokens: [String], marks: [String])? {
        var text = text
        return text.withUTF8 { bytes -> (tokens: [String], marks: [String])? in
            var marks: [String] = []
            var raws: [Range<Int>] = []
            var start: Int?
            var letters: [UInt8] = []
            letters.reserveCapacity(bytes.count)
            for byte in bytes {
                switch byte {
                case 0x80...: return nil
                case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                    if start == nil { start = letters.count }
                    letters.append(byte)
                default:
                    if let first = start { raws.append(first..<letters.count) }
                    start = nil
                    if byte == UInt8(ascii: "!") { marks.append("p !") } else if byte == UInt8(ascii: "?") { marks.append("p ?") }
                }
            }
            if let first = start { raws.append(first..<letters.count) }
            var tokens: [String] = []
            tokens.reserveCapacity(raws.count)
            for raw in raws {
                let word = letters[raw]
                // Python's `isupper()` on ASCII: a capital letter and no small one.
                if word.count >= 3, word.contains(where: { (0x41...0x5A).contains($0) }), !word.contains(where: { (0x61...0x7A).contains($0) }) {
                    marks.append("c caps")
                }
                let token = String(unsafeUninitializedCapacity: word.count) { out in
                    for (offset, byte) in zip(0..., word) { out[offset] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
                    return word.count
                }
                if Self.fillers.contains(token) { continue }
                tokens.append(token)
            }
            return (tokens, marks)
        }
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x60, 0x2019, 0x2018, 0x02BC: true
        default: false
        }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
        default: return false
        }
    }

    static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x2100 && scalar.properties.generalCategory == .otherSymbol
    }

    /// Python's `str.isupper()`: at least one cased letter and no lower-case or title-case one.
    static func isAllUppercase(_ scalars: [Unicode.Scalar]) -> Bool {
        var sawUpper = false
        for scalar in scalars {
            switch scalar.properties.generalCategory {
            case .lowercaseLetter, .titlecaseLetter: return false
            case .uppercaseLetter: sawUpper = true
            default: if scalar.properties.isLowercase { return false }
            }
        }
        return sawUpper
    }

    static func lowercased(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        if scalars.allSatisfy({ $0.isASCII }) {
            return scalars.map { scalar in
                (scalar.value >= 0x41 && scalar.value <= 0x5A) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
            }
        }
        return Array(String(String.UnicodeScalarView(scalars)).lowercased().unicodeScalars)
    }
}
