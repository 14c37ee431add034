import Foundation

/// The share of calls that reached each tier, or higher.
public struct TierRates: Sendable, Equatable, Codable {
    @ExplicitNull public var coach: Double?
    @ExplicitNull public var supervisor: Double?
    @ExplicitNull public var manager: Double?

    public init(coach: Double?, supervisor: Double?, manager: Double?) {
        self.coach = coach
        self.supervisor = supervisor
        self.manager = manager
    }
}

/// Survey scores and how they go with stress.
public struct CSATSummary: Sendable, Equatable, Codable {
    /// Calls with a survey score.
    public var responses: Int
    /// The mean score, 1 to 5; nil without responses.
    @ExplicitNull public var mean: Double?
    /// Pearson's correlation between the score and the call's peak smoothed customer stress; nil with fewer than 3
    /// responses from calls where the customer spoke, or when either side does not vary.
    @ExplicitNull public var stressCorrelation: Double?

    public init(responses: Int, mean: Double?, stressCorrelation: Double?) {
        self.responses = responses
        self.mean = mean
        self.stressCorrelation = stressCorrelation
    }
}

/// The escalation and call metrics of a set of calls (`docs/metrics.md` gives each definition and formula). Rates are
/// fractions in 0...1, nil (JSON null) when their denominator is 0.
public struct Metrics: Sendable, Equatable, Codable {
    public var calls: Int
    /// Calls whose highest decision tier reached at least each tier, over calls.
    public var escalationRate: TierRates
    /// Calls that reached coach or supervisor, never manager, and whose stress fell back, over calls that reached coach or
    /// supervisor.
    @ExplicitNull public var preventionRate: Double?
    /// Mean minutes of event time from the first supervisor-or-manager decision to the first `resolved` acknowledgement
    /// after it, or to the end of the call.
    @ExplicitNull public var meanMinutesToResolution: Double?
    /// Calls without a repeat contact in the window after them, over calls whose window is over.
    @ExplicitNull public var firstContactResolution: Double?
    /// Calls that are a repeat contact (an earlier contact on the same issue within the window), over calls.
    @ExplicitNull public var repeatContactRate: Double?
    /// Calls with a transfer, over calls.
    @ExplicitNull public var transferRate: Double?
    /// Abandoned calls over finished calls.
    @ExplicitNull public var abandonmentRate: Double?
    /// Finished bot calls the bot handled alone, over finished calls with a bot turn.
    @ExplicitNull public var aiContainmentRate: Double?
    /// Calls with a bot turn later answered by an agent or transferred, over calls with a bot turn.
    @ExplicitNull public var aiToHumanRate: Double?
    public var csat: CSATSummary

    public init(
        calls: Int, escalationRate: TierRates, preventionRate: Double?, meanMinutesToResolution: Double?, firstContactResolution: Double?,
        repeatContactRate: Double?, transferRate: Double?, abandonmentRate: Double?, aiContainmentRate: Double?, aiToHumanRate: Double?,
        csat: CSATSummary
    ) {
        self.calls = calls
        self.escalationRate = escalationRate
        self.preventionRate = preventionRate
        self.meanMinutesToResolution = meanMinutesToResolution
        self.firstContactResolution = firstContactResolution
        self.repeatContactRate = repeatContactRate
        self.transferRate = transferRate
        self.abandonmentRate = abandonmentRate
        self.aiContainmentRate = aiContainmentRate
        self.aiToHumanRate = aiToHumanRate
        self.csat = csat
    }

    /// Writes every field, nil ones as JSON null.
}

extension Metrics {
    /// The metrics of these calls; repeat contacts must already be linked across all the calls read.
    init(_ facts: [CallFacts]) {
        let calls = facts.count
        func share(_ count: Int, of total: Int) -> Double? { total > 0 ? Double(count) / Double(total) : nil }
        func count(_ predicate: (CallFacts) -> Bool) -> Int { facts.reduce(0) { $0 + (predicate($1) ? 1 : 0) } }
        func reached(_ tier: Tier) -> Double? { share(count { ($0.highestTier.map { $0 >= tier }) ?? false }, of: calls) }

        let flagged = facts.filter(\.reachedCoachOrSupervisor)
        let resolutions = facts.compactMap(\.minutesToResolution)
        let observed = facts.filter(\.windowObserved)
        let finished = facts.filter(\.finished)
        let botFinished = finished.filter(\.botHandled)
        let bot = facts.filter(\.botHandled)
        let surveyed = facts.filter { $0.survey != nil }
        let pairs = surveyed.compactMap { fact in fact.peakStress.map { (Double(fact.survey ?? 0), $0) } }
        self.init(
            calls: calls,
            escalationRate: TierRates(coach: reached(.coach), supervisor: reached(.supervisor), manager: reached(.manager)),
            preventionRate: share(flagged.filter(\.prevented).count, of: flagged.count),
            meanMinutesToResolution: resolutions.isEmpty ? nil : resolutions.reduce(0, +) / Double(resolutions.count),
            firstContactResolution: share(observed.filter { !$0.repeatedAfter }.count, of: observed.count),
            repeatContactRate: share(count(\.isRepeatContact), of: calls),
            transferRate: share(count(\.transferred), of: calls),
            abandonmentRate: share(finished.filter(\.abandoned).count, of: finished.count),
            aiContainmentRate: share(botFinished.filter(\.botContained).count, of: botFinished.count),
            aiToHumanRate: share(bot.filter(\.aiToHuman).count, of: bot.count),
            csat: CSATSummary(
                responses: surveyed.count,
                mean: surveyed.isEmpty ? nil : Double(surveyed.reduce(0) { $0 + ($1.survey ?? 0) }) / Double(surveyed.count),
                stressCorrelation: Statistics.pearson(pairs)))
    }
}

/// The few statistics learning uses.
enum Statistics {
    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Sample variance (n − 1); nil with fewer than two values.
    static func variance(_ values: [Double]) -> Double? {
        guard values.count >= 2, let mean = mean(values) else { return nil }
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }

    /// Pearson's r of the pairs; nil with fewer than 3 pairs or when either side is constant.
    static func pearson(_ pairs: [(Double, Double)]) -> Double? {
        guard pairs.count >= 3 else { return nil }
        let n = Double(pairs.count)
        let meanX = pairs.reduce(0) { $0 + $1.0 } / n
        let meanY = pairs.reduce(0) { $0 + $1.1 } / n
        var covariance = 0.0
        var varianceX = 0.0
        var varianceY = 0.0
        for (x, y) in pairs {
            covariance += (x - meanX) * (y - meanY)
            varianceX += (x - meanX) * (x - meanX)
            varianceY += (y - meanY) * (y - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return nil }
        return covariance / (varianceX * varianceY).squareRoot()
    }

    /// Cohen's d of `sample` against `baseline`: the difference of their means over the pooled standard deviation
    /// √(((n₁−1)s₁² + (n₂−1)s₂²) / (n₁+n₂−2)); nil when either has fewer than 2 values or the pooled deviation is 0.
    static func cohensD(_ sample: [Double], against baseline: [Double]) -> Double? {
        guard let v1 = variance(sample), let v2 = variance(baseline), let m1 = mean(sample), let m2 = mean(baseline) else { return nil }
        let n1 = Double(sample.count)
        let n2 = Double(baseline.count)
        let pooled = (((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2)).squareRoot()
        guard pooled > 0 else { return nil }
        return (m1 - m2) / pooled
    }
}
