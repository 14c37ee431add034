import Foundation

/// A seeded source of randomness (SplitMix64): the same seed gives the same demo calls on every machine and every run.
public struct DemoRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }

    /// A number in `range`.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One of `items` (which must not be empty).
    mutating func pick<Item>(_ items: [Item]) -> Item {
        items[Int(next() % UInt64(items.count))]
    }

    /// One of `items`, chosen with the weights given.
    mutating func pick<Item>(weighted items: [(Item, Double)]) -> Item {
        let total = items.reduce(0) { $0 + max(0, $1.1) }
        var target = unit() * total
        for (item, weight) in items where weight > 0 {
            target -= weight
            if target < 0 { return item }
        }
        return items[items.count - 1].0
    }

    /// A standard normal number (Box–Muller).
    mutating func gaussian() -> Double {
        (-2 * log(max(unit(), 1e-300))).squareRoot() * cos(2 * Double.pi * unit())
    }

    /// A seed for an independent stream derived from this one.
    mutating func fork() -> UInt64 {
        next()
    }
}
