import Foundation
import Testing
import UndertoneEngine

@testable import UndertoneServer

/// Messages compared by content, whatever their key order.
extension JSONValue {
    static func parse(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}

/// Builds AudioHook client messages as Genesys Cloud writes them, numbering them as it goes.
private struct AudioHookClient {
    var id = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9"
    var organizationId = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
    var conversationId = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
    var seq = 0
    var serverseq = 0

    static var stereo: [String: Any] { ["type": "audio", "format": "PCMU", "channels": ["external", "internal"], "rate": 8000] }
    static var external: [String: Any] { ["type": "audio", "format": "PCMU", "channels": ["external"], "rate": 8000] }
    static var `internal`: [String: Any] { ["type": "audio", "format": "PCMU", "channels": ["internal"], "rate": 8000] }

    var upgrade: AudioHookUpgrade { AudioHookUpgrade(apiKey: "key-1", organizationId: organizationId, sessionId: id) }

    mutating func message(_ type: String, position: String = "PT0S", _ parameters: [String: Any] = [:]) -> String {
        seq += 1
        let object: [String: Any] = [
            "version": "2", "id": id, "type": type, "seq": seq, "serverseq": serverseq, "position": position, "parameters": parameters,
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    mutating func open(media: [[String: Any]] = [stereo, external, `internal`], extra: [String: Any] = [:]) -> String {
        var parameters: [String: Any] = [
            "organizationId": organizationId, "conversationId": conversationId,
            "participant": ["id": "6f5e4d3c-2b1a-4098-b7a6-958473625140", "ani": "+15125550147", "aniName": "Sam Lee", "dnis": "+18885550100"],
            "media": media, "language": "en-US",
        ]
        parameters.merge(extra) { $1 }
        return message("open", parameters)
    }
}

/// Opens a session with the given offers and returns it with its client.
private func openedSession(
    configuration: AudioHookConfiguration = AudioHookConfiguration(), media: [[String: Any]] = [AudioHookClient.stereo]
) throws -> (AudioHookSession, AudioHookClient) {
    var client = AudioHookClient()
    var session = AudioHookSession(configuration: configuration, upgrade: client.upgrade)
    _ = try session.receive(text: client.open(media: media))
    client.serverseq = 1
    return (session, client)
}

private func expectError(
    _ expected: AdapterError, code: WebSocketCloseCode, status: Int, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected \(expected)", sourceLocation: sourceLocation)
    } catch let error as AdapterError {
        #expect(error == expected, sourceLocation: sourceLocation)
        #expect(error.closeCode == code, sourceLocation: sourceLocation)
        #expect(error.statusCode == status, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(expected), got \(error)", sourceLocation: sourceLocation)
    }
}

private func frames(_ outputs: [AdapterOutput]) -> [AudioFrame] {
    outputs.events.compactMap {
        if case .audio(let frame) = $0 { return frame }
        return nil
    }
}

@Suite("AudioHook")
struct AudioHookTests {
    @Test("a whole session from the fixture: open/opened, ping/pong, audio, pause, resume, update, close/closed")
    func wholeSession() throws {
        let fixture = try JSONValue.parse(try fixtureText("AudioHook/session.json"))
        guard case .object(let headerValues)? = fixture["headers"], case .array(let steps)? = fixture["steps"] else {
            Issue.record("fixture shape")
            return
        }
        let headers = headerValues.compactMap { name, value in
            if case .string(let text) = value { return (name: name, value: text) }
            return nil
        }
        var session = AudioHookSession(upgrade: AudioHookUpgrade(headers: headers))
        #expect(session.apiKey == "ut_live_genesys_4fK9pQ")
        var outputs: [AdapterOutput] = []
        var sentChecked = 0
        var binaries: [[UInt8]] = []
        for step in steps {
            if let client = step["client"] {
                outputs += try session.receive(text: client.serialized())
            } else if case .string(let base64)? = step["binary"] {
                let bytes = [UInt8](try #require(Data(base64Encoded: base64)))
                binaries.append(bytes)
                outputs += try session.receive(binary: bytes)
            } else if let expected = step["server"] {
                let sent = outputs.messages
                #expect(sent.count == sentChecked + 1, "one reply per expected server message")
                if sent.count > sentChecked {
                    #expect(try JSONValue.parse(sent[sentChecked]) == expected)
                }
                sentChecked = sent.count
            }
        }
        #expect(outputs.messages.count == sentChecked)
        #expect(session.phase == .closed)
        #expect(session.language == "es-US")
        #expect(session.selectedMedia == AudioHookMedia(channels: [.external, .internal]))
        #expect(outputs.close == nil)

        let events = outputs.events
        #expect(
            events.first
                == .callStarted(
                    CallStarted(
                        callID: "c0a8e4b2-1d3f-4e5a-9b7c-6d8e0f2a4b6c", channel: .voice, customerID: "cust-4410", queue: "billing", language: "en-US",
                        industry: "ecommerce", team: "billing-west")))
        let audio = frames(outputs)
        #expect(audio.map(\.at) == [0, 0, 100, 100, 1200, 1200])
        #expect(audio.map(\.track) == [.customer, .agent, .customer, .agent, .customer, .agent])
        #expect(audio.allSatisfy { $0.samples.count == 800 && $0.encoding == .pcmu && $0.sampleRate == 8000 })
        // De-interleaved: even bytes are the external channel, odd bytes the internal one.
        #expect(audio[0].samples == stride(from: 0, to: 1600, by: 2).map { binaries[0][$0] })
        #expect(audio[5].samples == stride(from: 1, to: 1600, by: 2).map { binaries[2][$0] })
        #expect(events.last == .callEnded(CallEnded(callID: "c0a8e4b2-1d3f-4e5a-9b7c-6d8e0f2a4b6c", at: 1300)))
        #expect(outputs.contains(.notice("AudioHook conversation language is now es-US")))
        for event in events { try event.validate() }
        #expect(session.connectionClosed().isEmpty)
    }

