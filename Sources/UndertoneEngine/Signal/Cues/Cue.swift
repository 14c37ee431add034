/// What a turn says outright that an escalation policy acts on: a threat, a request, a repeat, an outburst, or the
/// signs that a call is going well. Raw values are the names used in JSON, in policies and in `undertone classify`.
public enum CueKind: String, CaseIterable, Codable, Sendable {
    /// A threat to leave: the relationship is at stake ("I'm cancelling", "close my account, I'm going elsewhere", "I'm
    /// done with you", "I won't be renewing").
    case cancellationThreat = "cancel_threat"
    /// A request to cancel or close something, said as a request or a question ("can I cancel my taxi booking", "I'd
    /// like to close my old savings account", "how do I cancel the subscription"): an intent to route, not a threat.
    case cancellationRequest = "cancel_request"
    /// A request for a supervisor, a manager, someone senior, or for the matter to be escalated.
    case supervisorRequest = "supervisor_request"
    /// A lawyer, a lawsuit, a court, a regulator or ombudsman, the press, or a formal complaint.
    case legalThreat = "legal_threat"
    /// The customer says they have been in touch about this before: "third time I'm calling", "I already told you".
    case repeatContact = "repeat_contact"
    /// Profanity or insults aimed at the agent or the company: "you're useless", "f*** you".
    case abuse = "abuse"
    /// Swearing aimed at no one: "this is bloody ridiculous".
    case profanity = "profanity"
    /// The customer names their own anger: "I'm absolutely furious", "I'm fed up", "this is really frustrating".
    case statedAnger = "stated_anger"
    /// Praise or thanks that mean the opposite: "oh wonderful, that's just wonderful", "cheers for nothing". The engine
    /// counts it only after bad news or while the customer is already upset (`CallAnalyzer`).
    case sarcasm = "sarcasm"
    /// The customer says they do not follow: "I don't understand", "what does that mean".
    case confusion = "confusion"
    /// The customer corrects the agent: "no, I said the 10th", "that's not what I asked for", "you've got it wrong".
    case correction = "correction"
    /// The customer turns down what the agent offered: "no thanks", "not interested", "that doesn't help", "I've already
    /// tried that", "I didn't like that one either".
    case rejection = "rejection"
    /// The customer gives up on getting help: "forget it", "never mind", "this is pointless", "I'll sort it myself".
    case givingUp = "giving_up"
    /// The customer is left waiting for an answer: "are you still there?", "hello, is anyone there?".
    case unanswered = "unanswered"
    /// Said by the agent: there is nothing they can do or find ("I don't know what else to recommend", "there are no
    /// trains matching that", "I can't find your booking"): an answer that does not move the conversation.
    case cannotHelp = "cannot_help"
    /// Thanks or praise: "thank you so much", "you've been very helpful".
    case gratitude = "gratitude"
    /// The problem is solved: "that fixed it", "it works now", "that's all I needed".
    case resolution = "resolution"
    /// The customer speaks a language the engine has no model for; the cue's text is its tag ("de"). Their words are
    /// not read, so the turn's emotions say nothing about them: a policy can route the call to someone who speaks it.
    case unsupportedLanguage = "unsupported_language"
}

/// One explicit cue found in a turn's text.
public struct Cue: Sendable, Equatable, Codable {
    /// What the words signal.
    public var kind: CueKind
    /// The words that matched, from the normalised (lower-case, punctuation-free) text.
    public var text: String
    /// True for a hypothetical or conditional statement: "if it's not fixed I'll cancel", "I might have to cancel",
    /// "unless you refund me I'm going to the ombudsman".
    public var conditional: Bool
    /// For repeat contact, how many times the customer says they have contacted ("third time" → 3, "called twice" → 2),
    /// when said; else nil.
    public var count: Int?

    /// A cue as the detector reports it; `count` only for repeat contact.
    public init(kind: CueKind, text: String, conditional: Bool = false, count: Int? = nil) {
        self.kind = kind
        self.text = text
        self.conditional = conditional
        self.count = count
    }
}
