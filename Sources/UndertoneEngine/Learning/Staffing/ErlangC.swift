import Foundation

/// The M/M/N queue (Erlang C): Poisson arrivals, exponential handle times, N agents, callers who wait as long as it takes.
struct ErlangC: Sendable {
    /// Offered traffic A in Erlangs: arrival rate × mean handle time.
    var traffic: Double
    /// Mean handle time in seconds.
    var handleTime: Double
    /// The service level's answer-within time in seconds.
    var answerWithin: Double

    /// The performance with `agents` agents, given Erlang B for that many (`QueueMath.erlangB`), so that a search over
    /// headcounts carries the recursion forward instead of restarting it.
    func performance(agents: Int, erlangB blocking: Double) -> QueuePerformance {
        if traffic == 0 { return .idle }
        let n = Double(agents)
        guard n > traffic else { return .unstable }
        // C = N·B / (N − A·(1 − B)): the probability that an arrival finds every agent busy.
        let waiting = min(1, n * blocking / (n - traffic * (1 - blocking)))
        let spare = n - traffic
        let late = waiting * exp(-spare * answerWithin / handleTime)
        let speed = waiting * handleTime / spare
        return QueuePerformance(
            isStable: true, probabilityOfWaiting: waiting, serviceLevel: 1 - late, waitBeyondTarget: late, averageSpeedOfAnswer: speed,
            averageWait: speed, occupancy: traffic / n, abandonment: 0)
    }
}
