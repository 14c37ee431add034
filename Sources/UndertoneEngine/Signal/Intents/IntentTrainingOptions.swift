/// The kind of linear classifier ``IntentTrainer`` fits.
public enum IntentClassifierKind: String, Sendable, CaseIterable {
    /// One-vs-rest linear SVMs (squared hinge), dual coordinate descent; probabilities from a calibrated softmax.
    case svm
    /// Multinomial logistic regression, stochastic gradient descent.
    case logistic
}

/// How ``IntentTrainer`` trains; the defaults are the ones measured in docs/intents.md.
public struct IntentTrainingOptions: Sendable, Equatable {
    public var features = IntentFeatureSettings()
    public var classifier = IntentClassifierKind.svm
    /// SVM: the cost of a margin violation (LIBLINEAR's C).
    public var cost: Float = 1
    /// Passes over the training data (SVM: at most; it stops earlier once converged).
    public var epochs: Int?
    /// Logistic regression: the initial step size of stochastic gradient descent.
    public var learningRate: Float = 0.5
    /// Logistic regression: L2 regularisation per example.
    public var l2: Float = 1e-5
    /// A feature must appear in at least this many training texts to be kept (2 or more makes smaller models).
    public var minimumFeatureCount = 1
    /// Share of each label's examples held out to fit the temperature and the out-of-scope threshold.
    public var heldOutFraction = 0.1
    /// After calibration, train again on all the examples (held-out ones included).
    public var refit = true
    /// Weight examples so that every label counts as much in total (for unbalanced data).
    public var balanceLabels = false
    /// Labels that mark out-of-scope examples: never learned as a label, used to tune the threshold.
    public var outOfScopeLabels: Set<String> = ["oos", "out_of_scope"]
    /// Also learn the out-of-scope examples as a class of their own (a text it wins is out of scope), rather than
    /// using them only to tune the threshold; they are then held out like the others. Helps when they are many and
    /// varied (small talk, other domains).
    public var learnOutOfScope = false
    /// The share of out-of-scope texts expected in use: when set, the out-of-scope examples are weighted to make up
    /// this share of the texts the threshold is tuned on (otherwise each counts as much as a held-out example).
    public var outOfScopeShare: Double?
    /// Without out-of-scope examples, the tuned threshold turns away at most this share of the held-out in-scope texts.
    public var maximumInScopeRefusal = 0.01
    /// A threshold to use instead of the tuned one.
    public var threshold: Double?
    /// Seeds every shuffle and split: the same data and options give the same model.
    public var seed: UInt64 = 42
    /// Facts to record in the model file (data source, command).
    public var about: [String: String] = [:]

    public init() {}
}
