import Foundation

/// Fits the two numbers that turn trained linear scores into a usable classifier, on data it was not trained on: the
/// temperature that makes its probabilities honest, and the confidence threshold below which it says out of scope.
enum IntentCalibration {
    /// The temperature minimising the negative log-likelihood of the true labels (golden-section search over ln T).
    static func temperature(scores: [[Float]], labels: [Int]) -> Double {
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
    /// wrong, so the threshold sits where the model's answers start being more often wrong than right. The threshold
    /// lies halfway between the two confidences it separates.
    static func threshold(inScope: [Answer], outOfScope: [Double], outOfScopeWeight: Double = 1) -> Double {
        enum Kind { case correct, wrong, outside }
        let points = (inScope.map { ($0.confidence, $0.correct ? Kind.correct : Kind.wrong) } + outOfScope.map { ($0, Kind.outside) })
            .sorted { $0.0 < $1.0 }
        guard !points.isEmpty else { return 0 }
        let refusingWrongCounts = outOfScope.isEmpty
        // Threshold below every point: everything answered.
        var score = Double(inScope.filter(\.correct).count)
        var bestScore = score
        var best = 0.0
        var index = 0
        while index < points.count {
            let confidence = points[index].0
            while index < points.count, points[index].0 == confidence {
                switch points[index].1 {
                case .correct: score -= 1
                case .wrong: if refusingWrongCounts { score += 1 }
                case .outside: score += outOfScopeWeight
                }
                index += 1
            }
            if score > bestScore + 1e-9 {
                bestScore = score
                best = index < points.count ? (confidence + points[index].0) / 2 : min(1, confidence + 1e-6)
            }
        }
        return best
    }
}
