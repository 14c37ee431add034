import Foundation

/// One scored recording: its actor, whether it should rank high, and the cues' z-scores against the actor's baseline.
public struct VoiceSample: Sendable, Equatable {
    public var actor: Int
    public var positive: Bool
    public var scores: [VoiceCue: Double]

    public init(actor: Int, positive: Bool, scores: [VoiceCue: Double]) {
        self.actor = actor
        self.positive = positive
        self.scores = scores
    }
}

/// Ranking quality of vocal arousal, and the tuning of its weights.
public enum VoiceEvaluation {
    /// Area under the ROC curve: the chance that a random positive scores above a random negative (ties count half).
    public static func auc(positives: [Double], negatives: [Double]) -> Double {
        guard !positives.isEmpty, !negatives.isEmpty else { return .nan }
        let sortedNegatives = negatives.sorted()
        var wins = 0.0
        for value in positives {
            let below = lowerBound(sortedNegatives, value)
            let notAbove = upperBound(sortedNegatives, value)
            wins += Double(below) + 0.5 * Double(notAbove - below)
        }
        return wins / Double(positives.count * negatives.count)
    }

    /// AUC of a score over samples.
    public static func auc(_ samples: [VoiceSample], score: (VoiceSample) -> Double) -> Double {
        auc(positives: samples.filter(\.positive).map(score), negatives: samples.filter { !$0.positive }.map(score))
    }

    /// The logit of the shipped weights.
    public static func logit(_ sample: VoiceSample, weights: [VoiceCue: Double] = VocalArousal.weights, bias: Double = VocalArousal.bias) -> Double {
        VoiceCue.allCases.reduce(bias) { $0 + (weights[$1] ?? 0) * (sample.scores[$1] ?? 0) }
    }

    /// Logistic regression by gradient descent on the mean log-loss plus `penalty`·Σw²/(2n), the weights kept at zero or
    /// above; deterministic (starts from zero, fixed steps).
    public static func fit(_ samples: [VoiceSample], cues: [VoiceCue] = VoiceCue.allCases, penalty: Double = 1, steps: Int = 20_000)
        -> (weights: [VoiceCue: Double], bias: Double)
    {
        let count = Double(samples.count)
        guard count > 0 else { return ([:], 0) }
        let rows = samples.map { sample in cues.map { sample.scores[$0] ?? 0 } }
        let labels = samples.map { $0.positive ? 1.0 : 0.0 }
        var weights = [Double](repeating: 0, count: cues.count)
        var bias = 0.0
        let rate = 0.05
        for _ in 0..<steps {
            var gradient = [Double](repeating: 0, count: cues.count)
            var biasGradient = 0.0
            for (row, label) in zip(rows, labels) {
                var logit = bias
                for index in row.indices { logit += weights[index] * row[index] }
                let error = 1 / (1 + exp(-logit)) - label
                biasGradient += error
                for index in row.indices { gradient[index] += error * row[index] }
            }
            bias -= rate * biasGradient / count
            for index in weights.indices {
                weights[index] = max(0, weights[index] - rate * (gradient[index] + penalty * weights[index]) / count)
            }
        }
        return (Dictionary(uniqueKeysWithValues: zip(cues, weights)), bias)
    }

    /// Leave-one-actor-out: each actor scored by weights fitted on the others. Returns the held-out logits in sample order.
    public static func crossValidated(_ samples: [VoiceSample], cues: [VoiceCue] = VoiceCue.allCases, penalty: Double = 1) -> [Double] {
        var logits = [Double](repeating: 0, count: samples.count)
        for actor in Set(samples.map(\.actor)).sorted() {
            let (weights, bias) = fit(samples.filter { $0.actor != actor }, cues: cues, penalty: penalty)
            for (index, sample) in samples.enumerated() where sample.actor == actor { logits[index] = logit(sample, weights: weights, bias: bias) }
        }
        return logits
    }

    private static func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func upperBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
