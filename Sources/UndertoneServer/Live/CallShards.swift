import Foundation
import Logging
import NIOCore
import NIOPosix
import Prometheus
import ServiceLifecycle
import Synchronization
import UndertoneEngine
import UndertoneStore

/// One event to ingest, with the client's sequence number when it sent one.
public struct IngestItem: Sendable, Equatable {
    public var sequence: Int?
    public var event: CallEvent

    public init(sequence: Int? = nil, event: CallEvent) {
        self.sequence = sequence
        self.event = event
    }
}

/// What happened to a batch of one call's events: all of it is in the log before this is returned.
public struct IngestReceipt: Sendable, Equatable {
    /// Sequence numbers accepted now.
    public var acknowledged: [Int] = []
    /// Sequence numbers already accepted before (a client resending after a drop): acknowledged, not processed again.
    public var duplicates: [Int] = []
    /// Events accepted now (with or without a sequence number).
    public var accepted = 0
    public var outputs: [EngineOutput] = []
    /// The same outputs as JSON, encoded once for the log and reused for answers and the feed.
    public var outputLines: [String] = []
    /// The highest sequence number accepted for the call so far (0 when none).
    public var lastSequence = 0
}

/// Whose calls a writer may write to: every call (an admin key) or one team's (a supervisor key).
public enum IngestScope: Sendable, Equatable {
    case anyCall
    case team(String)
}

/// Why events were refused. Nothing of a refused batch is stored; everything before it was.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    /// The call is not known and the batch does not start it with `call_started`.
    case unknownCall(String)
    /// `call_started` for a call that has already started.
    case alreadyStarted(String)
    /// Events after `call_ended`.
    case callEnded(String)
    /// The store refused the write; nothing of the batch was acknowledged.
    case store(String)
    /// The server is shutting down.
    case shuttingDown
    /// A sequence number beyond the next one: the messages between were lost, and accepting it would acknowledge them.
    case sequenceGap(call: String, expected: Int, received: Int)
    /// The call belongs to another team than the writer's (told apart from an unknown call by nothing else).
    case notWritable(String)
    /// `call_started` for another team than the writer's.
    case otherTeam(call: String, team: String?, allowed: String)

    public var description: String {
        switch self {
        case .unknownCall(let id): "unknown call \"\(id)\": send call_started first"
        case .alreadyStarted(let id): "call \"\(id)\" has already started"
        case .callEnded(let id): "call \"\(id)\" has ended"
        case .store(let reason): "the event log refused the write: \(reason)"
        case .shuttingDown: "the server is shutting down"
        case .sequenceGap(let id, let expected, let received):
            "sequence gap on call \"\(id)\": expected \(expected), received \(received); resend from \(expected)"
        case .notWritable(let id): "no call \"\(id)\" that this key may write to"
        case .otherTeam(let id, let team, let allowed):
            "call \"\(id)\": a supervisor key of team \"\(allowed)\" starts calls of its own team only (this one names "
                + (team.map { "team \"\($0)\"" } ?? "no team") + ")"
        }
    }
}

/// A call held in memory by its shard, which alone reads and changes it (so it is a reference: the shard's many looks
/// at a call cost no copy of its engine state and arrays, and the engine changes it in place).
final class LiveCall {
    var analyzer: CallAnalyzer
    let started: CallStarted
    /// What a hand-off packet is built from: the call's events (audio aside) and the engine's signals and decisions.
    var events: [CallEvent] = []
    var outputs: [EngineOutput] = []
    var lastSequence = 0
    /// The last `callSequence` of the call's log that this state includes: what the next append expects the log to end
    /// at (docs/nodes.md). Another writer moving it makes this node catch up first.
    var logHead = 0
    var ended = false
    /// When the call last took an event (or was rebuilt): calls idle for long leave memory.
    var lastActive = ContinuousClock.now

    init(analyzer: CallAnalyzer, started: CallStarted) {
        self.analyzer = analyzer
        self.started = started
    }
}

/// Live calls spread over a fixed set of shards (call id → shard). Each shard is one task that owns its calls' engine
/// state outright: it takes every request waiting for it, runs the engine over them, writes all their events and
/// outputs to the log in one transaction (group commit), and only then answers and publishes. No lock is global, a
/// call's events keep their order, and nothing is acknowledged before it is stored.
///
/// A call not in memory (after a restart, or on another node) is rebuilt by replaying its events from the log.
public final class CallShards: Service, Sendable {
    let shards: [Shard]
    let context: ShardContext
    /// Calls idle this long leave memory (nil: never).
    let idleEviction: Duration?
    /// Words for the calls' audio (nil: audio gives voice features only).
    public let speech: CallTranscription?

