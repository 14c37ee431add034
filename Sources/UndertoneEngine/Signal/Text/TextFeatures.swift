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

        var tokenScalars: [[Unicode.Scalar]] = []
        for raw in scalarsOfTokens {
            if raw.count >= 3 && Self.isAllUppercase(raw) { marks.append("c caps") }
            let lowered = Self.lowercased(raw)
            let token = String(String.UnicodeScalarView(lowered))
            if Self.fillers.contains(token) { continue }
            tokens.append(token)
            tokenScalars.append(lowered)
        }

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
            for scalar in tokenScalars[index] {
                starts.append(bytes.count)
                bytes.append(contentsOf: UTF8.encode(scalar)!)
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
