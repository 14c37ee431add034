import Foundation
import Testing

@testable import UndertoneEngine

/// One labelled turn: its text and the cues it should give, in order. Each expected cue is written as its kind's raw
/// value, with `?` when conditional and `#n` for a repeat count: "cancel_threat?", "repeat_contact#3".
struct CueExample: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: [String]

    init(_ text: String, _ expected: String...) {
        self.text = text
        self.expected = expected
    }

    var testDescription: String { "\"\(text)\" → \(expected.isEmpty ? "nothing" : expected.joined(separator: ", "))" }
}

extension Cue {
    /// The compact form the examples are written in.
    var label: String {
        kind.rawValue + (conditional ? "?" : "") + (count.map { "#\($0)" } ?? "")
    }
}

@Suite("Cues")
struct CueTests {
    let detector = CueDetector()

    static let cancellation: [CueExample] = [
        CueExample("I want to cancel my account.", "cancel_threat"),
        CueExample("cancel it now", "cancel_threat"),
        CueExample("If this isn't fixed today, I'm cancelling.", "cancel_threat?"),
        CueExample("if this isnt fixed today im cancelling", "cancel_threat?"),
        CueExample("I'm thinking about switching to another provider", "cancel_threat?"),
        CueExample("i might have to cancel", "cancel_threat?"),
        CueExample("ill cancel if you dont sort it out", "cancel_threat?"),
        CueExample("fix it or im leaving you for another bank", "cancel_threat?"),
        CueExample("Can I cancel?", "cancel_request"),
        CueExample("um so uh i think im gonna take my business elsewhere", "cancel_threat"),
        CueExample("I'd like to close my account please", "cancel_request"),
        CueExample("youve just lost a customer", "cancel_threat"),
        CueExample("can you send me my pac code", "cancel_threat"),
        CueExample("it wont let me cancel my subscription online", "cancel_threat"),
        CueExample("Not happy, I want to cancel.", "cancel_threat"),
        CueExample("not happy i want to cancel", "cancel_threat"),
        CueExample("no i want to cancel", "correction", "cancel_threat"),
        CueExample("I'm not going to lie, I want to cancel", "cancel_threat"),
        CueExample("I\u{2019}m cancelling \u{2014} this is the 3rd time I\u{2019}ve called!!!", "cancel_threat", "repeat_contact#3"),
        CueExample("ive been with you twelve years and im thinking of leaving", "cancel_threat?"),
        CueExample("my contract ends next month and i will not be renewing", "cancel_threat"),
        // Asked for, or about a booking: a cancellation request, not a threat to leave.
        CueExample("can I cancel my taxi booking", "cancel_request"),
        CueExample("There's a chance I'll need to cancel this train booking, is that possible?", "cancel_request"),
        CueExample("how do i cancel the subscription", "cancel_request"),
        CueExample("I'd like to close my old savings account and move the money into the new one.", "cancel_request"),
        CueExample("please cancel my table for tonight", "cancel_request"),
        CueExample("whats your cancellation policy", "cancel_request"),
        CueExample("cancel the hotel reservation for friday", "cancel_request"),
        // About the relationship: a threat.
        CueExample("close my account, I'm going elsewhere", "cancel_threat"),
        CueExample("i'm done with you", "cancel_threat"),
        CueExample("can you close my account im going to another bank", "cancel_request", "cancel_threat"),
        // Negated.
        CueExample("I don't want to cancel, I just want it fixed"),
        CueExample("im not going to cancel"),
        CueExample("I have no intention of cancelling my membership"),
        CueExample("i dont think ill cancel"),
        CueExample("uh i dont wanna cancel i just want a refund"),
        // Not the customer leaving.
        CueExample("The order was cancelled by mistake, can you reinstate it?"),
        CueExample("I want to cancel my order, it hasn't shipped yet", "cancel_request"),
        CueExample("I'll leave you a good review"),
        CueExample("did the payment go to another bank"),
    ]

