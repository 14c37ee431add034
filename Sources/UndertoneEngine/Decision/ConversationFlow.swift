import Foundation

/// How the conversation itself is going for the customer, apart from how they sound: they repeat or rephrase a request,
/// correct the agent, turn down what is offered time after time, wait for an answer, give up, or say something sour.
///
/// Each sign adds evidence; evidence fades by `fade` at every customer turn, so signs count while they are recent;
/// `friction` = 1 − e^(−evidence), in 0...1. Dissatisfied customers mostly say the service is failing them rather than
/// that they are angry, and these are the signs of it.
public struct ConversationFlow: Sendable, Equatable {
    /// One sign that the conversation is going wrong.
    public struct Sign: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            /// The customer asks again for what they asked before: the answer did not move the conversation.
            case repeatedRequest = "repeated_request"
            /// "No, I said the 10th."
            case correction
            /// Something offered, turned down.
            case rejection
            /// A run of the customer's turns that say no.
            case rejectionStreak = "rejection_streak"
            /// A curt "no".
            case curtNo = "curt_no"
            /// "Forget it", "never mind".
            case givingUp = "giving_up"
            /// "Are you still there?"
            case unanswered
            /// A turn whose words are clearly negative.
            case negativeTurn = "negative_turn"
            /// The agent says there is nothing they can do or find.
            case agentCannotHelp = "agent_cannot_help"
            /// The agent says again what they said before.
            case agentRepeats = "agent_repeats"
        }

        public var kind: Kind
        /// The customer turn that showed it.
        public var utteranceID: String
        /// What showed it: the words, or for a repeat the earlier turn it repeats.
        public var detail: String
        /// The evidence it added.
        public var weight: Double
    }

    /// How much each sign adds; how fast evidence fades.
    public struct Settings: Sendable, Equatable {
        /// Share of the evidence kept at each customer turn. Dissatisfaction that no single turn shows builds over many
        /// turns (a "no" here, an unanswered question there), so a sign still counts at half its weight three turns on.
        public var fade = 0.78
        /// A turn's dissatisfaction (``Stress/dissatisfaction(_:cues:)``) above this adds `negativeTurnWeight` × the
        /// excess, at most `negativeTurnCap`: one sour turn alone is the frustration rules' business; a conversation fails
        /// over more than one turn.
        public var negativeAbove = 0.4
        public var negativeTurnWeight = 3.0
        public var negativeTurnCap = 1.5
        /// The most evidence counted while sour turns are the only recent signs (see ``friction``).
        public var moodOnlyCap = 1.6
        public var repeatedRequest = 0.5
        public var correction = 0.6
        public var rejection = 0.6
        /// Added for each turn of a run of "no"s past the first.
        public var rejectionStreak = 0.6
        /// A curt "no" of four words or fewer, on its own: the flat answer of a customer who is not being helped.
        public var curtNo = 1.5
        public var givingUp = 1.2
        public var unanswered = 0.6
        public var agentCannotHelp = 0.5
        public var agentRepeats = 0.3
        /// Share of a negative turn's weight that counts when the agent asked for the bad news.
        public var invitedShare = 0.25
        /// A turn whose satisfaction is above `positiveAbove` (or that thanks the agent or says the problem is solved)
        /// takes away up to this much evidence: a customer who is pleased with what they hear is not being failed.
        public var positiveWeight = 0.5
        public var positiveAbove = 0.5
        /// Content-word overlap (Jaccard) at which a customer turn repeats an earlier one.
        public var repeatSimilarity = 0.5

        public init() {}
    }

    public let settings: Settings
    public private(set) var evidence = 0.0
    /// The signs still counting (their weight faded by the turns since), newest last.
    public private(set) var signs: [(sign: Sign, age: Int)] = []
    private var requests: [(utteranceID: String, words: ContentWords, agentTurnsBefore: Int)] = []
    private var answers: [ContentWords] = []
    private var agentTurns = 0
    private var noes = 0
    /// The agent's signs since the customer last spoke; they count from the customer's next turn.
    private var pending: [Sign] = []
    /// Whether the agent's latest turn asked for bad news ("what went wrong?", "what don't you like?"): the customer's
    /// negative answer to it describes the problem as asked, and is not the conversation failing.
    private var invited = false
    /// Whether the agent's latest turn offered or suggested something ("how about…", "have you tried…", "would you
    /// like…"): a curt "no" to an offer is a customer not being helped; a "no" to "have you called before?" is an answer.
    private var offered = false

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public static func == (lhs: ConversationFlow, rhs: ConversationFlow) -> Bool {
        lhs.evidence == rhs.evidence && lhs.agentTurns == rhs.agentTurns && lhs.noes == rhs.noes && lhs.pending == rhs.pending
            && lhs.invited == rhs.invited && lhs.offered == rhs.offered
            && lhs.signs.map(\.sign) == rhs.signs.map(\.sign) && lhs.signs.map(\.age) == rhs.signs.map(\.age)
            && lhs.requests.map(\.utteranceID) == rhs.requests.map(\.utteranceID)
    }

    /// 0...1: how strongly the recent turns say the conversation is failing the customer.
    /// While every recent sign is a sour turn, evidence counts at most `moodOnlyCap`: sour turns alone say the customer
    /// is upset, which the stress rules hear; the conversation is failing when the flow shows it too.
    public var friction: Double {
        let moodOnly = signs.allSatisfy { $0.sign.kind == .negativeTurn }
        return 1 - exp(-(moodOnly ? min(evidence, settings.moodOnlyCap) : evidence))
    }

    /// The recent signs, strongest remaining first.
    public var strongestSigns: [Sign] {
        signs.sorted { $0.sign.weight * pow(settings.fade, Double($0.age)) > $1.sign.weight * pow(settings.fade, Double($1.age)) }.map(\.sign)
    }

    /// Reads one agent turn: an admission that nothing can be done, or an answer given before, counts against the
    /// conversation from the customer's next turn.
    mutating func addAgentTurn(utteranceID: String, text: String, cues: [Cue]) {
        agentTurns += 1
        let form = speechTranscriptForm(text)
        invited = Self.invitations.occurs(in: form)
        offered = Self.offers.occurs(in: form)
        if let cue = cues.first(where: { $0.kind == .cannotHelp }) {
            pending.append(Sign(kind: .agentCannotHelp, utteranceID: utteranceID, detail: "\"\(cue.text)\"", weight: settings.agentCannotHelp))
        }
        let words = Self.contentWords(form)
        if words.count >= 2, answers.contains(where: { $0.similarity(to: words) >= 0.8 }) {
            pending.append(Sign(kind: .agentRepeats, utteranceID: utteranceID, detail: "the same answer again", weight: settings.agentRepeats))
        }
        answers.append(words)
        if answers.count > 20 { answers.removeFirst() }
    }

    /// Reads one customer turn; returns the signs it showed. `stress` is the turn's dissatisfaction.
    @discardableResult
    mutating func addCustomerTurn(utteranceID: String, text: String, stress: Double, satisfaction: Double = 0, cues: [Cue]) -> [Sign] {
        evidence *= settings.fade
        var pleased = max(0, satisfaction - settings.positiveAbove) / (1 - settings.positiveAbove)
        if cues.contains(where: { $0.kind == .gratitude || $0.kind == .resolution }) { pleased = max(pleased, 0.5) }
        evidence = max(0, evidence - settings.positiveWeight * pleased)
        signs = signs.map { ($0.sign, $0.age + 1) }.filter { $0.sign.weight * pow(settings.fade, Double($0.age)) >= 0.05 }
        let form = speechTranscriptForm(text)
        var found: [Sign] = pending.filter { $0.weight > 0 }
        pending = []
        func note(_ kind: Sign.Kind, _ detail: String, _ weight: Double) {
            guard weight > 0 else { return }
            found.append(Sign(kind: kind, utteranceID: utteranceID, detail: detail, weight: (weight * 1000).rounded() / 1000))
        }
        if stress > settings.negativeAbove {
            let excess = min(settings.negativeTurnCap, settings.negativeTurnWeight * (stress - settings.negativeAbove))
            let weight = excess * (invited ? settings.invitedShare : 1)
            note(.negativeTurn, "dissatisfaction \(CallAnalyzer.number(stress))" + (invited ? ", answering what was asked" : ""), weight)
        }
        for cue in cues {
            switch cue.kind {
            case .correction: note(.correction, "\"\(cue.text)\"", settings.correction)
            case .rejection: note(.rejection, "\"\(cue.text)\"", settings.rejection)
            case .givingUp: note(.givingUp, "\"\(cue.text)\"", settings.givingUp)
            case .unanswered: note(.unanswered, "\"\(cue.text)\"", settings.unanswered)
            default: break
            }
        }
        if cues.contains(where: { $0.kind == .rejection || $0.kind == .correction }) || Self.saysNo(form) {
            if offered, form.split(separator: " ").count <= 4, Self.saysNo(form) { note(.curtNo, "\"\(form)\" to an offer", settings.curtNo) }
            noes += 1
            if noes >= 2 { note(.rejectionStreak, "\(noes) turns saying no in a row", settings.rejectionStreak * Double(noes - 1)) }
        } else {
            noes = 0
        }
        let words = Self.contentWords(form)
        if words.count >= 3 {
            let earlier = requests.last { request in
                request.agentTurnsBefore < agentTurns && request.words.count >= 3 && request.words.similarity(to: words) >= settings.repeatSimilarity
            }
            if let earlier { note(.repeatedRequest, "asks again what \(earlier.utteranceID) asked", settings.repeatedRequest) }
        }
        requests.append((utteranceID, words, agentTurns))
        if requests.count > 20 { requests.removeFirst() }
        for sign in found {
            evidence += sign.weight
            signs.append((sign, 0))
        }
        return found
    }

    /// What an agent says when asking for the problem or for dislikes.
    static let invitations = PhraseSet([
        "dont like", "do not like", "didnt like", "did not like", "dont enjoy", "didnt enjoy", "dislike", "dislikes", "disliked",
        "not like", "hate", "hated", "avoid", "worst", "least favourite", "least favorite", "the problem", "the issue",
        "what happened", "what went wrong", "whats wrong", "what is wrong", "the matter", "bothers you", "annoys you",
        "frustrates you", "went wrong", "not working", "isnt working", "complaint", "disappointed", "disappointing",
    ])

    /// What an agent says when offering or suggesting something.
    static let offers = PhraseSet([
        "how about", "what about", "have you seen", "have you watched", "have you tried", "have you heard of", "would you like",
        "do you want", "shall i", "should i", "i recommend", "i would recommend", "id recommend", "i suggest", "i can suggest",
        "you might like", "you may like", "you should try", "you could try", "did you like", "do you like", "can i offer",
        "i can offer", "we can offer", "i could offer", "would you be interested", "are you interested", "i can book",
        "there is a", "theres a", "there are",
    ])

    /// A short reply that says no: "no", "nope, haven't seen it", "not really", "I don't think so".
    static func saysNo(_ form: String) -> Bool {
        // A speech form has one space between words and none at either end: its first two words and whether it has more
        // than eight are read off its bytes, without splitting it or making a string of its opening.
        var form = form
        return form.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            var spaces = 0
            var (firstEnd, secondEnd) = (bytes.count, bytes.count)
            for index in bytes.indices where bytes[index] == 0x20 {
                spaces += 1
                if spaces == 1 { firstEnd = index } else if spaces == 2 { secondEnd = index }
                if spaces == 8 { return false }
            }
            if noWords.contains(where: { $0.elementsEqual(bytes[..<firstEnd]) }) { return true }
            guard spaces >= 1 else { return false }
            return noOpenings.contains(where: { $0.elementsEqual(bytes[..<secondEnd]) })
        }
    }

    private static let noWords: [[UInt8]] = ["no", "nope", "nah", "never", "not", "neither", "nothing"].map { Array($0.utf8) }
    private static let noOpenings: [[UInt8]] = [
        "i havent", "i didnt", "i dont", "havent seen", "didnt like", "dont like", "i wasnt", "im not", "not really",
    ].map { Array($0.utf8) }

    /// The words of a speech-form text that carry its content: not function words, a plural "s" dropped.
    static func contentWords(_ form: String) -> ContentWords {
        var hashes: [UInt64] = []
        var form = form
        let wasASCII = form.withUTF8 { bytes -> Bool in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            // Nearly every turn: words are the runs of bytes between spaces.
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if !word.isEmpty, functionWordHashes[ContentWords.hash(word)] == nil {
                    let plural = word.count > 3 && word.last == UInt8(ascii: "s")
                    hashes.append(ContentWords.hash(plural ? UnsafeBufferPointer(rebasing: word.dropLast()) : word))
                }
                start = end + 1
            }
            return true
        }
        if !wasASCII {
            for word in form.split(separator: " ") where !functionWords.contains(word) {
                hashes.append(ContentWords.hash(word.count > 3 && word.hasSuffix("s") ? word.dropLast() : word))
            }
        }
        return ContentWords(hashes)
    }

    /// ``functionWords`` by their hashes, for the ASCII path.
    private static let functionWordHashes = ColumnTable(
        functionWords.map { word in Array(word.utf8).withUnsafeBufferPointer { ContentWords.hash($0) } })

    private static let functionWords: Set<Substring> = Set(
        """
        a an the and or but so if then than that this these those there here i im ive id ill me my mine we were our us you youre \
        your yours u he she it its they them their is are was be been being am do does did done doing have has had having will \
        would shall should can could may might must to of in on at for with from by about as into over under up down out off \
        again just also too very really quite such not no yes yeah ok okay oh well um uh like what which who whom whose when \
        where why how all any some each every both few more most other another much many own same get got go going know think \
        want wanted see seen say said one thing things lot please thanks thank hi hello sure right now
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { $0 })
}

/// The content words of one turn (``ConversationFlow/contentWords(_:)``), each as a 64-bit hash, sorted and without
/// repeats: how alike two turns are is one merge of two short arrays, not the intersection and union of two sets of
/// strings every turn.
struct ContentWords: Sendable, Equatable {
    private let hashes: [UInt64]

    init(_ hashes: [UInt64]) {
        var sorted = hashes
        IntegerSort.sort(&sorted)
        var unique: [UInt64] = []
        unique.reserveCapacity(sorted.count)
        for hash in sorted where hash != unique.last { unique.append(hash) }
        self.hashes = unique
    }

    /// How many different words.
    var count: Int { hashes.count }

    /// The words both share over the words either has (Jaccard's index), as the sets of the words would give it.
    func similarity(to other: ContentWords) -> Double {
        var left = 0
        var right = 0
        var shared = 0
        while left < hashes.count, right < other.hashes.count {
            if hashes[left] == other.hashes[right] {
                shared += 1
                left += 1
                right += 1
            } else if hashes[left] < other.hashes[right] {
                left += 1
            } else {
                right += 1
            }
        }
        return Double(shared) / Double(hashes.count + other.hashes.count - shared)
    }

    /// An ASCII word: FNV-1a of its bytes.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { FNV.hash(bytes, seed: FNV.offset) }

    /// Any word: an ASCII one as ``hash(_:)-(UnsafeBufferPointer<UInt8>)``, so that it is the same word in an ASCII turn
    /// and in another; any other by the standard hash, which keeps canonically equivalent spellings equal (hashes are
    /// compared within one process only).
    static func hash(_ word: Substring) -> UInt64 {
        var word = word
        if let hash = word.withUTF8({ bytes in bytes.allSatisfy({ $0 < 0x80 }) ? hash(bytes) : nil }) { return hash }
        return UInt64(bitPattern: Int64(word.hashValue))
    }
}
