/// What the contact centre already knows about the customer when a call starts: a summary from the CRM, not the records.
///
/// In JSON every field is optional: absent counts read as 0 and an absent `repeatIssue` as false.
public struct CustomerHistory: Sendable, Equatable, Codable {
    /// Contacts (calls, chats, e-mails) in the last 30 days, this one not included.
    public var contacts30d: Int
    /// Escalations to a supervisor or manager in the last 90 days.
    public var escalations90d: Int
    /// Follow-ups promised to the customer and not yet done.
    public var openFollowUps: Int
    /// The overall sentiment of the customer's previous contact, if known.
    public var lastSentiment: Polarity?
    /// Whether the CRM already links this contact to an issue raised before.
    public var repeatIssue: Bool
    /// The customer segment as the business names it ("premium", "smb"), if any.
    public var segment: String?
    /// The customer's lifetime value in the business's own currency, if known.
    public var lifetimeValue: Double?

    /// A history; everything defaults to "nothing known".
    public init(
        contacts30d: Int = 0, escalations90d: Int = 0, openFollowUps: Int = 0, lastSentiment: Polarity? = nil, repeatIssue: Bool = false,
        segment: String? = nil, lifetimeValue: Double? = nil
    ) {
        self.contacts30d = contacts30d
        self.escalations90d = escalations90d
        self.openFollowUps = openFollowUps
        self.lastSentiment = lastSentiment
        self.repeatIssue = repeatIssue
        self.segment = segment
        self.lifetimeValue = lifetimeValue
    }

    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, event: "history", path: "")
    }

    /// Decodes the `history` object of a `call_started` line; messages name the event and the full field path.
    init(from decoder: any Decoder, event: String, path: String) throws(CallEventError) {
        let fields = try EventFieldReader(decoder, event: event, path: path, notAnObject: "\(event): \"history\" must be an object")
        contacts30d = try fields.optionalInt("contacts30d") ?? 0
        escalations90d = try fields.optionalInt("escalations90d") ?? 0
        openFollowUps = try fields.optionalInt("openFollowUps") ?? 0
        lastSentiment = try fields.optionalCase(Polarity.self, "lastSentiment")
        repeatIssue = try fields.optionalBool("repeatIssue") ?? false
        segment = try fields.optionalString("segment")
        lifetimeValue = try fields.optionalDouble("lifetimeValue")
        try validate(EventRules(event: event, path: path))
    }

    public func encode(to encoder: any Encoder) throws {
        var out = EventFieldWriter(nested: encoder)
        try out.encode(contacts30d, "contacts30d")
        try out.encode(escalations90d, "escalations90d")
        try out.encode(openFollowUps, "openFollowUps")
        try out.encodeIfPresent(lastSentiment, "lastSentiment")
        try out.encode(repeatIssue, "repeatIssue")
        try out.encodeIfPresent(segment, "segment")
        try out.encodeIfFinite(lifetimeValue, "lifetimeValue")
    }

    /// Checks the counts are not negative and the lifetime value is a finite number.
    public func validate() throws(CallEventError) {
        try validate(EventRules(event: "history"))
    }

    func validate(_ rules: EventRules) throws(CallEventError) {
        try rules.notNegative(contacts30d, "contacts30d")
        try rules.notNegative(escalations90d, "escalations90d")
        try rules.notNegative(openFollowUps, "openFollowUps")
        try rules.finite(lifetimeValue, "lifetimeValue")
    }
}
