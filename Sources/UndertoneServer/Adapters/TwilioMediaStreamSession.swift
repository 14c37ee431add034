import Foundation
import UndertoneEngine

/// One side of a Twilio call's audio, as Media Streams names it.
public enum TwilioTrack: String, Sendable, Hashable, CaseIterable {
    /// What Twilio receives from the caller.
    case inbound
    /// What Twilio sends to the caller (the agent, a bot, a recording).
    case outbound

    /// Reads a track's name; TwiML's spelling (`inbound_track`) is taken too.
    init?(name: String) {
        self.init(rawValue: name.hasSuffix("_track") ? String(name.dropLast(6)) : name)
    }
}

/// What Twilio's `start` message said about the stream.
public struct TwilioStream: Sendable, Equatable {
    public var streamSid: String
    public var accountSid: String
    public var callSid: String
    /// The tracks Twilio will send, in its order.
    public var tracks: [TwilioTrack]
    /// The `<Parameter>`s of the `<Stream>` TwiML: our token and call metadata (see `TwilioMediaStreamSession.Parameter`).
    public var customParameters: [String: String]

    public init(streamSid: String, accountSid: String, callSid: String, tracks: [TwilioTrack], customParameters: [String: String]) {
        self.streamSid = streamSid
        self.accountSid = accountSid
        self.callSid = callSid
        self.tracks = tracks
        self.customParameters = customParameters
    }
}

/// How a Twilio Media Streams session maps onto call events.
public struct TwilioMediaStreamConfiguration: Sendable, Equatable {
    /// Whose voice the inbound track carries (the caller: `customer` for calls into the contact centre).
    public var inboundSpeaker: SpeakerRole
    /// Whose voice the outbound track carries (`agent`).
    public var outboundSpeaker: SpeakerRole
    /// Twilio sends 20 ms chunks; contiguous chunks of a track are joined into frames of this length before they
    /// become `audio` events (20 or less passes every chunk through as it comes).
    public var frameDurationMs: Int
    /// The largest text message accepted, in bytes of UTF-8.
    public var maxMessageBytes: Int
    /// The largest decoded audio chunk accepted, in bytes (one byte a sample at 8 kHz: 8000 is one second).
    public var maxChunkBytes: Int
    /// What to do with an `event` Media Streams does not define.
    public var unknownEvents: UnknownMessagePolicy
    /// The queue when the stream's parameters name none; nil makes `queue` a required parameter.
    public var defaultQueue: String?

    public init(
        inboundSpeaker: SpeakerRole = .customer, outboundSpeaker: SpeakerRole = .agent, frameDurationMs: Int = 100, maxMessageBytes: Int = 65_536,
        maxChunkBytes: Int = 8_000, unknownEvents: UnknownMessagePolicy = .ignore, defaultQueue: String? = nil
    ) {
        self.inboundSpeaker = inboundSpeaker
        self.outboundSpeaker = outboundSpeaker
        self.frameDurationMs = frameDurationMs
        self.maxMessageBytes = maxMessageBytes
        self.maxChunkBytes = maxChunkBytes
        self.unknownEvents = unknownEvents
        self.defaultQueue = defaultQueue
    }

    func speaker(for track: TwilioTrack) -> SpeakerRole {
        track == .inbound ? inboundSpeaker : outboundSpeaker
    }
}

/// One Twilio Media Streams WebSocket, read message by message into call events.
///
/// Twilio sends text messages only: `connected`, then `start` (the stream's ids, tracks, custom parameters and media
/// format), then `media` (base64 µ-law at 8 kHz, 20 ms a chunk, per track), `dtmf` and `mark`, and `stop` last. The
/// session checks the order, the `sequenceNumber` (1 on `start`, then one more on every message), the `streamSid` and
/// the format, and turns the stream into `call_started`, `audio` and `call_ended` events. `docs/telephony.md` has the
/// mapping and the errors.
///
/// The server checks `token` against its API keys once `receive(text:)` has returned the outputs of `start`, before
/// ingesting them, and calls `terminate(with: .unauthorized(…))` if it is wrong. After any error `receive` throws, it
/// calls `terminate(with:)` and performs the outputs; when the WebSocket closes, for whatever reason, it ingests
/// `connectionClosed()`.
public struct TwilioMediaStreamSession: Sendable {
    /// The custom parameters (`<Parameter name=… value=…>` inside `<Stream>`) the session reads.
    public enum Parameter: String, CaseIterable, Sendable {
        /// Undertone's API key for this stream (Twilio does not pass query strings on the stream URL).
        case token
        /// The contact centre's own call id; the call's `CallSid` when absent.
        case call
        /// The customer's id in the CRM; required.
        case customer
        /// The queue the call arrived on; required unless the configuration has a default.
        case queue
        /// The agent's id, the agent's team, the industry profile and the BCP 47 language tag ("en" when absent).
        case agent, team, industry, language
    }

    /// Where the session is in the stream's life.
    public enum Phase: Sendable, Equatable {
        /// Before `start` (after `connected`, or before it).
        case awaitingStart
        /// Between `start` and `stop`.
        case streaming
        /// After `stop`: nothing more is expected.
        case stopped
        /// After an error: nothing more is read.
        case failed
    }

