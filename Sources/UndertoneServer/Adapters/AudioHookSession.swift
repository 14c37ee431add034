import Foundation
import UndertoneEngine

/// How an AudioHook session maps onto call events.
public struct AudioHookConfiguration: Sendable, Equatable {
    /// Whose voice the external channel carries (`customer`).
    public var externalSpeaker: SpeakerRole
    /// Whose voice the internal channel carries (`agent`).
    public var internalSpeaker: SpeakerRole
    /// The queue when `customConfig` names none (AudioHook's `open` carries no queue of its own).
    public var defaultQueue: String
    /// The largest text message accepted, in bytes of UTF-8 (the protocol's own limit is 64 KiB).
    public var maxMessageBytes: Int
    /// The largest binary audio frame accepted, in bytes (one byte a sample and channel: 16 000 is one second of stereo).
    public var maxFrameBytes: Int
    /// What to do with a message type the protocol does not define.
    public var unknownMessages: UnknownMessagePolicy
    /// The languages to report when `open` asks for them (`supportedLanguages: true`).
    public var supportedLanguages: [String]
    /// Whether the client should start the stream paused.
    public var startPaused: Bool

    public init(
        externalSpeaker: SpeakerRole = .customer, internalSpeaker: SpeakerRole = .agent, defaultQueue: String = "audiohook",
        maxMessageBytes: Int = 65_536,
        maxFrameBytes: Int = 64_000, unknownMessages: UnknownMessagePolicy = .reject, supportedLanguages: [String] = [], startPaused: Bool = false
    ) {
        self.externalSpeaker = externalSpeaker
        self.internalSpeaker = internalSpeaker
        self.defaultQueue = defaultQueue
        self.maxMessageBytes = maxMessageBytes
        self.maxFrameBytes = maxFrameBytes
        self.unknownMessages = unknownMessages
        self.supportedLanguages = supportedLanguages
        self.startPaused = startPaused
    }

    func speaker(for channel: AudioHookChannel) -> SpeakerRole {
        channel == .external ? externalSpeaker : internalSpeaker
    }
}

/// What the client's `open` said: the conversation, the participant and the rest of its parameters.
public struct AudioHookOpen: Sendable, Equatable {
    public var organizationId: String
    public var conversationId: String
    /// The participant's id, caller number (ANI), caller name and dialled number (DNIS).
    public var participantId: String
    public var ani: String
    public var aniName: String
    public var dnis: String
    /// The media formats offered, in the client's order of preference.
    public var media: [AudioHookMedia]
    public var language: String?
    /// The integration's custom configuration, its string values only (other values are left out).
    public var customConfig: [String: String]

    /// A connection probe (Genesys Cloud testing the integration) has the null UUID for a conversation.
    public var isProbe: Bool { conversationId == AudioHookSession.nullUUID }
}

/// One Genesys Cloud AudioHook (protocol version 2) WebSocket, read message by message into call events.
///
/// The client (Genesys Cloud) sends JSON text messages — `open`, `ping`, `paused`, `resumed`, `discarded`, `update`,
/// `error`, `close` — each with `version` "2", the session `id`, its own `seq` (1, then one more each time), the last
/// `serverseq` it saw and its stream `position`; and binary frames of PCMU audio, both channels interleaved when the
/// chosen format has two. The server answers with `opened`, `pong` and `closed`, and may send `pause`, `resume` and
/// `disconnect`; each carries the server's own `seq` and the last client `seq` as `clientseq`.
///
/// Credentials come with the upgrade request (`AudioHookUpgrade`): the server checks `X-API-KEY` before upgrading, or
/// after `open` with `disconnect(reason: .unauthorized)`. After any error `receive` throws, it calls
/// `terminate(with:)`: the session sends `disconnect` and waits for the client's `close`; `awaitingClose` says how to
/// close the socket if the client has not within a few seconds. When the WebSocket closes it ingests
/// `connectionClosed()`. `docs/telephony.md` has the mapping and the errors.
public struct AudioHookSession: Sendable {
    /// Where the session is.
    public enum Phase: Sendable, Equatable {
        /// Before `open`.
        case awaitingOpen
        /// Opened; audio flows.
        case active
        /// The client paused the stream (`paused`): no audio until `resumed`.
        case paused
        /// The server sent `disconnect` and waits for the client's `close`.
        case disconnecting
        /// The close transaction is done (`closed` sent): the client closes the connection.
        case closed
        /// An error ended the session without a close transaction: the server closes the connection.
        case failed
    }

    /// The protocol version spoken.
    public static let version = "2"
    static let nullUUID = "00000000-0000-0000-0000-000000000000"
    static let clientMessageTypes: Set<String> = ["open", "ping", "paused", "resumed", "discarded", "update", "error", "close"]