    public init(
        count: Int, commitDelay: Duration = .zero, maxCommitDelay: Duration = .zero, store: any EventStore, policy: @escaping @Sendable () -> Policy,
        textModel: TextModel,
        redactor: Redactor?,
        pseudonyms: CustomerPseudonyms? = nil, feed: LiveFeed,
        metrics: ServerMetrics, logger: Logger, idleEviction: Duration? = nil, followUps: FollowUpSettings = FollowUpSettings(),
        announce: (@Sendable ([Int64]) -> Void)? = nil, knowledgeBase: KnowledgeBase? = nil,
        intentModel: IntentModel? = try? IntentModel.default, speech: CallTranscription? = nil
    ) {
        self.idleEviction = idleEviction
        self.speech = speech
        // Each shard's task runs on an event loop of NIO's shared group, the one the connections are served on (a shard per
        // processor, a loop per processor: each shard a loop of its own).
        let loops = MultiThreadedEventLoopGroup.singleton
        shards = (0..<max(1, count)).map { _ in Shard(eventLoop: loops.next()) }
        context = ShardContext(
            store: store, commitDelay: commitDelay, maxCommitDelay: maxCommitDelay, policy: policy, textModel: textModel, redactor: redactor,
            pseudonyms: pseudonyms, feed: feed,
            metrics: metrics,
            logger: logger, followUps: followUps, announce: announce, knowledgeBase: knowledgeBase, intentModel: intentModel)
        speech?.connect(
            CallTranscription.Sink(
                deliver: { [weak self] callID, turn in
                    guard let self else { throw IngestError.shuttingDown }
                    _ = try await self.submit(callID: callID, items: [IngestItem(event: .turn(turn))])
                },
                publish: { message in feed.publish([message]) }))
    }

    /// Ingests one call's events in order, for a writer limited to `scope`. Returns once they and their outputs are stored.
    ///
    /// With a transcription stage, the audio accepted goes on to it, and a `call_ended` waits until the call's last
    /// utterances have become turns: the events before it are stored first, then the words, then the end.
    public func ingest(callID: String, items: [IngestItem], scope: IngestScope = .anyCall) async throws -> IngestReceipt {
        guard let speech, items.contains(where: \.event.feedsSpeech) else { return try await submit(callID: callID, items: items, scope: scope) }
        guard let end = items.firstIndex(where: { if case .callEnded = $0.event { true } else { false } }) else {
            let receipt = try await submit(callID: callID, items: items, scope: scope)
            await speech.hear(callID: callID, events: Self.accepted(items, receipt))
            return receipt
        }
        var receipt = IngestReceipt()
        if end > 0 {
            let before = Array(items[..<end])
            receipt = try await submit(callID: callID, items: before, scope: scope)
            await speech.hear(callID: callID, events: Self.accepted(before, receipt))
        }
        await speech.finish(callID: callID)
        let after = try await submit(callID: callID, items: Array(items[end...]), scope: scope)
        receipt.acknowledged += after.acknowledged
        receipt.duplicates += after.duplicates
        receipt.accepted += after.accepted
        receipt.outputs += after.outputs
        receipt.outputLines += after.outputLines
        receipt.lastSequence = after.lastSequence
        return receipt
    }

    /// The events of a batch the shard took (those it re-acknowledged as duplicates aside).
    private static func accepted(_ items: [IngestItem], _ receipt: IngestReceipt) -> [CallEvent] {
        let duplicates = Set(receipt.duplicates)
        return items.filter { item in item.sequence.map { !duplicates.contains($0) } ?? true }.map(\.event)
    }

    /// Hands a batch to the call's shard; returns once it is stored. (The transcription stage's turns are the server's
    /// own, written to any call.)
    private func submit(callID: String, items: [IngestItem], scope: IngestScope = .anyCall) async throws -> IngestReceipt {
        try await withCheckedThrowingContinuation { reply in
            shard(for: callID).submit(.ingest(callID: callID, items: items, scope: scope, received: .now, reply: .continuation(reply)))
        }
    }

    /// ``ingest(callID:items:scope:)`` for a caller that is not a task: `reply` is called once, on the shard's thread, when
    /// the batch is stored or refused. (A batch the transcription stage must hear goes through the asynchronous form.)
    ///
    /// `patient`: the sender did not wait for an answer to send this batch (it came long after the sender's last answer),
    /// so holding it a little longer for company costs the sender time, never throughput (``GroupWait``).
    func ingest(
        callID: String, items: [IngestItem], scope: IngestScope, patient: Bool = false,
        reply: @escaping @Sendable (Result<IngestReceipt, any Error>) -> Void
    ) {
        if speech != nil, items.contains(where: \.event.feedsSpeech) {
            Task {
                do { reply(.success(try await ingest(callID: callID, items: items, scope: scope))) } catch { reply(.failure(error)) }
            }
            return
        }
        shard(for: callID).submit(.ingest(callID: callID, items: items, scope: scope, received: .now, reply: .callback(reply)), patient: patient)
    }

