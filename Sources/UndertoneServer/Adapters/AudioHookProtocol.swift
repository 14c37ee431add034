import Foundation

/// One audio channel of an AudioHook stream, as Genesys Cloud names them.
public enum AudioHookChannel: String, Sendable, Hashable, CaseIterable {
    /// The party outside the organisation: the customer.
    case external
    /// The party inside it: the agent (or a flow, before one answers).
    case `internal`
}

/// A media format offered in `open` and chosen in `opened`.
public struct AudioHookMedia: Sendable, Equatable {
    /// `audio`.
    public var type: String
    /// `PCMU` (µ-law) or `L16`.
    public var format: String
    /// One or two channels, in the order their samples are interleaved.
    public var channels: [AudioHookChannel]
    /// Samples a second (8000).
    public var rate: Int

    public init(type: String = "audio", format: String = "PCMU", channels: [AudioHookChannel], rate: Int = 8000) {
        self.type = type
        self.format = format
        self.channels = channels
        self.rate = rate
    }

    /// Whether Undertone takes this format: PCMU audio at 8 kHz, one channel or both.
    public var isSupported: Bool {
        type == "audio" && format == "PCMU" && rate == 8000 && !channels.isEmpty && channels.count <= 2 && Set(channels).count == channels.count
    }

    var json: JSONValue {
        .object([
            "type": .string(type), "format": .string(format), "channels": .array(channels.map { .string($0.rawValue) }),
            "rate": .number(Double(rate)),
        ])
    }

    init(json: JSONValue, fields: JSONFields) throws(AdapterError) {
        guard case .object(let object) = json else { throw fields.failure("every \"parameters.media\" entry must be an object") }
        let entry = JSONFields(object, message: fields.message, path: "parameters.media[].")
        type = try entry.string("type")
        format = try entry.string("format")
        rate = try entry.integer("rate")
        var channels: [AudioHookChannel] = []
        for value in try entry.array("channels") {
            guard let name = value.stringValue, let channel = AudioHookChannel(rawValue: name) else {
                throw entry.failure("\"parameters.media[].channels\" must hold \"external\" and/or \"internal\"")
            }
            channels.append(channel)
        }
        self.channels = channels
    }

    /// The offer Undertone chooses: PCMU at 8 kHz, both channels first, then the external channel alone, then the
    /// internal one alone; nil when none is offered.
    public static func choose(from offers: [AudioHookMedia]) -> AudioHookMedia? {
        let supported = offers.filter(\.isSupported)
        return supported.first { $0.channels.count == 2 } ?? supported.first { $0.channels == [.external] } ?? supported.first
    }
}

/// Why the server asks the client to end the session (`disconnect`'s `reason`).
public enum AudioHookDisconnectReason: String, Sendable, Equatable, CaseIterable {
    /// The server is done with the session.
    case completed
    /// The credentials were refused.
    case unauthorized
    /// Something went wrong; `info` says what.
    case error
}

/// The headers of the HTTP request that opens an AudioHook WebSocket, which carry the credentials and the session's ids.
///
/// Genesys Cloud sends the integration's API key in `X-API-KEY`, and signs the request (`Signature`,
/// `Signature-Input`, HMAC-SHA256 over these headers with the integration's client secret) when a secret is
/// configured; checking the signature is the server's business, with the raw headers.
public struct AudioHookUpgrade: Sendable, Equatable {
    public static let apiKeyHeader = "X-API-KEY"
    public static let organizationIdHeader = "Audiohook-Organization-Id"
    public static let sessionIdHeader = "Audiohook-Session-Id"
    public static let correlationIdHeader = "Audiohook-Correlation-Id"
    public static let signatureHeader = "Signature"
    public static let signatureInputHeader = "Signature-Input"

    /// The API key the server must check before (or instead of) upgrading.
    public var apiKey: String?
    public var organizationId: String?
    /// The session's id: every message's `id` must be this.
    public var sessionId: String?
    public var correlationId: String?
    /// Whether the request is signed (the server verifies it).
    public var isSigned: Bool

    public init(apiKey: String? = nil, organizationId: String? = nil, sessionId: String? = nil, correlationId: String? = nil, isSigned: Bool = false)
    {
        self.apiKey = apiKey
        self.organizationId = organizationId
        self.sessionId = sessionId
        self.correlationId = correlationId
        self.isSigned = isSigned
    }

    /// Reads the headers by name, ignoring case; a header given twice keeps its first value.
    public init(headers: some Sequence<(name: String, value: String)>) {
        var values: [String: String] = [:]
        for header in headers where values[header.name.lowercased()] == nil {
            values[header.name.lowercased()] = header.value
        }
        self.init(
            apiKey: values[Self.apiKeyHeader.lowercased()], organizationId: values[Self.organizationIdHeader.lowercased()],
            sessionId: values[Self.sessionIdHeader.lowercased()], correlationId: values[Self.correlationIdHeader.lowercased()],
            isSigned: values[Self.signatureHeader.lowercased()] != nil && values[Self.signatureInputHeader.lowercased()] != nil)
    }
}

/// AudioHook's times: ISO 8601 durations in seconds (`PT0S`, `PT12.345S`), read into samples at 8 kHz.
enum AudioHookDuration {
    static let samplesPerSecond = 8000

    /// The number of samples a duration spans, or nil if the text is not a duration of the form `PT<seconds>S`.
    static func samples(_ text: String) -> Int? {
        guard text.hasPrefix("PT"), text.hasSuffix("S"), text.count > 3 else { return nil }
        let number = text.dropFirst(2).dropLast()
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        let isDigits = { (part: Substring) in part.utf8.allSatisfy { (48...57).contains($0) } }
        guard isDigits(whole), isDigits(fraction), whole.count <= 9, !(parts.count == 2 && fraction.isEmpty), !(whole.isEmpty && fraction.isEmpty)
        else { return nil }
        let seconds = Int(whole) ?? 0
        let nanoseconds = Int(String(fraction.prefix(9)).padding(toLength: 9, withPad: "0", startingAt: 0)) ?? 0
        return seconds * samplesPerSecond + (nanoseconds * 8 + 500_000) / 1_000_000
    }
}
