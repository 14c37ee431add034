/// What the coaching hints look at: the tier of the decision, the rule's responses, the cues the customer's latest turn
/// raised and that turn's emotions.
public struct CoachingMoment: Sendable, Equatable {
    public var tier: Tier?
    public var responses: [AutomaticResponse]
    public var cues: [CueKind]
    public var emotions: EmotionScores?

    public init(tier: Tier?, responses: [AutomaticResponse] = [], cues: [CueKind] = [], emotions: EmotionScores? = nil) {
        self.tier = tier
        self.responses = responses
        self.cues = cues
        self.emotions = emotions
    }

    /// Frustration the model reads at 0.5 or more, or anger the customer's words make plain (stated anger, swearing,
    /// abuse, sarcasm).
    var isAngry: Bool {
        (emotions?[.frustration] ?? 0) >= 0.5 || cues.contains { [.statedAnger, .profanity, .abuse, .sarcasm].contains($0) }
    }
}

/// When a hint applies.
public enum HintTrigger: Sendable, Equatable {
    /// The customer's latest turn raised this cue.
    case cue(CueKind)
    /// A rule that fired asks for this response.
    case response(AutomaticResponse)
    /// The decision is at this tier.
    case tier(Tier)
    /// The customer is angry (``CoachingMoment``) and the decision is at this tier or higher.
    case angerAtTier(Tier)
    /// The latest customer turn reads this emotion at this probability or more.
    case emotion(Emotion, atLeast: Double)

    func matches(_ moment: CoachingMoment) -> Bool {
        switch self {
        case .cue(let kind): moment.cues.contains(kind)
        case .response(let response): moment.responses.contains(response)
        case .tier(let tier): moment.tier == tier
        case .angerAtTier(let tier): moment.isAngry && (moment.tier.map { $0 >= tier } ?? false)
        case .emotion(let emotion, let least): (moment.emotions?[emotion] ?? 0) >= least
        }
    }

    /// The reason a hint names when this trigger made it apply.
    var because: String {
        switch self {
        case .cue(let kind): Coaching.cueNames[kind] ?? kind.rawValue
        case .response(let response): String(response.rawValue.map { $0 == "_" ? " " : $0 })
        case .tier(let tier): "\(tier.rawValue) alert"
        case .angerAtTier(let tier): "anger at \(tier.rawValue) tier"
        case .emotion(let emotion, _): emotion.rawValue
        }
    }
}

/// One entry of the coaching table: a hint and the triggers that show it (the first that matches gives `because`).
public struct CoachingEntry: Sendable, Equatable {
    public var id: String
    public var text: String
    public var triggers: [HintTrigger]
    /// Cues that make the hint unnecessary (a customer who asked for a supervisor need not be offered one).
    public var unless: [CueKind]

    public init(id: String, text: String, triggers: [HintTrigger], unless: [CueKind] = []) {
        self.id = id
        self.text = text
        self.triggers = triggers
        self.unless = unless
    }
}

/// Coaching hints for the agent, by tier and by cue. Written by us; the table is in the order hints are shown: the most
/// specific (what the customer just said) first, the tier's general advice last.
public enum Coaching {
    /// At most this many hints are shown at once.
    public static let limit = 4

