import Testing

@testable import UndertoneEngine

@Suite("Signal readings")
struct SignalReadingsTests {
    @Test("a slot per signal reads, writes, clears, iterates and compares as a dictionary of the same readings does")
    func likeADictionary() {
        var random = SplitMix64(seed: 5)
        for _ in 0..<500 {
            var readings = SignalReadings()
            var dictionary: [SignalName: Double] = [:]
            for _ in 0..<random.below(30) {
                let name = SignalName.allCases[random.below(SignalName.allCases.count)]
                let value: Double? = random.below(4) == 0 ? nil : Double(random.below(1_000)) / 1_000
                readings[name] = value
                dictionary[name] = value
            }
            #expect(readings.dictionary() == dictionary)
            #expect(readings.isEmpty == dictionary.isEmpty)
            for name in SignalName.allCases { #expect(readings[name] == dictionary[name]) }
            // Iteration gives each reading once, in the signals' order.
            let listed = readings.map(\.key)
            #expect(listed == SignalName.allCases.filter { dictionary[$0] != nil })
            #expect(readings.dictionary(where: \.isVoice) == dictionary.filter { $0.key.isVoice })
            var copy = SignalReadings()
            for (name, value) in dictionary { copy[name] = value }
            #expect(copy == readings)
            if let (name, value) = dictionary.first {
                copy[name] = value + 1
                #expect(copy != readings)
                copy[name] = nil
                #expect(copy != readings)
            }
        }
        #expect(Set(SignalName.allCases.map(\.slot)) == Set(0..<SignalName.allCases.count), "a slot each")
    }
}
