import Foundation
import UndertoneEngine

/// How a jambonz `listen` stream is read.
public struct JambonzListenConfiguration: Sendable, Equatable {
    /// With `mixType: "stereo"`: who is on the left channel (the call's own leg, the caller on an inbound call) and on
    /// the right (the other party of the bridge).
    public var leftSpeaker: SpeakerRole = .customer
    public var rightSpeaker: SpeakerRole = .agent
    /// With `mono` or `mixed`: whose track the single channel is.
    public var monoSpeaker: SpeakerRole = .customer
    /// The largest text message (the metadata) accepted, bytes.
    public var maxMessageBytes = 65_536
    /// The largest binary frame accepted, bytes (64 000: two seconds of 16 kHz stereo).
    public var maxFrameBytes = 64_000
    /// The queue when the metadata names none.
    public var defaultQueue = "jambonz"

    public init() {}
}

/// One jambonz `listen` WebSocket (subprotocol `audio.jambonz.org`), read frame by frame into call events.
///
/// jambonz sends one text frame first: a JSON object with the call's attributes (`callSid`, `from`, `to`, `direction`,
/// `callId`, `accountSid`, …), `sampleRate`, `mixType` (`mono`, `stereo` or `mixed`) and whatever the verb's `metadata`
/// added (read at the top level or inside a `metadata` object). Binary frames of 16-bit little-endian linear PCM follow;
/// with `stereo` the two parties are interleaved, left then right. The session turns them into `call_started`, `audio`
/// events (one per channel per frame) and `call_ended` when the socket closes. Plain values; the server performs the
/// outputs. `docs/telephony.md` has the mapping and the errors.
public struct JambonzListenSession: Sendable {
    public enum Phase: Sendable, Equatable {
        case awaitingMetadata, streaming, failed
    }

    /// The metadata keys read into `call_started` (besides jambonz's own `callSid`, `from`).
    public enum Parameter: String, CaseIterable, Sendable {
        case call, customer, queue, agent, team, industry, language
    }

    public let configuration: JambonzListenConfiguration
    public private(set) var phase: Phase = .awaitingMetadata
    public private(set) var callID: String?
    public private(set) var sampleRate = 8000
    /// 1 for `mono`/`mixed`, 2 for `stereo`.
    public private(set) var channels = 1
    /// Samples per channel received so far: the stream's position.
    public private(set) var position = 0
    var callEnded = false

    public init(configuration: JambonzListenConfiguration = JambonzListenConfiguration()) {
        self.configuration = configuration
    }

    /// The first text frame is the call's metadata; later ones (a DTMF event when `passDtmf` is on) are noticed and
    /// otherwise ignored (the digits are not kept: a caller may be keying a card number).
    public mutating func receive(text: String) throws(AdapterError) -> [AdapterOutput] {
        do throws(AdapterError) {
            guard phase != .failed else { throw AdapterError.unexpectedMessage("the session has already failed") }
            guard text.utf8.count <= configuration.maxMessageBytes else {
                throw AdapterError.tooBig(size: text.utf8.count, limit: configuration.maxMessageBytes)
            }
            let object = try JSONValue.parseObject(text)
            guard phase == .awaitingMetadata else {
                return [.notice("ignored jambonz text frame \(JSONFields(object, message: "frame").value("event")?.stringValue ?? "")")]
            }
            return try start(JSONFields(object, message: "jambonz metadata"))
        } catch {
            phase = .failed
            throw error
        }
    }

