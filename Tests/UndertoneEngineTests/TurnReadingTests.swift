import Foundation
import Testing

@testable import UndertoneEngine

/// The engine's reading of a text: the model with the cues in the same words. The sentences are the ones the detection
/// issue named as read wrongly.
@Suite("TurnReading — the model and the cues together")
struct TurnReadingTests {
    static let model = try! TextModel.bundled()
    static let detector = CueDetector()

    static func read(_ text: String, soured: Bool = false) -> TurnReading {
        TurnReading(text, model: model, cues: detector, soured: soured)
    }

    @Test("polite fury reads as frustration, not satisfaction, and the explanation names the words")
    func politeFury() {
        let reading = Self.read("With all due respect, I'm at the end of my tether.")
        #expect(reading.cues.map(\.kind) == [.statedAnger])
        #expect(reading.signal.detected.contains(.frustration))
        #expect(!reading.signal.detected.contains(.satisfaction))
        #expect(reading.signal.polarity.label == .negative)
        #expect(reading.signal.explanations.first?.text == "im at the end of my tether")
    }

    @Test("praise beside a failure is sarcasm, with no gratitude; praise alone stays praise")
    func sarcasm() {
        let sour = Self.read("oh great, another hour on hold")
        #expect(sour.cues.map(\.kind) == [.sarcasm])
        #expect(sour.signal.detected.contains(.frustration))
        #expect(!sour.signal.detected.contains(.satisfaction))
        #expect(sour.signal.polarity.negative >= 0.5)

        let pleased = Self.read("oh great, that works, thank you")
        #expect(!pleased.cues.contains { $0.kind == .sarcasm })
        #expect(pleased.signal.detected.contains(.satisfaction))
        #expect(pleased.signal.polarity.label == .positive)

        // After bad news the same praise is sarcasm.
        let afterBadNews = Self.read("oh wonderful", soured: true)
        #expect(afterBadNews.cues.map(\.kind) == [.sarcasm])
    }

    @Test("requests and names are not threats: cancelling a booking, asking a lawyer")
    func requestsAreNotThreats() {
        #expect(Self.read("There's a chance I'll need to cancel this train booking, is that possible?").cues.map(\.kind) == [.cancellationRequest])
        #expect(Self.read("can I cancel my taxi booking").cues.map(\.kind) == [.cancellationRequest])
        #expect(Self.read("I'll ask the accountant or the lawyer and get back to you").cues.isEmpty)
        #expect(Self.read("close my account, I'm going elsewhere").cues.map(\.kind) == [.cancellationThreat])
    }

    @Test("a complaint stated as a fact reads negative; a negated feeling does not read as the feeling")
    func factsAndNegation() {
        #expect(Self.read("My flight was delayed three hours and nobody told us anything.").signal.polarity.label == .negative)
        #expect(Self.read("the parcel says delivered but there's nothing here").signal.polarity.label == .negative)
        let calm = Self.read("I'm not upset, I just want to know when it will arrive.")
        #expect(!calm.signal.detected.contains(.frustration))
        #expect(calm.signal.polarity.label != .positive)
    }

    @Test("plain no's are answers, not anger")
    func plainNo() {
        for text in ["No.", "no I have not", "Nope.", "No, I haven't seen it."] {
            #expect(Self.read(text).signal.emotions.frustration < 0.3, "\(text)")
        }
    }

    @Test("a cue raises frustration only where the model read less; the reading stays a set of probabilities")
    func floorsOnly() {
        let furious = Self.read("you're a useless idiot and this is a joke")
        #expect(furious.signal.emotions.frustration >= 0.9)
        let sum = furious.signal.polarity.negative + furious.signal.polarity.neutral + furious.signal.polarity.positive
        #expect(abs(sum - 1) < 1e-9)
        let plain = Self.read("I'd like to check my balance please")
        let model = Self.model.analyze("I'd like to check my balance please")
        #expect(plain.signal.emotions == model.emotions)
    }
}
