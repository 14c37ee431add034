/// International bank account numbers (IBAN): a country's two letters, two check digits and up to thirty letters and
/// digits, written whole or in groups ("GB29 NWBK 6016 1331 9268 19"), that pass the ISO 13616 check (mod 97 is 1).
/// Redacted as `account`. (UK sort codes are read with the other digit sequences: "sort code" is account wording.)
extension PIIScanner {
    /// The longest and shortest IBANs any country has.
    static let ibanLengths = 15...34

    mutating func findIBANs() {
        var index = 0
        while index < text.count {
            guard let last = ibanEnd(at: index) else {
                index += 1
                continue
            }
            record(.account, index, last)
            index = last + 1
        }
    }

    /// The last token of an IBAN starting at `index`: the longest run of letter and digit tokens from there (joined, or
    /// in groups of at most four characters) that reads as one.
    private func ibanEnd(at index: Int) -> Int? {
        guard let country = text.word(index), country.count == 2, !claimed[index], let check = text[safe: index + 1], check.isDigits,
            check.text.count >= 2, text.isAttached(index + 1)
        else { return nil }
        var characters: [Character] = []
        var ends: [(last: Int, count: Int)] = []
        var position = index
        while let token = text[safe: position], token.isWord || token.isDigits, !claimed[position], characters.count < Self.ibanLengths.upperBound {
            // A group after a space is at most four characters (a word after the number is not part of it).
            if position > index, token.spaceBefore, token.text.count > 4 { break }
            characters += token.text.uppercased()
            ends.append((position, characters.count))
            position += 1
        }
        for end in ends.reversed() where Self.ibanLengths.contains(end.count) {
            if Self.isValidIBAN(Array(characters.prefix(end.count))) { return end.last }
        }
        return nil
    }

    /// ISO 13616: the first four characters moved to the end, letters read as 10 to 35, the number mod 97 is 1.
    static func isValidIBAN(_ characters: [Character]) -> Bool {
        guard ibanLengths.contains(characters.count), characters.prefix(2).allSatisfy({ $0.isASCII && $0.isLetter }),
            characters.dropFirst(2).prefix(2).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return false }
        var remainder = 0
        for character in characters.dropFirst(4) + characters.prefix(4) {
            guard character.isASCII, let ascii = character.asciiValue else { return false }
            switch ascii {
            case 48...57: remainder = (remainder * 10 + Int(ascii - 48)) % 97
            case 65...90: remainder = (remainder * 100 + Int(ascii - 55)) % 97
            default: return false
            }
        }
        return remainder == 1
    }
}
