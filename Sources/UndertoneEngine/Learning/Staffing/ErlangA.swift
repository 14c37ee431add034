import Foundation

/// The M/M/N+M queue (Erlang A, Palm's model): Erlang C's queue with callers who hang up after an exponentially
/// distributed patience, so it settles at any headcount.
///
/// With x = N·patience/AHT, y = λ·patience and S(a, z) = a·eᶻ·z⁻ᵃ·γ(a, z) (`QueueMath.logScaledLowerGamma`), the
/// stationary probability of N calls in the system is π_N = 1 / (1/B + S(x, y) − 1), B being Erlang B at N agents, and
/// (Garnett, Mandelbaum and Reiman's expressions, derived in `docs/staffing.md`):
/// - P(wait > 0) = π_N·S(x, y);
/// - answered after queueing = π_N·x/(x+1)·S(x+1, y), so P(abandon) = P(wait > 0) − that;
/// - answered after waiting longer than t = π_N·x/(x+1)·e^{y(1−q)}·q^{x+1}·S(x+1, y·q), with q = e^{−t/patience};
/// - still waiting at t = π_N·e^{y(1−q)}·q^{x+1}·S(x, y·q).
struct ErlangA: Sendable {
    /// Calls per second.
    var arrivalRate: Double
    /// Mean handle time in seconds.
    var handleTime: Double
    /// Mean patience (time before a waiting caller hangs up) in seconds.
    var patience: Double
    /// The service level's answer-within time in seconds.
    var answerWithin: Double

    /// Offered traffic in Erlangs.
    var traffic: Double { arrivalRate * handleTime }

    /// The performance with `agents` agents, given Erlang B for that many agents at the offered traffic.
    func performance(agents: Int, erlangB blocking: Double) -> QueuePerformance {
        if arrivalRate == 0 { return .idle }
        if agents == 0 {
            // Nobody answers: every caller waits out their patience.
            return QueuePerformance(
                isStable: true, probabilityOfWaiting: 1, serviceLevel: 0, waitBeyondTarget: exp(-answerWithin / patience),
                averageSpeedOfAnswer: nil, averageWait: patience, occupancy: 0, abandonment: 1)
        }
        let x = Double(agents) * patience / handleTime
        let y = arrivalRate * patience
        let logJ = QueueMath.logScaledLowerGamma(x, y)
        let logInverseBlocking = blocking > 0 ? -log(blocking) : .infinity
        let logHead = -QueueMath.logAdd(logInverseBlocking, QueueMath.logExpm1(logJ))
        let waiting = min(1, exp(logHead + logJ))
        let logShare = log(x / (x + 1))
        let servedFromQueue = min(waiting, exp(logHead + logShare + QueueMath.logScaledLowerGamma(x + 1, y)))
        let abandonment = waiting - servedFromQueue

        let decay = answerWithin / patience
        let q = exp(-decay)
        let logLate = logHead - y * expm1(-decay) - (x + 1) * decay
        let answeredLate = min(servedFromQueue, exp(logLate + logShare + QueueMath.logScaledLowerGamma(x + 1, y * q)))
        let stillWaiting = exp(logLate + QueueMath.logScaledLowerGamma(x, y * q))
        let answered = 1 - abandonment
        let speed = answered > 0 ? exp(logHead + Self.logAnsweredWaitSum(x: x, y: y)) * patience / answered : nil
        return QueuePerformance(
            isStable: true, probabilityOfWaiting: waiting, serviceLevel: (1 - waiting) + (servedFromQueue - answeredLate),
            waitBeyondTarget: min(1, stillWaiting), averageSpeedOfAnswer: speed, averageWait: abandonment * patience,
            occupancy: traffic * answered / Double(agents), abandonment: abandonment)
    }

    /// log Σⱼ tⱼ·x/(x+j+1)·Hⱼ, where tⱼ = yʲ / ((x+1)…(x+j)) weighs an arrival finding j callers ahead and Hⱼ =
    /// Σᵢ₌₀…ⱼ 1/(x+i+1): such a caller is answered with probability x/(x+j+1) after a mean wait (given answered) of
    /// Hⱼ·patience, each of the j+1 steps to an agent racing their own patience. Times π_N·patience, this is the mean
    /// wait of answered calls over all calls.
    static func logAnsweredWaitSum(x: Double, y: Double) -> Double {
        var logWeight = 0.0
        var harmonic = 0.0
        var logSum = -Double.infinity
        var j = 0.0
        let peak = y - x
        while j < 100_000_000 {
            harmonic += 1 / (x + j + 1)
            let logTerm = logWeight + log(x / (x + j + 1)) + log(harmonic)
            logSum = QueueMath.logAdd(logSum, logTerm)
            if j > peak && logTerm < logSum - 40 { break }
            j += 1
            logWeight += log(y / (x + j))
        }
        return logSum
    }
}