    static let supervisor: [CueExample] = [
        CueExample("Can I speak to a manager please?", "supervisor_request"),
        CueExample("put me through to your supervisor", "supervisor_request"),
        CueExample("I'd like to speak to a supervisor", "supervisor_request"),
        CueExample("I would like to speak to your manager", "supervisor_request"),
        CueExample("i want this escalated", "supervisor_request"),
        CueExample("if you cant help me then let me talk to someone senior", "supervisor_request?"),
        CueExample("no one has helped me so far, i want a manager", "supervisor_request"),
        CueExample("no one has helped me i want a manager", "supervisor_request"),
        CueExample("stop messing me around and put me through to someone in charge", "supervisor_request"),
        CueExample("I need to speak to my manager at work first."),
        CueExample("there's no need to get a manager, you've been great", "gratitude"),
        CueExample("i dont need a supervisor"),
        CueExample("i never asked to speak to a supervisor"),
        CueExample("i was wondering if i could speak to a manager", "supervisor_request"),
        CueExample("DON\u{2019}T PUT ME ON HOLD, GET ME A MANAGER", "supervisor_request"),
    ]

    static let legal: [CueExample] = [
        CueExample("I'm going to take you to court", "legal_threat"),
        CueExample("I'll be contacting my solicitor", "legal_threat"),
        CueExample("i might have to take this to the ombudsman", "legal_threat?"),
        CueExample("unless you refund me im going to the ombudsman", "legal_threat?"),
        CueExample("I want to make a formal complaint", "legal_threat"),
        CueExample("Im reporting you to trading standards", "legal_threat"),
        CueExample("i will be reporting this to the c f p b", "legal_threat"),
        CueExample("gonna sue you", "legal_threat"),
        CueExample("I've had enough, I'm taking this to the financial ombudsman.", "stated_anger", "legal_threat"),
        CueExample("I would never sue anyone"),
        CueExample("I have power of attorney for my mother's account"),
        // A lawyer named is not a lawyer threatened.
        CueExample("I'll ask the accountant or the lawyer and get back to you"),
        CueExample("My solicitor is handling the house sale, can you send her the statement?"),
        CueExample("my lawyer will be in touch", "legal_threat"),
        CueExample("im getting a lawyer", "legal_threat"),
        CueExample("this is going to the small claims court", "legal_threat"),
    ]

    static let conversation: [CueExample] = [
        CueExample("no, I said the 10th", "correction"),
        CueExample("thats not what i asked for", "correction"),
        CueExample("you've got the wrong date", "correction"),
        CueExample("I didn't order this", "correction"),
        CueExample("no thanks", "rejection"),
        CueExample("not interested in that one", "rejection"),
        CueExample("I've already tried that", "rejection"),
        CueExample("that doesnt help", "rejection"),
        CueExample("I didn't like that one either", "rejection"),
        CueExample("you're not really helping", "rejection"),
        CueExample("oh forget it", "giving_up"),
        CueExample("never mind, I'll sort it out myself", "giving_up"),
        CueExample("this is pointless", "giving_up"),
        CueExample("hello? are you still there?", "unanswered"),
        CueExample("is anyone there", "unanswered"),
        // Not these.
        CueExample("that's right, the 10th"),
        CueExample("yes that helps, thanks", "resolution", "gratitude"),
        CueExample("I'm not saying that's wrong"),
    ]

    static let repeatContact: [CueExample] = [
        CueExample("This is the third time I'm calling about this!", "repeat_contact#3"),
        CueExample("third time im calling", "repeat_contact#3"),
        CueExample("ive called three times this week", "repeat_contact#3"),
        CueExample("I've rung you twice already", "repeat_contact#2"),
        CueExample("3rd time I've had to ring you", "repeat_contact#3"),
        CueExample("i called 3 times", "repeat_contact#3"),
        CueExample("i called twice", "repeat_contact#2"),
        CueExample("I already told you my postcode", "repeat_contact"),
        CueExample("I called last week about this", "repeat_contact"),
        CueExample("why am i having to explain this all over again", "repeat_contact"),
        CueExample("this isn't the first time", "repeat_contact"),
        CueExample("how many times do i have to tell you", "repeat_contact"),
        CueExample("I spoke to Sue yesterday about my bill", "repeat_contact"),
        CueExample("i have called you lot like five times", "repeat_contact#5"),
        CueExample("ive explained this to four different people", "repeat_contact#4"),
        CueExample("nobody has called me back", "repeat_contact"),
        CueExample("You've cut me off twice already today.", "repeat_contact#2"),
        CueExample("Every single time I call I get a different answer.", "repeat_contact"),
        CueExample("I've never called before"),
        CueExample("I was charged three times for one order"),
    ]

