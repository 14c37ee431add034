import Foundation
import Testing
import UndertoneEngine

@Suite("G711")
struct G711Tests {
    @Test("µ-law decodes the standard's values")
    func muLawKnownValues() {
        #expect(G711.MuLaw.decode(0xFF) == 0)
        #expect(G711.MuLaw.decode(0x7F) == 0)
        #expect(G711.MuLaw.decode(0x00) == -32124)
        #expect(G711.MuLaw.decode(0x80) == 32124)
        #expect(G711.MuLaw.decode(0xFE) == 8)
        #expect(G711.MuLaw.decode(0x7E) == -8)
        #expect(G711.MuLaw.decode(0xF0) == 120)
        #expect(G711.MuLaw.decode(0xEF) == 132)
        #expect(G711.MuLaw.decode(0x0F) == -16764)
    }

    @Test("µ-law encodes the standard's values, clipping at the ends")
    func muLawEncodeKnownValues() {
        #expect(G711.MuLaw.encode(0) == 0xFF)
        #expect(G711.MuLaw.encode(-1) == 0x7F)
        #expect(G711.MuLaw.encode(8) == 0xFE)
        #expect(G711.MuLaw.encode(-8) == 0x7E)
        #expect(G711.MuLaw.encode(Int16.max) == 0x80)
        #expect(G711.MuLaw.encode(Int16.min) == 0x00)
        #expect(G711.MuLaw.encode(32124) == 0x80)
        #expect(G711.MuLaw.encode(-32124) == 0x00)
    }

    @Test("A-law decodes and encodes the standard's values")
    func aLawKnownValues() {
        #expect(G711.ALaw.decode(0xD5) == 8)
        #expect(G711.ALaw.decode(0x55) == -8)
        #expect(G711.ALaw.decode(0xAA) == 32256)
        #expect(G711.ALaw.decode(0x2A) == -32256)
        #expect(G711.ALaw.decode(0x80) == 5504)
        #expect(G711.ALaw.decode(0x00) == -5504)
        #expect(G711.ALaw.encode(0) == 0xD5)
        #expect(G711.ALaw.encode(-1) == 0x55)
        #expect(G711.ALaw.encode(Int16.max) == 0xAA)
        #expect(G711.ALaw.encode(Int16.min) == 0x2A)
    }

    @Test("every code survives decode then encode (µ-law's negative zero becomes zero)")
    func roundTripCodes() {
        for code in UInt8.min...UInt8.max {
            let muLaw = G711.MuLaw.encode(G711.MuLaw.decode(code))
            #expect(muLaw == (code == 0x7F ? 0xFF : code), "µ-law \(code)")
            #expect(G711.ALaw.encode(G711.ALaw.decode(code)) == code, "A-law \(code)")
        }
    }

    @Test("decoding is symmetric: flipping the sign bit negates the sample")
    func symmetry() {
        for code in UInt8.min...UInt8.max {
            #expect(G711.MuLaw.decode(code ^ 0x80) == -G711.MuLaw.decode(code))
            #expect(G711.ALaw.decode(code ^ 0x80) == -G711.ALaw.decode(code))
        }
    }

    @Test("encoding is monotonic and its error stays within half a step of the segment")
    func quantisationError() {
        var previousMu = Int.min
        var previousA = Int.min
        for value in stride(from: -32768, through: 32767, by: 1) {
            let sample = Int16(value)
            let mu = Int(G711.MuLaw.decode(G711.MuLaw.encode(sample)))
            let a = Int(G711.ALaw.decode(G711.ALaw.encode(sample)))
            #expect(mu >= previousMu && a >= previousA)
            previousMu = mu
            previousA = a
            // Steps double every segment: the error is at most about 1/16 of the magnitude, plus the finest step.
            let limit = abs(value) / 16 + 16
            if abs(value) <= 32124 { #expect(abs(mu - value) <= limit, "µ-law \(value) → \(mu)") }
            if abs(value) <= 32256 { #expect(abs(a - value) <= limit, "A-law \(value) → \(a)") }
        }
    }

    @Test("sequences decode and encode sample by sample")
    func sequences() {
        let samples: [Int16] = [0, 100, -100, 1000, -1000, 30000, -30000]
        let muLaw = G711.MuLaw.encode(samples)
        #expect(muLaw == samples.map(G711.MuLaw.encode))
        #expect(G711.MuLaw.decode(muLaw) == muLaw.map(G711.MuLaw.decode))
        let aLaw = G711.ALaw.encode(samples)
        #expect(G711.ALaw.decode(aLaw) == aLaw.map(G711.ALaw.decode))
    }

    @Test("a 440 Hz tone survives µ-law coding with a signal-to-noise ratio above 35 dB")
    func toneFidelity() {
        let tone = (0..<8000).map { Int16((12000 * sin(2 * Double.pi * 440 * Double($0) / 8000)).rounded()) }
        let decoded = G711.MuLaw.decode(G711.MuLaw.encode(tone))
        let signal = tone.reduce(0.0) { $0 + Double($1) * Double($1) }
        let noise = zip(tone, decoded).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
        #expect(10 * log10(signal / noise) > 35)
    }
}
