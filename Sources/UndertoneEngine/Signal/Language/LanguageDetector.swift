import Foundation

/// Which language a text is in: English, Spanish, French, German, Italian or Portuguese, from its character n-grams.
///
/// Trained by `training/languages/train_language_detector.py` on XED's lines in each language and our own
/// contact-centre turns, typed and in a recogniser's form without accents. The engine uses it to check a call's declared
/// language against what is actually said, and to notice turns in a language it has no model for. Loaded once, shared
/// read-only.
public struct LanguageDetector: Sendable {
    /// The languages it tells apart, as primary subtags, in the weight file's order.
    public let languages: [String]
    let bits: Int
    /// Row-major `[bucket][language]`, quantised; real weight = `weights[i] * scales[language]`.
    let weights: [Int8]
    let scales: [Float]
    let bias: [Float]
    let checks: [Check]

    struct Check: Codable, Sendable {
        var text: String
        var probabilities: [Double]
    }

    struct Header: Codable {
        var version: Int
        var bits: Int
        var languages: [String]
        var weightScales: [Float]
        var bias: [Float]
        var checks: [Check]
    }

    static let magic = Array("ULD1".utf8)

    /// Parses a weight file (`ULD1`: magic, little-endian header length, JSON header, int8 weights).
    public init(data: Data) throws(TextModelError) {
        let bytes = [UInt8](data)
        guard bytes.count > 8, Array(bytes[0..<4]) == Self.magic else { throw .notAModelFile }
        let headerLength = Int(UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16 | UInt32(bytes[7]) << 24)
        guard 8 + headerLength <= bytes.count else { throw .truncated }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[8..<(8 + headerLength)]))
        } catch {
            throw .badHeader(String(describing: error))
        }
        guard header.version == 1 else { throw .unsupportedVersion(header.version) }
        let count = header.languages.count
        guard (8...24).contains(header.bits), count >= 2, header.weightScales.count == count, header.bias.count == count else {
            throw .badHeader("bits, languages, weightScales or bias out of range")
        }
        let start = 8 + headerLength
        let size = (1 << header.bits) * count
        guard start + size <= bytes.count else { throw .truncated }
        languages = header.languages
        bits = header.bits
        weights = bytes[start..<(start + size)].map { Int8(bitPattern: $0) }
        scales = header.weightScales
        bias = header.bias
        checks = header.checks
    }

    /// The detector shipped in the engine's resources.
    public static func bundled() throws(TextModelError) -> LanguageDetector {
        guard let url = Bundle.module.url(forResource: "language-model", withExtension: "uld") else {
            throw .unreadable("language-model.uld", "not found in the engine's resources")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(url.path, String(describing: error)) }
        return try LanguageDetector(data: data)
    }

    /// The probability of each language, in `languages`' order; the priors (the biases alone) for a text without letters.
    public func probabilities(_ text: String) -> [Double] {
        withProbabilities(text) { Array($0) }
    }

    /// The most likely language and its probability (the first of equals).
    public func detect(_ text: String) -> (language: String, probability: Double) {
        withProbabilities(text) { probabilities in
            var best = 0
            for index in probabilities.indices.dropFirst() where probabilities[index] > probabilities[best] { best = index }
            return (languages[best], probabilities[best])
        }
    }

    /// Calls `body` with ``probabilities(_:)``, worked out in memory on the stack (a turn's detection is on the hot path).
    private func withProbabilities<Result>(_ text: String, _ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
        let count = languages.count
        let (rows, values) = features(text)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { logits in
            for language in 0..<count { logits[language] = Double(bias[language]) }
            if !rows.isEmpty {
                withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { sums in
                    for language in 0..<count { sums[language] = 0 }
                    weights.withUnsafeBufferPointer { weights in
                        for (row, value) in zip(rows, values) {
                            let base = row * count
                            for language in 0..<count { sums[language] += value * Float(weights[base + language]) }
                        }
                    }
                    for language in 0..<count { logits[language] += Double(sums[language] * scales[language]) }
                }
            }
            var top = logits[0]
            for language in 1..<count where logits[language] > top { top = logits[language] }
            var sum = 0.0
            for language in 0..<count {
                logits[language] = exp(logits[language] - top)
                sum += logits[language]
            }
            for language in 0..<count { logits[language] /= sum }
            return body(UnsafeBufferPointer(logits))
        }
    }

    /// Calls `body` with each word's lower-case UTF-8 bytes: runs of letters. A word of ASCII letters is lowered byte by
    /// byte; any other goes through `String.lowercased()`, as the trainer's `str.lower()` does.
    static func forEachWord(_ text: String, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        var ascii = true
        func flush() {
            guard !word.isEmpty else { return }
            if ascii {
                body(word)
            } else {
                body(Array(String(decoding: word, as: UTF8.self).lowercased().utf8))
            }
            word.removeAll(keepingCapacity: true)
            ascii = true
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte | 0x20)
                default: flush()
                }
                continue
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                UTF8.encode(scalar) { word.append($0) }
                ascii = false
            default:
                flush()
            }
        }
        flush()
    }

    /// Hashed buckets and their L2-normalised counts, buckets in ascending order: each word ("w tok") and its character
    /// 1-4-grams padded with spaces ("g …"), as `train_language_detector.py` computes them.
    func features(_ text: String) -> (rows: [Int], values: [Float]) {
        let crc = CRC32.shared
        let mask = UInt32((1 << bits) - 1)
        let wordSeed = crc.update(CRC32.initial, "w ".utf8)
        let gramSeed = crc.update(CRC32.initial, "g ".utf8)
        // Every feature's bucket, once per occurrence: sorted, runs of one bucket are its count.
        var buckets: [Int] = []
        // A word of n characters gives at most 4 (n + 2) grams and itself: reserved once rather than grown.
        buckets.reserveCapacity(text.utf8.count * 5 + 8)
        var padded: [UInt8] = []
        var starts: [Int] = []
        Self.forEachWord(text) { word in
            buckets.append(Int(~crc.update(wordSeed, word) & mask))
            // The word padded with spaces, and where each of its characters starts: a gram of characters is a run of
            // bytes, hashed where it lies.
            padded.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            starts.append(0)
            padded.append(0x20)
            for byte in word {
                if byte & 0xC0 != 0x80 { starts.append(padded.count) }
                padded.append(byte)
            }
            starts.append(padded.count)
            padded.append(0x20)
            starts.append(padded.count)
            let characters = starts.count - 1
            // Each gram extends the one before it by a character: one pass from each start, the hash carried along.
            padded.withUnsafeBufferPointer { bytes in
                for first in 0..<characters {
                    var state = gramSeed
                    for n in 1...min(4, characters - first) {
                        state = crc.update(state, UnsafeBufferPointer(rebasing: bytes[starts[first + n - 1]..<starts[first + n]]))
                        buckets.append(Int(~state & mask))
                    }
                }
            }
        }
        IntegerSort.sort(&buckets)
        var rows: [Int] = []
        var counts: [Float] = []
        rows.reserveCapacity(buckets.count)
        counts.reserveCapacity(buckets.count)
        for bucket in buckets {
            if bucket == rows.last {
                counts[counts.count - 1] += 1
            } else {
                rows.append(bucket)
                counts.append(1)
            }
        }
        let norm = counts.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for index in counts.indices { counts[index] /= norm }
        return (rows, counts)
    }

    /// Checks that this build computes what the trainer computed for the texts it recorded; returns the largest gap.
    public func selfCheck() -> Double {
        var worst = 0.0
        for check in checks {
            for (a, b) in zip(probabilities(check.text), check.probabilities) { worst = max(worst, abs(a - b)) }
        }
        return worst
    }
}
