import UndertoneEngine

/// A JSON text (RFC 8259) read straight into a ``JSONValue``, a byte at a time, on the engine's `JSONScanner`.
///
/// Telephony streams send a JSON message every 20 ms a track (Twilio's `media`); decoding each through `JSONDecoder` and
/// `JSONValue`'s `Decodable` conformance (which tries each kind of value in turn, throwing for every miss) took some 40%
/// of a server's CPU under Twilio load. This reads the same texts to the same values and refuses what `JSONDecoder`
/// refuses: anything but one value with whitespace around it, numbers outside JSON's grammar or beyond a `Double`,
/// control characters in strings, bad escapes (a lone UTF-16 surrogate too), and nesting deeper than ``maximumDepth``.
/// An object's repeated key keeps its first value, as `JSONDecoder` does. Where the two differ this follows RFC 8259: a
/// comma before a closing bracket, which `JSONDecoder` lets through, is refused; a zero with an exponent (`0e2`), which
/// it refuses, is a number; so is one too small for a `Double` (`1e-400`, read as 0).
struct JSONValueParser {
    /// Arrays and objects inside one another at most (as `JSONDecoder`): deeper is refused, not a deep recursion.
    static let maximumDepth = 512

    struct Failure: Error {}

    private var scanner: JSONScanner

    /// The value `text` holds; throws ``Failure`` for anything that is not exactly one JSON value.
    static func parse(_ text: String) throws(Failure) -> JSONValue {
        var text = text
        let value = text.withUTF8 { bytes -> JSONValue? in
            var parser = JSONValueParser(scanner: JSONScanner(bytes: bytes))
            parser.scanner.skipSpace()
            guard let value = parser.value(depth: 0) else { return nil }
            parser.scanner.skipSpace()
            return parser.scanner.atEnd ? value : nil
        }
        guard let value else { throw Failure() }
        return value
    }

    private mutating func value(depth: Int) -> JSONValue? {
        switch scanner.current {
        case UInt8(ascii: "{"): return object(depth: depth + 1)
        case UInt8(ascii: "["): return array(depth: depth + 1)
        case UInt8(ascii: "\""): return scanner.string().map(JSONValue.string)
        case UInt8(ascii: "t"): return scanner.take("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return scanner.take("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return scanner.take("null") ? .null : nil
        case nil: return nil
        default: return number().map(JSONValue.number)
        }
    }

    /// The members of an object, or the elements of an array, up to `close`: `element` reads one (after the whitespace
    /// before it) and is false when it fails.
    private mutating func members(close: UInt8, depth: Int, _ element: (inout JSONValueParser) -> Bool) -> Bool {
        guard depth <= Self.maximumDepth else { return false }
        scanner.index += 1
        scanner.skipSpace()
        if scanner.take(close) { return true }
        while true {
            scanner.skipSpace()
            guard element(&self) else { return false }
            scanner.skipSpace()
            if scanner.take(UInt8(ascii: ",")) { continue }
            return scanner.take(close)
        }
    }

    private mutating func object(depth: Int) -> JSONValue? {
        var object: [String: JSONValue] = [:]
        let read = members(close: UInt8(ascii: "}"), depth: depth) { parser in
            guard let key = parser.scanner.string() else { return false }
            parser.scanner.skipSpace()
            guard parser.scanner.take(UInt8(ascii: ":")) else { return false }
            parser.scanner.skipSpace()
            guard let member = parser.value(depth: depth) else { return false }
            if object[key] == nil { object[key] = member }
            return true
        }
        return read ? .object(object) : nil
    }

    private mutating func array(depth: Int) -> JSONValue? {
        var array: [JSONValue] = []
        let read = members(close: UInt8(ascii: "]"), depth: depth) { parser in
            guard let element = parser.value(depth: depth) else { return false }
            array.append(element)
            return true
        }
        return read ? .array(array) : nil
    }

    /// A number in JSON's grammar (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`), read as the nearest `Double`.
    private mutating func number() -> Double? {
        let start = scanner.index
        func digits(_ scanner: inout JSONScanner) -> Bool {
            guard scanner.digit(at: scanner.index) else { return false }
            while scanner.digit(at: scanner.index) { scanner.index += 1 }
            return true
        }
        _ = scanner.take(UInt8(ascii: "-"))
        if !scanner.take(UInt8(ascii: "0")) {
            guard digits(&scanner) else { return nil }
        }
        if scanner.take(UInt8(ascii: ".")) {
            guard digits(&scanner) else { return nil }
        }
        if scanner.take(UInt8(ascii: "e")) || scanner.take(UInt8(ascii: "E")) {
            if !scanner.take(UInt8(ascii: "+")) { _ = scanner.take(UInt8(ascii: "-")) }
            guard digits(&scanner) else { return nil }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[start..<scanner.index]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else { return nil }
        return number
    }
}
