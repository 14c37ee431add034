/// What an intent model makes of one text.
public struct IntentPrediction: Sendable, Equatable {
    /// The most likely label, or ``IntentModel/outOfScope`` when the model is not confident enough in any.
    public var intent: String
    /// The probability of the most likely label (also when the answer is out of scope), in [0, 1].
    public var confidence: Double
    /// The most likely labels with their probabilities, best first (never contains out of scope).
    public var top: [IntentScore]

    public init(intent: String, confidence: Double, top: [IntentScore]) {
        self.intent = intent
        self.confidence = confidence
        self.top = top
    }

    /// Whether the model declined to name an intent.
    public var isOutOfScope: Bool { intent == IntentModel.outOfScope }
}

/// One label and its probability.
public struct IntentScore: Sendable, Equatable {
    public var label: String
    public var probability: Double

    public init(label: String, probability: Double) {
        self.label = label
        self.probability = probability
    }
}
