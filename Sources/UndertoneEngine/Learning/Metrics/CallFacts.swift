import Foundation

/// What the metrics need to know about one call, read once from its log (`docs/metrics.md` defines each field).
struct CallFacts: Sendable {
    /// An alert the engine raised on the call (a `raised` or `climbed` decision) and what people made of it.
    struct AlertFact: Sendable {
        var id: String
        var rule: String
        var tier: Tier
        /// Wall-clock time it was raised.
        var raisedAt: Date
        var useful = false
        var dismissed = false
        var acknowledged = false
    }

    var callID: String
    var startedAt: Date
    var queue: String?
    var team: String?
    var agent: String?
    var customer: String?
    /// The intent of the customer's first turns; nil when the model names none (out of scope) or the customer said nothing.
    var intent: String?
    var finished: Bool
    var highestTier: Tier?
    /// The call had a coach or supervisor decision.
    var reachedCoachOrSupervisor = false
    /// …and it never reached a manager, and the customer's stress fell back after the first such decision.
    var prevented = false
    var minutesToResolution: Double?
    var transferred = false
    var abandoned = false
    var botHandled = false
    var botContained = false
    var aiToHuman = false
    var survey: Int?
    /// The highest smoothed customer stress; nil without customer turns.
    var peakStress: Double?
    /// Each customer turn's own stress.
    var turnStresses: [Double] = []
    var alerts: [AlertFact] = []
    /// Set across calls: an earlier contact by the same customer about the same intent lies within the window before it.
    var isRepeatContact = false
    /// Set across calls: a later contact by the same customer about the same intent lies within the window after it.
    var repeatedAfter = false
    /// Whether the whole window after the call lies before the end of what was read (first-contact resolution's calls).
    var windowObserved = false

    init(_ call: LoggedCall, intents: IntentModel?, settings: MetricsSettings) {
        callID = call.callID
        startedAt = call.startedAt
        let started = call.started
        queue = started?.queue
        team = started?.team
        agent = started?.agentID
        customer = started?.customerID
        let ended = call.ended
        finished = ended != nil
        survey = ended?.survey

        let turns = call.finalTurns
        let customerTurns = turns.filter { $0.speaker == .customer }
        if let intents, !customerTurns.isEmpty {
            let text = customerTurns.prefix(settings.intentTurns).map(\.text).joined(separator: " ")
            let prediction = intents.classify(text, top: 1)
            intent = prediction.isOutOfScope ? nil : prediction.intent
        }

        readSignalsAndDecisions(call, settings: settings)
        readActions(call, turns: turns, ended: ended)
        readAcknowledgements(call, ended: ended)
    }

    private mutating func readSignalsAndDecisions(_ call: LoggedCall, settings: MetricsSettings) {
        var lastSmoothed: Double?
        var atFirstAlert: Double?
        for output in call.outputs {
            switch output {
            case .signal(let signal) where signal.speaker == .customer:
                lastSmoothed = signal.smoothedStress
                peakStress = max(peakStress ?? 0, signal.smoothedStress)
                turnStresses.append(signal.stress)
            case .decision(let decision):
                highestTier = max(highestTier ?? decision.tier, decision.tier)
                if decision.tier < .manager, !reachedCoachOrSupervisor {
                    reachedCoachOrSupervisor = true
                    atFirstAlert = lastSmoothed ?? 0
                }
                if decision.kind != .folded {
                    alerts.append(
                        AlertFact(
                            id: decision.alertID, rule: decision.rule, tier: decision.tier,
                            raisedAt: startedAt.addingTimeInterval(Double(decision.at) / 1000)))
                }
            default: break
            }
        }
        if reachedCoachOrSupervisor, highestTier != .manager, let atFirstAlert, let lastSmoothed {
            prevented = settings.fellBack(from: atFirstAlert, to: lastSmoothed)
        }
    }

    private mutating func readActions(_ call: LoggedCall, turns: [Turn], ended: CallEnded?) {
        var onHold = false
        for action in call.agentActions {
            switch action.action {
            case .holdStart: onHold = true
            case .holdEnd, .wrapUp: onHold = false
            case .transfer: transferred = true
            default: break
            }
        }
        let firstBot = turns.first { $0.speaker == .bot }
        let agentSpoke = turns.contains { $0.speaker == .agent }
        if let ended {
            let answered = turns.contains { $0.speaker == .agent || $0.speaker == .bot }
            abandoned = ended.disposition?.lowercased() == "abandoned" || onHold || !answered
        }
        guard let firstBot else { return }
        botHandled = true
        let humanAfterBot =
            turns.contains { $0.speaker == .agent && $0.at >= firstBot.at }
            || call.agentActions.contains { $0.action == .transfer && $0.at >= firstBot.at }
        aiToHuman = humanAfterBot
        botContained = finished && !agentSpoke && !transferred && !abandoned
    }

    private mutating func readAcknowledgements(_ call: LoggedCall, ended: CallEnded?) {
        let acks = call.acknowledgements
        for ack in acks {
            guard let index = alerts.firstIndex(where: { $0.id == ack.alertID }) else { continue }
            alerts[index].acknowledged = true
            switch ack.outcome {
            case .useful: (alerts[index].useful, alerts[index].dismissed) = (true, false)
            case .dismissed: (alerts[index].useful, alerts[index].dismissed) = (false, true)
            case .acknowledged, .resolved: break
            }
        }
        // Escalation: the first supervisor-or-manager decision; resolution: the first `resolved` acknowledgement after it,
        // else the end of the call.
        guard let escalation = call.decisions.first(where: { $0.tier >= .supervisor }) else { return }
        let resolvedAt = acks.first { $0.outcome == .resolved && $0.at >= escalation.at }?.at ?? ended?.at
        if let resolvedAt { minutesToResolution = Double(max(0, resolvedAt - escalation.at)) / 60_000 }
    }
}

extension CallFacts {
    /// Marks repeat contacts across calls: same customer, same intent, started at most the window apart. `observedUntil` is
    /// how far the log was read: only a call whose window after it ends by then has `windowObserved`.
    static func linkRepeats(_ facts: inout [CallFacts], settings: MetricsSettings, observedUntil: Date) {
        var byIssue: [String: [Int]] = [:]
        for index in facts.indices {
            guard let customer = facts[index].customer, let intent = facts[index].intent else { continue }
            byIssue[customer + "\u{0}" + intent, default: []].append(index)
        }
        for index in facts.indices {
            facts[index].windowObserved = facts[index].startedAt.addingTimeInterval(settings.repeatWindow) <= observedUntil
        }
        for indices in byIssue.values {
            let ordered = indices.sorted { (facts[$0].startedAt, facts[$0].callID) < (facts[$1].startedAt, facts[$1].callID) }
            for (position, later) in ordered.enumerated() {
                for earlier in ordered[..<position] {
                    let gap = facts[later].startedAt.timeIntervalSince(facts[earlier].startedAt)
                    guard gap > 0, gap <= settings.repeatWindow else { continue }
                    facts[later].isRepeatContact = true
                    facts[earlier].repeatedAfter = true
                }
            }
        }
    }
}
