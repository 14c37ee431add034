import Foundation

/// What the contact centre learned from a period's calls: escalation and call metrics overall and by queue, team and
/// agent, alert precision by rule, escalations by hour, stress by queue, recovery analysis and QA scorecards. The JSON of
/// `GET /v1/report` and of `undertone report` (`docs/metrics.md`); `ReportHTML` draws it.
public struct Report: Sendable, Equatable, Codable {
    /// The period, ISO 8601 UTC: calls that started at or after `from` and before `to`.
    public var from: String
    public var to: String
    public var generatedAt: String
    public var overall: Metrics
    public var byQueue: [String: Metrics]
    public var byTeam: [String: Metrics]
    public var byAgent: [String: Metrics]
    /// By rule and tier, most alerts first.
    public var byRule: [RuleAlerts]
    /// Hours with a call or an alert, in order.
    public var hourly: [HourlyEscalations]
    /// By queue name.
    public var stressByQueue: [QueueStress]
    public var recovery: RecoveryAnalysis
    public var scorecards: ScorecardSummary
    /// Every surveyed call with a customer turn: its score and peak stress.
    public var csatPoints: [CSATPoint]

    public init(
        from: String, to: String, generatedAt: String, overall: Metrics, byQueue: [String: Metrics], byTeam: [String: Metrics],
        byAgent: [String: Metrics], byRule: [RuleAlerts], hourly: [HourlyEscalations], stressByQueue: [QueueStress], recovery: RecoveryAnalysis,
        scorecards: ScorecardSummary, csatPoints: [CSATPoint]
    ) {
        self.from = from
        self.to = to
        self.generatedAt = generatedAt
        self.overall = overall
        self.byQueue = byQueue
        self.byTeam = byTeam
        self.byAgent = byAgent
        self.byRule = byRule
        self.hourly = hourly
        self.stressByQueue = stressByQueue
        self.recovery = recovery
        self.scorecards = scorecards
        self.csatPoints = csatPoints
    }
}

extension Report {
    /// Builds the report of the calls that started in `from..<to` (and, with `team`, belong to it).
    ///
    /// `calls` should also hold the calls of the repeat window either side of the period (from `from` minus the window to
    /// `to` plus the window, or `generatedAt` if sooner), of every team: they are read only to find repeat contacts. A
    /// call's first-contact resolution is known once its window is over by `min(to + window, generatedAt)`.
    public static func build(
        calls: [LoggedCall], from: Date, to: Date, generatedAt: Date, team: String? = nil, settings: MetricsSettings = MetricsSettings(),
        intents: IntentModel?, scorecard: Scorecard?
    ) -> Report {
        var facts = calls.map { CallFacts($0, intents: intents, settings: settings) }
        let observedUntil = min(to.addingTimeInterval(settings.repeatWindow), generatedAt)
        CallFacts.linkRepeats(&facts, settings: settings, observedUntil: observedUntil)
        let inPeriod = calls.indices.filter { index in
            let call = calls[index]
            return call.startedAt >= from && call.startedAt < to && (team == nil || call.started?.team == team)
        }
        let periodFacts = inPeriod.map { facts[$0] }
        let periodCalls = inPeriod.map { calls[$0] }

        func grouped(_ key: (CallFacts) -> String?) -> [String: Metrics] {
            Dictionary(grouping: periodFacts.filter { key($0) != nil }) { key($0) ?? "" }.mapValues { Metrics($0) }
        }
        return Report(
            from: ReportTime.text(from), to: ReportTime.text(to), generatedAt: ReportTime.text(generatedAt), overall: Metrics(periodFacts),
            byQueue: grouped(\.queue), byTeam: grouped(\.team), byAgent: grouped(\.agent), byRule: ruleAlerts(periodFacts),
            hourly: hourly(periodFacts), stressByQueue: stressByQueue(periodFacts),
            recovery: RecoveryAnalysis.analyze(periodCalls, settings: settings),
            scorecards: scorecardSummary(periodCalls.filter { $0.ended != nil }, scorecard: scorecard),
            csatPoints: periodFacts.compactMap { fact in
                guard let survey = fact.survey, let peak = fact.peakStress else { return nil }
                return CSATPoint(call: fact.callID, survey: survey, peakStress: peak)
            })
    }

