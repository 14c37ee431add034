extension TextModel {
    /// Turns longer than this many words are also read in windows.
    static let windowWords = 10
    static let windowStride = 5

    /// Emotions that a single strong phrase inside a long turn should be able to raise.
    static let pooledEmotions: [Emotion] = [.frustration, .confusion, .anxiety, .sadness]

    /// One conversational turn. A tf-idf model dilutes one strong phrase ("im terrified its all gone") among many calm
    /// words, so a turn is also read in parts: each sentence of a written turn (chat and e-mail come punctuated: "This
    /// is really not good enough."), and overlapping windows of ten words of a long one (speech comes without
    /// punctuation). Each negative emotion takes the strongest of the whole and its parts; satisfaction, neutral and
    /// polarity stay those of the whole turn.
    public func analyzeTurn(_ text: String) -> TextSignal {
        let features = features(text)
        var whole = analyze(features, explain: true)
        let parts = Self.sentences(of: text) + Self.windows(of: features.tokens)
        guard !parts.isEmpty else { return whole }
        var strongest: [Emotion: (probability: Double, part: String)] = [:]
        for part in parts {
            let reading = analyze(part, explain: false)
            for emotion in Self.pooledEmotions where reading.emotions[emotion] > max(whole.emotions[emotion], strongest[emotion]?.probability ?? 0) {
                strongest[emotion] = (reading.emotions[emotion], part)
            }
        }
        for emotion in Self.pooledEmotions {
            guard let best = strongest[emotion] else { continue }
            whole.emotions[emotion] = best.probability
            if best.probability >= thresholds[emotion], !whole.detected.contains(emotion) {
                whole.detected.append(emotion)
                whole.explanations += analyze(best.part).explanations.filter { $0.output == emotion.rawValue }
            }
        }
        whole.detected.sort { Emotion.allCases.firstIndex(of: $0)! < Emotion.allCases.firstIndex(of: $1)! }
        return whole
    }

    /// The sentences of a punctuated turn that has more than one, each of three words or more.
    static func sentences(of text: String) -> [String] {
        // Most turns (every recogniser's) have no punctuation: one sentence at most, so none.
        guard text.utf8.contains(where: { $0 == 0x2E || $0 == 0x21 || $0 == 0x3F || $0 == 0x3B || $0 == 0x0A }) else { return [] }
        let sentences = text.split(whereSeparator: { ".!?;\n".contains($0) }).map { String($0) }
        guard sentences.count > 1 else { return [] }
        return sentences.filter { $0.split(separator: " ").count >= 3 }
    }

    /// Overlapping ten-word windows of a long turn's words; none for a short one.
    static func windows(of words: [String]) -> [String] {
        guard words.count > windowWords + windowStride / 2 else { return [] }
        var windows: [String] = []
        var start = 0
        while start < words.count {
            windows.append(words[start..<min(words.count, start + windowWords)].joined(separator: " "))
            if start + windowWords >= words.count { break }
            start += windowStride
        }
        return windows
    }
}
