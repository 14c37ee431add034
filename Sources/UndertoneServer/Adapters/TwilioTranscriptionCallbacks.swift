import Foundation
import UndertoneEngine

/// Twilio Real-Time Transcription (`<Start><Transcription statusCallbackUrl="…">`): Twilio POSTs each event to the
/// status callback as a form (`application/x-www-form-urlencoded`) with `AccountSid`, `CallSid`, `TranscriptionSid`,
/// `Timestamp` (ISO 8601), `SequenceId` and `TranscriptionEvent`: `transcription-started`, `transcription-content`
/// (with `Track` — `inbound_track` or `outbound_track` —, `TranscriptionData`, a JSON string with `transcript` and
/// `confidence`, and `Final`, "true" or "false"), `transcription-stopped` and `transcription-error`.
///
/// Content becomes turns: partials (`Final=false`, sent when `partialResults` is on) share an utterance id with the
/// final that ends them, one utterance after another per track. Twilio gives no offsets, so a turn's time is its
/// `Timestamp` less the call's start (`callStartedAt`). The utterance numbering per track is the only state, kept by
/// the caller between callbacks.
public struct TwilioTranscriptionCallbacks: Sendable {
    /// Per transcription and track: the utterance being spoken (its number).
    public private(set) var utterances: [String: Int] = [:]
    /// Which side `inbound_track` is (the caller, on an inbound call).
    public var inboundSpeaker: SpeakerRole = .customer
    public var outboundSpeaker: SpeakerRole = .agent
    /// The largest form accepted, bytes.
    public var maxFormBytes = 64 << 10

    public init() {}

    /// Reads one callback's form. `callStartedAt` gives the call's start (nil: the call is not known yet, and starts
    /// at this callback's `Timestamp`); `callID` overrides `CallSid` (a `call` query parameter, as with Media Streams).
    public mutating func read(form: String, callID override: String? = nil, callStartedAt: Date?) throws(AdapterError) -> PlatformTranscriptBatch {
        guard form.utf8.count <= maxFormBytes else { throw .tooBig(size: form.utf8.count, limit: maxFormBytes) }
        let fields = try Self.parse(form)
        func field(_ name: String) throws(AdapterError) -> String {
            guard let value = fields[name], !value.isEmpty else { throw .invalidMessage("Twilio transcription callback: missing \"\(name)\"") }
            return value
        }
        let callSid = try field("CallSid")
        let transcriptionSid = try field("TranscriptionSid")
        let event = try field("TranscriptionEvent")
        var batch = PlatformTranscriptBatch(callID: override ?? callSid)
        switch event {
        case "transcription-started":
            batch.starts = true
        case "transcription-stopped":
            batch.ends = true
            for key in utterances.keys where key.hasPrefix(transcriptionSid + "/") { utterances[key] = nil }
        case "transcription-error":
            batch.notices.append(
                "Twilio transcription error \(fields["TranscriptionErrorCode"] ?? ""): \(fields["TranscriptionError"] ?? "no detail")")
        case "transcription-content":
            let track = try field("Track")
            let speaker: SpeakerRole
            switch track {
            case "inbound_track": speaker = inboundSpeaker
            case "outbound_track": speaker = outboundSpeaker
            default: throw .invalidMessage("Twilio transcription callback: \"Track\" must be inbound_track or outbound_track, not \"\(track)\"")
            }
            let data = try field("TranscriptionData")
            let content = JSONFields(try JSONValue.parseObject(data), message: "TranscriptionData")
            let transcript = try content.string("transcript").trimmingCharacters(in: .whitespaces)
            var confidence: Double?
            if case .number(let value) = content.value("confidence") {
                guard (0...1).contains(value) else { throw content.failure("\"confidence\" must be between 0 and 1") }
                confidence = value
            }
            let isFinal: Bool
            switch fields["Final"]?.lowercased() {
            case "true": isFinal = true
            case "false": isFinal = false
            default: throw .invalidMessage("Twilio transcription callback: \"Final\" must be true or false")
            }
            let timestamp = try Self.date(try field("Timestamp"))
            let at = callStartedAt.map { max(0, Int((timestamp.timeIntervalSince($0) * 1000).rounded())) } ?? 0
            let key = transcriptionSid + "/" + track
            let number = utterances[key] ?? 1
            utterances[key] = isFinal ? number + 1 : number
            batch.events.append(
                .turn(
                    Turn(
                        callID: batch.callID, at: at, utteranceID: "\(transcriptionSid)-\(track == "inbound_track" ? "in" : "out")-\(number)",
                        speaker: speaker, text: transcript, isFinal: isFinal, confidence: confidence)))
        default:
            throw .unknownMessageType(event)
        }
        return batch
    }

    /// The form's fields (percent-decoded, `+` as a space); a repeated field keeps its last value.
    static func parse(_ form: String) throws(AdapterError) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in form.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw .malformedJSON("the callback is not a valid form (bad percent-encoding)")
            }
            fields[name] = value
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    static func date(_ text: String) throws(AdapterError) -> Date {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? withFraction.parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        throw .invalidMessage("Twilio transcription callback: \"Timestamp\" must be an ISO 8601 date, not \"\(text)\"")
    }
}
