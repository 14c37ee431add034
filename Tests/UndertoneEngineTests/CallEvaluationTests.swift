import Foundation
import Testing

@testable import UndertoneEngine

@Suite("CallEvaluation — escalation decisions scored on labelled calls")
struct CallEvaluationTests {
    /// Two dialogues in the USS format, written for this test: one the user rates poorly, one well, and one in between.
    static let uss = """
        SYSTEM\tHow can I help?\t\t
        USER\tI need a train to Cambridge on Friday morning.\t\t3,3,3
        SYSTEM\tThere is a train to London on Saturday.\t\t
        USER\tNo, I said Cambridge, on Friday.\t\t2,1,2
        SYSTEM\tThere is a train to London on Saturday.\t\t
        USER\tForget it.\t\t1,1,1
        USER\tOVERALL\t\t1,2,1

        SYSTEM\tHello, what can I do for you?\t\t
        USER\tA table for two tonight please.\t\t4,4,4
        SYSTEM\tBooked for 7pm, reference 42.\t\t
        USER\tThank you very much.\t\t5,5,4
        USER\tOVERALL\t\t5,4,5
        USER\tJust a question.\t\t3,3,3
        USER\tOVERALL\t\t3,3,3

        """

    @Test("USS dialogues: dissatisfied troubled, satisfied calm, the middle left out; the onset is the first poorly rated turn")
    func ussDialogues() throws {
        let calls = try LabelledDialogues.uss(Self.uss, prefix: "dev")
        #expect(calls.map(\.name) == ["dev-1", "dev-2"])
        #expect(calls.map(\.kind) == [.troubled, .calm])
        let troubled = calls[0]
        let turns = troubled.events.compactMap { event -> Turn? in if case .turn(let turn) = event { turn } else { nil } }
        #expect(turns.map(\.speaker) == [.agent, .customer, .agent, .customer, .agent, .customer])
        #expect(troubled.onsetUtterance == "u4")
        #expect(troubled.onsetMs == turns[3].at)
        #expect(zip(turns, turns.dropFirst()).allSatisfy { $0.endMs! < $1.startMs! }, "turns follow each other in time")
        guard case .callEnded = troubled.events.last else {
            Issue.record("the call does not end")
            return
        }
        #expect(calls[1].onsetMs == nil)
    }

    @Test("USS: a bad line names its line number")
    func ussErrors() {
        #expect(throws: LabelledSetError.malformed(line: 2, "the role must be USER or SYSTEM, not \"AGENT\"")) {
            try LabelledDialogues.uss("USER\thi\t\t3\nAGENT\thello\t\t\n", prefix: "x")
        }
        #expect(throws: LabelledSetError.malformed(line: 1, "a rating must be a number from 1 to 5, not \"9\"")) {
            try LabelledDialogues.uss("USER\thi\t\t9\n", prefix: "x")
        }
        #expect(throws: LabelledSetError.mismatch("no USER OVERALL line closes the dialogues")) {
            try LabelledDialogues.uss("USER\thi\t\t3\n", prefix: "x")
        }
    }

    @Test("scores: recall on troubled calls, false alarms on calm ones, latency from the onset, per tier")
    func scores() {
        func outcome(_ kind: LabelledCall.Kind, _ tier: Tier?, onset: Int?, first: Int?) -> CallEvaluation.Outcome {
            var firsts: [String: Int] = [:]
            if let tier, let first { for each in Tier.allCases where tier >= each { firsts[each.rawValue] = first } }
            return CallEvaluation.Outcome(
                name: "c", kind: kind, onsetMs: onset, highestTier: tier, firstAlertMs: firsts, firstRule: [:], violations: nil)
        }
        let scores = CallEvaluation.score([
            outcome(.troubled, .manager, onset: 10_000, first: 14_000),
            outcome(.troubled, .coach, onset: 10_000, first: 30_000),
            outcome(.troubled, nil, onset: 10_000, first: nil),
            outcome(.calm, .coach, onset: nil, first: 5_000),
            outcome(.calm, nil, onset: nil, first: nil),
        ])
        #expect(scores.map(\.tier) == [.coach, .supervisor, .manager])
        #expect(scores.map(\.caught) == [2, 1, 1])
        #expect(scores.map(\.falseAlarms) == [1, 0, 0])
        #expect(scores[0].recall == 2.0 / 3.0)
        #expect(scores[0].falseAlarmRate == 0.5)
        #expect(scores[0].medianLatencyMs == 12_000)
        #expect(scores[0].p90LatencyMs == 20_000)
        #expect(scores[2].medianLatencyMs == 4_000)
    }

    @Test("a run records the first alert at each tier and checks the expected outcome")
    func run() throws {
        let model = try TextModel.bundled()
        let calls = try LabelledDialogues.uss(Self.uss, prefix: "dev")
        let analyzer = CallAnalyzer(policy: try Policy.preset(named: "default"), textModel: model, intentModel: nil)
        let outcome = CallEvaluation.run(calls[0], analyzer: analyzer)
        #expect(outcome.kind == .troubled)
        #expect(outcome.violations == nil)
        // The corrected, unanswered and abandoned request reaches the agent's screen at least.
        #expect(outcome.reached(.coach))
        if let first = outcome.firstAlertMs["coach"] { #expect(first >= calls[0].events[1].at) }
    }
}
