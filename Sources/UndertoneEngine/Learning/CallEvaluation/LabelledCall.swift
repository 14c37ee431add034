/// A conversation whose outcome is known, for scoring escalation decisions: its events, whether it went wrong, and
/// when.
public struct LabelledCall: Sendable {
    /// What the labels say about the call as a whole.
    public enum Kind: String, Sendable, Codable {
        /// The customer ended up dissatisfied or angry: an alert is wanted.
        case troubled
        /// The customer was content throughout: any alert is a false alarm.
        case calm
    }

    /// The call's name in its set (a file name, or a dialogue's number).
    public var name: String
    public var kind: Kind
    public var events: [CallEvent]
    /// Call time, in milliseconds, when the trouble began (the first angry word or turn rated poorly); nil when the set
    /// does not say or the call is calm.
    public var onsetMs: Int?
    /// The customer turn at which the trouble began (its utterance id), when known.
    public var onsetUtterance: String?
    /// The policy preset the set asks for this call (the examples name one each); nil for the evaluation's policy.
    public var preset: String?
    /// The outcome the set expects in detail (the examples), checked on top of the tier figures.
    public var expectation: CallExpectation?

    public init(
        name: String, kind: Kind, events: [CallEvent], onsetMs: Int? = nil, onsetUtterance: String? = nil, preset: String? = nil,
        expectation: CallExpectation? = nil
    ) {
        self.name = name
        self.kind = kind
        self.events = events
        self.onsetMs = onsetMs
        self.onsetUtterance = onsetUtterance
        self.preset = preset
        self.expectation = expectation
    }
}
