import Foundation

/// Queue figures computed independently of the engine's formulas, from the birth–death chains themselves: the
/// stationary distribution summed term by term in log space, the wait of a caller who finds j callers ahead worked out
/// from its phases (a Poisson tail for Erlang C; uniformization and first-step analysis for Erlang A). Slow and plain on
/// purpose: no Erlang B recursion, no incomplete gamma functions.
enum StaffingReference {
    struct Figures {
        var probabilityOfWaiting: Double
        var serviceLevel: Double
        var averageSpeedOfAnswer: Double
        var occupancy: Double
        var abandonment: Double
    }

    /// Erlang C (M/M/N) with `traffic` Erlangs, `agents` agents, handle time `aht` and answer-within time `within` (seconds);
    /// nil when the queue does not settle.
    static func erlangC(traffic: Double, agents: Int, aht: Double, within: Double) -> Figures? {
        let n = Double(agents)
        guard n > traffic, traffic > 0 else { return nil }
        let rho = traffic / n
        // log πₖ (unnormalised) = k·log A − log k! for k ≤ N; beyond, πₙ·ρʲ.
        var logBelow = -Double.infinity
        for k in 0..<agents { logBelow = logAdd(logBelow, Double(k) * log(traffic) - lgamma(Double(k) + 1)) }
        let logAtN = n * log(traffic) - lgamma(n + 1)
        // Queue states, summed term by term (not by the geometric series' closed form).
        var logQueue = -Double.infinity
        var queueTerms: [Double] = []
        var j = 0
        while true {
            let logTerm = logAtN + Double(j) * log(rho)
            queueTerms.append(logTerm)
            logQueue = logAdd(logQueue, logTerm)
            if logTerm < logQueue - 45 { break }
            j += 1
        }
        let logTotal = logAdd(logBelow, logQueue)
        // A caller finding j ahead waits for j+1 service completions at rate N/AHT: Erlang(j+1), so the wait exceeds t
        // with probability P(Poisson(N·t/AHT) ≤ j), and lasts (j+1)·AHT/N on average.
        let mean = n * within / aht
        var cdf = 0.0
        var late = 0.0
        var speed = 0.0
        for (j, logTerm) in queueTerms.enumerated() {
            cdf += mean == 0 ? (j == 0 ? 1 : 0) : exp(-mean + Double(j) * log(mean) - lgamma(Double(j) + 1))
            let share = exp(logTerm - logTotal)
            late += share * min(1, cdf)
            speed += share * Double(j + 1) * aht / n
        }
        return Figures(
            probabilityOfWaiting: exp(logQueue - logTotal), serviceLevel: 1 - late, averageSpeedOfAnswer: speed, occupancy: traffic / n,
            abandonment: 0)
    }

    /// Erlang A (M/M/N+M): calls per second `rate`, handle time `aht`, mean patience `patience`, answer-within `within`.
    static func erlangA(rate: Double, aht: Double, patience: Double, agents: Int, within: Double) -> Figures {
        let mu = 1 / aht
        let theta = 1 / patience
        let n = Double(agents)
        let traffic = rate * aht
        var logStates: [Double] = []
        for k in 0...agents { logStates.append(Double(k) * log(traffic) - lgamma(Double(k) + 1)) }
        // Above N: birth λ, death N·μ + (k − N)·θ.
        var peak = logStates.max()!
        var j = 1
        while true {
            let logTerm = logStates[logStates.count - 1] + log(rate / (n * mu + Double(j) * theta))
            logStates.append(logTerm)
            peak = max(peak, logTerm)
            if Double(j) > (rate - n * mu) / theta && logTerm < peak - 50 { break }
            j += 1
        }
        let logTotal = logStates.reduce(-Double.infinity, logAdd)
        let share = logStates.map { exp($0 - logTotal) }
        let ahead = Array(share[agents...])  // an arrival finding N + j calls has j ahead
        let waiting = ahead.reduce(0, +)
        let queueLength = ahead.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
        let abandonment = theta * queueLength / rate

        // First-step analysis: with j ahead the caller moves up at r = N·μ + j·θ and gives up at θ.
        var served = 1.0
        var servedWait = 0.0
        var speed = 0.0
        for (j, weight) in ahead.enumerated() {
            let r = n * mu + Double(j) * theta
            let next = served * r / (r + theta)
            servedWait = next / (r + theta) + r / (r + theta) * servedWait
            served = next
            speed += weight * servedWait
        }
        let answered = 1 - abandonment
        return Figures(
            probabilityOfWaiting: waiting,
            serviceLevel: (1 - waiting) + answeredWithin(ahead, serviceRate: n * mu, theta: theta, within: within),
            averageSpeedOfAnswer: speed / answered, occupancy: traffic * answered / n, abandonment: abandonment)
    }

    /// P(queued, then answered within t) by uniformizing the tagged caller's chain: states "j ahead" and "answered".
    private static func answeredWithin(_ ahead: [Double], serviceRate: Double, theta: Double, within: Double) -> Double {
        if within == 0 { return 0 }
        let count = ahead.count
        let uniform = serviceRate + Double(count) * theta + theta
        var state = ahead + [0]  // the last entry: answered
        let mean = uniform * within
        var total = 0.0
        var k = 0
        while Double(k) < mean + 12 * mean.squareRoot() + 30 {
            total += exp(-mean + Double(k) * log(mean) - lgamma(Double(k) + 1)) * state[count]
            var next = [Double](repeating: 0, count: count + 1)
            next[count] = state[count]
            for j in 0..<count {
                let advance = serviceRate + Double(j) * theta
                next[j] += state[j] * (1 - (advance + theta) / uniform)
                next[j == 0 ? count : j - 1] += state[j] * advance / uniform
            }
            state = next
            k += 1
        }
        return total
    }

    static func logAdd(_ u: Double, _ v: Double) -> Double {
        if u == -.infinity { return v }
        if v == -.infinity { return u }
        return max(u, v) + log1p(exp(-abs(u - v)))
    }
}
