/// How far negation and conditions reach in a turn, decided from the words around a matched phrase.
///
/// Speech-recogniser text has no punctuation, so scope cannot rest on commas and full stops alone: a negator governs
/// a phrase only when the words between them are the small words of a verb chain ("not *going to* cancel", "don't
/// *want to* speak to a manager"), and a modal ("might", "would") only within its clause.
struct CueScope: Sendable {
    private let negators: Set<WordID>
    private let no: WordID
    private let negatedAfterNo: Set<WordID>
    private let bridges: Set<WordID>
    private let conditions: Set<WordID>
    private let or: WordID
    private let ultimatumAfterOr: Set<WordID>
    private let modals: Set<WordID>
    private let politeAfterModal: Set<WordID>
    private let hedges: Set<WordID>
    private let thinking: WordID
    private let aboutOrOf: Set<WordID>
    private let conjunctions: Set<WordID>
    /// One phrase: the politeness that can follow "if" ("if possible", "if you could").
    private let politeCondition: PhraseTable
    private let countNouns: Set<WordID>
    private let selfCounting: Set<WordID>
    private let yes: Set<WordID>
    private let negatedPhrasesStand: Bool

    /// How many words back a negator can reach.
    static let negationReach = 5
    /// How many words back a modal can reach within its clause ("I might have to take this to the ombudsman").
    static let modalReach = 8
    /// How many words back or ahead "if"/"unless" can reach within the sentence.
    static let conditionReach = 12

    /// The words of one language that decide scope, each list a space-separated string.
    struct Words: Sendable {
        var negators: String
        /// A word that negates only as a determiner before `negatedAfterNo` ("no need", "no intention"), never as an
        /// answer; nil where the language has none (Spanish "no" is a plain negator).
        var no: String?
        var negatedAfterNo: String
        /// The small words of a verb chain a negator reaches across.
        var bridges: String
        var conditions: String
        var or: String
        /// Words after `or` that make it an ultimatum ("or else", "or I'll…").
        var ultimatumAfterOr: String
        var modals: String
        /// Words after a modal that make it a polite request rather than a possibility ("could you", "would like").
        var politeAfterModal: String
        var hedges: String
        /// A word that hedges when `aboutOrOf` follows it ("thinking about"); nil where phrases cover it.
        var thinking: String?
        var aboutOrOf: String
        var conjunctions: String
        /// One phrase in ``PhraseTable`` notation: the politeness that can follow a condition ("if possible").
        var politeCondition: String
        var countNouns: String
        var selfCounting: String
        /// Words that say yes when a clause break or themselves follow ("sí, cancélelo", "si si"), which a folded text
        /// writes like the condition "si": there they are no condition.
        var yes: String = ""
        /// Whether a phrase that starts with a negator stands whatever precedes it: in Spanish a recogniser writes
        /// "no no entiendo" for "no, I don't understand", and the first "no" does not deny the second.
        var negatedPhrasesStand = false
    }

    /// The English scope words.
    static let englishWords = Words(
        negators: "not dont never wont cant cannot isnt arent didnt doesnt wouldnt shouldnt couldnt wasnt werent havent hasnt hadnt "
            + "aint mustnt neednt hardly neither nor nobody noone",
        // "no" negates only as a determiner ("no need", "no intention", "no one wants to sue"), never as an answer ("no, I
        // want to cancel"); and "no one has helped me" negates nothing beyond "helped", since "helped" is no bridge.
        no: "no",
        negatedAfterNo: "need needs intention intentions plan plans reason desire interest point wish one",
        bridges: "to be going gonna want wants wanna wanting need needs needing have has had got gotta really even ever actually just yet "
            + "plan planning intend intending like about ready trying try a an the any that this think believe i ill im id "
            + "am is are was were will would do does did get getting able intention intentions of my me wish mean "
            + "necessarily definitely being been go it its still for ask asking see bother feel sure reason point desire "
            + "interest one say saying asked",
        conditions: "if unless otherwise supposing",
        or: "or",
        ultimatumAfterOr: "else im ill i we were well youll you theyll",
        modals: "might may would could",
        // "Could you…", "may I…", "I would like…" are polite requests, not hypotheticals.
        politeAfterModal: "i you we u it someone somebody anyone they he she like love want prefer appreciate rather please",
        hedges: "maybe perhaps possibly probably considering contemplating tempted hypothetically potentially",
        thinking: "thinking",
        aboutOrOf: "about of",
        conjunctions: "and but so because cause cos although though however whereas then",
        politeCondition: "(possible|at all possible|thats possible|its possible|that is possible|it is possible|thats ok|thats okay|"
            + "thats alright|thats fine|thats all right|its ok|its okay|its alright|you can|you could|you would|you will|"
            + "you dont mind|you do not mind|you please|you wouldnt mind|i can|i could|i may|i might|need be|"
            + "you need anything|you have any|theres anything|there is anything|anything else|youd like|you like|you wish|"
            + "you prefer|you have a moment|you have time|you get a chance|you have a chance)",
        countNouns: "time times call calls attempt attempts go try x different separate occasions people agents advisors advisers "
            + "departments teams colleagues",
        selfCounting: "twice thrice")