    /// The highest sequence number accepted for a call, or nil for a call the log does not know.
    public func lastSequence(callID: String) async throws -> Int? {
        try await withCheckedThrowingContinuation { reply in
            // A stream opening asks once: waiting a little longer costs it time, not throughput.
            shard(for: callID).submit(.lastSequence(callID: callID, reply: reply), patient: true)
        }
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for shard in shards {
                group.addTask(executorPreference: shard.executor) { await shard.run(self.context) }
            }
            group.addTask {
                try? await gracefulShutdown()
                for shard in self.shards { shard.stop() }
            }
            if let idle = idleEviction {
                group.addTask {
                    // Every so often each shard lets go of calls that have gone quiet (a dropped stream that never ended).
                    await cancelWhenGracefulShutdown {
                        while (try? await Task.sleep(for: min(idle / 4, .seconds(60)))) != nil {
                            for shard in self.shards { shard.submit(.evictIdle(olderThan: idle)) }
                        }
                    }
                }
            }
        }
    }

    /// Asks every shard to let go of calls idle for `olderThan`; returns how many left memory.
    public func evictIdle(olderThan idle: Duration) async -> Int {
        var evicted = 0
        for shard in shards {
            evicted += (try? await withCheckedThrowingContinuation { reply in shard.submit(.evictIdle(olderThan: idle, reply: reply)) }) ?? 0
        }
        return evicted
    }

    /// The executor of the shard that holds `callID`: a task that waits on that shard runs there too, and is answered
    /// without a wake of another thread.
    func executor(forCall callID: String) -> any TaskExecutor {
        shard(for: callID).executor
    }

    private func shard(for callID: String) -> Shard {
        // FNV-1a: stable across processes and nodes, unlike `hashValue`.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in callID.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return shards[Int(hash % UInt64(shards.count))]
    }
}

/// What every shard shares.
struct ShardContext: Sendable {
    let store: any EventStore
    /// How long a shard waits for company before it runs a small group (``Shard``).
    let commitDelay: Duration
    /// How long in all the wait may go on while requests keep arriving (``Shard``; at most `commitDelay`: no more).
    let maxCommitDelay: Duration
    let policy: @Sendable () -> Policy
    let textModel: TextModel
    /// Removes personal data from turns before the engine, the log or the feed see them (nil: keep originals).
    let redactor: Redactor?
    /// Replaces customer ids that are personal data (nil: keep them).
    let pseudonyms: CustomerPseudonyms?
    let feed: LiveFeed
    let metrics: ServerMetrics
    let logger: Logger
    /// Who follow-ups go to and when they are due.
    let followUps: FollowUpSettings
    /// Tells other nodes which log positions were just written and published here (nil: a single node).
    let announce: (@Sendable ([Int64]) -> Void)?
    /// Articles suggested to agents (nil: hints only).
    var knowledgeBase: KnowledgeBase? = nil
    /// What reads each call's intent from the customer's words (the shipped model unless `serve --intents` names one).
    var intentModel: IntentModel? = try? IntentModel.default
}

/// Where an ingest request's outcome goes: a waiting task, or a function called on the shard's thread.
enum IngestReply: Sendable {
    case continuation(CheckedContinuation<IngestReceipt, any Error>)
    case callback(@Sendable (Result<IngestReceipt, any Error>) -> Void)

    func resume(with result: Result<IngestReceipt, any Error>) {
        switch self {
        case .continuation(let continuation): continuation.resume(with: result)
        case .callback(let callback): callback(result)
        }
    }
}

/// One shard: a mailbox and the task that empties it.
final class Shard: Sendable {
    enum Job: Sendable {
        case ingest(callID: String, items: [IngestItem], scope: IngestScope, received: ContinuousClock.Instant, reply: IngestReply)
        case lastSequence(callID: String, reply: CheckedContinuation<Int?, any Error>)
        /// Let go of calls with no event for this long (the reply, if any, gets how many).
        case evictIdle(olderThan: Duration, reply: CheckedContinuation<Int, any Error>? = nil)

        var callID: String? {
            switch self {
            case .ingest(let callID, _, _, _, _), .lastSequence(let callID, _): callID
            case .evictIdle: nil
            }
        }

        func fail(_ error: any Error) {
            switch self {
            case .ingest(_, _, _, _, let reply): reply.resume(with: .failure(error))
            case .lastSequence(_, let reply): reply.resume(throwing: error)
            case .evictIdle(_, let reply): reply?.resume(throwing: error)
            }
        }
    }

    private struct Mailbox {
        var jobs: [Job] = []
        var stopped = false
        /// When the last job came: whether requests are still arriving when a wait ends (``GroupWait``).
        var lastArrival = ContinuousClock.now
        /// Jobs waiting whose senders wait for their answers to send again (not `patient`).
        var eager = 0
    }

    private let mailbox = Mutex(Mailbox())
    private let wake = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    /// Runs the shard's task on its event loop, where it also waits out a commit delay.
    let executor: EventLoopTaskExecutor

    init(eventLoop: any EventLoop) {
        executor = EventLoopTaskExecutor(eventLoop)
    }

    /// Queues `job`; `patient` when its sender is not waiting for an answer to send its next (``GroupWait``).
    func submit(_ job: Job, patient: Bool = false) {
        let accepted = mailbox.withLock { mailbox in
            guard !mailbox.stopped else { return false }
            mailbox.jobs.append(job)
            mailbox.lastArrival = .now
            if !patient { mailbox.eager += 1 }
            return true
        }
        guard accepted else { return job.fail(IngestError.shuttingDown) }
        wake.continuation.yield()
    }

    func stop() {
        mailbox.withLock { $0.stopped = true }
        wake.continuation.finish()
    }

    func run(_ context: ShardContext) async {
        var calls: [String: LiveCall] = [:]
        var lastGroup = 0
        for await _ in wake.stream {
            await drain(context, &calls, lastGroup: &lastGroup)
        }
        // Stopped: finish what was accepted into the mailbox before the stop, at once.
        lastGroup = 0
        await drain(context, &calls, lastGroup: &lastGroup)
        context.metrics.liveCalls.decrement(by: Double(calls.count))
    }

