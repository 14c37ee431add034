/// What someone said or wrote: one utterance of a transcript, partial while the recogniser is still listening, then final.
///
/// Partial turns share the `utteranceID` of their final and are superseded by it (see `Transcript`).
public struct Turn: Sendable, Equatable, Codable {
    /// The wire name of this event, its `"type"`.
    public static let eventType = "turn"

    /// The call's id (JSON `"call"`).
    public var callID: String
    /// Milliseconds since the call started, when the event was produced.
    public var at: Int
    /// The utterance's id (JSON `"utterance"`), stable across its partials and its final.
    public var utteranceID: String
    public var speaker: SpeakerRole
    public var text: String
    /// When the speech began, in milliseconds since the call started (JSON `"start"`); absent for chat and e-mail.
    public var startMs: Int?
    /// When the speech ended, in milliseconds since the call started (JSON `"end"`); absent for chat and e-mail.
    public var endMs: Int?
    /// Whether this is the recogniser's last word on the utterance (JSON `"final"`, true when absent).
    public var isFinal: Bool
    /// The recogniser's confidence in 0...1, if it gives one.
    public var confidence: Double?

    public init(
        callID: String, at: Int, utteranceID: String, speaker: SpeakerRole, text: String, startMs: Int? = nil, endMs: Int? = nil,
        isFinal: Bool = true, confidence: Double? = nil
    ) {
        self.callID = callID
        self.at = at
        self.utteranceID = utteranceID
        self.speaker = speaker
        self.text = text
        self.startMs = startMs
        self.endMs = endMs
        self.isFinal = isFinal
        self.confidence = confidence
    }

    /// Reads the fields; the version and type are checked by `CallEvent`, which is how a line should be decoded.
    public init(from decoder: any Decoder) throws {
        let fields = try EventFieldReader(decoder, event: Self.eventType)
        callID = try fields.string("call")
        at = try fields.int("at")
        utteranceID = try fields.string("utterance")
        speaker = try fields.case(SpeakerRole.self, "speaker")
        text = try fields.string("text")
        startMs = try fields.optionalInt("start")
        endMs = try fields.optionalInt("end")
        isFinal = try fields.optionalBool("final") ?? true
        confidence = try fields.optionalDouble("confidence")
        try validate()
    }

    /// A turn from a line's fields when every field is there with its type and the turn is valid; nil otherwise (the
    /// decoder then says what is wrong).
    init?(_ object: FlatJSONObject) {
        guard case .string(let callID)? = object["call"], case .integer(let at)? = object["at"],
            case .string(let utteranceID)? = object["utterance"], case .string(let speakerName)? = object["speaker"],
            let speaker = SpeakerRole(rawValue: speakerName), case .string(let text)? = object["text"]
        else { return nil }
        guard let startMs = object.optionalInteger("start"), let endMs = object.optionalInteger("end") else { return nil }
        let isFinal: Bool
        switch object["final"] {
        case nil, .null?: isFinal = true
        case .bool(let value)?: isFinal = value
        default: return nil
        }
        let confidence: Double?
        switch object["confidence"] {
        case nil, .null?: confidence = nil
        case .integer(let value)?: confidence = Double(value)
        case .number(let value)?: confidence = value
        default: return nil
        }
        self.init(
            callID: callID, at: at, utteranceID: utteranceID, speaker: speaker, text: text, startMs: startMs, endMs: endMs, isFinal: isFinal,
            confidence: confidence)
        guard (try? validate()) != nil else { return nil }
    }

    /// The turn's line as `CallEvents.encode` writes every event (keys sorted, `"v"` and `"type"` included), written
    /// directly.
    var line: String {
        var out = JSONLineWriter(capacity: text.utf8.count + callID.utf8.count + 128)
        out.openObject()
        out.member("at", at)
        out.member("call", callID)
        // A non-finite confidence is left out, as the general encoder leaves it out.
        if let confidence, confidence.isFinite { out.member("confidence", confidence) }
        if let endMs { out.member("end", endMs) }
        out.key("final")
        out.bool(isFinal)
        out.member("speaker", speaker.rawValue)
        if let startMs { out.member("start", startMs) }
        out.member("text", text)
        out.member("type", Self.eventType)
        out.member("utterance", utteranceID)
        out.member("v", CallEvent.formatVersion)
        out.closeObject()
        return out.line
    }

    /// Writes the whole line, `"v"` and `"type"` included; `"final"` is always written.
    public func encode(to encoder: any Encoder) throws {
        var out = try EventFieldWriter(encoder, type: Self.eventType, callID: callID, at: at)
        try out.encode(utteranceID, "utterance")
        try out.encode(speaker, "speaker")
        try out.encode(text, "text")
        try out.encodeIfPresent(startMs, "start")
        try out.encodeIfPresent(endMs, "end")
        try out.encode(isFinal, "final")
        try out.encodeIfFinite(confidence, "confidence")
    }

    /// Checks what the types alone cannot: ids not empty, times not negative, `end` not before `start`, confidence in 0...1.
    public func validate() throws(CallEventError) {
        let rules = EventRules(event: Self.eventType)
        try rules.common(callID: callID, at: at)
        try rules.nonEmpty(utteranceID, "utterance")
        try rules.time(startMs, "start")
        try rules.time(endMs, "end")
        if let startMs, let endMs, endMs < startMs { throw rules.failure("\"end\" must not be before \"start\"") }
        if let confidence, !(0...1).contains(confidence) { throw rules.failure("\"confidence\" must be between 0 and 1") }
    }
}
