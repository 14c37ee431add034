import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization
import UndertoneEngine

/// How the transcription stage cuts and queues speech.
public struct SpeechSettings: Sendable, Equatable {
    public var utterances = UtteranceSettings()
    /// Utterances waiting for a decoder, across all calls, before a call's audio waits for room (back-pressure).
    public var queueLimit = 32
    /// The tracks transcribed.
    public var tracks: Set<SpeakerRole> = [.customer, .agent]
    /// An utterance still open when its track has had no audio for this long (wall clock) is closed: the stream paused
    /// or stopped without the silence that would end it.
    public var idleFlush: Duration = .seconds(3)
    /// An utterance that waited this long for a decoder marks its call as waiting for words (on the feed, and counted).
    public var lagWarning: Duration = .seconds(3)
    /// A call with no audio for this long is forgotten (its stream dropped without `call_ended`).
    public var forgetAfter: Duration = .seconds(1_800)

    public init() {}
}

/// The transcription stage between a call's audio and the engine: per call and track an `UtteranceCutter` finds the
/// utterances, a bounded queue holds them, and `transcriber.concurrency` workers decode them (each call's utterances
/// in order, one at a time) and ingest each as a final `turn` — redacted, logged, published and analysed like any other.
///
/// Back-pressure: when `queueLimit` utterances wait, the ingest that would add one waits for room (the telephony socket
/// is read no further meanwhile), `undertone_speech_waits_total` counts it, and a call whose utterance waited past
/// `lagWarning` gets a `transcription` message (`state: delayed`) on the live feed. A call's `call_ended` is held until
/// its last utterance has been transcribed (`finish`), so no words arrive after the call is closed.
public final class CallTranscription: Service, Sendable {
    public let transcriber: any Transcriber
    public let settings: SpeechSettings
    let metrics: ServerMetrics
    let logger: Logger
    private let state = Mutex(State())
    private let sink = Mutex<Sink?>(nil)

    /// Where the stage's outputs go: turns into the call, lag notices onto the feed.
    struct Sink: Sendable {
        var deliver: @Sendable (String, Turn) async throws -> Void
        var publish: @Sendable (FeedMessage) -> Void
    }

    struct Job: Sendable {
        var callID: String
        var utterance: Utterance
        var language: String?
        var cutAt: ContinuousClock.Instant
    }

    struct Call {
        var cutters: [SpeakerRole: UtteranceCutter] = [:]
        var lastAudio = ContinuousClock.now
        /// Utterances queued or being decoded.
        var pending = 0
        var agentID: String?
        var team: String?
        /// The language the transcriber is told (the call's declared one); nil to let it detect.
        var language: String?
        /// Tracks whose words come from elsewhere (the platform's transcript, a recogniser posting turns): not transcribed
        /// again, so a call never gets two transcripts of one voice.
        var transcribedElsewhere: Set<SpeakerRole> = []
        var lastLagNotice: ContinuousClock.Instant?
    }

    struct State {
        var calls: [String: Call] = [:]
        var queue: [Job] = []
        /// Ingests waiting for room, with the job each brings.
        var waitingForRoom: [(Job, CheckedContinuation<Void, Never>)] = []
        var idleWorkers: [CheckedContinuation<Void, Never>] = []
        var drained: [String: [CheckedContinuation<Void, Never>]] = [:]
        /// Calls with an utterance being decoded: a call's utterances are decoded one at a time, in order.
        var decoding: Set<String> = []
        var stopped = false
    }

    public init(transcriber: any Transcriber, settings: SpeechSettings = SpeechSettings(), metrics: ServerMetrics, logger: Logger) {
        self.transcriber = transcriber
        self.settings = settings
        self.metrics = metrics
        var logger = logger
        logger[metadataKey: "transcriber"] = .string(transcriber.name)
        self.logger = logger
    }

    /// Connects the stage to the shards (done once, by `CallShards`).
    func connect(_ sink: Sink) {
        self.sink.withLock { $0 = sink }
    }

