/// Everything the engine hears in one final turn: the text model's reading, the explicit cues, and the turn's stress.
public struct TurnSignal: Sendable, Equatable, Codable {
    public var callID: String
    public var utteranceID: String
    public var speaker: SpeakerRole
    /// Event time of the turn (milliseconds since the call started).
    public var at: Int
    public var emotions: EmotionScores
    public var polarity: PolarityScores
    public var cues: [Cue]
    public var explanations: [Explanation]
    /// This turn's stress in 0...1 (see ``Stress``).
    public var stress: Double
    /// The speaker's smoothed stress after this turn.
    public var smoothedStress: Double
    /// Slope of the smoothed stress per turn over the policy's trend window (customer turns; 0 for the agent).
    public var trend: Double
    /// The call's intent as the engine reads it after this turn (customer turns; nil until an intent model names one).
    /// Left out of the JSON when nil, so logs written before it read the same.
    public var intent: CallIntent? = nil
    /// The language the words were read in, as a primary subtag ("en", "es", "fr"); a turn in a language the engine has
    /// no model for carries an `unsupported_language` cue instead of a reading. Nil in logs written before it.
    public var language: String? = nil
}

/// What the caller wants, as the intent model reads it from their latest turns (``CallAnalyzer/intent``).
public struct CallIntent: Sendable, Equatable, Codable {
    /// The intent model's label (`billing`, `technical`, …); never out of scope.
    public var label: String
    /// The model's probability for it, in [0, 1].
    public var confidence: Double

    public init(label: String, confidence: Double) {
        self.label = label
        self.confidence = confidence
    }
}

/// How upset a turn sounds, in 0...1: one number a policy can hold thresholds on.
///
/// A noisy-or of the emotions, weighted by how much each calls for help: frustration fully, anxiety 0.8, sadness 0.5,
/// confusion 0.35; cues lift it to their `angerFloor` (abuse at the agent 0.9, swearing or named anger 0.6, sarcasm 0.5),
/// since words the model may not know, or reads the wrong way round, make the anger plain.
public enum Stress {
    static let weights: [(Emotion, Double)] = [(.frustration, 1.0), (.anxiety, 0.8), (.sadness, 0.5), (.confusion, 0.35)]

    public static func of(_ emotions: EmotionScores, cues: [Cue]) -> Double {
        noisyOr(emotions, weights, cues: cues)
    }

    /// How unhappy with the service a turn sounds, for ``ConversationFlow``: the same noisy-or with anxiety at 0.3, since
    /// a worried patient or a customer fearing fraud is not a conversation going wrong.
    public static func dissatisfaction(_ emotions: EmotionScores, cues: [Cue]) -> Double {
        noisyOr(emotions, [(.frustration, 1.0), (.anxiety, 0.3), (.sadness, 0.5), (.confusion, 0.35)], cues: cues)
    }

    static func noisyOr(_ emotions: EmotionScores, _ weights: [(Emotion, Double)], cues: [Cue]) -> Double {
        var calm = 1.0
        for (emotion, weight) in weights { calm *= 1 - weight * emotions[emotion] }
        return min(1, max(1 - calm, angerFloor(cues)))
    }

    /// The least frustration (and stress) a turn's cues make plain, whatever the model read: abuse 0.9; swearing and
    /// anger the customer names ("I'm furious") 0.6; sarcasm 0.5. 0 when there is none.
    public static func angerFloor(_ cues: [Cue]) -> Double {
        cues.reduce(0) { floor, cue in
            switch cue.kind {
            case .abuse: max(floor, 0.9)
            case .profanity, .statedAnger: max(floor, 0.6)
            case .sarcasm: max(floor, 0.5)
            default: floor
            }
        }
    }
}
