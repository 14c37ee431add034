import Foundation

/// A linear classifier's parameters: one weight per (feature, label) and one bias per label. Both trainers
/// (``SoftmaxRegression`` and ``LinearSVM``) produce it; the model turns its scores into probabilities with a softmax.
struct LinearWeights: Sendable {
    let featureCount: Int
    let classCount: Int
    /// Row-major `[feature][class]`.
    var weights: [Float]
    var bias: [Float]

    init(featureCount: Int, classCount: Int, weights: [Float], bias: [Float]) {
        self.featureCount = featureCount
        self.classCount = classCount
        self.weights = weights
        self.bias = bias
    }

    /// Raw scores (before softmax) of one vector.
    func scores(_ vector: SparseVector) -> [Float] {
        var scores = bias
        weights.withUnsafeBufferPointer { weights in
            scores.withUnsafeMutableBufferPointer { scores in
                Self.accumulate(vector, weights: weights, scale: 1, classCount: classCount, into: scores)
            }
        }
        return scores
    }

    /// `scores += scale · Wᵀx`, the inner loop of training and classifying alike.
    @inline(__always)
    static func accumulate(
        _ vector: SparseVector, weights: UnsafeBufferPointer<Float>, scale: Float, classCount: Int, into scores: UnsafeMutableBufferPointer<Float>
    ) {
        for (index, value) in zip(vector.indices, vector.values) {
            let base = Int(index) * classCount
            let x = value * scale
            for k in 0..<classCount { scores[k] += x * weights[base + k] }
        }
    }

    /// Softmax in place, numerically stable.
    static func softmax(_ values: inout [Float]) {
        let top = values.max() ?? 0
        var sum: Float = 0
        for k in values.indices {
            values[k] = exp(values[k] - top)
            sum += values[k]
        }
        for k in values.indices { values[k] /= sum }
    }

    /// Fisher–Yates with a seeded generator: the same order for the same seed on every platform.
    static func shuffle(_ order: inout [Int], _ random: inout SplitMix64) {
        for index in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
    }
}
