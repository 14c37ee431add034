import ArgumentParser
import Foundation
import UndertoneEngine
import UndertoneServer

extension Undertone {
    struct Analyze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The timeline of a recorded call: each turn's signals, the voice, and every decision, with its reasons.",
            discussion: """
                CALL is a call file: JSON lines of call events (docs/events.md), or a WAV recording of the call \
                (audio only), or a call file with its recording given by --audio. Stereo recordings carry the customer \
                on channel 0 (left) and the agent on channel 1 (right); a mono recording is the customer. The audio is \
                fed to the engine as audio events from the call's start (--audio-offset to shift it). The policy is a \
                bundled preset (--preset, default "default") or a YAML file (--policy). --json prints one JSON line per \
                output, voice windows included. Guidance (hints and articles) comes from the sample knowledge base, or \
                from a folder of Markdown articles given by --knowledge. A recording with no transcript is transcribed \
                (--transcriber; by default the embedded whisper.cpp when scripts/install-speech.sh has installed it): its \
                utterances become turns at the end of each, as they would live (docs/speech.md).
                """
        )

        @Argument(help: "A call file (JSON lines of call events) or a WAV recording.")
        var call: String

        @Option(help: "A WAV recording of the call to analyse with the call file.")
        var audio: String?

        @Option(help: "Call time, in milliseconds, at which the recording starts.")
        var audioOffset = 0

        @OptionGroup var policyOptions: PolicyOptions

        @Flag(help: "Print JSON lines instead of a readable timeline.")
        var json = false

        @OptionGroup var modelOptions: ModelOptions

        @Option(help: "A folder of Markdown articles to suggest from (default: the shipped sample).")
        var knowledge: String?

        @Option(help: "An intent model file (.uti, from `undertone intents train`) that reads the call's intent (default: the shipped one).")
        var intents: String?

        @OptionGroup var speech: SpeechOptions

        func run() async throws {
            var events = try CallRecording.events(call: call, audio: audio, offsetMs: audioOffset)
            let hasAudio = events.contains { $0.type == AudioFrame.eventType }
            let hasWords = events.contains { if case .turn(let turn) = $0 { turn.isFinal } else { false } }
            if hasAudio && (!hasWords || speech.transcriber != nil) {
                if let transcriber = try speech.make(default: "auto") {
                    let (transcribed, failures) = await RecordedCall.transcribe(events, with: transcriber)
                    events = transcribed
                    if failures > 0 { FileHandle.standardError.write(Data("undertone: \(failures) utterance(s) could not be transcribed\n".utf8)) }
                } else if !hasWords {
                    FileHandle.standardError.write(
                        Data("undertone: no transcriber installed, so the voice only (scripts/install-speech.sh installs one)\n".utf8))
                }
            }
            var analyzer = CallAnalyzer(
                policy: try policyOptions.load(), textModel: try modelOptions.load(), intentModel: try IntentModelOptions.load(intents),
                knowledgeBase: try KnowledgeOptions.load(knowledge))
            let writer = try LineWriter(path: nil)
            var voice = VoiceTimeline()
            for event in events {
                let outputs = analyzer.ingest(event)
                if json {
                    for output in outputs { writer.write(try EngineOutputJSON.line(output)) }
                } else {
                    if case .turn(let turn) = event, turn.isFinal {
                        let signal = outputs.compactMap { output -> TurnSignal? in
                            if case .signal(let signal) = output { return signal }
                            return nil
                        }.first
                        writer.write(Timeline.turnLine(turn, signal: signal))
                    } else if let line = Timeline.eventLine(event) {
                        writer.write(line)
                    }
                    for line in voice.lines(for: outputs) { writer.write(line) }
                    for case .decision(let decision) in outputs { writer.write(Timeline.decisionLine(decision)) }
                    for case .guidance(let guidance) in outputs { writer.write(Timeline.guidanceLine(guidance)) }
                }
            }
            if !json, let line = voice.summary(analyzer.state) { writer.write(line) }
            if !json {
                let raised = analyzer.alerts
                writer.write(
                    "\n\(raised.count) alert(s): "
                        + (raised.isEmpty
                            ? "none" : raised.map { "\($0.id) \($0.tier.rawValue) (\($0.rule), \($0.state.rawValue))" }.joined(separator: "; ")))
            }
            writer.flush()
        }
    }
}

