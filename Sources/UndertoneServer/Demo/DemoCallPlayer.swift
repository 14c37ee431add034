import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Synchronization
import UndertoneEngine
import WSCore

/// Plays one simulated call through the ingest WebSocket, as a telephony connector would: `call_started`, turns,
/// agent actions and audio frames at their time (scaled by the speed), each with the next sequence number, then
/// `call_ended`; it reads the acknowledgements and outputs as they come and closes once everything is acknowledged.
struct DemoCallPlayer: Sendable {
    /// Audio frame length: 200 ms, 1,600 bytes of µ-law.
    static let frameMs = 200

    let baseURL: String
    let apiKey: String
    let speed: Double
    let window: Int
    let tally: DemoTally
    let logger: Logger
    /// Answers some alerts with an `alert_ack` on the call's stream (nil: nobody answers).
    var supervisor: DemoSupervisor? = nil

    /// The stream opened but the server never said it was ready: treated like a failed connection (tried again).
    struct NotReady: Error {}

    /// Why a call stopped early.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One message to send: an event line or an audio frame, and when it is due in the call's time.
    enum Message {
        case event(CallEvent)
        case audio(at: Int, track: SpeakerRole, bytes: ArraySlice<UInt8>)
    }

    /// What the reader tells the sender.
    enum Note: Sendable {
        /// The server is ready for the call's messages.
        case ready
        /// This many messages were acknowledged and the outputs announced with them have arrived.
        case acknowledged(Int)
        case refused(String)
    }

    /// Alerts the engine raised (or climbed to) on the call, as the reader hears of them; the sender takes them before
    /// each message, without waiting (a quiet text call may send few messages). A climb names the alert it superseded.
    final class AlertInbox: Sendable {
        struct Raised: Sendable {
            var id: String
            var tier: Tier
            var at: Int
            var climbedFrom: String?
        }

        private let items = Mutex<[Raised]>([])

        func put(_ raised: Raised) { items.withLock { $0.append(raised) } }

        func take() -> [Raised] {
            items.withLock { items in
                defer { items.removeAll() }; return items
            }
        }
    }

    /// Plays `call`, sending what falls before `skipMs` of its time at once (without its audio) and the rest in time.
    func play(_ call: DemoCall, skipMs: Int = 0) async {
        var attempt = 0
        while true {
            do {
                try await connect(call, skipMs: skipMs)
                return
            } catch {
                // Shutting down: the stream is closed mid-call, which is not a failure of the call.
                if Task.isCancelled || error is CancellationError { return }
                guard let failure = error as? Failure else {
                    // The upgrade was refused or the connection failed before anything was sent: the server may
                    // still be starting. Try again a few times, then give the call up.
                    attempt += 1
                    if attempt >= 20 {
                        tally.refused("\(call.callID): could not connect: \(error)")
                        return
                    }
                    do { try await Task.sleep(for: .milliseconds(250 * min(attempt, 8))) } catch { return }
                    continue
                }
                tally.refused("\(call.callID): \(failure)")
                return
            }
        }
    }

