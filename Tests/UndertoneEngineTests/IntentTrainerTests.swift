import Foundation
import Testing

@testable import UndertoneEngine

/// A small synthetic set: three intents, each phrased from its own words in many combinations.
enum SyntheticIntents {
    static let topics: [(label: String, openers: [String], objects: [String])] = [
        (
            "weather", ["will it rain", "what is the forecast", "how cold is it", "is it sunny", "will there be snow"],
            ["tomorrow", "this weekend", "in london", "tonight", "on monday", "next week", "in the morning", "at the coast"]
        ),
        (
            "music", ["play some", "put on", "i want to hear", "turn on", "shuffle my"],
            ["jazz", "rock songs", "my playlist", "the new album", "classical music", "radio one", "some guitar", "chill beats"]
        ),
        (
            "food", ["order a", "i am hungry for", "find me a", "book a table for", "deliver a"],
            ["pizza", "curry", "burger", "sushi dinner", "vegan lunch", "noodle soup", "sandwich", "salad bowl"]
        ),
    ]

    static var examples: [IntentExample] {
        topics.flatMap { topic in
            topic.openers.flatMap { opener in topic.objects.map { IntentExample(text: "\(opener) \($0)", label: topic.label) } }
        }
    }

    static var options: IntentTrainingOptions {
        var options = IntentTrainingOptions()
        options.epochs = 8
        return options
    }
}

@Suite("Intent trainer")
struct IntentTrainerTests {
    static let trained = try! IntentTrainer.train(SyntheticIntents.examples, options: SyntheticIntents.options)

    @Test(
        "training on a small synthetic set separates its labels, also for unseen phrasings",
        arguments: [
            ("is it going to rain on friday", "weather"),
            ("could you play rock songs", "music"),
            ("i would like to order a pizza", "food"),
            ("what's the forecast for the weekend?", "weather"),
        ])
    func separatesLabels(text: String, expected: String) {
        let prediction = Self.trained.model.classify(text)
        #expect(prediction.intent == expected, "\(text): \(prediction)")
        #expect(prediction.top.first?.label == expected)
    }

    @Test("probabilities are ordered, in [0, 1], and the top list is as long as asked")
    func topList() {
        let prediction = Self.trained.model.classify("play jazz", top: 3)
        #expect(prediction.top.count == 3)
        #expect(zip(prediction.top, prediction.top.dropFirst()).allSatisfy { $0.probability >= $1.probability })
        #expect(prediction.top.allSatisfy { (0...1).contains($0.probability) })
        #expect(abs(prediction.top.map(\.probability).reduce(0, +) - 1) < 1e-4)
        #expect(prediction.confidence == prediction.top[0].probability)
        #expect(Self.trained.model.classify("play jazz", top: 1).top.count == 1)
    }

    @Test("the report counts the examples and holds some out")
    func report() {
        let report = Self.trained.report
        #expect(report.labels == 3)
        #expect(report.examples == SyntheticIntents.examples.count)
        #expect(report.heldOutExamples > 0)
        #expect((report.heldOutAccuracy ?? 0) > 0.8)
        #expect(report.features == Self.trained.model.featureCount)
    }

    @Test("nonsense and empty texts are out of scope")
    func outOfScope() {
        for text in ["", "   ", "zzqx vrpl kwyj", "!!! ???", "12345"] {
            let prediction = Self.trained.model.classify(text)
            #expect(prediction.isOutOfScope, "\(text): \(prediction)")
            #expect(prediction.intent == IntentModel.outOfScope)
        }
    }

    @Test("out-of-scope examples tune the threshold and are never learned as a label")
    func outOfScopeExamples() throws {
        let outside = ["tell me a joke", "how old are you", "what is the meaning of life", "who made you", "flip a coin", "roll a dice"]
        let examples = SyntheticIntents.examples + outside.map { IntentExample(text: $0, label: "oos") }
        let (model, report) = try IntentTrainer.train(examples, options: SyntheticIntents.options)
        #expect(!model.labels.contains("oos"))
        #expect(report.outOfScopeExamples == outside.count)
        #expect(report.outOfScopeRecall != nil)
    }

