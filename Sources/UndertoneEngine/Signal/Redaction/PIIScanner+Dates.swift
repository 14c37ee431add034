/// Dates: numeric (`03/14/1985`, `1985-03-14`, `14.03.85`), with a month's name ("March 14th, 1985", "the 14th of
/// March 1985") and spelled out ("march fourteenth nineteen eighty five"). A date near "born", "date of birth", "DOB" or
/// "birthday" is a date of birth; any other date is claimed (so that its digits are not read as a number) and kept.
extension PIIScanner {
    mutating func findDates() {
        var index = 0
        while index < text.count {
            guard !claimed[index], let last = dateEnd(at: index), isFree(index, last) else {
                index += 1
                continue
            }
            switch context(before: index, after: last) {
            case .dateOfBirth?: record(.dateOfBirth, index, last)
            // "sort code 12-03-56" reads like a date: it is left for the digit sequences, which redact it.
            case .account?: break
            default: claim(index, last)
            }
            index = last + 1
        }
    }

    /// The last token of a date that starts at `index`, if one does.
    func dateEnd(at index: Int) -> Int? {
        numericDateEnd(at: index) ?? monthFirstDateEnd(at: index) ?? dayFirstDateEnd(at: index)
    }

    /// `m/d/y`, `d/m/y`, `y-m-d`, `d.m.y` and `m/d` or `m/y` (a card's expiry): digits joined by one kind of separator
    /// with no spaces, each part in range.
    private func numericDateEnd(at index: Int) -> Int? {
        guard text[index].isDigits else { return nil }
        // Not the middle of a longer code ("4111-03/14"): the date must not continue digits joined before it.
        if index >= 2, !text[index].spaceBefore, text[index - 1].kind == .symbol, !text[index - 1].spaceBefore, text[index - 2].isDigits {
            return nil
        }
        var parts = [text[index].text]
        var separator: String?
        var last = index
        while parts.count < 3, last + 2 < text.count {
            let glue = text[last + 1]
            let next = text[last + 2]
            guard glue.kind == .symbol, ["/", "-", "."].contains(glue.text), !glue.spaceBefore, next.isDigits, !next.spaceBefore else { break }
            if let separator, separator != glue.text { break }
            separator = glue.text
            parts.append(next.text)
            last += 2
        }
        // A separator right after the third part means a longer code (an IP address, a version), not a date.
        if last + 2 < text.count, text[last + 1].kind == .symbol, ["/", "-", "."].contains(text[last + 1].text), !text[last + 1].spaceBefore,
            text[last + 2].isDigits, !text[last + 2].spaceBefore
        {
            return nil
        }
        // A part over four digits is never one of a date's (-1 fails every range below); one too long for `Int` must not
        // shorten the list either.
        let numbers = parts.map { $0.count <= 4 ? Int($0) ?? -1 : -1 }
        switch parts.count {
        case 3:
            let lengths = parts.map(\.count)
            if lengths[0] == 4 {
                return (1...12).contains(numbers[1]) && (1...31).contains(numbers[2]) && lengths[1] <= 2 && lengths[2] <= 2 ? last : nil
            }
            guard lengths[0] <= 2, lengths[1] <= 2, lengths[2] == 2 || lengths[2] == 4 else { return nil }
            let dayMonth = (1...31).contains(numbers[0]) && (1...12).contains(numbers[1])
            let monthDay = (1...12).contains(numbers[0]) && (1...31).contains(numbers[1])
            return dayMonth || monthDay ? last : nil
        case 2:
            // Only with a slash: "3/14", "12/27". "12-27" and "4.99" are something else.
            guard separator == "/", parts[0].count <= 2, parts[1].count == 2 || parts[1].count == 4 || parts[1].count == 1 else { return nil }
            return (1...12).contains(numbers[0]) && numbers[1] >= 1 ? last : nil
        default:
            return nil
        }
    }

    /// "March 14", "March 14th, 1985", "march fourteenth nineteen eighty five", "March 1985".
    private func monthFirstDateEnd(at index: Int) -> Int? {
        guard let month = text.word(index), SpokenNumbers.months[month] != nil else { return nil }
        var next = index + 1
        if text[safe: next]?.isSymbol(".") == true, !text[next].spaceBefore { next += 1 }
        let year = SpokenNumbers.year(in: text, at: next)
        if let day = SpokenNumbers.day(in: text, at: next) {
            // "march nineteen eighty five" is a month and a year; "march nineteenth nineteen eighty five" a full date.
            if let end = yearEnd(after: day.last) { return end }
            return year?.last ?? day.last
        }
        return month == "may" ? nil : year?.last
    }

    /// "14 March 1985", "the 14th of March", "fourteenth of march nineteen eighty five".
    private func dayFirstDateEnd(at index: Int) -> Int? {
        guard let day = SpokenNumbers.day(in: text, at: index) else { return nil }
        // A plain cardinal word ("four March") is too loose; digits or an ordinal are needed before the month.
        if text[index].isWord, SpokenNumbers.units[text[index].text] != nil || SpokenNumbers.teens[text[index].text] != nil {
            if SpokenNumbers.ordinalUnits[text.word(day.last) ?? ""] == nil { return nil }
        }
        var next = day.last + 1
        if text.word(next) == "of" { next += 1 }
        guard let month = text.word(next), SpokenNumbers.months[month] != nil, month != "may" || text.word(day.last + 1) == "of" else { return nil }
        return yearEnd(after: next) ?? next
    }

    /// The last token of a year that follows the token at `index` (after an optional comma).
    private func yearEnd(after index: Int) -> Int? {
        var next = index + 1
        if text[safe: next]?.isSymbol(",") == true { next += 1 }
        return SpokenNumbers.year(in: text, at: next)?.last
    }
}

extension PIIText {
    subscript(safe index: Int) -> PIIToken? { tokens.indices.contains(index) ? tokens[index] : nil }
}
