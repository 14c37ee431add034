import Foundation
import Testing

@testable import UndertoneEngine

/// The example calls in `examples/calls/`: each file is one call, and `expected.json` says which alerts it should
/// raise. A call whose entry carries a `knownGap` documents what the engine should do but does not yet: its test checks
/// the engine's current behaviour (the entry's `current`), records the desired outcome as a known issue, and says so in
/// its name.
@Suite("ExampleCall — the example calls raise the alerts they should")
struct ExampleCallTests {
    // MARK: Every call

    @Test("ExampleCall expectations hold", arguments: ExampleCalls.cases.filter { $0.expectation.knownGap == nil })
    func expectationsHold(_ call: ExampleCallCase) throws {
        let run = try ExampleCalls.run(call)
        ExampleCalls.check(run, against: call.expectation.outcome, file: call.file)
        ExampleCalls.checkDecisionsExplained(run, file: call.file)
    }

    @Test(
        "ExampleCall known gap — current behaviour pinned, desired outcome recorded as a known issue",
        arguments: ExampleCalls.cases.filter { $0.expectation.knownGap != nil })
    func knownGap(_ call: ExampleCallCase) throws {
        let run = try ExampleCalls.run(call)
        let current = try #require(call.expectation.current, "\(call.file): a knownGap entry needs \"current\"")
        // What the engine does today, so that any change to it is noticed (and the entry updated).
        ExampleCalls.check(run, against: current, file: call.file)
        ExampleCalls.checkDecisionsExplained(run, file: call.file)
        // What it should do. When the engine is fixed this stops failing, the known issue is not recorded and the test
        // says so: then drop the knownGap and current from expected.json.
        withKnownIssue("\(call.file): \(call.expectation.knownGap ?? "")") {
            ExampleCalls.check(run, against: call.expectation.outcome, file: call.file)
        }
    }

    // MARK: The bars of the issue

    @Test("ExampleCall calm call never raises a supervisor or manager alert")
    func calmCall() throws {
        let run = try ExampleCalls.run(ExampleCalls.named("01-calm-resolved.jsonl"))
        #expect(run.analyzer.alerts.filter { $0.tier >= .supervisor }.isEmpty)
        #expect(run.decisions.filter { $0.tier >= .supervisor }.isEmpty)
    }

    @Test("ExampleCall alert storm: thirty frustrated turns in a row raise at most one alert per tier")
    func alertStorm() throws {
        let call = try ExampleCalls.named("13-alert-storm.jsonl")
        let run = try ExampleCalls.run(call)
        // The file really is a storm: thirty customer turns with no one else speaking.
        var longest = 0
        var streak = 0
        for turn in run.transcript.finalTurns {
            streak = turn.speaker == .customer ? streak + 1 : 0
            longest = max(longest, streak)
        }
        #expect(longest >= 30)
        for tier in Tier.allCases {
            #expect(run.analyzer.alerts.filter { $0.tier == tier }.count <= 1, "more than one \(tier.rawValue) alert")
        }
        #expect(run.analyzer.alerts.count <= Tier.allCases.count)
        // Rules kept firing during the storm; those firings were folded into the open alerts, not raised again.
        #expect(run.decisions.count(where: { $0.kind == .folded }) >= 1)
    }

    @Test("ExampleCall an unacknowledged supervisor alert climbs to the manager; an acknowledged one does not")
    func acknowledgementTimeout() throws {
        let unacknowledged = try ExampleCalls.run(ExampleCalls.named("14-supervisor-unacknowledged-climbs.jsonl"))
        let climbs = unacknowledged.decisions.filter { $0.kind == .climbed }
        #expect(climbs.count == 1)
        if let climb = climbs.first, let supervisor = unacknowledged.analyzer.alerts.first(where: { $0.tier == .supervisor }) {
            #expect(climb.tier == .manager)
            #expect(climb.rule == "acknowledgement-timeout")
            #expect(climb.at - supervisor.raisedAt >= 90_000)
            #expect(climb.reasons.contains { $0.observed.contains(supervisor.id) })
            // The reason says what happened: it was not acknowledged in time.
            #expect(climb.reasons.map(\.condition) == ["supervisor alert not acknowledged within 1m30s"])
            #expect(supervisor.state == .climbed)
            #expect(climb.climbedFrom == supervisor.id, "the climb names the alert it supersedes")
        }

        let acknowledged = try ExampleCalls.run(ExampleCalls.named("15-supervisor-acknowledged-in-time.jsonl"))
        #expect(acknowledged.decisions.filter { $0.kind == .climbed }.isEmpty)
        #expect(acknowledged.analyzer.alerts.filter { $0.tier == .manager }.isEmpty)
        let supervisor = try #require(acknowledged.analyzer.alerts.first { $0.tier == .supervisor })
        let ack = try #require(
            acknowledged.events.compactMap { event -> AlertAcknowledgement? in
                if case .alertAcknowledged(let ack) = event { return ack }
                return nil
            }.first)
        #expect(ack.alertID == supervisor.id)
        #expect(ack.at - supervisor.raisedAt < 90_000)
    }

    // MARK: The files themselves

    @Test("ExampleCall files: at least thirteen calls, each with an entry in expected.json, each one call")
    func files() throws {
        let names = try ExampleCalls.callFileNames()
        #expect(names.count >= 13)
        #expect(Set(names) == Set(ExampleCalls.expectations.keys))
        for call in ExampleCalls.cases {
            let events = try ExampleCalls.events(call.file)
            guard case .callStarted = events.first, case .callEnded = events.last else {
                Issue.record("\(call.file): must start with call_started and end with call_ended")
                continue
            }
            #expect(Set(events.map(\.callID)).count == 1, "\(call.file): one call per file")
            #expect(zip(events, events.dropFirst()).allSatisfy { $0.at <= $1.at }, "\(call.file): time goes backwards")
            let turns = events.count { if case .turn = $0 { true } else { false } }
            #expect(turns >= 10, "\(call.file): \(turns) turn events")
            #expect(Policy.presetNames.contains(call.expectation.preset))
        }
    }
}

