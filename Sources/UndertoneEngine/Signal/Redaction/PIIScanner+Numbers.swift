/// Digit sequences, written or spoken ("four one one one", "oh", "double five"): payment cards (Luhn-checked), Social
/// Security numbers, phone numbers and account numbers; and the numbers that are none of these (money, times,
/// quantities, years), which are claimed first so that they stay.
extension PIIScanner {
    static let currencySymbols: Set<String> = ["$", "€", "£", "¥", "₹"]
    static let unitWords: Set<String> = [
        "dollar", "dollars", "buck", "bucks", "cent", "cents", "usd", "cad", "aud", "eur", "euro", "euros", "pound", "pounds", "gbp",
        "quid", "pence", "p", "rupees", "yen", "percent", "pct", "am", "pm", "o'clock", "gb", "mb", "kb", "tb", "kg", "g", "lb", "lbs",
        "oz", "km", "mi", "miles", "mph", "minutes", "mins", "hours", "hrs", "seconds", "secs", "days", "weeks", "months", "years",
    ]

    // MARK: Amounts, times, ordinals

    /// Claims money (`$1,250.00`, `40 dollars`), numbers with thousands separators or decimals, times (`3:30`, `10 am`),
    /// percentages and ordinals (`3rd`).
    mutating func claimAmountsAndTimes() {
        var index = 0
        while index < text.count {
            guard text[index].isDigits, !claimed[index] else {
                index += 1
                continue
            }
            // The middle of a dotted sequence ("555.867.5309") is not a decimal of its own.
            if index >= 2, !text[index].spaceBefore, text[index - 1].isSymbol("."), !text[index - 1].spaceBefore, text[index - 2].isDigits {
                index += 1
                continue
            }
            let group = numberGroupEnd(at: index)
            let after = group.last + 1
            let before = text[safe: index - 1]
            var isAmount = group.isFormatted
            if let before, before.kind == .symbol, Self.currencySymbols.contains(before.text) { isAmount = true }
            if let next = text[safe: after] {
                if next.isSymbol(":"), !next.spaceBefore, text[safe: after + 1]?.isDigits == true, text[after + 1].text.count == 2 {
                    claim(index, after + 1)
                    index = after + 2
                    continue
                }
                if next.isSymbol("%") { isAmount = true }
                if next.isWord, Self.unitWords.contains(next.text) || (next.text == "a" && text.word(after + 2) == "m") { isAmount = true }
                if next.isWord, !next.spaceBefore, SpokenNumbers.ordinalSuffixes.contains(next.text) {
                    claim(index, after)
                    index = after + 1
                    continue
                }
            }
            if isAmount { claim(index, group.last) }
            index = group.last + 1
        }
    }

    /// The end of a written number starting at `index`: digits, then `,ddd` groups, then a decimal part, all without
    /// spaces. `isFormatted` when it has thousands separators or one decimal part (not a dotted sequence like a phone's).
    private func numberGroupEnd(at index: Int) -> (last: Int, isFormatted: Bool) {
        var last = index
        var formatted = false
        while let comma = text[safe: last + 1], comma.isSymbol(","), !comma.spaceBefore, let digits = text[safe: last + 2], digits.isDigits,
            !digits.spaceBefore, digits.text.count == 3
        {
            last += 2
            formatted = true
        }
        if let dot = text[safe: last + 1], dot.isSymbol("."), !dot.spaceBefore, let digits = text[safe: last + 2], digits.isDigits,
            !digits.spaceBefore
        {
            let continues = text[safe: last + 3].map { $0.isSymbol(".") && !$0.spaceBefore && text[safe: last + 4]?.isDigits == true } ?? false
            if !continues {
                last += 2
                formatted = true
            }
        }
        return (last, formatted)
    }

    // MARK: Digit sequences

    /// One element of a digit sequence: written digits, a spoken digit, or "double"/"triple" and a digit.
    struct DigitElement {
        var first: Int
        var last: Int
        var digits: [UInt8]
        var isSpoken: Bool
        /// "oh" or "o", which is a zero only among other spoken digits.
        var isOh: Bool
        /// A number said in tens or hundreds ("fifty five", "twelve", "eight hundred"), read as its digits only among
        /// spoken digits: "five fifty five, eight six seven, fifty three oh nine".
        var isWordNumber = false
        /// Symbols between this element and the one before ("-", ")", ...), empty for whitespace alone.
        var glue: String
        var commaBefore: Bool
    }

    /// A digit sequence: its elements and the tokens it covers, leading `+` or `(` included.
    struct DigitRun {
        var first: Int
        var last: Int
        var elements: [DigitElement]
        var hasPlus: Bool

