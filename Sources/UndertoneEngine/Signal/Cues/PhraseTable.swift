/// Cue phrases compiled for matching. Each phrase is a sequence of slots, each a choice of word sequences, some
/// optional.
///
/// Phrases are written as data in a small notation:
/// - `word` — that word; `(a|b c)` — one of the alternatives, each a word sequence; `?` after either makes it optional;
/// - `<name>` — any entry of the named word set (entries may themselves name sets);
/// - `_` — any one word; `#` — a number of two or more ("three", "third", "3rd", "twice").
///
/// Alternatives are tried longest first and the matcher backtracks, so the longest reading of a phrase wins.
///
/// All phrases share flat arrays of plain values (phrases point into slots, slots into choices, choices into elements),
/// so that matching, which runs for every word of every turn, does no reference counting.
struct PhraseTable: Sendable {
    enum Element: Sendable, Hashable {
        case word(WordID)
        case anyWord
        case repeatCount
    }

    struct Slot: Sendable {
        /// Indices into `choices` of the choices that start with a word, sorted by that word's id and longest first
        /// among equals, so that a binary search finds the few a given word can start.
        var wordChoices: Range<Int>
        /// Indices into `choices` of the choices that start with `_` or `#`, longest first.
        var otherChoices: Range<Int>
        var isOptional: Bool
    }

    /// Indices into `slots`, one range per phrase.
    private var phrases: [Range<Int>] = []
    private var slots: [Slot] = []
    /// Index ranges into `elements`.
    private var choices: [Range<Int>] = []
    /// The id of each choice's first word; `CueVocabulary.unknown` for a choice starting with `_` or `#`.
    private var choiceFirstWords: [WordID] = []
    private var elements: [Element] = []

    var count: Int { phrases.count }

    /// Compiles `source` and adds it as the next phrase; returns the elements a match of it can start with (the first
    /// element of every choice up to and including the first required slot).
    ///
    /// Phrases are constants written by us, so a malformed one is a programming error and stops the process at start-up
    /// (and in every test run) rather than silently matching nothing.
    @discardableResult
    mutating func add(_ source: String, sets: [String: [String]], vocabulary: inout CueVocabulary) -> [Element] {
        let firstSlot = slots.count
        var firstElements: [Element] = []
        var beforeRequiredSlot = true

        for (alternatives, isOptional) in Self.parse(source) {
            var sequences: [[Element]] = []
            for alternative in alternatives {
                sequences += Self.expand(alternative, sets: sets, vocabulary: &vocabulary, in: source)
            }
            var unique = Set<[Element]>()
            sequences = sequences.filter { unique.insert($0).inserted }
            var byWord: [(first: WordID, sequence: [Element])] = []
            var others: [[Element]] = []
            for sequence in sequences {
                if case .word(let id) = sequence[0] { byWord.append((id, sequence)) } else { others.append(sequence) }
                if beforeRequiredSlot, !firstElements.contains(sequence[0]) { firstElements.append(sequence[0]) }
            }
            byWord.sort { ($0.first, $1.sequence.count) < ($1.first, $0.sequence.count) }
            others.sort { $0.count > $1.count }
            let firstChoice = choices.count
            for (first, sequence) in byWord + others.map({ (CueVocabulary.unknown, $0) }) {
                choices.append(elements.count..<(elements.count + sequence.count))
                choiceFirstWords.append(first)
                elements += sequence
            }
            let split = firstChoice + byWord.count
            slots.append(Slot(wordChoices: firstChoice..<split, otherChoices: split..<choices.count, isOptional: isOptional))
            if !isOptional { beforeRequiredSlot = false }
        }
        precondition(!beforeRequiredSlot, "cue phrase \"\(source)\" can match nothing")
        precondition(!firstElements.contains(.anyWord), "cue phrase \"\(source)\" starts with '_'")
        phrases.append(firstSlot..<slots.count)
        return firstElements
    }