    /// Runs the waiting requests, group after group, until none waits, each group after the wait ``GroupWait`` decides.
    private func drain(_ context: ShardContext, _ calls: inout [String: LiveCall], lastGroup: inout Int) async {
        let policy = GroupWait(commitDelay: context.commitDelay, maxCommitDelay: context.maxCommitDelay)
        while true {
            let (waiting, patient) = mailbox.withLock { ($0.jobs.count, $0.eager == 0) }
            if var step = policy.first(lastGroup: lastGroup, waiting: waiting, patient: patient) {
                var waited = Duration.zero
                var before = waiting
                while true {
                    await wait(step)
                    waited += step
                    let (now, lastArrival, patient) = mailbox.withLock { ($0.stopped ? 0 : $0.jobs.count, $0.lastArrival, $0.eager == 0) }
                    let arrival = GroupWait.Arrivals(
                        startedWith: waiting, before: before, now: now, sinceLast: .now - lastArrival, patient: patient)
                    guard let next = policy.next(waited: waited, arrivals: arrival) else { break }
                    (step, before) = (next, now)
                }
            }
            let jobs = mailbox.withLock { mailbox in
                defer {
                    mailbox.jobs.removeAll(keepingCapacity: true)
                    mailbox.eager = 0
                }
                return mailbox.jobs
            }
            guard !jobs.isEmpty else { return }
            lastGroup = jobs.count
            // The gauge moves by what this group changed: ended calls leave memory, started and rebuilt ones enter it.
            let before = calls.count
            await context.process(jobs, &calls)
            context.metrics.liveCalls.increment(by: Double(calls.count - before))
        }
    }

    /// A timer of the shard's own event loop: `Task.sleep` would wake a thread of the global executor to hand the task
    /// back to the loop.
    private func wait(_ delay: Duration) async {
        try? await executor.eventLoop.scheduleTask(in: TimeAmount(delay)) {}.futureResult.get()
    }
}

/// How long a shard waits before it runs a group: the commit delay while requests arrive together, and longer while a
/// busy shard's requests keep coming.
///
/// When the last group took more than one request (requests are arriving together) and fewer than ``fullGroup`` wait, the
/// shard first waits `commitDelay` for more: a commit and the wakes and hops around it cost about as much for one event as
/// for ten. Requests that come one at a time are run at once.
///
/// A busy shard waits on, a commit delay at a time, while each step brings more, until `maxCommitDelay` in all or
/// ``bigGroup`` waiting. A busy node then spends its processor on events rather than on commits and on each group's cold
/// start (docs/performance.md, "the wait under load"), for a few milliseconds more before each answer; a quiet one answers
/// as before. Who counts as busy depends on whether the senders wait for their answers:
/// - *Patient* senders (every request waiting came long after its sender's last answer: calls streaming their events
///   as they happen) lose only time to a longer wait, never throughput. Their shard is busy when ``patientArrivals`` or
///   more arrived during the first wait (1,000 a second at the default 2 ms), and it waits for company even with
///   ``fullGroup`` or more waiting.
/// - Senders that wait for their answers before sending again (REST clients, a WebSocket sending at once) arrive together
///   just after their answers and then stop; held longer, they would send less. Their shard is busy only when
///   ``busyArrivals`` or more arrived during the delay and the last within half a delay as it ends, and it goes on only
///   while they are still arriving so.
struct GroupWait: Sendable {
    /// A group this large is run at once (unless its senders are patient): waiting for more would add little to what
    /// one commit carries.
    static let fullGroup = 8
    /// Requests arriving during the first wait that mark the shard as busy (2,000 a second at the default 2 ms).
    static let busyArrivals = 4
    /// The same for patient senders (1,000 a second at the default 2 ms).
    static let patientArrivals = 2
    /// A group this large is run at once: it already spreads a commit's cost thin.
    static let bigGroup = 32
    /// The same for patient senders: holding them costs no throughput, and a commit's cost keeps thinning out.
    static let patientBigGroup = 64

    /// What a wait saw: the requests waiting when the first wait began, when the last one began and now, how long since
    /// the last arrived, and whether every sender waiting is patient.
    struct Arrivals: Sendable {
        var startedWith: Int
        var before: Int
        var now: Int
        var sinceLast: Duration
        var patient = false
    }

    let commitDelay: Duration
    let maxCommitDelay: Duration

    /// The first wait before a group, or nil to run it at once: `lastGroup` requests made the last group, `waiting` wait,
    /// `patient` when none of their senders waits for an answer.
    func first(lastGroup: Int, waiting: Int, patient: Bool = false) -> Duration? {
        guard commitDelay > .zero, lastGroup > 1, waiting > 0 else { return nil }
        guard waiting < Self.fullGroup || (patient && maxCommitDelay > commitDelay && waiting < Self.patientBigGroup) else { return nil }
        return commitDelay
    }

