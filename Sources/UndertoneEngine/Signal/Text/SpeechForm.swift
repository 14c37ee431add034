/// Typed text as a speech recogniser gives it: lower case, apostrophes dropped ("don't" → "dont"), other punctuation,
/// symbols and emoji replaced by spaces, whitespace collapsed. The same transform as `training/features.py`'s
/// `asr_form`, used to test that the model holds up on transcripts.
public func speechTranscriptForm(_ text: String) -> String {
    if let form = asciiSpeechTranscriptForm(text) { return form }
    return unicodeSpeechTranscriptForm(text)
}

/// ``speechTranscriptForm(_:)`` for ASCII text (nearly every turn), a byte at a time: letters and digits are the only
/// ASCII characters outside the gap categories, and the backtick and the straight quote are its apostrophes. Nil when the
/// text has other characters.
func asciiSpeechTranscriptForm(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "'"), UInt8(ascii: "`"):
                    continue
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if pendingSpace {
                        out[count] = UInt8(ascii: " ")
                        count += 1
                        pendingSpace = false
                    }
                    out[count] = byte | (byte >= UInt8(ascii: "A") ? 0x20 : 0)
                    count += 1
                default:
                    pendingSpace = count > 0
                }
            }
            return count
        }
    }
}

/// ``speechTranscriptForm(_:)`` for any text, scalar by scalar.
func unicodeSpeechTranscriptForm(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.lowercased().unicodeScalars {
        if TextFeatures.isApostrophe(scalar) { continue }
        let isGap: Bool
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
            .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format, .surrogate, .privateUse, .unassigned:
            isGap = true
        default:
            isGap = false
        }
        if isGap {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
    }
    return String(out)
}

/// The speech-transcript form with a recogniser's usual noise added, deterministically (the same text always gets the
/// same noise): a filler ("um", "uh") before about one word in twelve, and about one word in twenty of four or more
/// letters misrecognised by one edit (a letter dropped, doubled, swapped with its neighbour, or a vowel changed).
public func noisySpeechTranscriptForm(_ text: String) -> String {
    var random = SplitMix64(seed: fnv1a(text))
    let vowels: [Character] = ["a", "e", "i", "o", "u"]
    var words: [String] = []
    for word in speechTranscriptForm(text).split(separator: " ") {
        if random.nextUnit() < 1.0 / 12.0 { words.append(random.nextUnit() < 0.5 ? "um" : "uh") }
        var letters = Array(word)
        if letters.count >= 4, random.nextUnit() < 0.05 {
            let at = Int(random.next() % UInt64(letters.count - 1))
            switch random.next() % 4 {
            case 0: letters.remove(at: at)
            case 1: letters.insert(letters[at], at: at)
            case 2: letters.swapAt(at, at + 1)
            default:
                if let vowel = letters.firstIndex(where: vowels.contains) {
                    letters[vowel] = vowels[(vowels.firstIndex(of: letters[vowel])! + 1) % vowels.count]
                }
            }
        }
        words.append(String(letters))
    }
    return words.joined(separator: " ")
}

/// A small, fast, seedable generator (SplitMix64): reproducible noise, no global state.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash
}
