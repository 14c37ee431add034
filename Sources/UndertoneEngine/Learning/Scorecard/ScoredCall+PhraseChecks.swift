/// An item's outcome on a call, with why.
struct ScorecardVerdict {
    var outcome: ScorecardOutcome
    var reason: String
    var evidence: [ScorecardEvidence] = []

    static func notApplicable(_ reason: String) -> ScorecardVerdict { ScorecardVerdict(outcome: .notApplicable, reason: reason) }
}

// The items that listen for what the agent says.
extension ScoredCall {
    func greeting(_ phrases: ScorecardPhrases, withinTurns: Int) -> ScorecardVerdict {
        let opening = agentTurns.prefix(withinTurns)
        guard let first = opening.first else { return .notApplicable("the agent did not speak on this call") }
        for (index, turn) in opening.enumerated() {
            if let match = phrases.firstMatch(in: turn.text) {
                return ScorecardVerdict(
                    outcome: .pass, reason: "the agent greets the caller in their turn \(index + 1) (\"\(match.phrase)\")",
                    evidence: [Self.evidence(turn, quote: match.quote, note: "greeting")])
            }
        }
        let searched = withinTurns == 1 ? "the agent's first turn does not greet" : "none of the agent's first \(withinTurns) turns greets"
        return ScorecardVerdict(
            outcome: .fail, reason: "\(searched) the caller", evidence: [Self.evidence(first, note: "the agent's first turn")])
    }

    func identityVerification(_ phrases: ScorecardPhrases, withinTurns: Int?) -> ScorecardVerdict {
        let agent = agentTurns
        guard !agent.isEmpty else { return .notApplicable("the agent did not speak on this call") }
        let searched = withinTurns.map { Array(agent.prefix($0)) } ?? agent
        for turn in searched {
            if let match = phrases.firstMatch(in: turn.text) {
                return ScorecardVerdict(
                    outcome: .pass, reason: "the agent checks the caller's identity (\"\(match.phrase)\")",
                    evidence: [Self.evidence(turn, quote: match.quote, note: "identity check")])
            }
        }
        let place = withinTurns.map { " in their first \(Self.count($0, "turn"))" } ?? ""
        return ScorecardVerdict(outcome: .fail, reason: "the agent never asks the caller to verify their identity\(place)")
    }

    func empathy(_ phrases: ScorecardPhrases, triggers: ScorecardPhrases, withinTurns: Int) -> ScorecardVerdict {
        guard !agentTurns.isEmpty else { return .notApplicable("the agent did not speak on this call") }
        if triggers.phrases.isEmpty {
            for turn in agentTurns {
                if let match = phrases.firstMatch(in: turn.text) {
                    return ScorecardVerdict(
                        outcome: .pass, reason: "the agent shows empathy (\"\(match.phrase)\")",
                        evidence: [Self.evidence(turn, quote: match.quote, note: "empathy")])
                }
            }
            return ScorecardVerdict(outcome: .fail, reason: "the agent makes no empathy statement")
        }
        var unanswered: [ScorecardEvidence] = []
        for (position, turn) in turns.enumerated() where turn.speaker == .customer {
            guard let trigger = triggers.firstMatch(in: turn.text) else { continue }
            let cause = Self.evidence(turn, quote: trigger.quote, note: "the customer: \"\(trigger.phrase)\"")
            let replies = turns[(position + 1)...].filter { $0.speaker == .agent }.prefix(withinTurns)
            for reply in replies {
                if let match = phrases.firstMatch(in: reply.text) {
                    return ScorecardVerdict(
                        outcome: .pass, reason: "the agent answers the customer's \"\(trigger.phrase)\" with \"\(match.phrase)\"",
                        evidence: [cause, Self.evidence(reply, quote: match.quote, note: "empathy")])
                }
            }
            unanswered.append(cause)
        }
        guard !unanswered.isEmpty else { return .notApplicable("the customer says nothing that calls for empathy") }
        return ScorecardVerdict(
            outcome: .fail,
            reason: "the customer's concern (\(Self.count(unanswered.count, "turn"))) gets no empathy statement within the agent's next "
                + Self.count(withinTurns, "turn"),
            evidence: Array(unanswered.prefix(3)))
    }

    func holdEtiquette(ask: ScorecardPhrases, thank: ScorecardPhrases, askWithinMs: Int, thankWithinMs: Int) -> ScorecardVerdict {
        guard !holds.isEmpty else { return .notApplicable("the caller was not put on hold") }
        var evidence: [ScorecardEvidence] = []
        var lapses: [String] = []
        for hold in holds {
            let span = "hold at \(Self.clock(hold.startMs))"
            let before = agentTurns.filter { Self.start($0) >= hold.startMs - askWithinMs && Self.start($0) <= hold.startMs }
            if let (turn, match) = before.lazy.compactMap({ turn in ask.firstMatch(in: turn.text).map { (turn, $0) } }).last {
                evidence.append(Self.evidence(turn, quote: match.quote, note: "asks before the \(span)"))
            } else {
                lapses.append("the \(span) is not announced")
                evidence.append(ScorecardEvidence(atMs: hold.startMs, note: "\(span): no ask phrase in the \(Self.seconds(askWithinMs)) before"))
            }
            let after = agentTurns.filter { Self.start($0) >= hold.endMs && Self.start($0) <= hold.endMs + thankWithinMs }
            if let (turn, match) = after.lazy.compactMap({ turn in thank.firstMatch(in: turn.text).map { (turn, $0) } }).first {
                evidence.append(Self.evidence(turn, quote: match.quote, note: "thanks after the \(span)"))
            } else {
                lapses.append("nobody thanks the caller after the \(span)")
                evidence.append(ScorecardEvidence(atMs: hold.endMs, note: "\(span): no thanks in the \(Self.seconds(thankWithinMs)) after it"))
            }
        }
        if lapses.isEmpty {
            return ScorecardVerdict(
                outcome: .pass, reason: "every hold (\(holds.count)) is announced and the caller thanked afterwards", evidence: evidence)
        }
        return ScorecardVerdict(outcome: .fail, reason: lapses.joined(separator: "; "), evidence: evidence)
    }

    func closing(_ phrases: ScorecardPhrases, lastTurns: Int) -> ScorecardVerdict {
        let agent = agentTurns
        guard let last = agent.last else { return .notApplicable("the agent did not speak on this call") }
        if transferred { return .notApplicable("the call was transferred, so the agent hands over rather than closes") }
        for turn in agent.suffix(lastTurns) {
            if let match = phrases.firstMatch(in: turn.text) {
                return ScorecardVerdict(
                    outcome: .pass, reason: "the agent closes the call (\"\(match.phrase)\")",
                    evidence: [Self.evidence(turn, quote: match.quote, note: "closing")])
            }
        }
        let searched = lastTurns == 1 ? "the agent's last turn does not close" : "none of the agent's last \(lastTurns) turns closes"
        return ScorecardVerdict(
            outcome: .fail, reason: "\(searched) the call", evidence: [Self.evidence(last, note: "the agent's last turn")])
    }

    // MARK: Wording

    static func count(_ value: Int, _ noun: String) -> String { value == 1 ? "1 \(noun)" : "\(value) \(noun)s" }

    static func clock(_ ms: Int) -> String {
        let seconds = ms / 1000
        let text = "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
        return text
    }

    static func seconds(_ ms: Int) -> String {
        ms % 1000 == 0 ? "\(ms / 1000) s" : "\(Double(ms / 100) / 10) s"
    }
}