    /// The next wait after `waited` in all, or nil to run the group.
    func next(waited: Duration, arrivals: Arrivals) -> Duration? {
        let stillArriving = arrivals.patient || arrivals.sinceLast < commitDelay / 2
        if waited <= commitDelay {
            // With no longer wait than the delay (`maxCommitDelay` at most `commitDelay`), nothing changes: never busy.
            let busy = stillArriving && arrivals.now - arrivals.startedWith >= (arrivals.patient ? Self.patientArrivals : Self.busyArrivals)
            guard maxCommitDelay > commitDelay, busy else { return nil }
        } else {
            guard stillArriving, arrivals.now > arrivals.before else { return nil }
        }
        guard waited < maxCommitDelay, arrivals.now < (arrivals.patient ? Self.patientBigGroup : Self.bigGroup) else { return nil }
        return min(commitDelay, maxCommitDelay - waited)
    }
}

extension ShardContext {
    /// Event types kept off the live feed.
    static let offTheFeed: Set<String> = [ClockTick.eventType]

    /// How many times a group is run again because another writer appended to one of its calls first.
    static let catchUpRounds = 8

    /// Runs a group of requests: load the calls they name, run the engine, one append, then answer and publish.
    ///
    /// The append expects each call's log to end where this node's state of it does. When another node (or a change
    /// made over REST) appended first, nothing is stored: the calls are put back as they were, the moved ones catch up
    /// from the log, and the group runs again (docs/nodes.md).
    func process(_ jobs: [Shard.Job], _ calls: inout [String: LiveCall]) async {
        var loadFailures: [String: any Error] = [:]
        // A call that this group starts is not looked for in the log: should the log have it after all (a client resending
        // its start, another node), the append, which expects an empty log, refuses, and the group runs again on the
        // call as the log has it.
        var startedHere: [String: Bool] = [:]  // calls not in memory: whether this group starts them
        for job in jobs {
            guard let callID = job.callID, calls[callID] == nil, startedHere[callID] == nil else { continue }
            var starts = false
            if case .ingest(_, let items, _, _, _) = job, case .callStarted = items.first?.event { starts = true }
            startedHere[callID] = starts
        }
        for (callID, starts) in startedHere where !starts {
            do {
                if let call = try await load(callID) { calls[callID] = call }
            } catch {
                loadFailures[callID] = IngestError.store(String(describing: error))
            }
        }
        // A resuming client asks where the log is, not where this node last saw it.
        for case .lastSequence(let callID, _) in jobs where loadFailures[callID] == nil {
            guard let call = calls[callID] else { continue }
            do {
                try await catchUp(call, callID: callID)
            } catch {
                // Caught up half-way: the call leaves memory and is rebuilt from the log when next needed.
                calls[callID] = nil
                loadFailures[callID] = IngestError.store(String(describing: error))
            }
        }

        // Where each named call stood before the group: the log head its append expects and its last sequence number.
        // Only these numbers are kept, not the calls: a kept copy would make every change the group makes to a call copy
        // the call's arrays. A group that must run again rebuilds its calls from the log instead of putting copies back.
        let named = Set(jobs.compactMap(\.callID))
        var round = 1
        while true {
            var stood: [String: (logHead: Int, lastSequence: Int)] = [:]
            for callID in named {
                if let call = calls[callID] { stood[callID] = (call.logHead, call.lastSequence) }
            }
            var group = GroupResult()
            for job in jobs { run(job, &calls, loadFailures: &loadFailures, into: &group) }
            // A gap in a call this node holds may be numbers another node took: when the log's last number is beyond
            // this node's, the group runs again on the calls rebuilt from the log; a gap the log has too is the client's.
            if round < Self.catchUpRounds {
                let gaps = Set(
                    group.failures.compactMap { _, error -> String? in
                        if case IngestError.sequenceGap(let callID, _, _) = error, stood[callID] != nil { callID } else { nil }
                    })
                var moved: Set<String> = []
                for callID in gaps.sorted() {
                    guard let last = stood[callID]?.lastSequence else { continue }
                    do {
                        guard let logged = try await store.lastClientSequence(call: callID), logged > last else { continue }
                        moved.insert(callID)
                    } catch {
                        loadFailures[callID] = IngestError.store(String(describing: error))
                        moved.insert(callID)
                    }
                }
                if !moved.isEmpty {
                    await rebuild(group.touched.union(moved), &calls, loadFailures: &loadFailures)
                    round += 1
                    continue
                }
            }
            // Every call the group touched; the store checks those it writes to (a call touched by an audio frame that made
            // no entry has nothing to write, and its head is not read).
            let expected = Dictionary(uniqueKeysWithValues: group.touched.map { ($0, stood[$0]?.logHead ?? 0) })
            var logged: [LoggedEntry] = []
            if !group.entries.isEmpty || !group.marks.isEmpty {
                let start = ContinuousClock.now
                do {
                    logged = try await store.append(group.entries, marks: group.marks, expectingHeads: expected)
                    metrics.commitLatency.record(ContinuousClock.now - start)
                    metrics.commitBatchSize.record(Double(group.entries.count))
                } catch EventStoreError.callsMoved(let heads) where round < Self.catchUpRounds {
                    // Nothing was stored: the group's calls (and the moved ones) are rebuilt from the log and it runs again.
                    await rebuild(group.touched.union(heads.keys), &calls, loadFailures: &loadFailures)
                    logger.debug("Calls moved on in the log; caught up and running again", metadata: ["calls": "\(heads.keys.sorted())"])
                    round += 1
                    continue
                } catch {
                    logger.error(
                        "Event log append failed", metadata: ["error": "\(String(reflecting: error))", "entries": "\(group.entries.count)"])
                    // Nothing of this group is acknowledged; the calls are rebuilt from the log on their next event. (A client
                    // sequence the store refuses means a call moved on elsewhere: rebuilt, it answers right.)
                    for callID in group.touched { calls[callID] = nil }
                    for (job, error) in group.failures { job.fail(error) }
                    let failure = IngestError.store(String(describing: error))
                    for answer in group.answers { answer.fail(failure) }
                    return
                }
            }
            for entry in logged {
                guard let call = calls[entry.entry.callID] else { continue }
                call.logHead = max(call.logHead, entry.callSequence)
            }
            finish(group, logged: logged)
            for callID in named where calls[callID]?.ended == true { calls[callID] = nil }
            return
        }
    }

