import Foundation

/// Multinomial logistic regression over sparse vectors, trained by stochastic gradient descent.
///
/// The objective is the (example-weighted) mean cross-entropy plus `l2 / 2 · ‖W‖²`. Updates stay sparse: the weights
/// are kept as `scale · V`, so the L2 shrinkage of every weight is one multiplication of `scale` (Bottou's trick), and
/// only the rows of the features present in an example are touched. The learning rate decays as
/// `η₀ / (1 + η₀ · l2 · t)`; the weights of the last epochs are averaged, which steadies the answer. The example order is
/// shuffled each epoch by a seeded generator, so the same data and settings give the same weights, bit for bit.
enum SoftmaxRegression {
    struct Settings: Sendable, Equatable {
        var epochs = 12
        var learningRate: Float = 0.5
        var l2: Float = 1e-5
        /// Epoch-end weights from this fraction of the run onwards are averaged.
        var averageFrom: Double = 0.5
        var seed: UInt64 = 42
    }

    static func train(
        vectors: [SparseVector], labels: [Int], exampleWeights: [Float], featureCount: Int, classCount: Int, settings: Settings
    ) -> LinearWeights {
        let count = vectors.count
        let k = classCount
        var v = [Float](repeating: 0, count: featureCount * k)
        var bias = [Float](repeating: 0, count: k)
        var averageWeights = [Float](repeating: 0, count: featureCount * k)
        var averageBias = [Float](repeating: 0, count: k)
        var averaged = 0
        var scale: Float = 1
        var step: Float = 0
        var order = Array(0..<count)
        var random = SplitMix64(seed: settings.seed)
        var probabilities = [Float](repeating: 0, count: k)
        var gradient = [Float](repeating: 0, count: k)
        var active: [Int] = []
        active.reserveCapacity(k)
        let firstAveraged = min(settings.epochs - 1, Int(Double(settings.epochs) * settings.averageFrom))

        for epoch in 0..<settings.epochs {
            LinearWeights.shuffle(&order, &random)
            v.withUnsafeMutableBufferPointer { v in
                for example in order {
                    let vector = vectors[example]
                    guard !vector.indices.isEmpty else { continue }
                    let rate = settings.learningRate / (1 + settings.learningRate * settings.l2 * step)
                    step += 1
                    for c in 0..<k { probabilities[c] = bias[c] }
                    probabilities.withUnsafeMutableBufferPointer { logits in
                        LinearWeights.accumulate(vector, weights: UnsafeBufferPointer(v), scale: scale, classCount: k, into: logits)
                    }
                    LinearWeights.softmax(&probabilities)
                    let weight = exampleWeights[example]
                    active.removeAll(keepingCapacity: true)
                    for c in 0..<k {
                        let g = weight * (probabilities[c] - (c == labels[example] ? 1 : 0))
                        gradient[c] = g
                        if abs(g) > 1e-4 { active.append(c) }
                        bias[c] -= rate * g
                    }
                    scale *= 1 - rate * settings.l2
                    if scale < 1e-4 {
                        for i in 0..<v.count { v[i] *= scale }
                        scale = 1
                    }
                    let factor = rate / scale
                    if active.count * 3 >= k {
                        for (index, value) in zip(vector.indices, vector.values) {
                            let base = Int(index) * k
                            let x = value * factor
                            for c in 0..<k { v[base + c] -= x * gradient[c] }
                        }
                    } else {
                        for (index, value) in zip(vector.indices, vector.values) {
                            let base = Int(index) * k
                            let x = value * factor
                            for c in active { v[base + c] -= x * gradient[c] }
                        }
                    }
                }
            }
            if epoch >= firstAveraged {
                for i in 0..<v.count { averageWeights[i] += v[i] * scale }
                for c in 0..<k { averageBias[c] += bias[c] }
                averaged += 1
            }
        }
        let share = 1 / Float(max(averaged, 1))
        for i in 0..<averageWeights.count { averageWeights[i] *= share }
        for c in 0..<k { averageBias[c] *= share }
        return LinearWeights(featureCount: featureCount, classCount: k, weights: averageWeights, bias: averageBias)
    }
}