        var digits: [UInt8] { elements.flatMap(\.digits) }
        var isSpoken: Bool { elements.contains(where: \.isSpoken) }
        var groups: [Int] { elements.map(\.digits.count) }
    }

    mutating func findDigitSequences() {
        var index = 0
        while index < text.count {
            // Most tokens can start no number: they are passed over without the two runs' dictionary lookups.
            guard Self.mayStartDigitRun(text[index]) else {
                index += 1
                continue
            }
            // Numbers said in tens count when the sequence is spoken digits around them; otherwise ("twelve thirty",
            // "twenty two times") the sequence is read without them.
            let withWords = digitRun(startingAt: index, wordNumbers: true).flatMap { Self.isSpokenAmongDigits($0) ? $0 : nil }
            guard !claimed[index], let run = withWords ?? digitRun(startingAt: index, wordNumbers: false) else {
                index += 1
                continue
            }
            classify(run)
            index = run.last + 1
        }
    }

    /// Whether a digit element (``digitElement(at:wordNumbers:)``) can start at this token: digits, or a word that says
    /// a digit, repeats one, or is a number in units, teens or tens.
    private static func mayStartDigitRun(_ token: PIIToken) -> Bool {
        token.isDigits || (token.isWord && digitRunWords.contains(token.text))
    }

    private static let digitRunWords: Set<String> = {
        var words = Set(SpokenNumbers.digitWords.keys)
        words.formUnion(SpokenNumbers.repeaters.keys)
        words.formUnion(SpokenNumbers.units.keys)
        words.formUnion(SpokenNumbers.teens.keys)
        words.formUnion(SpokenNumbers.tens.keys)
        return words
    }()

    /// A run with numbers said in tens holds them among at least four single spoken digits, and seven digits in all.
    private static func isSpokenAmongDigits(_ run: DigitRun) -> Bool {
        guard run.elements.contains(where: \.isWordNumber) else { return false }
        let single = run.elements.count { $0.isSpoken && !$0.isWordNumber && $0.digits.count == 1 }
        return single >= 4 && run.digits.count >= 7
    }

    /// A number said in tens or hundreds at `index`: "fifty five" (5 5), "fifty" (5 0), "twelve" (1 2), "eight hundred"
    /// (8 0 0); nil for anything else.
    private func wordNumberElement(at index: Int) -> DigitElement? {
        guard let word = text.word(index) else { return nil }
        func element(_ value: Int, last: Int) -> DigitElement {
            DigitElement(
                first: index, last: last, digits: String(value).utf8.map { $0 - 48 }, isSpoken: true, isOh: false, isWordNumber: true, glue: "",
                commaBefore: false)
        }
        if let unit = SpokenNumbers.units[word], text.word(index + 1) == "hundred", !claimed[index + 1] {
            return element(unit * 100, last: index + 1)
        }
        if let teen = SpokenNumbers.teens[word] { return element(teen, last: index) }
        guard SpokenNumbers.tens[word] != nil, let reading = SpokenNumbers.smallNumber(in: text, at: index, ordinal: false),
            isFree(index, reading.last)
        else { return nil }
        return element(reading.value, last: reading.last)
    }

    /// An element of a digit run at `index`, or nil. A new kind of element that can start a run must also be admitted by
    /// ``mayStartDigitRun(_:)``, which passes over every other token first.
    private func digitElement(at index: Int, wordNumbers: Bool = false) -> DigitElement? {
        guard let token = text[safe: index], !claimed[index] else { return nil }
        if wordNumbers, let element = wordNumberElement(at: index) { return element }
        if token.isDigits {
            return DigitElement(
                first: index, last: index, digits: token.text.utf8.map { $0 - 48 }, isSpoken: false, isOh: false, glue: "", commaBefore: false)
        }
        guard token.isWord else { return nil }
        if let digit = SpokenNumbers.digitWords[token.text] {
            return DigitElement(
                first: index, last: index, digits: [digit], isSpoken: true, isOh: token.text == "oh" || token.text == "o", glue: "",
                commaBefore: false)
        }
        if let times = SpokenNumbers.repeaters[token.text], let next = text[safe: index + 1], !claimed[index + 1] {
            let digit: UInt8?
            if next.isWord {
                digit = SpokenNumbers.digitWords[next.text]
            } else if next.isDigits, next.text.count == 1 {
                digit = next.text.utf8.first.map { $0 - 48 }
            } else {
                digit = nil
            }
            if let digit {
                return DigitElement(
                    first: index, last: index + 1, digits: Array(repeating: digit, count: times), isSpoken: true, isOh: false, glue: "",
                    commaBefore: false)
            }
        }
        return nil
    }