    public static let table: [CoachingEntry] = [
        CoachingEntry(
            id: "honour-supervisor-request",
            text: "They asked for someone senior: don't argue or stall. Say you're arranging it now, and what you'll do while they wait.",
            triggers: [.cue(.supervisorRequest)]),
        CoachingEntry(
            id: "abuse-boundary",
            text:
                "Set a calm boundary once: you want to help, and you can carry on only if the language stops. If it goes on, follow the abusive-call procedure.",
            triggers: [.cue(.abuse)]),
        CoachingEntry(
            id: "legal-threat-procedure",
            text: "Stay factual and calm; don't admit or deny liability. Offer the formal complaints procedure and note their exact words.",
            triggers: [.cue(.legalThreat)]),
        CoachingEntry(
            id: "retention-script",
            text:
                "Retention script: ask what has made them want to leave, fix what you can first, then present the offers they qualify for. Don't process the cancellation before that.",
            triggers: [.cue(.cancellationThreat)]),
        CoachingEntry(
            id: "language-not-read",
            text:
                "Undertone cannot read the customer's language, so it will not warn you from their words (their voice is still read). If you don't speak it, transfer to a colleague who does.",
            triggers: [.cue(.unsupportedLanguage)]),
        CoachingEntry(
            id: "offer-supervisor",
            text: "Offer the supervisor before they ask: \"I'd like to bring in my supervisor so we can sort this out today.\"",
            triggers: [.angerAtTier(.supervisor)], unless: [.supervisorRequest]),
        CoachingEntry(
            id: "acknowledge-repeat",
            text:
                "Acknowledge that they have called before about this and that you'll own it from here. Don't ask them to repeat what they already told us.",
            triggers: [.cue(.repeatContact)]),
        CoachingEntry(
            id: "check-understanding",
            text:
                "Slow down: one step at a time, in plain words, and check understanding before the next step (\"what will you see on the screen now?\").",
            triggers: [.cue(.confusion), .response(.clarityGuidance)]),
        CoachingEntry(
            id: "reassure-next-steps",
            text: "Reassure them: say what you are doing now, what happens next, and when they will hear from us.",
            triggers: [.emotion(.anxiety, atLeast: 0.4)]),
        CoachingEntry(
            id: "name-the-frustration",
            text: "The praise isn't meant: name the frustration behind it and ask what would put it right.",
            triggers: [.cue(.sarcasm)]),
        CoachingEntry(
            id: "empathy-protocol",
            text:
                "Empathy protocol: let them finish, acknowledge the feeling in your own words, apologise for the experience, then say what you'll do and by when.",
            triggers: [.response(.empathyProtocol), .cue(.statedAnger), .cue(.profanity)]),
        CoachingEntry(
            id: "priority-raised",
            text: "This call's priority has been raised: if you transfer or book a call back, it goes to the front of the queue.",
            triggers: [.response(.priorityBoost)]),
        CoachingEntry(
            id: "manager-aware",
            text:
                "A manager has been alerted. Tell the customer someone senior is looking at this now, and note what you have tried so they never repeat themselves.",
            triggers: [.tier(.manager)]),
        CoachingEntry(
            id: "supervisor-aware",
            text: "Your supervisor has been alerted and may listen in. Keep going, and note what you have tried so far.",
            triggers: [.tier(.supervisor)]),
        CoachingEntry(
            id: "summarise-and-agree",
            text: "Pause, sum up the problem in one sentence, and agree the next step with the customer.",
            triggers: [.tier(.coach)]),
    ]

    /// How hints name the cues that triggered them.
    static let cueNames: [CueKind: String] = [
        .cancellationThreat: "threat to cancel", .supervisorRequest: "supervisor request", .legalThreat: "legal or regulator threat",
        .repeatContact: "repeat contact", .abuse: "abuse", .profanity: "swearing", .statedAnger: "stated anger", .sarcasm: "sarcasm",
        .confusion: "confusion", .gratitude: "gratitude", .resolution: "resolution", .unsupportedLanguage: "language not read",
    ]

    /// The hints for a moment, in the table's order, at most ``limit``.
    public static func hints(for moment: CoachingMoment, table: [CoachingEntry] = table) -> [GuidanceHint] {
        var hints: [GuidanceHint] = []
        for entry in table where hints.count < limit {
            guard !entry.unless.contains(where: moment.cues.contains), let trigger = entry.triggers.first(where: { $0.matches(moment) }) else {
                continue
            }
            hints.append(GuidanceHint(id: entry.id, text: entry.text, because: trigger.because))
        }
        return hints
    }
}
