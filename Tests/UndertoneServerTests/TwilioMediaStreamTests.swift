import Foundation
import Testing
import UndertoneEngine
import UndertoneServer

/// Fixtures are read from the source tree, next to this file.
func fixtureText(_ path: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(path)
    return try String(contentsOf: url, encoding: .utf8)
}

/// Builds Twilio Media Streams messages as Twilio writes them.
struct TwilioMessages {
    var streamSid = "MZ0c4f8a2e6b1d9f3a7c5e0b2d4f6a8c1e"
    var callSid = "CA7d2b9e4f1a6c3e8b0d5f2a7c4e9b1d6f"
    var sequence = 0

    static let connected = #"{"event":"connected","protocol":"Call","version":"1.0.0"}"#

    mutating func next() -> String {
        sequence += 1
        return String(sequence)
    }

    mutating func start(
        tracks: [String] = ["inbound", "outbound"], parameters: [String: String] = ["token": "secret-1", "customer": "cust-1", "queue": "billing"],
        encoding: String = "audio/x-mulaw", rate: Int = 8000, channels: Int = 1
    ) -> String {
        json([
            "event": "start", "sequenceNumber": next(), "streamSid": streamSid,
            "start": [
                "accountSid": "AC1f3e5d7c9b2a4f6e8d0c1b3a5f7e9d2c", "streamSid": streamSid, "callSid": callSid, "tracks": tracks,
                "customParameters": parameters, "mediaFormat": ["encoding": encoding, "sampleRate": rate, "channels": channels],
            ],
        ])
    }

    mutating func media(_ track: String = "inbound", at timestamp: Int, samples: [UInt8], chunk: Int = 1) -> String {
        media(track, at: timestamp, payload: Data(samples).base64EncodedString(), chunk: chunk)
    }

    mutating func media(_ track: String, at timestamp: Int, payload: String, chunk: Int = 1) -> String {
        json([
            "event": "media", "sequenceNumber": next(), "streamSid": streamSid,
            "media": ["track": track, "chunk": String(chunk), "timestamp": String(timestamp), "payload": payload],
        ])
    }

    mutating func stop() -> String {
        json([
            "event": "stop", "sequenceNumber": next(), "streamSid": streamSid,
            "stop": ["accountSid": "AC1f3e5d7c9b2a4f6e8d0c1b3a5f7e9d2c", "callSid": callSid],
        ])
    }

    func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}

/// A 440 Hz tone at 8 kHz, as 16-bit samples.
func tone(samples count: Int, amplitude: Double = 8000) -> [Int16] {
    (0..<count).map { Int16((amplitude * sin(2 * Double.pi * 440 * Double($0) / 8000)).rounded()) }
}

private func expectError(
    _ expected: AdapterError, code: WebSocketCloseCode, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected \(expected)", sourceLocation: sourceLocation)
    } catch let error as AdapterError {
        #expect(error == expected, sourceLocation: sourceLocation)
        #expect(error.closeCode == code, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(expected), got \(error)", sourceLocation: sourceLocation)
    }
}

