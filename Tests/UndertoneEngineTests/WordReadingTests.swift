import Foundation
import Testing

@testable import UndertoneEngine

/// The engine's word readers that run on every customer turn, held to the plain versions they replaced (kept here as
/// references) on the example turns and on random texts.
@Suite("Word readers against their references")
struct WordReadingTests {
    /// `ConversationFlow.saysNo` as it was: the form split into words.
    static func referenceSaysNo(_ form: String) -> Bool {
        let words = form.split(separator: " ", maxSplits: 8)
        guard let first = words.first, words.count <= 8 else { return false }
        if ["no", "nope", "nah", "never", "not", "neither", "nothing"].contains(first) { return true }
        guard words.count >= 2 else { return false }
        return ["i havent", "i didnt", "i dont", "havent seen", "didnt like", "dont like", "i wasnt", "im not", "not really"]
            .contains("\(first) \(words[1])")
    }

    /// `KnowledgeText.terms` as it was: every word kept as an array first.
    static func referenceTerms(_ text: String) -> [String] {
        var words: [[UInt8]] = []
        KnowledgeText.forEachWord(text) { words.append($0) }
        return words.compactMap { word in
            if KnowledgeText.stopWords.contains(word) { return nil }
            let string = String(decoding: word, as: UTF8.self)
            if let mapped = KnowledgeText.irregular[string] { return mapped }
            return String(decoding: KnowledgeText.stem(word), as: UTF8.self)
        }
    }

    static let vocabulary = [
        "no", "nope", "nah", "never", "not", "neither", "nothing", "i", "havent", "didnt", "dont", "wasnt", "im", "really", "seen",
        "like", "I", "don't", "Not", "NO", "charged", "charges", "charging", "cancelled", "cancellation", "paid", "e-mail", "wi-fi",
        "deliveries", "the", "bill", "is", "wrong", "again", "café", "naïve", "Straße", "ÉCOLE", "it’s", "`quoted`", "42", "3rd",
        "...", "!", "?", ",", "—", "😡", "\t", "  ", "flies", "studied", "running", "hopping", "fully", "nation", "happy",
        "ties", "goes", "used", "sing", "fees",
    ]

    static func randomTexts(_ count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...14, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
                .joined(separator: Bool.random(using: &generator) ? " " : "")
        }
    }

    @Test("saysNo reads a speech form as the split did (example turns, 20,000 random texts, every opening)")
    func saysNo() throws {
        var texts = try ExampleTurns.texts() + Self.randomTexts(20_000)
        for first in Self.vocabulary.prefix(16) {
            for second in Self.vocabulary.prefix(16) { texts.append("\(first) \(second)") }
        }
        var yes = 0
        for text in texts {
            let form = speechTranscriptForm(text)
            #expect(ConversationFlow.saysNo(form) == Self.referenceSaysNo(form), "\(form)")
            if Self.referenceSaysNo(form) { yes += 1 }
        }
        #expect(yes > 100)
    }

    @Test("the knowledge base's terms are those of the word arrays (example turns, 20,000 random texts)")
    func terms() throws {
        for text in try ExampleTurns.texts() + Self.randomTexts(20_000) {
            #expect(KnowledgeText.terms(text) == Self.referenceTerms(text), "\(text)")
        }
    }
}
