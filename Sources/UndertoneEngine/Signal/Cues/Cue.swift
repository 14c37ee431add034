/// What a turn says outright that an escalation policy acts on: a threat, a request, a repeat, an outburst, or the
/// signs that a call is going well. Raw values are the names used in JSON, in policies and in `undertone classify`.
public enum CueKind: String, CaseIterable, Codable, Sendable {
    /// A threat to cancel, close an account, leave for a competitor or not renew.
    case cancellationThreat = "cancel_threat"
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
    /// Thanks or praise: "thank you so much", "you've been very helpful".
    case gratitude = "gratitude"
    /// The problem is solved: "that fixed it", "it works now", "that's all I needed".
    case resolution = "resolution"
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