    /// Replaces the calls in memory by what their logs hold (a call the log does not know leaves memory); a call that
    /// cannot be read fails its requests of this group.
    private func rebuild(_ callIDs: Set<String>, _ calls: inout [String: LiveCall], loadFailures: inout [String: any Error]) async {
        for callID in callIDs.sorted() {
            calls[callID] = nil
            do {
                calls[callID] = try await load(callID)
            } catch {
                loadFailures[callID] = IngestError.store(String(describing: error))
            }
        }
    }

    /// What one run of a group makes: the entries to append, the answers to give once they are stored, the feed.
    struct GroupResult {
        var entries: [LogEntry] = []
        var marks: [ClientSequenceMark] = []
        var answers: [Answer] = []
        var failures: [(Shard.Job, any Error)] = []
        var feedMessages: [FeedMessage] = []
        var touched: Set<String> = []
        var latencyStarts: [ContinuousClock.Instant] = []
        var acceptedTypes: [String] = []
        var outputs: [EngineOutput] = []
        var duplicates = 0

        /// Hands the arrays a request adds to over to its `result` (a move: neither is copied)...
        mutating func lend(to result: inout RunResult) {
            swap(&entries, &result.entries)
            swap(&marks, &result.marks)
            swap(&feedMessages, &result.feed)
            swap(&acceptedTypes, &result.types)
        }

        /// ...and takes them back once it has run.
        mutating func takeBack(from result: inout RunResult) {
            lend(to: &result)
        }
    }

    /// A request's answer, given once the group is stored (or failed when it is not).
    enum Answer {
        case evicted(Int, CheckedContinuation<Int, any Error>?)
        case lastSequence(Int?, CheckedContinuation<Int?, any Error>)
        case ingest(IngestReceipt, IngestReply)

        func succeed() {
            switch self {
            case .evicted(let count, let reply): reply?.resume(returning: count)
            case .lastSequence(let last, let reply): reply.resume(returning: last)
            case .ingest(let receipt, let reply): reply.resume(with: .success(receipt))
            }
        }

        func fail(_ error: any Error) {
            switch self {
            case .evicted(_, let reply): reply?.resume(throwing: error)
            case .lastSequence(_, let reply): reply.resume(throwing: error)
            case .ingest(_, let reply): reply.resume(with: .failure(error))
            }
        }
    }

    /// Runs one request against the calls in memory; its answer waits in `group` for the append.
    private func run(_ job: Shard.Job, _ calls: inout [String: LiveCall], loadFailures: inout [String: any Error], into group: inout GroupResult) {
        if let callID = job.callID, let failure = loadFailures[callID] {
            group.failures.append((job, failure))
            return
        }
        switch job {
        case .evictIdle(let idle, let reply):
            let now = ContinuousClock.now
            let before = calls.count
            calls = calls.filter { now - $0.value.lastActive < idle }
            let evicted = before - calls.count
            if evicted > 0 {
                logger.info("Let go of idle calls; they are rebuilt from the log if they go on", metadata: ["calls": "\(evicted)"])
            }
            group.answers.append(.evicted(evicted, reply))
        case .lastSequence(let callID, let reply):
            group.answers.append(.lastSequence(calls[callID]?.lastSequence, reply))
        case .ingest(let callID, let items, let scope, let received, let reply):
            // The request writes straight into the group's arrays; a refused one is cut off them again.
            var result = RunResult()
            group.lend(to: &result)
            let kept = result.counts
            defer { group.takeBack(from: &result) }
            do {
                // In place: the call is not copied, so its arrays grow where they are.
                try run(items, callID: callID, scope: scope, call: &calls[callID], into: &result)
                group.touched.insert(callID)
                group.outputs += result.receipt.outputs
                group.duplicates += result.receipt.duplicates.count
                group.latencyStarts.append(received)
                group.answers.append(.ingest(result.receipt, reply))
            } catch {
                result.cut(to: kept)
                // Refused before anything changed, or the call was dropped half-way (rebuilt from the log when next needed):
                // the group's later requests for it fail alike rather than find no call.
                if calls[callID] == nil, !(error is IngestError) { loadFailures[callID] = error }
                group.failures.append((job, error))
            }
        }
    }

