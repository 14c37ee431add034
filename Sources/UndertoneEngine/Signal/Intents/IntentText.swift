/// How an intent model sees a text: lower-case word tokens with punctuation, apostrophes and fillers gone and every
/// digit written as `0`, so typed chat and speech-recognition transcripts ("I've been charged £25 twice!" and "ive been
/// charged twenty five pounds twice") meet in one form, and numbers generalise ("2 weeks" and "3 weeks" look alike).
enum IntentText {
    /// Words a transcript carries that say nothing about what the caller wants.
    static let fillers: Set<[UInt8]> = Set(["um", "umm", "uh", "uhh", "uhm", "erm", "er", "hmm", "hm", "mm", "mhm"].map { Array($0.utf8) })

    /// The tokens of `text`, each as UTF-8 bytes, in order.
    static func tokens(_ text: String) -> [[UInt8]] {
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            if !fillers.contains(current) { tokens.append(current) }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x41...0x5A: current.append(UInt8(value + 0x20))
                case 0x61...0x7A: current.append(UInt8(value))
                case 0x30...0x39: current.append(0x30)
                case 0x27, 0x60: continue
                default: flush()
                }
                continue
            }
            switch value {
            case 0x2018, 0x2019, 0x02BC: continue
            default: break
            }
            switch scalar.properties.generalCategory {
            case .decimalNumber:
                current.append(0x30)
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
                .spacingMark:
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
                    current.append(contentsOf: UTF8.encode(lowered)!)
                }
            default:
                flush()
            }
        }
        flush()
        return tokens
    }
}
