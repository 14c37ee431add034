import Foundation
import Testing

@testable import UndertoneEngine

/// Ten scripted calls whose metrics are worked out by hand below. The period is 2026-11-23T09:00Z plus 11 days; the log
/// was read up to day 12, so with the default 7-day window a call's repeat window is over if it started by day 5.
///
/// | call | customer | queue   | team  | agent | starts       | what happens                                             | survey |
/// |------|----------|---------|-------|-------|--------------|----------------------------------------------------------|--------|
/// | C1   | R        | billing | blue  | A1    | d0 09:00     | calm billing question, resolved                           | 5      |
/// | C2   | P2       | billing | blue  | A1    | d0 10:00     | coach alert (useful), apology, stress falls to 0.30       | 4      |
/// | C3   | P3       | tech    | blue  | A2    | d0 10:30     | supervisor alert at 20 s (dismissed), resolved ack at 80 s | 2      |
/// | C4   | P4       | tech    | green | A3    | d0 11:10     | coach at 5 s, manager at 15 s, ends at 105 s              | 1      |
/// | C5   | P5       | billing | green | A3    | d0 11:20     | transferred                                              | –      |
/// | C6   | P6       | tech    | blue  | A2    | d0 12:05     | put on hold and hangs up on hold (abandoned)              | –      |
/// | C7   | P7       | billing | –     | –     | d0 12:10     | bot only, resolved (contained)                            | 5      |
/// | C8   | P8       | billing | green | A3    | d0 12:40     | bot, then an agent (AI → human)                           | 3      |
/// | C9   | R        | billing | blue  | A1    | d2 09:00     | same billing issue as C1: a repeat contact                | 3      |
/// | C10  | R        | billing | blue  | A1    | d10 09:00    | same issue, 8 days after C9, 10 after C1: not a repeat    | –      |
@Suite("Metrics")
struct MetricsTests {
    static let billing = "I was charged twice on my bill this month and I need a refund for the extra charge"
    static let day = 86_400.0

