import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

/// The shards' commit delay: while requests arrive together, a shard waits a little before a small group so that one
/// transaction carries many of them.
@Suite("Commit delay")
struct CommitDelayTests {
    /// How many group commits the server has made, from its metrics.
    private static func commits(_ client: any TestClientProtocol) async throws -> Int {
        try await client.execute(uri: "/metrics", method: .get) { response in
            let line = String(buffer: response.body).split(separator: "\n").first { $0.hasPrefix("undertone_store_commit_entries_count ") }
            return Int(Double(line?.split(separator: " ").last ?? "") ?? -1)
        }
    }

    /// Starts `calls` calls at once, then sends their turns one every `gap`, round robin; returns the commits that
    /// stored them. `patient`: the turns are sent as a stream's are when they come long after its last answer.
    private static func run(
        delay: Duration, maxDelay: Duration = .zero, calls: Int = 20, turns: Int = 5, gap: Duration = .milliseconds(20), patient: Bool = false
    ) async throws -> Int {
        let server = try await TestServer {
            $0.shards = 1
            $0.commitDelay = delay
            $0.maxCommitDelay = maxDelay
        }
        let commits = Mutex(0)
        try await server.run { client in
            let shards = server.context.shards
            try await withThrowingTaskGroup(of: Void.self) { group in
                for call in 0..<calls {
                    group.addTask {
                        let start = CallEvent.callStarted(
                            CallStarted(callID: "delay-\(call)", channel: .chat, customerID: "c-\(call)", queue: "billing"))
                        let receipt = try await shards.ingest(callID: "delay-\(call)", items: [IngestItem(sequence: 1, event: start)])
                        #expect(receipt.acknowledged == [1])
                    }
                }
                try await group.waitForAll()
            }
            // A turn every `gap`: a call's next turn comes `calls` gaps after its last, long after that one is stored.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<(calls * turns) {
                    group.addTask {
                        try await Task.sleep(for: gap * index)
                        let (call, turn) = (index % calls, index / calls + 1)
                        let event = CallEvent.turn(
                            Turn(
                                callID: "delay-\(call)", at: turn * 1_000, utteranceID: "u-\(turn)", speaker: .customer,
                                text: "my bill is wrong again"))
                        let items = [IngestItem(sequence: turn + 1, event: event)]
                        let receipt =
                            patient
                            ? try await withCheckedThrowingContinuation { reply in
                                shards.ingest(callID: "delay-\(call)", items: items, scope: .anyCall, patient: true) { reply.resume(with: $0) }
                            } : try await shards.ingest(callID: "delay-\(call)", items: items)
                        #expect(receipt.acknowledged == [turn + 1])
                    }
                }
                try await group.waitForAll()
            }
            for call in 0..<calls {
                let logged = try await server.context.store.entries(call: "delay-\(call)", after: 0, limit: 1_000)
                #expect(logged.filter { $0.entry.kind == .event }.map(\.entry.clientSequence) == (1...(turns + 1)).map { Optional($0) })
                #expect(logged.map(\.callSequence) == Array(1...logged.count))
            }
            let made = try await Self.commits(client)
            commits.withLock { $0 = made }
        }
        return commits.withLock { $0 }
    }

    @Test("requests arriving together share commits, each acknowledged and stored once, in order")
    func requestsShareCommits() async throws {
        // 100 turns over two seconds: with a 200 ms delay about ten commits carry them (and one or two the starts).
        let commits = try await Self.run(delay: .milliseconds(200))
        #expect(commits <= 40, "\(commits) commits for 120 requests")
    }

    @Test("a busy shard waits on while requests keep coming: fewer, larger commits, each request stored once, in order")
    func busyShardWaitsOn() async throws {
        // 500 turns over one second, ten in each 20 ms commit delay: the delay alone gathers about ten a group (some 50
        // commits, 41–44 here); waiting on while they keep coming holds each group until 32 wait (25–26 here).
        let commits = try await Self.run(delay: .milliseconds(20), maxDelay: .milliseconds(200), turns: 25, gap: .milliseconds(2))
        #expect(commits <= 34, "\(commits) commits for 520 requests")
    }

    @Test("patient senders are held for company at a rate that would not hold senders waiting for their answers")
    func patientSendersWaitOn() async throws {
        // 160 turns over 1.1 s, about three in each 20 ms commit delay: too few to hold senders that wait for their
        // answers past the delay (four), enough for patient ones (two), which wait on up to 200 ms or 64 waiting.
        let commits = try await Self.run(
            delay: .milliseconds(20), maxDelay: .milliseconds(200), turns: 8, gap: .milliseconds(7), patient: true)
        #expect(commits <= 24, "\(commits) commits for 180 requests")
    }

    @Test("the wait's steps: the commit delay while requests arrive together, longer only while a busy shard's keep coming")
    func waitSteps() {
        func seen(_ startedWith: Int, _ before: Int, _ now: Int, lastMs: Double = 0.2) -> GroupWait.Arrivals {
            GroupWait.Arrivals(startedWith: startedWith, before: before, now: now, sinceLast: .microseconds(Int(lastMs * 1_000)))
        }
        let wait = GroupWait(commitDelay: .milliseconds(2), maxCommitDelay: .milliseconds(10))
        // A lone writer, a group big enough already, nothing waiting: run at once.
        #expect(wait.first(lastGroup: 1, waiting: 3) == nil)
        #expect(wait.first(lastGroup: 5, waiting: GroupWait.fullGroup) == nil)
        #expect(wait.first(lastGroup: 5, waiting: 0) == nil)
        #expect(wait.first(lastGroup: 5, waiting: 2) == .milliseconds(2))
        // Quiet: fewer than four arrived during the delay.
        #expect(wait.next(waited: .milliseconds(2), arrivals: seen(2, 2, 5)) == nil)
        // Senders waiting for their answers: many arrived, but together at the start of the delay, and then none.
        #expect(wait.next(waited: .milliseconds(2), arrivals: seen(1, 1, 16, lastMs: 1.5)) == nil)
        // Busy: four arrived and are still arriving; then on while each step brings more, until 10 ms in all.
        #expect(wait.next(waited: .milliseconds(2), arrivals: seen(2, 2, 6)) == .milliseconds(2))
        #expect(wait.next(waited: .milliseconds(4), arrivals: seen(2, 6, 9)) == .milliseconds(2))
        #expect(wait.next(waited: .milliseconds(8), arrivals: seen(2, 14, 18)) == .milliseconds(2))
        #expect(wait.next(waited: .milliseconds(10), arrivals: seen(2, 18, 22)) == nil)
        // Busy or not, eight waiting already are run at once.
        #expect(wait.first(lastGroup: 20, waiting: GroupWait.fullGroup) == nil)
        // A step that brought nothing or whose last arrival is old, a big group, a stopping shard: run now.
        #expect(wait.next(waited: .milliseconds(4), arrivals: seen(2, 9, 9)) == nil)
        #expect(wait.next(waited: .milliseconds(4), arrivals: seen(2, 9, 12, lastMs: 1.2)) == nil)
        #expect(wait.next(waited: .milliseconds(4), arrivals: seen(2, 9, GroupWait.bigGroup)) == nil)
        #expect(wait.next(waited: .milliseconds(4), arrivals: seen(2, 9, 0)) == nil)
        // Patient senders (none waits for an answer): busy from two arrivals, whenever the last came; held even with eight
        // or more waiting, until 64 wait or the longest wait.
        func patient(_ startedWith: Int, _ before: Int, _ now: Int) -> GroupWait.Arrivals {
            GroupWait.Arrivals(startedWith: startedWith, before: before, now: now, sinceLast: .milliseconds(1.9), patient: true)
        }
        // Four arrived, the last long before the delay ended: not busy for senders waiting on answers, busy for patient ones.
        #expect(wait.next(waited: .milliseconds(2), arrivals: seen(2, 2, 6, lastMs: 1.9)) == nil)
        #expect(wait.next(waited: .milliseconds(2), arrivals: patient(2, 2, 6)) == .milliseconds(2))
        // Two suffice for patient senders, and a later step needs only to bring more.
        #expect(wait.next(waited: .milliseconds(2), arrivals: patient(2, 2, 4)) == .milliseconds(2))
        #expect(wait.next(waited: .milliseconds(2), arrivals: patient(2, 2, 3)) == nil)
        #expect(wait.first(lastGroup: 20, waiting: 12, patient: true) == .milliseconds(2))
        #expect(wait.first(lastGroup: 20, waiting: GroupWait.patientBigGroup, patient: true) == nil)
        #expect(wait.next(waited: .milliseconds(4), arrivals: patient(12, 40, 50)) == .milliseconds(2))
        #expect(wait.next(waited: .milliseconds(4), arrivals: patient(12, 50, 50)) == nil)
        #expect(wait.next(waited: .milliseconds(4), arrivals: patient(12, 50, GroupWait.patientBigGroup)) == nil)
        #expect(wait.next(waited: .milliseconds(10), arrivals: patient(12, 40, 50)) == nil)
        // Without a longer wait than the delay, patient or not, nothing is held past it.
        let short = GroupWait(commitDelay: .milliseconds(2), maxCommitDelay: .milliseconds(2))
        #expect(short.first(lastGroup: 20, waiting: 12, patient: true) == nil)
        #expect(short.next(waited: .milliseconds(2), arrivals: patient(2, 2, 9)) == nil)
        // The last step ends at the longest wait; no longer wait than the delay, no waiting on.
        let uneven = GroupWait(commitDelay: .milliseconds(3), maxCommitDelay: .milliseconds(10))
        #expect(uneven.next(waited: .milliseconds(9), arrivals: seen(1, 8, 12)) == .milliseconds(1))
        let off = GroupWait(commitDelay: .milliseconds(2), maxCommitDelay: .milliseconds(2))
        #expect(off.next(waited: .milliseconds(2), arrivals: seen(1, 1, 7)) == nil)
    }

    @Test("a lone writer's requests are not held for company: each is its own commit, stored in order")
    func loneWriter() async throws {
        let server = try await TestServer {
            $0.shards = 1
            $0.commitDelay = .milliseconds(100)
        }
        try await server.run { client in
            let shards = server.context.shards
            let start = CallEvent.callStarted(CallStarted(callID: "lone", channel: .chat, customerID: "c", queue: "billing"))
            _ = try await shards.ingest(callID: "lone", items: [IngestItem(sequence: 1, event: start)])
            for turn in 1...10 {
                let event = CallEvent.turn(Turn(callID: "lone", at: turn * 1_000, utteranceID: "u-\(turn)", speaker: .customer, text: "hello"))
                let receipt = try await shards.ingest(callID: "lone", items: [IngestItem(sequence: turn + 1, event: event)])
                #expect(receipt.acknowledged == [turn + 1])
            }
            let logged = try await server.context.store.entries(call: "lone", after: 0, limit: 1_000)
            #expect(logged.filter { $0.entry.kind == .event }.map(\.entry.clientSequence) == (1...11).map { Optional($0) })
            // Each request waited for its answer before the next was sent: eleven groups, eleven commits.
            #expect(try await Self.commits(client) == 11)
        }
    }
}