    /// The slots of `source`: for each, its alternatives (word sequences, set names unexpanded) and whether it is optional.
    private static func parse(_ source: String) -> [(alternatives: [[String]], isOptional: Bool)] {
        var lexemes: [String] = []
        var word = ""
        for character in source {
            switch character {
            case "(", ")", "|", "?", " ":
                if !word.isEmpty { lexemes.append(word) }
                word = ""
                if character != " " { lexemes.append(String(character)) }
            default:
                word.append(character)
            }
        }
        if !word.isEmpty { lexemes.append(word) }

        var slots: [(alternatives: [[String]], isOptional: Bool)] = []
        var index = 0
        while index < lexemes.count {
            var alternatives: [[String]] = []
            if lexemes[index] == "(" {
                var alternative: [String] = []
                index += 1
                while index < lexemes.count, lexemes[index] != ")" {
                    precondition(lexemes[index] != "(", "nested '(' in cue phrase \"\(source)\"")
                    if lexemes[index] == "|" {
                        alternatives.append(alternative)
                        alternative = []
                    } else {
                        alternative.append(lexemes[index])
                    }
                    index += 1
                }
                precondition(index < lexemes.count, "unclosed '(' in cue phrase \"\(source)\"")
                alternatives.append(alternative)
                index += 1
            } else {
                precondition(!["|", ")", "?"].contains(lexemes[index]), "stray '\(lexemes[index])' in cue phrase \"\(source)\"")
                alternatives = [[lexemes[index]]]
                index += 1
            }
            precondition(!alternatives.contains { $0.isEmpty }, "empty alternative in cue phrase \"\(source)\"")
            let isOptional = index < lexemes.count && lexemes[index] == "?"
            if isOptional { index += 1 }
            slots.append((alternatives, isOptional))
        }
        return slots
    }

    /// Every element sequence a run of words stands for, with named sets spelled out.
    private static func expand(
        _ words: [String], sets: [String: [String]], vocabulary: inout CueVocabulary, in source: String
    ) -> [[Element]] {
        var sequences: [[Element]] = [[]]
        for word in words {
            let options: [[Element]]
            if word.hasPrefix("<"), word.hasSuffix(">") {
                let name = String(word.dropFirst().dropLast())
                guard let entries = sets[name] else { preconditionFailure("unknown word set <\(name)> in cue phrase \"\(source)\"") }
                options = entries.flatMap { entry in
                    expand(entry.split(separator: " ").map(String.init), sets: sets, vocabulary: &vocabulary, in: source)
                }
            } else if word == "#" {
                options = [[.repeatCount]]
            } else if word == "_" {
                options = [[.anyWord]]
            } else {
                options = [[.word(vocabulary.intern(word))]]
            }
            sequences = sequences.flatMap { prefix in options.map { prefix + $0 } }
        }
        return sequences
    }

    /// Words of which a text must hold one for `phrase` to match anywhere in it, or nil where no such set is known: the
    /// first words of the choices of a required slot after the phrase's first, when each of them starts with a word (not
    /// `_` or `#`), the fewest of any such slot. Every match passes through that slot, so through one of those words.
    func requiredWords(ofPhrase phrase: Int) -> [WordID]? {
        var fewest: [WordID]?
        for index in phrases[phrase].dropFirst() where !slots[index].isOptional && slots[index].otherChoices.isEmpty {
            var words: [WordID] = []
            for choice in slots[index].wordChoices where words.last != choiceFirstWords[choice] {
                words.append(choiceFirstWords[choice])  // sorted by word: equal ones are neighbours
            }
            if words.count < fewest?.count ?? .max { fewest = words }
        }
        return fewest
    }

    /// Where a match of `phrase` starting at `start` ends (exclusive), or nil. A match never crosses a sentence.
    func end(ofPhrase phrase: Int, from start: Int, in text: CueText) -> Int? {
        end(slot: phrases[phrase].lowerBound, of: phrases[phrase].upperBound, at: start, sentence: text[start].sentence, in: text)
    }

    private func end(slot index: Int, of last: Int, at position: Int, sentence: Int, in text: CueText) -> Int? {
        guard index < last else { return position }
        let slot = slots[index]
        if position < text.count {
            let word = text[position].id
            var choice = firstChoice(startingWith: word, in: slot.wordChoices)
            while choice < slot.wordChoices.upperBound, choiceFirstWords[choice] == word {
                if let next = end(of: choices[choice], at: position, sentence: sentence, in: text),
                    let end = end(slot: index + 1, of: last, at: next, sentence: sentence, in: text)
                {
                    return end
                }
                choice += 1
            }
            for choice in slot.otherChoices {
                if let next = end(of: choices[choice], at: position, sentence: sentence, in: text),
                    let end = end(slot: index + 1, of: last, at: next, sentence: sentence, in: text)
                {
                    return end
                }
            }
        }
        return slot.isOptional ? end(slot: index + 1, of: last, at: position, sentence: sentence, in: text) : nil
    }

    /// The first index in `range` whose choice starts with `word` or a later word (binary search).
    private func firstChoice(startingWith word: WordID, in range: Range<Int>) -> Int {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if choiceFirstWords[middle] < word { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func end(of choice: Range<Int>, at position: Int, sentence: Int, in text: CueText) -> Int? {
        guard position + choice.count <= text.count else { return nil }
        var index = position
        for element in choice {
            let word = text[index]
            guard word.sentence == sentence else { return nil }
            switch elements[element] {
            case .word(let id):
                guard word.id == id else { return nil }
            case .anyWord:
                break
            case .repeatCount:
                guard let count = word.count, count >= 2 else { return nil }
            }
            index += 1
        }
        return index
    }
}