    @Test("a 30-example model with out-of-scope examples refuses a question from outside, and learns a threshold below 1")
    func smallModelRefusesOutside() throws {
        let topics: [(label: String, texts: [String])] = [
            (
                "card_lost",
                [
                    "i lost my card", "my card is missing", "cant find my debit card", "card was stolen", "someone took my card",
                    "i dropped my card somewhere", "my credit card is gone", "where is my card i lost it",
                ]
            ),
            (
                "balance",
                [
                    "what is my balance", "how much money do i have", "check my account balance", "show my balance please",
                    "how much is in my account", "balance of my savings", "tell me my current balance", "what do i have left",
                ]
            ),
            (
                "transfer",
                [
                    "send money to my friend", "transfer fifty pounds", "move money to savings", "make a payment to john",
                    "pay my landlord", "wire money abroad", "transfer between my accounts", "send cash to my sister",
                ]
            ),
        ]
        let outside = [
            "tell me a joke", "who won the football", "play some music", "what time is it in tokyo", "book a table for two",
            "how tall is everest",
        ]
        let examples =
            topics.flatMap { topic in topic.texts.map { IntentExample(text: $0, label: topic.label) } }
            + outside.map { IntentExample(text: $0, label: "oos") }
        #expect(examples.count == 30)
        let (model, report) = try IntentTrainer.train(examples)
        #expect(report.threshold < 1, "threshold \(report.threshold)")
        #expect((report.outOfScopeRecall ?? 0) > 0, "out-of-scope recall \(report.outOfScopeRecall ?? -1)")
        let weather = model.classify("what is the weather like in paris")
        #expect(weather.isOutOfScope, "\(weather)")
        #expect(weather.confidence < 0.99)
        for (text, label) in [("i think my card has been stolen", "card_lost"), ("how much money is in my account", "balance")] {
            #expect(model.classify(text).intent == label, "\(text): \(model.classify(text))")
        }
    }

    @Test("without out-of-scope examples the threshold turns away at most the allowed share of held-out in-scope texts")
    func refusalBudget() {
        let answers = (0..<200).map { IntentCalibration.Answer(confidence: Double($0) / 200, correct: $0 % 3 != 0) }
        let strict = IntentCalibration.threshold(inScope: answers, outOfScope: [], maximumInScopeRefusal: 0.01)
        #expect(answers.filter { $0.confidence < strict }.count <= 2)
        let loose = IntentCalibration.threshold(inScope: answers, outOfScope: [], maximumInScopeRefusal: 1)
        #expect(loose >= strict)
    }

    @Test("out-of-scope examples learned as a class: a text that class wins is out of scope, and never listed in top")
    func learnedOutOfScope() throws {
        let outside = ["tell me a joke", "how old are you", "what is the meaning of life", "who made you", "flip a coin", "roll a dice"]
        let examples = SyntheticIntents.examples + (outside + outside.map { "please \($0)" }).map { IntentExample(text: $0, label: "oos") }
        var options = SyntheticIntents.options
        options.learnOutOfScope = true
        let (model, report) = try IntentTrainer.train(examples, options: options)
        #expect(model.learnedOutOfScope)
        #expect(model.labels == ["food", "music", "weather"])
        #expect(report.labels == 3)
        let joke = model.classify("tell me a joke please", top: 5)
        #expect(joke.isOutOfScope, "\(joke)")
        #expect(joke.top.count == 3)
        #expect(!joke.top.contains { $0.label == IntentModel.outOfScope })
        #expect(model.classify("play some jazz").intent == "music")
        let loaded = try IntentModel(data: model.serialized())
        #expect(loaded.learnedOutOfScope)
        #expect(loaded.classify("tell me a joke please", top: 5) == joke)
    }

    @Test("the same data and options give the same model, byte for byte")
    func deterministic() throws {
        let again = try IntentTrainer.train(SyntheticIntents.examples, options: SyntheticIntents.options)
        #expect(again.model.serialized() == Self.trained.model.serialized())
    }

    @Test("training needs two labels and sane options")
    func trainingErrors() {
        #expect(throws: IntentTrainingError.tooFewLabels(1)) {
            try IntentTrainer.train([IntentExample(text: "a", label: "x"), IntentExample(text: "b", label: "x")])
        }
        var options = IntentTrainingOptions()
        options.epochs = 0
        #expect(throws: IntentTrainingError.self) { try IntentTrainer.train(SyntheticIntents.examples, options: options) }
    }

    @Test("a fixed threshold is kept as given")
    func fixedThreshold() throws {
        var options = SyntheticIntents.options
        options.threshold = 0.99
        let (model, _) = try IntentTrainer.train(SyntheticIntents.examples, options: options)
        #expect(model.threshold == 0.99)
        #expect(model.classify("play jazz").isOutOfScope || model.classify("play jazz").confidence >= 0.99)
    }

    @Test("a stratified split holds out a share of every label, the same way for the same seed")
    func split() {
        let examples = SyntheticIntents.examples
        let (train, heldOut) = IntentData.split(examples, heldOutFraction: 0.2, seed: 7)
        #expect(train.count + heldOut.count == examples.count)
        #expect(Set(heldOut.map(\.label)) == ["weather", "music", "food"])
        #expect(heldOut.filter { $0.label == "music" }.count == 8)
        let again = IntentData.split(examples, heldOutFraction: 0.2, seed: 7)
        #expect(again.heldOut == heldOut)
        #expect(IntentData.split(examples, heldOutFraction: 0.2, seed: 8).heldOut != heldOut)
    }

    @Test("text normalisation: case, apostrophes, punctuation, digits and fillers")
    func normalisation() {
        let tokens = IntentText.tokens("Um, I've been CHARGED £25 twice!! uh").map { String(decoding: $0, as: UTF8.self) }
        #expect(tokens == ["ive", "been", "charged", "00", "twice"])
        #expect(IntentText.tokens("Café’s ÜBER").map { String(decoding: $0, as: UTF8.self) } == ["cafés", "über"])
    }
}
