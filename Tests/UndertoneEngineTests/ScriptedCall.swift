import Foundation

@testable import UndertoneEngine

/// A call written line by line in a test, as the log would hold it: events, and the engine outputs a test chooses (the
/// stress of each customer turn, the decisions), so that metrics can be worked out by hand.
struct ScriptedCall {
    static let base = Date(timeIntervalSince1970: 1_795_424_400)  // 2026-11-23T09:00:00Z, a Monday

    var callID: String
    var startedAt: Date
    var events: [CallEvent] = []
    var outputs: [EngineOutput] = []
    private var turns = 0
    private var alerts = 0

    init(_ callID: String, customer: String, queue: String, team: String?, agent: String?, startsAfter seconds: Double, channel: Channel = .voice) {
        self.callID = callID
        startedAt = Self.base.addingTimeInterval(seconds)
        events.append(.callStarted(CallStarted(callID: callID, channel: channel, customerID: customer, queue: queue, agentID: agent, team: team)))
    }

    var logged: LoggedCall { LoggedCall(callID: callID, startedAt: startedAt, events: events, outputs: outputs) }

    /// A customer turn with its turn stress and smoothed stress.
    mutating func customer(_ text: String, at: Int, stress: Double, smoothed: Double? = nil) {
        turns += 1
        let id = "u\(turns)"
        events.append(.turn(Turn(callID: callID, at: at, utteranceID: id, speaker: .customer, text: text)))
        outputs.append(
            .signal(
                TurnSignal(
                    callID: callID, utteranceID: id, speaker: .customer, at: at, emotions: EmotionScores(frustration: stress),
                    polarity: PolarityScores(negative: stress, neutral: 1 - stress, positive: 0), cues: [], explanations: [], stress: stress,
                    smoothedStress: smoothed ?? stress, trend: 0)))
    }

    mutating func agent(_ text: String, at: Int) { say(.agent, text, at: at) }
    mutating func bot(_ text: String, at: Int) { say(.bot, text, at: at) }

    private mutating func say(_ speaker: SpeakerRole, _ text: String, at: Int) {
        turns += 1
        events.append(.turn(Turn(callID: callID, at: at, utteranceID: "u\(turns)", speaker: speaker, text: text)))
    }

    /// A decision; `raised` and `climbed` ones open a new alert (`CALL-aN`), a `folded` one joins `into`. Returns the alert id.
    @discardableResult
    mutating func decision(_ tier: Tier, rule: String, at: Int, kind: Decision.Kind = .raised, into: String? = nil) -> String {
        let alertID: String
        if kind == .folded, let into {
            alertID = into
        } else {
            alerts += 1
            alertID = "\(callID)-a\(alerts)"
        }
        outputs.append(
            .decision(
                Decision(
                    callID: callID, at: at, kind: kind, tier: tier, rule: rule, alertID: alertID, reasons: [], utteranceIDs: ["u\(turns)"],
                    guidance: nil, responses: [])))
        return alertID
    }

    mutating func ack(_ alert: String, _ outcome: AlertOutcome, at: Int) {
        events.append(.alertAcknowledged(AlertAcknowledgement(callID: callID, at: at, alertID: alert, by: "sup-1", outcome: outcome)))
    }

    mutating func action(_ kind: AgentActionKind, at: Int) {
        events.append(.agentAction(AgentAction(callID: callID, at: at, action: kind)))
    }

    mutating func end(at: Int, disposition: String? = nil, survey: Int? = nil) {
        events.append(.callEnded(CallEnded(callID: callID, at: at, disposition: disposition, survey: survey)))
    }
}
