import Foundation

/// What training found on its held-out share.
public struct IntentTrainingReport: Sendable, Equatable {
    public var labels: Int
    public var examples: Int
    public var outOfScopeExamples: Int
    public var features: Int
    public var heldOutExamples: Int
    /// Accuracy of the best label on the held-out in-scope examples (nil when nothing was held out).
    public var heldOutAccuracy: Double?
    /// Share of out-of-scope examples refused at the chosen threshold (nil without out-of-scope examples).
    public var outOfScopeRecall: Double?
    public var threshold: Double
    public var temperature: Double
}

/// Why training could not start.
public enum IntentTrainingError: Error, Equatable, CustomStringConvertible {
    case tooFewLabels(Int)
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .tooFewLabels(let count): "training needs examples of at least two labels (found \(count))"
        case .invalidOptions(let why): "invalid training options: \(why)"
        }
    }
}

/// Trains an ``IntentModel`` from labelled examples, in Swift, deterministically.
///
/// Steps: hold out a stratified share of each label; learn the vocabulary and train the classifier on the rest; fit
/// the temperature and the threshold on the held-out share (and on any out-of-scope examples); then, with `refit`,
/// train again on everything and keep the fitted temperature and threshold.
public enum IntentTrainer {
    public static func train(
        _ examples: [IntentExample], options: IntentTrainingOptions = IntentTrainingOptions()
    ) throws(IntentTrainingError) -> (model: IntentModel, report: IntentTrainingReport) {
        guard options.features.isValid else { throw .invalidOptions("feature settings out of range") }
        guard (options.epochs ?? 1) >= 1, options.cost > 0, options.learningRate > 0, options.l2 >= 0, (0..<1).contains(options.heldOutFraction),
            options.minimumFeatureCount >= 1
        else {
            throw .invalidOptions("epochs ≥ 1, cost > 0, learning rate > 0, l2 ≥ 0, held-out fraction in [0, 1) and minimum count ≥ 1")
        }
        if let threshold = options.threshold, !(0...1).contains(threshold) { throw .invalidOptions("threshold must be in [0, 1]") }
        if let share = options.outOfScopeShare, !(0..<1).contains(share) { throw .invalidOptions("out-of-scope share must be in [0, 1)") }
        guard examples.allSatisfy({ $0.weight > 0 && $0.weight.isFinite }) else { throw .invalidOptions("example weights must be positive") }

        let isOutside = { (example: IntentExample) in
            options.outOfScopeLabels.contains(example.label) || example.label == IntentModel.outOfScope
        }
        let inScope = examples.filter { !isOutside($0) }
        let outOfScope = examples.filter(isOutside)
        let labels = Array(Set(inScope.map(\.label))).sorted()
        guard labels.count >= 2 else { throw .tooFewLabels(labels.count) }
        let learnsOutside = options.learnOutOfScope && !outOfScope.isEmpty
        let classes = labels + (learnsOutside ? [IntentModel.outOfScope] : [])
        let outsideClass = learnsOutside ? labels.count : -1
        let classIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($0.element, $0.offset) })
        // Rows: the in-scope examples, then the out-of-scope ones when they are learned as a class.
        let rows = inScope + (learnsOutside ? outOfScope : [])
        let keys = rows.map { IntentFeatures.keys($0.text, settings: options.features) }
        let targets = rows.map { isOutside($0) ? outsideClass : classIndex[$0.label]! }
        let weights = rows.map(\.weight)

        let (trainRows, heldOutRows) = split(targets, classCount: classes.count, fraction: options.heldOutFraction, seed: options.seed)
        var temperature = 1.0
        var threshold = options.threshold ?? 0
        var heldOutAccuracy: Double?
        var outOfScopeRecall: Double?
        var fitted = fit(keys: keys, targets: targets, weights: weights, rows: trainRows, classCount: classes.count, options: options)
        if !heldOutRows.isEmpty {
            let heldOutVectors = heldOutRows.map { fitted.vocabulary.vector(keys: keys[$0]) }
            let heldOutTargets = heldOutRows.map { targets[$0] }
            temperature = IntentCalibration.temperature(scores: heldOutVectors.map(fitted.linear.scores), labels: heldOutTargets)
            let probe = IntentModel(
                classes: classes, threshold: 0, temperature: temperature, about: [:], vocabulary: fitted.vocabulary, linear: fitted.linear)
            var answers: [IntentCalibration.Answer] = []
            var outsideConfidences: [Double] = []
            for (vector, target) in zip(heldOutVectors, heldOutTargets) {
                let answer = probe.answer(vector, probe.probabilities(vector))
                if target == outsideClass {
                    outsideConfidences.append(answer.confidence)
                } else {
                    answers.append(IntentCalibration.Answer(confidence: answer.confidence, correct: answer.best == target))
                }
            }
            if !learnsOutside {
                outsideConfidences = outOfScope.map { example in
                    let vector = probe.vocabulary.vector(example.text)
                    return probe.answer(vector, probe.probabilities(vector)).confidence
                }
            }
            heldOutAccuracy = answers.isEmpty ? nil : Double(answers.filter(\.correct).count) / Double(answers.count)
            if options.threshold == nil {
                var outsideWeight = 1.0
                if let share = options.outOfScopeShare, !outsideConfidences.isEmpty {
                    outsideWeight = share / (1 - share) * Double(answers.count) / Double(outsideConfidences.count)
                }
                threshold = IntentCalibration.threshold(inScope: answers, outOfScope: outsideConfidences, outOfScopeWeight: outsideWeight)
            }
            if !outsideConfidences.isEmpty {
                outOfScopeRecall = Double(outsideConfidences.filter { $0 < threshold || $0 == 0 }.count) / Double(outsideConfidences.count)
            }
            if options.refit {
                fitted = fit(keys: keys, targets: targets, weights: weights, rows: Array(keys.indices), classCount: classes.count, options: options)
            }
        }

        var about = options.about
        about["examples"] = String(inScope.count)
        about["outOfScopeExamples"] = String(outOfScope.count)
        let method =
            switch options.classifier {
            case .svm: "svm cost=\(options.cost) epochs=\(options.epochs ?? LinearSVM.Settings().epochs)"
            case .logistic:
                "logistic epochs=\(options.epochs ?? SoftmaxRegression.Settings().epochs) learningRate=\(options.learningRate) l2=\(options.l2)"
            }
        about["settings"] =
            "\(method) minimumFeatureCount=\(options.minimumFeatureCount) heldOutFraction=\(options.heldOutFraction) refit=\(options.refit) "
            + "balanceLabels=\(options.balanceLabels) learnOutOfScope=\(learnsOutside) seed=\(options.seed)"
        if let heldOutAccuracy { about["heldOutAccuracy"] = String(format: "%.4f", heldOutAccuracy) }
        let model = IntentModel(
            classes: classes, threshold: threshold, temperature: temperature, about: about, vocabulary: fitted.vocabulary,
            linear: fitted.linear)
        let report = IntentTrainingReport(
            labels: labels.count, examples: inScope.count, outOfScopeExamples: outOfScope.count, features: fitted.vocabulary.count,
            heldOutExamples: heldOutRows.count, heldOutAccuracy: heldOutAccuracy, outOfScopeRecall: outOfScopeRecall, threshold: threshold,
            temperature: temperature)
        return (model, report)
    }

    /// Learns the vocabulary of `rows` and trains the classifier on them; weights are rounded to Float16 as stored.
    static func fit(
        keys: [[UInt64]], targets: [Int], weights: [Float], rows: [Int], classCount: Int, options: IntentTrainingOptions
    ) -> (vocabulary: IntentVocabulary, linear: LinearWeights) {
        let vocabulary = IntentVocabulary(learning: rows.map { keys[$0] }, settings: options.features, minimumCount: options.minimumFeatureCount)
        let vectors = rows.map { vocabulary.vector(keys: keys[$0]) }
        let rowTargets = rows.map { targets[$0] }
        var exampleWeights = rows.map { weights[$0] }
        if options.balanceLabels {
            // Every label's examples weigh as much in total; the mean weight stays what it was.
            var totals = [Float](repeating: 0, count: classCount)
            for (target, weight) in zip(rowTargets, exampleWeights) { totals[target] += weight }
            let present = Float(totals.filter { $0 > 0 }.count)
            let overall = totals.reduce(0, +)
            exampleWeights = zip(rowTargets, exampleWeights).map { target, weight in weight * overall / (present * totals[target]) }
        }
        var linear: LinearWeights
        switch options.classifier {
        case .svm:
            var settings = LinearSVM.Settings(cost: options.cost, seed: options.seed)
            if let epochs = options.epochs { settings.epochs = epochs }
            linear = LinearSVM.train(
                vectors: vectors, labels: rowTargets, exampleWeights: exampleWeights, featureCount: vocabulary.count, classCount: classCount,
                settings: settings)
        case .logistic:
            var settings = SoftmaxRegression.Settings(learningRate: options.learningRate, l2: options.l2, seed: options.seed)
            if let epochs = options.epochs { settings.epochs = epochs }
            linear = SoftmaxRegression.train(
                vectors: vectors, labels: rowTargets, exampleWeights: exampleWeights, featureCount: vocabulary.count, classCount: classCount,
                settings: settings)
        }
        linear.weights = linear.weights.map { Float(Float16($0)) }
        return (vocabulary, linear)
    }

    /// A stratified split: from each label, `fraction` of its examples (rounded, at least one, and never all of them).
    static func split(_ targets: [Int], classCount: Int, fraction: Double, seed: UInt64) -> (train: [Int], heldOut: [Int]) {
        guard fraction > 0 else { return (Array(targets.indices), []) }
        var byClass = [[Int]](repeating: [], count: classCount)
        for (row, target) in targets.enumerated() { byClass[target].append(row) }
        var random = SplitMix64(seed: seed ^ 0x5EED_0F5B_1175_0000)
        var train: [Int] = []
        var heldOut: [Int] = []
        for var rows in byClass {
            for index in stride(from: rows.count - 1, to: 0, by: -1) {
                rows.swapAt(index, Int(random.next() % UInt64(index + 1)))
            }
            let count = rows.count < 2 ? 0 : min(rows.count - 1, max(1, Int((Double(rows.count) * fraction).rounded())))
            heldOut += rows.prefix(count)
            train += rows.dropFirst(count)
        }
        return (train.sorted(), heldOut.sorted())
    }
}
