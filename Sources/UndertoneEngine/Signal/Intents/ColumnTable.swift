/// Feature key → column, looked up many times a turn (every word and character n-gram of the customer's words): an
/// open-addressed table probed linearly, the key mixed by one multiplication. A `Dictionary` hashed each key with
/// SipHash, two-thirds of the vocabulary's time per text.
struct ColumnTable: Sendable {
    private let slotKeys: [UInt64]
    /// The column in each slot, -1 where the slot is empty.
    private let slotColumns: [Int32]
    private let shift: UInt64
    private let mask: Int

    /// The table of `keys`, each at its position (a key given twice keeps its last, as a dictionary would).
    init(_ keys: [UInt64]) {
        // At most half full: probes stay short.
        var bits = 4
        while 1 << bits < keys.count * 2 { bits += 1 }
        let size = 1 << bits
        shift = UInt64(64 - bits)
        mask = size - 1
        var slotKeys = [UInt64](repeating: 0, count: size)
        var slotColumns = [Int32](repeating: -1, count: size)
        for (column, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slotColumns[slot] >= 0, slotKeys[slot] != key { slot = (slot + 1) & mask }
            slotKeys[slot] = key
            slotColumns[slot] = Int32(column)
        }
        self.slotKeys = slotKeys
        self.slotColumns = slotColumns
    }

    subscript(key: UInt64) -> Int32? {
        slotKeys.withUnsafeBufferPointer { keys in
            slotColumns.withUnsafeBufferPointer { columns in
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while true {
                    let column = columns[slot]
                    if column < 0 { return nil }
                    if keys[slot] == key { return column }
                    slot = (slot + 1) & mask
                }
            }
        }
    }
}
