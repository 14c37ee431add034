extension TextModel {
    /// Turns longer than this many words are also read in windows.
    static let windowWords = 10
    static let windowStride = 5

    /// Emotions that a single strong phrase inside a long turn should be able to raise.
    static let pooledEmotions: [Emotion] = [.frustration, .confusion, .anxiety, .sadness]

    /// One conversational turn. A tf-idf model dilutes one strong phrase ("im terrified its all gone") among many calm
    /// words, so a long turn is also read in overlapping windows of ten words, and each negative emotion takes the
    /// strongest of the whole and its windows; satisfaction, neutral and polarity stay those of the whole turn.
    public func analyzeTurn(_ text: String) -> TextSignal {
        let features = TextFeatures(text, bits: bits)
        var whole = analyze(features, explain: true)
        let words = features.tokens
        guard words.count > Self.windowWords + Self.windowStride / 2 else { return whole }
        var strongest: [Emotion: (probability: Double, window: String)] = [:]
        var start = 0
        while start < words.count {
            let window = words[start..<min(words.count, start + Self.windowWords)].joined(separator: " ")
            let reading = analyze(window, explain: false)
            for emotion in Self.pooledEmotions where reading.emotions[emotion] > max(whole.emotions[emotion], strongest[emotion]?.probability ?? 0) {
                strongest[emotion] = (reading.emotions[emotion], window)
            }
            if start + Self.windowWords >= words.count { break }
            start += Self.windowStride
        }
        for emotion in Self.pooledEmotions {
            guard let best = strongest[emotion] else { continue }
            whole.emotions[emotion] = best.probability
            if best.probability >= thresholds[emotion], !whole.detected.contains(emotion) {
                whole.detected.append(emotion)
                whole.explanations += analyze(best.window).explanations.filter { $0.output == emotion.rawValue }
            }
        }
        whole.detected.sort { Emotion.allCases.firstIndex(of: $0)! < Emotion.allCases.firstIndex(of: $1)! }
        return whole
    }
}
