import Foundation
import UndertoneEngine

/// What one Contact Lens event became.
public struct PlatformTranscriptBatch: Sendable, Equatable {
    /// The call the events belong to.
    public var callID: String
    /// `call_started` (when the platform's event starts a call Undertone has not seen), turns, `call_ended`.
    public var events: [CallEvent] = []
    /// What the platform reported that has no call event: categories matched, a session that failed, sentiments.
    public var notices: [String] = []
    /// Whether the event starts the platform's session (a call to open when no audio adapter has).
    public var starts = false
    /// Whether the event ends it (a call to end when this source opened it).
    public var ends = false

    public init(callID: String) {
        self.callID = callID
    }
}

/// Amazon Connect Contact Lens real-time analysis, as its segment stream publishes it (Kinesis Data Streams, one JSON
/// event a record; forwarded to `POST /v1/telephony/contact-lens`). Voice events carry `Version`, `Channel`,
/// `AccountId`, `InstanceId`, `ContactId`, `LanguageCode` and `EventType` (`STARTED`, `SEGMENTS`, `COMPLETED`,
/// `FAILED`); `SEGMENTS` events list `Utterance` segments (partial transcript pieces, by `TranscriptId`), `Transcript`
/// segments (the final text of a transcript `Id`, with `ParticipantRole`, offsets and `Sentiment`) and `Categories`.
///
/// Utterances become partial turns and transcripts their finals (the same utterance id, the `TranscriptId`), spoken by
/// the customer or the agent, at the transcript's end offset (milliseconds since the contact started, the call's clock).
/// Plain values; the partial text gathered per transcript is the only state, kept by the caller between events.
public struct ContactLensSegments: Sendable {
    /// The partial text gathered so far, by transcript id.
    public private(set) var partials: [String: String] = [:]
    /// The largest event accepted, bytes.
    public var maxEventBytes = 1 << 20

    public init() {}

    public mutating func read(_ text: String) throws(AdapterError) -> PlatformTranscriptBatch {
        guard text.utf8.count <= maxEventBytes else { throw .tooBig(size: text.utf8.count, limit: maxEventBytes) }
        let event = JSONFields(try JSONValue.parseObject(text), message: "Contact Lens event")
        let contactID = try event.nonEmptyString("ContactId")
        let type = try event.string("EventType")
        var batch = PlatformTranscriptBatch(callID: contactID)
        if let channel = try event.optionalString("Channel"), channel != "VOICE" {
            throw .unsupportedMedia("a \(channel) contact; this endpoint takes voice contacts' segments")
        }
        switch type {
        case "STARTED":
            batch.starts = true
        case "COMPLETED":
            batch.ends = true
        case "FAILED":
            batch.ends = true
            batch.notices.append("Contact Lens analysis failed for contact \(contactID)")
        case "SEGMENTS":
            for value in try event.array("Segments") {
                guard case .object(let object) = value else { throw .invalidMessage("each of \"Segments\" must be an object") }
                try read(segment: JSONFields(object, message: "segment"), into: &batch)
            }
        default:
            throw .unknownMessageType(type)
        }
        return batch
    }

    private mutating func read(segment: JSONFields, into batch: inout PlatformTranscriptBatch) throws(AdapterError) {
        if let utterance = try segment.optionalObject("Utterance") {
            let transcriptID = try utterance.nonEmptyString("TranscriptId")
            let piece = try utterance.string("PartialContent").trimmingCharacters(in: .whitespaces)
            let held = partials[transcriptID] ?? ""
            let text = held.isEmpty || piece.hasPrefix(held) ? piece : held + " " + piece
            partials[transcriptID] = text
            let (start, end) = try offsets(utterance)
            batch.events.append(
                .turn(
                    Turn(
                        callID: batch.callID, at: end, utteranceID: transcriptID, speaker: try speaker(utterance), text: text, startMs: start,
                        endMs: end, isFinal: false)))
        }
        if let transcript = try segment.optionalObject("Transcript") {
            let id = try transcript.nonEmptyString("Id")
            let content = try transcript.string("Content").trimmingCharacters(in: .whitespaces)
            let (start, end) = try offsets(transcript)
            partials[id] = nil
            batch.events.append(
                .turn(
                    Turn(
                        callID: batch.callID, at: end, utteranceID: id, speaker: try speaker(transcript), text: content, startMs: start, endMs: end,
                        isFinal: true)))
            if let sentiment = try transcript.optionalString("Sentiment") {
                batch.notices.append("Contact Lens sentiment \(sentiment) on transcript \(id)")
            }
        }
        if let categories = try segment.optionalObject("Categories") {
            let matched = try categories.optionalArray("MatchedCategories") ?? []
            let names = matched.compactMap(\.stringValue)
            if !names.isEmpty { batch.notices.append("Contact Lens categories matched: \(names.joined(separator: ", "))") }
        }
    }

    private func offsets(_ fields: JSONFields) throws(AdapterError) -> (Int, Int) {
        let start = try fields.integer("BeginOffsetMillis")
        let end = try fields.integer("EndOffsetMillis")
        guard start >= 0, end >= start else {
            throw fields.failure("offsets must be non-negative with \"EndOffsetMillis\" not before \"BeginOffsetMillis\"")
        }
        return (start, end)
    }

    private func speaker(_ fields: JSONFields) throws(AdapterError) -> SpeakerRole {
        var role = try fields.optionalString("ParticipantRole") ?? ""
        if role.isEmpty { role = try fields.string("ParticipantId") }
        switch role.uppercased() {
        case "CUSTOMER": return .customer
        case "AGENT": return .agent
        case "SYSTEM", "AUTOMATED", "BOT": return .bot
        default: throw fields.failure("\"ParticipantRole\" must be CUSTOMER, AGENT or SYSTEM, not \"\(role)\"")
        }
    }
}