    /// Takes a call's accepted events: `call_started` (whose agent and team the feed needs), audio frames, and turns
    /// from elsewhere (their tracks are then left to that source).
    func hear(callID: String, events: [CallEvent]) async {
        var jobs: [Job] = []
        let now = ContinuousClock.now
        state.withLock { state in
            for event in events {
                switch event {
                case .callStarted(let started):
                    state.calls[callID, default: Call()].agentID = started.agentID
                    state.calls[callID, default: Call()].team = started.team
                    state.calls[callID, default: Call()].language = SpeechLanguage.of(declared: started.language)
                case .turn(let turn):
                    var call = state.calls[callID] ?? Call()
                    if call.transcribedElsewhere.insert(turn.speaker).inserted {
                        call.cutters[turn.speaker] = nil
                        logger.info(
                            "A track's words come from elsewhere: not transcribing it",
                            metadata: ["call.id": "\(callID)", "track": "\(turn.speaker)"])
                    }
                    state.calls[callID] = call
                case .audio(let frame) where settings.tracks.contains(frame.track):
                    var call = state.calls[callID] ?? Call()
                    guard !call.transcribedElsewhere.contains(frame.track) else { continue }
                    var cutter = call.cutters[frame.track] ?? UtteranceCutter(track: frame.track, settings: settings.utterances)
                    for utterance in cutter.add(frame) { jobs.append(Job(callID: callID, utterance: utterance, language: call.language, cutAt: now)) }
                    call.cutters[frame.track] = cutter
                    call.lastAudio = now
                    state.calls[callID] = call
                default:
                    break
                }
            }
        }
        for job in jobs { await enqueue(job) }
    }