    /// Once a group is stored: answers, the feed, the other nodes and the metrics.
    private func finish(_ group: GroupResult, logged: [LoggedEntry]) {
        for (job, error) in group.failures { job.fail(error) }
        for answer in group.answers { answer.succeed() }
        feed.publish(group.feedMessages)
        announce?(logged.map(\.position))
        let now = ContinuousClock.now
        for start in group.latencyStarts { metrics.ingestLatency.record(now - start) }
        var outputs: [ServerMetrics.OutputLabels] = group.outputs.map { output in
            switch output {
            case .signal: .init(output: "signal")
            case .decision(let decision): .init(output: "decision", tier: decision.tier.rawValue, kind: decision.kind.rawValue)
            case .voice: .init(output: "voice")
            case .guidance: .init(output: "guidance")
            }
        }
        for entry in group.entries where entry.kind == .output && Self.actionTypes.contains(entry.type) {
            outputs.append(.init(output: entry.type))
        }
        metrics.groupStored(acceptedTypes: group.acceptedTypes, duplicates: group.duplicates, outputs: outputs)
    }

    struct RunResult {
        var entries: [LogEntry] = []
        /// Sequence numbers accepted without an entry of their own (audio frames).
        var marks: [ClientSequenceMark] = []
        var feed: [FeedMessage] = []
        var types: [String] = []
        var receipt = IngestReceipt()

        /// How long the four arrays are, to cut them back to.
        var counts: (entries: Int, marks: Int, feed: Int, types: Int) { (entries.count, marks.count, feed.count, types.count) }

        mutating func cut(to counts: (entries: Int, marks: Int, feed: Int, types: Int)) {
            entries.removeSubrange(counts.entries...)
            marks.removeSubrange(counts.marks...)
            feed.removeSubrange(counts.feed...)
            types.removeSubrange(counts.types...)
        }
    }

    /// Runs one request's events through its call, all or nothing: a refused request leaves the call as it was.
    ///
    /// A sequence number at or below the call's last is a resend, acknowledged as a duplicate and not processed again;
    /// the next one is taken; one beyond it is a gap and refuses the request, so that an acknowledgement always means
    /// every number up to it is stored.
    ///
    /// The request is checked whole before the call changes, so that the call can change in place. Should anything
    /// fail after that (an output that cannot be encoded), the call leaves memory and is rebuilt from the log.
    private func run(_ items: [IngestItem], callID: String, scope: IngestScope, call: inout LiveCall?, into result: inout RunResult) throws {
        try Self.check(items, callID: callID, scope: scope, call: call)
        for var item in items {
            if let redactor { item.event = redact(item.event, with: redactor) }
            if let sequence = item.sequence, sequence <= call?.lastSequence ?? 0 {
                result.receipt.duplicates.append(sequence)
                continue
            }
            if case .callStarted(let started) = item.event {
                call = LiveCall(
                    analyzer: CallAnalyzer(policy: policy(), textModel: textModel, intentModel: intentModel, knowledgeBase: knowledgeBase),
                    started: started)
            }
            guard call != nil else { throw IngestError.unknownCall(callID) }
            do {
                try apply(item, callID: callID, to: call!, result: &result)
            } catch {
                call = nil
                throw error
            }
        }
        result.receipt.lastSequence = call?.lastSequence ?? 0
    }

    /// Whether a request may run against the call as it is, item by item as ``run(_:callID:scope:call:into:)`` takes them;
    /// throws the first item's reason not to.
    private static func check(_ items: [IngestItem], callID: String, scope: IngestScope, call: LiveCall?) throws {
        var exists = call != nil
        var team = call?.started.team
        var ended = call?.ended ?? false
        var last = call?.lastSequence ?? 0
        for item in items {
            if case .team(let allowed) = scope {
                if exists, team != allowed { throw IngestError.notWritable(callID) }
                if !exists, case .callStarted(let started) = item.event, started.team != allowed {
                    throw IngestError.otherTeam(call: callID, team: started.team, allowed: allowed)
                }
            }
            if let sequence = item.sequence {
                if sequence <= last { continue }
                if sequence != last + 1 { throw IngestError.sequenceGap(call: callID, expected: last + 1, received: sequence) }
            }
            if case .callStarted(let started) = item.event {
                guard !exists else { throw IngestError.alreadyStarted(callID) }
                exists = true
                team = started.team
            }
            guard exists else { throw IngestError.unknownCall(callID) }
            if ended { throw IngestError.callEnded(callID) }
            if let sequence = item.sequence { last = sequence }
            if case .callEnded = item.event { ended = true }
        }
    }

