/// Feature key → column, looked up many times a turn (every word and character n-gram of the customer's words): an
/// open-addressed table probed linearly, the key mixed by one multiplication. A `Dictionary` hashed each key with
/// SipHash, two-thirds of the vocabulary's time per text.
struct ColumnTable: Sendable {
    /// A key and its column side by side, so that a probe reads one cache line, not one in each of two arrays (the
    /// table is megabytes: most probes miss the cache).
    private struct Slot {
        var key: UInt64
        /// -1 where the slot is empty.
        var column: Int32
    }

    private let slots: [Slot]
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
        var slots = [Slot](repeating: Slot(key: 0, column: -1), count: size)
        for (column, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot].column >= 0, slots[slot].key != key { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key, column: Int32(column))
        }
        self.slots = slots
    }

    subscript(key: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let entry = slots[slot]
                if entry.column < 0 { return nil }
                if entry.key == key { return entry.column }
                slot = (slot + 1) & mask
            }
        }
    }
}