    init(vocabulary: inout CueVocabulary, words: Words) {
        func ids(_ words: String) -> Set<WordID> {
            Set(words.split(separator: " ").map { vocabulary.intern(String($0)) })
        }
        // A word id no text word ever has, for a rule the language does without.
        let never: WordID = CueVocabulary.unknown - 1
        negators = ids(words.negators)
        no = words.no.map { vocabulary.intern($0) } ?? never
        negatedAfterNo = ids(words.negatedAfterNo)
        bridges = ids(words.bridges)
        conditions = ids(words.conditions)
        or = vocabulary.intern(words.or)
        ultimatumAfterOr = ids(words.ultimatumAfterOr)
        modals = ids(words.modals)
        politeAfterModal = ids(words.politeAfterModal)
        hedges = ids(words.hedges)
        thinking = words.thinking.map { vocabulary.intern($0) } ?? never
        aboutOrOf = ids(words.aboutOrOf)
        conjunctions = ids(words.conjunctions)
        var politeCondition = PhraseTable()
        politeCondition.add(words.politeCondition, sets: [:], vocabulary: &vocabulary)
        self.politeCondition = politeCondition
        countNouns = ids(words.countNouns)
        selfCounting = ids(words.selfCounting)
        yes = ids(words.yes)
        negatedPhrasesStand = words.negatedPhrasesStand
    }

    /// Whether a negator governs the phrase starting at `start`: within reach before it, in the same clause, with only
    /// verb-chain words between.
    func isNegated(phraseStartingAt start: Int, in text: CueText) -> Bool {
        if negatedPhrasesStand, negators.contains(text[start].id) { return false }
        let clause = text[start].clause
        var position = start - 1
        while position >= 0, start - position <= Self.negationReach, text[position].clause == clause {
            let id = text[position].id
            if negators.contains(id) { return true }
            if id == no, position + 1 < text.count, negatedAfterNo.contains(text[position + 1].id) { return true }
            guard bridges.contains(id) else { return false }
            position -= 1
        }
        return false
    }

    /// Whether the phrase at `range` is said as a condition or a possibility. A following "if"/"unless" counts only when
    /// `lookAhead` (threats and requests: "I'll cancel if…"); politeness ("if possible", "if you could") never counts.
    func isConditional(_ range: Range<Int>, in text: CueText, lookAhead: Bool) -> Bool {
        let sentence = text[range.lowerBound].sentence
        let clause = text[range.lowerBound].clause
        var inClause = true
        var position = range.lowerBound - 1
        while position >= 0, range.lowerBound - position <= Self.conditionReach, text[position].sentence == sentence {
            let id = text[position].id
            if isCondition(at: position, in: text) { return true }
            if id == or, position + 1 < text.count, ultimatumAfterOr.contains(text[position + 1].id) { return true }
            if text[position].clause != clause || conjunctions.contains(id) { inClause = false }
            if inClause, range.lowerBound - position <= Self.modalReach, isHedge(at: position, in: text) { return true }
            position -= 1
        }
        guard lookAhead else { return false }
        position = range.upperBound
        while position < text.count, position - range.upperBound < Self.conditionReach, text[position].sentence == sentence {
            if isCondition(at: position, in: text) { return true }
            position += 1
        }
        return false
    }

    private func isCondition(at position: Int, in text: CueText) -> Bool {
        guard conditions.contains(text[position].id) else { return false }
        if yes.contains(text[position].id) {
            let id = text[position].id
            if position + 1 < text.count, text[position + 1].clause != text[position].clause || text[position + 1].id == id { return false }
            if position > 0, text[position - 1].id == id { return false }
        }
        return position + 1 >= text.count || politeCondition.end(ofPhrase: 0, from: position + 1, in: text) == nil
    }

    private func isHedge(at position: Int, in text: CueText) -> Bool {
        let id = text[position].id
        if hedges.contains(id) { return true }
        let next = position + 1 < text.count ? text[position + 1].id : CueVocabulary.unknown
        if id == thinking { return aboutOrOf.contains(next) }
        guard modals.contains(id), !politeAfterModal.contains(next) else { return false }
        // The modal of a polite "if I could…" is politeness too.
        if position >= 2, conditions.contains(text[position - 2].id),
            let end = politeCondition.end(ofPhrase: 0, from: position - 1, in: text), end > position
        {
            return false
        }
        return true
    }

    /// The number of contacts said within `range`: a number followed by "times"/"time"/"calls", or "twice".
    func repeatCount(in range: Range<Int>, of text: CueText) -> Int? {
        for position in range {
            guard let count = text[position].count, count >= 2 else { continue }
            if selfCounting.contains(text[position].id) { return count }
            if position + 1 < text.count, countNouns.contains(text[position + 1].id) { return count }
        }
        return nil
    }
}
