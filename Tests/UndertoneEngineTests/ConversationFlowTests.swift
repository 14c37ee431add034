import Foundation
import Testing

@testable import UndertoneEngine

/// The conversation's own course as a signal: friction from repeated requests, corrections, turned-down answers,
/// waiting and giving up, fading turn by turn.
@Suite("ConversationFlow — friction without angry words")
struct ConversationFlowTests {
    static let model = try! TextModel.bundled()

    /// A call from alternating lines, agent first.
    static func events(_ lines: [String], customerFirst: Bool = false) -> [CallEvent] {
        var events: [CallEvent] = [.callStarted(CallStarted(callID: "f", channel: .chat, customerID: "c", queue: "travel"))]
        for (index, text) in lines.enumerated() {
            let speaker: SpeakerRole = (index % 2 == 0) == customerFirst ? .customer : .agent
            events.append(.turn(Turn(callID: "f", at: (index + 1) * 5000, utteranceID: "u\(index + 1)", speaker: speaker, text: text)))
        }
        return events
    }

    static func run(_ events: [CallEvent]) throws -> (CallAnalyzer, [Decision]) {
        var analyzer = CallAnalyzer(policy: try Policy.preset(named: "default"), textModel: model, intentModel: nil)
        var decisions: [Decision] = []
        for event in events {
            for case .decision(let decision) in analyzer.ingest(event) { decisions.append(decision) }
        }
        return (analyzer, decisions)
    }

    @Test("a request repeated, corrected, answered with nothing and given up on reaches a supervisor with its reasons")
    func failingConversation() throws {
        let (analyzer, decisions) = try Self.run(
            Self.events([
                "How can I help?",
                "I need a train from Leeds to York on Friday morning, arriving before ten.",
                "There is a train from Leeds to London on Saturday at 9:15.",
                "No, I said York, on Friday, arriving before ten.",
                "I'm sorry, there are no trains matching that.",
                "I need a train from Leeds to York on Friday morning before ten, surely there is one.",
                "There is a train from Leeds to London on Saturday at 9:15.",
                "Oh forget it, this is pointless.",
            ]))
        let supervisor = try #require(decisions.first { $0.tier >= .supervisor && $0.kind == .raised }, "\(decisions.map(\.rule))")
        #expect(supervisor.rule == "conversation-failing")
        let observed = supervisor.reasons.map(\.observed).joined(separator: " ")
        #expect(observed.contains("friction"))
        let kinds = Set(analyzer.state.flow.strongestSigns.map(\.kind))
        #expect(kinds.isSuperset(of: [.correction, .givingUp, .agentCannotHelp, .repeatedRequest]), "\(kinds)")
        #expect(decisions.allSatisfy { $0.tier < .manager }, "no threat, no abuse: no manager")
    }

    @Test("plain answers of no, thanks and questions keep friction low: a satisfied conversation raises nothing")
    func satisfiedConversation() throws {
        let (analyzer, decisions) = try Self.run(
            Self.events([
                "Hello, what can I do for you?",
                "Hi, I'd like to book a table for two tonight.",
                "Of course. Have you dined with us before?",
                "No, I haven't.",
                "Do you have any allergies we should know about?",
                "No.",
                "Lovely, you're booked for 7pm, reference 42.",
                "Great, thank you so much!",
            ]))
        #expect(decisions.isEmpty, "\(decisions.map(\.rule))")
        #expect(analyzer.state.flow.friction < 0.45)
    }

    @Test("bad news the agent asked for counts for a quarter; a pleased turn takes friction away; evidence fades")
    func invitedAndPleased() {
        var flow = ConversationFlow()
        flow.addAgentTurn(utteranceID: "a1", text: "What went wrong with the delivery?", cues: [])
        let asked = flow.addCustomerTurn(utteranceID: "c1", text: "It came broken.", stress: 0.9, cues: [])
        #expect(asked.map(\.kind) == [.negativeTurn])
        #expect(abs(asked[0].weight - 3.0 * 0.5 * 0.25) < 1e-3)

        var unasked = ConversationFlow()
        unasked.addAgentTurn(utteranceID: "a1", text: "Your parcel was delivered on Monday.", cues: [])
        let told = unasked.addCustomerTurn(utteranceID: "c1", text: "It came broken.", stress: 0.9, cues: [])
        #expect(abs(told[0].weight - 3.0 * 0.5) < 1e-3)
        let before = unasked.friction
        unasked.addCustomerTurn(utteranceID: "c2", text: "ok", stress: 0, cues: [])
        #expect(unasked.friction < before, "evidence fades")
        let faded = unasked.friction
        unasked.addCustomerTurn(
            utteranceID: "c3", text: "brilliant, thanks", stress: 0, satisfaction: 0.95, cues: [Cue(kind: .gratitude, text: "thanks")])
        #expect(unasked.friction < faded * 0.6 - 0.01 || unasked.friction == 0)
    }

