import Foundation
import Testing
import UndertoneEngine

@testable import UndertoneServer

/// The server trims API keys and batch bodies without Foundation's character-set walk when their ends are plain ASCII;
/// what it gives must be Foundation's answer everywhere.
@Suite("Whitespace")
struct WhitespaceTests {
    static let pieces = [
        "", " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{A0}", "\u{2003}", "\u{2028}", "\u{85}", "\u{200B}", "a", "Z", "{", "}",
        "~", "\u{7F}", "\u{1}", "é", "e\u{301}", "日本", "🙂", "ut_key_123",
    ]

    @Test("trimmingWhitespace gives trimmingCharacters(in: .whitespaces / .whitespacesAndNewlines) for every mix of ends")
    func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        var texts: [String] = []
        for left in Self.pieces {
            for right in Self.pieces { texts.append(left + "x y" + right) }
        }
        for _ in 0..<3_000 {
            texts.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
            #expect(
                text.trimmingWhitespace(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(text.unicodeScalars))")
            let sub = Substring(text)
            #expect(sub.trimmingWhitespace() == sub.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test("a JSON-lines batch with CRLF line breaks, blank lines and an array with whitespace around it is read line by line")
    func batchLines() throws {
        let start = #"{"v":1,"type":"call_started","call":"c-1","at":0,"channel":"chat","customer":"u-1","queue":"billing"}"#
        let turn = #"{"v":1,"type":"turn","call":"c-1","at":1000,"utterance":"u-1","speaker":"customer","text":"hello there","final":true}"#
        let crlf = IngestWire.batch(start + "\r\n \t\r\n\r\n" + turn + "\r\n")
        #expect(crlf.errors.isEmpty, "\(crlf.errors)")
        #expect(crlf.items.map(\.event.type) == ["call_started", "turn"])
        let bad = IngestWire.batch(start + "\r\n\r\n" + #"{"v":1,"type":"turn"}"# + "\r\n")
        #expect(bad.items.count == 1 && bad.errors.count == 1 && bad.errors[0].hasPrefix("line 3: "), "\(bad.errors)")
        let array = IngestWire.batch(" \n\t[" + start + "," + turn + "]\r\n ")
        #expect(array.errors.isEmpty && array.items.count == 2, "\(array.errors)")
        #expect(IngestWire.batch(" \r\n\t ").errors == ["the body holds no events"])
    }
}
