extension TextModel {
    /// How many words or phrases to name per explained output.
    static let explanationsPerOutput = 3
    /// Contributions below this (in log-odds) are not worth naming.
    static let minimumContribution: Float = 0.15

    /// The words and phrases that pushed up each detected emotion (neutral aside) and a non-neutral polarity.
    ///
    /// The model is linear, so each feature's contribution to an output's log-odds is exact: a word collects its own
    /// unigram and character n-grams; a bigram stands as a phrase of its own.
    func explanations(features: TextFeatures, values: FeatureValues, signal: TextSignal) -> [Explanation] {
        var outputs: [(index: Int, name: String)] = signal.detected.filter { $0 != .neutral }.map { emotion in
            (Emotion.allCases.firstIndex(of: emotion)!, emotion.rawValue)
        }
        let polarity = signal.polarity.label
        if polarity != .neutral {
            outputs.append((Self.polarityOffset + Polarity.allCases.firstIndex(of: polarity)!, polarity.rawValue))
        }
        guard !outputs.isEmpty else { return [] }
        let tokens = features.tokens
        var result: [Explanation] = []
        for output in outputs {
            // Units 0..<n are tokens; n..<2n-1 are bigrams starting at that token.
            var contribution = [Float](repeating: 0, count: max(0, 2 * tokens.count - 1))
            for (index, occurrence) in features.occurrences.enumerated() where occurrence.token >= 0 {
                let slot = Int(values.occurrenceSlot[index])
                let share = values.values[slot] / Float(values.counts[slot])
                let weight = Float(weights[Int(values.rows[slot]) * Self.outputCount + output.index]) * scales[output.index]
                let unit = occurrence.isBigram ? tokens.count + Int(occurrence.token) : Int(occurrence.token)
                contribution[unit] += share * weight
            }
            let best = contribution.indices.filter { contribution[$0] >= Self.minimumContribution }
                .sorted { contribution[$0] > contribution[$1] }
                .prefix(Self.explanationsPerOutput)
            for unit in best {
                let text = unit < tokens.count ? tokens[unit] : tokens[unit - tokens.count] + " " + tokens[unit - tokens.count + 1]
                result.append(Explanation(output: output.name, text: text, weight: (Double(contribution[unit]) * 1000).rounded() / 1000))
            }
        }
        return result.sorted { $0.weight > $1.weight }
    }
}
