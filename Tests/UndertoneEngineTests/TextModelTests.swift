import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Text model")
struct TextModelTests {
    static let model = try! TextModel.bundled()

    @Test("computes what the trainer computed for its recorded texts")
    func parityWithTrainer() {
        #expect(!Self.model.checks.isEmpty)
        #expect(Self.model.selfCheck() < 1e-4)
    }

    @Test(
        "hears the obvious emotion",
        arguments: [
            ("This is ridiculous, I have been waiting for an hour and nobody helps me!", Emotion.frustration),
            ("i dont understand what this charge on my bill is", .confusion),
            ("I'm really scared I'm going to lose my house", .anxiety),
            ("Thank you so much, that really helped!", .satisfaction),
            ("I'm so sad and disappointed, my dog died last week", .sadness),
            ("The parcel was sent to 12 High Street.", .neutral),
        ])
    func obviousEmotion(text: String, expected: Emotion) {
        let signal = Self.model.analyze(text)
        let top = Emotion.allCases.max { signal.emotions[$0] < signal.emotions[$1] }
        #expect(top == expected, "\(text): \(signal.emotions)")
    }

    @Test("polarity follows the words and sums to one")
    func polarity() {
        let angry = Self.model.analyze("This is the worst service ever, I hate this company")
        let happy = Self.model.analyze("Wonderful, thank you, you have been great")
        #expect(angry.polarity.label == .negative)
        #expect(happy.polarity.label == .positive)
        for signal in [angry, happy] {
            #expect(abs(signal.polarity.negative + signal.polarity.neutral + signal.polarity.positive - 1) < 1e-9)
        }
    }

    @Test("speech-recogniser text gets the same reading as typed text")
    func speechForm() {
        let typed = "I've ALREADY told you three times! This is absolutely ridiculous."
        let spoken = "um i've already told you uh three times this is absolutely ridiculous"
        let a = Self.model.analyze(typed)
        let b = Self.model.analyze(spoken)
        #expect(a.detected.contains(.frustration))
        #expect(b.detected.contains(.frustration))
        #expect(abs(a.emotions.frustration - b.emotions.frustration) < 0.2)
    }

    @Test("fillers and apostrophes do not change the tokens")
    func tokens() {
        let features = TextFeatures("Um, I DON'T know… uh what’s this 😡?!", bits: 20)
        #expect(features.tokens == ["i", "dont", "know", "whats", "this"])
        let spoken = TextFeatures("i dont know what's this", bits: 20)
        #expect(spoken.tokens == features.tokens)
    }

    @Test("explanations name words of the text that drove a detected emotion")
    func explanations() {
        let signal = Self.model.analyze("Thank you so much, you were wonderful")
        let satisfaction = signal.explanations.filter { $0.output == "satisfaction" }
        #expect(!satisfaction.isEmpty)
        for item in signal.explanations {
            #expect(item.weight > 0)
            #expect(item.text.split(separator: " ").allSatisfy { ["thank", "you", "so", "much", "were", "wonderful"].contains(String($0)) })
        }
        #expect(Self.model.analyze("thank you", explain: false).explanations.isEmpty)
    }

    @Test("empty, symbol-only and very long texts give valid probabilities")
    func edgeCases() {
        for text in ["", "   ", "?!?!", "😡😡😡", String(repeating: "terrible service again ", count: 2_000), "\u{0000}\u{FFFF}"] {
            let signal = Self.model.analyze(text)
            for emotion in Emotion.allCases {
                #expect((0...1).contains(signal.emotions[emotion]))
            }
        }
    }

    @Test("a damaged weight file is refused with a reason")
    func damagedFile() {
        #expect(throws: TextModelError.notAModelFile) { try TextModel(data: Data("hello world".utf8)) }
        var bytes = [UInt8](Data("UTM1".utf8)) + [200, 0, 0, 0] + [UInt8](Data("{}".utf8))
        #expect(throws: TextModelError.truncated) { try TextModel(data: Data(bytes)) }
        bytes = [UInt8](Data("UTM1".utf8)) + [2, 0, 0, 0] + [UInt8](Data("{}".utf8))
        #expect(throws: (any Error).self) { try TextModel(data: Data(bytes)) }
    }
}