    static func ruleAlerts(_ facts: [CallFacts]) -> [RuleAlerts] {
        var byRule: [String: RuleAlerts] = [:]
        for alert in facts.flatMap(\.alerts) {
            let key = alert.rule + "\u{0}" + alert.tier.rawValue
            var entry =
                byRule[key] ?? RuleAlerts(rule: alert.rule, tier: alert.tier, alerts: 0, useful: 0, dismissed: 0, acknowledged: 0, precision: nil)
            entry.alerts += 1
            if alert.useful { entry.useful += 1 }
            if alert.dismissed { entry.dismissed += 1 }
            if alert.acknowledged { entry.acknowledged += 1 }
            let judged = entry.useful + entry.dismissed
            entry.precision = judged > 0 ? Double(entry.useful) / Double(judged) : nil
            byRule[key] = entry
        }
        return byRule.values.sorted { ($1.alerts, $0.rule, $0.tier) < ($0.alerts, $1.rule, $1.tier) }
    }

    static func hourly(_ facts: [CallFacts]) -> [HourlyEscalations] {
        var hours: [Int: HourlyEscalations] = [:]
        func hour(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 3600).rounded(.down)) }
        func entry(_ hour: Int) -> HourlyEscalations {
            hours[hour]
                ?? HourlyEscalations(
                    hour: ReportTime.text(Date(timeIntervalSince1970: Double(hour) * 3600)), calls: 0, coach: 0, supervisor: 0, manager: 0)
        }
        for fact in facts {
            var started = entry(hour(fact.startedAt))
            started.calls += 1
            hours[hour(fact.startedAt)] = started
            for alert in fact.alerts {
                var raised = entry(hour(alert.raisedAt))
                switch alert.tier {
                case .coach: raised.coach += 1
                case .supervisor: raised.supervisor += 1
                case .manager: raised.manager += 1
                }
                hours[hour(alert.raisedAt)] = raised
            }
        }
        return hours.sorted { $0.key < $1.key }.map(\.value)
    }

    static func stressByQueue(_ facts: [CallFacts]) -> [QueueStress] {
        Dictionary(grouping: facts.filter { $0.queue != nil }) { $0.queue ?? "" }
            .map { queue, calls in
                QueueStress(
                    queue: queue, calls: calls.count, meanPeakStress: Statistics.mean(calls.compactMap(\.peakStress)) ?? 0,
                    meanStress: Statistics.mean(calls.flatMap(\.turnStresses)) ?? 0)
            }
            .sorted { $0.queue < $1.queue }
    }

    static func scorecardSummary(_ calls: [LoggedCall], scorecard: Scorecard?) -> ScorecardSummary {
        guard let scorecard else { return ScorecardSummary(scorecard: "", calls: 0, meanScore: nil, items: []) }
        let results = calls.map { scorecard.score($0.events) }
        let items = scorecard.items.enumerated().map { index, item in
            let outcomes = results.map { $0.items[index].outcome }
            let passed = outcomes.filter { $0 == .pass }.count
            let judged = outcomes.filter { $0 != .notApplicable }.count
            return ScorecardItemSummary(id: item.id, title: item.description ?? item.id, passRate: judged > 0 ? Double(passed) / Double(judged) : nil)
        }
        return ScorecardSummary(
            scorecard: scorecard.name, calls: results.count, meanScore: Statistics.mean(results.compactMap(\.score)), items: items)
    }
}

/// Wall-clock times as the report writes and reads them: ISO 8601 in UTC with `Z`.
public enum ReportTime {
    /// `2026-11-23T10:00:00Z`; fractions of a second are written only when there are any (`…T10:00:00.250Z`).
    public static func text(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: !whole, timeZone: .gmt))
    }

    /// Reads `2026-11-23T10:00:00Z` (fractions of a second and `±hh:mm` offsets allowed) or a bare date `2026-11-23`
    /// (midnight UTC); nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.count == 10, let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
