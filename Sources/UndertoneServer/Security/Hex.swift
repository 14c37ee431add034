extension Sequence<UInt8> {
    /// The bytes as lowercase hexadecimal, two digits each. (`String(format: "%02x")` a byte costs a locale-aware
    /// format each time: hashing an API key that way was 5% of a request's CPU.)
    var lowercaseHex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
