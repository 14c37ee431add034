import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone {
    struct Intents: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Intent models that users train themselves: train, classify, evaluate, rebuild the shipped one.",
            discussion: "See docs/intents.md for the features, the model file and the measured figures.",
            subcommands: [Train.self, Classify.self, Eval.self, BuildDefault.self]
        )
    }
}

/// The training settings shared by `intents train`, `intents eval` and `intents build-default`.
struct IntentTrainingFlags: ParsableArguments {
    @Option(help: "svm (one-vs-rest linear SVMs, the default) or logistic (multinomial logistic regression).")
    var classifier = IntentTrainingOptions().classifier.rawValue

    @Option(help: "SVM: the cost of a margin violation (C).")
    var cost = IntentTrainingOptions().cost

    @Option(help: "Passes over the training data (SVM: at most; default 30 for SVM, 12 for logistic regression).")
    var epochs: Int?

    @Option(name: .customLong("learning-rate"), help: "Logistic regression: initial step size of stochastic gradient descent.")
    var learningRate = IntentTrainingOptions().learningRate

    @Option(help: "Logistic regression: L2 regularisation per example.")
    var l2 = IntentTrainingOptions().l2

    @Option(name: .customLong("min-count"), help: "Keep features seen in at least this many training texts.")
    var minimumCount = IntentTrainingOptions().minimumFeatureCount

    @Option(name: .customLong("held-out"), help: "Share of each label held out to fit the temperature and threshold.")
    var heldOut = IntentTrainingOptions().heldOutFraction

    @Option(help: "Use this confidence threshold instead of tuning one.")
    var threshold: Double?

    @Option(
        name: .customLong("max-refusal"),
        help: "Without out-of-scope examples: the tuned threshold turns away at most this share of held-out in-scope texts.")
    var maximumRefusal = IntentTrainingOptions().maximumInScopeRefusal

    @Flag(name: .customLong("no-refit"), help: "Keep the model trained without the held-out share (faster).")
    var noRefit = false

    @Flag(name: .customLong("balance"), help: "Weight examples so that every label counts alike.")
    var balance = false

    @Flag(name: .customLong("learn-oos"), help: "Learn the oos/out_of_scope examples as a class too, not only to tune the threshold.")
    var learnOutOfScope = false

    @Option(name: .customLong("max-word-ngram"), help: "Word n-grams up to this length.")
    var maxWordNgram = IntentFeatureSettings().maxWordNgram

    @Option(name: .customLong("char-ngrams"), help: "Character n-gram lengths inside words, as MIN-MAX.")
    var characterNgrams = "\(IntentFeatureSettings().characterNgrams.lowerBound)-\(IntentFeatureSettings().characterNgrams.upperBound)"

    @Option(help: "Seed for every shuffle and split.")
    var seed: UInt64 = IntentTrainingOptions().seed

    func options() throws -> IntentTrainingOptions {
        var options = IntentTrainingOptions()
        let bounds = characterNgrams.split(separator: "-").compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] >= 1, bounds[0] <= bounds[1] else {
            throw ValidationError("--char-ngrams must be MIN-MAX, for example 2-5")
        }
        guard let kind = IntentClassifierKind(rawValue: classifier) else { throw ValidationError("--classifier must be svm or logistic") }
        options.classifier = kind
        options.cost = cost
        options.features = IntentFeatureSettings(maxWordNgram: maxWordNgram, characterNgrams: bounds[0]...bounds[1])
        options.epochs = epochs
        options.learningRate = learningRate
        options.l2 = l2
        options.minimumFeatureCount = minimumCount
        options.heldOutFraction = heldOut
        options.threshold = threshold
        options.maximumInScopeRefusal = maximumRefusal
        options.refit = !noRefit
        options.balanceLabels = balance
        options.learnOutOfScope = learnOutOfScope
        options.seed = seed
        return options
    }
}

/// Which intent model to use: the shipped one unless a model file is named.
struct IntentModelOptions: ParsableArguments {
    @Option(name: .customLong("model"), help: "An intent model file (default: the contact-centre model shipped with the engine).")
    var modelPath: String?

    func load() throws -> IntentModel { try Self.load(modelPath) }

    /// The model in a `.uti` file, or the shipped one when nil; a clear error naming the file.
    static func load(_ path: String?) throws -> IntentModel {
        do {
            if let path { return try IntentModel(contentsOf: URL(fileURLWithPath: path)) }
            return try IntentModel.default
        } catch {
            throw CommandFailure(path.map { "\($0): \(error.description)" } ?? error.description)
        }
    }
}

/// Reads a whole text file, or fails with a message that names it.
func readTextFile(_ path: String, hint: String = "") throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure("cannot read \(path)" + (hint.isEmpty ? "" : " (\(hint))"))
    }
    return String(decoding: data, as: UTF8.self)
}

/// A trained model with what training found and how long it took.
struct TimedTraining {
    var model: IntentModel
    var report: IntentTrainingReport
    /// Wall-clock seconds.
    var seconds: Double
    /// CPU seconds of the training thread: what "on one core" means when other work shares the machine.
    var cpuSeconds: Double
}

/// Trains with `options`, timing it; training errors become command failures.
func trainIntents(_ examples: [IntentExample], options: IntentTrainingOptions) throws -> TimedTraining {
    let clock = ContinuousClock()
    let start = clock.now
    let cpuStart = threadCPUSeconds()
    do {
        let (model, report) = try IntentTrainer.train(examples, options: options)
        return TimedTraining(model: model, report: report, seconds: (clock.now - start).seconds, cpuSeconds: threadCPUSeconds() - cpuStart)
    } catch {
        throw CommandFailure(error.description)
    }
}

/// CPU time of the calling thread, in seconds.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

extension IntentPrediction {
    /// The output line of `undertone intents classify`, without a trailing newline.
    func json(idJSON: String) -> String {
        var out = "{\"id\":" + idJSON + ",\"intent\":" + JSONText.quoted(intent) + ",\"confidence\":" + JSONText.probability(confidence)
        out += ",\"top\":["
        out += top.map { "[" + JSONText.quoted($0.label) + "," + JSONText.probability($0.probability) + "]" }.joined(separator: ",")
        return out + "]}"
    }
}
