extension TurnReading {
    /// A turn in a language the engine has no model for (`language`, a primary subtag): no emotion is read and polarity
    /// is left undecided, since a model of another language would only guess; the `unsupported_language` cue names the
    /// language, so that the wall, the hand-off and a policy can act on it rather than take the silence for calm.
    public init(unreadIn language: String) {
        signal = TextSignal(
            emotions: EmotionScores(), polarity: PolarityScores(negative: 1.0 / 3, neutral: 1.0 / 3, positive: 1.0 / 3), detected: [],
            explanations: [])
        cues = [Cue(kind: .unsupportedLanguage, text: language)]
    }
}