@Suite("TwilioMediaStream")
struct TwilioMediaStreamTests {
    @Test("a whole stream from the fixture: call_started, audio per track in 100 ms frames, call_ended, close")
    func wholeSession() throws {
        var session = TwilioMediaStreamSession()
        var outputs: [AdapterOutput] = []
        for line in try fixtureText("TwilioMediaStream/session.jsonl").split(separator: "\n") {
            outputs += try session.receive(text: String(line))
        }
        #expect(session.phase == .stopped)
        #expect(session.token == "ut_live_7Hq2Xz")
        #expect(session.protocolVersion == "1.0.0")
        #expect(session.stream?.tracks == [.inbound, .outbound])
        #expect(session.callID == "CA3c1e5a7f9b2d4c6e8a0f1b3d5c7e9a1f")

        let events = outputs.events
        guard case .callStarted(let started) = events.first else {
            Issue.record("the first event must be call_started")
            return
        }
        #expect(
            started
                == CallStarted(
                    callID: "CA3c1e5a7f9b2d4c6e8a0f1b3d5c7e9a1f", at: 0, channel: .voice, customerID: "cust-88213", queue: "cards", language: "en-GB",
                    industry: "banking", agentID: "ag-117", team: "cards-east"))
        let frames = events.compactMap { event -> AudioFrame? in
            if case .audio(let frame) = event { return frame }
            return nil
        }
        #expect(frames.map(\.at) == [0, 0, 100, 100])
        #expect(frames.map(\.track) == [.customer, .agent, .customer, .agent])
        #expect(frames.allSatisfy { $0.samples.count == 800 && $0.encoding == .pcmu && $0.sampleRate == 8000 && $0.durationMs == 100 })
        // The inbound chunks carried 0x10 + chunk number, the outbound ones 0x90 + chunk number, 160 bytes each.
        let firstInbound: [UInt8] = (0..<5).flatMap { (chunk: Int) -> [UInt8] in Array(repeating: UInt8(0x10 + chunk), count: 160) }
        let secondOutbound: [UInt8] = (5..<10).flatMap { (chunk: Int) -> [UInt8] in Array(repeating: UInt8(0x90 + chunk), count: 160) }
        #expect(frames[0].samples == firstInbound)
        #expect(frames[3].samples == secondOutbound)
        #expect(events.last == .callEnded(CallEnded(callID: "CA3c1e5a7f9b2d4c6e8a0f1b3d5c7e9a1f", at: 200)))
        #expect(outputs.close == AdapterClose(code: .normal, reason: "stream stopped"))
        #expect(outputs.messages.isEmpty)
        for event in events { try event.validate() }
        #expect(session.connectionClosed().isEmpty)
    }

    @Test("a 440 Hz tone sent through decodes back to the tone")
    func toneRoundTrip() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession(configuration: TwilioMediaStreamConfiguration(frameDurationMs: 20))
        _ = try session.receive(text: TwilioMessages.connected)
        _ = try session.receive(text: messages.start(tracks: ["inbound"]))
        let original = tone(samples: 1600)
        let coded = G711.MuLaw.encode(original)
        var frames: [AudioFrame] = []
        for chunk in 0..<10 {
            let samples = Array(coded[(chunk * 160)..<((chunk + 1) * 160)])
            for case .audio(let frame) in try session.receive(text: messages.media(at: chunk * 20, samples: samples, chunk: chunk + 1)).events {
                frames.append(frame)
            }
        }
        #expect(frames.count == 10)
        #expect(frames.map(\.at) == Array(stride(from: 0, to: 200, by: 20)))
        let decoded = G711.MuLaw.decode(frames.flatMap(\.samples))
        #expect(decoded.count == original.count)
        let worst = zip(original, decoded).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 256)
        // The decoded audio still peaks where a 440 Hz tone does: 8000 / 440 ≈ 18.2 samples a period.
        let crossings = zip(decoded, decoded.dropFirst()).filter { $0 < 0 && $1 >= 0 }.count
        #expect((87...89).contains(crossings))
    }

    @Test("chunks join into frames of the configured length; a gap in timestamps starts a new frame")
    func aggregation() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession(configuration: TwilioMediaStreamConfiguration(frameDurationMs: 60))
        _ = try session.receive(text: messages.start(tracks: ["inbound"]))
        var frames: [AudioFrame] = []
        func send(_ at: Int) throws {
            frames += try session.receive(text: messages.media(at: at, samples: Array(repeating: UInt8(at / 20), count: 160))).events.compactMap {
                if case .audio(let frame) = $0 { return frame }
                return nil
            }
        }
        for at in [0, 20, 40, 60, 80] { try send(at) }
        #expect(frames.map(\.at) == [0])
        try send(200)  // 100 ms later than expected: the 60..100 frame leaves early
        #expect(frames.map(\.at) == [0, 60])
        #expect(frames[1].samples.count == 320)
        let end = session.connectionClosed()
        #expect(end.count == 2)
        #expect(end.first.map { if case .audio(let frame) = $0 { frame.at == 200 && frame.samples.count == 160 } else { false } } == true)
        #expect(end.last == .callEnded(CallEnded(callID: messages.callSid, at: 220)))
        #expect(session.connectionClosed().isEmpty)
    }

    @Test("events never go back in time, even when the two tracks are stamped apart")
    func monotonicTime() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession(configuration: TwilioMediaStreamConfiguration(frameDurationMs: 20))
        _ = try session.receive(text: messages.start())
        var ats: [Int] = []
        for (track, at) in [("inbound", 0), ("outbound", 0), ("inbound", 20), ("outbound", 15), ("outbound", 35), ("inbound", 40)] {
            ats += try session.receive(text: messages.media(track, at: at, samples: Array(repeating: 0xFF, count: 160))).events.map(\.at)
        }
        #expect(ats == [0, 0, 20, 20, 35, 40])
    }

    @Test("custom parameters: call id override, default queue, and the errors for missing ones")
    func parameters() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession(configuration: TwilioMediaStreamConfiguration(defaultQueue: "general"))
        let outputs = try session.receive(text: messages.start(parameters: ["customer": "cust-9", "call": "c-2024-77"]))
        #expect(outputs.events == [.callStarted(CallStarted(callID: "c-2024-77", channel: .voice, customerID: "cust-9", queue: "general"))])
        #expect(session.token == nil)

        var noCustomer = TwilioMediaStreamSession()
        var more = TwilioMessages()
        expectError(.invalidCall("the stream's custom parameters need \"customer\" (the customer's id)"), code: .invalidPayload) {
            _ = try noCustomer.receive(text: more.start(parameters: ["queue": "q"]))
        }
        var noQueue = TwilioMediaStreamSession()
        more = TwilioMessages()
        expectError(.invalidCall("the stream's custom parameters need \"queue\""), code: .invalidPayload) {
            _ = try noQueue.receive(text: more.start(parameters: ["customer": "c"]))
        }
        var badLanguage = TwilioMediaStreamSession()
        more = TwilioMessages()
        do {
            _ = try badLanguage.receive(text: more.start(parameters: ["customer": "c", "queue": "q", "language": "english please"]))
            Issue.record("a bad language tag must be refused")
        } catch {
            guard case .invalidCall(let reason) = error else {
                Issue.record("expected invalidCall, got \(error)")
                return
            }
            #expect(reason.contains("language"))
            #expect(error.closeCode == .invalidPayload)
        }
    }

    @Test("the outbound track can carry the customer instead")
    func trackMapping() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession(
            configuration: TwilioMediaStreamConfiguration(inboundSpeaker: .agent, outboundSpeaker: .customer, frameDurationMs: 20))
        _ = try session.receive(text: messages.start())
        let inbound = try session.receive(text: messages.media("inbound", at: 0, samples: [0xFF, 0xFF]))
        let outbound = try session.receive(text: messages.media("outbound", at: 0, samples: [0xFF, 0xFF]))
        #expect(audioFrames(inbound).map(\.track) == [.agent])
        #expect(audioFrames(outbound).map(\.track) == [.customer])
    }

    @Test("dtmf and mark are accepted without events; digits are not kept")
    func dtmfAndMark() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start())
        let dtmfNumber = messages.next()
        let dtmf = try session.receive(
            text: messages.json([
                "event": "dtmf", "sequenceNumber": dtmfNumber, "streamSid": messages.streamSid, "dtmf": ["track": "inbound_track", "digit": "5"],
            ]))
        #expect(dtmf.isEmpty)
        let markNumber = messages.next()
        let mark = try session.receive(
            text: messages.json(["event": "mark", "sequenceNumber": markNumber, "streamSid": messages.streamSid, "mark": ["name": "m-1"]]))
        #expect(mark == [.notice("Twilio mark \"m-1\" played")])
    }

    // MARK: Errors

    @Test("malformed JSON, a non-object, and a message without an event are invalid payloads (1007)")
    func malformed() {
        var session = TwilioMediaStreamSession()
        expectError(.malformedJSON("the message is not valid JSON"), code: .invalidPayload) { _ = try session.receive(text: "{\"event\": ") }
        session = TwilioMediaStreamSession()
        expectError(.malformedJSON("the message is not a JSON object"), code: .invalidPayload) { _ = try session.receive(text: "[1, 2]") }
        session = TwilioMediaStreamSession()
        expectError(.invalidMessage("missing \"event\""), code: .invalidPayload) { _ = try session.receive(text: #"{"sequenceNumber":"1"}"#) }
        session = TwilioMediaStreamSession()
        expectError(.invalidMessage("start: missing \"sequenceNumber\""), code: .invalidPayload) {
            _ = try session.receive(text: #"{"event":"start","start":{}}"#)
        }
        session = TwilioMediaStreamSession()
        expectError(.invalidMessage("start: \"sequenceNumber\" must be a whole number, 0 or more"), code: .invalidPayload) {
            _ = try session.receive(text: #"{"event":"start","sequenceNumber":"one"}"#)
        }
    }

    @Test("media before start, a second start, a second connected, anything after stop (1008)")
    func wrongOrder() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession()
        expectError(.unexpectedMessage("\"media\" before \"start\""), code: .policyViolation) {
            _ = try session.receive(text: messages.media(at: 0, samples: [0xFF]))
        }
        #expect(session.phase == .failed)
        expectError(.unexpectedMessage("the session has already failed"), code: .policyViolation) {
            _ = try session.receive(text: TwilioMessages.connected)
        }

        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start())
        expectError(.unexpectedMessage("a second \"start\""), code: .policyViolation) { _ = try session.receive(text: messages.start()) }

        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: TwilioMessages.connected)
        expectError(.unexpectedMessage("a second \"connected\""), code: .policyViolation) { _ = try session.receive(text: TwilioMessages.connected) }

        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start())
        _ = try session.receive(text: messages.stop())
        expectError(.unexpectedMessage("\"media\" after \"stop\""), code: .policyViolation) {
            _ = try session.receive(text: messages.media(at: 0, samples: [0xFF]))
        }
    }

    @Test("sequence numbers: a gap, a duplicate and one out of order are each their own error (1008)")
    func sequenceNumbers() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start())
        _ = try session.receive(text: messages.media(at: 0, samples: [0xFF]))
        messages.sequence += 1  // one message lost
        expectError(.sequenceGap(expected: 3, received: 4), code: .policyViolation) {
            _ = try session.receive(text: messages.media(at: 20, samples: [0xFF]))
        }

        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start())
        let media = messages.media(at: 0, samples: [0xFF])
        _ = try session.receive(text: media)
        expectError(.duplicateSequence(2), code: .policyViolation) { _ = try session.receive(text: media) }

        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start())
        _ = try session.receive(text: messages.media(at: 0, samples: [0xFF]))
        _ = try session.receive(text: messages.media(at: 20, samples: [0xFF]))
        messages.sequence = 1
        expectError(.sequenceOutOfOrder(expected: 4, received: 2), code: .policyViolation) {
            _ = try session.receive(text: messages.media(at: 40, samples: [0xFF]))
        }

        messages = TwilioMessages()
        messages.sequence = 4
        session = TwilioMediaStreamSession()
        expectError(.sequenceGap(expected: 1, received: 5), code: .policyViolation) { _ = try session.receive(text: messages.start()) }
    }

    @Test("a streamSid or callSid other than the stream's is a mismatch (1008)")
    func streamMismatch() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start())
        messages.streamSid = "MZ0000000000000000000000000000other"
        expectError(
            .sessionMismatch(
                "\"streamSid\" is \"MZ0000000000000000000000000000other\" but the stream started as \"MZ0c4f8a2e6b1d9f3a7c5e0b2d4f6a8c1e\""),
            code: .policyViolation
        ) {
            _ = try session.receive(text: messages.media(at: 0, samples: [0xFF]))
        }
        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start())
        messages.callSid = "CA0000000000000000000000000000other"
        expectError(
            .sessionMismatch(
                "\"stop.callSid\" is \"CA0000000000000000000000000000other\" but the stream started for \"CA7d2b9e4f1a6c3e8b0d5f2a7c4e9b1d6f\""),
            code: .policyViolation
        ) {
            _ = try session.receive(text: messages.stop())
        }
    }

    @Test("bad base64, an empty payload, a track start did not list, a timestamp going back")
    func badMedia() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start(tracks: ["inbound"]))
        expectError(.invalidAudio("\"media.payload\" is not base64"), code: .invalidPayload) {
            _ = try session.receive(text: messages.media("inbound", at: 0, payload: "not base64!"))
        }
        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start(tracks: ["inbound"]))
        expectError(.invalidAudio("\"media.payload\" is empty"), code: .invalidPayload) {
            _ = try session.receive(text: messages.media("inbound", at: 0, payload: ""))
        }
        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start(tracks: ["inbound"]))
        expectError(.unexpectedMessage("media on the outbound track, which \"start\" did not list"), code: .policyViolation) {
            _ = try session.receive(text: messages.media("outbound", at: 0, samples: [0xFF]))
        }
        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start(tracks: ["inbound"]))
        expectError(.invalidMessage("media: \"media.track\" must be \"inbound\" or \"outbound\""), code: .invalidPayload) {
            _ = try session.receive(text: messages.media("both", at: 0, samples: [0xFF]))
        }
        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start(tracks: ["inbound"]))
        _ = try session.receive(text: messages.media(at: 100, samples: [0xFF]))
        expectError(.invalidMessage("media: \"media.timestamp\" went back from 100 to 80 on the inbound track"), code: .invalidPayload) {
            _ = try session.receive(text: messages.media(at: 80, samples: [0xFF]))
        }
    }

    @Test("formats other than µ-law 8 kHz mono are unsupported (1003)")
    func unsupportedFormat() {
        for (encoding, rate, channels) in [
            ("audio/x-alaw", 8000, 1), ("audio/x-mulaw", 16000, 1), ("audio/x-mulaw", 8000, 2), ("audio/l16", 8000, 1),
        ] {
            var messages = TwilioMessages()
            var session = TwilioMediaStreamSession()
            do {
                _ = try session.receive(text: messages.start(encoding: encoding, rate: rate, channels: channels))
                Issue.record("\(encoding) \(rate) \(channels) must be refused")
            } catch {
                guard case .unsupportedMedia(let reason) = error else {
                    Issue.record("expected unsupportedMedia, got \(error)")
                    continue
                }
                #expect(reason.hasPrefix("\(encoding) at \(rate) Hz with \(channels) channel(s)"))
                #expect(error.closeCode == .unsupportedData)
            }
        }
    }

    @Test("an oversized message or chunk is too big (1009)")
    func oversize() throws {
        var session = TwilioMediaStreamSession(configuration: TwilioMediaStreamConfiguration(maxMessageBytes: 1024))
        let big = "{\"event\":\"media\",\"pad\":\"" + String(repeating: "x", count: 2000) + "\"}"
        expectError(.tooBig(size: big.utf8.count, limit: 1024), code: .messageTooBig) { _ = try session.receive(text: big) }

        var messages = TwilioMessages()
        session = TwilioMediaStreamSession(configuration: TwilioMediaStreamConfiguration(maxChunkBytes: 320))
        _ = try session.receive(text: messages.start())
        expectError(.tooBig(size: 480, limit: 320), code: .messageTooBig) {
            _ = try session.receive(text: messages.media(at: 0, samples: Array(repeating: 0xFF, count: 480)))
        }
    }

    @Test("unknown events are ignored by default and refused when configured (1003); a binary frame is refused")
    func unknownAndBinary() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start())
        let unknownNumber = messages.next()
        let ignored = try session.receive(
            text: messages.json(["event": "transcription", "sequenceNumber": unknownNumber, "streamSid": messages.streamSid]))
        #expect(ignored == [.notice("ignored Twilio message with unknown event \"transcription\"")])
        // It kept its place in the sequence.
        #expect(try session.receive(text: messages.media(at: 0, samples: [0xFF])).isEmpty)

        messages = TwilioMessages()
        session = TwilioMediaStreamSession(configuration: TwilioMediaStreamConfiguration(unknownEvents: .reject))
        _ = try session.receive(text: messages.start())
        let rejectedNumber = messages.next()
        expectError(.unknownMessageType("transcription"), code: .unsupportedData) {
            _ = try session.receive(text: messages.json(["event": "transcription", "sequenceNumber": rejectedNumber]))
        }

        session = TwilioMediaStreamSession()
        expectError(.unsupportedFrame("Twilio Media Streams sends text messages only; received a binary frame of 3 bytes"), code: .unsupportedData) {
            _ = try session.receive(binary: [1, 2, 3])
        }
    }

    @Test("after an error: the audio held and call_ended, then the close with the error's code and reason")
    func terminate() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start(tracks: ["inbound"]))
        _ = try session.receive(text: messages.media(at: 0, samples: Array(repeating: 0xFF, count: 160)))
        messages.sequence += 3
        var caught: AdapterError?
        do {
            _ = try session.receive(text: messages.media(at: 20, samples: [0xFF]))
        } catch {
            caught = error
        }
        let error = try #require(caught)
        let outputs = session.terminate(with: error)
        #expect(outputs.events.count == 2)
        #expect(outputs.events.last == .callEnded(CallEnded(callID: messages.callSid, at: 20)))
        #expect(outputs.close == AdapterClose(code: .policyViolation, reason: "sequence gap: expected 3, received 6 (messages were lost)"))
        #expect(session.connectionClosed().isEmpty)

        // Refusing the token: the server terminates with `unauthorized` before ingesting anything.
        messages = TwilioMessages()
        session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start(parameters: ["token": "wrong", "customer": "c", "queue": "q"]))
        #expect(session.token == "wrong")
        let refused = session.terminate(with: .unauthorized("unknown API key"))
        #expect(refused.close == AdapterClose(code: .policyViolation, reason: "unauthorized: unknown API key"))
    }

    @Test("a dropped connection ends the call; close reasons fit in a close frame")
    func droppedConnection() throws {
        var messages = TwilioMessages()
        var session = TwilioMediaStreamSession()
        _ = try session.receive(text: messages.start())
        #expect(session.connectionClosed() == [.callEnded(CallEnded(callID: messages.callSid, at: 0))])
        #expect(session.phase == .failed)

        let long = AdapterClose(.invalidMessage(String(repeating: "é", count: 200)))
        #expect(long.reason.utf8.count <= 123)
        #expect(long.reason.hasSuffix("..."))
        #expect(AdapterError.invalidMessage("x").statusCode == 400)
        #expect(AdapterError.tooBig(size: 2, limit: 1).statusCode == 413)
    }
}

private func audioFrames(_ outputs: [AdapterOutput]) -> [AudioFrame] {
    outputs.events.compactMap {
        if case .audio(let frame) = $0 { return frame }
        return nil
    }
}
