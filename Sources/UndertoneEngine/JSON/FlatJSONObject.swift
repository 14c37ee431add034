/// A JSON object whose values are all scalars, read in one pass over its UTF-8 bytes: the shape of nearly every event
/// line, read here without Foundation's decoder (a twentieth of the server's time per event went to it: docs/performance.md).
///
/// It reads only what it is sure of and gives up (nil) on anything else — a nested object or array, a key given twice, a
/// `\u` escape of half a surrogate pair, `-0`, an integer beyond 64 bits, an exponent, a long fraction, anything that
/// is not JSON — so that the caller hands those lines to Foundation, whose answer (or error) stays the reference.
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
        var reader = Reader(bytes: bytes)
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
                guard let value = reader.value() else { return nil }
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

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func take(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
            index += count
            return true
        }

        mutating func value() -> Value? {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return take("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return take("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return take("null") ? .null : nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return nil
            }
        }

        /// A string, its escapes undone; nil at a control character, a bad escape or a lone surrogate.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            // The common case: no escape, one copy of the bytes.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }
            var unescaped = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: unescaped, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                    case UInt8(ascii: "b"): unescaped.append(0x08)
                    case UInt8(ascii: "f"): unescaped.append(0x0C)
                    case UInt8(ascii: "n"): unescaped.append(0x0A)
                    case UInt8(ascii: "r"): unescaped.append(0x0D)
                    case UInt8(ascii: "t"): unescaped.append(0x09)
                    case UInt8(ascii: "u"):
                        guard let code = hex4(), !(0xD800...0xDFFF).contains(code), let scalar = Unicode.Scalar(code) else { return nil }
                        unescaped.append(contentsOf: UTF8.encode(scalar)!)
                    default: return nil
                    }
                default:
                    if byte < 0x20 { return nil }
                    unescaped.append(byte)
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard bytes.count - index >= 4 else { return nil }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                code = code << 4 | UInt32(digit)
                index += 1
            }
            return code
        }

        private func digit(at position: Int) -> Bool {
            position < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
        }

        /// A number by JSON's grammar without an exponent: `-? (0 | [1-9][0-9]*) (. [0-9]+)?`.
        mutating func number() -> Value? {
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
}
