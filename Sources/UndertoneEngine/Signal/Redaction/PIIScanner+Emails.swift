/// E-mail addresses, written (`john.smith@gmail.com`) and spelled out by a recogniser ("john dot smith at gmail dot com").
extension PIIScanner {
    /// Top-level domains accepted at the end of a spoken address; a written one accepts any of two letters or more.
    static let topLevelDomains: Set<String> = [
        "com", "net", "org", "edu", "gov", "mil", "int", "io", "co", "uk", "us", "ca", "au", "nz", "ie", "de", "fr", "es", "it", "nl",
        "be", "ch", "at", "se", "no", "dk", "fi", "pl", "pt", "br", "mx", "in", "jp", "cn", "info", "biz", "me", "ai", "app", "dev",
        "email", "online", "tech", "store", "xyz",
    ]
    /// Words that end the local part of a spoken address when read backwards from "at".
    static let emailStopWords: Set<String> = [
        "at", "is", "its", "it's", "it", "my", "me", "to", "email", "mail", "address", "e", "send", "sent", "reach", "contact", "write",
        "via", "on", "from", "use", "using", "and", "or", "of", "for", "a", "an", "the", "that", "this", "in", "be", "i", "you", "your",
        "our", "their", "his", "her", "was", "us", "them", "him", "please", "im", "i'm", "just", "still", "work", "home", "personal",
    ]
    static let dotWords: Set<String> = ["dot", "period"]
    static let joinWords: Set<String> = ["dot", "period", "underscore", "dash", "hyphen"]

    mutating func findWrittenEmails() {
        for at in 0..<text.count where text[at].isSymbol("@") {
            guard let first = writtenLocalStart(before: at), let last = writtenDomainEnd(after: at), isFree(first, last) else { continue }
            record(.email, first, last)
        }
    }

    /// The first token of the local part that ends right before `@`, written without spaces.
    private func writtenLocalStart(before at: Int) -> Int? {
        guard at > 0, !text[at].spaceBefore else { return nil }
        var first = at
        while first > 0 {
            let token = text[first - 1]
            let allowed = token.isWord || token.isDigits || ["." as String, "_", "-", "+", "%"].contains(where: token.isSymbol)
            guard allowed else { break }
            first -= 1
            if token.spaceBefore { break }
        }
        while first < at, text[first].kind == .symbol { first += 1 }
        return first < at ? first : nil
    }

    /// The last token of a written domain after `@`: labels joined by dots, ending in a top-level domain of two letters or
    /// more (in a partial transcript the text may stop before it).
    private func writtenDomainEnd(after at: Int) -> Int? {
        var last = at
        var sawDot = false
        var index = at + 1
        while index < text.count, !text[index].spaceBefore {
            let token = text[index]
            if token.isWord || token.isDigits {
                last = index
            } else if token.isSymbol(".") || token.isSymbol("-") {
                if token.isSymbol(".") { sawDot = true }
            } else {
                break
            }
            index += 1
        }
        guard last > at else { return nil }
        let endsText = index >= text.count
        let tld = text[last]
        let hasTopLevel = sawDot && tld.isWord && tld.text.count >= 2 && last > at + 1 && text[last - 1].isSymbol(".")
        if hasTopLevel || (isPartial && endsText) { return last }
        return nil
    }

    mutating func findSpokenEmails() {
        for at in 0..<text.count where text.word(at) == "at" && !claimed[at] {
            guard let domain = spokenDomain(after: at), let first = spokenLocalStart(before: at), isFree(first, domain.last) else { continue }
            // An unfinished address at the end of a partial transcript counts once it has a "dot" somewhere, so that
            // "we met at starbucks" is left alone while "john dot smith at gmail" is not.
            guard domain.isComplete || domain.dots > 0 || (first..<at).contains(where: { isJoin($0, dotOnly: false) }) else { continue }
            record(.email, first, domain.last)
        }
    }

    /// An element of an address: a word that is not a joining word, or digits.
    private func isAddressElement(_ index: Int) -> Bool {
        guard text.tokens.indices.contains(index), !claimed[index] else { return false }
        let token = text[index]
        if token.isDigits { return true }
        return token.isWord && !Self.joinWords.contains(token.text) && token.text != "at"
    }

    private func isJoin(_ index: Int, dotOnly: Bool) -> Bool {
        guard text.tokens.indices.contains(index) else { return false }
        let token = text[index]
        if token.isWord { return dotOnly ? Self.dotWords.contains(token.text) : Self.joinWords.contains(token.text) }
        return token.isSymbol(".") || (!dotOnly && (token.isSymbol("_") || token.isSymbol("-")))
    }

    /// The last token of a spoken domain after "at": labels joined by "dot" (or "."), ending in a known top-level
    /// domain (complete), or running to the end of a partial transcript (not complete).
    private func spokenDomain(after at: Int) -> (last: Int, dots: Int, isComplete: Bool)? {
        var index = at + 1
        guard isAddressElement(index), !Self.emailStopWords.contains(text[index].text) || text[index].isDigits else { return nil }
        var last = index
        var dots = 0
        while true {
            // A label may be hyphenated ("my-company", "my dash company").
            if isJoin(index + 1, dotOnly: false), !isJoin(index + 1, dotOnly: true), isAddressElement(index + 2) {
                index += 2
                last = index
                continue
            }
            guard isJoin(index + 1, dotOnly: true) else { break }
            guard isAddressElement(index + 2) else {
                if isPartial && index + 2 >= text.count { return (index + 1, dots + 1, false) }
                break
            }
            index += 2
            last = index
            dots += 1
        }
        if dots > 0, text[last].isWord, Self.topLevelDomains.contains(text[last].text) { return (last, dots, true) }
        if isPartial, last == text.count - 1 { return (last, dots, false) }
        return nil
    }

    /// The first token of a spoken local part before "at": elements joined by "dot", "underscore", "dash" and the like,
    /// led by any letters spelled out one by one ("j o h n").
    private func spokenLocalStart(before at: Int) -> Int? {
        var first = at - 1
        guard isAddressElement(first), !Self.emailStopWords.contains(text[first].text) else { return nil }
        // Before a joining word, an initial is part of the address too ("a dot nguyen").
        while isJoin(first - 1, dotOnly: false), isAddressElement(first - 2),
            !Self.emailStopWords.contains(text[first - 2].text) || (text[first - 2].isWord && text[first - 2].text.count == 1)
        {
            first -= 2
        }
        while text.word(first - 1).map({ $0.count == 1 && $0 != "a" && $0 != "i" }) == true, !claimed[first - 1] {
            first -= 1
        }
        // Whatever is written onto the first element without a space belongs to it ("rsmith42").
        while text.isAttached(first), let previous = text[safe: first - 1], !claimed[first - 1],
            previous.isWord || previous.isDigits || previous.isSymbol(".") || previous.isSymbol("_") || previous.isSymbol("-")
        {
            first -= 1
        }
        while text[first].kind == .symbol { first += 1 }
        return first
    }
}
