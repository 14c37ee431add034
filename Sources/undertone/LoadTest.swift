import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import ServiceLifecycle
import Synchronization
import UndertoneEngine
import UndertoneServer
import UndertoneStore

extension Undertone {
    struct LoadTest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "loadtest",
            abstract: "Drive many concurrent calls over WebSocket and report events/s and latencies.",
            discussion: """
                Each simulated call opens /v1/calls/{call}/stream, sends call_started, alternating customer and agent turns \
                (a share of the customers grow angry; each final may follow partials of the same utterance) and call_ended, \
                one every --interval-ms on the call's own schedule, waiting for each message's ack. A share of the calls also \
                stream the customer's audio as binary frames, in real time. A live-feed subscriber (/v1/feed/ws) sees the \
                decisions; --dashboards N adds N supervisors' screens taking the whole feed. With --telephony twilio each call is a Twilio Media Stream instead (both tracks, 20 ms of \
                µ-law a message, in real time, for --turns × --interval-ms), and what is reported is the messages sent and how \
                long the server takes after each stream's stop to end its call and close. Reported: messages acknowledged per second; latency from a message sent to its ack (stored in \
                the log), and from a customer's final turn sent to the decision it caused arriving on the feed (published). \
                Without --url it starts a server in this process on a fresh SQLite file.
                """
        )

        @Option(help: "A running server's base URL (http://host:port); without it a server runs in this process.")
        var url: String?
        @Option(help: "An ingest (supervisor or admin) API key for --url.")
        var key: String?
        @Option(help: "Concurrent calls.")
        var calls = 1_000
        @Option(help: "Turns per call (customer and agent alternating).")
        var turns = 12
        @Option(help: "Milliseconds between a call's events (0: send the next as soon as the last is acknowledged).")
        var intervalMs = 2_000
        @Option(help: "Partial transcripts before each final turn (as a streaming ASR sends them).")
        var partials = 0
        @Option(help: "Share of the calls (0–1) that also stream the customer's audio as binary frames.")
        var audioShare = 0.0
        @Option(help: "Milliseconds of audio a frame (20–100 is what telephony sends).")
        var audioFrameMs = 100
        @Option(help: "twilio: each call is a Twilio Media Stream (/v1/telephony/twilio) lasting --turns × --interval-ms.")
        var telephony: String?
        @Option(help: "Supervisors' screens: WebSocket feed subscribers that take every message of the feed, as the dashboard does.")
        var dashboards = 0
        @Option(help: "Seconds over which the calls start (spreads the connections).")
        var rampSeconds = 2.0
        @Option(help: "For the in-process server: a SQLite file or postgres:// URL (default: a fresh temporary SQLite file).")
        var database: String?
        @Flag(help: "Print the results as one JSON object.")
        var json = false

        func validate() throws {
            guard calls >= 1, turns >= 2, intervalMs >= 0, rampSeconds >= 0 else {
                throw ValidationError("--calls must be at least 1, --turns at least 2, --interval-ms and --ramp-seconds not negative")
            }
            guard (0...20).contains(partials), (0...1).contains(audioShare), (10...1_000).contains(audioFrameMs), (0...200).contains(dashboards)
            else {
                throw ValidationError("--partials must be 0–20, --audio-share 0–1, --audio-frame-ms 10–1000, --dashboards 0–200")
            }
            if url != nil, key == nil { throw ValidationError("--url needs --key (an ingest API key)") }
            if let telephony, telephony != "twilio" { throw ValidationError("--telephony takes twilio (got \(telephony))") }
            if telephony != nil, intervalMs == 0 { throw ValidationError("--telephony streams in real time: --interval-ms must be above 0") }
        }

        func run() async throws {
            var logger = Logger(label: "undertone.loadtest")
            logger.logLevel = .warning
            if let url, let key {
                let report = try await LoadRun(self, base: url, key: key, logger: logger).run()
                print(report.render(json: json))
                return
            }
            let key = APIKey.generate()
            let path =
                database ?? FileManager.default.temporaryDirectory.appendingPathComponent("undertone-loadtest-\(UUID().uuidString).sqlite").path
            var settings = ServerConfiguration(policy: try Policy.preset(named: "default"))
            settings.port = 0
            settings.bootstrapAdminKey = key
            settings.database = .init(path)
            let store: any EventStore
            switch settings.database {
            case .sqlite(let path): store = try await SQLiteEventStore(path: path, logger: logger)
            case .postgres(let url): store = try PostgresEventStore(url: url, logger: logger)
            }
            let context = ServerContext(
                configuration: settings, policyYAML: try Policy.presetYAML(named: "default"), store: store, textModel: try TextModel.bundled(),
                logger: logger)
            let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
            let app = context.buildApplication { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }
            let group = ServiceGroup(services: [app], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var ports = portStream.makeAsyncIterator()
                guard let port = await ports.next() else { throw CommandFailure("the in-process server did not start") }
                while !context.readiness.isReady { try await Task.sleep(for: .milliseconds(20)) }
                let report = try await LoadRun(self, base: "http://127.0.0.1:\(port)", key: key, logger: logger).run()
                print(report.render(json: json))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            if database == nil { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}

/// One load run: the calls, the feed subscriber and what they measured.
struct LoadRun: Sendable {
    let calls: Int
    let turns: Int
    let partials: Int
    let audioShare: Double
    let audioFrameMs: Int
    let intervalMs: Int
    let telephony: String?
    let dashboards: Int
    let ramp: Duration
    let base: String
    let key: String
    let logger: Logger

    init(_ options: Undertone.LoadTest, base: String, key: String, logger: Logger) {
        calls = options.calls
        turns = options.turns
        partials = options.partials
        audioShare = options.audioShare
        audioFrameMs = options.audioFrameMs
        intervalMs = options.intervalMs
        telephony = options.telephony
        dashboards = options.dashboards
        ramp = .milliseconds(Int(options.rampSeconds * 1_000))
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.key = key
        self.logger = logger
    }

    /// What every call records, shared across their tasks.
    final class Tally: Sendable {
        struct State {
            var ackLatencies: [Duration] = []
            var sentTurns: [String: ContinuousClock.Instant] = [:]
            var decisionLatencies: [Duration] = []
            var events = 0
            var audioFrames = 0
            /// Telephony runs: messages sent (media and the rest), and stop → the server's close.
            var telephonyMessages = 0
            var mediaMessages = 0
            var drainLatencies: [Duration] = []
            var failures: [String] = []
            /// The messages each dashboard received, and why a dashboard's feed ended early.
            var dashboardMessages: [Int] = []
            var dashboardFailures: [String] = []
        }
        let state = Mutex(State())
    }

    func run() async throws -> LoadReport {
        let tally = Tally()
        let webSocketBase = base.replacingOccurrences(of: "http://", with: "ws://").replacingOccurrences(of: "https://", with: "wss://")
        let headers: HTTPFields = [.authorization: "Bearer \(key)"]
        let (feedReady, feedReadyContinuation) = AsyncStream.makeStream(of: Void.self)
        let runID = String(UUID().uuidString.prefix(8)).lowercased()
        // Ten seconds of a calm voice, made once and sent in slices: the load generator must not be the bottleneck.
        let voice =
            audioShare > 0 || telephony != nil
            ? DemoVoiceSynthesizer.mulaw(
                DemoSpeech(track: .customer, startMs: 0, endMs: 10_000, stress: 0.2, voice: DemoVoice(pitchHz: 190, formantScale: 1.12), seed: 7))
            : []
        let twilioChunks = telephony == "twilio" ? Self.twilioChunks(voice) : []
        let start = ContinuousClock.now
        var elapsed = Duration.zero
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // The feed subscriber: the time each decision is published, matched to the turn that caused it.
                _ = try await WebSocketClient.connect(
                    url: "\(webSocketBase)/v1/feed/ws?types=decision", configuration: .init(maxFrameSize: 1 << 20, additionalHeaders: headers),
                    logger: logger
                ) { inbound, _, _ in
                    feedReadyContinuation.yield()
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message, let object = Self.object(text), let call = object["callID"] as? String,
                            let at = object["at"] as? Int
                        else { continue }
                        let now = ContinuousClock.now
                        tally.state.withLock { state in
                            if let sent = state.sentTurns.removeValue(forKey: "\(call)#\(at)") { state.decisionLatencies.append(now - sent) }
                        }
                    }
                }
            }
            tally.state.withLock { $0.dashboardMessages = Array(repeating: 0, count: dashboards) }
            for dashboard in 0..<dashboards {
                group.addTask {
                    // A supervisor's screen: the whole feed (the dashboard asks for no types), each message counted.
                    do {
                        _ = try await WebSocketClient.connect(
                            url: "\(webSocketBase)/v1/feed/ws", configuration: .init(maxFrameSize: 1 << 20, additionalHeaders: headers),
                            logger: logger
                        ) { inbound, _, _ in
                            feedReadyContinuation.yield()
                            for try await frame in inbound where frame.opcode == .text {
                                tally.state.withLock { $0.dashboardMessages[dashboard] += 1 }
                            }
                        }
                    } catch is CancellationError {
                        // The run is over.
                    } catch {
                        // Reported; the run goes on (a yield too many, after a connection, is never read).
                        tally.state.withLock { $0.dashboardFailures.append(String(describing: error)) }
                        feedReadyContinuation.yield()
                    }
                }
            }
            var ready = feedReady.makeAsyncIterator()
            for _ in 0...dashboards { await ready.next() }
            try await withThrowingTaskGroup(of: Void.self) { callTasks in
                for index in 0..<calls {
                    callTasks.addTask {
                        try await Task.sleep(for: ramp * (Double(index) / Double(max(1, calls))))
                        let callID = "lt-\(runID)-\(index)"
                        if telephony == "twilio" {
                            do {
                                try await runTwilioCall(
                                    callID: callID, index: index, durationMs: turns * intervalMs, chunks: twilioChunks, webSocketBase: webSocketBase,
                                    tally: tally)
                            } catch {
                                tally.state.withLock { $0.failures.append(String(describing: error)) }
                            }
                            return
                        }
                        // The calls with audio are spread evenly over the indexes (a share of 0.1: every tenth call).
                        let withAudio = (Double(index + 1) * audioShare).rounded(.down) > (Double(index) * audioShare).rounded(.down)
                        let call = SimulatedCall(
                            callID: callID, index: index, turns: turns, partials: partials, intervalMs: intervalMs,
                            audio: withAudio ? (voice, audioFrameMs) : nil)
                        do {
                            try await runCall(call, webSocketBase: webSocketBase, headers: headers, tally: tally)
                        } catch {
                            tally.state.withLock { $0.failures.append(String(describing: error)) }
                        }
                    }
                }
                try await callTasks.waitForAll()
            }
            elapsed = ContinuousClock.now - start
            // Give the last decisions a moment to reach the feed, then stop listening.
            try await Task.sleep(for: .milliseconds(500))
            group.cancelAll()
        }
        return tally.state.withLock { state in
            LoadReport(
                calls: calls, turnsPerCall: turns, partialsPerTurn: partials, audioShare: audioShare, intervalMs: intervalMs,
                events: state.events, audioFrames: state.audioFrames, seconds: elapsed.seconds, ack: Percentiles(state.ackLatencies),
                decisions: Percentiles(state.decisionLatencies), telephony: telephony, telephonyMessages: state.telephonyMessages,
                mediaMessages: state.mediaMessages, drain: Percentiles(state.drainLatencies), failures: state.failures,
                dashboardMessages: state.dashboardMessages.sorted(), dashboardFailures: state.dashboardFailures)
        }
    }

    /// One call: connect, wait for `ready`, send each message at its time and wait for its ack (and the outputs it
    /// announces). A message whose time has passed (the server was slow) goes at once.
    private func runCall(_ call: SimulatedCall, webSocketBase: String, headers: HTTPFields, tally: Tally) async throws {
        let callID = call.callID
        _ = try await WebSocketClient.connect(
            url: "\(webSocketBase)/v1/calls/\(callID)/stream", configuration: .init(maxFrameSize: 1 << 20, additionalHeaders: headers), logger: logger
        ) { inbound, outbound, _ in
            var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
            _ = try await messages.next()  // ready
            let callStart = ContinuousClock.now
            for (offset, message) in call.messages.enumerated() {
                let due = callStart + .milliseconds(message.dueMs)
                if due > ContinuousClock.now { try await Task.sleep(until: due) }
                let sequence = offset + 1
                let sent = ContinuousClock.now
                switch message.payload {
                case .event(let event):
                    if case .turn(let turn) = event, turn.speaker == .customer, turn.isFinal {
                        tally.state.withLock { $0.sentTurns["\(callID)#\(turn.at)"] = sent }
                    }
                    try await outbound.write(.text("{\"seq\":\(sequence)," + CallEvents.encode(event).dropFirst()))
                case .audio(let at, let samples):
                    var frame = ByteBuffer()
                    frame.reserveCapacity(12 + samples.count)
                    frame.writeInteger(UInt32(sequence), endianness: .big)
                    frame.writeInteger(UInt32(at), endianness: .big)
                    frame.writeInteger(UInt8(0))  // customer
                    frame.writeInteger(UInt8(0))  // PCMU
                    frame.writeInteger(UInt16(8_000), endianness: .big)
                    frame.writeBytes(samples)
                    try await outbound.write(.binary(frame))
                }
                var pendingOutputs = -1
                while pendingOutputs != 0, let reply = try await messages.next() {
                    guard case .text(let text) = reply, let object = Self.object(text) else { continue }
                    switch object["type"] as? String {
                    case "ack":
                        let now = ContinuousClock.now
                        tally.state.withLock { state in
                            state.ackLatencies.append(now - sent)
                            if case .audio = message.payload { state.audioFrames += 1 } else { state.events += 1 }
                        }
                        pendingOutputs = object["outputs"] as? Int ?? 0
                    case "error":
                        throw CommandFailure("call \(callID): \(object["detail"] as? String ?? text)")
                    default:
                        pendingOutputs -= 1
                    }
                }
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
    }

    static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}

/// A simulated call: a customer who stays calm or grows angry, an agent answering, each final turn after the partials a
/// streaming ASR would send, and perhaps the customer's audio; every message with the time it is due.
struct SimulatedCall {
    static let calm = [
        "hi I am calling about my last bill", "I see a charge I do not recognise", "okay that makes sense",
        "can you tell me when it will show up", "thanks that helps", "alright I will wait for the email",
    ]
    static let angry = [
        "I have called three times about this charge", "nobody has fixed it and I am losing patience",
        "this is ridiculous I want to speak to a manager", "I am absolutely furious with this service",
        "if this is not sorted today I am cancelling my account", "this is the worst service I have ever had",
    ]
    static let agent = [
        "thank you for calling how can I help", "let me look into that for you", "I understand I am checking your account now",
        "I can see the charge here", "I am sorry about the trouble", "I will make sure this gets fixed",
    ]

    enum Payload {
        case event(CallEvent)
        /// The call-clock time of the first sample, and the samples (8 kHz µ-law, customer track).
        case audio(at: Int, samples: ArraySlice<UInt8>)
    }

    struct Message {
        /// Milliseconds after the stream is ready.
        var dueMs: Int
        var payload: Payload
    }

    let callID: String
    let messages: [Message]

    /// With `intervalMs` 0 every message goes as soon as the last is acknowledged, and an audio call sends one frame
    /// after each event. `audio`: the voice to slice, and the length of a frame in milliseconds.
    init(callID: String, index: Int, turns: Int, partials: Int, intervalMs: Int, audio: ([UInt8], Int)?) {
        self.callID = callID
        // Every third customer grows angry halfway through the call.
        let growsAngry = index % 3 == 0
        // The call's clock: with an interval, the events' times are when they are due; without, a second apart.
        let step = intervalMs > 0 ? intervalMs : 1_000
        var events: [CallEvent] = [
            .callStarted(
                CallStarted(callID: callID, at: 0, channel: .voice, customerID: "cust-\(index)", queue: "billing", agentID: "ag-\(index % 50)"))
        ]
        for turn in 0..<turns {
            let customer = turn % 2 == 0
            let pool = customer ? (growsAngry && turn >= turns / 2 ? Self.angry : Self.calm) : Self.agent
            let text = pool[(turn / 2 + index) % pool.count]
            let words = text.split(separator: " ")
            for partial in 0..<partials {
                let count = max(1, words.count * (partial + 1) / (partials + 1))
                events.append(
                    .turn(
                        Turn(
                            callID: callID, at: events.count * step, utteranceID: "u\(turn + 1)", speaker: customer ? .customer : .agent,
                            text: words.prefix(count).joined(separator: " "), isFinal: false)))
            }
            events.append(
                .turn(Turn(callID: callID, at: events.count * step, utteranceID: "u\(turn + 1)", speaker: customer ? .customer : .agent, text: text)))
        }
        events.append(.callEnded(CallEnded(callID: callID, at: events.count * step)))

        var messages: [Message] = []
        for (position, event) in events.enumerated() {
            let due = intervalMs > 0 ? position * intervalMs : 0
            messages.append(Message(dueMs: due, payload: .event(event)))
            guard let (voice, frameMs) = audio, position < events.count - 1, !voice.isEmpty else { continue }
            // The customer's audio until the next event: real time with an interval, one frame an event without.
            let frameBytes = frameMs * 8
            let frames = intervalMs > 0 ? step / frameMs : 1
            for frame in 0..<frames {
                let at = position * step + frame * frameMs
                let offset = (at * 8) % max(1, voice.count - frameBytes)
                messages.append(Message(dueMs: intervalMs > 0 ? at : 0, payload: .audio(at: at, samples: voice[offset..<offset + frameBytes])))
            }
        }
        // A frame and an event due at the same moment: the event first.
        self.messages = messages.enumerated().sorted { ($0.element.dueMs, $0.offset) < ($1.element.dueMs, $1.offset) }.map(\.element)
    }
}

/// Latency percentiles in milliseconds.
struct Percentiles: Encodable {
    var count: Int
    var p50: Double
    var p90: Double
    var p99: Double
    var p999: Double
    var max: Double

    init(_ samples: [Duration]) {
        let sorted = samples.map(\.milliseconds).sorted()
        func at(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
        }
        count = sorted.count
        p50 = at(0.5)
        p90 = at(0.9)
        p99 = at(0.99)
        p999 = at(0.999)
        max = sorted.last ?? 0
    }
}

/// What a load run measured.
struct LoadReport: Encodable {
    var calls: Int
    var turnsPerCall: Int
    var partialsPerTurn: Int
    var audioShare: Double
    var intervalMs: Int
    var events: Int
    var audioFrames: Int
    var seconds: Double
    var ack: Percentiles
    var decisions: Percentiles
    var telephony: String?
    var telephonyMessages = 0
    var mediaMessages = 0
    var drain: Percentiles
    var failures: [String]
    /// The messages each dashboard (`--dashboards`) received, fewest first.
    var dashboardMessages: [Int] = []
    var dashboardFailures: [String] = []

    var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    var messagesPerSecond: Double { seconds > 0 ? Double(events + audioFrames) / seconds : 0 }

    func render(json: Bool) -> String {
        if json {
            var object = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(self))) as? [String: Any] ?? [:]
            object["eventsPerSecond"] = eventsPerSecond
            object["messagesPerSecond"] = messagesPerSecond
            object["failures"] = Array(failures.prefix(10))
            object["failureCount"] = failures.count
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        func line(_ name: String, _ p: Percentiles) -> String {
            String(
                format: "%@ (%d): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms", name, p.count, p.p50, p.p90, p.p99, p.p999,
                p.max)
        }
        if let telephony {
            var lines = [
                "\(calls) concurrent \(telephony) media streams, both tracks, \(turnsPerCall * intervalMs / 1_000) s of audio each",
                String(
                    format: "%d Twilio messages sent (%d media) in %.1f s: %.0f messages/s", telephonyMessages, mediaMessages, seconds,
                    seconds > 0 ? Double(telephonyMessages) / seconds : 0),
                line("stream stopped → call ended and closed by the server", drain),
            ]
            if !failures.isEmpty { lines.append("\(failures.count) calls failed; first: \(failures[0])") }
            return lines.joined(separator: "\n")
        }
        var lines = [
            "\(calls) concurrent calls, \(turnsPerCall) turns each, \(partialsPerTurn) partials a turn, "
                + String(format: "audio on %.0f%% of calls, %d ms between events", audioShare * 100, intervalMs),
            String(format: "%d events acknowledged in %.1f s: %.0f events/s", events, seconds, eventsPerSecond),
        ]
        if audioFrames > 0 {
            lines.append(String(format: "%d audio frames acknowledged: %.0f messages/s in all", audioFrames, messagesPerSecond))
        }
        lines += [
            line("message sent → stored and acknowledged", ack),
            line("customer turn sent → decision published on the feed", decisions),
        ]
        if let fewest = dashboardMessages.first, let most = dashboardMessages.last {
            lines.append("\(dashboardMessages.count) dashboards took the whole feed: \(fewest)–\(most) messages each")
        }
        if !dashboardFailures.isEmpty { lines.append("\(dashboardFailures.count) dashboards' feeds failed; first: \(dashboardFailures[0])") }
        if !failures.isEmpty { lines.append("\(failures.count) calls failed; first: \(failures[0])") }
        return lines.joined(separator: "\n")
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1_000 + Double(components.attoseconds) / 1e15 }
    var seconds: Double { milliseconds / 1_000 }
}