    /// The sequence that starts with the element at `index`, its ends trimmed of "oh"s that are not among spoken digits.
    private func digitRun(startingAt index: Int, wordNumbers: Bool) -> DigitRun? {
        guard let firstElement = digitElement(at: index, wordNumbers: wordNumbers) else { return nil }
        var elements = [firstElement]
        while true {
            let previous = elements[elements.count - 1]
            var next = previous.last + 1
            var glue = ""
            var comma = false
            var valid = true
            while let token = text[safe: next], token.kind == .symbol, glue.count < 2 {
                switch token.text {
                case "-", "(", ")":
                    break
                case ".":
                    // A dot joins only when nothing is spaced ("555.123.4567"), never a full stop and a new number.
                    if token.spaceBefore || text[safe: next + 1]?.spaceBefore != false { valid = false }
                case ",":
                    comma = true
                default:
                    valid = false
                }
                guard valid else { break }
                glue += token.text
                next += 1
            }
            guard valid, var element = digitElement(at: next, wordNumbers: wordNumbers) else { break }
            // A word element needs a space or a joining symbol before it ("4one" is not a sequence).
            if text[next].isWord, !text[next].spaceBefore, glue.isEmpty { break }
            element.glue = glue.filter { $0 != "," }
            element.commaBefore = comma
            elements.append(element)
        }
        // "oh" is a zero only next to other spoken digits: trim the ends until they are.
        let hasSpokenDigit = elements.contains { $0.isSpoken && !$0.isOh }
        func keeps(_ position: Int) -> Bool {
            guard elements[position].isOh else { return true }
            guard hasSpokenDigit else { return false }
            return [position - 1, position + 1].contains { elements.indices.contains($0) && elements[$0].isSpoken }
        }
        while let first = elements.first, first.isOh, !keeps(0) { elements.removeFirst() }
        while let last = elements.last, last.isOh, !keeps(elements.count - 1) { elements.removeLast() }
        guard !elements.isEmpty, elements.contains(where: { !$0.isOh }) else { return nil }
        elements[0].glue = ""
        elements[0].commaBefore = false

        var run = DigitRun(first: elements[0].first, last: elements[elements.count - 1].last, elements: elements, hasPlus: false)
        // A leading "(", "+" or "plus" belongs to the number.
        if text[safe: run.first - 1]?.isSymbol("(") == true { run.first -= 1 }
        if text[safe: run.first - 1]?.isSymbol("+") == true || text.word(run.first - 1) == "plus" {
            run.first -= 1
            run.hasPlus = true
        }
        return run
    }

    /// Reads a sequence as the kind its length, shape and context say; a sequence broken by commas is read in pieces
    /// when the whole is nothing.
    private mutating func classify(_ run: DigitRun) {
        let context = context(before: run.first, after: run.last)
        if let kind = kind(of: run, context: context) {
            // An account number written with letters ("AB1234567") is redacted whole.
            var first = run.first
            var last = run.last
            if kind == .account {
                while text.isAttached(first), let previous = text[safe: first - 1], !claimed[first - 1],
                    previous.isWord || (previous.isSymbol("-") && text.isAttached(first - 1) && text[safe: first - 2]?.isWord == true)
                {
                    first -= 1
                }
                while let next = text[safe: last + 1], next.isWord || next.isDigits, !next.spaceBefore, !claimed[last + 1] { last += 1 }
            }
            record(kind, first, last)
            return
        }
        let cuts = run.elements.indices.filter { run.elements[$0].commaBefore }
        if !cuts.isEmpty {
            var bounds = [0] + cuts + [run.elements.count]
            bounds = Array(Set(bounds)).sorted()
            for (start, end) in zip(bounds, bounds.dropFirst()) {
                var piece = DigitRun(
                    first: run.elements[start].first, last: run.elements[end - 1].last, elements: Array(run.elements[start..<end]),
                    hasPlus: start == 0 && run.hasPlus)
                if start == 0 { piece.first = run.first }
                piece.elements[0].glue = ""
                let pieceContext = self.context(before: piece.first, after: piece.last)
                if let kind = kind(of: piece, context: pieceContext) { record(kind, piece.first, piece.last) }
            }
            return
        }
        if isPartial, let kind = unfinishedKind(of: run, context: context) { record(kind, run.first, run.last) }
    }