    /// The only media format Media Streams sends, and the only one taken.
    public static let mediaEncoding = "audio/x-mulaw"
    public static let sampleRate = 8000

    public let configuration: TwilioMediaStreamConfiguration
    public private(set) var phase: Phase = .awaitingStart
    /// The protocol version `connected` announced, if it came.
    public private(set) var protocolVersion: String?
    /// What `start` said, once it has come.
    public private(set) var stream: TwilioStream?
    /// The call id the events carry, once `start` has come.
    public private(set) var callID: String?
    /// The `token` custom parameter, for the server to check before ingesting anything.
    public var token: String? { stream?.customParameters[Parameter.token.rawValue] }

    var lastSequence = 0
    var audio = TwilioAudioFrames()
    var callEnded = false

    public init(configuration: TwilioMediaStreamConfiguration = TwilioMediaStreamConfiguration()) {
        self.configuration = configuration
    }

    /// Reads one text message and returns what to do, in order.
    public mutating func receive(text: String) throws(AdapterError) -> [AdapterOutput] {
        do {
            return try read(text)
        } catch {
            phase = .failed
            throw error
        }
    }

    /// Twilio sends no binary frames: one is refused with `unsupportedFrame` (close code 1003).
    public mutating func receive(binary: [UInt8]) throws(AdapterError) -> [AdapterOutput] {
        phase = .failed
        throw .unsupportedFrame("Twilio Media Streams sends text messages only; received a binary frame of \(binary.count) bytes")
    }

    /// What to do after `receive` threw (or after the server refused the token): the audio already accepted and a
    /// `call_ended` for a call that started, then the close with the error's code and reason.
    public mutating func terminate(with error: AdapterError) -> [AdapterOutput] {
        phase = .failed
        return endCall().map(AdapterOutput.event) + [.close(AdapterClose(error))]
    }

    /// The WebSocket has closed (after `stop`, after an error, or because the connection dropped): the audio still held
    /// and, for a call that started and has not ended, its `call_ended`. Calling it again returns nothing.
    public mutating func connectionClosed() -> [CallEvent] {
        if phase != .stopped { phase = .failed }
        return endCall()
    }

    private mutating func read(_ text: String) throws(AdapterError) -> [AdapterOutput] {
        guard phase != .failed else { throw .unexpectedMessage("the session has already failed") }
        let size = text.utf8.count
        guard size <= configuration.maxMessageBytes else { throw .tooBig(size: size, limit: configuration.maxMessageBytes) }
        let message = JSONFields(try JSONValue.parseObject(text), message: "message")
        guard let event = try message.optionalString("event") else { throw .invalidMessage("missing \"event\"") }
        let fields = JSONFields(message.object, message: event)
        if event == "connected" { return try connected(fields) }
        guard ["start", "media", "dtmf", "mark", "stop"].contains(event) else {
            switch configuration.unknownEvents {
            case .reject: throw .unknownMessageType(event)
            case .ignore:
                // A new kind of message still takes its place in the sequence when it carries a number.
                if let number = try fields.optionalInteger("sequenceNumber") { try checkSequence(number) }
                return [.notice("ignored Twilio message with unknown event \"\(event)\"")]
            }
        }
        try checkSequence(try fields.integer("sequenceNumber"))
        if phase == .stopped { throw .unexpectedMessage("\"\(event)\" after \"stop\"") }
        if event == "start" { return try start(fields) }
        guard phase == .streaming, let stream else { throw .unexpectedMessage("\"\(event)\" before \"start\"") }
        let streamSid = try fields.string("streamSid")
        guard streamSid == stream.streamSid else {
            throw .sessionMismatch("\"streamSid\" is \"\(streamSid)\" but the stream started as \"\(stream.streamSid)\"")
        }
        switch event {
        case "media": return try media(fields)
        case "dtmf":
            // The digits are not kept: a caller may be keying a card number or a PIN.
            _ = try fields.object("dtmf")
            return []
        case "mark":
            // Twilio echoes a mark the server sent once the audio before it has played; Undertone sends no audio, so
            // there is nothing to answer.
            let mark = try fields.object("mark")
            return [.notice("Twilio mark \"\(try mark.optionalString("name") ?? "")\" played")]
        default:
            return try stop(fields)
        }
    }

    /// Checks the message's `sequenceNumber`: 1 on the first, then exactly one more each time.
    mutating func checkSequence(_ number: Int) throws(AdapterError) {
        let expected = lastSequence + 1
        if number == expected {
            lastSequence = number
        } else if number == lastSequence && number > 0 {
            throw .duplicateSequence(number)
        } else if number < expected {
            throw .sequenceOutOfOrder(expected: expected, received: number)
        } else {
            throw .sequenceGap(expected: expected, received: number)
        }
    }

    private mutating func connected(_ fields: JSONFields) throws(AdapterError) -> [AdapterOutput] {
        guard phase == .awaitingStart, stream == nil, protocolVersion == nil else { throw .unexpectedMessage("a second \"connected\"") }
        protocolVersion = try fields.optionalString("version") ?? ""
        return []
    }