    private func connect(_ call: DemoCall, skipMs: Int) async throws {
        let headers: HTTPFields = [.authorization: "Bearer \(apiKey)"]
        let url = "\(baseURL)/v1/calls/\(call.callID)/stream"
        let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 20, additionalHeaders: headers)
        _ = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
            let (notes, noteSink) = AsyncStream.makeStream(of: Note.self)
            let alerts = AlertInbox()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { noteSink.finish() }
                    try await read(inbound, into: noteSink, alerts: alerts)
                }
                defer { group.cancelAll() }
                try await send(call, skipMs: skipMs, outbound: outbound, notes: notes, alerts: alerts)
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    /// Reads `ready`, then acknowledgements and outputs; tells the sender once each acknowledged message's outputs are in.
    private func read(_ inbound: WebSocketInboundStream, into sink: AsyncStream<Note>.Continuation, alerts: AlertInbox) async throws {
        var pendingOutputs = 0
        var pendingAcks = 0
        for try await message in inbound.messages(maxSize: 1 << 22) {
            guard case .text(let text) = message, let object = Self.object(text) else { continue }
            let type = object["type"] as? String ?? ""
            switch type {
            case "ready":
                sink.yield(.ready)
                continue
            case "ack":
                let count = ((object["acknowledged"] as? [Any])?.count ?? 0) + ((object["duplicates"] as? [Any])?.count ?? 0)
                pendingAcks += count
                pendingOutputs += object["outputs"] as? Int ?? 0
                tally.update { $0.acknowledged += count }
            case "error":
                sink.yield(.refused(object["detail"] as? String ?? text))
                return
            default:
                pendingOutputs -= 1
                tally.update { $0.outputs[type, default: 0] += 1 }
                if type == "decision", object["kind"] as? String != "folded", let id = object["alertID"] as? String,
                    let tier = (object["tier"] as? String).flatMap(Tier.init(rawValue:)), let at = object["at"] as? Int
                {
                    alerts.put(.init(id: id, tier: tier, at: at, climbedFrom: object["climbedFrom"] as? String))
                }
            }
            if pendingOutputs <= 0, pendingAcks > 0 {
                sink.yield(.acknowledged(pendingAcks))
                pendingAcks = 0
                pendingOutputs = 0
            }
        }
    }

    /// Sends every message at its time, at most `window` ahead of the acknowledgements, and waits for the last.
    private func send(
        _ call: DemoCall, skipMs: Int, outbound: WebSocketOutboundWriter, notes: AsyncStream<Note>, alerts: AlertInbox
    ) async throws {
        var notes = notes.makeAsyncIterator()
        guard case .ready = await notes.next() else { throw NotReady() }
        var sequence = 0
        var acknowledged = 0
        // The supervisor's answers still to send, soonest last.
        var answers: [(at: Int, alertID: String, outcome: AlertOutcome)] = []
        func settle(upTo limit: Int) async throws {
            while sequence - acknowledged > limit {
                switch await notes.next() {
                case .acknowledged(let count): acknowledged += count
                case .ready: continue
                case .refused(let reason): throw Failure(description: "refused: \(reason)")
                case nil: throw Failure(description: "the server closed the stream with \(sequence - acknowledged) message(s) unacknowledged")
                }
            }
        }
        let clock = ContinuousClock()
        let start = clock.now
        func wait(until due: Int) async throws {
            if due > skipMs {
                let wait = Double(due - skipMs) / speed
                try await clock.sleep(until: start.advanced(by: .milliseconds(Int64(wait))))
            }
            try Task.checkCancellation()
        }
        var timeline = DemoTimeline(call, skipMs: skipMs)
        var lastAt = 0
        while let (due, message) = timeline.next() {
            for raised in alerts.take() {
                // Too late for the alert that climbed: nobody answers it now.
                if let from = raised.climbedFrom { answers.removeAll { $0.alertID == from } }
                guard let answer = supervisor?.answer(alertID: raised.id, tier: raised.tier, at: raised.at, scenario: call.scenario) else {
                    continue
                }
                answers.append((answer.at, raised.id, answer.outcome))
                answers.sort { $0.at > $1.at }
            }
            // Answers due before this message go first, at their own time (never before what was already sent).
            while let answer = answers.last, answer.at <= due {
                answers.removeLast()
                let at = max(answer.at, lastAt)
                try await wait(until: at)
                sequence += 1
                let ack = AlertAcknowledgement(callID: call.callID, at: at, alertID: answer.alertID, by: DemoSupervisor.name, outcome: answer.outcome)
                try await outbound.write(.text("{\"seq\":\(sequence)," + CallEvents.encode(.alertAcknowledged(ack)).dropFirst()))
                tally.update {
                    $0.messagesSent += 1
                    $0.alertAnswers[answer.outcome.rawValue, default: 0] += 1
                }
                try await settle(upTo: window)
            }
            try await wait(until: due)
            lastAt = max(lastAt, due)
            sequence += 1
            switch message {
            case .event(let event):
                var line = CallEvents.encode(event)
                line = "{\"seq\":\(sequence)," + line.dropFirst()
                try await outbound.write(.text(line))
                if case .callStarted = event {
                    tally.update {
                        $0.callsStarted += 1
                        $0.scenarios[call.scenario, default: 0] += 1
                    }
                }
            case .audio(let at, let track, let bytes):
                var buffer = ByteBuffer()
                buffer.reserveCapacity(12 + bytes.count)
                buffer.writeInteger(UInt32(sequence), endianness: .big)
                buffer.writeInteger(UInt32(at), endianness: .big)
                buffer.writeInteger(UInt8(track == .agent ? 1 : 0))
                buffer.writeInteger(UInt8(0))
                buffer.writeInteger(UInt16(DemoVoiceSynthesizer.sampleRate), endianness: .big)
                buffer.writeBytes(bytes)
                try await outbound.write(.binary(buffer))
                tally.update { $0.audioFrames += 1 }
            }
            tally.update { $0.messagesSent += 1 }
            try await settle(upTo: window)
        }
        try await settle(upTo: 0)
        tally.update { $0.callsEnded += 1 }
    }

    static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    static func type(of text: String) -> String? {
        object(text)?["type"] as? String
    }
}

/// A call's messages in the order they are due: events at their `at`, audio frames when the last of their samples has
/// been spoken. Audio is synthesized a stretch of speech at a time, when its first frame comes due.
struct DemoTimeline {
    private let events: [CallEvent]
    private var speech: ArraySlice<DemoSpeech>
    private var eventIndex = 0
    private var frames: [(due: Int, message: DemoCallPlayer.Message)] = []
    private var frameIndex = 0

    init(_ call: DemoCall, skipMs: Int) {
        events = call.events
        // Audio from before the skip point is not sent: a warm start catches up on the words only.
        speech = call.speech.filter { $0.startMs >= skipMs }[...]
    }

    mutating func next() -> (Int, DemoCallPlayer.Message)? {
        if frameIndex == frames.count, let stretch = speech.first,
            eventIndex >= events.count || stretch.startMs + DemoCallPlayer.frameMs <= events[eventIndex].at
        {
            speech.removeFirst()
            frames = Self.frames(of: stretch)
            frameIndex = 0
        }
        let nextFrame = frameIndex < frames.count ? frames[frameIndex] : nil
        let nextEvent = eventIndex < events.count ? events[eventIndex] : nil
        if let nextFrame, nextEvent == nil || nextFrame.due <= nextEvent!.at {
            frameIndex += 1
            return (nextFrame.due, nextFrame.message)
        }
        guard let nextEvent else { return nil }
        eventIndex += 1
        return (nextEvent.at, .event(nextEvent))
    }

    static func frames(of stretch: DemoSpeech) -> [(due: Int, message: DemoCallPlayer.Message)] {
        let bytes = DemoVoiceSynthesizer.mulaw(stretch)
        let perFrame = DemoVoiceSynthesizer.sampleRate * DemoCallPlayer.frameMs / 1_000
        return stride(from: 0, to: bytes.count, by: perFrame).map { offset in
            let end = min(bytes.count, offset + perFrame)
            let at = stretch.startMs + offset * 1_000 / DemoVoiceSynthesizer.sampleRate
            return (at + (end - offset) * 1_000 / DemoVoiceSynthesizer.sampleRate, .audio(at: at, track: stretch.track, bytes: bytes[offset..<end]))
        }
    }
}