    /// The call is ending: its open utterances are cut, and this returns once every utterance of the call has been
    /// transcribed and its turn ingested (or has failed).
    func finish(callID: String) async {
        let now = ContinuousClock.now
        let jobs = state.withLock { state -> [Job] in
            guard var call = state.calls[callID] else { return [] }
            var jobs: [Job] = []
            for track in call.cutters.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                for utterance in call.cutters[track]!.finish() {
                    jobs.append(Job(callID: callID, utterance: utterance, language: call.language, cutAt: now))
                }
            }
            call.cutters = [:]
            state.calls[callID] = call
            return jobs
        }
        for job in jobs { await enqueue(job) }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                guard let call = state.calls[callID], call.pending > 0 else {
                    state.calls[callID] = nil
                    return true
                }
                state.drained[callID, default: []].append(done)
                return false
            }
            if ready { done.resume() }
        }
    }

    /// Utterances waiting for a decoder now.
    public var backlog: Int { state.withLock { $0.queue.count + $0.waitingForRoom.count } }

    private func enqueue(_ job: Job) async {
        await withCheckedContinuation { (admitted: CheckedContinuation<Void, Never>) in
            let (room, wake) = state.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
                // Shutting down: nothing will decode it, and nothing must wait for it.
                guard !state.stopped else { return (true, []) }
                state.calls[job.callID, default: Call()].pending += 1
                guard state.queue.count < settings.queueLimit else {
                    state.waitingForRoom.append((job, admitted))
                    return (false, [])
                }
                state.queue.append(job)
                defer { state.idleWorkers = [] }
                return (true, state.idleWorkers)
            }
            if room {
                admitted.resume()
            } else {
                metrics.speechWaits.increment()
                logger.notice("Transcription queue full: a call's audio waits for room", metadata: ["call.id": "\(job.callID)"])
            }
            for worker in wake { worker.resume() }
            metrics.speechBacklog.set(Double(backlog))
        }
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for _ in 0..<transcriber.concurrency {
                group.addTask { await self.work() }
            }
            group.addTask {
                // Closes utterances whose audio stopped coming, and forgets calls that went away without ending.
                await cancelWhenGracefulShutdown {
                    while (try? await Task.sleep(for: .milliseconds(250))) != nil {
                        for job in self.sweep() { await self.enqueue(job) }
                    }
                }
            }
            try? await gracefulShutdown()
            let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.stopped = true
                defer { state.idleWorkers = [] }
                return state.idleWorkers
            }
            for worker in waiting { worker.resume() }
        }
    }

    private func sweep() -> [Job] {
        let now = ContinuousClock.now
        return state.withLock { state in
            var jobs: [Job] = []
            for (callID, var call) in state.calls {
                if now - call.lastAudio >= settings.forgetAfter, call.pending == 0 {
                    state.calls[callID] = nil
                    continue
                }
                guard now - call.lastAudio >= settings.idleFlush else { continue }
                var changed = false
                for (track, var cutter) in call.cutters where cutter.isInUtterance {
                    for utterance in cutter.finish() { jobs.append(Job(callID: callID, utterance: utterance, language: call.language, cutAt: now)) }
                    call.cutters[track] = cutter
                    changed = true
                }
                if changed { state.calls[callID] = call }
            }
            return jobs
        }
    }

    /// One worker: takes the next utterance whose call has none being decoded, decodes it, ingests the turn.
    private func work() async {
        while let job = await next() {
            await transcribe(job)
            let (wake, drained) = state.withLock { state -> ([CheckedContinuation<Void, Never>], [CheckedContinuation<Void, Never>]) in
                state.decoding.remove(job.callID)
                state.calls[job.callID]?.pending -= 1
                var drained: [CheckedContinuation<Void, Never>] = []
                if state.calls[job.callID].map({ $0.pending <= 0 }) ?? true, let waiting = state.drained.removeValue(forKey: job.callID) {
                    drained = waiting
                    state.calls[job.callID] = nil
                }
                defer { state.idleWorkers = [] }
                return (state.idleWorkers, drained)
            }
            for worker in wake { worker.resume() }
            for waiter in drained { waiter.resume() }
        }
    }

    private func next() async -> Job? {
        while true {
            var admitted: CheckedContinuation<Void, Never>?
            let job = state.withLock { state -> Job? in
                guard let index = state.queue.firstIndex(where: { !state.decoding.contains($0.callID) }) else { return nil }
                let job = state.queue.remove(at: index)
                state.decoding.insert(job.callID)
                if !state.waitingForRoom.isEmpty {
                    let (waiting, continuation) = state.waitingForRoom.removeFirst()
                    state.queue.append(waiting)
                    admitted = continuation
                }
                return job
            }
            admitted?.resume()
            if let job { return job }
            let stop = await withCheckedContinuation { (idle: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.stopped || state.queue.contains(where: { !state.decoding.contains($0.callID) }) { return true }
                    state.idleWorkers.append(idle)
                    return false
                }
                if resumeNow { idle.resume() }
            }
            _ = stop
            if state.withLock({ $0.stopped && $0.queue.isEmpty }) { return nil }
        }
    }

    private func transcribe(_ job: Job) async {
        let start = ContinuousClock.now
        let waited = start - job.cutAt
        if waited >= settings.lagWarning { noteLag(job, waited: waited) }
        let utterance = job.utterance
        let transcription: Transcription
        do {
            transcription = try await transcriber.transcribe(utterance, language: job.language)
        } catch {
            metrics.speechUtterance("failed")
            logger.warning("Utterance not transcribed", metadata: ["call.id": "\(job.callID)", "error": "\(error.description)"])
            return
        }
        metrics.speechDecodeLatency.record(ContinuousClock.now - start)
        guard !transcription.text.isEmpty, !transcription.isNonSpeech else {
            metrics.speechUtterance("empty")
            return
        }
        let turn = Turn(
            callID: job.callID, at: utterance.endMs, utteranceID: "asr-\(utterance.track.rawValue)-\(utterance.startMs)", speaker: utterance.track,
            text: transcription.text, startMs: utterance.startMs, endMs: utterance.endMs, isFinal: true, confidence: transcription.confidence)
        guard let sink = sink.withLock({ $0 }) else { return }
        do {
            try await sink.deliver(job.callID, turn)
            metrics.speechUtterance("turn")
            metrics.speechLatency.record(ContinuousClock.now - job.cutAt)
        } catch {
            metrics.speechUtterance("refused")
            logger.warning("A transcribed turn was refused", metadata: ["call.id": "\(job.callID)", "error": "\(String(reflecting: error))"])
        }
    }

    /// Marks the call as waiting for words: counted, and a `transcription` message on the feed (at most every 10 s a call).
    private func noteLag(_ job: Job, waited: Duration) {
        metrics.speechDelayed.increment()
        let now = ContinuousClock.now
        let call = state.withLock { state -> Call? in
            guard var call = state.calls[job.callID] else { return nil }
            if let last = call.lastLagNotice, now - last < .seconds(10) { return nil }
            call.lastLagNotice = now
            state.calls[job.callID] = call
            return call
        }
        guard let call, let sink = sink.withLock({ $0 }) else { return }
        let waitedMs = Int(waited.components.seconds * 1000 + waited.components.attoseconds / 1_000_000_000_000_000)
        let json =
            "{\"v\":1,\"type\":\"transcription\",\"call\":\(JSONText.quoted(job.callID)),\"at\":\(job.utterance.endMs),\"state\":\"delayed\",\"waitMs\":\(waitedMs)}"
        sink.publish(FeedMessage(callID: job.callID, agentID: call.agentID, team: call.team, type: "transcription", json: json))
    }
}