    static func calls() -> [LoggedCall] {
        var c1 = ScriptedCall("C1", customer: "R", queue: "billing", team: "blue", agent: "A1", startsAfter: 0)
        c1.agent("Thank you for calling, how can I help?", at: 1_000)
        c1.customer(billing, at: 5_000, stress: 0.2)
        c1.agent("I can see the double charge, I have refunded it.", at: 20_000)
        c1.end(at: 60_000, disposition: "resolved", survey: 5)

        var c2 = ScriptedCall("C2", customer: "P2", queue: "billing", team: "blue", agent: "A1", startsAfter: 3_600)
        c2.agent("Hello, you're through to billing.", at: 1_000)
        c2.customer("This is really annoying, my card was declined again", at: 10_000, stress: 0.6)
        let coach = c2.decision(.coach, rule: "rising-frustration", at: 10_000)
        c2.ack(coach, .useful, at: 12_000)
        c2.agent("I'm so sorry about that, I understand how annoying that is.", at: 15_000)
        c2.customer("ok thanks, that helps", at: 25_000, stress: 0.1, smoothed: 0.3)
        c2.end(at: 60_000, disposition: "resolved", survey: 4)

        var c3 = ScriptedCall("C3", customer: "P3", queue: "tech", team: "blue", agent: "A2", startsAfter: 5_400)
        c3.agent("Hi, technical support.", at: 1_000)
        c3.customer("My internet has been down for three days and nobody fixes it", at: 20_000, stress: 0.7)
        let supervisor = c3.decision(.supervisor, rule: "sustained-anger", at: 20_000)
        c3.agent("I can see the fault on the line.", at: 25_000)
        c3.ack(supervisor, .dismissed, at: 30_000)
        c3.customer("That is not good enough", at: 40_000, stress: 0.75, smoothed: 0.72)
        c3.decision(.coach, rule: "rising-frustration", at: 40_000, kind: .folded, into: supervisor)
        c3.ack(supervisor, .resolved, at: 80_000)
        c3.end(at: 140_000, disposition: "unresolved", survey: 2)

        var c4 = ScriptedCall("C4", customer: "P4", queue: "tech", team: "green", agent: "A3", startsAfter: 7_800)
        c4.agent("Hello, technical support.", at: 1_000)
        c4.customer("The router you sent does not work", at: 5_000, stress: 0.5)
        c4.decision(.coach, rule: "rising-frustration", at: 5_000)
        c4.customer("I am cancelling everything today", at: 15_000, stress: 0.9, smoothed: 0.8)
        c4.decision(.manager, rule: "cancel-threat", at: 15_000)
        c4.agent("Let me get my manager for you.", at: 20_000)
        c4.customer("fine", at: 30_000, stress: 0.4, smoothed: 0.6)
        c4.end(at: 105_000, disposition: "unresolved", survey: 1)

        var c5 = ScriptedCall("C5", customer: "P5", queue: "billing", team: "green", agent: "A3", startsAfter: 8_400)
        c5.agent("Hello, billing.", at: 1_000)
        c5.customer("I need to talk to someone about my mortgage", at: 5_000, stress: 0.3)
        c5.agent("That's our mortgage team, I'll transfer you.", at: 10_000)
        c5.action(.transfer, at: 20_000)
        c5.end(at: 30_000, disposition: "transferred")

        var c6 = ScriptedCall("C6", customer: "P6", queue: "tech", team: "blue", agent: "A2", startsAfter: 11_100)
        c6.agent("Hello, support.", at: 1_000)
        c6.customer("My phone will not connect", at: 5_000, stress: 0.4)
        c6.agent("Let me put you on hold while I check.", at: 10_000)
        c6.action(.holdStart, at: 12_000)
        c6.end(at: 200_000)

        var c7 = ScriptedCall("C7", customer: "P7", queue: "billing", team: nil, agent: nil, startsAfter: 11_400, channel: .chat)
        c7.bot("Hi, I'm the billing assistant. What can I do?", at: 0)
        c7.customer("when is my bill due", at: 3_000, stress: 0.1)
        c7.bot("Your bill is due on the 28th.", at: 4_000)
        c7.end(at: 10_000, disposition: "resolved", survey: 5)

        var c8 = ScriptedCall("C8", customer: "P8", queue: "billing", team: "green", agent: "A3", startsAfter: 13_200, channel: .chat)
        c8.bot("Hi, I'm the billing assistant.", at: 0)
        c8.customer("I want to dispute a charge", at: 3_000, stress: 0.5)
        c8.bot("Let me pass you to a colleague.", at: 4_000)
        c8.agent("Hi, I can help with the dispute.", at: 30_000)
        c8.customer("thank you", at: 40_000, stress: 0.2, smoothed: 0.35)
        c8.end(at: 90_000, disposition: "resolved", survey: 3)

        var c9 = ScriptedCall("C9", customer: "R", queue: "billing", team: "blue", agent: "A1", startsAfter: 2 * day)
        c9.agent("Thank you for calling.", at: 1_000)
        c9.customer(billing, at: 5_000, stress: 0.45)
        c9.agent("I will look into the refund again.", at: 20_000)
        c9.end(at: 60_000, disposition: "resolved", survey: 3)

        var c10 = ScriptedCall("C10", customer: "R", queue: "billing", team: "blue", agent: "A1", startsAfter: 10 * day)
        c10.agent("Thank you for calling.", at: 1_000)
        c10.customer(billing, at: 5_000, stress: 0.3)
        c10.agent("That refund went through.", at: 20_000)
        c10.end(at: 60_000, disposition: "resolved")

        return [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10].map(\.logged)
    }

    static func report() throws -> Report {
        Report.build(
            calls: calls(), from: ScriptedCall.base, to: ScriptedCall.base.addingTimeInterval(11 * day),
            generatedAt: ScriptedCall.base.addingTimeInterval(12 * day), intents: try IntentModel.default, scorecard: try Scorecard.bundled())
    }