/// Which escalation policy to use.
struct PolicyOptions: ParsableArguments {
    @Option(help: "A policy YAML file.")
    var policy: String?

    @Option(help: "A bundled policy preset: default, banking, healthcare, ecommerce, b2b.")
    var preset = "default"

    func load() throws -> Policy {
        do {
            if let policy {
                guard let data = FileManager.default.contents(atPath: policy) else { throw CommandFailure("cannot read policy \(policy)") }
                return try Policy.parse(yaml: String(decoding: data, as: UTF8.self))
            }
            return try Policy.preset(named: preset)
        } catch let error as PolicyError {
            throw CommandFailure("\(policy ?? preset): \(error)")
        }
    }
}

enum CallFile {
    static func read(_ path: String) throws -> [CallEvent] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read call file \(path)") }
        do {
            return try CallEvents.decode(jsonLines: String(decoding: data, as: UTF8.self))
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }
}

/// JSON lines for engine outputs: `{"type": "signal", …}` or `{"type": "decision", …}`.
enum EngineOutputJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func line(_ output: EngineOutput) throws -> String {
        String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}

/// The readable timeline.
enum Timeline {
    static func clock(_ ms: Int) -> String {
        let seconds = ms / 1000
        return String(format: "%02d:%02d.%d", seconds / 60, seconds % 60, (ms % 1000) / 100)
    }

    static func turnLine(_ turn: Turn, signal: TurnSignal?) -> String {
        var line = "\(clock(turn.at))  \(turn.speaker.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \"\(turn.text)\""
        guard let signal else { return line }
        if turn.speaker == .customer {
            line += "\n           stress \(number(signal.stress)) · smoothed \(number(signal.smoothedStress)) · trend \(signed(signal.trend))"
            let strong = Emotion.allCases.filter { $0 != .neutral && signal.emotions[$0] >= 0.2 }
            if !strong.isEmpty { line += " · " + strong.map { "\($0.rawValue) \(number(signal.emotions[$0]))" }.joined(separator: ", ") }
            if let intent = signal.intent { line += " · intent \(intent.label)" }
        }
        if !signal.cues.isEmpty {
            line += "\n           cues: " + signal.cues.map { $0.kind.rawValue + ($0.conditional ? " (conditional)" : "") }.joined(separator: ", ")
        }
        return line
    }

    static func eventLine(_ event: CallEvent) -> String? {
        switch event {
        case .callStarted(let call):
            return "\(clock(call.at))  call \(call.callID) started · \(call.channel.rawValue) · queue \(call.queue)"
                + (call.industry.map { " · \($0)" } ?? "") + (call.agentID.map { " · agent \($0)" } ?? "")
        case .agentAction(let action): return "\(clock(action.at))  agent action: \(action.action.rawValue)"
        case .alertAcknowledged(let ack): return "\(clock(ack.at))  \(ack.by) \(ack.outcome.rawValue) \(ack.alertID)"
        case .callEnded(let ended):
            return "\(clock(ended.at))  call ended" + (ended.disposition.map { " · \($0)" } ?? "") + (ended.survey.map { " · survey \($0)/5" } ?? "")
        case .turn, .audio, .voice, .tick: return nil
        }
    }

    static func decisionLine(_ decision: Decision) -> String {
        var line = "  ▲ \(decision.tier.rawValue.uppercased()) \(decision.kind.rawValue) \(decision.alertID) — rule \(decision.rule)"
        for reason in decision.reasons { line += "\n      because \(reason.condition): \(reason.observed)" }
        if let guidance = decision.guidance { line += "\n      say: \(guidance)" }
        if !decision.responses.isEmpty { line += "\n      respond: " + decision.responses.map(\.rawValue).joined(separator: ", ") }
        return line
    }

    static func guidanceLine(_ guidance: Guidance) -> String {
        var line = "  ◆ guidance" + (guidance.tier.map { " (\($0.rawValue))" } ?? "") + (guidance.intent.map { " · intent \($0)" } ?? "")
        for hint in guidance.hints { line += "\n      hint [\(hint.id)] \(hint.text) (because: \(hint.because))" }
        for article in guidance.articles { line += "\n      article \(article.id) — \(article.title) (score \(number(article.score)))" }
        return line
    }

    static func number(_ value: Double) -> String { String(format: "%.2f", value) }
    static func signed(_ value: Double) -> String { String(format: "%+.2f", value) }
}
