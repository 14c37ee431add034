extension TextModel {
    /// Turns longer than this many words are also read in windows.
    static let windowWords = 10
    static let windowStride = 5

    /// Emotions that a single strong phrase inside a long turn should be able to raise.
    static let pooledEmotions: [Emotion] = [.frustration, .confusion, .anxiety, .sadness]

    /// One conversational turn. A tf-idf model dilutes one strong phrase ("im terrified its all gone") among many calm
    /// words, so a turn is also read in parts: each sentence of a written turn (chat and e-mail come punctuated: "This
    /// is really not good enough."), and overlapping windows of ten words of a long one (speech comes without
    /// punctuation). Each negative emotion takes the strongest of the whole and its parts; satisfaction, neutral and
    /// polarity stay those of the whole turn.
    public func analyzeTurn(_ text: String) -> TextSignal {
        let features = features(text)
        let keys = sortedKeys(features)
        var whole = analyze(features, sortedKeys: keys, explain: true)
        let sentences = Self.sentences(of: text)
        let windows = Self.windowRanges(count: features.tokens.count)
        guard !sentences.isEmpty || !windows.isEmpty else { return whole }
        // The strongest reading of each pooled emotion and the part that gave it: a sentence, or a window of the turn's
        // tokens, whose text is only made if it is explained.
        var strongest: [Emotion: (probability: Double, part: Part)] = [:]
        func pool(_ reading: TextSignal, _ part: Part) {
            for emotion in Self.pooledEmotions where reading.emotions[emotion] > max(whole.emotions[emotion], strongest[emotion]?.probability ?? 0) {
                strongest[emotion] = (reading.emotions[emotion], part)
            }
        }
        for sentence in sentences { pool(analyze(sentence, explain: false), .text(sentence)) }
        for window in windows {
            // A window's words are the turn's own tokens, already normalised: its features are the turn's that lie in it,
            // and its sorted keys the turn's of those, renumbered (their order stays, as the window keeps its features'
            // order). (A token outside ASCII might read differently once folded again, so such a window is read from its
            // text.)
            let words = features.tokens[window]
            if words.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
                let (windowFeatures, positions) = features.windowKeeping(window)
                let windowKeys = Self.windowKeys(keys, positions: positions, count: windowFeatures.occurrences.count)
                pool(analyze(windowFeatures, sortedKeys: windowKeys, explain: false), .window(window))
            } else {
                let part = words.joined(separator: " ")
                pool(analyze(part, explain: false), .text(part))
            }
        }
        for emotion in Self.pooledEmotions {
            guard let best = strongest[emotion] else { continue }
            whole.emotions[emotion] = best.probability
            if best.probability >= thresholds[emotion], !whole.detected.contains(emotion) {
                whole.detected.append(emotion)
                let part =
                    switch best.part {
                    case .text(let text): text
                    case .window(let window): features.tokens[window].joined(separator: " ")
                    }
                whole.explanations += analyze(part).explanations.filter { $0.output == emotion.rawValue }
            }
        }
        whole.detected.sort { Emotion.allCases.firstIndex(of: $0)! < Emotion.allCases.firstIndex(of: $1)! }
        return whole
    }

    /// A part of a turn read on its own: a sentence's text, or a window of the turn's tokens.
    private enum Part {
        case text(String)
        case window(Range<Int>)
    }

    /// A window's ``sortedKeys(_:)`` from its turn's: the keys of the occurrences it keeps (`positions`, from
    /// `TextFeatures.windowKeeping`), renumbered, in the order they have.
    static func windowKeys(_ keys: [Int64], positions: [Int32], count: Int) -> [Int64] {
        var windowKeys: [Int64] = []
        windowKeys.reserveCapacity(count)
        for key in keys {
            let position = positions[Int(key & 0xFFFF_FFFF)]
            if position >= 0 { windowKeys.append(key & ~0xFFFF_FFFF | Int64(position)) }
        }
        return windowKeys
    }

    /// The sentences of a punctuated turn that has more than one, each of three words or more.
    static func sentences(of text: String) -> [String] {
        // Most turns (every recogniser's) have no punctuation: one sentence at most, so none.
        guard text.utf8.contains(where: { $0 == 0x2E || $0 == 0x21 || $0 == 0x3F || $0 == 0x3B || $0 == 0x0A }) else { return [] }
        return text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiSentences(of: text) : characterSentences(of: text)
    }

    /// ``sentences(of:)`` for any text, a character at a time.
    static func characterSentences(of text: String) -> [String] {
        let sentences = text.split(whereSeparator: { ".!?;\n".contains($0) }).map { String($0) }
        guard sentences.count > 1 else { return [] }
        return sentences.filter { $0.split(separator: " ").count >= 3 }
    }

    /// ``sentences(of:)`` for an ASCII text, a byte at a time. Its characters are its bytes but for `\r\n`, one
    /// character that is not `\n`: a line feed after a carriage return ends no sentence.
    static func asciiSentences(of text: String) -> [String] {
        var pieces: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var previous: UInt8 = 0
        var index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            let ends = byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x3B || (byte == 0x0A && previous != 0x0D)
            previous = byte
            bytes.formIndex(after: &index)
            guard ends else { continue }
            let end = bytes.index(before: index)
            if start != end { pieces.append(text[start..<end]) }
            start = index
        }
        if start != bytes.endIndex { pieces.append(text[start..<bytes.endIndex]) }
        guard pieces.count > 1 else { return [] }
        return pieces.filter { piece in
            // Words as `split(separator: " ")` counts them: runs of anything but a space.
            var words = 0
            var inWord = false
            for byte in piece.utf8 {
                if byte == 0x20 {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    words += 1
                }
            }
            return words >= 3
        }.map { String($0) }
    }

    /// Overlapping ten-word windows of a long turn's `count` words; none for a short one.
    static func windowRanges(count: Int) -> [Range<Int>] {
        guard count > windowWords + windowStride / 2 else { return [] }
        var windows: [Range<Int>] = []
        var start = 0
        while start < count {
            windows.append(start..<min(count, start + windowWords))
            if start + windowWords >= count { break }
            start += windowStride
        }
        return windows
    }
}
