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
        var outputs: [(index: Int, name: String)] = []
        for (index, emotion) in Emotion.allCases.enumerated() where emotion != .neutral && signal.detected.contains(emotion) {
            outputs.append((index, emotion.rawValue))
        }
        // `detected` lists emotions in the model's order: the loop above keeps it.
        let polarity = signal.polarity.label
        if polarity != .neutral {
            outputs.append((Self.polarityOffset + Polarity.allCases.firstIndex(of: polarity)!, polarity.rawValue))
        }
        guard !outputs.isEmpty else { return [] }
        let tokens = features.tokens
        var result: [Explanation] = []
        // Units 0..<n are tokens; n..<2n-1 are bigrams starting at that token. One buffer for every output.
        var contribution = [Float](repeating: 0, count: max(0, 2 * tokens.count - 1))
        for (position, output) in outputs.enumerated() {
            if position > 0 { for unit in contribution.indices { contribution[unit] = 0 } }
            for (index, occurrence) in features.occurrences.enumerated() where occurrence.token >= 0 {
                let slot = Int(values.occurrenceSlot[index])
                let share = values.values[slot] / Float(values.counts[slot])
                let weight = Float(weights[Int(values.rows[slot]) * Self.outputCount + output.index]) * scales[output.index]
                let unit = occurrence.isBigram ? tokens.count + Int(occurrence.token) : Int(occurrence.token)
                contribution[unit] += share * weight
            }
            // The strongest units worth naming, the stronger first and, between equals, the earlier (as a stable sort
            // of them would put them).
            var best: [Int] = []
            for unit in contribution.indices where contribution[unit] >= Self.minimumContribution {
                var place = best.count
                while place > 0, contribution[best[place - 1]] < contribution[unit] { place -= 1 }
                guard place < Self.explanationsPerOutput else { continue }
                best.insert(unit, at: place)
                if best.count > Self.explanationsPerOutput { best.removeLast() }
            }
            for unit in best {
                let text = unit < tokens.count ? tokens[unit] : tokens[unit - tokens.count] + " " + tokens[unit - tokens.count + 1]
                result.append(Explanation(output: output.name, text: text, weight: (Double(contribution[unit]) * 1000).rounded() / 1000))
            }
        }
        result.sort { $0.weight > $1.weight }
        return result
    }
}
