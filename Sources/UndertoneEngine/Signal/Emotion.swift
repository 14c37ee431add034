/// Undertone's fixed emotion taxonomy (see DESIGN.md): what a customer turn can carry, multi-label.
public enum Emotion: String, CaseIterable, Codable, Sendable, Hashable {
    case frustration, confusion, anxiety, sadness, satisfaction, neutral
}

/// Overall polarity of a turn: exactly one of the three, with probabilities summing to one.
public enum Polarity: String, CaseIterable, Codable, Sendable, Hashable {
    case negative, neutral, positive
}

/// One probability per emotion, each in [0, 1] and independent of the others (multi-label).
public struct EmotionScores: Sendable, Equatable, Codable {
    public var frustration: Double
    public var confusion: Double
    public var anxiety: Double
    public var sadness: Double
    public var satisfaction: Double
    public var neutral: Double

    public init(
        frustration: Double = 0, confusion: Double = 0, anxiety: Double = 0, sadness: Double = 0, satisfaction: Double = 0, neutral: Double = 0
    ) {
        self.frustration = frustration
        self.confusion = confusion
        self.anxiety = anxiety
        self.sadness = sadness
        self.satisfaction = satisfaction
        self.neutral = neutral
    }

    public subscript(emotion: Emotion) -> Double {
        get {
            switch emotion {
            case .frustration: frustration
            case .confusion: confusion
            case .anxiety: anxiety
            case .sadness: sadness
            case .satisfaction: satisfaction
            case .neutral: neutral
            }
        }
        set {
            switch emotion {
            case .frustration: frustration = newValue
            case .confusion: confusion = newValue
            case .anxiety: anxiety = newValue
            case .sadness: sadness = newValue
            case .satisfaction: satisfaction = newValue
            case .neutral: neutral = newValue
            }
        }
    }
}

/// Probabilities of the three polarities; they sum to one.
public struct PolarityScores: Sendable, Equatable, Codable {
    public var negative: Double
    public var neutral: Double
    public var positive: Double

    public init(negative: Double, neutral: Double, positive: Double) {
        self.negative = negative
        self.neutral = neutral
        self.positive = positive
    }

    public subscript(polarity: Polarity) -> Double {
        switch polarity {
        case .negative: negative
        case .neutral: neutral
        case .positive: positive
        }
    }

    /// The most probable polarity.
    public var label: Polarity {
        Polarity.allCases.max { self[$0] < self[$1] }!
    }
}

/// A word or phrase of the text and how much it pushed one output up (log-odds units).
public struct Explanation: Sendable, Equatable, Codable {
    /// An emotion name, or `"negative"`/`"positive"` for polarity.
    public var output: String
    public var text: String
    public var weight: Double

    public init(output: String, text: String, weight: Double) {
        self.output = output
        self.text = text
        self.weight = weight
    }
}

/// What the text model hears in one text.
public struct TextSignal: Sendable, Equatable {
    public var emotions: EmotionScores
    public var polarity: PolarityScores
    /// Emotions at or above the model's decision threshold.
    public var detected: [Emotion]
    /// The words and phrases that drove the detected emotions and the polarity, strongest first.
    public var explanations: [Explanation]

    public init(emotions: EmotionScores, polarity: PolarityScores, detected: [Emotion], explanations: [Explanation]) {
        self.emotions = emotions
        self.polarity = polarity
        self.detected = detected
        self.explanations = explanations
    }
}
