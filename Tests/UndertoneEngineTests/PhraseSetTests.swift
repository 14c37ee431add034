import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Phrase sets")
struct PhraseSetTests {
    /// The plain substring search the set replaces: a phrase occurs when it stands between spaces.
    static func searched(_ phrases: [String], in text: String) -> Bool {
        let padded = " " + text + " "
        return phrases.contains { padded.contains(" " + $0 + " ") }
    }

    @Test("whole words only, at the start, middle and end, for one- to four-word phrases; the same answers as substring search")
    func sameAsSubstringSearch() {
        let phrases = ["sorry", "i understand", "i will make sure", "up to", "working days", "cant"]
        let set = PhraseSet(phrases)
        let texts = [
            "sorry about that", "im so sorry", "i understand", "well i understand now", "i will make sure of it", "i will make",
            "up to ten working days", "upto ten", "it cant be", "cantilever", "unsorry", "i understandably", "", "sorry",
            "you i understand will", "making sure", "i will make surely",
        ]
        for text in texts {
            #expect(set.occurs(in: text) == Self.searched(phrases, in: text), "\"\(text)\"")
        }
        #expect(set.occurs(in: "i will make sure of it"))
        #expect(!set.occurs(in: "cantilever"))
    }

    @Test("agent moves: apologies with a plural, bad news, and neither")
    func agentMoves() {
        #expect(AgentMoves.isApologyOrAcknowledgement("My apologies for the wait."))
        #expect(AgentMoves.isApologyOrAcknowledgement("I'm sorry, I can see why that's annoying"))
        #expect(!AgentMoves.isApologyOrAcknowledgement("Let me check the account."))
        #expect(AgentMoves.isBadNews("Unfortunately it hasn't been processed yet"))
        #expect(AgentMoves.isBadNews("It can take up to ten working days."))
        #expect(!AgentMoves.isBadNews("It's been refunded today."))
    }

    @Test("an ASCII text is looked up by its bytes with the same answers as among its words, spacing and all")
    func asciiPathAsWords() {
        let phrases = ["sorry", "i understand", "i will make sure", "up to", "working days", "cant", "a  b", "cafe\u{301}", "\u{212A}ey"]
        let set = PhraseSet(phrases)
        let words = ["sorry", "i", "understand", "will", "make", "sure", "up", "to", "working", "days", "cant", "a", "b", "key", "Key", "x", "café"]
        let spaces = [" ", " ", " ", "  ", "   "]
        var generator = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<5_000 {
            var text = Bool.random(using: &generator) ? "" : spaces.randomElement(using: &generator)!
            for index in 0..<Int.random(in: 0...7, using: &generator) {
                if index > 0 { text += spaces.randomElement(using: &generator)! }
                text += words.randomElement(using: &generator)!
            }
            if Bool.random(using: &generator) { text += spaces.randomElement(using: &generator)! }
            let answer = set.occurs(in: text)
            #expect(answer == set.occurs(amongWords: text), "\"\(text)\"")
            if answer { found += 1 }
        }
        #expect(found > 1_000)
        // Strings are equal when canonically equivalent: a phrase's composed form is what an ASCII text must match.
        #expect(set.occurs(in: "the Key"))
        #expect(set.occurs(in: "a  b"))
        #expect(!set.occurs(in: "a b"))
        #expect(set.occurs(in: "un café"))
    }
}
