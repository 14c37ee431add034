/// A customer turn's readings by signal: what a `[SignalName: Double]` would hold, in a slot per signal, so that
/// recording a turn and reading a signal back (every rule, every turn) neither hashes nor allocates.
public struct SignalReadings: Sendable, Equatable, Sequence, CustomStringConvertible {
    private var values = InlineArray<12, Double>(repeating: 0)
    /// A bit per signal that has a reading.
    private var present: UInt16 = 0

    public init() {}

    public subscript(name: SignalName) -> Double? {
        get { present & 1 << name.slot != 0 ? values[name.slot] : nil }
        set {
            if let newValue {
                values[name.slot] = newValue
                present |= 1 << name.slot
            } else {
                present &= ~(1 << name.slot)
            }
        }
    }

    public var isEmpty: Bool { present == 0 }

    /// The readings as a dictionary, those of the signals `include` admits.
    public func dictionary(where include: (SignalName) -> Bool = { _ in true }) -> [SignalName: Double] {
        var dictionary: [SignalName: Double] = [:]
        for (name, value) in self where include(name) { dictionary[name] = value }
        return dictionary
    }

    /// Each signal that has a reading and its value, in `SignalName`'s order.
    public func makeIterator() -> some IteratorProtocol<(key: SignalName, value: Double)> {
        SignalName.allCases.lazy.compactMap { name in self[name].map { (key: name, value: $0) } }.makeIterator()
    }

    public static func == (lhs: SignalReadings, rhs: SignalReadings) -> Bool {
        lhs.present == rhs.present && SignalName.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }

    public var description: String { dictionary().description }
}

extension SignalName {
    /// The signal's slot in ``SignalReadings``: its place among the cases.
    var slot: Int {
        switch self {
        case .stress: 0
        case .frustration: 1
        case .confusion: 2
        case .anxiety: 3
        case .sadness: 4
        case .satisfaction: 5
        case .peak: 6
        case .historyRisk: 7
        case .vocalStress: 8
        case .fusedStress: 9
        case .mismatch: 10
        case .friction: 11
        }
    }
}
