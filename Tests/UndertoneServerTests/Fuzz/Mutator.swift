import Foundation

/// A deterministic mutation fuzzer for the parsers' tests: it takes valid inputs (seeds) and breaks them the ways
/// careless and hostile senders do — bytes flipped, cut, repeated, spliced from another seed, numbers swapped for the
/// extremes (2^63, 1e308, -1), strings emptied or made huge, structure characters dropped in. The same seed and index
/// always give the same input, so a crash found in a long run is found again by running that index alone.
///
/// Settings: `UNDERTONE_FUZZ_ITERATIONS` (inputs per parser; 1,500 by default, what CI runs), `UNDERTONE_FUZZ_FROM`
/// (the first index, to split a long run), `UNDERTONE_FUZZ_SEED`, and `UNDERTONE_FUZZ_LAST_INPUT` (a file that holds the
/// input being tried, so that a crash leaves it behind). docs/security.md has the long run's figures.
struct Mutator {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = environment["UNDERTONE_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1_500
    static let firstIndex = environment["UNDERTONE_FUZZ_FROM"].flatMap(Int.init) ?? 0
    static let seed = environment["UNDERTONE_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x5eed_0f_f022
    static let lastInputPath = environment["UNDERTONE_FUZZ_LAST_INPUT"]

    /// Numbers that break arithmetic and parsers, written as JSON or YAML would.
    static let extremeNumbers = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616", "4294967295", "4294967296", "2147483648",
        "-1", "0", "1e308", "-1e308", "1e-400", "1.7976931348623157e309", "0.0000001", "NaN", "-0", "99999999999999999999999999999", "1e3",
        "31622400001",
    ]
    /// Bytes that change a structure's meaning.
    static let structureBytes = Array("{}[]\":,\\\n\r\t \u{0}-#&*!|>'%@`".utf8)

    let seeds: [[UInt8]]
    private let parserHash: UInt64
    private var state: UInt64 = 0

    init(seeds: [[UInt8]], parser: String) {
        self.seeds = seeds.isEmpty ? [[]] : seeds
        // One stream per parser, so that adding a parser does not change another's inputs.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parser.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        parserHash = hash
    }

    init(seeds: [String], parser: String) {
        self.init(seeds: seeds.map { Array($0.utf8) }, parser: parser)
    }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int {
        bound <= 1 ? 0 : Int(next() % UInt64(bound))
    }

    /// The input for `index`: a seed with one to four mutations (one in twenty seeds is left whole).
    mutating func input(_ index: Int) -> [UInt8] {
        state = Self.seed ^ parserHash ^ (UInt64(index) &* 0x2545_f491_4f6c_dd1d)
        var bytes = seeds[below(seeds.count)]
        guard below(20) != 0 else { return bytes }
        for _ in 0...below(4) { mutate(&bytes) }
        return bytes
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let position = below(bytes.count + 1)
        switch below(11) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] ^= UInt8(1 << below(8))
        case 1 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: next())
        case 2:
            bytes.insert(Self.structureBytes[below(Self.structureBytes.count)], at: position)
        case 3 where !bytes.isEmpty:
            let end = min(bytes.count, position + 1 + below(16))
            bytes.removeSubrange(min(position, bytes.count - 1)..<end)
        case 4:
            bytes.removeSubrange(position...)
        case 5 where !bytes.isEmpty:
            // Repeat a piece, up to many times (deep nesting, long strings, huge arrays).
            let start = min(position, bytes.count - 1)
            let piece = Array(bytes[start..<min(bytes.count, start + 1 + below(8))])
            let times = [2, 16, 1_000][below(3)]
            bytes.insert(contentsOf: Array(Array(repeating: piece, count: times).joined()), at: start)
        case 6:
            // Splice: a piece of another seed.
            let other = seeds[below(seeds.count)]
            guard !other.isEmpty else { return }
            let start = below(other.count)
            bytes.insert(contentsOf: other[start..<min(other.count, start + 1 + below(64))], at: position)
        case 7, 8:
            replaceNumber(&bytes)
        case 9:
            replaceString(&bytes)
        default:
            bytes.insert(contentsOf: Array(Self.extremeNumbers[below(Self.extremeNumbers.count)].utf8), at: position)
        }
    }

    /// Swaps a run of digits (with its sign, point and exponent) for an extreme number.
    private mutating func replaceNumber(_ bytes: inout [UInt8]) {
        let starts = bytes.indices.filter { (48...57).contains(bytes[$0]) && ($0 == 0 || !(48...57).contains(bytes[$0 - 1])) }
        guard !starts.isEmpty else { return }
        var start = starts[below(starts.count)]
        if start > 0, bytes[start - 1] == UInt8(ascii: "-") { start -= 1 }
        var end = start + 1
        while end < bytes.count, (48...57).contains(bytes[end]) || [46, 101, 69, 43, 45].contains(bytes[end]) { end += 1 }
        bytes.replaceSubrange(start..<end, with: Array(Self.extremeNumbers[below(Self.extremeNumbers.count)].utf8))
    }

    /// Empties a quoted string, makes it long, or puts odd characters in it.
    private mutating func replaceString(_ bytes: inout [UInt8]) {
        let quotes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\"") }
        guard quotes.count >= 2 else { return }
        let pick = below(quotes.count - 1)
        let range = (quotes[pick] + 1)..<quotes[pick + 1]
        let replacement: [UInt8] =
            switch below(4) {
            case 0: []
            case 1: Array(repeating: UInt8(ascii: "x"), count: 70_000)
            case 2: Array("\\u0000\\ud800é☕\u{202E}".utf8)
            default: Array("5558675309".utf8)
            }
        bytes.replaceSubrange(range, with: replacement)
    }

    /// Runs `body` over this parser's inputs, leaving each in `UNDERTONE_FUZZ_LAST_INPUT` first when that is set (which
    /// slows a run: set it to run again the part of a run that crashed).
    mutating func run(_ body: ([UInt8]) throws -> Void) rethrows {
        let last = Self.lastInputPath.flatMap { path -> FileHandle? in
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }
        defer { try? last?.close() }
        for index in Self.firstIndex..<(Self.firstIndex + Self.iterations) {
            let bytes = input(index)
            if let last {
                try? last.truncate(atOffset: 0)
                try? last.write(contentsOf: bytes)
            }
            try body(bytes)
        }
    }
}
