/// One token of a text being scanned for personal information: a run of letters, a run of ASCII digits, or one other
/// character. Whitespace separates tokens and is remembered as `spaceBefore`.
struct PIIToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case word, digits, symbol
    }

    let kind: Kind
    /// Lower-cased for words; as written for digits and symbols.
    let text: String
    /// Offsets of the token in the text, in Unicode scalars.
    let start: Int
    let end: Int
    /// Whether whitespace (or the start of the text) comes right before the token.
    let spaceBefore: Bool

    var isWord: Bool { kind == .word }
    var isDigits: Bool { kind == .digits }
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}

/// The tokens of a text and what the scan has claimed so far.
struct PIIText {
    let scalars: [Unicode.Scalar]
    let tokens: [PIIToken]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        tokens = Self.tokenize(scalars)
    }

    subscript(index: Int) -> PIIToken { tokens[index] }
    var count: Int { tokens.count }

    /// The token's lower-cased word, or nil if it is not a word (or out of range).
    func word(_ index: Int) -> String? {
        guard tokens.indices.contains(index), tokens[index].isWord else { return nil }
        return tokens[index].text
    }

    /// Whether the token at `index` follows the previous one with no whitespace between.
    func isAttached(_ index: Int) -> Bool {
        tokens.indices.contains(index) && index > 0 && !tokens[index].spaceBefore
    }

    /// Unicode's `Alphabetic` and `White_Space`, answered without a property lookup for ASCII (nearly every character).
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return scalar.properties.isAlphabetic }
        return (0x61...0x7A).contains(scalar.value | 0x20)
    }
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return scalar.properties.isWhitespace }
        return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)
    }
    /// A token's text when it is all ASCII (nearly every token), its letters lower-cased byte by byte as `lowercased()`
    /// does; nil otherwise.
    private static func asciiText(_ scalars: ArraySlice<Unicode.Scalar>, lowercased: Bool) -> String? {
        guard scalars.allSatisfy(\.isASCII) else { return nil }
        return String(unsafeUninitializedCapacity: scalars.count) { bytes in
            for (offset, scalar) in zip(0..., scalars) {
                let byte = UInt8(truncatingIfNeeded: scalar.value)
                bytes[offset] = lowercased && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            }
            return scalars.count
        }
    }

    private static func unicodeText(_ scalars: ArraySlice<Unicode.Scalar>, lowercased: Bool) -> String {
        let text = String(String.UnicodeScalarView(scalars))
        return lowercased ? text.lowercased() : text
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool { scalar == "'" || scalar == "\u{2019}" }

    private static func tokenize(_ scalars: [Unicode.Scalar]) -> [PIIToken] {
        var tokens: [PIIToken] = []
        var index = 0
        var spaceBefore = true
        while index < scalars.count {
            let scalar = scalars[index]
            if isWhitespace(scalar) {
                spaceBefore = true
                index += 1
                continue
            }
            let start = index
            let kind: PIIToken.Kind
            if isDigit(scalar) {
                kind = .digits
                while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            } else if isLetter(scalar) {
                kind = .word
                while index < scalars.count {
                    if isLetter(scalars[index]) {
                        index += 1
                    } else if isApostrophe(scalars[index]), index + 1 < scalars.count, isLetter(scalars[index + 1]) {
                        index += 1
                    } else {
                        break
                    }
                }
            } else {
                kind = .symbol
                index += 1
            }
            let text = asciiText(scalars[start..<index], lowercased: kind == .word) ?? unicodeText(scalars[start..<index], lowercased: kind == .word)
            tokens.append(PIIToken(kind: kind, text: text, start: start, end: index, spaceBefore: spaceBefore))
            spaceBefore = false
        }
        return tokens
    }
}
