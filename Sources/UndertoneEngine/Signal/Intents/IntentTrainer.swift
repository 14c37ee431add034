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
    /// With fewer held-out rows than this, calibration uses every example out of fold instead of the held-out share.
    static let foldingBelow = 200
    /// How many folds small data are calibrated with.
    static let foldCount = 5

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
        guard (0...1).contains(options.maximumInScopeRefusal) else { throw .invalidOptions("the in-scope refusal share must be in [0, 1]") }
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
        // Calibration needs answers the model was not trained on. A large held-out share gives them; a small one (a
        // few dozen examples) cannot: every held-out answer right pushes the temperature to its floor and every
        // probability to 1, the out-of-scope examples' too. Small data are calibrated on every example out of fold.
        let folds: [(train: [Int], heldOut: [Int])] =
            heldOutRows.isEmpty
            ? []
            : heldOutRows.count >= Self.foldingBelow ? [(trainRows, heldOutRows)] : Self.folds(targets, classCount: classes.count, seed: options.seed)
        let foldModels = folds.map {
            fit(keys: keys, targets: targets, weights: weights, rows: $0.train, classCount: classes.count, options: options)
        }
        var fitted =
            foldModels.first ?? fit(keys: keys, targets: targets, weights: weights, rows: trainRows, classCount: classes.count, options: options)
        if !folds.isEmpty {
            // Each held-out row scored by the model that did not see it; out-of-scope examples that are not learned, by
            // the folds in turn.
            var scored: [(fold: Int, vector: SparseVector, target: Int)] = []
            for (fold, (_, heldOut)) in folds.enumerated() {
                scored += heldOut.map { (fold, foldModels[fold].vocabulary.vector(keys: keys[$0]), targets[$0]) }
            }
            let outside: [(fold: Int, vector: SparseVector)] =
                learnsOutside
                ? []
                : outOfScope.enumerated().map { ($0.offset % folds.count, foldModels[$0.offset % folds.count].vocabulary.vector($0.element.text)) }
            temperature = IntentCalibration.temperature(
                scores: scored.map { foldModels[$0.fold].linear.scores($0.vector) }, labels: scored.map(\.target),
                outOfScope: outside.map { foldModels[$0.fold].linear.scores($0.vector) })
            let probes = foldModels.map {
                IntentModel(classes: classes, threshold: 0, temperature: temperature, about: [:], vocabulary: $0.vocabulary, linear: $0.linear)
            }
            var answers: [IntentCalibration.Answer] = []
            var outsideConfidences: [Double] = []
            for (fold, vector, target) in scored {
                let answer = probes[fold].answer(vector, probes[fold].probabilities(vector))
                if target == outsideClass {
                    outsideConfidences.append(answer.confidence)
                } else {
                    answers.append(IntentCalibration.Answer(confidence: answer.confidence, correct: answer.best == target))
                }
            }
            for (fold, vector) in outside { outsideConfidences.append(probes[fold].answer(vector, probes[fold].probabilities(vector)).confidence) }
            heldOutAccuracy = answers.isEmpty ? nil : Double(answers.filter(\.correct).count) / Double(answers.count)
            if options.threshold == nil {
                var outsideWeight = 1.0
                if let share = options.outOfScopeShare, !outsideConfidences.isEmpty {
                    outsideWeight = share / (1 - share) * Double(answers.count) / Double(outsideConfidences.count)
                }
                threshold = IntentCalibration.threshold(
                    inScope: answers, outOfScope: outsideConfidences, outOfScopeWeight: outsideWeight,
                    maximumInScopeRefusal: options.maximumInScopeRefusal)
            }
            if !outsideConfidences.isEmpty {
                outOfScopeRecall = Double(outsideConfidences.filter { $0 < threshold || $0 == 0 }.count) / Double(outsideConfidences.count)
            }
            // Folded models each miss a fold: the model kept learns everything.
            if options.refit || folds.count > 1 {
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

    /// Stratified folds for small data: each label's examples shuffled (seeded) and dealt round the folds, so that every
    /// example is held out once. Folds left empty (fewer examples than folds) are dropped.
    static func folds(_ targets: [Int], classCount: Int, seed: UInt64) -> [(train: [Int], heldOut: [Int])] {
        var byClass = [[Int]](repeating: [], count: classCount)
        for (row, target) in targets.enumerated() { byClass[target].append(row) }
        var random = SplitMix64(seed: seed ^ 0x5EED_0F5B_1175_F01D)
        var heldOut = [[Int]](repeating: [], count: foldCount)
        var next = 0
        for var rows in byClass {
            for index in stride(from: rows.count - 1, to: 0, by: -1) {
                rows.swapAt(index, Int(random.next() % UInt64(index + 1)))
            }
            for row in rows {
                heldOut[next % foldCount].append(row)
                next += 1
            }
        }
        return heldOut.filter { !$0.isEmpty }.map { fold in
            let out = Set(fold)
            return (targets.indices.filter { !out.contains($0) }, fold.sorted())
        }
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
