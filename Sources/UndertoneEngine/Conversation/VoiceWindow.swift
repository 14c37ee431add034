/// One stretch (usually a second) of one side's voice, as features: what the engine keeps of the audio.
///
/// Raw audio is too large for the event log, so the engine turns each track's `audio` frames into a window a second
/// and emits it (inside `EngineOutput.voice`); the log keeps the windows, and replaying them as `voice` events rebuilds
/// the voice baseline and arousal exactly as the audio did. A sender that measures voice features itself may send
/// `voice` events instead of audio.
public struct VoiceWindow: Sendable, Equatable, Codable {
    /// The wire name of this event, its `"type"`.
    public static let eventType = "voice"
    /// The longest window accepted, milliseconds.
    public static let longestMs = 60_000

    /// The call's id (JSON `"call"`).
    public var callID: String
    /// Milliseconds since the call started at which the window begins.
    public var at: Int
    /// Whose side of the line: `customer` or `agent`.
    public var track: SpeakerRole
    /// How long the window lasts, milliseconds (JSON `"duration"`).
    public var durationMs: Int
    public var features: VoiceFeatures

    public init(callID: String, at: Int, track: SpeakerRole, durationMs: Int, features: VoiceFeatures) {
        self.callID = callID
        self.at = at
        self.track = track
        self.durationMs = durationMs
        self.features = features
    }

    /// Reads the fields; the version and type are checked by `CallEvent`, which is how a line should be decoded.
    public init(from decoder: any Decoder) throws {
        let fields = try EventFieldReader(decoder, event: Self.eventType)
        callID = try fields.string("call")
        at = try fields.int("at")
        track = try fields.case(SpeakerRole.self, "track")
        durationMs = try fields.int("duration")
        let nested = try fields.required(try fields.nestedDecoder("features"), "features")
        features = try VoiceFeatures(from: nested, event: Self.eventType, path: "features.")
        try validate()
    }

    /// Writes the whole line, `"v"` and `"type"` included.
    public func encode(to encoder: any Encoder) throws {
        var out = try EventFieldWriter(encoder, type: Self.eventType, callID: callID, at: at)
        try out.encode(track, "track")
        try out.encode(durationMs, "duration")
        try out.encode(features, "features")
    }

    /// Checks the track is a person's, the duration is 1 ms to a minute, and the features are in range.
    public func validate() throws(CallEventError) {
        let rules = EventRules(event: Self.eventType)
        try rules.common(callID: callID, at: at)
        if track == .bot { throw rules.failure("\"track\" must be customer or agent") }
        if !(1...Self.longestMs).contains(durationMs) { throw rules.failure("\"duration\" must be from 1 to \(Self.longestMs) milliseconds") }
        try features.validate(EventRules(event: Self.eventType, path: "features."), seconds: Double(durationMs) / 1000)
    }
}

extension VoiceFeatures {
    /// Decodes the `features` object of a `voice` line; messages name the event and the full field path.
    init(from decoder: any Decoder, event: String, path: String) throws(CallEventError) {
        let fields = try EventFieldReader(decoder, event: event, path: path, notAnObject: "\(event): \"features\" must be an object")
        self.init(
            speech: try fields.optionalDouble("speech") ?? 0, voiced: try fields.optionalDouble("voiced") ?? 0,
            syllables: try fields.optionalInt("syllables") ?? 0, pauses: try fields.optionalDouble("pauses") ?? 0,
            longPauses: try fields.optionalInt("longPauses") ?? 0, activity: try fields.optionalString("activity") ?? "",
            loudness: try fields.optionalDouble("loudness"), loudnessSpread: try fields.optionalDouble("loudnessSpread"),
            pitch: try fields.optionalDouble("pitch"), pitchSpread: try fields.optionalDouble("pitchSpread"),
            pitchRange: try fields.optionalDouble("pitchRange"), harmonicity: try fields.optionalDouble("harmonicity"),
            brightness: try fields.optionalDouble("brightness"))
    }

    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, event: "features", path: "")
    }

    public func encode(to encoder: any Encoder) throws {
        var out = EventFieldWriter(nested: encoder)
        try out.encode(speech, "speech")
        try out.encode(voiced, "voiced")
        try out.encode(syllables, "syllables")
        try out.encode(pauses, "pauses")
        try out.encode(longPauses, "longPauses")
        try out.encode(activity, "activity")
        try out.encodeIfFinite(loudness, "loudness")
        try out.encodeIfFinite(loudnessSpread, "loudnessSpread")
        try out.encodeIfFinite(pitch, "pitch")
        try out.encodeIfFinite(pitchSpread, "pitchSpread")
        try out.encodeIfFinite(pitchRange, "pitchRange")
        try out.encodeIfFinite(harmonicity, "harmonicity")
        try out.encodeIfFinite(brightness, "brightness")
    }

    /// Seconds within the window's length, counts not negative, activity of "0" and "1" (one per 100 ms at most), voiced
    /// statistics finite and present together.
    func validate(_ rules: EventRules, seconds: Double) throws(CallEventError) {
        for (value, name) in [(speech, "speech"), (voiced, "voiced")] where !(value.isFinite && value >= 0 && value <= seconds + 0.01) {
            throw rules.failure("\"\(rules.path)\(name)\" must be from 0 to the window's length in seconds")
        }
        if !(pauses.isFinite && pauses >= 0 && pauses <= CallEvent.largestMagnitude) {
            throw rules.failure("\"\(rules.path)pauses\" must be a number of seconds, 0 or more")
        }
        if voiced > speech + 0.01 { throw rules.failure("\"\(rules.path)voiced\" must not exceed \"\(rules.path)speech\"") }
        try rules.notNegative(syllables, "syllables")
        try rules.notNegative(longPauses, "longPauses")
        if activity.utf8.contains(where: { $0 != UInt8(ascii: "0") && $0 != UInt8(ascii: "1") }) || activity.utf8.count > Int(seconds * 10) + 1 {
            throw rules.failure("\"\(rules.path)activity\" must be \"0\"s and \"1\"s, one for each 100 ms of the window")
        }
        let statistics = [
            (loudness, "loudness"), (loudnessSpread, "loudnessSpread"), (pitch, "pitch"), (pitchSpread, "pitchSpread"),
            (pitchRange, "pitchRange"), (harmonicity, "harmonicity"), (brightness, "brightness"),
        ]
        for (value, name) in statistics {
            try rules.finite(value, name)
            if voiced > 0 && value == nil { throw rules.failure("\"\(rules.path)\(name)\" is required when \"\(rules.path)voiced\" is above 0") }
        }
    }
}
