import Foundation

/// An intent classifier: says what a caller wants ("billing", "fraud_security", …) from what they say or type.
///
/// A linear classifier over word, word-pair and character n-gram features (see ``IntentTrainer``): one-vs-rest linear
/// SVMs or a multinomial logistic regression, whose scores a softmax with a fitted temperature turns into calibrated
/// probabilities, and a confidence threshold below which the answer is ``outOfScope``. Users train their own with `undertone intents train`; the engine ships a contact-centre model
/// (``bundled()``). Immutable and `Sendable`: load once, share everywhere.
public struct IntentModel: Sendable {
    /// The intent answered when no label is likely enough.
    public static let outOfScope = "out_of_scope"

    /// The labels the model chooses between, in the order of its weights.
    public let labels: [String]
    /// The lowest confidence at which a label is named; below it the answer is ``outOfScope``.
    public let threshold: Double
    /// Scores are divided by this before the softmax (fitted on held-out data, so that probabilities mean what they say).
    public let temperature: Double
    /// Free-form facts the trainer recorded (data, settings, held-out scores).
    public let about: [String: String]

    let vocabulary: IntentVocabulary
    let linear: LinearWeights

    init(labels: [String], threshold: Double, temperature: Double, about: [String: String], vocabulary: IntentVocabulary, linear: LinearWeights) {
        self.labels = labels
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

    /// The intent of one text, with its confidence and the `top` most likely labels.
    public func classify(_ text: String, top: Int = 3) -> IntentPrediction {
        let vector = vocabulary.vector(text)
        let probabilities = probabilities(vector)
        var best = 0
        for index in probabilities.indices where probabilities[index] > probabilities[best] { best = index }
        let confidence = Double(probabilities[best])
        let ranked: [IntentScore]
        if top <= 1 {
            ranked = top == 1 ? [IntentScore(label: labels[best], probability: confidence)] : []
        } else {
            ranked = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1) }
                .prefix(top).map { IntentScore(label: labels[$0], probability: Double(probabilities[$0])) }
        }
        let inScope = Self.hasEvidence(vector) && confidence >= threshold
        return IntentPrediction(intent: inScope ? labels[best] : Self.outOfScope, confidence: confidence, top: ranked)
    }

    /// A text none of whose words (or word pairs) the model has seen is out of scope whatever its character n-grams
    /// suggest: nonsense and foreign text share letter sequences with anything.
    static func hasEvidence(_ vector: SparseVector) -> Bool { vector.knownWords > 0 }

    /// The confidence the threshold is compared with: the best probability, or 0 for a text without evidence.
    func effectiveConfidence(_ vector: SparseVector) -> Double {
        guard Self.hasEvidence(vector) else { return 0 }
        return Double(probabilities(vector).max() ?? 0)
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
