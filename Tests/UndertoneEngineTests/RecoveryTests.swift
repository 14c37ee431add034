import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Recovery analysis")
struct RecoveryTests {
    /// Agent A's call: moments in order (customer turn stress / agent moves):
    ///   C 0.8 · A apology · C 0.5 · C 0.4 · A (none) · C 0.45 · A (none) · C 0.5 · A apology+explanation · C 0.2 · C 0.1
    /// Each agent turn: change = mean of the next two customer turns − the customer turn before.
    ///   apology: (0.5+0.4)/2 − 0.8 = −0.35 · none: (0.45+0.5)/2 − 0.4 = +0.075 · none: (0.5+0.2)/2 − 0.45 = −0.10 ·
    ///   apology+explanation: (0.2+0.1)/2 − 0.5 = −0.35.
    /// Apology: n 2, mean −0.35, s² 0. Baseline: n 2, mean −0.0125, s² = 2·0.0875² / 1 = 0.0153125.
    /// Pooled SD = √((1·0 + 1·0.0153125) / 2) = 0.0875; d = (−0.35 − (−0.0125)) / 0.0875 = −3.857142…
    /// A manager alert after the first turn (smoothed 0.8); the last customer turn after it is at 0.1: resolved.
    ///
    /// Agent B's call: C 0.6 · A "let me put you on hold" · hold_start · C 0.3 — one hold move (the action is the same
    /// hold the agent announced), change −0.3.
    static func calls() -> [LoggedCall] {
        var a = ScriptedCall("R1", customer: "X", queue: "billing", team: "blue", agent: "A", startsAfter: 0)
        a.customer("you charged me twice and I am furious", at: 1_000, stress: 0.8)
        a.decision(.manager, rule: "outburst", at: 1_000)
        a.agent("I'm so sorry about that", at: 2_000)
        a.customer("well it keeps happening", at: 3_000, stress: 0.5)
        a.customer("every month", at: 4_000, stress: 0.4)
        a.agent("let me check the account", at: 5_000)
        a.customer("ok", at: 6_000, stress: 0.45)
        a.agent("the account number is there", at: 7_000)
        a.customer("and?", at: 8_000, stress: 0.5)
        a.agent("I apologise, because the system failed to apply your discount", at: 9_000)
        a.customer("right, thanks", at: 10_000, stress: 0.2)
        a.customer("that makes sense", at: 11_000, stress: 0.1)
        a.end(at: 20_000)

        var b = ScriptedCall("R2", customer: "Y", queue: "tech", team: "green", agent: "B", startsAfter: 60)
        b.customer("it still does not work", at: 1_000, stress: 0.6)
        b.agent("let me put you on hold while I check", at: 2_000)
        b.action(.holdStart, at: 3_000)
        b.action(.holdEnd, at: 30_000)
        b.customer("ok", at: 31_000, stress: 0.3)
        b.end(at: 40_000)
        return [a.logged, b.logged]
    }

    @Test("moves, their stress change and Cohen's d against turns without a move")
    func moves() throws {
        let analysis = RecoveryAnalysis.analyze(Self.calls())
        #expect(analysis.baseline.count == 2)
        #expect(MetricsTests.near(analysis.baseline.meanStressChange, -0.0125))
        let apology = try #require(analysis.moves.first { $0.move == .apology })
        #expect(apology.count == 2)
        #expect(MetricsTests.near(apology.meanStressChange, -0.35))
        #expect(MetricsTests.near(apology.effectSize, -0.3375 / 0.0875, within: 1e-9))
        let explanation = try #require(analysis.moves.first { $0.move == .explanation })
        #expect(explanation.count == 1)
        #expect(explanation.effectSize == nil, "one sample has no spread")
        let hold = try #require(analysis.moves.first { $0.move == .hold })
        #expect(hold.count == 1)
        #expect(MetricsTests.near(hold.meanStressChange, -0.3))
        #expect(analysis.moves.map(\.move) == [.apology, .explanation, .hold], "moves never made are left out")
        // Per agent, against the agent's own baseline: B has no turn without a move, so no effect size.
        #expect(analysis.byAgent["A"]?.map(\.move) == [.apology, .explanation])
        #expect(MetricsTests.near(analysis.byAgent["A"]?.first?.effectSize, -0.3375 / 0.0875))
        #expect(analysis.byAgent["B"]?.first?.effectSize == nil)
    }

    @Test("did the manager escalation resolve it?")
    func managerEscalations() {
        let analysis = RecoveryAnalysis.analyze(Self.calls())
        #expect(
            analysis.escalations == [
                ManagerEscalationOutcome(call: "R1", alert: "R1-a1", resolved: true, acknowledgedResolved: false, stressBefore: 0.8, stressAfter: 0.1)
            ])
        // A manager alert after which the customer stays angry and nobody marks it resolved.
        var angry = ScriptedCall("R3", customer: "Z", queue: "tech", team: nil, agent: nil, startsAfter: 0)
        angry.customer("this is a disgrace", at: 1_000, stress: 0.9)
        let alert = angry.decision(.manager, rule: "outburst", at: 1_000)
        angry.customer("I'm still waiting", at: 5_000, stress: 0.85)
        var quiet = ScriptedCall("R4", customer: "W", queue: "tech", team: nil, agent: nil, startsAfter: 0)
        quiet.customer("this is a disgrace", at: 1_000, stress: 0.9)
        let quietAlert = quiet.decision(.manager, rule: "outburst", at: 1_000)
        quiet.ack(quietAlert, .resolved, at: 9_000)
        let outcomes = RecoveryAnalysis.analyze([angry.logged, quiet.logged]).escalations
        #expect(outcomes.map(\.alert) == [alert, quietAlert])
        #expect(outcomes.map(\.resolved) == [false, true])
        #expect(outcomes.map(\.stressAfter) == [0.85, nil])
        #expect(outcomes.map(\.acknowledgedResolved) == [false, true])
    }

    @Test("the move detector hears each move in ordinary wording")
    func detector() {
        let detector = RecoveryMoveDetector()
        #expect(detector.moves(in: "I'm really sorry, I completely understand") == [.apology, .acknowledgement])
        #expect(detector.moves(in: "Leave it with me, I'll make sure it's fixed today") == [.ownership])
        #expect(detector.moves(in: "That happened because the payment bounced") == [.explanation])
        #expect(detector.moves(in: "Would you like me to get my supervisor?") == [.supervisor])
        #expect(detector.moves(in: "Can I put you on hold for a moment?") == [.hold])
        #expect(detector.moves(in: "Your balance is forty pounds").isEmpty)
    }
}
