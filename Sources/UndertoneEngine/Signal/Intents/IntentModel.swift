import Foundation

/// An intent classifier: says what a caller wants ("billing", "fraud_security", …) from what they say or type.
///
/// A linear classifier over word, word-pair and character n-gram features (see ``IntentTrainer``): one-vs-rest linear
/// SVMs or a multinomial logistic regression, whose scores a softmax with a fitted temperature turns into calibrated
/// probabilities. The answer is ``outOfScope`` when the best label's probability is below the model's threshold, when
/// none of the text's words is known, or, for a model that learned out-of-scope examples as a class of their own, when
/// that class wins. Users train their own with `undertone intents train`; the engine ships a contact-centre model
/// (``bundled()``). Immutable and `Sendable`: load once, share everywhere.
public struct IntentModel: Sendable {
    /// The intent answered when no label is likely enough.
    public static let outOfScope = "out_of_scope"

    /// The labels the model chooses between.
    public let labels: [String]
    /// The lowest confidence at which a label is named; below it the answer is ``outOfScope``.
    public let threshold: Double
    /// Scores are divided by this before the softmax (fitted on held-out data, so that probabilities mean what they say).
    public let temperature: Double
    /// Free-form facts the trainer recorded (data, settings, held-out scores).
    public let about: [String: String]

    /// The classes in the order of the weights: the labels, and ``outOfScope`` when it was learned as a class.
    let classes: [String]
    /// The position of the learned out-of-scope class in `classes`, if any.
    let outOfScopeClass: Int?
    let vocabulary: IntentVocabulary
    let linear: LinearWeights

    init(classes: [String], threshold: Double, temperature: Double, about: [String: String], vocabulary: IntentVocabulary, linear: LinearWeights) {
        self.classes = classes
        self.labels = classes.filter { $0 != Self.outOfScope }
        self.outOfScopeClass = classes.firstIndex(of: Self.outOfScope)
        self.threshold = threshold
        self.temperature = temperature
        self.about = about
        self.vocabulary = vocabulary
        self.linear = linear
    }

    /// The features the model reads from a text.
    public var featureSettings: IntentFeatureSettings { vocabulary.settings }

    /// How many features the model knows.
    public var featureCount: Int { vocabulary.count }

    /// Whether the model learned out-of-scope examples as a class of their own.
    public var learnedOutOfScope: Bool { outOfScopeClass != nil }

    /// The intent of one text, with its confidence and the `top` most likely labels.
    public func classify(_ text: String, top: Int = 3) -> IntentPrediction {
        let vector = vocabulary.vector(text)
        let probabilities = probabilities(vector)
        let answer = answer(vector, probabilities)
        let ranked: [IntentScore]
        if top <= 1 {
            ranked = top == 1 ? [IntentScore(label: classes[answer.best], probability: answer.probability)] : []
        } else {
            ranked = probabilities.indices.filter { $0 != outOfScopeClass }
                .sorted { probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1) }
                .prefix(top).map { IntentScore(label: classes[$0], probability: Double(probabilities[$0])) }
        }
        let inScope = answer.confidence >= threshold && answer.confidence > 0
        return IntentPrediction(intent: inScope ? classes[answer.best] : Self.outOfScope, confidence: answer.probability, top: ranked)
    }

    /// The best label (never the out-of-scope class) and its probability, and the confidence the threshold is
    /// compared with: that probability, or 0 when the text has no known word or the out-of-scope class wins.
    func answer(_ vector: SparseVector, _ probabilities: [Float]) -> (best: Int, probability: Double, confidence: Double) {
        var best = outOfScopeClass == 0 ? 1 : 0
        for index in probabilities.indices where index != outOfScopeClass && probabilities[index] > probabilities[best] { best = index }
        let probability = Double(probabilities[best])
        // A text none of whose words (or word pairs) the model has seen carries no evidence: nonsense and foreign
        // text share letter sequences with anything.
        guard vector.knownWords > 0 else { return (best, probability, 0) }
        if let outOfScopeClass, probabilities[outOfScopeClass] > probabilities[best] { return (best, probability, 0) }
        return (best, probability, probability)
    }

    /// Calibrated probabilities of every label for one vector, in the order of ``labels``.
    func probabilities(_ vector: SparseVector) -> [Float] {
        var values = linear.scores(vector)
        let inverse = Float(1 / temperature)
        for index in values.indices { values[index] *= inverse }
        LinearWeights.softmax(&values)
        return values
    }

    /// The model shipped in the engine's resources: contact-centre intents (billing, technical, delivery, …).
    public static func bundled() throws(IntentModelError) -> IntentModel {
        guard let url = Bundle.module.url(forResource: "intent-model", withExtension: "uti") else {
            throw .unreadable("intent-model.uti", "not found in the engine's resources")
        }
        return try IntentModel(contentsOf: url)
    }

    private static let bundledResult = Result<IntentModel, IntentModelError> { () throws(IntentModelError) -> IntentModel in try bundled() }

    /// The shipped contact-centre model, loaded on first use and shared.
    public static var `default`: IntentModel {
        get throws(IntentModelError) { try bundledResult.get() }
    }
}
