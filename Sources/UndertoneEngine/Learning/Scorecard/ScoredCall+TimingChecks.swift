import Foundation

// The items that read when people spoke: silences, share of talk, talking over each other.
extension ScoredCall {
    func deadAir(longerThanMs: Int, allowed: Int) -> ScorecardVerdict {
        guard hasTiming else { return .notApplicable("the turns carry no timing (chat or e-mail), so silences cannot be measured") }
        var silences: [ScorecardEvidence] = []
        var latestEnd: (ms: Int, turn: Turn)?
        for turn in turns {
            let start = Self.start(turn)
            if let previous = latestEnd, start - previous.ms > longerThanMs,
                !holds.contains(where: { $0.startMs < start && $0.endMs > previous.ms })
            {
                let note = "\(Self.tenths(start - previous.ms)) of silence after \(previous.turn.utteranceID)"
                silences.append(Self.evidence(turn, note: note))
            }
            if Self.end(turn) > latestEnd?.ms ?? .min { latestEnd = (Self.end(turn), turn) }
        }
        let over = "longer than \(Self.seconds(longerThanMs))"
        if silences.count <= allowed {
            let found = silences.isEmpty ? "no silence \(over)" : "\(Self.count(silences.count, "silence")) \(over)"
            return ScorecardVerdict(outcome: .pass, reason: "\(found) between turns (allowed \(allowed))", evidence: silences)
        }
        return ScorecardVerdict(
            outcome: .fail, reason: "\(Self.count(silences.count, "silence")) \(over) between turns (allowed \(allowed))", evidence: silences)
    }

    func talkRatio(minimum: Double, maximum: Double) -> ScorecardVerdict {
        let measure: (Turn) -> Double
        let unit: String
        if hasTiming {
            measure = { Double(Self.end($0) - Self.start($0)) / 1000 }
            unit = "s of talk"
        } else {
            measure = { Double(TurnWords($0.text).count) }
            unit = "words"
        }
        let agentTurns = agentTurns
        let agent = agentTurns.reduce(0) { $0 + measure($1) }
        let customer = turns.filter { $0.speaker == .customer }.reduce(0) { $0 + measure($1) }
        guard agent > 0, customer > 0 else { return .notApplicable("the agent and the customer do not both speak") }
        let share = agent / (agent + customer)
        let figures =
            "the agent has \(Self.percent(share)) of the talk (\(Self.amount(agent)) of \(Self.amount(agent + customer)) \(unit))"
        let range = "\(Self.percent(minimum))–\(Self.percent(maximum))"
        // The agent's longest turn shows where the talk went.
        let longest = agentTurns.enumerated().max { (measure($0.element), $1.offset) < (measure($1.element), $0.offset) }!.element
        let evidence = [Self.evidence(longest, note: "the agent's longest turn, \(Self.amount(measure(longest))) \(unit)")]
        if share < minimum - 1e-12 || share > maximum + 1e-12 {
            return ScorecardVerdict(outcome: .fail, reason: "\(figures), outside \(range)", evidence: evidence)
        }
        return ScorecardVerdict(outcome: .pass, reason: "\(figures), within \(range)", evidence: evidence)
    }

    func interruptions(by speaker: SpeakerRole?, minimumOverlapMs: Int, allowed: Int) -> ScorecardVerdict {
        guard hasTiming else { return .notApplicable("the turns carry no timing (chat or e-mail), so overlaps cannot be measured") }
        var found: [ScorecardEvidence] = []
        for (position, turn) in turns.enumerated() where speaker == nil || turn.speaker == speaker {
            let start = Self.start(turn)
            let talkedOver = turns[..<position].filter {
                $0.speaker != turn.speaker && Self.start($0) < start && Self.end($0) - start >= minimumOverlapMs
            }
            guard let other = talkedOver.max(by: { Self.end($0) < Self.end($1) }) else { continue }
            let note =
                "starts \(Self.tenths(Self.end(other) - start)) before \(other.utteranceID) (\(other.speaker.rawValue)) ends: \"\(TurnWords.quote(other.text, limit: 8))\""
            found.append(Self.evidence(turn, note: note))
        }
        let who = speaker.map { "by the \($0.rawValue)" } ?? "by anyone"
        let counted = "\(Self.count(found.count, "interruption")) \(who) (allowed \(allowed))"
        return ScorecardVerdict(outcome: found.count <= allowed ? .pass : .fail, reason: counted, evidence: found)
    }

    // MARK: Wording

    static func tenths(_ ms: Int) -> String { String(format: "%.1f s", Double(ms) / 1000) }

    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }

    static func amount(_ value: Double) -> String { value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value) }
}
