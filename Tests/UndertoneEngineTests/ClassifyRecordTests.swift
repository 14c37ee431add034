import Foundation
import Testing

@testable import UndertoneEngine

@Suite("classify records")
struct ClassifyRecordTests {
    @Test("ids round-trip as strings or numbers; a missing id becomes the line number")
    func ids() throws {
        #expect(try ClassifyRequest.parse(#"{"id": "c-1", "text": "hi"}"#, lineNumber: 1).idJSON == #""c-1""#)
        #expect(try ClassifyRequest.parse(#"{"id": 42, "text": "hi"}"#, lineNumber: 1).idJSON == "42")
        #expect(try ClassifyRequest.parse(#"{"text": "hi"}"#, lineNumber: 9).idJSON == "9")
    }

    @Test(
        "bad lines are rejected with their number and reason",
        arguments: [
            ("{not json", "invalid JSON"),
            ("[1, 2]", "expected a JSON object"),
            (#"{"id": "a"}"#, "missing \"text\""),
            (#"{"id": "a", "text": 5}"#, "\"text\" must be a string"),
            (#"{"id": ["a"], "text": "x"}"#, "\"id\" must be a string or a number"),
        ])
    func badLines(line: String, reason: String) {
        #expect(throws: ClassifyLineError(line: 3, reason: reason)) { try ClassifyRequest.parse(line, lineNumber: 3) }
    }

    @Test("the output line is JSON with every field of the contract")
    func outputLine() throws {
        let model = try TextModel.bundled()
        let signal = model.analyze("I \"hate\" this\nso much \\ 😡")
        let line = signal.classifyJSON(idJSON: JSONText.quoted("id\t1"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "id\t1")
        let emotions = try #require(object["emotions"] as? [String: Double])
        #expect(Set(emotions.keys) == Set(Emotion.allCases.map(\.rawValue)))
        #expect(emotions.values.allSatisfy { (0...1).contains($0) })
        let polarity = try #require(object["polarity"] as? [String: Double])
        #expect(Set(polarity.keys) == ["negative", "neutral", "positive"])
        #expect(object["cues"] is [Any])
        #expect(object["explain"] is [Any])
    }

    @Test("numbers print with four decimals and no exponent")
    func numbers() {
        #expect(JSONText.probability(0.123456) == "0.1235")
        #expect(JSONText.probability(1e-9) == "0")
        #expect(JSONText.probability(0.05) == "0.05")
        #expect(JSONText.probability(1) == "1")
        #expect(JSONText.probability(-0.25) == "-0.25")
        #expect(JSONText.probability(.nan) == "0")
    }

    @Test("speech-transcript form drops case, punctuation and emoji")
    func speechFormTransform() {
        #expect(speechTranscriptForm("Don't you DARE — it's \"fine\"!!! 😡 well-known") == "dont you dare its fine well known")
        #expect(speechTranscriptForm("  ") == "")
    }
}

@Suite("speech forms")
struct SpeechFormTests {
    @Test("noisy speech form is deterministic, adds fillers and keeps most words")
    func noisy() {
        let text = "I have been waiting for my replacement card for three weeks and nobody answers my emails, this is unacceptable."
        let once = noisySpeechTranscriptForm(text)
        #expect(once == noisySpeechTranscriptForm(text))
        let clean = speechTranscriptForm(text).split(separator: " ")
        let noisy = once.split(separator: " ").filter { $0 != "um" && $0 != "uh" }
        #expect(noisy.count == clean.count)
        #expect(zip(clean, noisy).filter { $0 == $1 }.count >= clean.count - 3)
        let corpus = (0..<200).map { "sentence number \($0) about my delayed refund request" }.map(noisySpeechTranscriptForm).joined(separator: " ")
        #expect(corpus.contains(" um ") || corpus.contains(" uh "))
    }
}