// MARK: - Loading and checking

/// One example call as a test argument; a known gap shows in the test's name.
struct ExampleCallCase: Sendable, CustomTestStringConvertible {
    var file: String
    var expectation: CallExpectation

    var testDescription: String {
        let name = file.replacingOccurrences(of: ".jsonl", with: "")
        guard let gap = expectation.knownGap else { return name }
        return "\(name) — KNOWN GAP: \(gap.prefix(100))\(gap.count > 100 ? "…" : "")"
    }
}

/// What the engine produced for one call.
struct ExampleCallRun {
    var events: [CallEvent]
    var analyzer: CallAnalyzer
    var decisions: [Decision]
    var transcript: Transcript { analyzer.transcript }
}

enum ExampleCalls {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/calls")

    static let expectations: [String: CallExpectation] = {
        do {
            let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
            return try JSONDecoder().decode([String: CallExpectation].self, from: data)
        } catch {
            // The `files` test then fails: the names in the folder do not match.
            return [:]
        }
    }()

    static let cases: [ExampleCallCase] = expectations.keys.sorted().map { ExampleCallCase(file: $0, expectation: expectations[$0]!) }

    static let model: TextModel? = try? TextModel.bundled()

    static func named(_ file: String) throws -> ExampleCallCase {
        try #require(cases.first { $0.file == file }, "\(file) has no entry in expected.json")
    }

    static func callFileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".jsonl") }.sorted()
    }

    static func events(_ file: String) throws -> [CallEvent] {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        return try CallEvents.decode(jsonLines: text)
    }

    static func run(_ call: ExampleCallCase) throws -> ExampleCallRun {
        let events = try events(call.file)
        let model = try #require(model, "the bundled text model did not load")
        var analyzer = CallAnalyzer(policy: try Policy.preset(named: call.expectation.preset), textModel: model)
        var decisions: [Decision] = []
        for event in events {
            for case .decision(let decision) in analyzer.ingest(event) { decisions.append(decision) }
        }
        return ExampleCallRun(events: events, analyzer: analyzer, decisions: decisions)
    }

    /// Records an issue for each way the run differs from the outcome.
    static func check(_ run: ExampleCallRun, against outcome: CallExpectation.Outcome, file: String) {
        for problem in outcome.violations(decisions: run.decisions, alerts: run.analyzer.alerts, state: run.analyzer.state) {
            Issue.record("\(file): \(problem)")
        }
    }

    /// Every decision says why (at least one reason, each with a condition and an observation) and which turns caused
    /// it (at least one utterance, each one of the call's customer turns).
    static func checkDecisionsExplained(_ run: ExampleCallRun, file: String) {
        let customerUtterances = Set(run.transcript.finalTurns.filter { $0.speaker == .customer }.map(\.utteranceID))
        for decision in run.decisions {
            let what = "\(file): \(decision.kind.rawValue) \(decision.tier.rawValue) \(decision.rule) at \(decision.at)"
            #expect(!decision.reasons.isEmpty, "\(what) has no reason")
            #expect(decision.reasons.allSatisfy { !$0.condition.isEmpty && !$0.observed.isEmpty }, "\(what) has an empty reason")
            #expect(!decision.utteranceIDs.isEmpty, "\(what) names no utterance")
            #expect(decision.utteranceIDs.allSatisfy(customerUtterances.contains), "\(what) names an utterance that is no customer turn")
            #expect(!decision.alertID.isEmpty, "\(what) names no alert")
        }
    }
}