    static let abuseAndProfanity: [CueExample] = [
        CueExample("you're useless", "abuse"),
        CueExample("f*** you", "abuse"),
        CueExample("fuck off", "abuse"),
        CueExample("you are a complete idiot", "abuse"),
        CueExample("your company is a joke", "abuse"),
        CueExample("you fucking idiot", "abuse"),
        CueExample("this is bloody ridiculous", "profanity", "stated_anger"),
        CueExample("oh shit i forgot my password", "profanity"),
        CueExample("what the f**k is going on with my bill", "profanity"),
        CueExample("sh*t, the app froze", "profanity"),
        CueExample("damn it, fuck this", "profanity"),
        CueExample("fucking hell you lot are useless", "profanity", "abuse"),
        CueExample("you\u{2019}re a F***ING joke \u{1F621}", "abuse"),
        CueExample("son of a b*tch", "profanity"),
        CueExample("You people have no idea what you're doing.", "abuse"),
        CueExample("I feel like such an idiot, I forgot to pay"),
        CueExample("youre not useless i just dont understand", "confusion"),
    ]

    static let confusion: [CueExample] = [
        CueExample("I don't understand", "confusion"),
        CueExample("i cant understand what youre saying", "confusion"),
        CueExample("what does that mean", "confusion"),
        CueExample("that makes no sense to me", "confusion"),
        CueExample("um im a bit confused", "confusion"),
        CueExample("I don't get it", "confusion"),
        CueExample("can you explain that again", "confusion"),
        CueExample("sorry youve lost me there", "confusion"),
        CueExample("I'M SO CONFUSED!!!", "confusion"),
        CueExample("I'm not confused"),
        CueExample("i wouldnt say im confused exactly"),
        CueExample("you dont understand, i need this today"),
    ]

    static let gratitudeAndResolution: [CueExample] = [
        CueExample("thank you so much", "gratitude"),
        CueExample("you've been very helpful", "gratitude"),
        CueExample("Thank you for calling Acme, how can I help?", "gratitude"),
        CueExample("I really appreciate your help", "gratitude"),
        CueExample("thanks for nothing", "sarcasm"),
        CueExample("well cheers for nothing then", "sarcasm"),
        CueExample("you haven't been very helpful"),
        CueExample("that fixed it", "resolution"),
        CueExample("Perfect, that's all I needed", "resolution"),
        CueExample("it works now thank you", "resolution", "gratitude"),
        CueExample("thats sorted then cheers", "resolution", "gratitude"),
        CueExample("that hasn't fixed it"),
        CueExample("its still not working"),
        CueExample("they said it was fixed but it isnt"),
    ]

    static let statedAngerAndSarcasm: [CueExample] = [
        CueExample("im absolutely furious", "stated_anger"),
        CueExample("Honestly I'm fed up with this", "stated_anger"),
        CueExample("this is really frustrating", "stated_anger"),
        CueExample("i was livid when i saw the bill", "stated_anger"),
        CueExample("I'm not angry, just confused", "confusion"),
        CueExample("im not mad at you"),
        CueExample("oh wonderful thats just wonderful", "sarcasm"),
        CueExample("ten working days oh great brilliant thanks a lot", "sarcasm", "gratitude"),
        CueExample("a note lovely im sure that will do wonders", "sarcasm"),
        CueExample("really amazing service as always", "sarcasm"),
        CueExample("whats another fortnight", "sarcasm"),
        CueExample("that's great, thank you", "gratitude"),
        CueExample("brilliant, that works", "resolution"),
    ]

