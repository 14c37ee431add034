/// Numbers as a speech recogniser spells them out: digit words, "double five", ordinals for days and years such as
/// "nineteen eighty five".
enum SpokenNumbers {
    /// Words that stand for one digit inside a digit sequence. "oh" and "o" are accepted only next to another spoken digit.
    static let digitWords: [String: UInt8] = [
        "zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    ]
    /// Words that repeat the digit after them.
    static let repeaters: [String: Int] = ["double": 2, "triple": 3]

    static let units: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    ]
    static let teens: [String: Int] = [
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let ordinalUnits: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    ]
    static let ordinalTeens: [String: Int] = [
        "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
        "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    ]
    static let ordinalTens: [String: Int] = ["twentieth": 20, "thirtieth": 30]
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6,
        "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
        "nov": 11, "december": 12, "dec": 12,
    ]

    /// What a word is as a number from 1 to 99 (`ordinalUnits`, `ordinalTeens`, `ordinalTens`, `units`, `teens`, `tens` in
    /// one table): the scan looks every word up, and nearly none is a number.
    private struct SmallWord {
        var ordinal: Int?
        var plain: Int?
        var tens: Int?
    }

    private static let smallWords: [String: SmallWord] = {
        var words: [String: SmallWord] = [:]
        for table in [ordinalUnits, ordinalTeens, ordinalTens] {
            for (word, value) in table { words[word, default: SmallWord()].ordinal = words[word]?.ordinal ?? value }
        }
        for table in [units, teens] {
            for (word, value) in table { words[word, default: SmallWord()].plain = words[word]?.plain ?? value }
        }
        for (word, value) in tens { words[word, default: SmallWord()].tens = value }
        return words
    }()

    /// A number read from tokens: its value and the index of its last token.
    struct Reading: Equatable {
        var value: Int
        var last: Int
    }

    /// A number from 1 to 99 said in words at `index` ("seven", "fourteen", "twenty one", "twenty-one"), ordinal or not.
    static func smallNumber(in text: PIIText, at index: Int, ordinal: Bool?) -> Reading? {
        guard let word = text.word(index), let number = smallWords[word] else { return nil }
        let plainAllowed = ordinal != true
        let ordinalAllowed = ordinal != false
        if ordinalAllowed, let value = number.ordinal { return Reading(value: value, last: index) }
        if plainAllowed, let value = number.plain { return Reading(value: value, last: index) }
        if let value = number.tens {
            // "twenty one" or "twenty-one"; a lone "twenty" when no unit follows.
            var next = index + 1
            if text.tokens.indices.contains(next), text[next].isSymbol("-"), !text[next].spaceBefore { next += 1 }
            if let unitWord = text.word(next) {
                if ordinalAllowed, let unit = ordinalUnits[unitWord] { return Reading(value: value + unit, last: next) }
                if plainAllowed, let unit = units[unitWord] { return Reading(value: value + unit, last: next) }
            }
            return plainAllowed ? Reading(value: value, last: index) : nil
        }
        return nil
    }

    /// A day of the month at `index`: "14", "14th", "fourteen", "fourteenth", "twenty-first".
    static func day(in text: PIIText, at index: Int) -> Reading? {
        guard text.tokens.indices.contains(index) else { return nil }
        let token = text[index]
        if token.isDigits {
            guard token.text.count <= 2, let value = Int(token.text), (1...31).contains(value) else { return nil }
            if let suffix = text.word(index + 1), ordinalSuffixes.contains(suffix), text.isAttached(index + 1) {
                return Reading(value: value, last: index + 1)
            }
            return Reading(value: value, last: index)
        }
        guard let reading = smallNumber(in: text, at: index, ordinal: nil), (1...31).contains(reading.value) else { return nil }
        return reading
    }

    /// A year at `index`: "1985", "'85", "nineteen eighty five", "nineteen oh five", "two thousand and three".
    static func year(in text: PIIText, at index: Int) -> Reading? {
        guard text.tokens.indices.contains(index) else { return nil }
        let token = text[index]
        if token.isDigits {
            guard token.text.count == 4, let value = Int(token.text), (1900...2099).contains(value) else { return nil }
            return Reading(value: value, last: index)
        }
        if token.isSymbol("'") || token.isSymbol("\u{2019}") {
            let next = index + 1
            guard text.tokens.indices.contains(next), text[next].isDigits, text[next].text.count == 2, text.isAttached(next) else { return nil }
            return Reading(value: 1900 + Int(text[next].text)!, last: next)
        }
        guard let word = text.word(index) else { return nil }
        if word == "two", text.word(index + 1) == "thousand" {
            var next = index + 2
            if text.word(next) == "and" { next += 1 }
            if let rest = smallNumber(in: text, at: next, ordinal: false) { return Reading(value: 2000 + rest.value, last: rest.last) }
            return Reading(value: 2000, last: index + 1)
        }
        // Century part: "nineteen" or "twenty", then the two-digit part.
        guard let century = teens[word] ?? tens[word], [19, 20].contains(century) else { return nil }
        let next = index + 1
        if let nextWord = text.word(next), nextWord == "oh" || nextWord == "o", let unit = units[text.word(next + 1) ?? ""] {
            return Reading(value: century * 100 + unit, last: next + 1)
        }
        if text.word(next) == "hundred" { return Reading(value: century * 100, last: next) }
        guard let rest = smallNumber(in: text, at: next, ordinal: false), rest.value >= 10 else { return nil }
        return Reading(value: century * 100 + rest.value, last: rest.last)
    }
}
