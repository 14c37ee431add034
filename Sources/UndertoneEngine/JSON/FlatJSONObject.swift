/// A JSON object whose values are all scalars, read in one pass over its UTF-8 bytes: the shape of nearly every event
/// line, read here without Foundation's decoder (a twentieth of the server's time per event went to it: docs/performance.md).
///
/// It reads only what it is sure of and gives up (nil) on anything else — a nested object or array, a key given twice, a
/// `\u` escape of half a surrogate pair (a whole pair is read), `-0`, an integer beyond 64 bits, an exponent, a long
/// fraction, anything that is not JSON — so that the caller hands those lines to Foundation, whose answer (or error)
/// stays the reference.
struct FlatJSONObject {
    enum Value: Equatable {
        case string(String)
        /// A number written without a fraction or an exponent.
        case integer(Int)
        /// Any other number.
        case number(Double)
        case bool(Bool)
        case null
    }

    private(set) var members: [(key: String, value: Value)] = []

    /// Reads `bytes`, which must be valid UTF-8 (the bytes of a Swift string), as one object with optional whitespace
    /// around it; nil when it is not a flat object this reader is sure of.
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        var reader = JSONScanner(bytes: bytes)
        reader.skipSpace()
        guard reader.take(UInt8(ascii: "{")) else { return nil }
        reader.skipSpace()
        if !reader.take(UInt8(ascii: "}")) {
            members.reserveCapacity(12)
            while true {
                reader.skipSpace()
                guard let key = reader.string() else { return nil }
                reader.skipSpace()
                guard reader.take(UInt8(ascii: ":")) else { return nil }
                reader.skipSpace()
                guard let value = reader.flatValue() else { return nil }
                // Which of two values of one key a decoder keeps is its own choice: left to it.
                guard !members.contains(where: { $0.key == key }) else { return nil }
                members.append((key, value))
                reader.skipSpace()
                if reader.take(UInt8(ascii: ",")) { continue }
                guard reader.take(UInt8(ascii: "}")) else { return nil }
                break
            }
        }
        reader.skipSpace()
        guard reader.atEnd else { return nil }
    }

    subscript(key: String) -> Value? {
        members.first { $0.key == key }?.value
    }
}

/// The flat reader's values and numbers, on the shared scanner.
extension JSONScanner {
    mutating func flatValue() -> FlatJSONObject.Value? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string().map(FlatJSONObject.Value.string)
        case UInt8(ascii: "t"): return take("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return take("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return take("null") ? .null : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return flatNumber()
        default: return nil
        }
    }

    /// A number by JSON's grammar without an exponent: `-? (0 | [1-9][0-9]*) (. [0-9]+)?`.
    mutating func flatNumber() -> FlatJSONObject.Value? {
        let start = index
        let negative = take(UInt8(ascii: "-"))
        guard digit(at: index) else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if digit(at: index) { return nil }
        } else {
            while digit(at: index) { index += 1 }
        }
        let integerEnd = index
        var isInteger = true
        if take(UInt8(ascii: ".")) {
            isInteger = false
            guard digit(at: index) else { return nil }
            while digit(at: index) { index += 1 }
        }
        // Exponents, and fractions long enough to underflow, are left to Foundation: it refuses some that are valid
        // JSON ("0e5", "1e-400"), and what it refuses must stay refused.
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") { return nil }
        if !isInteger, index - start > 24 { return nil }
        if isInteger {
            var value = 0
            for position in (start + (negative ? 1 : 0))..<integerEnd {
                let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
                let digit = Int(bytes[position] - UInt8(ascii: "0"))
                let (sum, overflowSum) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                if overflowTimes || overflowSum { return nil }
                value = sum
            }
            if negative && value == 0 { return nil }
            return .integer(value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return .number(value)
    }
}
