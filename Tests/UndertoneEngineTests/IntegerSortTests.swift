import Testing

@testable import UndertoneEngine

@Suite("Integer sort")
struct IntegerSortTests {
    /// Arrays a quicksort finds hard (sorted, reversed, all equal, organ pipes, few values) and random ones, every
    /// length from 0 to 300, against the standard library's sort.
    @Test("the same order as sort() for random and adversarial arrays of every length up to 300")
    func sameAsStandardSort() {
        var generator = SplitMix64(seed: 17)
        for count in 0...300 {
            let random = (0..<count).map { _ in Int64.random(in: -1_000_000...1_000_000, using: &generator) }
            let shapes: [[Int64]] = [
                random,
                random.sorted(),
                random.sorted(by: >),
                Array(repeating: 7, count: count),
                (0..<count).map { Int64(min($0, count - $0)) },
                (0..<count).map { _ in Int64.random(in: 0...3, using: &generator) },
                (0..<count).map { Int64($0 % 5 == 0 ? count - $0 : $0) },
            ]
            for shape in shapes {
                var sorted = shape
                IntegerSort.sort(&sorted)
                #expect(sorted == shape.sorted(), "\(count) elements")
            }
        }
    }

    @Test("the radix path: non-negative arrays of every length up to 300 and of every width, as sort() orders them")
    func radixSameAsStandardSort() {
        var generator = SplitMix64(seed: 23)
        for count in 0...300 {
            for width in [1, 8, 9, 20, 33, 57, 63] {
                let top = Int64.max >> (63 - width)
                let random = (0..<count).map { _ in Int64.random(in: 0...top, using: &generator) }
                // A byte the same in every element (its pass skipped) and runs of equal values.
                let shapes = [random, random.map { $0 | 0xAB00 }, random.map { $0 & ~0xFF }, random.sorted(by: >), random.map { $0 % 3 }]
                for shape in shapes {
                    var sorted = shape
                    IntegerSort.sort(&sorted)
                    #expect(sorted == shape.sorted(), "\(count) elements of \(width) bits")
                }
            }
        }
        var wide = (0..<1_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        let wideExpected = wide.sorted()
        IntegerSort.sort(&wide)
        #expect(wide == wideExpected)
    }

    @Test("keys that carry their position in their low bits are sorted whole by their high bits alone")
    func orderedLowBits() {
        var generator = SplitMix64(seed: 31)
        for count in [0, 1, 2, 63, 64, 65, 200, 1_000] {
            for buckets in [1, 4, 1 << 20, 1 << 25] {
                let keys = (0..<count).map { Int64.random(in: 0..<Int64(buckets), using: &generator) << 32 | Int64($0) }
                var sorted = keys
                IntegerSort.sort(&sorted, orderedBelowBit: 32)
                #expect(sorted == keys.sorted(), "\(count) keys in \(buckets) buckets")
            }
        }
    }

    @Test("narrow and wide types: Int32 with its extremes, UInt64 with the top bit set, Int")
    func otherTypes() {
        var generator = SplitMix64(seed: 5)
        var narrow = (0..<500).map { _ in Int32.random(in: Int32.min...Int32.max, using: &generator) } + [Int32.min, Int32.max, 0]
        let narrowExpected = narrow.sorted()
        IntegerSort.sort(&narrow)
        #expect(narrow == narrowExpected)
        var wide = (0..<500).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        let wideExpected = wide.sorted()
        IntegerSort.sort(&wide)
        #expect(wide == wideExpected)
        // Many equal keys in a long array: the partition must not go quadratic or lose elements.
        var plain = (0..<5_000).map { _ in Int.random(in: 0...2, using: &generator) }
        let plainExpected = plain.sorted()
        IntegerSort.sort(&plain)
        #expect(plain == plainExpected)
    }
}

/// The engine's seedable generator, for `Int.random(in:using:)`: a failure can be replayed.
extension SplitMix64: RandomNumberGenerator {}
