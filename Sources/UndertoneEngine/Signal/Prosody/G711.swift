/// ITU-T G.711 companding: the 8-bit µ-law (North America, Japan) and A-law (elsewhere) codes that telephony carries,
/// to and from 16-bit linear samples.
///
/// Decoding is a 256-entry table; encoding is a 65 536-entry table built once from the standard's segment rules, so
/// both directions are one array read a sample. µ-law and A-law decode to the standard's 14- and 13-bit values scaled to
/// 16 bits (µ-law `0x00` → -32124, `0xFF` → 0; A-law `0xD5` → 8, `0x2A` → -32256).
public enum G711 {
    /// G.711 µ-law: the code Twilio, AudioHook (PCMU) and most North American telephony send.
    public enum MuLaw {
        /// The linear sample an 8-bit code stands for.
        @inlinable
        public static func decode(_ code: UInt8) -> Int16 { muLawDecodeTable[Int(code)] }

        /// The 8-bit code nearest to a linear sample (the standard's quantisation; magnitudes above 32635 clip).
        @inlinable
        public static func encode(_ sample: Int16) -> UInt8 { muLawEncodeTable[Int(UInt16(bitPattern: sample))] }

        /// Decodes a run of codes.
        public static func decode(_ codes: some Sequence<UInt8>) -> [Int16] {
            let table = muLawDecodeTable
            return codes.map { table[Int($0)] }
        }

        /// Encodes a run of samples.
        public static func encode(_ samples: some Sequence<Int16>) -> [UInt8] {
            let table = muLawEncodeTable
            return samples.map { table[Int(UInt16(bitPattern: $0))] }
        }
    }

    /// G.711 A-law: the code European and most international telephony sends (PCMA).
    public enum ALaw {
        /// The linear sample an 8-bit code stands for.
        @inlinable
        public static func decode(_ code: UInt8) -> Int16 { aLawDecodeTable[Int(code)] }

        /// The 8-bit code nearest to a linear sample (the standard's quantisation).
        @inlinable
        public static func encode(_ sample: Int16) -> UInt8 { aLawEncodeTable[Int(UInt16(bitPattern: sample))] }

        /// Decodes a run of codes.
        public static func decode(_ codes: some Sequence<UInt8>) -> [Int16] {
            let table = aLawDecodeTable
            return codes.map { table[Int($0)] }
        }

        /// Encodes a run of samples.
        public static func encode(_ samples: some Sequence<Int16>) -> [UInt8] {
            let table = aLawEncodeTable
            return samples.map { table[Int(UInt16(bitPattern: $0))] }
        }
    }
}

// The tables are immutable globals: initialised once, lazily and thread-safely, then shared read-only.

@usableFromInline
let muLawDecodeTable: [Int16] = (0...255).map { G711Rules.muLawDecode(UInt8($0)) }

@usableFromInline
let muLawEncodeTable: [UInt8] = (0...65535).map { G711Rules.muLawEncode(Int16(bitPattern: UInt16($0))) }

@usableFromInline
let aLawDecodeTable: [Int16] = (0...255).map { G711Rules.aLawDecode(UInt8($0)) }

@usableFromInline
let aLawEncodeTable: [UInt8] = (0...65535).map { G711Rules.aLawEncode(Int16(bitPattern: UInt16($0))) }

/// The standard's segment arithmetic, used only to fill the tables.
enum G711Rules {
    /// µ-law adds this bias before finding the segment, so that every segment's steps line up.
    static let muLawBias = 0x84
    /// The largest magnitude µ-law represents once biased (14 bits less the bias).
    static let muLawClip = 32635

    /// The segment (exponent) of a biased magnitude: the position of its highest set bit above bit 7, 0...7.
    static func segment(_ value: Int, above lowBit: Int) -> Int {
        var segment = 0
        var rest = value >> lowBit
        while rest > 1 && segment < 7 {
            rest >>= 1
            segment += 1
        }
        return segment
    }

    static func muLawEncode(_ sample: Int16) -> UInt8 {
        var magnitude = Int(sample)
        let sign = magnitude < 0 ? 0x80 : 0
        if magnitude < 0 { magnitude = -magnitude }
        magnitude = min(magnitude, muLawClip) + muLawBias
        let exponent = segment(magnitude, above: 7)
        let mantissa = (magnitude >> (exponent + 3)) & 0x0F
        return ~UInt8(sign | (exponent << 4) | mantissa)
    }

    static func muLawDecode(_ code: UInt8) -> Int16 {
        let value = Int(~code)
        let exponent = (value >> 4) & 0x07
        let mantissa = value & 0x0F
        let magnitude = (((mantissa << 3) + muLawBias) << exponent) - muLawBias
        return Int16(value & 0x80 != 0 ? -magnitude : magnitude)
    }

    static func aLawEncode(_ sample: Int16) -> UInt8 {
        // A-law works on 13-bit magnitudes; the sign bit is set for positive samples before the even-bit inversion.
        var magnitude = Int(sample) >> 3
        let sign: Int
        if magnitude >= 0 {
            sign = 0x80
        } else {
            sign = 0
            magnitude = -magnitude - 1
        }
        let code: Int
        if magnitude < 32 {
            code = magnitude >> 1
        } else {
            let exponent = min(segment(magnitude, above: 5) + 1, 7)
            let mantissa = (magnitude >> exponent) & 0x0F
            code = (exponent << 4) | mantissa
        }
        return UInt8((sign | code) ^ 0x55)
    }

    static func aLawDecode(_ code: UInt8) -> Int16 {
        let value = Int(code ^ 0x55)
        let exponent = (value >> 4) & 0x07
        var magnitude = (value & 0x0F) << 4
        switch exponent {
        case 0: magnitude += 8
        case 1: magnitude += 0x108
        default: magnitude = (magnitude + 0x108) << (exponent - 1)
        }
        return Int16(value & 0x80 != 0 ? magnitude : -magnitude)
    }
}