    @Test("a 440 Hz tone on the external channel decodes back to the tone; the internal channel stays silent")
    func toneRoundTrip() throws {
        var (session, _) = try openedSession()
        let original = tone(samples: 1600)
        let external = G711.MuLaw.encode(original)
        let silence = G711.MuLaw.encode(Int16(0))
        var interleaved: [UInt8] = []
        for sample in external { interleaved += [sample, silence] }
        let audio = frames(try session.receive(binary: interleaved))
        #expect(audio.count == 2)
        let customer = try #require(audio.first { $0.track == .customer })
        let agent = try #require(audio.first { $0.track == .agent })
        let decoded = G711.MuLaw.decode(customer.samples)
        #expect(zip(original, decoded).allSatisfy { abs(Int($0) - Int($1)) <= 256 })
        #expect(G711.MuLaw.decode(agent.samples).allSatisfy { $0 == 0 })
        #expect(customer.durationMs == 200)
        #expect(session.positionMs == 200)
    }

    @Test("media choice: stereo first, then external alone, then internal alone; the channel order is the client's")
    func mediaChoice() throws {
        var (mono, _) = try openedSession(media: [AudioHookClient.internal, AudioHookClient.external])
        #expect(mono.selectedMedia == AudioHookMedia(channels: [.external]))
        #expect(frames(try mono.receive(binary: [1, 2, 3])).map(\.track) == [.customer])

        var (internalOnly, _) = try openedSession(media: [AudioHookClient.internal])
        #expect(frames(try internalOnly.receive(binary: [1, 2])).map(\.track) == [.agent])

        let inverted: [String: Any] = ["type": "audio", "format": "PCMU", "channels": ["internal", "external"], "rate": 8000]
        var (swapped, _) = try openedSession(media: [AudioHookClient.external, inverted])
        #expect(swapped.selectedMedia == AudioHookMedia(channels: [.internal, .external]))
        let audio = frames(try swapped.receive(binary: [10, 20, 11, 21]))
        #expect(audio.first { $0.track == .agent }?.samples == [10, 11])
        #expect(audio.first { $0.track == .customer }?.samples == [20, 21])

        var client = AudioHookClient()
        var session = AudioHookSession(upgrade: client.upgrade)
        let l16: [String: Any] = ["type": "audio", "format": "L16", "channels": ["external", "internal"], "rate": 8000]
        let sent = try session.receive(text: client.open(media: [l16, AudioHookClient.external])).messages
        #expect(
            try JSONValue.parse(sent[0])["parameters"]?["media"]
                == JSONValue.parse(#"[{"type":"audio","format":"PCMU","channels":["external"],"rate":8000}]"#))
    }

    @Test("opened reports supported languages when asked, and can start paused")
    func openedOptions() throws {
        var client = AudioHookClient()
        var session = AudioHookSession(
            configuration: AudioHookConfiguration(supportedLanguages: ["en-US", "es-US"], startPaused: true), upgrade: client.upgrade)
        let sent = try session.receive(text: client.open(extra: ["supportedLanguages": true])).messages
        let opened = try JSONValue.parse(sent[0])
        #expect(opened["parameters"]?["supportedLanguages"] == .array([.string("en-US"), .string("es-US")]))
        #expect(opened["parameters"]?["startPaused"] == .bool(true))
    }

    @Test("a connection probe (null conversation id) opens and closes without call events")
    func probe() throws {
        var client = AudioHookClient()
        client.conversationId = "00000000-0000-0000-0000-000000000000"
        var session = AudioHookSession(upgrade: client.upgrade)
        let opened = try session.receive(text: client.open(media: []))
        #expect(opened.events.isEmpty)
        #expect(try JSONValue.parse(opened.messages[0])["parameters"]?["media"] == .array([]))
        client.serverseq = 1
        let closed = try session.receive(text: client.message("close", ["reason": "end"]))
        #expect(closed.events.isEmpty)
        #expect(try JSONValue.parse(closed.messages[0])["type"] == .string("closed"))
        #expect(session.callID == nil)
    }

    @Test("the server pauses and resumes; audio skipped while paused moves the position on")
    func serverPauseResume() throws {
        var (session, client) = try openedSession()
        _ = try session.receive(binary: Array(repeating: 0xFF, count: 1600))
        let pause = session.pause()
        let pauseMessage = try JSONValue.parse(try #require(pause.messages.first))
        #expect(pauseMessage["type"] == .string("pause"))
        #expect(pauseMessage["seq"] == .number(2))
        #expect(pauseMessage["clientseq"] == .number(1))
        client.serverseq = 2
        #expect(try session.receive(text: client.message("paused", position: "PT0.1S")).isEmpty)
        #expect(session.phase == .paused)
        #expect(session.pause().isEmpty)
        expectError(.unexpectedMessage("audio while the stream is paused"), code: .policyViolation, status: 409) {
            _ = try session.receive(binary: [0xFF, 0xFF])
        }
        let resume = session.resume()
        #expect(try JSONValue.parse(try #require(resume.messages.first))["type"] == .string("resume"))
        client.serverseq = 3
        _ = try session.receive(text: client.message("resumed", position: "PT2.6S", ["start": "PT0.1S", "discarded": "PT2.5S"]))
        #expect(session.phase == .active)
        #expect(session.positionMs == 2600)
        #expect(frames(try session.receive(binary: [0xFF, 0xFF])).map(\.at) == [2600, 2600])
        _ = try session.receive(text: client.message("discarded", position: "PT3S", ["start": "PT2.6S", "discarded": "PT0.375S"]))
        #expect(session.positionMs == 2975)
    }

    @Test("the server disconnects: the call ends, the client closes, awaitingClose says how to close otherwise")
    func serverDisconnect() throws {
        var (session, client) = try openedSession()
        let outputs = session.disconnect(reason: .completed, info: "analysis finished")
        #expect(outputs.events == [.callEnded(CallEnded(callID: client.conversationId, at: 0))])
        let message = try JSONValue.parse(try #require(outputs.messages.first))
        #expect(message["type"] == .string("disconnect"))
        #expect(message["parameters"] == .object(["reason": .string("completed"), "info": .string("analysis finished")]))
        #expect(session.phase == .disconnecting)
        #expect(session.awaitingClose == AdapterClose(code: .normal, reason: "analysis finished"))
        client.serverseq = 2
        #expect(try session.receive(binary: [1, 2]).isEmpty)
        let pong = try session.receive(text: client.message("ping"))
        #expect(try JSONValue.parse(pong.messages[0])["type"] == .string("pong"))
        let closed = try session.receive(text: client.message("close", ["reason": "disconnect"]))
        #expect(closed.events.isEmpty)
        #expect(try JSONValue.parse(closed.messages[0])["type"] == .string("closed"))
        #expect(closed.contains(.notice("AudioHook session closed by the client, reason \"disconnect\"")))
        #expect(session.phase == .closed)
        expectError(.unexpectedMessage("a message after \"closed\""), code: .policyViolation, status: 409) {
            _ = try session.receive(text: client.message("ping"))
        }
    }

    @Test("upgrade headers are read whatever their case; a signed request is noticed")
    func upgradeHeaders() {
        let upgrade = AudioHookUpgrade(headers: [
            (name: "x-api-key", value: "k-1"), (name: "AUDIOHOOK-ORGANIZATION-ID", value: "org"), (name: "Audiohook-Session-Id", value: "s"),
            (name: "Audiohook-Correlation-Id", value: "c"), (name: "Signature", value: "sig1=:abc=:"), (name: "Signature-Input", value: "sig1=()"),
            (name: "X-API-KEY", value: "second"),
        ])
        #expect(upgrade == AudioHookUpgrade(apiKey: "k-1", organizationId: "org", sessionId: "s", correlationId: "c", isSigned: true))
        #expect(AudioHookUpgrade(headers: [(name: "X-API-KEY", value: "k")]).isSigned == false)
    }

    // MARK: Errors

    @Test("malformed JSON: disconnect with reason error, then close with 1007 if the client does not")
    func malformed() throws {
        var (session, client) = try openedSession()
        var caught: AdapterError?
        do {
            _ = try session.receive(text: "{\"version\": \"2\", ")
        } catch {
            caught = error
        }
        let error = try #require(caught)
        #expect(error == .malformedJSON("the message is not valid JSON"))
        #expect(error.statusCode == 400 && error.closeCode == .invalidPayload)
        let outputs = session.terminate(with: error)
        #expect(outputs.events == [.callEnded(CallEnded(callID: client.conversationId, at: 0))])
        let disconnect = try JSONValue.parse(try #require(outputs.messages.first))
        #expect(disconnect["type"] == .string("disconnect"))
        #expect(disconnect["parameters"]?["reason"] == .string("error"))
        #expect(disconnect["parameters"]?["info"] == .string("400 malformed JSON: the message is not valid JSON"))
        #expect(disconnect["clientseq"] == .number(1))
        #expect(outputs.close == nil)
        #expect(session.awaitingClose == AdapterClose(code: .invalidPayload, reason: "malformed JSON: the message is not valid JSON"))
        // The client's close may skip the number of the message that could not be read.
        client.seq += 1
        client.serverseq = 2
        let closed = try session.receive(text: client.message("close", ["reason": "disconnect"]))
        #expect(try JSONValue.parse(closed.messages[0])["clientseq"] == .number(3))
    }

    @Test("sequence: a gap, a duplicate, one out of order (409, 1008); serverseq ahead of the server (400)")
    func sequence() throws {
        var (session, client) = try openedSession()
        client.seq += 1
        expectError(.sequenceGap(expected: 2, received: 3), code: .policyViolation, status: 409) {
            _ = try session.receive(text: client.message("ping"))
        }

        (session, client) = try openedSession()
        let ping = client.message("ping")
        _ = try session.receive(text: ping)
        expectError(.duplicateSequence(2), code: .policyViolation, status: 409) { _ = try session.receive(text: ping) }

        (session, client) = try openedSession()
        _ = try session.receive(text: client.message("ping"))
        _ = try session.receive(text: client.message("ping"))
        client.seq = 1
        expectError(.sequenceOutOfOrder(expected: 4, received: 2), code: .policyViolation, status: 409) {
            _ = try session.receive(text: client.message("ping"))
        }

        (session, client) = try openedSession()
        client.serverseq = 5
        expectError(.invalidMessage("ping: \"serverseq\" is 5 but the server has sent only 1"), code: .invalidPayload, status: 400) {
            _ = try session.receive(text: client.message("ping"))
        }

        client = AudioHookClient()
        client.seq = 1
        var fresh = AudioHookSession(upgrade: client.upgrade)
        expectError(.sequenceGap(expected: 1, received: 2), code: .policyViolation, status: 409) { _ = try fresh.receive(text: client.open()) }
    }

    @Test("the wrong order: audio before open, a second open, paused before open")
    func wrongOrder() throws {
        var client = AudioHookClient()
        var session = AudioHookSession(upgrade: client.upgrade)
        expectError(.unexpectedMessage("audio before \"opened\""), code: .policyViolation, status: 409) {
            _ = try session.receive(binary: [0xFF, 0xFF])
        }
        expectError(.unexpectedMessage("\"paused\" before \"opened\""), code: .policyViolation, status: 409) {
            _ = try session.receive(text: client.message("paused"))
        }
        (session, client) = try openedSession()
        expectError(.unexpectedMessage("a second \"open\""), code: .policyViolation, status: 409) { _ = try session.receive(text: client.open()) }
    }

    @Test("ids: a message id other than the session's, an organisation other than the request's, an id that is not a UUID")
    func mismatches() throws {
        var (session, client) = try openedSession()
        client.id = "99999999-8888-4777-a666-555555555555"
        expectError(
            .sessionMismatch("\"id\" is 99999999-8888-4777-a666-555555555555 but the session is 1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9"),
            code: .policyViolation, status: 400
        ) { _ = try session.receive(text: client.message("ping")) }

        client = AudioHookClient()
        session = AudioHookSession(upgrade: AudioHookUpgrade(organizationId: "11111111-2222-4333-8444-555555555555"))
        expectError(
            .sessionMismatch(
                "\"organizationId\" is 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 but the request came for 11111111-2222-4333-8444-555555555555"),
            code: .policyViolation, status: 400
        ) { _ = try session.receive(text: client.open()) }

        client = AudioHookClient()
        client.id = "not-a-uuid"
        session = AudioHookSession()
        expectError(.invalidMessage("open: \"id\" must be a UUID"), code: .invalidPayload, status: 400) {
            _ = try session.receive(text: client.open())
        }
    }

    @Test("unsupported: media other than PCMU 8 kHz (415), protocol version other than 2, unknown message types (405)")
    func unsupported() throws {
        var client = AudioHookClient()
        var session = AudioHookSession(upgrade: client.upgrade)
        let wideband: [String: Any] = ["type": "audio", "format": "PCMU", "channels": ["external"], "rate": 16000]
        let l16: [String: Any] = ["type": "audio", "format": "L16", "channels": ["external"], "rate": 8000]
        expectError(
            .unsupportedMedia("offered PCMU/16000/external, L16/8000/external; Undertone takes PCMU at 8000 Hz"), code: .unsupportedData, status: 415
        ) { _ = try session.receive(text: client.open(media: [wideband, l16])) }

        client = AudioHookClient()
        session = AudioHookSession(upgrade: client.upgrade)
        let version1 = client.open().replacingOccurrences(of: #""version":"2""#, with: #""version":"1""#)
        expectError(.unsupportedVersion("\"1\"; this server speaks AudioHook version 2"), code: .unsupportedData, status: 400) {
            _ = try session.receive(text: version1)
        }

        var (opened, openedClient) = try openedSession()
        expectError(.unknownMessageType("dtmf"), code: .unsupportedData, status: 405) {
            _ = try opened.receive(text: openedClient.message("dtmf", ["digit": "4"]))
        }
        (opened, openedClient) = try openedSession(configuration: AudioHookConfiguration(unknownMessages: .ignore))
        #expect(
            try opened.receive(text: openedClient.message("dtmf", ["digit": "4"])) == [.notice("ignored AudioHook message of unknown type \"dtmf\"")])
    }

    @Test("frames: empty, ragged for two channels, over the bound; messages over the bound")
    func frameSizes() throws {
        var (session, client) = try openedSession(configuration: AudioHookConfiguration(maxMessageBytes: 2048, maxFrameBytes: 3200))
        expectError(.invalidAudio("an empty audio frame"), code: .invalidPayload, status: 400) { _ = try session.receive(binary: []) }
        expectError(.invalidAudio("a frame of 3 bytes does not hold whole samples for 2 channels"), code: .invalidPayload, status: 400) {
            _ = try session.receive(binary: [1, 2, 3])
        }
        expectError(.tooBig(size: 3202, limit: 3200), code: .messageTooBig, status: 413) {
            _ = try session.receive(binary: Array(repeating: 0xFF, count: 3202))
        }
        let big = client.message("update", ["language": "en-US", "padding": String(repeating: "x", count: 3000)])
        expectError(.tooBig(size: big.utf8.count, limit: 2048), code: .messageTooBig, status: 413) { _ = try session.receive(text: big) }
    }

    @Test("bad fields: position, resumed going back, missing parameters, a participant that is not an object")
    func badFields() throws {
        var (session, client) = try openedSession()
        expectError(.invalidMessage("ping: \"position\" must be a duration such as \"PT1.5S\""), code: .invalidPayload, status: 400) {
            _ = try session.receive(text: client.message("ping", position: "1.5 seconds"))
        }
        (session, client) = try openedSession()
        _ = try session.receive(binary: Array(repeating: 0xFF, count: 1600))
        expectError(.invalidMessage("resumed: audio resumed up to 50 ms, before the 100 ms already received"), code: .invalidPayload, status: 400) {
            _ = try session.receive(text: client.message("resumed", ["start": "PT0S", "discarded": "PT0.05S"]))
        }
        (session, client) = try openedSession()
        expectError(.invalidMessage("update: missing \"parameters.language\""), code: .invalidPayload, status: 400) {
            _ = try session.receive(text: client.message("update"))
        }
        client = AudioHookClient()
        session = AudioHookSession(upgrade: client.upgrade)
        var open = client.open()
        open = open.replacingOccurrences(of: #""participant":{"#, with: #""participant":"none","ignored":{"#)
        expectError(.invalidMessage("open: \"parameters.participant\" must be an object"), code: .invalidPayload, status: 400) {
            _ = try session.receive(text: open)
        }
    }

    @Test("the client's own error and close reasons are passed on as notices")
    func clientErrors() throws {
        var (session, client) = try openedSession()
        let outputs = try session.receive(text: client.message("error", ["code": 409, "message": "Unexpected 'pong'"]))
        #expect(outputs == [.notice("AudioHook client error 409: Unexpected 'pong'")])
    }

    @Test("refused credentials: disconnect with reason unauthorized; no session id: close at once")
    func unauthorized() throws {
        var (session, _) = try openedSession()
        let outputs = session.terminate(with: .unauthorized("unknown API key"))
        let message = try JSONValue.parse(try #require(outputs.messages.first))
        #expect(message["parameters"]?["reason"] == .string("unauthorized"))
        #expect(message["parameters"]?["info"] == .string("401 unauthorized: unknown API key"))
        #expect(session.awaitingClose?.code == .policyViolation)

        var anonymous = AudioHookSession()
        let closing = anonymous.terminate(with: .malformedJSON("the message is not valid JSON"))
        #expect(closing == [.close(AdapterClose(code: .invalidPayload, reason: "malformed JSON: the message is not valid JSON"))])
        #expect(anonymous.phase == .failed)

        // A second error while waiting for close closes at once.
        var (ending, _) = try openedSession()
        _ = ending.terminate(with: .invalidAudio("an empty audio frame"))
        let second = ending.terminate(with: .sequenceGap(expected: 3, received: 9))
        #expect(second == [.close(AdapterClose(code: .policyViolation, reason: "sequence gap: expected 3, received 9 (messages were lost)"))])
    }

    @Test("a dropped connection ends the call once")
    func droppedConnection() throws {
        var (session, client) = try openedSession()
        _ = try session.receive(binary: Array(repeating: 0xFF, count: 800))
        #expect(session.connectionClosed() == [.callEnded(CallEnded(callID: client.conversationId, at: 50))])
        #expect(session.connectionClosed().isEmpty)
        #expect(session.phase == .failed)
    }
}