    public let configuration: AudioHookConfiguration
    /// What the upgrade request carried, if the server passed it.
    public let upgrade: AudioHookUpgrade?
    public private(set) var phase: Phase = .awaitingOpen
    /// The session's id: from the upgrade request, or from the first message.
    public private(set) var sessionId: String?
    /// What `open` said, once it has come.
    public private(set) var open: AudioHookOpen?
    /// The media format chosen in `opened`.
    public private(set) var selectedMedia: AudioHookMedia?
    /// The conversation's language: `open`'s, then the last `update`'s.
    public private(set) var language: String?
    /// The call id the events carry (the conversation id), once a conversation (not a probe) has opened.
    public private(set) var callID: String?
    /// Where the stream is, in samples a channel since it started: audio received, plus audio the client reported
    /// discarded or skipped while paused.
    public private(set) var positionSamples = 0
    /// After the server sent `disconnect`: how to close the WebSocket if the client has not closed the session in time.
    public private(set) var awaitingClose: AdapterClose?
    /// The API key from `X-API-KEY`, for the server to check.
    public var apiKey: String? { upgrade?.apiKey }
    /// The stream position in milliseconds.
    public var positionMs: Int { positionSamples / 8 }

    private var clientSeq = 0
    private var serverSeq = 0
    private var callEnded = false

    public init(configuration: AudioHookConfiguration = AudioHookConfiguration(), upgrade: AudioHookUpgrade? = nil) {
        self.configuration = configuration
        self.upgrade = upgrade
        sessionId = upgrade?.sessionId
    }

    // MARK: Receiving

    /// Reads one text message and returns what to do, in order.
    public mutating func receive(text: String) throws(AdapterError) -> [AdapterOutput] {
        guard phase != .failed else { throw .unexpectedMessage("the session has already failed") }
        guard phase != .closed else { throw .unexpectedMessage("a message after \"closed\"") }
        let size = text.utf8.count
        guard size <= configuration.maxMessageBytes else { throw .tooBig(size: size, limit: configuration.maxMessageBytes) }
        let object = try JSONValue.parseObject(text)
        let base = JSONFields(object, message: "message")
        let type = try base.string("type")
        let fields = JSONFields(object, message: type)
        let version = try fields.string("version")
        guard version == Self.version else { throw .unsupportedVersion("\"\(version)\"; this server speaks AudioHook version \(Self.version)") }
        try checkSequence(try fields.integer("seq"))
        let id = try fields.string("id")
        guard Self.isUUID(id) else { throw fields.failure("\"id\" must be a UUID") }
        if let sessionId, sessionId.lowercased() != id.lowercased() {
            throw .sessionMismatch("\"id\" is \(id) but the session is \(sessionId)")
        }
        sessionId = id
        let serverseq = try fields.integer("serverseq")
        guard serverseq <= serverSeq else { throw fields.failure("\"serverseq\" is \(serverseq) but the server has sent only \(serverSeq)") }
        guard let position = AudioHookDuration.samples(try fields.string("position")) else {
            throw fields.failure("\"position\" must be a duration such as \"PT1.5S\"")
        }
        let parameters = try fields.optionalObject("parameters") ?? JSONFields([:], message: type, path: "parameters.")

        if phase == .disconnecting {
            // Waiting for `close`: anything else the client had in flight is let through quietly.
            switch type {
            case "close": return close(parameters, position: position)
            case "ping": return [.send(message("pong"))]
            default: return [.notice("AudioHook \"\(type)\" while waiting for close, ignored")]
            }
        }
        switch type {
        case "open": return try open(parameters)
        case "ping": return [.send(message("pong"))]
        case "close": return close(parameters, position: position)
        case "error":
            let code = try parameters.optionalInteger("code").map(String.init) ?? "?"
            return [.notice("AudioHook client error \(code): \(try parameters.optionalString("message") ?? "")")]
        default: break
        }
        guard Self.clientMessageTypes.contains(type) else {
            switch configuration.unknownMessages {
            case .reject: throw .unknownMessageType(type)
            case .ignore: return [.notice("ignored AudioHook message of unknown type \"\(type)\"")]
            }
        }
        guard phase == .active || phase == .paused else { throw .unexpectedMessage("\"\(type)\" before \"opened\"") }
        switch type {
        case "paused":
            phase = .paused
            return []
        case "resumed":
            try skip(to: parameters, what: "resumed")
            phase = .active
            return []
        case "discarded":
            try skip(to: parameters, what: "discarded")
            return []
        default:  // "update"
            let language = try parameters.string("language")
            self.language = language
            return [.notice("AudioHook conversation language is now \(language)")]
        }
    }

