import Foundation

/// How an audio frame's samples are coded.
public enum AudioEncoding: String, CaseIterable, Codable, Sendable, Hashable {
    /// G.711 µ-law, one byte a sample (telephony's usual form).
    case pcmu
    /// Linear 16-bit signed PCM, little-endian, two bytes a sample.
    case pcm16

    /// Bytes per sample.
    public var bytesPerSample: Int {
        switch self {
        case .pcmu: 1
        case .pcm16: 2
        }
    }
}

/// A slice of one side of a voice call's audio, mono. Defined with the vocabulary; the voice features consume it.
public struct AudioFrame: Sendable, Equatable, Codable {
    /// The wire name of this event, its `"type"`.
    public static let eventType = "audio"
    /// The sample rates a frame may have.
    public static let sampleRates = [8000, 16000]

    /// The call's id (JSON `"call"`).
    public var callID: String
    /// Milliseconds since the call started at which the frame's first sample was heard.
    public var at: Int
    /// Whose side of the line: `customer` or `agent` (a bot has no track of its own).
    public var track: SpeakerRole
    public var encoding: AudioEncoding
    /// Samples a second (JSON `"rate"`): 8000 or 16000.
    public var sampleRate: Int
    /// The coded samples (JSON `"data"`, base64).
    public var samples: [UInt8]

    public init(callID: String, at: Int, track: SpeakerRole, encoding: AudioEncoding, sampleRate: Int, samples: [UInt8]) {
        self.callID = callID
        self.at = at
        self.track = track
        self.encoding = encoding
        self.sampleRate = sampleRate
        self.samples = samples
    }

    /// How long the frame lasts, in whole milliseconds.
    public var durationMs: Int {
        guard sampleRate > 0 else { return 0 }
        return samples.count / encoding.bytesPerSample * 1000 / sampleRate
    }

    /// Reads the fields; the version and type are checked by `CallEvent`, which is how a line should be decoded.
    public init(from decoder: any Decoder) throws {
        let fields = try EventFieldReader(decoder, event: Self.eventType)
        callID = try fields.string("call")
        at = try fields.int("at")
        track = try fields.case(SpeakerRole.self, "track")
        encoding = try fields.case(AudioEncoding.self, "encoding")
        sampleRate = try fields.int("rate")
        let base64 = try fields.string("data")
        guard let data = Data(base64Encoded: base64) else { throw fields.failure("\"data\" must be base64") }
        samples = [UInt8](data)
        try validate()
    }

    /// Writes the whole line, `"v"` and `"type"` included.
    public func encode(to encoder: any Encoder) throws {
        var out = try EventFieldWriter(encoder, type: Self.eventType, callID: callID, at: at)
        try out.encode(track, "track")
        try out.encode(encoding, "encoding")
        try out.encode(sampleRate, "rate")
        try out.encode(Data(samples).base64EncodedString(), "data")
    }

    /// Checks the track is a person's, the rate is 8000 or 16000, and 16-bit audio holds whole samples.
    public func validate() throws(CallEventError) {
        let rules = EventRules(event: Self.eventType)
        try rules.common(callID: callID, at: at)
        if track == .bot { throw rules.failure("\"track\" must be customer or agent") }
        if !Self.sampleRates.contains(sampleRate) { throw rules.failure("\"rate\" must be 8000 or 16000") }
        if samples.count % encoding.bytesPerSample != 0 {
            throw rules.failure("\"data\" must hold whole 16-bit samples (an even number of bytes) for pcm16")
        }
    }
}