    private mutating func start(_ fields: JSONFields) throws(AdapterError) -> [AdapterOutput] {
        guard phase == .awaitingStart else { throw .unexpectedMessage("a second \"start\"") }
        let start = try fields.object("start")
        let format = try start.object("mediaFormat")
        let encoding = try format.string("encoding")
        let rate = try format.integer("sampleRate")
        let channels = try format.optionalInteger("channels") ?? 1
        guard encoding == Self.mediaEncoding, rate == Self.sampleRate, channels == 1 else {
            throw .unsupportedMedia("\(encoding) at \(rate) Hz with \(channels) channel(s); Undertone takes \(Self.mediaEncoding) at 8000 Hz, mono")
        }
        var tracks: [TwilioTrack] = []
        for value in try start.array("tracks") {
            guard let name = value.stringValue, let track = TwilioTrack(name: name), !tracks.contains(track) else {
                throw fields.failure("\"start.tracks\" must list \"inbound\" and/or \"outbound\" once each")
            }
            tracks.append(track)
        }
        guard !tracks.isEmpty else { throw fields.failure("\"start.tracks\" must not be empty") }
        var parameters: [String: String] = [:]
        if let custom = try start.optionalObject("customParameters") {
            for (name, value) in custom.object {
                guard let string = value.stringValue else { throw fields.failure("custom parameter \"\(name)\" must be a string") }
                parameters[name] = string
            }
        }
        let stream = TwilioStream(
            streamSid: try start.nonEmptyString("streamSid"), accountSid: try start.nonEmptyString("accountSid"),
            callSid: try start.nonEmptyString("callSid"), tracks: tracks, customParameters: parameters)
        if let topLevel = try fields.optionalString("streamSid"), topLevel != stream.streamSid {
            throw .sessionMismatch("\"streamSid\" is \"\(topLevel)\" but \"start.streamSid\" is \"\(stream.streamSid)\"")
        }
        let started = try callStarted(stream)
        self.stream = stream
        callID = started.callID
        phase = .streaming
        return [.event(.callStarted(started))]
    }

    private func callStarted(_ stream: TwilioStream) throws(AdapterError) -> CallStarted {
        func parameter(_ name: Parameter) -> String? {
            guard let value = stream.customParameters[name.rawValue]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        guard let customer = parameter(.customer) else {
            throw .invalidCall("the stream's custom parameters need \"customer\" (the customer's id)")
        }
        guard let queue = parameter(.queue) ?? configuration.defaultQueue else {
            throw .invalidCall("the stream's custom parameters need \"queue\"")
        }
        let started = CallStarted(
            callID: parameter(.call) ?? stream.callSid, at: 0, channel: .voice, customerID: customer, queue: queue,
            language: parameter(.language) ?? "en", industry: parameter(.industry), agentID: parameter(.agent), team: parameter(.team))
        do {
            try started.validate()
        } catch {
            throw .invalidCall(error.description)
        }
        return started
    }

    private mutating func media(_ fields: JSONFields) throws(AdapterError) -> [AdapterOutput] {
        let media = try fields.object("media")
        let trackName = try media.string("track")
        guard let track = TwilioTrack(name: trackName) else { throw fields.failure("\"media.track\" must be \"inbound\" or \"outbound\"") }
        guard let stream, stream.tracks.contains(track) else {
            throw .unexpectedMessage("media on the \(trackName) track, which \"start\" did not list")
        }
        _ = try media.optionalInteger("chunk")
        let timestamp = try media.integer("timestamp")
        let payload = try media.string("payload")
        guard let data = Data(base64Encoded: payload) else { throw .invalidAudio("\"media.payload\" is not base64") }
        guard !data.isEmpty else { throw .invalidAudio("\"media.payload\" is empty") }
        guard data.count <= configuration.maxChunkBytes else { throw .tooBig(size: data.count, limit: configuration.maxChunkBytes) }
        let frames = try audio.add(
            [UInt8](data), track: track, at: timestamp, speaker: configuration.speaker(for: track), callID: callID ?? stream.callSid,
            frameDurationMs: configuration.frameDurationMs)
        return frames.map { .event(.audio($0)) }
    }

    private mutating func stop(_ fields: JSONFields) throws(AdapterError) -> [AdapterOutput] {
        if let stop = try fields.optionalObject("stop"), let callSid = try stop.optionalString("callSid"), callSid != self.stream?.callSid {
            throw .sessionMismatch("\"stop.callSid\" is \"\(callSid)\" but the stream started for \"\(self.stream?.callSid ?? "")\"")
        }
        phase = .stopped
        return endCall().map(AdapterOutput.event) + [.close(AdapterClose(code: .normal, reason: "stream stopped"))]
    }

    /// The audio still held, then `call_ended` at the end of the last audio heard, once per call.
    private mutating func endCall() -> [CallEvent] {
        guard let callID, !callEnded else { return [] }
        callEnded = true
        let frames = audio.flushAll().map(CallEvent.audio)
        return frames + [.callEnded(CallEnded(callID: callID, at: audio.lastEventAt.map { max($0, audio.endAt) } ?? audio.endAt))]
    }
}