    /// A binary frame: 16-bit PCM, interleaved left/right when stereo.
    public mutating func receive(binary: [UInt8]) throws(AdapterError) -> [AdapterOutput] {
        do throws(AdapterError) {
            guard phase == .streaming, let callID else { throw AdapterError.unexpectedMessage("audio before the metadata text frame") }
            guard binary.count <= configuration.maxFrameBytes else {
                throw AdapterError.tooBig(size: binary.count, limit: configuration.maxFrameBytes)
            }
            let frameBytes = 2 * channels
            guard !binary.isEmpty, binary.count % frameBytes == 0 else {
                throw AdapterError.invalidAudio(
                    "a frame of \(binary.count) bytes; \(channels == 2 ? "stereo" : "mono") 16-bit PCM comes in multiples of \(frameBytes)")
            }
            let at = position * 1000 / sampleRate
            position += binary.count / frameBytes
            if channels == 1 {
                return [
                    .event(
                        .audio(
                            AudioFrame(
                                callID: callID, at: at, track: configuration.monoSpeaker, encoding: .pcm16, sampleRate: sampleRate, samples: binary)))
                ]
            }
            var left: [UInt8] = []
            var right: [UInt8] = []
            left.reserveCapacity(binary.count / 2)
            right.reserveCapacity(binary.count / 2)
            var index = 0
            while index + 3 < binary.count {
                left += binary[index..<index + 2]
                right += binary[index + 2..<index + 4]
                index += 4
            }
            return [
                .event(
                    .audio(
                        AudioFrame(callID: callID, at: at, track: configuration.leftSpeaker, encoding: .pcm16, sampleRate: sampleRate, samples: left))
                ),
                .event(
                    .audio(
                        AudioFrame(
                            callID: callID, at: at, track: configuration.rightSpeaker, encoding: .pcm16, sampleRate: sampleRate, samples: right))),
            ]
        } catch {
            phase = .failed
            throw error
        }
    }

    /// After an error (or a refusal by the server): the call's end, then the close with the error's code.
    public mutating func terminate(with error: AdapterError) -> [AdapterOutput] {
        phase = .failed
        return endCall().map(AdapterOutput.event) + [.close(AdapterClose(error))]
    }

    /// The socket closed (jambonz ends the stream by closing it): the call ends where the audio ends.
    public mutating func connectionClosed() -> [CallEvent] {
        endCall()
    }

    private mutating func start(_ fields: JSONFields) throws(AdapterError) -> [AdapterOutput] {
        let rate = try fields.optionalInteger("sampleRate") ?? 8000
        guard AudioFrame.sampleRates.contains(rate) else {
            throw .unsupportedMedia("\(rate) Hz; Undertone takes the listen verb's sampleRate 8000 or 16000")
        }
        let mix = try fields.optionalString("mixType") ?? "mono"
        switch mix {
        case "mono", "mixed": channels = 1
        case "stereo": channels = 2
        default: throw .unsupportedMedia("mixType \"\(mix)\"; jambonz sends mono, stereo or mixed")
        }
        let nested = try fields.optionalObject("metadata")
        func parameter(_ key: String) throws(AdapterError) -> String? {
            var value = try nested?.optionalString(key)
            if value == nil { value = try fields.optionalString(key) }
            guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        var id = try parameter(Parameter.call.rawValue)
        if id == nil { id = try parameter("callSid") }
        guard let id else {
            throw fields.failure("\"callSid\" is missing (jambonz sends it in the first text frame)")
        }
        var customer = try parameter(Parameter.customer.rawValue)
        if customer == nil { customer = try parameter("from") }
        let started = CallStarted(
            callID: id, at: 0, channel: .voice, customerID: customer ?? "unknown",
            queue: try parameter(Parameter.queue.rawValue) ?? configuration.defaultQueue,
            language: try parameter(Parameter.language.rawValue) ?? "en",
            industry: try parameter(Parameter.industry.rawValue), agentID: try parameter(Parameter.agent.rawValue),
            team: try parameter(Parameter.team.rawValue))
        do {
            try started.validate()
        } catch {
            throw .invalidCall(error.description)
        }
        sampleRate = rate
        callID = id
        phase = .streaming
        return [.event(.callStarted(started))]
    }

    private mutating func endCall() -> [CallEvent] {
        guard let callID, !callEnded else { return [] }
        callEnded = true
        return [.callEnded(CallEnded(callID: callID, at: position * 1000 / sampleRate))]
    }
}
