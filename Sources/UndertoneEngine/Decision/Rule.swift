/// Something the engine does by itself when a rule fires, besides raising the alert.
public enum AutomaticResponse: String, CaseIterable, Codable, Sendable, Hashable {
    /// Show the agent guidance on explaining clearly (for a confused customer).
    case clarityGuidance = "clarity_guidance"
    /// Show the agent the empathy protocol: acknowledge, apologise, say what happens next (for an angry or upset one).
    case empathyProtocol = "empathy_protocol"
    /// Raise the call's priority in the queue or for a callback (for a stressed one).
    case priorityBoost = "priority_boost"
    /// Offer the agent the knowledge-base articles for what the customer is talking about.
    case knowledgeBase = "knowledge_base"
    /// Make a follow-up task (owner, due time, hand-off packet) to check back with the customer; every manager
    /// escalation makes one anyway.
    case followUp = "follow_up"
}

/// Which calls a rule applies to. A list left out admits every call; a list given admits calls matching one entry.
public struct RuleFilters: Sendable, Equatable, Hashable {
    public var channels: [Channel]?
    /// Queue names, compared exactly.
    public var queues: [String]?
    /// Industry profiles, compared without regard to case; a call without an industry matches no list.
    public var industries: [String]?
    /// Language tags, compared without regard to case; "en" admits "en", "en-GB" and "en-US", "en-GB" only "en-GB".
    public var languages: [String]?

    public init(channels: [Channel]? = nil, queues: [String]? = nil, industries: [String]? = nil, languages: [String]? = nil) {
        self.channels = channels
        self.queues = queues
        self.industries = industries
        self.languages = languages
    }

    /// True when no filter is set: the rule applies to every call.
    public var admitsEverything: Bool { channels == nil && queues == nil && industries == nil && languages == nil }

    /// Whether a call with these particulars is one the rule applies to.
    public func admits(channel: Channel, queue: String, industry: String?, language: String) -> Bool {
        if let channels, !channels.contains(channel) { return false }
        if let queues, !queues.contains(queue) { return false }
        if let industries {
            guard let industry = industry?.lowercased(), industries.contains(where: { $0.lowercased() == industry }) else { return false }
        }
        if let languages {
            let tag = language.lowercased()
            let admitted = languages.contains { range in
                let range = range.lowercased()
                return tag == range || tag.hasPrefix(range + "-")
            }
            if !admitted { return false }
        }
        return true
    }

    /// Whether a started call is one the rule applies to.
    public func admits(_ call: CallStarted) -> Bool {
        admits(channel: call.channel, queue: call.queue, industry: call.industry, language: call.language)
    }
}

/// One escalation rule of a policy: when its condition holds on a call its filters admit, it raises an alert of its
/// tier, with its guidance and automatic responses.
public struct Rule: Sendable, Equatable, Hashable {
    /// Unique within the policy: lower-case letters, digits and hyphens (`sustained-anger`). Decisions name it.
    public var id: String
    public var tier: Tier
    /// What the rule is for, in the operations manager's words.
    public var description: String?
    /// When it fires.
    public var condition: Condition
    public var filters: RuleFilters
    /// Guidance shown with the alert ("Slow down, acknowledge the problem…").
    public var say: String?
    /// What the engine does by itself when the rule fires, in the order written.
    public var responses: [AutomaticResponse]
    /// Overrides the tier's cooldown for this rule, if set.
    public var cooldownMs: Int?
    /// Overrides the policy's `rearmBelow` for this rule, if set.
    public var rearmBelow: Double?
    /// The line of the policy file where the rule starts (0 for a rule built in code).
    public var line: Int

    public init(
        id: String, tier: Tier, description: String? = nil, condition: Condition, filters: RuleFilters = RuleFilters(), say: String? = nil,
        responses: [AutomaticResponse] = [], cooldownMs: Int? = nil, rearmBelow: Double? = nil, line: Int = 0
    ) {
        self.id = id
        self.tier = tier
        self.description = description
        self.condition = condition
        self.filters = filters
        self.say = say
        self.responses = responses
        self.cooldownMs = cooldownMs
        self.rearmBelow = rearmBelow
        self.line = line
    }
}
