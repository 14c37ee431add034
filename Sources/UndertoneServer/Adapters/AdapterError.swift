/// Why a telephony adapter refused what the telephony sent. Each error names the WebSocket close code to use (RFC 6455)
/// and the HTTP-style status AudioHook's messages speak in; `description` is written for the integrator.
public enum AdapterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A text message larger than the adapter accepts, or a binary frame larger than it accepts.
    case tooBig(size: Int, limit: Int)
    /// The text is not JSON, or not a JSON object.
    case malformedJSON(String)
    /// A field is missing, of the wrong type or out of range; the reason names the message and the field.
    case invalidMessage(String)
    /// Audio that cannot be read: bad base64, an empty or ragged frame.
    case invalidAudio(String)
    /// A media format this build does not take (an encoding, rate or channel layout).
    case unsupportedMedia(String)
    /// A protocol version this build does not speak.
    case unsupportedVersion(String)
    /// A binary frame on a protocol that sends only text, or the reverse.
    case unsupportedFrame(String)
    /// A message type the protocol does not define (refused when the adapter is configured to refuse them).
    case unknownMessageType(String)
    /// A message that is valid on its own but not now: media before start, audio before open, anything after the end.
    case unexpectedMessage(String)
    /// A sequence number skipped ahead: messages were lost.
    case sequenceGap(expected: Int, received: Int)
    /// A sequence number seen already.
    case duplicateSequence(Int)
    /// A sequence number lower than one seen already.
    case sequenceOutOfOrder(expected: Int, received: Int)
    /// An identifier that differs from the session's (a stream, session or organisation id).
    case sessionMismatch(String)
    /// The credentials were missing or wrong (checked by the server, which then terminates the session with this).
    case unauthorized(String)
    /// The other side did not do something in time (measured by the server: adapters read no clock).
    case timeout(String)
    /// The call the messages describe does not make a valid call event (an id or a language tag of the wrong shape).
    case invalidCall(String)
    /// A fault on our side.
    case internalError(String)

    /// The WebSocket close code for this error.
    public var closeCode: WebSocketCloseCode {
        switch self {
        case .tooBig: .messageTooBig
        case .malformedJSON, .invalidMessage, .invalidAudio, .invalidCall: .invalidPayload
        case .unsupportedMedia, .unsupportedVersion, .unsupportedFrame, .unknownMessageType: .unsupportedData
        case .unexpectedMessage, .sequenceGap, .duplicateSequence, .sequenceOutOfOrder, .sessionMismatch, .unauthorized, .timeout:
            .policyViolation
        case .internalError: .internalError
        }
    }

    /// The HTTP-style status for this error, from the codes AudioHook's `error` messages use (400, 405, 408, 409, 413,
    /// 415, 500) and 401 for credentials.
    public var statusCode: Int {
        switch self {
        case .tooBig: 413
        case .malformedJSON, .invalidMessage, .invalidAudio, .unsupportedVersion, .unsupportedFrame, .sessionMismatch, .invalidCall: 400
        case .unsupportedMedia: 415
        case .unknownMessageType: 405
        case .unexpectedMessage, .sequenceGap, .duplicateSequence, .sequenceOutOfOrder: 409
        case .unauthorized: 401
        case .timeout: 408
        case .internalError: 500
        }
    }

    public var description: String {
        switch self {
        case .tooBig(let size, let limit): "message of \(size) bytes is over the limit of \(limit)"
        case .malformedJSON(let reason): "malformed JSON: \(reason)"
        case .invalidMessage(let reason): reason
        case .invalidAudio(let reason): "invalid audio: \(reason)"
        case .unsupportedMedia(let reason): "unsupported media: \(reason)"
        case .unsupportedVersion(let reason): "unsupported protocol version: \(reason)"
        case .unsupportedFrame(let reason): reason
        case .unknownMessageType(let type): "unknown message type \"\(type)\""
        case .unexpectedMessage(let reason): "unexpected message: \(reason)"
        case .sequenceGap(let expected, let received): "sequence gap: expected \(expected), received \(received) (messages were lost)"
        case .duplicateSequence(let number): "duplicate sequence number \(number)"
        case .sequenceOutOfOrder(let expected, let received): "sequence out of order: expected \(expected), received \(received)"
        case .sessionMismatch(let reason): "session mismatch: \(reason)"
        case .unauthorized(let reason): "unauthorized: \(reason)"
        case .timeout(let reason): "timeout: \(reason)"
        case .invalidCall(let reason): "invalid call: \(reason)"
        case .internalError(let reason): "internal error: \(reason)"
        }
    }

    /// The description cut to fit a WebSocket close frame's reason (at most 123 bytes of UTF-8).
    public var closeReason: String { WebSocketCloseCode.fitReason(description) }
}
