import UndertoneEngine

/// A WebSocket close status code (RFC 6455, section 7.4.1) as a plain number, so that adapters stay free of any
/// WebSocket library; the server maps it to its own type by the raw value.
public struct WebSocketCloseCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// 1000: the purpose of the connection is fulfilled.
    public static let normal = WebSocketCloseCode(rawValue: 1000)
    /// 1001: the server is going away (shutting down).
    public static let goingAway = WebSocketCloseCode(rawValue: 1001)
    /// 1003: data of a type the endpoint cannot accept (a binary frame where text is expected, an unsupported format).
    public static let unsupportedData = WebSocketCloseCode(rawValue: 1003)
    /// 1007: data inconsistent with the message type (malformed JSON, a bad field, bad base64).
    public static let invalidPayload = WebSocketCloseCode(rawValue: 1007)
    /// 1008: a message that violates the protocol's rules (order, sequence numbers, credentials).
    public static let policyViolation = WebSocketCloseCode(rawValue: 1008)
    /// 1009: a message too big to process.
    public static let messageTooBig = WebSocketCloseCode(rawValue: 1009)
    /// 1011: an unexpected condition on the server.
    public static let internalError = WebSocketCloseCode(rawValue: 1011)

    public var description: String { String(rawValue) }

    /// A close frame's reason holds at most 123 bytes of UTF-8: longer reasons are cut at a character boundary.
    public static func fitReason(_ reason: String, limit: Int = 123) -> String {
        guard reason.utf8.count > limit else { return reason }
        var cut = ""
        for character in reason {
            if cut.utf8.count + String(character).utf8.count > limit - 3 { break }
            cut.append(character)
        }
        return cut + "..."
    }
}

/// How the server should close the WebSocket: the code and the reason to send in the close frame.
public struct AdapterClose: Sendable, Equatable {
    public var code: WebSocketCloseCode
    /// At most 123 bytes of UTF-8.
    public var reason: String

    public init(code: WebSocketCloseCode, reason: String) {
        self.code = code
        self.reason = WebSocketCloseCode.fitReason(reason)
    }

    /// The close for an error: its code and its description.
    public init(_ error: AdapterError) {
        self.init(code: error.closeCode, reason: error.description)
    }
}

/// What to do after an adapter read a message, in order.
public enum AdapterOutput: Sendable, Equatable {
    /// A call event to ingest (after checking the session's credentials: see each adapter).
    case event(CallEvent)
    /// A text message to send back on the WebSocket.
    case send(String)
    /// Close the WebSocket now, with this code and reason.
    case close(AdapterClose)
    /// Something worth a log line that changes nothing: an ignored message, an error the other side reported.
    case notice(String)
}

/// What an adapter does with a message type its protocol does not define.
public enum UnknownMessagePolicy: Sendable, Equatable {
    /// Skip it (a notice is still output), so that a vendor's new message types do not end calls.
    case ignore
    /// Refuse it with `AdapterError.unknownMessageType`.
    case reject
}

extension [AdapterOutput] {
    /// The call events among the outputs, in order.
    public var events: [CallEvent] {
        compactMap {
            if case .event(let event) = $0 { return event }
            return nil
        }
    }

    /// The text messages to send, in order.
    public var messages: [String] {
        compactMap {
            if case .send(let text) = $0 { return text }
            return nil
        }
    }

    /// The close instruction, if any.
    public var close: AdapterClose? {
        for output in self {
            if case .close(let close) = output { return close }
        }
        return nil
    }
}