    static let mixedAndGarbage: [CueExample] = [
        CueExample(
            "im sick of this third time im calling get me a manager or im going to the ombudsman",
            "stated_anger", "repeat_contact#3", "supervisor_request", "legal_threat?"),
        CueExample("I might cancel. Just kidding, thank you so much", "cancel_threat?", "gratitude"),
        CueExample(""),
        CueExample("   ...!!! ??? "),
        CueExample("asdf qwer zxcv 12345"),
        CueExample("um uh hmm"),
    ]

    @Test("cancellation threats", arguments: cancellation)
    func cancellationThreats(example: CueExample) { check(example) }

    @Test("supervisor requests", arguments: supervisor)
    func supervisorRequests(example: CueExample) { check(example) }

    @Test("legal threats", arguments: legal)
    func legalThreats(example: CueExample) { check(example) }

    @Test("corrections, rejections, giving up and waiting for an answer", arguments: conversation)
    func conversationCues(example: CueExample) { check(example) }

    @Test("repeat contact and its count", arguments: repeatContact)
    func repeatContacts(example: CueExample) { check(example) }

    @Test("abuse aimed at someone, profanity aimed at no one", arguments: abuseAndProfanity)
    func abuseAndSwearing(example: CueExample) { check(example) }

    @Test("confusion", arguments: confusion)
    func confusionStatements(example: CueExample) { check(example) }

    @Test("gratitude and resolution", arguments: gratitudeAndResolution)
    func gratitudeAndResolutionStatements(example: CueExample) { check(example) }

    @Test("anger the customer names, and praise that may be sarcasm", arguments: statedAngerAndSarcasm)
    func statedAngerAndSarcasmStatements(example: CueExample) { check(example) }

    @Test("several cues in one turn, and input with none", arguments: mixedAndGarbage)
    func mixedAndEmpty(example: CueExample) { check(example) }

    private func check(_ example: CueExample, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = detector.detect(example.text)
        #expect(found.map(\.label) == example.expected, "\(found)", sourceLocation: sourceLocation)
    }

    @Test("a cue's text is the normalised words that matched, joined across neighbouring phrases")
    func cueText() {
        #expect(detector.detect("I want to cancel my account.").map(\.text) == ["want to cancel my account"])
        #expect(detector.detect("What the F**K?!").map(\.text) == ["fuck"])
        #expect(detector.detect("Thank you, you've been very helpful.").map(\.text) == ["thank you youve been very helpful"])
    }

    @Test("normalisation: case, apostrophes, fillers, masked swearing, and clause and sentence breaks")
    func normalisation() {
        let text = CueText("Um, I\u{2019}M sure\u{2014}DON'T f**k. Er 3rd", vocabulary: CuePhraseBook.standard.vocabulary)
        #expect(text.texts == ["im", "sure", "dont", "fuck", "3rd"])
        #expect(text.words.map(\.clause) == [0, 0, 1, 1, 2])
        #expect(text.words.map(\.sentence) == [0, 0, 0, 0, 1])
        #expect(text.words.map(\.count) == [nil, nil, nil, nil, 3])
        #expect(CueText("*really* ***", vocabulary: CuePhraseBook.standard.vocabulary).texts == ["really"])
    }

