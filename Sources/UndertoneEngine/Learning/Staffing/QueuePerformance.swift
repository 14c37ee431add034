/// What callers meet with a given number of agents, as a queueing model predicts it (the model's own units: probabilities
/// and seconds).
struct QueuePerformance: Sendable, Equatable {
    /// Whether the queue settles: false when the agents cannot keep up (Erlang C with traffic ≥ agents).
    var isStable: Bool
    /// Probability that a caller has to wait at all (every agent busy when they arrive).
    var probabilityOfWaiting: Double
    /// Calls answered within the target time, over all calls offered (abandoned ones included in the denominator).
    var serviceLevel: Double
    /// Probability that a caller is still waiting (neither answered nor gone) when the target time has passed.
    var waitBeyondTarget: Double
    /// Mean wait of the calls that are answered, in seconds; nil when it has no finite value.
    var averageSpeedOfAnswer: Double?
    /// Mean time in the queue over every call offered (answered or abandoned), in seconds; nil when infinite.
    var averageWait: Double?
    /// The share of agents' time spent handling calls.
    var occupancy: Double
    /// Probability that a caller hangs up before being answered (0 in Erlang C, which has no abandonment).
    var abandonment: Double

    /// Nothing is offered: nobody waits, every (absent) call counts as answered at once.
    static let idle = QueuePerformance(
        isStable: true, probabilityOfWaiting: 0, serviceLevel: 1, waitBeyondTarget: 0, averageSpeedOfAnswer: 0, averageWait: 0, occupancy: 0,
        abandonment: 0)

    /// More traffic than agents without abandonment: the queue grows without bound and every caller waits for ever.
    static let unstable = QueuePerformance(
        isStable: false, probabilityOfWaiting: 1, serviceLevel: 0, waitBeyondTarget: 1, averageSpeedOfAnswer: nil, averageWait: nil,
        occupancy: 1, abandonment: 0)
}
