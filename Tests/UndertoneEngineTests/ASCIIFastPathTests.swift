import Testing

@testable import UndertoneEngine

/// The engine answers ASCII text (nearly every turn) without Unicode property lookups; these paths must agree with the
/// general ones everywhere they are taken.
@Suite("ASCII fast paths")
struct ASCIIFastPathTests {
    @Test("the speech form's ASCII path gives what the scalar-by-scalar form gives, for every ASCII character and random mixes")
    func speechForm() {
        for byte in UInt8(0)..<0x80 {
            let text = "a\(Character(Unicode.Scalar(byte)))b \(Character(Unicode.Scalar(byte)))"
            #expect(asciiSpeechTranscriptForm(text) == unicodeSpeechTranscriptForm(text), "byte \(byte)")
        }
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let length = Int(random.next() % 40)
            let text = String(decoding: (0..<length).map { _ in UInt8(random.next() % 0x80) }, as: UTF8.self)
            #expect(asciiSpeechTranscriptForm(text) == unicodeSpeechTranscriptForm(text), "\(Array(text.utf8))")
        }
        #expect(asciiSpeechTranscriptForm("café") == nil)
        #expect(speechTranscriptForm("Café, it's “fine”") == "café its fine")
    }

    @Test("the redactor's letter and whitespace tests agree with Unicode's properties on every ASCII character")
    func redactorPredicates() {
        for value in UInt32(0)..<0x80 {
            let scalar = Unicode.Scalar(value)!
            #expect(PIIText.isLetter(scalar) == scalar.properties.isAlphabetic, "\(value)")
            #expect(PIIText.isWhitespace(scalar) == scalar.properties.isWhitespace, "\(value)")
        }
        for scalar in ["é", "ß", "\u{00A0}", "\u{2003}", "\u{0085}", "٣", "日"].map({ $0.unicodeScalars.first! }) {
            #expect(PIIText.isLetter(scalar) == scalar.properties.isAlphabetic)
            #expect(PIIText.isWhitespace(scalar) == scalar.properties.isWhitespace)
        }
    }

    @Test("the text model's ASCII tokens and marks are the general path's, for every ASCII character and random mixes")
    func textTokens() {
        for byte in UInt8(0)..<0x80 {
            let text = "AB\(Character(Unicode.Scalar(byte)))CD um \(Character(Unicode.Scalar(byte)))x!"
            #expect(TextFeatures.asciiTokens(text)! == TextFeatures.unicodeTokens(text), "byte \(byte)")
        }
        var random = SplitMix64(seed: 11)
        let pieces = ["um", "UH", "HELP", "Hi", "no", "don't", "`x`", "!", "?", " ", "  ", ".", "123", "A1B", "ok?!", "\n", "ERM"]
        var marked = 0
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 12) {
                text +=
                    random.next() % 3 == 0
                    ? String(Character(Unicode.Scalar(UInt8(random.next() % 0x80)))) : pieces[Int(random.next() % UInt64(pieces.count))]
            }
            let quick = TextFeatures.asciiTokens(text)
            #expect(quick! == TextFeatures.unicodeTokens(text), "\(Array(text.utf8))")
            if quick?.marks.contains("c caps") == true { marked += 1 }
        }
        #expect(marked > 100)
        #expect(TextFeatures.asciiTokens("café") == nil)
        #expect(TextFeatures.asciiTokens("Don't SHOUT, um, OK?")! == (["dont", "shout", "ok"], ["p ?", "c caps"]))
    }

    @Test("an ASCII turn's sentences, read a byte at a time, are those read a character at a time")
    func asciiSentences() {
        var random = SplitMix64(seed: 41)
        let pieces = ["I", "have", "called", "three", "times", " ", "  ", ".", "!", "?", ";", "\n", "\r", "\r\n", "...", "ok", "x"]
        var split = 0
        for _ in 0..<5_000 {
            // Pieces apart, and side by side (".\r\n", "\r\r\n", "times?\n").
            let text = (0..<Int(random.next() % 40)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
                .joined(separator: random.next() % 2 == 0 ? " " : "")
            let quick = TextModel.asciiSentences(of: text)
            #expect(quick == TextModel.characterSentences(of: text), "\(Array(text.utf8))")
            if !quick.isEmpty { split += 1 }
        }
        #expect(split > 1_000)
    }

    @Test("a long turn's window takes its features and sorted keys from the turn's: the same as the window's text gives")
    func windowFeatures() {
        var random = SplitMix64(seed: 23)
        let words = ["I", "have", "called", "THREE", "times", "about", "this", "charge", "um", "don't", "x", "refund", "9am", "ok!", "why?"]
        for _ in 0..<500 {
            let text = (0..<Int(random.next() % 30)).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
            let features = TextFeatures(text, bits: 18)
            for window in TextModel.windowRanges(count: features.tokens.count) {
                let taken = features.window(window)
                let read = TextFeatures(features.tokens[window].joined(separator: " "), bits: 18)
                #expect(taken.tokens == read.tokens, "\(text)")
                #expect(taken.occurrences.map(\.bucket) == read.occurrences.map(\.bucket), "\(text) \(window)")
                #expect(taken.occurrences.map(\.token) == read.occurrences.map(\.token))
                #expect(taken.occurrences.map(\.group) == read.occurrences.map(\.group))
                #expect(taken.occurrences.map(\.isBigram) == read.occurrences.map(\.isBigram))
                // Its sorted keys, filtered from the turn's, are those sorting its own would give.
                let (kept, positions) = features.windowKeeping(window)
                let filtered = TextModel.windowKeys(TextModel.sortedKeys(features), positions: positions, count: kept.occurrences.count)
                #expect(filtered == TextModel.sortedKeys(read), "\(text) \(window)")
            }
        }
    }
}
