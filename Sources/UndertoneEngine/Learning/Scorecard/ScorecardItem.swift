/// What a scorecard item checks, as the YAML's `kind:` names it.
public enum ScorecardItemKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case greeting
    case identityVerification = "identity_verification"
    case empathy
    case holdEtiquette = "hold_etiquette"
    case closing
    case deadAir = "dead_air"
    case talkRatio = "talk_ratio"
    case interruptions
}

/// An item's check with its parameters; `docs/scorecards.md` gives each one's pass, fail and not-applicable rules.
public enum ScorecardCheck: Sendable, Equatable {
    /// One of the agent's first `withinTurns` turns says one of the phrases.
    case greeting(phrases: [String], withinTurns: Int)
    /// An agent turn (among the first `withinTurns`, when set) asks one of the verification phrases.
    case identityVerification(phrases: [String], withinTurns: Int?)
    /// After a customer turn with a trigger phrase, one of the agent's next `withinTurns` turns says an empathy phrase;
    /// without triggers, any agent turn does. Not applicable when no trigger is heard.
    case empathy(phrases: [String], triggers: [String], withinTurns: Int)
    /// Every hold is announced (an ask phrase up to `askWithinMs` before it starts) and thanked (a thank phrase up to
    /// `thankWithinMs` after it ends). Not applicable without holds.
    case holdEtiquette(askPhrases: [String], thankPhrases: [String], askWithinMs: Int, thankWithinMs: Int)
    /// One of the agent's last `lastTurns` turns says one of the phrases. Not applicable when the call was transferred.
    case closing(phrases: [String], lastTurns: Int)
    /// At most `allowed` silences between turns longer than `longerThanMs`, holds excepted. Needs turn timing.
    case deadAir(longerThanMs: Int, allowed: Int)
    /// The agent's share of agent-plus-customer talk time (words, without timing) lies in `minimum...maximum`.
    case talkRatio(minimum: Double, maximum: Double)
    /// At most `allowed` turns by `by` (anyone, when nil) start at least `minimumOverlapMs` before the other speaker's
    /// turn ends. Needs turn timing.
    case interruptions(by: SpeakerRole?, minimumOverlapMs: Int, allowed: Int)

    public var kind: ScorecardItemKind {
        switch self {
        case .greeting: .greeting
        case .identityVerification: .identityVerification
        case .empathy: .empathy
        case .holdEtiquette: .holdEtiquette
        case .closing: .closing
        case .deadAir: .deadAir
        case .talkRatio: .talkRatio
        case .interruptions: .interruptions
        }
    }
}

/// One line of a scorecard: what it checks, what it is worth, and which calls it applies to.
public struct ScorecardItem: Sendable, Equatable {
    /// Lower-case words joined by hyphens, unique in the scorecard (`greeting`, `hold-etiquette`).
    public var id: String
    public var description: String?
    /// Points for a pass; a failed item scores 0 and a not-applicable one leaves the total out of it.
    public var weight: Double
    /// A failed critical item fails the whole call (score 0), as a compliance miss does in most QA forms.
    public var critical: Bool
    /// The channels the item applies to (all when nil); not applicable on others.
    public var channels: [Channel]?
    /// The queues the item applies to (all when nil); not applicable on others.
    public var queues: [String]?
    public var check: ScorecardCheck
    /// The line of the scorecard file where the item starts (0 when built in Swift).
    public var line: Int

    public init(
        id: String, description: String? = nil, weight: Double, critical: Bool = false, channels: [Channel]? = nil, queues: [String]? = nil,
        check: ScorecardCheck, line: Int = 0
    ) {
        self.id = id
        self.description = description
        self.weight = weight
        self.critical = critical
        self.channels = channels
        self.queues = queues
        self.check = check
        self.line = line
    }

    public var kind: ScorecardItemKind { check.kind }
}
