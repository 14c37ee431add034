import Foundation
import Testing
import UndertoneEngine
import UndertoneStore

/// The `EventStore` contract: every test runs against SQLite, and against PostgreSQL when `POSTGRES_HOST` is set.
@Suite("EventStore contract")
struct StoreContractTests {
    // MARK: The log

    @Test("append numbers each call's entries 1, 2, 3 and the log by increasing position", arguments: StoreBackend.available)
    func appendOrders(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (a, b) = (Fixture.callID("a"), Fixture.callID("b"))
            let first = try await store.append([Fixture.started(a), Fixture.started(b), Fixture.turn(a, at: 1_000, utterance: "u-1")])
            let second = try await store.append([Fixture.turn(b, at: 2_000, utterance: "u-1"), Fixture.turn(a, at: 3_000, utterance: "u-2")])
            #expect(first.map(\.callSequence) == [1, 1, 2])
            #expect(second.map(\.callSequence) == [2, 3])
            let positions = (first + second).map(\.position)
            #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 })
            #expect(try await store.entries(call: a, after: 0, limit: 10).map(\.entry) == [first[0], first[2], second[1]].map(\.entry))
            #expect(try await store.entries(call: a, after: 1, limit: 1).map(\.callSequence) == [2])
            let whole = try await store.entries(after: 0, limit: 100)
            #expect(whole == first + second)
            #expect(try await store.entries(after: positions[2], limit: 100) == second)
            #expect(try await store.entries(after: 0, limit: 2).count == 2)
            #expect(try await store.entries(after: 0, limit: 0).isEmpty)
            #expect(try await store.append([]).isEmpty)

            // A large batch over both calls (more rows than one SQLite insert carries) keeps its order in positions and
            // numbers each call on.
            let batch = (0..<150).map { Fixture.turn([a, b][$0 % 2], at: 10_000 + $0, utterance: "big-\($0)") }
            let big = try await store.append(batch)
            #expect(big.map(\.entry) == batch)
            #expect(big.first!.position > positions.last!)
            #expect(zip(big, big.dropFirst()).allSatisfy { $0.position < $1.position })
            #expect(big.filter { $0.entry.callID == a }.map(\.callSequence) == Array(4...78))
            #expect(big.filter { $0.entry.callID == b }.map(\.callSequence) == Array(3...77))
            #expect(try await store.entries(after: positions.last!, limit: 200) == big)
        }
    }

    @Test(
        "an append expecting a call's log to end where another writer has moved it stores nothing and names the call",
        arguments: StoreBackend.available)
    func expectedHeads(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (a, b) = (Fixture.callID("a"), Fixture.callID("b"))
            let started = try await store.append([Fixture.started(a), Fixture.started(b)], expectingHeads: [a: 0, b: 0])
            #expect(started.map(\.callSequence) == [1, 1])
            // Another writer appends to a.
            _ = try await store.append([Fixture.turn(a, at: 1_000, utterance: "u-1")])
            // A writer that believes a ends at 1 is refused, and nothing of its batch (b's entry neither) is stored.
            await #expect(throws: EventStoreError.callsMoved([a: 2])) {
                try await store.append(
                    [Fixture.turn(a, at: 2_000, utterance: "u-2"), Fixture.turn(b, at: 2_000, utterance: "u-1")], expectingHeads: [a: 1, b: 1])
            }
            #expect(try await store.entries(call: a, after: 0, limit: 10).count == 2)
            #expect(try await store.entries(call: b, after: 0, limit: 10).count == 1)
            // Caught up, it appends; a call not named is not checked.
            let appended = try await store.append(
                [Fixture.turn(a, at: 2_000, utterance: "u-2"), Fixture.turn(b, at: 2_000, utterance: "u-1")], expectingHeads: [a: 2])
            #expect(appended.map(\.callSequence) == [3, 2])
            // A call the writer believes new, that another writer has started.
            await #expect(throws: EventStoreError.callsMoved([b: 2])) {
                try await store.append([Fixture.started(b)], expectingHeads: [b: 0])
            }
            // A call named with nothing to append (a shard's group that only took an audio frame for it) is not checked:
            // b's head is 2, not the 0 that an unread head would look like.
            let beside = try await store.append([Fixture.turn(a, at: 3_000, utterance: "u-3")], expectingHeads: [a: 3, b: 2])
            #expect(beside.map(\.callSequence) == [4])
        }
    }

    @Test(
        "appends arriving together: each refused one (a moved head) stores nothing and fails alone, the others are stored",
        arguments: StoreBackend.available)
    func refusedAmongConcurrent(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let calls = (0..<60).map { Fixture.callID("together\($0)") }
            _ = try await store.append(calls.map { Fixture.started($0) })
            // Each call gets three appends in turn; every fourth call's appends believe its log ends at 50 (it ends
            // lower): refused each time, whatever they were grouped with, while the others' go on.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, call) in calls.enumerated() {
                    group.addTask {
                        let refused = index % 4 == 0
                        for round in 0..<3 {
                            do {
                                let appended = try await store.append(
                                    [Fixture.turn(call, at: round * 1_000, utterance: "u-\(round)")], expectingHeads: [call: refused ? 50 : round + 1]
                                )
                                #expect(!refused)
                                #expect(appended.map(\.callSequence) == [round + 2])
                            } catch EventStoreError.callsMoved(let heads) {
                                #expect(refused)
                                #expect(heads == [call: 1])
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            for (index, call) in calls.enumerated() {
                let stored = try await store.entries(call: call, after: 0, limit: 10).map(\.callSequence)
                #expect(stored == (index % 4 == 0 ? [1] : [1, 2, 3, 4]), "\(call)")
            }
        }
    }

    @Test("20 tasks × 50 appends to five calls: no gaps, no duplicates, no lost projection updates", arguments: StoreBackend.available)
    func concurrentAppends(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let calls = (0..<5).map { Fixture.callID("busy\($0)") }
            _ = try await store.append(calls.map { Fixture.started($0) })
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<20 {
                    group.addTask {
                        for index in 0..<50 {
                            let call = calls[(task + index) % calls.count]
                            let speaker: SpeakerRole = index % 2 == 0 ? .customer : .agent
                            let appended = try await store.append([
                                Fixture.turn(call, at: index * 1_000, utterance: "t\(task)-u\(index)", speaker: speaker)
                            ])
                            #expect(appended.count == 1)
                        }
                    }
                }
                try await group.waitForAll()
            }
            var total = 0
            for call in calls {
                let entries = try await store.entries(call: call, after: 0, limit: 10_000)
                total += entries.count
                #expect(entries.map(\.callSequence) == Array(1...entries.count), "\(call): call sequences have gaps or repeats")
                #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.position < $1.position }, "\(call): positions out of call order")
                let customerTurns = entries.count { $0.entry.body.contains("\"speaker\":\"customer\"") }
                let record = try #require(try await store.call(call))
                #expect(record.customerTurns == customerTurns, "\(call): customer turns lost under concurrency")
            }
            #expect(total == 5 + 20 * 50)
            let whole = try await store.entries(after: 0, limit: 10_000)
            #expect(whole.count == total)
            #expect(Set(whole.map(\.position)).count == whole.count)
            #expect(zip(whole, whole.dropFirst()).allSatisfy { $0.position < $1.position })
        }
    }

    @Test("client sequence numbers run on one by one: a gap or a number already stored refuses the whole append", arguments: StoreBackend.available)
    func clientSequences(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let call = Fixture.callID()
            func mark(_ number: Int, _ callID: String? = nil) -> ClientSequenceMark {
                ClientSequenceMark(callID: callID ?? call, clientSequence: number)
            }
            #expect(try await store.lastClientSequence(call: call) == nil)
            let first = try await store.append([
                Fixture.started(call, clientSequence: 1), Fixture.turn(call, at: 1_000, utterance: "u-1", clientSequence: 2),
                Fixture.turn(call, at: 2_000, utterance: "u-2", clientSequence: 3),
            ])
            #expect(first.count == 3)
            #expect(try await store.lastClientSequence(call: call) == 3)
            // A gap (5 after 3) is refused, and so is a number already stored: deciding what a client resends is the
            // caller's part, and an acknowledged number must be a stored one.
            await #expect(throws: EventStoreError.clientSequence(call: call, expected: 4, received: 5)) {
                try await store.append([Fixture.turn(call, at: 3_000, utterance: "u-3", clientSequence: 5)])
            }
            await #expect(throws: EventStoreError.clientSequence(call: call, expected: 4, received: 3)) {
                try await store.append([Fixture.turn(call, at: 3_000, utterance: "u-3", clientSequence: 3)])
            }
            // The whole append is refused, the good entry before the bad one included.
            await #expect(throws: EventStoreError.clientSequence(call: call, expected: 5, received: 4)) {
                try await store.append([
                    Fixture.turn(call, at: 3_000, utterance: "u-3", clientSequence: 4),
                    Fixture.turn(call, at: 3_000, utterance: "u-3", clientSequence: 4),
                ])
            }
            #expect(try await store.entries(call: call, after: 0, limit: 100).map(\.entry.clientSequence) == [1, 2, 3])
            #expect(try await store.lastClientSequence(call: call) == 3)
            #expect(try await store.call(call)?.customerTurns == 2)

            // Marks (numbers taken without an entry: audio frames) count with the entries' numbers, in one run.
            let marked = try await store.append(
                [Fixture.turn(call, at: 4_000, utterance: "u-4", clientSequence: 6)], marks: [mark(4), mark(5), mark(7)])
            #expect(marked.map(\.callSequence) == [4])
            #expect(try await store.lastClientSequence(call: call) == 7)
            #expect(try await store.append([], marks: [mark(8)]).isEmpty)
            #expect(try await store.lastClientSequence(call: call) == 8)
            await #expect(throws: EventStoreError.clientSequence(call: call, expected: 9, received: 10)) {
                try await store.append([], marks: [mark(10)])
            }
            #expect(try await store.entries(call: call, after: 0, limit: 100).count == 4)

            // Another call's numbers are its own; an append refused for one call writes nothing for the others either.
            let other = Fixture.callID()
            await #expect(throws: EventStoreError.clientSequence(call: call, expected: 9, received: 11)) {
                try await store.append([
                    Fixture.started(other, clientSequence: 1), Fixture.turn(call, at: 5_000, utterance: "u-5", clientSequence: 11),
                ])
            }
            #expect(try await store.lastClientSequence(call: other) == nil)
            #expect(try await store.call(other) == nil)
            #expect(try await store.append([Fixture.started(other, clientSequence: 1)], marks: [mark(9)]).count == 1)
            #expect(try await store.lastClientSequence(call: other) == 1)
            #expect(try await store.lastClientSequence(call: call) == 9)
        }
    }

    @Test("sessions: saved by hash, read with their key, ended; settings keep the first value saved", arguments: StoreBackend.available)
    func sessionsAndSettings(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let key = APIKeyRecord(id: "k-s", name: "ops", role: .supervisor, subject: "blue", hash: "key-hash", createdAt: now)
            try await store.saveAPIKey(key)
            let session = SessionRecord(hash: "session-hash", keyID: "k-s", createdAt: now, expiresAt: now.addingTimeInterval(3_600))
            try await store.saveSession(session)
            let found = try #require(try await store.session(hash: "session-hash"))
            #expect(found.session == session)
            #expect(found.key == key)
            #expect(try await store.session(hash: "nope") == nil)
            try await store.endSession(hash: "session-hash")
            #expect(try await store.session(hash: "session-hash")?.session.ended == true)
            try await store.revokeAPIKey(id: "k-s")
            #expect(try await store.session(hash: "session-hash")?.key.revoked == true)
            // A session expired over a day before a new one is saved is deleted then.
            let later = SessionRecord(
                hash: "later", keyID: "k-s", createdAt: now.addingTimeInterval(3 * 86_400), expiresAt: now.addingTimeInterval(4 * 86_400))
            try await store.saveSession(later)
            #expect(try await store.session(hash: "session-hash") == nil)
            #expect(try await store.session(hash: "later") != nil)

            #expect(try await store.setting("pseudonym", initially: "first") == "first")
            #expect(try await store.setting("pseudonym", initially: "second") == "first")
            #expect(try await store.setting("other", initially: "x") == "x")
        }
    }

    @Test("an entry whose body does not decode is kept in the log and leaves the projections alone", arguments: StoreBackend.available)
    func undecodableBodyIsKept(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let call = Fixture.callID()
            let garbage = LogEntry(callID: call, kind: .event, type: "turn", at: 5, body: "{not json", clientSequence: 1)
            let wrongKind = LogEntry(callID: call, kind: .output, type: "signal", at: 6, body: #"{"type":"mystery"}"#)
            let appended = try await store.append([garbage, wrongKind])
            #expect(appended.map(\.callSequence) == [1, 2])
            #expect(try await store.call(call) == nil)
            #expect(try await store.entries(call: call, after: 0, limit: 10).map(\.entry) == [garbage, wrongKind])
            #expect(try await store.lastClientSequence(call: call) == 1)
            // The call goes on: later entries are numbered after the unreadable ones and projected as usual.
            let later = try await store.append([Fixture.started(call), Fixture.turn(call, at: 1_000, utterance: "u-1")])
            #expect(later.map(\.callSequence) == [3, 4])
            let record = try #require(try await store.call(call))
            #expect(record.customerTurns == 1)
            #expect(record.lastAt == 1_000)
        }
    }

    // MARK: Projections from the real engine

    @Test("a real call (04, anger to cancel): calls and alerts rows say what the engine said", arguments: StoreBackend.available)
    func exampleCallProjections(_ backend: StoreBackend) async throws {
        let run = try ExampleCallRun.run("04-")
        let raised = run.decisions.filter { $0.kind == .raised }
        try #require(raised.count >= 3, "the example should raise coach, supervisor and manager alerts")
        #expect(run.events.contains { if case .alertAcknowledged = $0 { true } else { false } })
        try await backend.withStore { store in
            let endIndex = try #require(run.events.lastIndex { if case .callEnded = $0 { true } else { false } })
            var appended = 0
            for index in 0..<endIndex {
                appended += try await store.append(try run.entries(forEvent: index)).count
            }
            #expect(appended == endIndex + run.outputs[..<endIndex].joined().count)

            // Live, before the end: what the engine held then.
            let engine = run.analyzers[endIndex - 1]
            let live = try #require(try await store.call(run.callID))
            guard case .callStarted(let started) = run.events[0] else { throw StoreTestFailure("the call does not start with call_started") }
            #expect(live.status == .live)
            #expect(live.channel == started.channel.rawValue)
            #expect(live.customerID == started.customerID)
            #expect(live.queue == started.queue)
            #expect(live.language == started.language)
            #expect(live.agentID == started.agentID)
            #expect(live.team == started.team)
            #expect(live.customerTurns == engine.state.customerTurns.count)
            let customerSignals = run.signals.filter { $0.speaker == .customer }
            let lastSignal = try #require(customerSignals.last)
            #expect(live.stress == lastSignal.stress)
            #expect(live.smoothedStress == lastSignal.smoothedStress)
            #expect(live.peakStress == customerSignals.map(\.stress).max())
            #expect(live.highestTier == run.decisions.map(\.tier).max()?.rawValue)
            #expect(live.lastAt == run.events[endIndex - 1].at)
            #expect(live.openAlerts == engine.alerts.count { $0.state == .open })
            #expect(live.openAlerts > 0)

            let alerts = try await store.alerts(AlertFilter(callID: run.callID))
            #expect(Set(alerts.map(\.alertID)) == Set(engine.alerts.map(\.id)))
            for engineAlert in engine.alerts {
                let alert = try #require(alerts.first { $0.alertID == engineAlert.id })
                let raising = try #require(raised.first { $0.alertID == engineAlert.id })
                #expect(alert.tier == engineAlert.tier.rawValue)
                #expect(alert.rule == engineAlert.rule)
                #expect(alert.raisedAt == engineAlert.raisedAt)
                #expect(alert.agentID == started.agentID)
                #expect(alert.team == started.team)
                #expect(alert.folded == run.decisions.count { $0.kind == .folded && $0.alertID == engineAlert.id })
                #expect(try JSONDecoder().decode(EngineOutput.self, from: Data(alert.decision.utf8)) == .decision(raising))
                switch engineAlert.state {
                case .open: #expect(alert.state == .open)
                case .acknowledged: #expect(alert.state == .acknowledged)
                case .resolved: #expect(alert.state == .resolved)
                case .climbed: Issue.record("call 04 should not climb")
                }
            }
            let acknowledgements = run.events.compactMap { if case .alertAcknowledged(let ack) = $0 { ack } else { nil } }
            for ack in acknowledgements {
                let alert = try #require(try await store.alert(ack.alertID))
                #expect(alert.acknowledgedBy == ack.by)
                #expect(alert.outcome == ack.outcome.rawValue)
            }

            // The end: every alert still open is resolved; acknowledged ones stay acknowledged.
            _ = try await store.append(try run.entries(forEvent: endIndex))
            guard case .callEnded(let ended) = run.events[endIndex] else { throw StoreTestFailure("no call_ended") }
            let final = try #require(try await store.call(run.callID))
            #expect(final.status == .ended)
            #expect(final.endedAt != nil)
            #expect(final.disposition == ended.disposition)
            #expect(final.survey == ended.survey)
            #expect(final.openAlerts == 0)
            #expect(final.lastAt == ended.at)
            let closed = try await store.alerts(AlertFilter(callID: run.callID))
            #expect(closed.allSatisfy { $0.state != .open })
            for alert in closed {
                let engineState = try #require(run.analyzer.alerts.first { $0.id == alert.alertID }?.state)
                #expect(alert.state.rawValue == engineState.rawValue)
            }
            #expect(try await store.entries(call: run.callID, after: 0, limit: 10_000).count == run.events.count + run.outputs.joined().count)
        }
    }

    @Test(
        "entries that carry their decoded values project as their bodies do; the values are neither stored nor compared",
        arguments: StoreBackend.available)
    func decodedValuesProjectAsBodies(_ backend: StoreBackend) async throws {
        // The same call twice, under two call ids: once as bodies only, once with each entry's value beside its body.
        let plain = try ExampleCallRun.run("04-")
        let typed = try ExampleCallRun.run("04-")
        try await backend.withStore { store in
            for index in plain.events.indices {
                _ = try await store.append(try plain.entries(forEvent: index))
                let entries = try typed.entries(forEvent: index, decoded: true)
                #expect(entries.allSatisfy { $0.decoded != nil })
                let appended = try await store.append(entries)
                #expect(appended.map(\.entry) == entries)
            }
            let stored = try await store.entries(call: typed.callID, after: 0, limit: 10_000)
            #expect(stored.count == typed.events.count + typed.outputs.joined().count)
            #expect(stored.allSatisfy { $0.entry.decoded == nil })

            let expected = try #require(try await store.call(plain.callID))
            var call = try #require(try await store.call(typed.callID))
            #expect(call.status == .ended && call.endedAt != nil && call.customerTurns > 0)
            call.callID = expected.callID
            (call.startedAt, call.updatedAt, call.endedAt) = (expected.startedAt, expected.updatedAt, expected.endedAt)
            #expect(call == expected)

            let expectedAlerts = try await store.alerts(AlertFilter(callID: plain.callID)).sorted { $0.alertID < $1.alertID }
            let alerts = try await store.alerts(AlertFilter(callID: typed.callID)).sorted { $0.alertID < $1.alertID }
            #expect(alerts.count == expectedAlerts.count && !alerts.isEmpty)
            for (alert, expected) in zip(alerts, expectedAlerts) {
                var renamed = alert
                renamed.alertID = alert.alertID.replacingOccurrences(of: typed.callID, with: plain.callID)
                renamed.callID = expected.callID
                renamed.decision = alert.decision.replacingOccurrences(of: typed.callID, with: plain.callID)
                (renamed.raisedWallTime, renamed.updatedAt) = (expected.raisedWallTime, expected.updatedAt)
                #expect(renamed == expected)
            }
        }
    }

    @Test("a real call (14): an unacknowledged supervisor alert climbs into a manager alert", arguments: StoreBackend.available)
    func exampleCallClimb(_ backend: StoreBackend) async throws {
        let run = try ExampleCallRun.run("14-")
        let climb = try #require(run.decisions.first { $0.kind == .climbed })
        try await backend.withStore { store in
            for index in run.events.indices { _ = try await store.append(try run.entries(forEvent: index)) }
            let alert = try #require(try await store.alert(climb.alertID))
            #expect(alert.tier == Tier.manager.rawValue)
            #expect(alert.tier == climb.tier.rawValue)
            #expect(alert.rule == climb.rule)
            #expect(try await store.call(run.callID)?.highestTier == Tier.manager.rawValue)
            // The supervisor alert that went unanswered is closed by the climb: nobody is asked to answer it any more.
            let supersededID = try #require(climb.climbedFrom)
            let superseded = try #require(try await store.alert(supersededID))
            #expect(superseded.tier == Tier.supervisor.rawValue)
            #expect(superseded.state == .resolved)
            #expect(superseded.outcome == "climbed")
            #expect(superseded.acknowledgedBy == "undertone")
            let open = try await store.alerts(AlertFilter(callID: run.callID, state: .open))
            #expect(!open.contains { $0.alertID == superseded.alertID })
            #expect(try await store.call(run.callID)?.openAlerts == open.count)
        }
    }

    @Test("raise, fold, climb, acknowledge and resolve, step by step", arguments: StoreBackend.available)
    func alertLifecycle(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let call = Fixture.callID()
            let (a1, a2, a3) = ("\(call)-a1", "\(call)-a2", "\(call)-a3")
            _ = try await store.append([
                Fixture.started(call, agent: "ag-7", team: "team-z"), Fixture.turn(call, at: 1_000, utterance: "u-1"),
                try Fixture.decision(call, at: 1_000, kind: .raised, tier: .coach, alert: a1),
                try Fixture.decision(call, at: 2_000, kind: .raised, tier: .supervisor, alert: a2),
            ])
            var record = try #require(try await store.call(call))
            #expect(record.openAlerts == 2)
            #expect(record.highestTier == "supervisor")
            let first = try #require(try await store.alert(a1))
            #expect(first.state == .open)
            #expect(first.agentID == "ag-7")
            #expect(first.team == "team-z")
            #expect(first.raisedAt == 1_000)

            // A fold counts on its alert and lifts its tier when higher; a coach fold into a supervisor alert does not lower it.
            _ = try await store.append([
                try Fixture.decision(call, at: 3_000, kind: .folded, tier: .supervisor, alert: a1),
                try Fixture.decision(call, at: 3_500, kind: .folded, tier: .coach, alert: a2),
            ])
            #expect(try await store.alert(a1)?.folded == 1)
            #expect(try await store.alert(a1)?.tier == "supervisor")
            #expect(try await store.alert(a2)?.folded == 1)
            #expect(try await store.alert(a2)?.tier == "supervisor")

            // Acknowledged, then resolved; an acknowledgement of an unknown alert changes nothing.
            _ = try await store.append([Fixture.acknowledged(call, at: 4_000, alert: a1, by: "sup-9")])
            var acknowledged = try #require(try await store.alert(a1))
            #expect(acknowledged.state == .acknowledged)
            #expect(acknowledged.acknowledgedBy == "sup-9")
            #expect(acknowledged.outcome == "acknowledged")
            #expect(try await store.call(call)?.openAlerts == 1)
            _ = try await store.append([
                Fixture.acknowledged(call, at: 4_500, alert: a1, by: "sup-9", outcome: .resolved),
                Fixture.acknowledged(call, at: 4_600, alert: "\(call)-a99"),
            ])
            acknowledged = try #require(try await store.alert(a1))
            #expect(acknowledged.state == .resolved)
            #expect(acknowledged.outcome == "resolved")

            // A climb the engine gives a new id creates that alert; a climb of a known id moves its tier.
            _ = try await store.append([
                try Fixture.decision(call, at: 95_000, kind: .climbed, tier: .manager, rule: "acknowledgement-timeout", alert: a3),
                try Fixture.decision(call, at: 96_000, kind: .climbed, tier: .manager, rule: "acknowledgement-timeout", alert: a2),
            ])
            let climbed = try #require(try await store.alert(a3))
            #expect(climbed.tier == "manager")
            #expect(climbed.state == .open)
            #expect(climbed.rule == "acknowledgement-timeout")
            #expect(try await store.alert(a2)?.tier == "manager")
            record = try #require(try await store.call(call))
            #expect(record.highestTier == "manager")
            #expect(record.openAlerts == 2)

            // A dismissal acknowledges; the end resolves what is still open and leaves the rest.
            _ = try await store.append([Fixture.acknowledged(call, at: 97_000, alert: a3, outcome: .dismissed), Fixture.ended(call, at: 99_000)])
            record = try #require(try await store.call(call))
            #expect(record.status == .ended)
            #expect(record.openAlerts == 0)
            #expect(record.disposition == "resolved")
            #expect(record.survey == 4)
            #expect(try await store.alert(a3)?.state == .acknowledged)
            #expect(try await store.alert(a3)?.outcome == "dismissed")
            #expect(try await store.alert(a2)?.state == .resolved)
            #expect(try await store.alert(a2)?.acknowledgedBy == nil)
        }
    }

    @Test("due alerts: open ones on live calls whose tier's time has passed on the call's clock, and only those", arguments: StoreBackend.available)
    func dueAlerts(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (call, quiet) = (Fixture.callID(), Fixture.callID())
            let (a1, a2, a3, b1) = ("\(call)-a1", "\(call)-a2", "\(call)-a3", "\(quiet)-b1")
            _ = try await store.append([
                Fixture.started(call), Fixture.turn(call, at: 1_000, utterance: "u-1"),
                try Fixture.decision(call, at: 1_000, kind: .raised, tier: .coach, alert: a1),
                try Fixture.decision(call, at: 2_000, kind: .raised, tier: .supervisor, alert: a2),
                try Fixture.decision(call, at: 2_000, kind: .raised, tier: .manager, alert: a3),
                Fixture.started(quiet), try Fixture.decision(quiet, at: 500, kind: .raised, tier: .coach, alert: b1),
                Fixture.ended(quiet, at: 600),
            ])
            let record = try #require(try await store.call(call))
            let limits = ["coach": 30_000, "supervisor": 60_000]
            /// The alerts of `call` due when the call's clock reads `clock`.
            func due(atClock clock: Int, limit: Int = 100) async throws -> [DueAlert] {
                let now = record.updatedAt.addingTimeInterval(Double(clock - record.lastAt) / 1000)
                return try await store.dueAlerts(limits: limits, now: now, limit: limit).filter { [call, quiet].contains($0.callID) }
            }
            #expect(try await due(atClock: 30_999).isEmpty)
            // The coach alert's 30 s have passed; the manager alert never climbs (no limit); the ended call is not swept.
            #expect(try await due(atClock: 31_000) == [DueAlert(alertID: a1, callID: call, callAt: 31_000)])
            #expect(try await due(atClock: 62_000).map(\.alertID) == [a1, a2])
            #expect(try await due(atClock: 62_000, limit: 1).count == 1)
            // An acknowledged alert is not due any more.
            _ = try await store.append([Fixture.acknowledged(call, at: 3_000, alert: a1, by: "sup-9")])
            let moved = try #require(try await store.call(call))
            let now = moved.updatedAt.addingTimeInterval(Double(62_000 - moved.lastAt) / 1000)
            #expect(try await store.dueAlerts(limits: limits, now: now, limit: 100).filter { $0.callID == call }.map(\.alertID) == [a2])
            #expect(try await store.dueAlerts(limits: [:], now: now, limit: 100).isEmpty)
        }
    }

    @Test("calls and alerts filter by status, agent, team, queue, state and start time", arguments: StoreBackend.available)
    func filters(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (one, two, three) = (Fixture.callID("one"), Fixture.callID("two"), Fixture.callID("three"))
            _ = try await store.append([
                Fixture.started(one, agent: "ag-1", team: "red", queue: "billing"),
                Fixture.started(two, agent: "ag-2", team: "red", queue: "support"),
                Fixture.started(three, agent: "ag-3", team: "blue", queue: "billing"),
                try Fixture.decision(one, at: 1_000, kind: .raised, tier: .coach, alert: "\(one)-a1"),
                try Fixture.decision(two, at: 1_000, kind: .raised, tier: .supervisor, alert: "\(two)-a1"),
                try Fixture.decision(three, at: 1_000, kind: .raised, tier: .manager, alert: "\(three)-a1"),
                Fixture.acknowledged(two, at: 2_000, alert: "\(two)-a1"),
                Fixture.ended(three, at: 3_000),
            ])
            // A call with entries but no call_started is not listed.
            _ = try await store.append([Fixture.turn(Fixture.callID("headless"), at: 10, utterance: "u-1")])

            func ids(_ filter: CallFilter) async throws -> Set<String> { Set(try await store.calls(filter).map(\.callID)) }
            #expect(try await ids(CallFilter()) == [one, two, three])
            #expect(try await ids(CallFilter(status: .live)) == [one, two])
            #expect(try await ids(CallFilter(status: .ended)) == [three])
            #expect(try await ids(CallFilter(agentID: "ag-2")) == [two])
            #expect(try await ids(CallFilter(team: "red")) == [one, two])
            #expect(try await ids(CallFilter(status: .live, team: "blue")).isEmpty)
            #expect(try await ids(CallFilter(queue: "billing")) == [one, three])
            #expect(try await store.calls(CallFilter(limit: 2)).count == 2)
            let startedAt = try #require(try await store.call(one)?.startedAt)
            #expect(try await ids(CallFilter(startedAfter: startedAt.addingTimeInterval(-60))) == [one, two, three])
            #expect(try await ids(CallFilter(startedAfter: startedAt.addingTimeInterval(60))).isEmpty)
            #expect(try await ids(CallFilter(startedBefore: startedAt.addingTimeInterval(-60))).isEmpty)

            func alertIDs(_ filter: AlertFilter) async throws -> Set<String> { Set(try await store.alerts(filter).map(\.alertID)) }
            #expect(try await alertIDs(AlertFilter()) == ["\(one)-a1", "\(two)-a1", "\(three)-a1"])
            #expect(try await alertIDs(AlertFilter(state: .open)) == ["\(one)-a1"])
            #expect(try await alertIDs(AlertFilter(state: .acknowledged)) == ["\(two)-a1"])
            #expect(try await alertIDs(AlertFilter(state: .resolved)) == ["\(three)-a1"])
            #expect(try await alertIDs(AlertFilter(agentID: "ag-1")) == ["\(one)-a1"])
            #expect(try await alertIDs(AlertFilter(team: "red")) == ["\(one)-a1", "\(two)-a1"])
            #expect(try await alertIDs(AlertFilter(callID: three)) == ["\(three)-a1"])
            #expect(try await alertIDs(AlertFilter(state: .open, team: "blue")).isEmpty)
            #expect(try await store.alerts(AlertFilter(limit: 1)).count == 1)
            #expect(try await store.alert("no-such-alert") == nil)
            #expect(try await store.call("no-such-call") == nil)
        }
    }

    // MARK: Schema

    @Test("migrate twice is harmless", arguments: StoreBackend.available)
    func migrateTwice(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let call = Fixture.callID()
            _ = try await store.append([Fixture.started(call)])
            try await store.migrate()
            try await store.migrate()
            #expect(try await store.entries(call: call, after: 0, limit: 10).count == 1)
            #expect(try await store.append([Fixture.turn(call, at: 1, utterance: "u-1")]).map(\.callSequence) == [2])
            let versions: [Int]
            switch store {
            case let sqlite as SQLiteEventStore: versions = try await sqlite.appliedMigrations()
            case let postgres as PostgresEventStore: versions = try await postgres.appliedMigrations()
            default: throw StoreTestFailure("unknown store")
            }
            #expect(versions == [1, 2, 3, 4, 5])
        }
    }

    // MARK: Follow-ups and webhooks

    static func followUpEntry(_ followUp: FollowUp) throws -> LogEntry {
        LogEntry(
            callID: followUp.callID, kind: .output, type: FollowUp.entryType, at: 5_000,
            body: String(decoding: try JSONEncoder().encode(followUp), as: UTF8.self))
    }

    static func changeEntry(_ change: FollowUpChange) throws -> LogEntry {
        LogEntry(
            callID: change.callID, kind: .output, type: FollowUpChange.entryType, at: 6_000,
            body: String(decoding: try JSONEncoder().encode(change), as: UTF8.self))
    }

    @Test(
        "follow-ups: created, claimed, closed and marked overdue from log entries; filtered; overdue alerts resolve",
        arguments: StoreBackend.available)
    func followUps(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let call = Fixture.callID("fu")
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let packet = HandoffPacket.build(
                events: [.callStarted(CallStarted(callID: call, channel: .voice, customerID: "cu-1", queue: "billing"))], outputs: [])
            let first = FollowUp(
                id: "fu-\(call)-1", callID: call, alertID: "\(call)-a1", reason: "escalated to a manager: abuse", owner: "duty-manager",
                due: now.addingTimeInterval(3_600), createdAt: now, packet: packet)
            let second = FollowUp(id: "fu-\(call)-2", callID: call, reason: "rule asks", due: now.addingTimeInterval(60), createdAt: now)
            _ = try await store.append([Fixture.started(call), try Self.followUpEntry(first), try Self.followUpEntry(second)])

            let stored = try #require(try await store.followUp(first.id))
            #expect(stored.followUp == first)
            #expect(stored.agentID == "ag-1")
            #expect(stored.team == "team-a")
            #expect(try await store.followUps(FollowUpFilter(callID: call)).map(\.followUp.id) == [second.id, first.id])
            #expect(try await store.followUps(FollowUpFilter(callID: call, dueBefore: now.addingTimeInterval(120))).map(\.followUp.id) == [second.id])
            #expect(try await store.followUps(FollowUpFilter(owner: "duty-manager", team: "team-a")).map(\.followUp.id).contains(first.id))
            #expect(try await store.followUps(FollowUpFilter(callID: call, team: "team-b")).isEmpty)

            // Claimed, then overdue with its alert, then closed: the alert is resolved in the same append.
            let later = now.addingTimeInterval(7_200)
            _ = try await store.append([
                try Self.changeEntry(FollowUpChange(id: first.id, callID: call, action: .claim, by: "sup-1", owner: "mgr-ana", changedAt: later))
            ])
            _ = try await store.append([
                try Fixture.decision(call, at: 5_500, kind: .raised, tier: .supervisor, rule: "follow-up-overdue", alert: "\(first.id)-overdue"),
                try Self.changeEntry(
                    FollowUpChange(
                        id: first.id, callID: call, action: .overdue, by: "system", overdueAlertID: "\(first.id)-overdue", changedAt: later)),
            ])
            #expect(try await store.alert("\(first.id)-overdue")?.state == .open)
            _ = try await store.append([
                try Self.changeEntry(
                    FollowUpChange(id: first.id, callID: call, action: .close, by: "mgr-ana", state: .done, outcome: "refunded", changedAt: later))
            ])
            let closed = try #require(try await store.followUp(first.id)).followUp
            #expect(closed.state == .done)
            #expect(closed.owner == "mgr-ana")
            #expect(closed.outcome == "refunded")
            #expect(closed.overdueAlertID == "\(first.id)-overdue")
            #expect(closed.packet == packet)
            #expect(try await store.alert("\(first.id)-overdue")?.state == .resolved)
            #expect(try await store.call(call)?.openAlerts == 0)
            #expect(try await store.followUps(FollowUpFilter(state: .done, callID: call)).map(\.followUp.id) == [first.id])

            // A change to a closed follow-up stays in the log and changes nothing; so does one for an unknown id.
            let ignored = try await store.append([
                try Self.changeEntry(FollowUpChange(id: first.id, callID: call, action: .close, by: "x", state: .failed, changedAt: later)),
                try Self.changeEntry(FollowUpChange(id: "fu-none", callID: call, action: .claim, by: "x", owner: "y", changedAt: later)),
            ])
            #expect(ignored.count == 2)
            #expect(try await store.followUp(first.id)?.followUp.state == .done)
            #expect(try await store.followUp("fu-none") == nil)
        }
    }

    @Test("webhooks: saved and replaced by id, cursor only moves forward, deliveries newest first", arguments: StoreBackend.available)
    func webhooks(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let id = "wh_\(UUID().uuidString.prefix(8))"
            let created = Date(timeIntervalSince1970: 1_800_000_000)
            let start = try await store.lastPosition()
            var hook = WebhookRecord(
                id: id, url: "https://example.com/h", secret: "s3cret-s3cret-s3cret", types: ["decision", "handoff"], cursor: start,
                createdAt: created)
            try await store.saveWebhook(hook)
            #expect(try await store.webhooks().first { $0.id == id } == hook)
            try await store.moveWebhookCursor(id: id, to: start + 10)
            try await store.moveWebhookCursor(id: id, to: start + 5)
            #expect(try await store.webhooks().first { $0.id == id }?.cursor == start + 10)
            hook.active = false
            hook.cursor = start + 10
            try await store.saveWebhook(hook)
            #expect(try await store.webhooks().first { $0.id == id } == hook)
            for attempt in 1...3 {
                try await store.recordDelivery(
                    WebhookDelivery(
                        webhookID: id, position: start + 1, callID: "c", type: "decision", attempt: attempt, status: attempt == 3 ? 200 : nil,
                        error: attempt == 3 ? nil : "refused", delivered: attempt == 3, attemptedAt: created, durationMs: attempt))
            }
            let log = try await store.deliveries(webhook: id, limit: 10)
            #expect(log.map(\.attempt) == [3, 2, 1])
            #expect(log.first?.status == 200)
            #expect(log.last?.error == "refused")
            #expect(try await store.deliveries(webhook: id, limit: 1).count == 1)
            let call = Fixture.callID()
            let appended = try await store.append([Fixture.started(call)])
            #expect(try await store.lastPosition() == appended[0].position)
        }
    }

    @Test(
        "named leases: made when first asked for, one holder at a time, renewed by its holder, taken over once lapsed",
        arguments: StoreBackend.available)
    func namedLeases(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let name = "job-\(UUID().uuidString.prefix(8))"
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let first = try await store.lease(name, owner: "node-a", until: now + 30, now: now)
            #expect(first, "new: node A has it")
            #expect(!(try await store.lease(name, owner: "node-b", until: now + 40, now: now + 10)), "held: B waits")
            #expect(try await store.lease(name, owner: "node-a", until: now + 50, now: now + 20), "the holder renews")
            #expect(!(try await store.lease(name, owner: "node-b", until: now + 70, now: now + 40)))
            #expect(try await store.lease(name, owner: "node-b", until: now + 90, now: now + 60), "lapsed: B takes over")
            #expect(!(try await store.lease(name, owner: "node-a", until: now + 100, now: now + 70)))
            // Handing it back (a lease that ended long ago) lets the other take it at once.
            #expect(try await store.lease(name, owner: "node-b", until: Date(timeIntervalSince1970: 0), now: now + 75))
            #expect(try await store.lease(name, owner: "node-a", until: now + 110, now: now + 76))
            #expect(try await store.lease("other-\(name)", owner: "node-b", until: now + 30, now: now), "names are separate")
        }
    }

    // MARK: Keys and audit

    @Test("API keys: saved by hash, listed, replaced by id, revoked", arguments: StoreBackend.available)
    func apiKeys(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let created = Date(timeIntervalSince1970: 1_750_000_000.123)
            let admin = APIKeyRecord(id: "k-1", name: "ops", role: .admin, subject: nil, hash: String(repeating: "a", count: 64), createdAt: created)
            let agent = APIKeyRecord(
                id: "k-2", name: "leon", role: .agent, subject: "ag-412", hash: String(repeating: "b", count: 64),
                createdAt: created.addingTimeInterval(1))
            try await store.saveAPIKey(admin)
            try await store.saveAPIKey(agent)
            #expect(try await store.apiKey(hash: admin.hash) == admin)
            #expect(try await store.apiKey(hash: agent.hash) == agent)
            #expect(try await store.apiKey(hash: "unknown") == nil)
            #expect(try await store.apiKeys() == [admin, agent])

            try await store.revokeAPIKey(id: "k-2")
            #expect(try await store.apiKey(hash: agent.hash)?.revoked == true)
            #expect(try await store.apiKey(hash: admin.hash)?.revoked == false)
            await #expect(throws: EventStoreError.apiKeyNotFound(id: "k-404")) { try await store.revokeAPIKey(id: "k-404") }

            var renamed = admin
            renamed.name = "operations"
            try await store.saveAPIKey(renamed)
            #expect(try await store.apiKeys().map(\.name) == ["operations", "leon"])
        }
    }

    @Test("audit log: ids assigned by the store, increasing, paged by id", arguments: StoreBackend.available)
    func auditLog(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let at = Date(timeIntervalSince1970: 1_750_000_000.5)
            for (index, action) in ["transcript.read", "policy.change", "key.create", "key.revoke"].enumerated() {
                try await store.audit(
                    AuditRecord(at: at.addingTimeInterval(Double(index)), actor: "k-1", action: action, target: "t-\(index)", detail: "d"))
            }
            let records = try await store.auditLog(after: 0, limit: 100)
            #expect(records.map(\.action) == ["transcript.read", "policy.change", "key.create", "key.revoke"])
            #expect(records.allSatisfy { $0.id > 0 })
            #expect(zip(records, records.dropFirst()).allSatisfy { $0.id < $1.id })
            #expect(records.first?.at == at)
            #expect(records.first?.target == "t-0")
            #expect(try await store.auditLog(after: records[1].id, limit: 100) == Array(records[2...]))
            #expect(try await store.auditLog(after: 0, limit: 1) == [records[0]])
        }
    }

    // MARK: Retention

    @Test(
        "purge blanks every word of ended calls (turns, explanations, cues, quoted reasons, hand-off packets) but keeps every entry",
        arguments: StoreBackend.available)
    func purgeTranscripts(_ backend: StoreBackend) async throws {
        let run = try ExampleCallRun.run("04-")
        let outputs = Array(run.outputs.joined())
        let packet = try #require(HandoffPacket.build(events: run.events, outputs: outputs))
        try #require(packet.summary.contains { !$0.text.isEmpty }, "the packet quotes the customer")
        let followUp = FollowUp(
            id: "fu-\(run.callID)", callID: run.callID, reason: "escalated to a manager: cancel-threat", owner: "duty-manager",
            due: Date().addingTimeInterval(86_400), createdAt: Date(), packet: packet)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let followUpBody = String(decoding: try encoder.encode(followUp), as: UTF8.self)
        let handoffBody =
            #"{"type":"handoff","call":"\#(run.callID)","at":1,"target":"manager","reason":"escalation","compact":"v=1","packet":"#
            + String(decoding: try encoder.encode(packet), as: UTF8.self) + "}"
        let words = run.events.compactMap { event -> String? in
            if case .turn(let turn) = event, turn.speaker == .customer, turn.text.count >= 12 { turn.text } else { nil }
        }
        try #require(words.count > 5)
        try await backend.withStore { store in
            for index in run.events.indices { _ = try await store.append(try run.entries(forEvent: index)) }
            let end = try #require(run.events.last?.at)
            _ = try await store.append([
                LogEntry(callID: run.callID, kind: .output, type: "handoff", at: end, body: handoffBody),
                LogEntry(callID: run.callID, kind: .output, type: "follow_up", at: end, body: followUpBody),
            ])
            #expect(try await store.followUp(followUp.id)?.followUp.packet?.summary.contains { !$0.text.isEmpty } == true)
            // A live call is left alone.
            let live = Fixture.callID("live")
            _ = try await store.append([Fixture.started(live), Fixture.turn(live, at: 1_000, utterance: "u-1", text: "still talking")])
            let before = try await store.entries(call: run.callID, after: 0, limit: 10_000)
            #expect(before.contains { logged in words.contains { logged.entry.kind == .output && logged.entry.body.contains($0) } })

            #expect(try await store.purgeTranscripts(endedBefore: Date().addingTimeInterval(-3_600)) == 0)
            let quoted = /"[^"]+"/
            let expected = before.count { logged in
                switch try? ProjectedBody(logged.entry) {
                case .turn(let turn): !turn.text.isEmpty
                case .signal(let signal): !signal.explanations.isEmpty || signal.cues.contains { !$0.text.isEmpty }
                case .decision(let decision): decision.reasons.contains { $0.observed.contains(quoted) }
                default: logged.entry.type == "handoff" || logged.entry.type == "follow_up"
                }
            }
            #expect(expected > 10)
            #expect(try await store.purgeTranscripts(endedBefore: Date().addingTimeInterval(60)) == expected)

            let after = try await store.entries(call: run.callID, after: 0, limit: 10_000)
            #expect(after.count == before.count)
            for logged in after {
                for text in words {
                    #expect(!logged.entry.body.contains(text), "entry \(logged.position) (\(logged.entry.type)) still quotes the customer")
                }
            }
            for (old, new) in zip(before, after) {
                #expect(old.position == new.position)
                #expect(old.entry.type == new.entry.type)
                switch (try ProjectedBody(old.entry), try ProjectedBody(new.entry)) {
                case (.turn(let oldTurn), .turn(let newTurn)):
                    #expect(newTurn.text.isEmpty)
                    #expect(newTurn.utteranceID == oldTurn.utteranceID)
                    #expect(newTurn.speaker == oldTurn.speaker)
                case (.signal(let oldSignal), .signal(let newSignal)):
                    #expect(newSignal.explanations.isEmpty)
                    #expect(newSignal.cues.allSatisfy { $0.text.isEmpty })
                    #expect(newSignal.cues.map(\.kind) == oldSignal.cues.map(\.kind))
                    #expect(newSignal.stress == oldSignal.stress)
                    #expect(newSignal.emotions == oldSignal.emotions)
                case (.decision(let oldDecision), .decision(let newDecision)):
                    #expect(!newDecision.reasons.contains { $0.observed.contains(quoted) })
                    #expect(newDecision.reasons.map(\.condition) == oldDecision.reasons.map(\.condition))
                    #expect(newDecision.alertID == oldDecision.alertID && newDecision.tier == oldDecision.tier)
                case (.other, .other) where old.entry.type == "handoff" || old.entry.type == "follow_up":
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(new.entry.body.utf8)) as? [String: Any])
                    let newPacket = try JSONDecoder().decode(
                        HandoffPacket.self, from: try JSONSerialization.data(withJSONObject: object["packet"] ?? [:]))
                    #expect(newPacket.summary.allSatisfy { $0.text.isEmpty } && newPacket.promises.allSatisfy { $0.text.isEmpty })
                    #expect(newPacket.summary.count == packet.summary.count && newPacket.peakStress == packet.peakStress)
                case (.other, .other):
                    #expect(old.entry.body == new.entry.body)
                default:
                    Issue.record("entry \(old.position) changed type")
                }
            }
            let alerts = try await store.alerts(AlertFilter(callID: run.callID))
            #expect(!alerts.isEmpty)
            for alert in alerts {
                let decision = try JSONDecoder().decode(Decision.self, from: Data(alert.decision.utf8))
                #expect(!decision.reasons.contains { $0.observed.contains(quoted) }, "alert \(alert.alertID)'s decision quotes no words")
            }
            let observed = try alerts.flatMap { try JSONDecoder().decode(Decision.self, from: Data($0.decision.utf8)).reasons.map(\.observed) }
            #expect(observed.contains { $0.contains("\"\"") }, "a quotation emptied in place: \(observed)")
            let purgedFollowUp = try #require(try await store.followUp(followUp.id)?.followUp)
            #expect(purgedFollowUp.packet?.summary.allSatisfy { $0.text.isEmpty } == true, "the follow-up's copy of the packet too")
            #expect(purgedFollowUp.packet?.summary.count == packet.summary.count)
            #expect(try await store.entries(call: live, after: 0, limit: 10).last?.entry.body.contains("still talking") == true)
            #expect(try await store.purgeTranscripts(endedBefore: Date().addingTimeInterval(60)) == 0)
        }
    }
}

/// A log entry's body as the tests look at it.
enum ProjectedBody {
    case turn(Turn)
    case signal(TurnSignal)
    case decision(Decision)
    case other

    /// Entries the engine does not write (hand-offs, follow-ups) are `other`.
    init(_ entry: LogEntry) throws {
        switch entry.kind {
        case .event:
            if case .turn(let turn) = try CallEvents.decode(line: entry.body) { self = .turn(turn) } else { self = .other }
        case .output:
            switch try? JSONDecoder().decode(EngineOutput.self, from: Data(entry.body.utf8)) {
            case .signal(let signal): self = .signal(signal)
            case .decision(let decision): self = .decision(decision)
            default: self = .other
            }
        }
    }
}

struct StoreTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
