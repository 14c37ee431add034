import Foundation

/// Encodes `Encodable` values as compact JSON with sorted keys, byte for byte as Foundation's `JSONEncoder` does with
/// `[.sortedKeys, .withoutEscapingSlashes]` and `.iso8601` dates, in a fraction of its time: the server encodes every
/// event and output it logs, and Foundation's encoder (a dictionary per object, a dynamic cast per value, a copy of the
/// coding path per container) was a tenth of its CPU under load (docs/performance.md).
///
/// Values are gathered into a small tree (objects keep their keys in an array: a key set twice keeps its last value, as
/// Foundation's does), then written once. Dates, data and URLs — rare here — are handed to Foundation as they are, so
/// their forms cannot drift. Non-finite numbers throw, as Foundation's default strategy does.
public enum SortedJSON {
    /// The JSON text of `value`.
    public static func string(_ value: some Encodable) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        try write(value, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the JSON text of `value` to `bytes`.
    public static func write(_ value: some Encodable, into bytes: inout [UInt8]) throws {
        let node = try SortedJSONNode.encoding(value, parent: nil, key: nil)
        node.write(into: &bytes)
    }

    /// The JSON text of `value`, which encodes as an object, with `members` put in among its own keys where they sort:
    /// JSON text this encoder has already written, taken as it is. What a large part of several values shares (a
    /// hand-off packet in its notice, its follow-up and the follow-up's row) is encoded once. A member whose key the
    /// value also has replaces the value's.
    public static func string(_ value: some Encodable, adding members: [(key: String, json: String)]) throws -> String {
        let node = try SortedJSONNode.encoding(value, parent: nil, key: nil)
        guard case .object(let object) = node else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: [], debugDescription: "members are added to an object only"))
        }
        for member in members { object.set(member.key, .raw(Array(member.json.utf8))) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512 + members.reduce(0) { $0 + $1.json.utf8.count })
        node.write(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `utf8` goes into a JSON string as it is: no control character, quote or backslash (nearly every string).
    public static func needsNoEscape(_ utf8: some Sequence<UInt8>) -> Bool {
        utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }

    /// `text` as a JSON string, quotes included.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        SortedJSONNode.writeString(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What Foundation makes of the values this encoder leaves to it.
    static let foundation: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

/// One value on its way out: a scalar already written as JSON, or an object or array still being filled.
enum SortedJSONNode {
    case null
    case bool(Bool)
    /// A number as it is written.
    case number(String)
    case string(String)
    /// JSON text as Foundation wrote it.
    case raw([UInt8])
    case object(SortedJSONObject)
    case array(SortedJSONArray)

    /// Encodes `value` on its own.
    static func encoding<Value: Encodable>(_ value: Value, parent: SortedJSONValueEncoder?, key: (any CodingKey)?) throws -> SortedJSONNode {
        // Type identity, not casts: the common scalars go straight to their node.
        if Value.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if Value.self == Int.self { return .number(String(unsafeBitCast(value, to: Int.self))) }
        if Value.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if Value.self == Double.self {
            return .number(try float(unsafeBitCast(value, to: Double.self), at: SortedJSONValueEncoder(parent: parent, key: key)))
        }
        // What Foundation encodes in its own way is taken from Foundation.
        if Value.self == Date.self || Value.self == Data.self || Value.self == URL.self || Value.self == Decimal.self {
            return .raw(Array(try SortedJSON.foundation.encode(value)))
        }
        let encoder = SortedJSONValueEncoder(parent: parent, key: key)
        try value.encode(to: encoder)
        return encoder.node ?? .object(SortedJSONObject())
    }

    /// A number as Foundation writes it: its description without a trailing `.0`. (`at` is only made for an error.)
    static func float<F: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: F, at place: @autoclosure () -> SortedJSONValueEncoder?
    ) throws -> String {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: place()?.codingPath ?? [], debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        return finiteText(value)
    }

    /// A finite number's text: its description without a trailing `.0`.
    static func finiteText<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) -> String {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    func write(into bytes: inout [UInt8]) {
        switch self {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): bytes.append(contentsOf: text.utf8)
        case .raw(let raw): bytes.append(contentsOf: raw)
        case .string(let text): Self.writeString(text, into: &bytes)
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            // Sorted in place and stably: of a key set more than once, the last value set is the last of its run.
            object.members.sort { SortedJSONObject.precedes($0.key, $1.key) }
            var first = true
            for (index, member) in object.members.enumerated() {
                if index + 1 < object.members.count, object.members[index + 1].key == member.key { continue }
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                Self.writeString(member.key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                member.value.write(into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        case .array(let array):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in array.elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                element.write(into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `text` quoted and escaped as Foundation escapes it: quote, backslash and control characters; slashes and
    /// everything else as they are.
    static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Nearly every string needs no escape: one pass over its bytes, then one copy.
        let plain =
            text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
                guard SortedJSON.needsNoEscape(utf8) else { return false }
                bytes.append(contentsOf: utf8)
                return true
            } ?? false
        if !plain {
            for byte in text.utf8 {
                let escape: UInt8? =
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte
                    case 0x0A: UInt8(ascii: "n")
                    case 0x0D: UInt8(ascii: "r")
                    case 0x09: UInt8(ascii: "t")
                    case 0x08: UInt8(ascii: "b")
                    case 0x0C: UInt8(ascii: "f")
                    default: nil
                    }
                if let escape {
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(escape)
                } else if byte < 0x20 {
                    bytes.append(contentsOf: "\\u00".utf8)
                    bytes.append(hexDigits[Int(byte >> 4)])
                    bytes.append(hexDigits[Int(byte & 0x0F)])
                } else {
                    bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// An object being filled: its members in the order they were set. A key set again is set again (no search on each
/// set: a value's keys are nearly always distinct); the last value set is the one written.
final class SortedJSONObject {
    var members: [(key: String, value: SortedJSONNode)] = []

    func set(_ key: String, _ value: SortedJSONNode) {
        members.append((key, value))
    }

    /// Whether `left` sorts before `right`, byte by byte in UTF-8 as Foundation sorts keys.
    static func precedes(_ left: String, _ right: String) -> Bool {
        let compared =
            left.utf8.withContiguousStorageIfAvailable { left in
                right.utf8.withContiguousStorageIfAvailable { right in
                    let common = min(left.count, right.count)
                    let order = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
                    return order != 0 ? order < 0 : left.count < right.count
                }
            } ?? nil
        return compared ?? left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// The object already at `key`, or a new one put there.
    func object(at key: String) -> SortedJSONObject {
        if let index = members.lastIndex(where: { $0.key == key }), case .object(let object) = members[index].value { return object }
        let object = SortedJSONObject()
        set(key, .object(object))
        return object
    }

    /// The array already at `key`, or a new one put there.
    func array(at key: String) -> SortedJSONArray {
        if let index = members.lastIndex(where: { $0.key == key }), case .array(let array) = members[index].value { return array }
        let array = SortedJSONArray()
        set(key, .array(array))
        return array
    }
}

/// An array being filled.
final class SortedJSONArray {
    var elements: [SortedJSONNode] = []
}

/// The encoder a value's `encode(to:)` is given: it takes one container (asking for a keyed one again returns the same
/// object, so that a type and its wrapper may both add keys) or one single value. It is also where its value sits: its
/// parent and key, made into a coding path only when asked (an error's context).
final class SortedJSONValueEncoder: Encoder {
    let parent: SortedJSONValueEncoder?
    let key: (any CodingKey)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    fileprivate(set) var node: SortedJSONNode?

    init(parent: SortedJSONValueEncoder?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var place: SortedJSONValueEncoder? = self
        while let here = place {
            if let key = here.key { keys.append(key) }
            place = here.parent
        }
        return keys.reversed()
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: SortedJSONObject
        if case .object(let existing) = node {
            object = existing
        } else {
            object = SortedJSONObject()
            node = .object(object)
        }
        return KeyedEncodingContainer(SortedJSONKeyedContainer<Key>(object: object, owner: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: SortedJSONArray
        if case .array(let existing) = node {
            array = existing
        } else {
            array = SortedJSONArray()
            node = .array(array)
        }
        return SortedJSONUnkeyedContainer(array: array, owner: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SortedJSONSingleValue(encoder: self) }
}

/// A super-encoder: what its value encodes goes into the parent's object or array once the encoder is let go of.
private final class SortedJSONDeferredEncoder: Encoder {
    let inner: SortedJSONValueEncoder
    let finish: (SortedJSONNode) -> Void
    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(parent: SortedJSONValueEncoder, key: any CodingKey, finish: @escaping (SortedJSONNode) -> Void) {
        inner = SortedJSONValueEncoder(parent: parent, key: key)
        self.finish = finish
    }

    deinit { finish(inner.node ?? .object(SortedJSONObject())) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { inner.container(keyedBy: type) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { inner.unkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { inner.singleValueContainer() }
}

private struct SortedJSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: SortedJSONObject
    /// The encoder whose value this object is.
    let owner: SortedJSONValueEncoder
    var codingPath: [any CodingKey] { owner.codingPath }

    private func set(_ key: Key, _ node: SortedJSONNode) { object.set(key.stringValue, node) }
    private func number(_ value: some BinaryInteger) -> SortedJSONNode { .number(String(value)) }
    private func place(_ key: Key) -> SortedJSONValueEncoder { SortedJSONValueEncoder(parent: owner, key: key) }

    mutating func encodeNil(forKey key: Key) throws { set(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, .number(try SortedJSONNode.float(value, at: place(key)))) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(key, .number(try SortedJSONNode.float(value, at: place(key)))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, number(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, number(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, number(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, number(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, number(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, number(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, number(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, number(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, number(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, number(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try SortedJSONNode.encoding(value, parent: owner, key: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(SortedJSONKeyedContainer<NestedKey>(object: object.object(at: key.stringValue), owner: place(key)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SortedJSONUnkeyedContainer(array: object.array(at: key.stringValue), owner: place(key))
    }

    mutating func superEncoder() -> any Encoder {
        let object = object
        return SortedJSONDeferredEncoder(parent: owner, key: SortedJSONKey("super")) { object.set("super", $0) }
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let object = object
        return SortedJSONDeferredEncoder(parent: owner, key: key) { object.set(key.stringValue, $0) }
    }
}

/// A key of the encoder's own: `super`, or an array index.
private struct SortedJSONKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ name: String) { stringValue = name }
    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.init(index: intValue) }
}

private struct SortedJSONUnkeyedContainer: UnkeyedEncodingContainer {
    let array: SortedJSONArray
    /// The encoder whose value this array is.
    let owner: SortedJSONValueEncoder
    var codingPath: [any CodingKey] { owner.codingPath }
    var count: Int { array.elements.count }

    /// The key of the next element.
    private var index: SortedJSONKey { SortedJSONKey(index: count) }
    private var place: SortedJSONValueEncoder { SortedJSONValueEncoder(parent: owner, key: index) }

    mutating func encodeNil() throws { array.elements.append(.null) }
    mutating func encode(_ value: Bool) throws { array.elements.append(.bool(value)) }
    mutating func encode(_ value: String) throws { array.elements.append(.string(value)) }
    mutating func encode(_ value: Double) throws { array.elements.append(.number(try SortedJSONNode.float(value, at: place))) }
    mutating func encode(_ value: Float) throws { array.elements.append(.number(try SortedJSONNode.float(value, at: place))) }
    mutating func encode(_ value: Int) throws { array.elements.append(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { array.elements.append(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { array.elements.append(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { array.elements.append(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { array.elements.append(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { array.elements.append(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { array.elements.append(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { array.elements.append(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { array.elements.append(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { array.elements.append(.number(String(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.elements.append(try SortedJSONNode.encoding(value, parent: owner, key: index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let object = SortedJSONObject()
        let nested = KeyedEncodingContainer(SortedJSONKeyedContainer<NestedKey>(object: object, owner: place))
        array.elements.append(.object(object))
        return nested
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = SortedJSONArray()
        let container = SortedJSONUnkeyedContainer(array: nested, owner: place)
        array.elements.append(.array(nested))
        return container
    }

    mutating func superEncoder() -> any Encoder {
        let array = array
        let index = array.elements.count
        let encoder = SortedJSONDeferredEncoder(parent: owner, key: self.index) { array.elements[index] = $0 }
        array.elements.append(.null)
        return encoder
    }
}

private struct SortedJSONSingleValue: SingleValueEncodingContainer {
    let encoder: SortedJSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node = .null }
    mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.node = .string(value) }
    mutating func encode(_ value: Double) throws { encoder.node = .number(try SortedJSONNode.float(value, at: encoder)) }
    mutating func encode(_ value: Float) throws { encoder.node = .number(try SortedJSONNode.float(value, at: encoder)) }
    mutating func encode(_ value: Int) throws { encoder.node = .number(String(value)) }
    mutating func encode(_ value: Int8) throws { encoder.node = .number(String(value)) }
    mutating func encode(_ value: Int16) throws { encoder.node = .number(String(value)) }
    mutating func encode(_ value: Int32) throws { encoder.node = .number(String(value)) }
    mutating func encode(_ value: Int64) throws { encoder.node = .number(String(value)) }
    mutating func encode(_ value: UInt) throws { encoder.node = .number(String(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.node = .number(String(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.node = .number(String(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.node = .number(String(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.node = .number(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        // The value takes this encoder's place: it encodes as if it were the value itself.
        encoder.node = try SortedJSONNode.encoding(value, parent: encoder.parent, key: encoder.key)
    }
}