    @Test("a run of no's, an unanswered customer and an agent saying the same thing twice are signs")
    func runsAndWaiting() {
        var flow = ConversationFlow()
        for (index, text) in ["no", "nope", "no I haven't"].enumerated() {
            flow.addAgentTurn(utteranceID: "a\(index)", text: "Have you seen film number \(index)?", cues: [])
            flow.addCustomerTurn(utteranceID: "c\(index)", text: text, stress: 0, cues: [])
        }
        #expect(flow.strongestSigns.contains { $0.kind == .rejectionStreak && $0.detail.hasPrefix("3 turns") })
        flow.addAgentTurn(utteranceID: "a9", text: "Let me check that for you.", cues: [])
        flow.addAgentTurn(utteranceID: "a10", text: "Let me check that for you.", cues: [])
        let signs = flow.addCustomerTurn(
            utteranceID: "c9", text: "hello? are you still there?", stress: 0.1, cues: [Cue(kind: .unanswered, text: "are you still there")])
        #expect(Set(signs.map(\.kind)) == [.agentRepeats, .unanswered])
    }

    @Test("saying no: the first word or the first two, in turns of up to eight words")
    func saysNo() {
        #expect(ConversationFlow.saysNo("no"))
        #expect(ConversationFlow.saysNo("i dont think so"))
        #expect(ConversationFlow.saysNo("no that is not what i asked for"))  // eight words
        #expect(!ConversationFlow.saysNo("no that is not what i asked for at"))  // nine
        #expect(!ConversationFlow.saysNo("yes please"))
        #expect(!ConversationFlow.saysNo(""))
    }

    /// What ``ConversationFlow/contentWords(_:)`` stood for before it kept hashes: the set of the words, function words
    /// out, a plural "s" dropped; two turns alike by the size of the intersection over the union.
    private static func wordSet(_ form: String) -> Set<Substring> {
        let functionWords: Set<Substring> = ["i", "the", "to", "my", "is", "a", "it", "was", "not"]
        var words = Set<Substring>()
        for word in form.split(separator: " ") where !functionWords.contains(word) {
            words.insert(word.count > 3 && word.hasSuffix("s") ? word.dropLast() : word)
        }
        return words
    }

    @Test("how alike two turns are: the same as the sets of their words give, ASCII or not, spellings canonically equal")
    func contentWordsAsSets() {
        let vocabulary = [
            "charge", "charges", "bill", "bills", "refund", "refunds", "card", "cards", "gas", "bus", "the", "i", "to", "my", "is",
            "caf\u{E9}", "cafe\u{301}", "caf\u{E9}s", "\u{65E5}\u{672C}", "na\u{EF}ve", "was", "not", "it", "a", "account", "accounts",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let left = (0..<Int.random(in: 0...9, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
            let right = (0..<Int.random(in: 0...9, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
            let leftForm = left.joined(separator: " ")
            let rightForm = right.joined(separator: " ")
            let (leftSet, rightSet) = (Self.wordSet(leftForm), Self.wordSet(rightForm))
            let (leftWords, rightWords) = (ConversationFlow.contentWords(leftForm), ConversationFlow.contentWords(rightForm))
            #expect(leftWords.count == leftSet.count, "\(leftForm)")
            let expected = Double(leftSet.intersection(rightSet).count) / Double(leftSet.union(rightSet).count)
            let similarity = leftWords.similarity(to: rightWords)
            #expect(similarity == expected || (similarity.isNaN && expected.isNaN), "\(leftForm) | \(rightForm)")
        }
        // A composed and a decomposed spelling are one word; a plural of four letters or more is its singular.
        #expect(ConversationFlow.contentWords("caf\u{E9} bills").similarity(to: ConversationFlow.contentWords("cafe\u{301} bill")) == 1)
        #expect(ConversationFlow.contentWords("gas bus").similarity(to: ConversationFlow.contentWords("ga bu")) == 0)
    }
}