    @Test("kinds keep the names policies and JSON use; a cue round-trips through JSON")
    func coding() throws {
        #expect(
            CueKind.allCases.map(\.rawValue) == [
                "cancel_threat", "cancel_request", "supervisor_request", "legal_threat", "repeat_contact", "abuse", "profanity",
                "stated_anger", "sarcasm", "confusion", "correction", "rejection", "giving_up", "unanswered", "cannot_help", "gratitude",
                "resolution", "unsupported_language",
            ])
        let cue = Cue(kind: .repeatContact, text: "third time im calling", conditional: false, count: 3)
        #expect(try JSONDecoder().decode(Cue.self, from: JSONEncoder().encode(cue)) == cue)
    }

    /// A phrase of the tables written out: a random alternative of each group, optional parts kept or not, a random
    /// entry of each named set, a random word for `_` and "three" for `#`.
    private static func instance(of source: String, sets: [String: [String]], pool: [String], using random: inout SplitMix64) -> [String] {
        func expand(_ word: String) -> [String] {
            if word.hasPrefix("<"), word.hasSuffix(">"), let entries = sets[String(word.dropFirst().dropLast())] {
                return entries[random.below(entries.count)].split(separator: " ").flatMap { expand(String($0)) }
            }
            if word == "_" { return [pool[random.below(pool.count)]] }
            if word == "#" { return ["three"] }
            return [word]
        }
        var words: [String] = []
        var rest = Substring(source)
        while let first = rest.first {
            rest = rest.dropFirst()
            var part: [String]
            if first == " " { continue }
            if first == "(" {
                let close = rest.firstIndex(of: ")")!
                let alternatives = rest[..<close].split(separator: "|", omittingEmptySubsequences: false)
                part = alternatives[random.below(alternatives.count)].split(separator: " ").flatMap { expand(String($0)) }
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex { $0 == " " || $0 == "?" || $0 == "(" } ?? rest.endIndex
                part = expand(String(first) + rest[..<end])
                rest = rest[end...]
            }
            if rest.first == "?" {
                rest = rest.dropFirst()
                if random.below(2) == 0 { part = [] }
            }
            words += part
        }
        return words
    }

    @Test(
        "a phrase is skipped only when the text lacks every word it needs at a required place: the same matches with and without the skip",
        arguments: ["en", "es", "fr"])
    func requiredWordsSkipNothingThatMatches(code: String) throws {
        let language = try #require([CueLanguage.english, .spanish, .french].first { $0.code == code })
        let book = try #require(CuePhraseBook.book(for: code))
        // Sorted: the tables are dictionaries, whose order changes from run to run, and the texts must not.
        let sources = [language.cuePhrases, language.hypotheticalPhrases, language.vetoPhrases].flatMap { $0.values.flatMap { $0 } }.sorted()
        let words = Set(sources.flatMap { $0.split(whereSeparator: { " ()|?".contains($0) }) }.map(String.init))
        let pool = words.filter { !$0.hasPrefix("<") && $0 != "_" && $0 != "#" }.sorted() + ["three", "twice", "3rd"]
        #expect(book.phrasesWithRequiredWords * 2 > book.phraseCount, "most phrases need a word past their first")
        var random = SplitMix64(seed: 17)
        var matched = 0
        for round in 0..<4_000 {
            // A phrase written out, then (most rounds) spoilt: a word dropped or replaced, words around it.
            var words = Self.instance(of: sources[random.below(sources.count)], sets: language.wordSets, pool: pool, using: &random)
            if round % 4 != 0, !words.isEmpty {
                let at = random.below(words.count)
                if random.below(2) == 0 { words.remove(at: at) } else { words[at] = pool[random.below(pool.count)] }
            }
            for _ in 0..<random.below(4) { words.insert(pool[random.below(pool.count)], at: random.below(words.count + 1)) }
            if words.count > 3, random.below(3) == 0 { words[random.below(words.count)] += [".", ",", "?"][random.below(3)] }
            let line = words.joined(separator: " ")
            let text = CueText(book.folds ? foldedText(line) : line, vocabulary: book.vocabulary)
            let skipping = book.matches(in: text).map { "\($0.kind) \($0.role) \($0.range)" }
            let trying = book.matches(in: text, skipByRequiredWords: false).map { "\($0.kind) \($0.role) \($0.range)" }
            #expect(skipping == trying, "\(line)")
            if !trying.isEmpty { matched += 1 }
        }
        #expect(matched > 1_000, "the texts match phrases often enough to tell")
    }

    @Test("a long, repetitive turn stays cheap and its cues stay short")
    func longTurn() {
        let turn = String(repeating: "thank you so much i want to cancel my account you idiot ", count: 2_000)
        let clock = ContinuousClock()
        var cues: [Cue] = []
        let elapsed = clock.measure { cues = detector.detect(turn) }
        #expect(cues.map(\.label) == ["gratitude", "cancel_threat", "abuse"])
        #expect(cues.allSatisfy { $0.text.split(separator: " ").count <= 16 })
        // 22,000 words: linear work is milliseconds even in a debug build; the bound is far above that so that a loaded CI
        // machine never trips it (speed is the benchmarks' business), and far below what quadratic work would take.
        #expect(elapsed < .seconds(30))
    }
}
