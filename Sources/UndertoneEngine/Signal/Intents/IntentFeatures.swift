/// Which features an intent model reads from a text; stored in the model file so a model always reads texts the way it
/// was trained to.
public struct IntentFeatureSettings: Codable, Sendable, Equatable {
    /// Word n-grams from 1 up to this length (1: words alone; 2: words and word pairs).
    public var maxWordNgram: Int
    /// Character n-gram lengths, taken inside each word padded with a space on either side.
    public var characterNgrams: ClosedRange<Int>
    /// Whether the first and last words are also marked as such ("starts with *how*", "ends with *card*").
    public var edgeWords: Bool

    public init(maxWordNgram: Int = 2, characterNgrams: ClosedRange<Int> = 2...5, edgeWords: Bool = true) {
        self.maxWordNgram = maxWordNgram
        self.characterNgrams = characterNgrams
        self.edgeWords = edgeWords
    }

    var isValid: Bool {
        (1...4).contains(maxWordNgram) && characterNgrams.lowerBound >= 1 && characterNgrams.upperBound <= 8
    }
}

/// The features of one text as 64-bit keys: a hash of the feature (FNV-1a, then mixed) with its group in the top bit,
/// so that words and character n-grams can be normalised separately. Keys repeat when a feature occurs again.
enum IntentFeatures {
    enum Group: UInt64 {
        case words = 0
        case characters = 1
    }

    static func group(of key: UInt64) -> Group { key >> 63 == 0 ? .words : .characters }

    static func keys(_ text: String, settings: IntentFeatureSettings) -> [UInt64] {
        keys(tokens: IntentText.tokens(text), settings: settings)
    }

    static func keys(tokens: [[UInt8]], settings: IntentFeatureSettings) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(tokens.count * (settings.maxWordNgram + 24) + 2)
        let tokenHashes = tokens.map { FNV.hash($0, seed: FNV.wordSeed) }
        for (index, hash) in tokenHashes.enumerated() {
            keys.append(key(hash, .words))
            var combined = hash
            var n = 1
            while n < settings.maxWordNgram, index + n < tokens.count {
                combined = FNV.hash(tokens[index + n], seed: FNV.combine(combined))
                n += 1
                keys.append(key(combined &+ UInt64(n), .words))
            }
        }
        if settings.edgeWords, let first = tokenHashes.first, let last = tokenHashes.last {
            keys.append(key(FNV.combine(first ^ FNV.firstWordSeed), .words))
            keys.append(key(FNV.combine(last ^ FNV.lastWordSeed), .words))
        }
        var padded: [UInt8] = []
        var starts: [Int] = []
        for token in tokens {
            padded.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            padded.append(0x20)
            starts.append(0)
            for (offset, byte) in token.enumerated() {
                // A scalar starts at every byte that is not a UTF-8 continuation byte: n-grams count scalars.
                if byte & 0xC0 != 0x80 { starts.append(offset + 1) }
                padded.append(byte)
            }
            starts.append(padded.count)
            padded.append(0x20)
            starts.append(padded.count)
            let length = starts.count - 1
            padded.withUnsafeBufferPointer { bytes in
                for n in settings.characterNgrams where n <= length {
                    for first in 0...(length - n) {
                        var hash = FNV.characterSeed
                        for at in starts[first]..<starts[first + n] {
                            hash = (hash ^ UInt64(bytes[at])) &* FNV.prime
                        }
                        keys.append(key(hash, .characters))
                    }
                }
            }
        }
        return keys
    }

    @inline(__always)
    static func key(_ hash: UInt64, _ group: Group) -> UInt64 {
        (FNV.mix(hash) >> 1) | group.rawValue << 63
    }
}

/// FNV-1a over bytes, with one seed per kind of feature; stable across platforms and runs (unlike `Hasher`).
enum FNV {
    static let prime: UInt64 = 0x0000_0100_0000_01B3
    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let wordSeed = hash(Array("w ".utf8), seed: offset)
    static let characterSeed = hash(Array("c ".utf8), seed: offset)
    static let firstWordSeed = hash(Array("^ ".utf8), seed: offset)
    static let lastWordSeed = hash(Array("$ ".utf8), seed: offset)

    @inline(__always)
    static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes, seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        return hash
    }

    /// Starts a new FNV run from a finished hash, so "a b" and "ab" differ.
    @inline(__always)
    static func combine(_ hash: UInt64) -> UInt64 { (hash ^ 0x20) &* prime }

    /// SplitMix64's finaliser: spreads FNV's low-entropy high bits before the top bit is taken for the group.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
