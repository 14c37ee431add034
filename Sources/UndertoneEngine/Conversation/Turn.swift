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
        func optionalInteger(_ key: String) -> Int?? {
            switch object[key] {
            case nil, .null?: .some(nil)
            case .integer(let value)?: .some(value)
            default: nil
            }
        }
        guard let startMs = optionalInteger("start"), let endMs = optionalInteger("end") else { return nil }
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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + callID.utf8.count + 128)
        bytes.append(contentsOf: #"{"at":"#.utf8)
        bytes.append(contentsOf: String(at).utf8)
        bytes.append(contentsOf: #","call":"#.utf8)
        SortedJSONNode.writeString(callID, into: &bytes)
        // A non-finite confidence is left out, as the general encoder leaves it out (`float` throws only for those).
        if let confidence, let number = try? SortedJSONNode.float(confidence, at: nil) {
            bytes.append(contentsOf: #","confidence":"#.utf8)
            bytes.append(contentsOf: number.utf8)
        }
        if let endMs {
            bytes.append(contentsOf: #","end":"#.utf8)
            bytes.append(contentsOf: String(endMs).utf8)
        }
        bytes.append(contentsOf: (isFinal ? #","final":true,"speaker":"# : #","final":false,"speaker":"#).utf8)
        SortedJSONNode.writeString(speaker.rawValue, into: &bytes)
        if let startMs {
            bytes.append(contentsOf: #","start":"#.utf8)
            bytes.append(contentsOf: String(startMs).utf8)
        }
        bytes.append(contentsOf: #","text":"#.utf8)
        SortedJSONNode.writeString(text, into: &bytes)
        bytes.append(contentsOf: #","type":"turn","utterance":"#.utf8)
        SortedJSONNode.writeString(utteranceID, into: &bytes)
        bytes.append(contentsOf: #","v":"#.utf8)
        bytes.append(contentsOf: String(CallEvent.formatVersion).utf8)
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
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
