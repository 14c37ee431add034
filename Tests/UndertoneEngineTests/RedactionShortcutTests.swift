import Foundation
import Testing

@testable import UndertoneEngine

/// `PIIScanner.findsNothing(in:)` lets most turns skip the scan: it must never say so of a text the scan finds anything in.
@Suite("Redaction's shortcut")
struct RedactionShortcutTests {
    /// Every word the shortcut looks for, from the scanner's own tables.
    static let numberWords: [String] = Array(
        Set(SpokenNumbers.digitWords.keys).union(SpokenNumbers.repeaters.keys).union(SpokenNumbers.units.keys).union(SpokenNumbers.teens.keys)
            .union(SpokenNumbers.tens.keys).union(SpokenNumbers.ordinalUnits.keys).union(SpokenNumbers.ordinalTeens.keys)
            .union(SpokenNumbers.ordinalTens.keys)
    ).sorted()

    static let plainWords = [
        "my", "card", "number", "is", "call", "me", "on", "the", "of", "born", "march", "may", "june", "dec", "dot", "com", "gmail",
        "john", "smith", "email", "phone", "account", "social", "security", "ssn", "dob", "and", "please", "it's", "o'clock", "thanks",
        "ok", "bill", "charged", "twice", "manager", "again", "reach", "period", "underscore", "dash", "de", "gb", "nl", "iban", "sort",
        "code", "expires", "cvv", "ticket", "order", "ATE", "Ones", "oneself", "often", "attention", "dotcom", "café", "naïve",
        "ＡＴ", "\u{212A}ey", "—", "/", "-", ".", ",", "'", "\u{2019}", "(", ")", "+", "@", "＠",
    ]

    /// Texts with each number word the shortcut must notice, in places where the scan may find something.
    static func templates() -> [String] {
        var texts: [String] = []
        for word in numberWords {
            texts.append("call me on \(Array(repeating: word, count: 10).joined(separator: " "))")
            texts.append("I was born on the \(word) of march")
            texts.append("date of birth march \(word)")
            texts.append("my account is \(word) five five five one two three four")
        }
        texts += [
            "my email is john dot smith at gmail dot com", "john at example dot org", "it's j_doe@mail.example.co.uk",
            "my iban is de89 3704 0044 0532 0130 00", "sort code 12-03-56", "born 14 march 1985", "dob 03/14/1985",
        ]
        return texts
    }

    /// Random texts from number words, plain words, digits and symbols.
    static func randomTexts(count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        let digits = ["4111", "12", "555", "0", "1985", "867-5309", "03/14"]
        return (0..<count).map { _ in
            let length = Int.random(in: 1...16, using: &generator)
            return (0..<length).map { _ in
                switch Int.random(in: 0..<10, using: &generator) {
                case 0..<3: numberWords.randomElement(using: &generator)!
                case 3: digits.randomElement(using: &generator)!
                default: plainWords.randomElement(using: &generator)!
                }
            }.joined(separator: Bool.random(using: &generator) ? " " : "")
        }
    }

    @Test("a text the shortcut passes holds nothing the scan finds, partial or final (templates, example turns, 50,000 random texts)")
    func neverMissesAFinding() throws {
        let templates = Self.templates()
        let examples = try ExampleTurns.texts()
        var passed = 0
        for text in templates + examples + Self.randomTexts(count: 50_000) where PIIScanner.findsNothing(in: text) {
            passed += 1
            for isPartial in [false, true] {
                let findings = PIIScanner.scan(text, isPartial: isPartial).1
                #expect(findings.isEmpty, "\(text) (partial: \(isPartial)): \(findings)")
            }
        }
        // The templates give the scan something to find for most words; most example turns say no number at all.
        let found = templates.filter { !PIIScanner.scan($0, isPartial: false).1.isEmpty }
        #expect(found.count * 2 > templates.count, "\(found.count) of \(templates.count) templates hold a finding")
        for text in templates { #expect(!PIIScanner.findsNothing(in: text), "\(text)") }
        let examplesPassed = examples.count { PIIScanner.findsNothing(in: $0) }
        // The share docs/redaction.md quotes (`swift test --filter RedactionShortcut`).
        print("example turns that skip the scan: \(examplesPassed) of \(examples.count)")
        #expect(examplesPassed * 2 > examples.count, "only \(examplesPassed) of \(examples.count) example turns skip the scan")
        #expect(passed > 1_000)
    }

    @Test("the redactor answers a skipped text as the scan would: the text itself, no spans")
    func redactorAnswersAlike() throws {
        for text in try ExampleTurns.texts() where PIIScanner.findsNothing(in: text) {
            #expect(Redactor.standard.redact(text) == Redaction(text: text, spans: []))
        }
        #expect(Redactor.standard.redact("my email is john dot smith at gmail dot com").text == "my email is [email]")
        #expect(Redactor.standard.redact("call me on five five five one two three four").text == "call me on [phone]")
    }
}
