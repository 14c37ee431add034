extension Sequence<UInt8> {
    /// The bytes as lowercase hexadecimal, two digits each. (`String(format: "%02x")` a byte costs a locale-aware
    /// format each time: hashing an API key that way was 5% of a request's CPU.) One buffer, sized for a SHA-256 digest
    /// when the sequence does not tell its length (a digest does not), and the string: every request's key is hashed.
    var lowercaseHex: String {
        var text: [UInt8] = []
        text.reserveCapacity(Swift.max(underestimatedCount, 32) * 2)
        for byte in self {
            text.append(hexDigit(byte >> 4))
            text.append(hexDigit(byte & 0x0f))
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The lowercase hexadecimal digit of a value 0–15, as an ASCII byte.
private func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
}
