import Foundation

/// How one move went: how often it was made and what the customer's stress did after it.
public struct RecoveryMoveEffect: Sendable, Equatable, Codable {
    public var move: RecoveryMove
    /// Agent turns (or holds) with the move that had a customer turn before and after them.
    public var count: Int
    /// Mean change of customer turn stress: the mean of the next 1–2 customer turns minus the customer turn before.
    public var meanStressChange: Double
    /// Cohen's d against agent turns without any move (negative: stress falls more after the move); nil when either
    /// side has fewer than 2 samples or no spread.
    @ExplicitNull public var effectSize: Double?

    public init(move: RecoveryMove, count: Int, meanStressChange: Double, effectSize: Double?) {
        self.move = move
        self.count = count
        self.meanStressChange = meanStressChange
        self.effectSize = effectSize
    }
}

/// The agent turns without any move: what the moves are compared with.
public struct RecoveryBaseline: Sendable, Equatable, Codable {
    public var count: Int
    @ExplicitNull public var meanStressChange: Double?

    public init(count: Int, meanStressChange: Double?) {
        self.count = count
        self.meanStressChange = meanStressChange
    }
}

/// Did the escalation to a manager resolve it?
public struct ManagerEscalationOutcome: Sendable, Equatable, Codable {
    public var call: String
    public var alert: String
    /// The customer's stress fell back after it (calm again, or 0.1 below `stressBefore`); when the customer said
    /// nothing more, whether the alert was acknowledged as resolved.
    public var resolved: Bool
    /// Whether someone acknowledged the alert as `resolved`.
    public var acknowledgedResolved: Bool
    /// The customer's smoothed stress at the escalation (0 when they had not spoken).
    public var stressBefore: Double
    /// The customer's last smoothed stress after it; nil when they said nothing more.
    @ExplicitNull public var stressAfter: Double?

    public init(call: String, alert: String, resolved: Bool, acknowledgedResolved: Bool, stressBefore: Double, stressAfter: Double?) {
        self.call = call
        self.alert = alert
        self.resolved = resolved
        self.acknowledgedResolved = acknowledgedResolved
        self.stressBefore = stressBefore
        self.stressAfter = stressAfter
    }
}

/// Which agent moves are followed by falling customer stress, overall and per agent, and whether manager escalations
/// resolved their calls (`docs/metrics.md`, "Recovery analysis").
public struct RecoveryAnalysis: Sendable, Equatable, Codable {
    /// Moves made at least once, in the order of `RecoveryMove.allCases`.
    public var moves: [RecoveryMoveEffect]
    public var baseline: RecoveryBaseline
    /// The same per agent (calls without an agent left out), each against that agent's own baseline.
    public var byAgent: [String: [RecoveryMoveEffect]]
    public var escalations: [ManagerEscalationOutcome]

    public init(
        moves: [RecoveryMoveEffect], baseline: RecoveryBaseline, byAgent: [String: [RecoveryMoveEffect]], escalations: [ManagerEscalationOutcome]
    ) {
        self.moves = moves
        self.baseline = baseline
        self.byAgent = byAgent
        self.escalations = escalations
    }

    /// One agent moment measured: the moves made (empty for the baseline) and the stress change after it.
    struct Sample {
        var agent: String?
        var moves: [RecoveryMove]
        var change: Double
    }

    /// Analyses the calls.
    public static func analyze(_ calls: [LoggedCall], settings: MetricsSettings = MetricsSettings()) -> RecoveryAnalysis {
        let detector = RecoveryMoveDetector()
        var samples: [Sample] = []
        var escalations: [ManagerEscalationOutcome] = []
        for call in calls {
            samples += Self.samples(call, detector: detector)
            escalations += Self.managerEscalations(call, settings: settings)
        }
        var byAgent: [String: [RecoveryMoveEffect]] = [:]
        for agent in Set(samples.compactMap(\.agent)) {
            byAgent[agent] = effects(samples.filter { $0.agent == agent })
        }
        let baseline = samples.filter(\.moves.isEmpty).map(\.change)
        return RecoveryAnalysis(
            moves: effects(samples), baseline: RecoveryBaseline(count: baseline.count, meanStressChange: Statistics.mean(baseline)),
            byAgent: byAgent, escalations: escalations)
    }