    /// One accepted event through its call: the engine, the log entries, the feed and the receipt.
    private func apply(_ item: IngestItem, callID: String, to live: LiveCall, result: inout RunResult) throws {
        let outputs = live.analyzer.ingest(item.event)
        if case .audio = item.event {
            // Raw audio is not logged (DESIGN.md: too large); the voice windows made of it are, below, and its sequence
            // number is kept with the call's head.
            if let sequence = item.sequence { result.marks.append(ClientSequenceMark(callID: callID, clientSequence: sequence)) }
        } else {
            let json = CallEvents.encode(item.event)
            result.entries.append(
                LogEntry(
                    callID: callID, kind: .event, type: item.event.type, at: item.event.at, body: json, clientSequence: item.sequence,
                    decoded: .event(item.event)))
            // Turns, partial and final, go on the feed: the dashboard shows the live transcript (redacted, like the log).
            // Ticks are the clock's: what they cause (a climb) is on the feed, they are not.
            if !Self.offTheFeed.contains(item.event.type) { result.feed.append(feedMessage(live.started, type: item.event.type, json: json)) }
            live.events.append(item.event)
        }
        for output in outputs {
            if case .voice = output {} else { live.outputs.append(output) }
        }
        for output in outputs {
            let json = try output.line()
            // Audio is not logged, so the voice windows the engine made of it are, as `voice` events (each output line
            // is one): replaying them rebuilds the voice state exactly. A `voice` event sent as such is logged already.
            var kind = LogEntryKind.output
            if case .voice = output, case .audio = item.event { kind = .event }
            // The store's projections read the output as it is rather than decode `json` again.
            result.entries.append(
                LogEntry(
                    callID: callID, kind: kind, type: output.type, at: output.at, body: json, decoded: kind == .output ? .output(output) : nil))
            result.feed.append(feedMessage(live.started, type: output.type, json: json))
            result.receipt.outputLines.append(json)
        }
        try act(on: item.event, outputs: outputs, call: live, result: &result)
        result.receipt.outputs += outputs
        result.receipt.accepted += 1
        result.types.append(item.event.type)
        if let sequence = item.sequence {
            live.lastSequence = sequence
            result.receipt.acknowledged.append(sequence)
        }
        if case .callEnded = item.event { live.ended = true }
        live.lastActive = .now
    }

    private func feedMessage(_ call: CallStarted, type: String, json: String) -> FeedMessage {
        FeedMessage(callID: call.callID, agentID: call.agentID, team: call.team, type: type, json: json)
    }

    /// An event without personal data: free text redacted, a customer id that is a phone number or an address replaced
    /// by its pseudonym.
    private func redact(_ event: CallEvent, with redactor: Redactor) -> CallEvent {
        guard case .callStarted(var started) = event else { return redactor.redact(event) }
        if let pseudonyms, redactor.containsPersonalData(started.customerID) {
            started.customerID = pseudonyms.pseudonym(for: started.customerID)
        }
        return .callStarted(started)
    }

    /// Rebuilds a call from the log: its events replayed through a fresh engine give the same state as before the
    /// restart (the engine is deterministic and takes time only from events). Nil when the log has no such call.
    private func load(_ callID: String) async throws -> LiveCall? {
        var call: LiveCall?
        // Audio frames' numbers are in the call's head only, not on any entry; read first, so that entries appended after
        // it raise it below. No head: the log has nothing of the call, and there is nothing to replay.
        guard let head = try await store.logHead(call: callID) else { return nil }
        let lastSequence = head.clientSequence
        var after = 0
        try await replayLog(callID, after: &after, into: &call)
        call?.logHead = after
        if let logged = call?.lastSequence { call?.lastSequence = max(logged, lastSequence) }
        if let call, !call.ended {
            logger.info("Rebuilt a live call from the event log", metadata: ["call.id": "\(callID)", "sequence": "\(call.lastSequence)"])
        }
        return call
    }

    /// Brings a call in memory up to the end of its log: the events other writers appended since its head, replayed
    /// through its engine as a restart would (their outputs are in the log already).
    ///
    /// The call changes in place: when this throws, it may have taken some of the events and not moved its head, so the
    /// caller lets go of it.
    private func catchUp(_ live: LiveCall, callID: String) async throws {
        var call: LiveCall? = live
        var after = live.logHead
        let lastSequence = try await store.lastClientSequence(call: callID) ?? 0
        try await replayLog(callID, after: &after, into: &call)
        live.lastSequence = max(live.lastSequence, lastSequence)
        if after != live.logHead {
            logger.debug("Caught a call up from the event log", metadata: ["call.id": "\(callID)", "from": "\(live.logHead)", "to": "\(after)"])
        }
        live.logHead = after
    }

    /// Replays the call's log after `after` into `call` (made at its `call_started` when nil); `after` ends at the last
    /// entry read.
    private func replayLog(_ callID: String, after: inout Int, into call: inout LiveCall?) async throws {
        while true {
            let page = try await store.entries(call: callID, after: after, limit: 5_000)
            for logged in page {
                after = logged.callSequence
                guard logged.entry.kind == .event else { continue }
                guard let event = try? CallEvents.decode(line: logged.entry.body) else {
                    logger.warning(
                        "Skipping an unreadable event while rebuilding a call", metadata: ["call.id": "\(callID)", "position": "\(logged.position)"])
                    continue
                }
                if call == nil, case .callStarted(let started) = event {
                    call = LiveCall(
                        analyzer: CallAnalyzer(policy: policy(), textModel: textModel, intentModel: intentModel, knowledgeBase: knowledgeBase),
                        started: started)
                }
                guard let live = call else { continue }
                let outputs = live.analyzer.ingest(event)
                live.events.append(event)
                live.outputs += outputs.filter { if case .voice = $0 { false } else { true } }
                if let sequence = logged.entry.clientSequence { live.lastSequence = max(live.lastSequence, sequence) }
                if case .callEnded = event { live.ended = true }
                live.lastActive = .now
            }
            if page.count < 5_000 { break }
        }
    }
}

extension CallEvent {
    /// What the transcription stage needs to see: audio, turns from elsewhere, and the start and end of calls.
    fileprivate var feedsSpeech: Bool {
        switch self {
        case .audio, .callStarted, .callEnded, .turn: true
        case .voice, .agentAction, .alertAcknowledged, .tick: false
        }
    }
}
