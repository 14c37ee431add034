/// One-vs-rest linear support vector machines with the squared hinge loss, trained by dual coordinate descent
/// (Hsieh et al., ICML 2008; the method of LIBLINEAR).
///
/// For each label c the problem is `min ½‖w_c‖² + Σᵢ Cᵢ · max(0, 1 − yᵢ꜀ (w_c·xᵢ + b_c))²` with `yᵢ꜀ = ±1`; the bias is
/// a feature of constant value 1, regularised like the others. One visit to an example updates the dual variable of
/// every label at once: the labels' problems are independent, so this is exact coordinate descent, and one sparse
/// score computation serves all of them. Labels whose margin is already met leave their weights untouched, which
/// makes later passes cheap. Passes stop when no dual variable moves by more than `tolerance` in projected gradient,
/// or after `epochs`. The example order is shuffled each pass by a seeded generator: deterministic.
enum LinearSVM {
    struct Settings: Sendable, Equatable {
        /// The cost of a margin violation (LIBLINEAR's C).
        var cost: Float = 1
        var epochs = 30
        var tolerance: Float = 0.1
        var seed: UInt64 = 42
    }

    static func train(
        vectors: [SparseVector], labels: [Int], exampleWeights: [Float], featureCount: Int, classCount k: Int, settings: Settings
    ) -> LinearWeights {
        let count = vectors.count
        var weights = [Float](repeating: 0, count: featureCount * k)
        var bias = [Float](repeating: 0, count: k)
        var alpha = [Float](repeating: 0, count: count * k)
        // Qᵢᵢ without the diagonal term: ‖xᵢ‖² plus the bias feature's 1.
        let squaredNorms = vectors.map { vector in vector.values.reduce(1) { $0 + $1 * $1 } }
        var order = Array(0..<count)
        var random = SplitMix64(seed: settings.seed)
        var scores = [Float](repeating: 0, count: k)
        // Zero outside the labels moved by the current example.
        var steps = [Float](repeating: 0, count: k)
        var moved: [Int] = []
        moved.reserveCapacity(k)

        for _ in 0..<settings.epochs {
            LinearWeights.shuffle(&order, &random)
            var largestViolation: Float = 0
            weights.withUnsafeMutableBufferPointer { weights in
                for example in order {
                    let vector = vectors[example]
                    guard !vector.indices.isEmpty else { continue }
                    for c in 0..<k { scores[c] = bias[c] }
                    scores.withUnsafeMutableBufferPointer { scores in
                        LinearWeights.accumulate(vector, weights: UnsafeBufferPointer(weights), scale: 1, classCount: k, into: scores)
                    }
                    let diagonal = 1 / (2 * settings.cost * exampleWeights[example])
                    let curvature = squaredNorms[example] + diagonal
                    let label = labels[example]
                    let row = example * k
                    moved.removeAll(keepingCapacity: true)
                    for c in 0..<k {
                        let y: Float = c == label ? 1 : -1
                        let old = alpha[row + c]
                        let gradient = y * scores[c] - 1 + old * diagonal
                        let projected = old == 0 ? min(gradient, 0) : gradient
                        guard projected != 0 else { continue }
                        largestViolation = max(largestViolation, abs(projected))
                        let new = max(old - gradient / curvature, 0)
                        guard new != old else { continue }
                        alpha[row + c] = new
                        steps[c] = (new - old) * y
                        moved.append(c)
                    }
                    guard !moved.isEmpty else { continue }
                    for c in moved { bias[c] += steps[c] }
                    if moved.count * 3 >= k {
                        for (index, value) in zip(vector.indices, vector.values) {
                            let base = Int(index) * k
                            for c in 0..<k { weights[base + c] += value * steps[c] }
                        }
                        for c in 0..<k { steps[c] = 0 }
                    } else {
                        for (index, value) in zip(vector.indices, vector.values) {
                            let base = Int(index) * k
                            for c in moved { weights[base + c] += value * steps[c] }
                        }
                        for c in moved { steps[c] = 0 }
                    }
                }
            }
            if largestViolation < settings.tolerance { break }
        }
        return LinearWeights(featureCount: featureCount, classCount: k, weights: weights, bias: bias)
    }
}
