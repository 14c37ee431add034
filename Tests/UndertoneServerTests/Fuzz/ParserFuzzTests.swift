import Foundation
import NIOCore
import Testing
import UndertoneEngine

@testable import UndertoneServer

/// Every parser of outside input, fed mutated inputs (`Mutator`): the property is that each answers with a value that
/// passes its own checks or with its typed error, never a crash; what parses is then used (an event through the engine,
/// a policy over a call, a WAV resampled), so that extreme values that pass the checks cannot trap further on.
@Suite("Fuzzing: parsers of outside input")
struct ParserFuzzTests {
    static let repository = TestServer.repository
    static let policy = try! Policy.preset(named: "default")

    /// Every line of the example calls, and one of each event type the examples lack.
    static let eventSeeds: [String] = {
        let folder = repository.appendingPathComponent("examples/calls")
        var lines: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? [] where name.hasSuffix(".jsonl") {
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            lines += text.split(separator: "\n").map(String.init)
        }
        let voice = ServerTests.voiceFrames(callID: "fz", seconds: 2, agitatedFrom: 1)
        lines += voice.prefix(2).map { CallEvents.encode($0) }
        var analyzer = CallAnalyzer(policy: Self.policy, textModel: TestServer.model)
        _ = analyzer.ingest(.callStarted(CallStarted(callID: "fz", channel: .voice, customerID: "c", queue: "q")))
        for output in voice.flatMap({ analyzer.ingest($0) }) {
            if case .voice = output, let line = try? JSONEncoder().encode(output) { lines.append(String(decoding: line, as: UTF8.self)) }
        }
        return lines.map { "{\"seq\":1," + $0.dropFirst() }
    }()

    /// An engine that has taken a call's start: a copy of it (it is a value) takes each parsed event.
    static let started: CallAnalyzer = {
        var analyzer = CallAnalyzer(policy: Self.policy, textModel: TestServer.model)
        _ = analyzer.ingest(.callStarted(CallStarted(callID: "fz", channel: .voice, customerID: "c", queue: "q")))
        return analyzer
    }()

    /// Runs a parsed event through the redactor and the engine, as the server does, then ends the call at the latest
    /// time there is.
    static func analyze(_ event: CallEvent) {
        var analyzer = started
        _ = analyzer.ingest(Redactor.standard.redact(event))
        _ = analyzer.ingest(.callEnded(CallEnded(callID: event.callID, at: CallEvent.latestAt)))
    }

    @Test("event lines and batches: a checked event or a CallEventError; what parses runs through the engine")
    func events() {
        var lines = Mutator(seeds: Self.eventSeeds, parser: "events")
        var decoded = 0
        lines.run { bytes in
            let line = String(decoding: bytes, as: UTF8.self)
            let item: IngestItem
            do throws(CallEventError) {
                item = try IngestWire.item(line: line)
            } catch {
                #expect(!error.description.isEmpty)
                return
            }
            decoded += 1
            #expect(throws: Never.self) { try item.event.validate() }
            #expect((try? CallEvents.decode(line: CallEvents.encode(item.event))) == item.event, "\(line.prefix(300))")
            Self.analyze(item.event)
        }
        #expect(decoded > 0, "some mutated lines should still parse")
        var batchSeeds: [String] = []
        for start in stride(from: 0, to: Self.eventSeeds.count - 3, by: 3) {
            let lines = Self.eventSeeds[start..<(start + 3)]
            batchSeeds.append(start % 2 == 0 ? "[" + lines.joined(separator: ",") + "]" : lines.joined(separator: "\n"))
        }
        var batches = Mutator(seeds: batchSeeds, parser: "batches")
        batches.run { bytes in
            let (items, errors) = IngestWire.batch(String(decoding: bytes, as: UTF8.self))
            #expect(!items.isEmpty || !errors.isEmpty)
        }
    }

    @Test("transcript text through the redactor (final and partial): a redaction whose spans lie in its text")
    func redaction() {
        let seeds = [
            "my card is 4111 1111 1111 1111 and my email is ana.lopez@example.com",
            "born on March 14th, 1985, call me on five fifty five, eight six seven, fifty three oh nine",
            "my iban is GB29 NWBK 6016 1331 9268 19 and the sort code is 12-34-56",
            "the last four of my social are 6789, DOB 02/29/1988, phone (555) 201-3344",
            "john dot smith at gmail dot com, account number 0012 3456 7890, $1,250.00 at 3:30",
        ]
        var texts = Mutator(seeds: seeds, parser: "redaction")
        var index = 0
        texts.run { bytes in
            index += 1
            let text = String(decoding: bytes, as: UTF8.self)
            let redacted = Redactor.standard.redact(text, isPartial: index % 2 == 0)
            let length = redacted.text.unicodeScalars.count
            #expect(redacted.spans.allSatisfy { $0.range.upperBound <= length }, "\(text.prefix(200))")
        }
    }

