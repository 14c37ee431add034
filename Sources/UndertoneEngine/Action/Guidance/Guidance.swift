/// Help for the agent at one moment of a call: coaching hints and knowledge-base articles.
///
/// Emitted with decisions that call for it (the rule's responses, the cues raised), and on its own when what the
/// customer says strongly matches an article (``GuidanceSettings``). JSON: `{"type":"guidance","call","at","tier"|null,
/// "intent"|null,"hints":[{"id","text","because"}],"articles":[{"id","title","score","snippet"}]}`.
public struct Guidance: Sendable, Equatable, Codable {
    public var callID: String
    /// Event time (milliseconds since the call started).
    public var at: Int
    /// The tier of the decision it goes with; nil for a suggestion made unprompted.
    public var tier: Tier?
    /// The call's intent when it was given, if known.
    public var intent: String?
    public var hints: [GuidanceHint]
    public var articles: [KnowledgeMatch]

    public init(callID: String, at: Int, tier: Tier?, intent: String?, hints: [GuidanceHint], articles: [KnowledgeMatch]) {
        self.callID = callID
        self.at = at
        self.tier = tier
        self.intent = intent
        self.hints = hints
        self.articles = articles
    }

    private enum CodingKeys: String, CodingKey {
        case callID = "call"
        case at, tier, intent, hints, articles
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        callID = try container.decode(String.self, forKey: .callID)
        at = try container.decode(Int.self, forKey: .at)
        tier = try container.decodeIfPresent(Tier.self, forKey: .tier)
        intent = try container.decodeIfPresent(String.self, forKey: .intent)
        hints = try container.decodeIfPresent([GuidanceHint].self, forKey: .hints) ?? []
        articles = try container.decodeIfPresent([KnowledgeMatch].self, forKey: .articles) ?? []
    }

    /// `tier` and `intent` are written as `null` when unknown, so every guidance line has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(callID, forKey: .callID)
        try container.encode(at, forKey: .at)
        try container.encode(tier, forKey: .tier)
        try container.encode(intent, forKey: .intent)
        try container.encode(hints, forKey: .hints)
        try container.encode(articles, forKey: .articles)
    }
}

/// One coaching hint: what to do, and why it is shown.
public struct GuidanceHint: Sendable, Equatable, Codable, Hashable {
    /// Stable and unique among hints (`acknowledge-repeat`): screens and reports key on it.
    public var id: String
    /// What to do, in a sentence or two, for the agent.
    public var text: String
    /// What on the call made it apply: a cue ("repeat contact"), a tier, a rule's response.
    public var because: String

    public init(id: String, text: String, because: String) {
        self.id = id
        self.text = text
        self.because = because
    }
}
