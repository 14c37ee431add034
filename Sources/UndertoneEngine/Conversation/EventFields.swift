/// A JSON object key by its wire name: events are read and written field by field so that every failure can name the field.
struct EventKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}

/// Reads one event's fields and turns every decoding failure into a `CallEventError` naming the event type and the field,
/// so that an integrator reads "turn: \"speaker\" must be customer, agent or bot" rather than a coding path.
struct EventFieldReader {
    /// Prefix of every message ("turn"), or nil before the type is known.
    let event: String?
    /// Prefix of every field name ("history." inside `call_started`).
    let path: String
    let container: KeyedDecodingContainer<EventKey>

    init(_ decoder: any Decoder, event: String?, path: String = "", notAnObject: String = "expected a JSON object") throws(CallEventError) {
        self.event = event
        self.path = path
        do {
            container = try decoder.container(keyedBy: EventKey.self)
        } catch {
            throw .invalid(notAnObject)
        }
    }

    func failure(_ reason: String) -> CallEventError {
        .invalid(event.map { "\($0): \(reason)" } ?? reason)
    }

    func name(_ key: EventKey) -> String { "\"\(path)\(key.stringValue)\"" }

    /// Whether the field is there and not `null` (a `null` reads as absent).
    func isPresent(_ key: EventKey) -> Bool {
        guard container.contains(key) else { return false }
        return !((try? container.decodeNil(forKey: key)) ?? true)
    }

    func required<Value>(_ value: Value?, _ key: EventKey) throws(CallEventError) -> Value {
        guard let value else { throw failure("missing \(name(key))") }
        return value
    }

    private func optional<Value: Decodable>(_ type: Value.Type, _ key: EventKey, expected: String) throws(CallEventError) -> Value? {
        guard isPresent(key) else { return nil }
        do {
            return try container.decode(Value.self, forKey: key)
        } catch {
            throw failure("\(name(key)) must be \(expected)")
        }
    }

    func optionalString(_ key: EventKey) throws(CallEventError) -> String? {
        try optional(String.self, key, expected: "a string")
    }

    func string(_ key: EventKey) throws(CallEventError) -> String {
        try required(optionalString(key), key)
    }

    func optionalInt(_ key: EventKey) throws(CallEventError) -> Int? {
        try optional(Int.self, key, expected: "an integer")
    }

    func int(_ key: EventKey) throws(CallEventError) -> Int {
        try required(optionalInt(key), key)
    }

    func optionalDouble(_ key: EventKey) throws(CallEventError) -> Double? {
        try optional(Double.self, key, expected: "a number")
    }

    func optionalBool(_ key: EventKey) throws(CallEventError) -> Bool? {
        try optional(Bool.self, key, expected: "true or false")
    }

    func optionalCase<Value: RawRepresentable & CaseIterable>(_ type: Value.Type, _ key: EventKey) throws(CallEventError) -> Value?
    where Value.RawValue == String {
        guard isPresent(key) else { return nil }
        guard let raw = try? container.decode(String.self, forKey: key), let value = Value(rawValue: raw) else {
            throw failure("\(name(key)) must be \(EventText.choices(Value.allCases.map(\.rawValue)))")
        }
        return value
    }

    func `case`<Value: RawRepresentable & CaseIterable>(_ type: Value.Type, _ key: EventKey) throws(CallEventError) -> Value
    where Value.RawValue == String {
        try required(optionalCase(type, key), key)
    }

    /// A decoder for a nested object field, or nil when the field is absent or `null`.
    func nestedDecoder(_ key: EventKey) throws(CallEventError) -> (any Decoder)? {
        guard isPresent(key) else { return nil }
        do {
            return try container.superDecoder(forKey: key)
        } catch {
            throw failure("\(name(key)) must be an object")
        }
    }
}

/// Range checks shared by decoding and by `validate()` on events built in Swift.
struct EventRules {
    let event: String
    var path: String = ""

    func failure(_ reason: String) -> CallEventError { .invalid("\(event): \(reason)") }

    func nonEmpty(_ value: String, _ key: String) throws(CallEventError) {
        if value.isEmpty { throw failure("\"\(path)\(key)\" must not be empty") }
    }

    func nonEmpty(_ value: String?, _ key: String) throws(CallEventError) {
        if let value { try nonEmpty(value, key) }
    }

    /// A whole number from 0 to `largest`: every number from outside is bounded, so that no sum or difference of them
    /// can overflow anywhere downstream.
    func notNegative(_ value: Int?, _ key: String, atMost largest: Int = CallEvent.largestCount) throws(CallEventError) {
        guard let value else { return }
        if value < 0 { throw failure("\"\(path)\(key)\" must be 0 or more") }
        if value > largest { throw failure("\"\(path)\(key)\" must be at most \(largest)") }
    }

    /// A time on the call's clock: milliseconds from 0 to `CallEvent.latestAt`.
    func time(_ value: Int?, _ key: String) throws(CallEventError) {
        try notNegative(value, key, atMost: CallEvent.latestAt)
    }

    /// A finite number no larger in size than `CallEvent.largestMagnitude`.
    func finite(_ value: Double?, _ key: String) throws(CallEventError) {
        guard let value else { return }
        if !value.isFinite { throw failure("\"\(path)\(key)\" must be a finite number") }
        if abs(value) > CallEvent.largestMagnitude { throw failure("\"\(path)\(key)\" must be between -1e12 and 1e12") }
    }

    /// The fields every event carries.
    func common(callID: String, at: Int) throws(CallEventError) {
        try nonEmpty(callID, "call")
        try time(at, "at")
    }
}

/// Writes the fields every event line carries ("v" and "type") and skips values JSON cannot hold.
struct EventFieldWriter {
    var container: KeyedEncodingContainer<EventKey>

    init(_ encoder: any Encoder, type: String, callID: String, at: Int) throws {
        container = encoder.container(keyedBy: EventKey.self)
        try container.encode(CallEvent.formatVersion, forKey: "v")
        try container.encode(type, forKey: "type")
        try container.encode(callID, forKey: "call")
        try container.encode(at, forKey: "at")
    }

    init(nested encoder: any Encoder) {
        container = encoder.container(keyedBy: EventKey.self)
    }

    mutating func encode(_ value: some Encodable, _ key: EventKey) throws {
        try container.encode(value, forKey: key)
    }

    mutating func encodeIfPresent(_ value: (some Encodable)?, _ key: EventKey) throws {
        try container.encodeIfPresent(value, forKey: key)
    }

    /// Non-finite numbers are left out rather than failing the whole line (decoding rejects them, so they never arrive).
    mutating func encodeIfFinite(_ value: Double?, _ key: EventKey) throws {
        if let value, value.isFinite { try container.encode(value, forKey: key) }
    }
}

enum EventText {
    /// "a, b or c".
    static func choices(_ values: [String]) -> String {
        guard values.count > 1 else { return values.first ?? "" }
        return values.dropLast().joined(separator: ", ") + " or " + values[values.count - 1]
    }
}
