import Foundation

/// A JSON value without a schema: telephony messages read field by field (so every refusal can name the field), and
/// response bodies built without a type for each.
enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 9.0e15 { try container.encode(Int(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses one text message (``JSONValueParser``); anything but a JSON object is refused.
    static func parseObject(_ text: String) throws(AdapterError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONValueParser.parse(text)
        } catch {
            throw .malformedJSON("the message is not valid JSON")
        }
        guard case .object(let object) = value else { throw .malformedJSON("the message is not a JSON object") }
        return object
    }

    /// Writes a value as compact JSON with sorted keys (the same message always reads the same).
    func serialized() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Cannot fail: a JSONValue holds only strings, finite numbers, booleans, null, arrays and objects.
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// A string, or a number or boolean written as one (Twilio's custom parameters are strings, but a sender may not
    /// quote a number).
    var stringValue: String? {
        switch self {
        case .string(let value): value
        case .number(let value): value.rounded() == value && abs(value) < 9.0e15 ? String(Int(value)) : String(value)
        case .bool(let value): String(value)
        case .null, .array, .object: nil
        }
    }
}

/// Reads the fields of one JSON object and refuses, naming the message and the field, whatever is missing or ill-typed.
struct JSONFields {
    let object: [String: JSONValue]
    /// The message being read, for error messages ("start", "open").
    let message: String
    /// The path of this object inside the message ("start.", "parameters.").
    let path: String

    init(_ object: [String: JSONValue], message: String, path: String = "") {
        self.object = object
        self.message = message
        self.path = path
    }

    func failure(_ reason: String) -> AdapterError { .invalidMessage("\(message): \(reason)") }
    func name(_ key: String) -> String { "\"\(path)\(key)\"" }

    /// The value, or nil when absent or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func optionalString(_ key: String) throws(AdapterError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let string) = value else { throw failure("\(name(key)) must be a string") }
        return string
    }

    func string(_ key: String) throws(AdapterError) -> String {
        guard let string = try optionalString(key) else { throw failure("missing \(name(key))") }
        return string
    }

    func nonEmptyString(_ key: String) throws(AdapterError) -> String {
        let string = try string(key)
        guard !string.isEmpty else { throw failure("\(name(key)) must not be empty") }
        return string
    }

    /// An integer written as a JSON number or as a string of digits (Twilio writes its counters as strings).
    func optionalInteger(_ key: String) throws(AdapterError) -> Int? {
        guard let value = value(key) else { return nil }
        switch value {
        case .number(let number) where number.rounded() == number && number >= 0 && number < 9.0e15:
            return Int(number)
        case .string(let string) where !string.isEmpty && string.utf8.count <= 15 && string.utf8.allSatisfy({ (48...57).contains($0) }):
            return Int(string)
        default:
            throw failure("\(name(key)) must be a whole number, 0 or more")
        }
    }

    func integer(_ key: String) throws(AdapterError) -> Int {
        guard let number = try optionalInteger(key) else { throw failure("missing \(name(key))") }
        return number
    }

    func optionalBool(_ key: String) throws(AdapterError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let bool) = value else { throw failure("\(name(key)) must be true or false") }
        return bool
    }

    func optionalObject(_ key: String) throws(AdapterError) -> JSONFields? {
        guard let value = value(key) else { return nil }
        guard case .object(let object) = value else { throw failure("\(name(key)) must be an object") }
        return JSONFields(object, message: message, path: "\(path)\(key).")
    }

    func object(_ key: String) throws(AdapterError) -> JSONFields {
        guard let fields = try optionalObject(key) else { throw failure("missing \(name(key))") }
        return fields
    }

    func optionalArray(_ key: String) throws(AdapterError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let array) = value else { throw failure("\(name(key)) must be an array") }
        return array
    }

    func array(_ key: String) throws(AdapterError) -> [JSONValue] {
        guard let array = try optionalArray(key) else { throw failure("missing \(name(key))") }
        return array
    }
}