    @Test("binary audio frames: a checked frame or an AudioFrameError")
    func audioFrames() {
        let seeds: [[UInt8]] = [(1, 0, 1, 8000, 320), (7, 20, 0, 8000, 160), (4_294_967_295, 4_294_967_295, 1, 16000, 640)].map {
            var buffer = ByteBuffer()
            buffer.writeInteger(UInt32($0.0), endianness: .big)
            buffer.writeInteger(UInt32($0.1), endianness: .big)
            buffer.writeInteger(UInt8($0.2))
            buffer.writeInteger(UInt8(1))
            buffer.writeInteger(UInt16($0.3), endianness: .big)
            buffer.writeBytes([UInt8](repeating: 7, count: $0.4))
            return Array(buffer.readableBytesView)
        }
        var frames = Mutator(seeds: seeds, parser: "audio")
        frames.run { bytes in
            if let item = try? IngestWire.audio(ByteBuffer(bytes: bytes), callID: "fz") {
                #expect(item.sequence.map { (1...IngestWire.largestSequence).contains($0) } == true)
                #expect(throws: Never.self) { try item.event.validate() }
                Self.analyze(item.event)
            }
        }
    }

    @Test("Twilio Media Streams messages: outputs whose events pass their checks, or an AdapterError")
    func twilio() throws {
        let lines = try String(
            contentsOf: Self.repository.appendingPathComponent("Tests/UndertoneServerTests/Fixtures/TwilioMediaStream/session.jsonl"), encoding: .utf8
        )
        .split(separator: "\n").map(String.init)
        // The session after each prefix of the fixture (a value: copied for each input, which it takes next).
        var sessions = [TwilioMediaStreamSession()]
        for line in lines {
            var next = sessions[sessions.count - 1]
            _ = try? next.receive(text: line)
            sessions.append(next)
        }
        var messages = Mutator(seeds: lines, parser: "twilio")
        var index = 0
        messages.run { bytes in
            index += 1
            var session = sessions[index % sessions.count]
            Self.check(&session, text: String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test("Genesys AudioHook messages, text and binary: outputs whose events pass their checks, or an AdapterError")
    func audioHook() throws {
        let (headers, steps) = try TelephonyRouteTests.audioHookFixture()
        let upgrade = AudioHookUpgrade(headers: headers.map { (name: $0.key, value: $0.value) })
        let texts: [String] = steps.compactMap { if case .client(let text) = $0 { text } else { nil } }
        let audio: [[UInt8]] = steps.compactMap { if case .binary(let bytes) = $0 { bytes } else { nil } }
        var sessions = [AudioHookSession(upgrade: upgrade)]
        for text in texts {
            var next = sessions[sessions.count - 1]
            _ = try? next.receive(text: text)
            sessions.append(next)
        }
        var messages = Mutator(seeds: texts.map { Array($0.utf8) } + audio, parser: "audiohook")
        var index = 0
        messages.run { bytes in
            index += 1
            var session = sessions[index % sessions.count]
            if index % 3 == 0 {
                Self.check(&session, binary: bytes)
            } else {
                Self.check(&session, text: String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    static func check(_ session: inout some TelephonySession, text: String? = nil, binary: [UInt8]? = nil) {
        do throws(AdapterError) {
            let outputs = if let text { try session.receive(text: text) } else { try session.receive(binary: binary ?? []) }
            for case .event(let event) in outputs {
                #expect(throws: Never.self) { try event.validate() }
                analyze(event)
            }
        } catch {
            _ = session.terminate(with: error)
            _ = session.connectionClosed()
        }
    }

    @Test("policy YAML: a policy or line-numbered problems; a parsed policy runs a call")
    func policies() throws {
        let seeds = try ["default", "banking", "healthcare", "ecommerce", "b2b"].map { try Policy.presetYAML(named: $0) }
        let call = try TestServer.exampleCall("04")
        var documents = Mutator(seeds: seeds, parser: "policy")
        var index = 0
        documents.run { bytes in
            index += 1
            let yaml = String(decoding: bytes, as: UTF8.self)
            let problems = Policy.validate(yaml: yaml)
            guard let policy = try? Policy.parse(yaml: yaml) else { return }
            #expect(problems.isEmpty, "parsed, yet \(problems.count) problems")
            // One in fifty policies that parse runs a whole call.
            guard index % 50 == 0 else { return }
            var analyzer = CallAnalyzer(policy: policy, textModel: TestServer.model)
            for event in call { _ = analyzer.ingest(event) }
        }
    }

    @Test("scorecard YAML: a scorecard or its problems; a parsed scorecard scores a call")
    func scorecards() throws {
        let yaml = try String(
            contentsOf: Self.repository.appendingPathComponent("Sources/UndertoneEngine/Resources/Scorecards/default.yaml"), encoding: .utf8)
        let call = try TestServer.exampleCall("04")
        var documents = Mutator(seeds: [yaml], parser: "scorecard")
        var index = 0
        documents.run { bytes in
            index += 1
            let text = String(decoding: bytes, as: UTF8.self)
            _ = Scorecard.validate(yaml: text)
            // One in ten scorecards that parse scores a call.
            if let scorecard = try? Scorecard.parse(yaml: text), index % 10 == 0 { _ = scorecard.score(call) }
        }
    }

    @Test("WAV files: a file whose samples read and resample, or a WAVError")
    func wavFiles() {
        let tone = ContiguousArray((0..<800).map { Float(sin(Double($0) / 5)) * 0.5 })
        let seeds = WAVEncoding.allCases.flatMap { encoding in
            [
                WAVFile.bytes(channels: [tone], sampleRate: 8000, encoding: encoding),
                WAVFile.bytes(channels: [tone, tone], sampleRate: 16000, encoding: encoding),
            ]
        }
        var files = Mutator(seeds: seeds, parser: "wav")
        files.run { bytes in
            guard let file = try? WAVFile(bytes: bytes) else { return }
            #expect(file.channelCount >= 1 && file.sampleRate > 0)
            for channel in 0..<file.channelCount { _ = file.samples(channel: channel, rate: 8000) }
        }
    }

    @Test("intent training data (CSV and JSON lines): examples or line-numbered problems")
    func intentData() {
        let seeds = [
            "text,label\nI want to cancel,cancellation\n\"with, a comma\",delivery\n\"she said \"\"hi\"\"\",general_enquiry\n",
            "\u{FEFF}id,Label,Text\r\n1,billing,why was I charged twice\r\n2,technical,\"two\nlines\"\r\n",
            "{\"text\":\"where is my parcel\",\"label\":\"delivery\"}\n{\"text\":\"reset my password\",\"intent\":\"account_access\"}\n",
        ]
        var files = Mutator(seeds: seeds, parser: "intents")
        files.run { bytes in
            do throws(IntentDataError) {
                let examples = try IntentData.examples(String(decoding: bytes, as: UTF8.self))
                #expect(examples.allSatisfy { !$0.label.isEmpty })
            } catch {
                #expect(!error.problems.isEmpty)
            }
        }
    }

    @Test("routing requests (POST /v1/route bodies): checked and routed, or refused naming the field")
    func routing() {
        let seeds = [
            #"{"request":{"callID":"c-1","intent":"billing","stress":0.7,"anxiety":0.2,"segment":"vip","waitingSinceMs":1000,"nowMs":91000},"roster":[{"id":"a1","skills":{"billing":4},"languages":["en"],"capacity":2,"active":1,"idleSinceMs":500,"traits":["empathy"]}]}"#,
            #"{"request":{"callID":"c-2","intent":"cancellation","language":"es-MX","predictedRisk":0.9,"vulnerable":true},"roster":[],"policy":{"queues":[{"name":"retention","skill":"retention","minimumProficiency":3,"basePriority":10}],"intentQueues":{"cancellation":"retention"},"defaultQueue":"general","stressWeight":50,"riskWeight":25,"segmentPriority":{"vip":20},"agingPerMinute":2,"seniorStressAbove":0.6,"empathyAnxietyAbove":0.5}}"#,
        ]
        struct Body: Decodable {
            var request: RoutingRequest
            var roster: [RosterAgent]
            var policy: RoutingPolicy?
        }
        var bodies = Mutator(seeds: seeds, parser: "routing")
        bodies.run { bytes in
            guard let body = try? JSONDecoder().decode(Body.self, from: Data(bytes)) else { return }
            do throws(RoutingInputError) {
                try body.request.validate()
                for (index, agent) in body.roster.enumerated() { try agent.validate("roster[\(index)]") }
                try body.policy?.validate()
            } catch {
                #expect(!error.description.isEmpty)
                return
            }
            let policy = body.policy ?? RoutingPolicy.standard()
            let decision = Routing.route(body.request, roster: body.roster, policy: policy)
            #expect(decision.priority.isFinite)
            _ = Routing.dispatch([body.request, body.request], roster: body.roster, policy: policy)
        }
    }
}