    /// Reads one binary frame of audio: PCMU, the chosen channels interleaved sample by sample.
    public mutating func receive(binary: [UInt8]) throws(AdapterError) -> [AdapterOutput] {
        switch phase {
        case .active: break
        case .disconnecting: return []
        case .awaitingOpen: throw .unexpectedMessage("audio before \"opened\"")
        case .paused: throw .unexpectedMessage("audio while the stream is paused")
        case .closed, .failed: throw .unexpectedMessage("audio after the session ended")
        }
        guard let media = selectedMedia else { throw .unexpectedMessage("audio in a session without media") }
        guard !binary.isEmpty else { throw .invalidAudio("an empty audio frame") }
        guard binary.count <= configuration.maxFrameBytes else { throw .tooBig(size: binary.count, limit: configuration.maxFrameBytes) }
        let channels = media.channels.count
        guard binary.count % channels == 0 else {
            throw .invalidAudio("a frame of \(binary.count) bytes does not hold whole samples for \(channels) channels")
        }
        let at = positionMs
        positionSamples += binary.count / channels
        guard let callID else { return [] }
        return media.channels.enumerated().map { offset, channel in
            let samples = channels == 1 ? binary : stride(from: offset, to: binary.count, by: channels).map { binary[$0] }
            return .event(
                .audio(
                    AudioFrame(
                        callID: callID, at: at, track: configuration.speaker(for: channel), encoding: .pcmu, sampleRate: 8000, samples: samples)))
        }
    }

    // MARK: Server-initiated

    /// Asks the client to pause the stream; it answers `paused`. Nothing to send unless the stream is flowing.
    public mutating func pause() -> [AdapterOutput] {
        phase == .active ? [.send(message("pause"))] : []
    }

    /// Asks the client to resume a paused stream; it answers `resumed`.
    public mutating func resume() -> [AdapterOutput] {
        phase == .active || phase == .paused ? [.send(message("resume"))] : []
    }

    /// Asks the client to end the session (`disconnect`): the call ends here, and the client is expected to answer
    /// with `close`. `unauthorized` is the answer to credentials the server refused; `completed` to a server that is done.
    public mutating func disconnect(reason: AudioHookDisconnectReason, info: String? = nil) -> [AdapterOutput] {
        guard sessionId != nil, [.awaitingOpen, .active, .paused].contains(phase) else { return [] }
        var parameters: [String: JSONValue] = ["reason": .string(reason.rawValue)]
        if let info { parameters["info"] = .string(info) }
        let events = endCall().map(AdapterOutput.event)
        let sent = message("disconnect", parameters)
        phase = .disconnecting
        awaitingClose = AdapterClose(code: reason == .completed ? .normal : .policyViolation, reason: info ?? reason.rawValue)
        return events + [.send(sent)]
    }

    /// What to do after `receive` threw (or after the server refused the credentials): end the call, and ask the client
    /// to disconnect, naming the error (`reason` "unauthorized" for credentials, "error" otherwise); when no message
    /// can be sent (no session id yet, or the session is already ending), close the WebSocket with the error's code.
    public mutating func terminate(with error: AdapterError) -> [AdapterOutput] {
        let reason: AudioHookDisconnectReason = if case .unauthorized = error { .unauthorized } else { .error }
        let outputs = disconnect(reason: reason, info: "\(error.statusCode) \(error.description)")
        if !outputs.isEmpty {
            awaitingClose = AdapterClose(error)
            return outputs
        }
        phase = .failed
        awaitingClose = nil
        return endCall().map(AdapterOutput.event) + [.close(AdapterClose(error))]
    }

    /// The WebSocket has closed: the `call_ended` of a call that has not ended. Calling it again returns nothing.
    public mutating func connectionClosed() -> [CallEvent] {
        if phase != .closed { phase = .failed }
        return endCall()
    }

    // MARK: Messages

    private mutating func checkSequence(_ number: Int) throws(AdapterError) {
        let expected = clientSeq + 1
        if number == expected || (phase == .disconnecting && number > clientSeq) {
            clientSeq = number
        } else if number == clientSeq && number > 0 {
            throw .duplicateSequence(number)
        } else if number < expected {
            throw .sequenceOutOfOrder(expected: expected, received: number)
        } else {
            throw .sequenceGap(expected: expected, received: number)
        }
    }

    /// A server message: version, session id, the server's next `seq`, the last client `seq` as `clientseq`.
    private mutating func message(_ type: String, _ parameters: [String: JSONValue] = [:]) -> String {
        serverSeq += 1
        let message: [String: JSONValue] = [
            "version": .string(Self.version), "id": .string(sessionId ?? Self.nullUUID), "type": .string(type),
            "seq": .number(Double(serverSeq)), "clientseq": .number(Double(clientSeq)), "parameters": .object(parameters),
        ]
        return JSONValue.object(message).serialized()
    }