    /// The kind of a whole sequence, or nil if it is none.
    private func kind(of run: DigitRun, context: Context?) -> PIIKind? {
        let digits = run.digits
        let count = digits.count
        // Letters stuck to the digits ("AB123456") make a code: only an account number can be one.
        let isCode =
            text.isAttached(run.first) && text[safe: run.first - 1]?.isWord == true
            || text[safe: run.last + 1].map { $0.isWord && !$0.spaceBefore } == true
        switch context {
        case .account?:
            if (6...17).contains(count) { return .account }
        case .ssn?:
            if count == 9, Self.isValidSSN(digits) { return .ssn }
            if count == 4, hasLastFourWording(before: run.first) { return .ssn }
        case .phone?:
            if (7...15).contains(count), !isCode { return .phone }
        case .dateOfBirth?:
            if isSpacedDate(run) { return .dateOfBirth }
        case .other?:
            return nil
        case .cardCode?:
            if (3...4).contains(count), !isCode { return .card }
        case .card?, nil:
            break
        }
        guard !isCode else { return nil }
        if run.groups == [3, 2, 4], run.elements.dropFirst().allSatisfy({ $0.glue == "-" }), Self.isValidSSN(digits) { return .ssn }
        if (13...19).contains(count), Self.passesLuhn(digits) { return .card }
        if isPhoneShaped(run) { return .phone }
        return nil
    }

    /// What a sequence cut off by the end of a partial transcript may be growing into: the kind its context names, or
    /// a card for six digits or more.
    private func unfinishedKind(of run: DigitRun, context: Context?) -> PIIKind? {
        var end = run.last + 1
        while let token = text[safe: end], token.kind == .symbol, ["-", ".", ",", "(", ")"].contains(token.text) { end += 1 }
        guard end >= text.count else { return nil }
        let count = run.digits.count
        // A year said in passing ("member since 2015") is not the start of a number.
        if count == 4, !run.isSpoken, let value = Int(text[run.last].text), (1900...2099).contains(value), run.elements.count == 1 { return nil }
        switch context {
        case .card?: return count >= 4 ? .card : nil
        case .cardCode?: return count >= 2 ? .card : nil
        case .ssn?: return count >= 3 ? .ssn : nil
        case .phone?: return count >= 3 ? .phone : nil
        case .account?: return count >= 4 ? .account : nil
        case .dateOfBirth?: return count >= 2 ? .dateOfBirth : nil
        case .other?: return nil
        case nil: return count >= 6 ? .card : nil
        }
    }

    private func isPhoneShaped(_ run: DigitRun) -> Bool {
        let digits = run.digits
        let groups = run.groups
        if run.hasPlus { return (8...15).contains(digits.count) }
        switch digits.count {
        case 10:
            return digits[0] >= 2 && (run.isSpoken || [[10], [3, 3, 4], [3, 7]].contains(groups))
        case 11:
            return digits[0] == 1 && digits[1] >= 2 && (run.isSpoken || [[11], [1, 3, 3, 4], [1, 10]].contains(groups))
        default:
            return false
        }
    }

    /// "03 14 1985" said after "born": three written groups that read as a date.
    private func isSpacedDate(_ run: DigitRun) -> Bool {
        guard !run.isSpoken, run.elements.count == 3 else { return false }
        let lengths = run.groups
        guard lengths[0] <= 2, lengths[1] <= 2, lengths[2] == 2 || lengths[2] == 4 else { return false }
        // At most four digits each (checked above): the values fit.
        let parts = run.elements.map { $0.digits.reduce(0) { $0 * 10 + Int($1) } }
        return (1...31).contains(parts[0]) && (1...31).contains(parts[1]) && (parts[0] <= 12 || parts[1] <= 12)
    }

    /// "the last four of my social", "last 4 digits".
    private func hasLastFourWording(before first: Int) -> Bool {
        var index = first - 1
        var words = 0
        while index >= 0, words < 8 {
            if let word = text.word(index) {
                if word == "last", text.word(index + 1) == "four" || text[safe: index + 1]?.text == "4" { return true }
                words += 1
            }
            index -= 1
        }
        return false
    }

    /// The Luhn (mod 10) check every payment card number passes.
    static func passesLuhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// A Social Security number's area is not 000, 666 or 900–999, its group not 00 and its serial not 0000.
    static func isValidSSN(_ digits: [UInt8]) -> Bool {
        guard digits.count == 9 else { return false }
        let number = digits.reduce(0) { $0 * 10 + Int($1) }
        let area = number / 1_000_000
        let group = number / 10_000 % 100
        let serial = number % 10_000
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }
}