    static func effects(_ samples: [Sample]) -> [RecoveryMoveEffect] {
        let baseline = samples.filter(\.moves.isEmpty).map(\.change)
        return RecoveryMove.allCases.compactMap { move in
            let changes = samples.filter { $0.moves.contains(move) }.map(\.change)
            guard let mean = Statistics.mean(changes) else { return nil }
            return RecoveryMoveEffect(
                move: move, count: changes.count, meanStressChange: mean, effectSize: Statistics.cohensD(changes, against: baseline))
        }
    }

    /// Every agent turn and hold in the call, in the order of the log, with the customer turn stress before it and the
    /// mean of up to two customer turns after it. Moments without a customer turn on both sides are left out.
    static func samples(_ call: LoggedCall, detector: RecoveryMoveDetector) -> [Sample] {
        var stressOf: [String: Double] = [:]
        for case .signal(let signal) in call.outputs where signal.speaker == .customer { stressOf[signal.utteranceID] = signal.stress }
        enum Moment {
            case customer(Double)
            case agent([RecoveryMove])
        }
        var moments: [Moment] = []
        var transcript = Transcript()
        var holdSaidSinceCustomer = false
        for event in call.events {
            switch event {
            case .turn(let turn):
                guard transcript.apply(turn) == .finalized else { continue }
                switch turn.speaker {
                case .customer:
                    if let stress = stressOf[turn.utteranceID] { moments.append(.customer(stress)) }
                    holdSaidSinceCustomer = false
                case .agent:
                    let moves = detector.moves(in: turn.text)
                    if moves.contains(.hold) { holdSaidSinceCustomer = true }
                    moments.append(.agent(moves))
                case .bot: continue
                }
            case .agentAction(let action) where action.action == .holdStart:
                // A hold the agent already announced in words is one move, not two.
                if !holdSaidSinceCustomer { moments.append(.agent([.hold])) }
                holdSaidSinceCustomer = true
            default: continue
            }
        }
        let agent = call.started?.agentID
        var samples: [Sample] = []
        for (index, moment) in moments.enumerated() {
            guard case .agent(let moves) = moment else { continue }
            let before = moments[..<index].reversed().lazy.compactMap { if case .customer(let stress) = $0 { stress } else { nil } }.first
            let after = moments[(index + 1)...].compactMap { if case .customer(let stress) = $0 { stress } else { nil } }.prefix(2)
            guard let before, !after.isEmpty else { continue }
            samples.append(Sample(agent: agent, moves: moves, change: after.reduce(0, +) / Double(after.count) - before))
        }
        return samples
    }

    static func managerEscalations(_ call: LoggedCall, settings: MetricsSettings) -> [ManagerEscalationOutcome] {
        var outcomes: [ManagerEscalationOutcome] = []
        var lastSmoothed: Double?
        var open: [(index: Int, before: Double)] = []
        for output in call.outputs {
            switch output {
            case .signal(let signal) where signal.speaker == .customer:
                lastSmoothed = signal.smoothedStress
                for escalation in open { outcomes[escalation.index].stressAfter = signal.smoothedStress }
            case .decision(let decision) where decision.tier == .manager && decision.kind != .folded:
                open.append((outcomes.count, lastSmoothed ?? 0))
                outcomes.append(
                    ManagerEscalationOutcome(
                        call: call.callID, alert: decision.alertID, resolved: false, acknowledgedResolved: false, stressBefore: lastSmoothed ?? 0,
                        stressAfter: nil))
            default: continue
            }
        }
        let resolvedAlerts = Set(call.acknowledgements.filter { $0.outcome == .resolved }.map(\.alertID))
        for index in outcomes.indices {
            outcomes[index].acknowledgedResolved = resolvedAlerts.contains(outcomes[index].alert)
            if let after = outcomes[index].stressAfter {
                outcomes[index].resolved = settings.fellBack(from: outcomes[index].stressBefore, to: after)
            } else {
                outcomes[index].resolved = outcomes[index].acknowledgedResolved
            }
        }
        return outcomes
    }
}