    private mutating func open(_ parameters: JSONFields) throws(AdapterError) -> [AdapterOutput] {
        guard phase == .awaitingOpen else { throw .unexpectedMessage("a second \"open\"") }
        // A connection probe may carry no participant; a conversation's fields are checked when the call is built.
        let participant = try parameters.optionalObject("participant") ?? JSONFields([:], message: "open", path: "parameters.participant.")
        var offers: [AudioHookMedia] = []
        for offer in try parameters.array("media") { offers.append(try AudioHookMedia(json: offer, fields: parameters)) }
        var customConfig: [String: String] = [:]
        if let custom = try parameters.optionalObject("customConfig") {
            for (key, value) in custom.object {
                if case .string(let string) = value { customConfig[key] = string }
            }
        }
        let open = AudioHookOpen(
            organizationId: try parameters.nonEmptyString("organizationId"), conversationId: try parameters.nonEmptyString("conversationId"),
            participantId: try participant.optionalString("id") ?? "", ani: try participant.optionalString("ani") ?? "",
            aniName: try participant.optionalString("aniName") ?? "", dnis: try participant.optionalString("dnis") ?? "", media: offers,
            language: try parameters.optionalString("language"), customConfig: customConfig)
        if let expected = upgrade?.organizationId, expected.lowercased() != open.organizationId.lowercased() {
            throw .sessionMismatch("\"organizationId\" is \(open.organizationId) but the request came for \(expected)")
        }
        let media = AudioHookMedia.choose(from: offers)
        if media == nil, !open.isProbe || !offers.isEmpty {
            let offered = offers.map { "\($0.format)/\($0.rate)/\($0.channels.map(\.rawValue).joined(separator: "+"))" }
            throw .unsupportedMedia("offered \(offered.isEmpty ? "nothing" : offered.joined(separator: ", ")); Undertone takes PCMU at 8000 Hz")
        }
        var outputs: [AdapterOutput] = []
        if !open.isProbe {
            let started = try callStarted(open)
            callID = started.callID
            outputs.append(.event(.callStarted(started)))
        }
        self.open = open
        selectedMedia = media
        language = open.language
        var opened: [String: JSONValue] = [
            "media": .array(media.map { [$0.json] } ?? []), "startPaused": .bool(configuration.startPaused),
        ]
        if try parameters.optionalBool("supportedLanguages") == true {
            opened["supportedLanguages"] = .array(configuration.supportedLanguages.map(JSONValue.string))
        }
        outputs.append(.send(message("opened", opened)))
        phase = .active
        return outputs
    }

    private func callStarted(_ open: AudioHookOpen) throws(AdapterError) -> CallStarted {
        func config(_ key: String) -> String? {
            guard let value = open.customConfig[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        let customer = config("customer") ?? (open.ani.isEmpty ? nil : open.ani) ?? (open.participantId.isEmpty ? nil : open.participantId)
        let started = CallStarted(
            callID: open.conversationId, at: 0, channel: .voice, customerID: customer ?? "unknown",
            queue: config("queue") ?? configuration.defaultQueue,
            language: open.language ?? config("language") ?? "en", industry: config("industry"), agentID: config("agent"), team: config("team"))
        do {
            try started.validate()
        } catch {
            throw .invalidCall(error.description)
        }
        return started
    }

    /// `resumed` and `discarded` say the client skipped audio from `start` for `discarded`: the position moves on.
    private mutating func skip(to parameters: JSONFields, what: String) throws(AdapterError) {
        guard let start = AudioHookDuration.samples(try parameters.string("start")),
            let discarded = AudioHookDuration.samples(try parameters.string("discarded"))
        else { throw parameters.failure("\"parameters.start\" and \"parameters.discarded\" must be durations such as \"PT1.5S\"") }
        let end = start + discarded
        guard end >= positionSamples else {
            throw parameters.failure("audio \(what) up to \(end / 8) ms, before the \(positionMs) ms already received")
        }
        positionSamples = end
    }

    private mutating func close(_ parameters: JSONFields, position: Int) -> [AdapterOutput] {
        positionSamples = max(positionSamples, position)
        var outputs = endCall().map(AdapterOutput.event)
        outputs.append(.send(message("closed")))
        if let reason = try? parameters.optionalString("reason"), reason != "end" {
            outputs.append(.notice("AudioHook session closed by the client, reason \"\(reason)\""))
        }
        phase = .closed
        return outputs
    }

    private mutating func endCall() -> [CallEvent] {
        guard let callID, !callEnded else { return [] }
        callEnded = true
        return [.callEnded(CallEnded(callID: callID, at: positionMs))]
    }

    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
