/// Finds personal information in one text. Recognisers run in a fixed order and claim tokens as they go, so one piece
/// of text is never two things: e-mail addresses first, then bank account numbers (IBAN), then dates, then amounts and
/// times (claimed so that they are never read as digits), then digit sequences (cards, Social Security numbers, phone
/// and account numbers).
struct PIIScanner {
    /// A piece of personal information: its kind and its first and last token.
    struct Finding: Equatable {
        var kind: PIIKind
        var first: Int
        var last: Int
    }

    let text: PIIText
    /// A partial transcript may stop in the middle of a number or an address: the end is read generously.
    let isPartial: Bool
    private(set) var claimed: [Bool]
    private(set) var findings: [Finding] = []

    init(_ text: String, isPartial: Bool) {
        self.text = PIIText(text)
        self.isPartial = isPartial
        claimed = Array(repeating: false, count: self.text.count)
    }

    /// Whether `text` can hold nothing any recogniser finds, told without tokenising it: ASCII without digits or `@`, and
    /// none of its runs of letters is a word a finding can start from or needs (a spoken digit or number, an ordinal, a
    /// spoken e-mail's "at"). Every finding needs one of those: a written address its `@`, a spoken one its "at", an IBAN
    /// its digits, a date its day or year (digits, or a number or ordinal said), a digit sequence its digits or spoken
    /// numbers. (A run of letters holds each word token whole, so a word it misses holds an apostrophe, and no such word
    /// is one of these.) Most turns say none of these, and skip the scan.
    static func findsNothing(in text: String) -> Bool {
        var word: UInt64 = 0
        var length = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                // Up to twelve letters packed in one integer, five bits each: every word looked for is shorter.
                if length < Self.packedLetters { word = word << 5 | UInt64((byte | 0x20) - 0x60) }
                length += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "@"), 0x80...:
                return false
            default:
                if length > 0, length <= Self.packedLetters, triggerWords.contains(word) { return false }
                (word, length) = (0, 0)
            }
        }
        return !(length > 0 && length <= Self.packedLetters && triggerWords.contains(word))
    }

    static let packedLetters = 12

    /// The words of ``findsNothing(in:)``, each packed as it packs a word.
    static let triggerWords: Set<UInt64> = {
        var words: Set<String> = ["at"]
        for table in [SpokenNumbers.units, SpokenNumbers.teens, SpokenNumbers.tens, SpokenNumbers.ordinalUnits, SpokenNumbers.ordinalTeens] {
            words.formUnion(table.keys)
        }
        words.formUnion(SpokenNumbers.ordinalTens.keys)
        words.formUnion(SpokenNumbers.digitWords.keys)
        words.formUnion(SpokenNumbers.repeaters.keys)
        return Set(
            words.map { word in
                precondition(word.utf8.count <= packedLetters && word.utf8.allSatisfy { (0x61...0x7A).contains($0) }, "\(word): not packable")
                return word.utf8.reduce(UInt64(0)) { $0 << 5 | UInt64($1 - 0x60) }
            })
    }()

    /// Runs every recogniser and returns the findings in text order.
    static func scan(_ text: String, isPartial: Bool) -> (PIIText, [Finding]) {
        var scanner = PIIScanner(text, isPartial: isPartial)
        scanner.findWrittenEmails()
        scanner.findSpokenEmails()
        scanner.findIBANs()
        scanner.findDates()
        scanner.claimAmountsAndTimes()
        scanner.findDigitSequences()
        return (scanner.text, scanner.findings.sorted { $0.first < $1.first })
    }

    mutating func record(_ kind: PIIKind, _ first: Int, _ last: Int) {
        findings.append(Finding(kind: kind, first: first, last: last))
        claim(first, last)
    }

    mutating func claim(_ first: Int, _ last: Int) {
        for index in first...last { claimed[index] = true }
    }

    func isFree(_ first: Int, _ last: Int) -> Bool {
        guard first >= 0, last < text.count, first <= last else { return false }
        return !claimed[first...last].contains(true)
    }

    // MARK: Context

    /// What the words around a number say it is.
    enum Context: Equatable {
        case card, ssn, phone, account, dateOfBirth
        /// A card's security code ("CVV", "security code"): three or four digits that belong with the card.
        case cardCode
        /// Wording that names something that is not personal information (an order, a ticket, a tracking number).
        case other
    }

    static let contextWords: [String: Context] = [
        "card": .card, "credit": .card, "debit": .card, "visa": .card, "mastercard": .card, "amex": .card, "cc": .card,
        "cvv": .cardCode, "cvc": .cardCode, "csc": .cardCode,
        "ssn": .ssn, "social": .ssn, "security": .ssn,
        "phone": .phone, "cell": .phone, "mobile": .phone, "telephone": .phone, "landline": .phone, "call": .phone, "reach": .phone,
        "callback": .phone, "text": .phone, "fax": .phone, "whatsapp": .phone,
        "account": .account, "acct": .account, "member": .account, "membership": .account, "policy": .account,
        "born": .dateOfBirth, "birth": .dateOfBirth, "birthday": .dateOfBirth, "birthdate": .dateOfBirth, "dob": .dateOfBirth,
        "order": .other, "ticket": .other, "case": .other, "reference": .other, "ref": .other, "confirmation": .other,
        "tracking": .other, "invoice": .other, "serial": .other, "model": .other, "sku": .other, "zip": .other, "postcode": .other,
        "postal": .other, "extension": .other, "ext": .other, "item": .other, "items": .other, "flight": .other, "room": .other,
        "routing": .other, "claim": .other,
    ]

    /// The nearest context word within `window` words before `first` (then, failing that, within a few words after
    /// `last`). "s s n" and "d o b" spelled out count too.
    func context(before first: Int, after last: Int, window: Int = 6) -> Context? {
        var words = 0
        var index = first - 1
        while index >= 0, words < window {
            if let word = text.word(index) {
                if let found = contextWord(endingAt: index, word) { return found }
                words += 1
            }
            index -= 1
        }
        // After the number, only a phrase that describes it counts: "… is my cell", "… is my date of birth".
        words = 0
        index = last + 1
        while index < text.count, words < 5 {
            if let word = text.word(index) {
                if let found = Self.contextWords[word], found != .other, found != .phone || word == "phone" || word == "cell" {
                    return found
                }
                guard Self.describingWords.contains(word) else { return nil }
                words += 1
            }
            index += 1
        }
        return nil
    }

    /// Words that may stand between a number and the word after it that says what it is.
    static let describingWords: Set<String> = [
        "is", "was", "it's", "that's", "thats", "my", "his", "her", "their", "our", "your", "the", "date", "of", "its", "mobile", "home", "work",
    ]

    private func contextWord(endingAt index: Int, _ spoken: String) -> Context? {
        // "birthday's", "card's": the possessive or contracted "is" does not change the word.
        var word = spoken
        if word.hasSuffix("'s") || word.hasSuffix("\u{2019}s") { word = String(word.dropLast(2)) }
        if word == "n", text.word(index - 1) == "s", text.word(index - 2) == "s" { return .ssn }
        if word == "b", text.word(index - 1) == "o", text.word(index - 2) == "d" { return .dateOfBirth }
        if word == "code" {
            // A bank's sort code ("12-34-56") is part of the account's details.
            switch text.word(index - 1) {
            case "security": return .cardCode
            case "sort": return .account
            default: return nil
            }
        }
        if word == "number" || word == "digits" || word == "no" || word == "id" {
            // "my number", "a good number to reach you": a phone; "order number", "card number": what qualifies it.
            if text.word(index + 1) == "of" { return nil }
            if let qualifier = text.word(index - 1), let found = Self.contextWords[qualifier] { return found }
            return word == "number" ? .phone : nil
        }
        return Self.contextWords[word]
    }
}
