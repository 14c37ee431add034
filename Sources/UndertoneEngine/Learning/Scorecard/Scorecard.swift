import Foundation

/// A QA scorecard: items a finished call passes or fails (greeting, identity check, empathy, hold etiquette, closing,
/// dead air, talk ratio, interruptions), each worth points. Written in YAML (`docs/scorecards.md`), read with every
/// problem located by line, and scored deterministically from the call's events, with the turns that prove each result.
public struct Scorecard: Sendable, Equatable {
    /// The format version this build reads (`version:`).
    public static let formatVersion = 1
    /// The scorecards shipped with the engine.
    public static let bundledNames = ["default"]

    /// The scorecard's name, carried into every result.
    public var name: String
    /// The format version (`formatVersion`).
    public var version: Int
    public var description: String?
    /// The items in the order written; results keep this order.
    public var items: [ScorecardItem]

    public init(name: String, version: Int = Scorecard.formatVersion, description: String? = nil, items: [ScorecardItem]) {
        self.name = name
        self.version = version
        self.description = description
        self.items = items
    }

    /// Reads a scorecard from YAML; throws the first problem (by line) if there is any. `validate(yaml:)` lists them all.
    public static func parse(yaml: String) throws(ScorecardError) -> Scorecard {
        var reader = ScorecardReader(yaml: yaml)
        let scorecard = reader.read()
        if let first = reader.errors.first { throw first }
        guard let scorecard else { throw ScorecardError(message: "the scorecard could not be read") }
        return scorecard
    }

    /// Every problem in a scorecard, in the order of the file; empty when it is valid.
    public static func validate(yaml: String) -> [ScorecardError] {
        var reader = ScorecardReader(yaml: yaml)
        _ = reader.read()
        return reader.errors
    }

    /// A scorecard shipped with the engine (`Resources/Scorecards/NAME.yaml`), parsed.
    public static func bundled(named name: String = "default") throws(ScorecardError) -> Scorecard {
        guard bundledNames.contains(name) else {
            throw ScorecardError(message: PolicyText.unknown("scorecard", name, expected: bundledNames))
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Scorecards"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw ScorecardError(message: "scorecard \(name) is missing from the engine's resources (Scorecards/\(name).yaml)")
        }
        do {
            return try parse(yaml: text)
        } catch {
            throw ScorecardError(line: error.line, column: error.column, message: "scorecard \(name): \(error.message)")
        }
    }

    /// Scores a finished call from its events (partial turns are superseded by their finals; order of lines is kept).
    public func score(_ events: [CallEvent]) -> ScorecardResult {
        let call = ScoredCall(events: events)
        var results: [ScorecardItemResult] = []
        for item in items {
            let verdict = call.verdict(for: item)
            results.append(
                ScorecardItemResult(
                    id: item.id, kind: item.kind, outcome: verdict.outcome, weight: item.weight, points: verdict.outcome == .pass ? item.weight : 0,
                    critical: item.critical, reason: verdict.reason, evidence: verdict.evidence))
        }
        let applicable = results.filter { $0.outcome != .notApplicable }
        let possible = applicable.reduce(0) { $0 + $1.weight }
        let points = applicable.reduce(0) { $0 + $1.points }
        let criticalFailed = results.contains { $0.critical && $0.outcome == .fail }
        let score: Double? = possible > 0 ? (criticalFailed ? 0 : 100 * points / possible) : nil
        return ScorecardResult(
            scorecard: name, callID: call.callID, score: score, points: points, possiblePoints: possible, criticalFailed: criticalFailed,
            items: results)
    }
}

extension ScoredCall {
    /// One item's verdict: not applicable outside its channels and queues, else its check's.
    func verdict(for item: ScorecardItem) -> ScorecardVerdict {
        if let channels = item.channels, let channel, !channels.contains(channel) {
            return .notApplicable("the item applies to \(channels.map(\.rawValue).joined(separator: ", ")) only, not \(channel.rawValue)")
        }
        if let queues = item.queues, let queue, !queues.contains(queue) {
            return .notApplicable("the item applies to the queues \(queues.joined(separator: ", ")) only, not \(queue)")
        }
        switch item.check {
        case .greeting(let phrases, let withinTurns): return greeting(ScorecardPhrases(phrases), withinTurns: withinTurns)
        case .identityVerification(let phrases, let withinTurns): return identityVerification(ScorecardPhrases(phrases), withinTurns: withinTurns)
        case .empathy(let phrases, let triggers, let withinTurns):
            return empathy(ScorecardPhrases(phrases), triggers: ScorecardPhrases(triggers), withinTurns: withinTurns)
        case .holdEtiquette(let ask, let thank, let askWithinMs, let thankWithinMs):
            return holdEtiquette(ask: ScorecardPhrases(ask), thank: ScorecardPhrases(thank), askWithinMs: askWithinMs, thankWithinMs: thankWithinMs)
        case .closing(let phrases, let lastTurns): return closing(ScorecardPhrases(phrases), lastTurns: lastTurns)
        case .deadAir(let longerThanMs, let allowed): return deadAir(longerThanMs: longerThanMs, allowed: allowed)
        case .talkRatio(let minimum, let maximum): return talkRatio(minimum: minimum, maximum: maximum)
        case .interruptions(let by, let minimumOverlapMs, let allowed):
            return interruptions(by: by, minimumOverlapMs: minimumOverlapMs, allowed: allowed)
        }
    }
}
