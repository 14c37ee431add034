/// A call (or chat, or e-mail thread) begins: who, where and through which channel. The first event of every call.
public struct CallStarted: Sendable, Equatable, Codable {
    /// The wire name of this event, its `"type"`.
    public static let eventType = "call_started"

    /// The call's id (JSON `"call"`), unique across the contact centre.
    public var callID: String
    /// Milliseconds since the call started (normally 0 here).
    public var at: Int
    public var channel: Channel
    /// The customer's id in the CRM (JSON `"customer"`).
    public var customerID: String
    /// The queue the call arrived on, which policies may filter by.
    public var queue: String
    /// The conversation's language as a BCP 47 tag ("en", "en-GB"); "en" when the line has none.
    public var language: String
    /// The industry profile that tunes the policy ("banking", "healthcare"), if any.
    public var industry: String?
    /// The agent handling the call (JSON `"agent"`), if one is already assigned.
    public var agentID: String?
    /// The agent's team, if known.
    public var team: String?
    /// The customer's history summary, if the CRM supplied one.
    public var history: CustomerHistory?

    public init(
        callID: String, at: Int = 0, channel: Channel, customerID: String, queue: String, language: String = "en", industry: String? = nil,
        agentID: String? = nil, team: String? = nil, history: CustomerHistory? = nil
    ) {
        self.callID = callID
        self.at = at
        self.channel = channel
        self.customerID = customerID
        self.queue = queue
        self.language = language
        self.industry = industry
        self.agentID = agentID
        self.team = team
        self.history = history
    }

    /// Reads the fields; the version and type are checked by `CallEvent`, which is how a line should be decoded.
    public init(from decoder: any Decoder) throws {
        let fields = try EventFieldReader(decoder, event: Self.eventType)
        callID = try fields.string("call")
        at = try fields.int("at")
        channel = try fields.case(Channel.self, "channel")
        customerID = try fields.string("customer")
        queue = try fields.string("queue")
        language = try fields.optionalString("language") ?? "en"
        industry = try fields.optionalString("industry")
        agentID = try fields.optionalString("agent")
        team = try fields.optionalString("team")
        history = try fields.nestedDecoder("history").map { (decoder) throws(CallEventError) in
            try CustomerHistory(from: decoder, event: Self.eventType, path: "history.")
        }
        try validate()
    }

    /// Writes the whole line, `"v"` and `"type"` included.
    public func encode(to encoder: any Encoder) throws {
        var out = try EventFieldWriter(encoder, type: Self.eventType, callID: callID, at: at)
        try out.encode(channel, "channel")
        try out.encode(customerID, "customer")
        try out.encode(queue, "queue")
        try out.encode(language, "language")
        try out.encodeIfPresent(industry, "industry")
        try out.encodeIfPresent(agentID, "agent")
        try out.encodeIfPresent(team, "team")
        try out.encodeIfPresent(history, "history")
    }

    /// Checks what the types alone cannot: ids not empty, `at` not negative, a well-formed language tag, a sane history.
    public func validate() throws(CallEventError) {
        let rules = EventRules(event: Self.eventType)
        try rules.common(callID: callID, at: at)
        try rules.nonEmpty(customerID, "customer")
        try rules.nonEmpty(queue, "queue")
        if !Self.isLanguageTag(language) {
            throw rules.failure("\"language\" must be a BCP 47 tag such as \"en\" or \"en-GB\"")
        }
        try rules.nonEmpty(industry, "industry")
        try rules.nonEmpty(agentID, "agent")
        try history?.validate(EventRules(event: Self.eventType, path: "history."))
    }

    /// The shape of a BCP 47 tag (letters, then hyphen-separated letter-or-digit subtags of 1 to 8); not a registry lookup.
    static func isLanguageTag(_ tag: String) -> Bool {
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = subtags.first, (2...8).contains(primary.count), primary.allSatisfy(\.isASCIILetterForTag) else { return false }
        return subtags.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCIILetterForTag || $0.isASCIIDigitForTag } }
    }
}

extension Character {
    fileprivate var isASCIILetterForTag: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigitForTag: Bool { ("0"..."9").contains(self) }
}
