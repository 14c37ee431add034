/// CRC-32 (the zlib/IEEE polynomial) over UTF-8 bytes: the feature hash shared with `training/features.py`.
struct CRC32: Sendable {
    private let table: [UInt32]

    static let shared = CRC32()

    private init() {
        table = (0..<256).map { index in
            var value = UInt32(index)
            for _ in 0..<8 {
                value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
            }
            return value
        }
    }

    /// The running state before any byte.
    static let initial: UInt32 = 0xFFFF_FFFF

    /// Feeds bytes into a running state; the checksum is `~state`.
    @inline(__always)
    func update<Bytes: Sequence>(_ state: UInt32, _ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var state = state
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                state = table[Int((state ^ UInt32(byte)) & 0xFF)] ^ (state >> 8)
            }
        }
        return state
    }

    func checksum(_ string: String) -> UInt32 {
        ~update(Self.initial, string.utf8)
    }
}