    static func near(_ value: Double?, _ expected: Double, within tolerance: Double = 1e-9) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= tolerance
    }

    @Test("the repeat-contact calls share an intent the model names")
    func intentOfTheRepeatCalls() throws {
        let prediction = try IntentModel.default.classify(Self.billing)
        #expect(!prediction.isOutOfScope, "the billing text must name an intent for the repeat-contact cases to mean anything")
    }

    @Test("overall metrics match the hand-worked values")
    func overall() throws {
        let metrics = try Self.report().overall
        #expect(metrics.calls == 10)
        // Highest tier: C2 coach, C3 supervisor (its folded coach decision changes nothing), C4 manager.
        // ≥ coach: C2, C3, C4 = 3/10; ≥ supervisor: C3, C4 = 2/10; manager: C4 = 1/10.
        #expect(Self.near(metrics.escalationRate.coach, 0.3))
        #expect(Self.near(metrics.escalationRate.supervisor, 0.2))
        #expect(Self.near(metrics.escalationRate.manager, 0.1))
        // Reached coach or supervisor: C2, C3, C4. Prevented: C2 only (no manager; last smoothed 0.30 < 0.35).
        // C3 ends at 0.72 (not below 0.35, not 0.1 under its 0.70 at the alert); C4 reached a manager. 1/3.
        #expect(Self.near(metrics.preventionRate, 1.0 / 3))
        // C3: supervisor at 20 s, resolved ack at 80 s = 1.0 min. C4: manager at 15 s, no resolved ack, ends 105 s = 1.5 min.
        // Mean (1.0 + 1.5) / 2 = 1.25.
        #expect(Self.near(metrics.meanMinutesToResolution, 1.25))
        // Repeat contacts: C9 (2 days after C1, same customer and text). C10 is 8 days after C9 and 10 after C1. 1/10.
        #expect(Self.near(metrics.repeatContactRate, 0.1))
        // Windows over by day 12 (started by day 5): C1–C9 = 9 calls; C1 was repeated (by C9): FCR 8/9. C10 is left out.
        #expect(Self.near(metrics.firstContactResolution, 8.0 / 9))
        // Transfers: C5. 1/10.
        #expect(Self.near(metrics.transferRate, 0.1))
        // All 10 ended; abandoned: C6 (ended on hold). Every other call had an agent or bot turn. 1/10.
        #expect(Self.near(metrics.abandonmentRate, 0.1))
        // Bot calls: C7 (contained), C8 (an agent took over). Containment 1/2; AI → human 1/2.
        #expect(Self.near(metrics.aiContainmentRate, 0.5))
        #expect(Self.near(metrics.aiToHumanRate, 0.5))
        // Surveys: C1 5, C2 4, C3 2, C4 1, C7 5, C8 3, C9 3: 7 responses, mean 23/7.
        #expect(metrics.csat.responses == 7)
        #expect(Self.near(metrics.csat.mean, 23.0 / 7))
        // Peak smoothed stress of those calls: 0.2, 0.6, 0.72, 0.8, 0.1, 0.5, 0.45. Σx = 23, Σy = 3.37, Σxy = 8.99,
        // Σx² = 89, Σy² = 2.0209. Sxy = 8.99 − 23·3.37/7 = −2.082857; Sxx = 89 − 529/7 = 13.428571;
        // Syy = 2.0209 − 3.37²/7 = 0.398457. r = −2.082857 / √(13.428571 · 0.398457) = −0.90041.
        #expect(Self.near(metrics.csat.stressCorrelation, -0.90041, within: 1e-5))
    }

    @Test("groups by queue, team and agent")
    func groups() throws {
        let report = try Self.report()
        // billing: C1, C2, C5, C7, C8, C9, C10; tech: C3, C4, C6.
        #expect(report.byQueue["billing"]?.calls == 7)
        #expect(report.byQueue["tech"]?.calls == 3)
        #expect(Self.near(report.byQueue["billing"]?.escalationRate.coach, 1.0 / 7))
        #expect(Self.near(report.byQueue["billing"]?.preventionRate, 1))
        // tech: C3 and C4 reached coach or supervisor, neither was prevented.
        #expect(Self.near(report.byQueue["tech"]?.preventionRate, 0))
        #expect(Self.near(report.byQueue["tech"]?.escalationRate.manager, 1.0 / 3))
        // The bot-only chat has no team or agent: blue C1 C2 C3 C6 C9 C10, green C4 C5 C8.
        #expect(report.byTeam["blue"]?.calls == 6)
        #expect(report.byTeam["green"]?.calls == 3)
        #expect(report.byTeam.count == 2)
        // A1: C1, C2, C9, C10 — a prevention rate of 1/1, and no bot call (null rates).
        #expect(report.byAgent["A1"]?.calls == 4)
        #expect(Self.near(report.byAgent["A1"]?.preventionRate, 1))
        #expect(report.byAgent["A1"]?.aiContainmentRate == nil)
        #expect(report.byAgent["A3"]?.calls == 3)
        #expect(Self.near(report.byAgent["A3"]?.transferRate, 1.0 / 3))
        // Only A1's calls C1, C2 and C9 have their window observed; C1 was repeated: 2/3.
        #expect(Self.near(report.byAgent["A1"]?.firstContactResolution, 2.0 / 3))
    }

    @Test("alert precision per rule, escalations per hour and stress per queue")
    func rulesHoursAndQueues() throws {
        let report = try Self.report()
        // rising-frustration/coach: C2-a1 (useful) and C4-a1 (unanswered); the folded C3 decision raises nothing.
        // sustained-anger/supervisor: C3-a1 dismissed, then resolved: its verdict stays dismissed. cancel-threat: no answer.
        #expect(
            report.byRule == [
                RuleAlerts(rule: "rising-frustration", tier: .coach, alerts: 2, useful: 1, dismissed: 0, acknowledged: 1, precision: 1),
                RuleAlerts(rule: "cancel-threat", tier: .manager, alerts: 1, useful: 0, dismissed: 0, acknowledged: 0, precision: nil),
                RuleAlerts(rule: "sustained-anger", tier: .supervisor, alerts: 1, useful: 0, dismissed: 1, acknowledged: 1, precision: 0),
            ])
        // Calls by starting hour: 09 C1; 10 C2 C3; 11 C4 C5; 12 C6 C7 C8; day 2 09 C9; day 10 09 C10.
        // Alerts: 10:00 coach (C2), 10:30 supervisor (C3); 11:10 coach and manager (C4).
        #expect(
            report.hourly == [
                HourlyEscalations(hour: "2026-11-23T09:00:00Z", calls: 1, coach: 0, supervisor: 0, manager: 0),
                HourlyEscalations(hour: "2026-11-23T10:00:00Z", calls: 2, coach: 1, supervisor: 1, manager: 0),
                HourlyEscalations(hour: "2026-11-23T11:00:00Z", calls: 2, coach: 1, supervisor: 0, manager: 1),
                HourlyEscalations(hour: "2026-11-23T12:00:00Z", calls: 3, coach: 0, supervisor: 0, manager: 0),
                HourlyEscalations(hour: "2026-11-25T09:00:00Z", calls: 1, coach: 0, supervisor: 0, manager: 0),
                HourlyEscalations(hour: "2026-12-03T09:00:00Z", calls: 1, coach: 0, supervisor: 0, manager: 0),
            ])
        // tech: peaks C3 0.72, C4 0.8, C6 0.4 → 1.92/3 = 0.64; turn stresses 0.7 0.75 | 0.5 0.9 0.4 | 0.4 → 3.65/6.
        let tech = try #require(report.stressByQueue.first { $0.queue == "tech" })
        #expect(tech.calls == 3)
        #expect(Self.near(tech.meanPeakStress, 0.64))
        #expect(Self.near(tech.meanStress, 3.65 / 6))
        #expect(report.stressByQueue.map(\.queue) == ["billing", "tech"])
    }

    @Test("a supervisor's team only; calls outside the period are context for repeats, not counted")
    func teamAndPeriod() throws {
        let calls = Self.calls()
        let blue = Report.build(
            calls: calls, from: ScriptedCall.base, to: ScriptedCall.base.addingTimeInterval(11 * Self.day),
            generatedAt: ScriptedCall.base.addingTimeInterval(12 * Self.day), team: "blue", intents: try IntentModel.default, scorecard: nil)
        #expect(blue.overall.calls == 6)
        #expect(blue.byTeam.keys.sorted() == ["blue"])
        // A period of day 1 to day 11 holds C9 and C10 only; C9 is still a repeat of C1, read as context.
        let later = Report.build(
            calls: calls, from: ScriptedCall.base.addingTimeInterval(Self.day), to: ScriptedCall.base.addingTimeInterval(11 * Self.day),
            generatedAt: ScriptedCall.base.addingTimeInterval(40 * Self.day), intents: try IntentModel.default, scorecard: nil)
        #expect(later.overall.calls == 2)
        #expect(Self.near(later.overall.repeatContactRate, 0.5))
        // Both windows are over by day 18 (min(to + 7 days, generated)); neither is followed by a repeat within 7 days.
        #expect(Self.near(later.overall.firstContactResolution, 1))
        // Without an intent model no contact can be matched to another.
        let blind = Report.build(
            calls: calls, from: ScriptedCall.base, to: ScriptedCall.base.addingTimeInterval(11 * Self.day),
            generatedAt: ScriptedCall.base.addingTimeInterval(12 * Self.day), intents: nil, scorecard: nil)
        #expect(Self.near(blind.overall.repeatContactRate, 0))
        // An empty period: every rate null.
        let empty = Report.build(
            calls: calls, from: ScriptedCall.base.addingTimeInterval(-Self.day), to: ScriptedCall.base, generatedAt: ScriptedCall.base,
            intents: nil, scorecard: nil)
        #expect(empty.overall.calls == 0)
        #expect(empty.overall.escalationRate.coach == nil)
        #expect(empty.overall.preventionRate == nil)
        #expect(empty.overall.csat.mean == nil)
    }

    @Test("a repeat window set to 1 day finds no repeat two days later")
    func repeatWindow() throws {
        let report = Report.build(
            calls: Self.calls(), from: ScriptedCall.base, to: ScriptedCall.base.addingTimeInterval(11 * Self.day),
            generatedAt: ScriptedCall.base.addingTimeInterval(12 * Self.day), settings: MetricsSettings(repeatWindowDays: 1),
            intents: try IntentModel.default, scorecard: nil)
        #expect(Self.near(report.overall.repeatContactRate, 0))
        // Windows over by day 12 − 1: all 10 calls (C10 started on day 10); none repeated.
        #expect(Self.near(report.overall.firstContactResolution, 1))
    }

    @Test("logged outputs of types learning does not read are skipped")
    func lenientOutputs() throws {
        #expect(LoggedCall.output(type: "guidance", json: #"{"type":"guidance","call":"C1","at":5,"hints":[]}"#) == nil)
        #expect(LoggedCall.output(type: "follow_up", json: #"{"type":"follow_up","id":"f1"}"#) == nil)
        #expect(LoggedCall.output(type: "decision", json: "{broken") == nil)
        let decision = try #require(Self.calls()[1].outputs.first { $0.type == "decision" })
        let json = String(decoding: try JSONEncoder().encode(decision), as: UTF8.self)
        #expect(LoggedCall.output(type: "decision", json: json) == decision)
    }
}
