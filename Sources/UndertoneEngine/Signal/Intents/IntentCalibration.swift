import Foundation

/// Fits the two numbers that turn trained linear scores into a usable classifier, on data it was not trained on: the
/// temperature that makes its probabilities honest, and the confidence threshold below which it says out of scope.
enum IntentCalibration {
    /// The temperature minimising the negative log-likelihood of the true labels (golden-section search over ln T).
    ///
    /// Out-of-scope examples (`outOfScope`, their scores) have no true label: what is honest for them is not knowing, so
    /// each adds the cross-entropy of its probabilities against the uniform distribution. Without them a model whose
    /// held-out answers are all right drifts to the smallest temperature, and every text — a question about the
    /// weather put to a banking model too — gets a probability of 1.
    static func temperature(scores: [[Float]], labels: [Int], outOfScope: [[Float]] = []) -> Double {
        guard !scores.isEmpty else { return 1 }
        func loss(_ logTemperature: Double) -> Double {
            let inverse = exp(-logTemperature)
            var total = 0.0
            for (row, label) in zip(scores, labels) {
                let scaled = row.map { Double($0) * inverse }
                let top = scaled.max() ?? 0
                let sum = scaled.reduce(0) { $0 + exp($1 - top) }
                total += log(sum) + top - scaled[label]
            }
            for row in outOfScope {
                let scaled = row.map { Double($0) * inverse }
                let top = scaled.max() ?? 0
                let sum = scaled.reduce(0) { $0 + exp($1 - top) }
                total += log(sum) + top - scaled.reduce(0, +) / Double(max(1, scaled.count))
            }
            return total
        }
        // SVM margins are small numbers, so the useful range reaches well below 1.
        var low = log(0.01)
        var high = log(100.0)
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = high - ratio * (high - low)
        var b = low + ratio * (high - low)
        var lossA = loss(a)
        var lossB = loss(b)
        for _ in 0..<40 {
            if lossA < lossB {
                high = b
                b = a
                lossB = lossA
                a = high - ratio * (high - low)
                lossA = loss(a)
            } else {
                low = a
                a = b
                lossA = lossB
                b = low + ratio * (high - low)
                lossB = loss(b)
            }
        }
        return exp((low + high) / 2)
    }

    /// One held-out in-scope answer: the model's confidence and whether its best label was right.
    struct Answer {
        var confidence: Double
        var correct: Bool
    }

    /// The confidence threshold that answers the held-out data best.
    ///
    /// With out-of-scope examples, "best" is the accuracy over all of them together, as CLINC150 scores it: an in-scope
    /// text is right only when its label is named and correct, an out-of-scope one only when it is refused (each
    /// out-of-scope example counting `outOfScopeWeight` times). Without them, refusing is right when the best label was
    /// wrong, so the threshold sits where the model's answers start being more often wrong than right, but refuses no
    /// more than `maximumInScopeRefusal` of the in-scope texts: with nothing to learn the outside from, turning away
    /// questions it was trained to answer costs more than the few wrong answers it saves. The threshold lies halfway
    /// between the two confidences it separates.
    static func threshold(inScope: [Answer], outOfScope: [Double], outOfScopeWeight: Double = 1, maximumInScopeRefusal: Double = 1) -> Double {
        enum Kind { case correct, wrong, outside }
        let points = (inScope.map { ($0.confidence, $0.correct ? Kind.correct : Kind.wrong) } + outOfScope.map { ($0, Kind.outside) })
            .sorted { $0.0 < $1.0 }
        guard !points.isEmpty else { return 0 }
        let refusingWrongCounts = outOfScope.isEmpty
        // Threshold below every point: everything answered.
        var score = Double(inScope.filter(\.correct).count)
        var bestScore = score
        var best = 0.0
        let refusable = refusingWrongCounts ? Int((Double(inScope.count) * maximumInScopeRefusal).rounded(.down)) : inScope.count
        var refused = 0
        var index = 0
        while index < points.count {
            let confidence = points[index].0
            while index < points.count, points[index].0 == confidence {
                switch points[index].1 {
                case .correct: score -= 1
                case .wrong: if refusingWrongCounts { score += 1 }
                case .outside: score += outOfScopeWeight
                }
                if points[index].1 != .outside { refused += 1 }
                index += 1
            }
            if refused > refusable { break }
            if score > bestScore + 1e-9 {
                bestScore = score
                best = index < points.count ? (confidence + points[index].0) / 2 : min(1, confidence + 1e-6)
            }
        }
        return best
    }
}
