/// How an item came out on a call.
public enum ScorecardOutcome: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case pass
    case fail
    case notApplicable = "n/a"
}

/// A piece of the call that shows why an item passed or failed: a turn (its utterance id, speaker, time and a quote of
/// its words) or a moment without one (a hold, a silence), with a note.
public struct ScorecardEvidence: Sendable, Equatable, Codable {
    /// The utterance id of the turn, when the evidence is a turn.
    public var utterance: String?
    public var speaker: SpeakerRole?
    /// When it happened: the turn's start (or its `at` without timing), milliseconds since the call started.
    public var atMs: Int
    /// The turn's words around what matched, as written.
    public var quote: String?
    /// What this piece shows ("greeting", "14.2 s of silence before this turn").
    public var note: String?

    public init(utterance: String? = nil, speaker: SpeakerRole? = nil, atMs: Int, quote: String? = nil, note: String? = nil) {
        self.utterance = utterance
        self.speaker = speaker
        self.atMs = atMs
        self.quote = quote
        self.note = note
    }
}

/// One item's result on one call.
public struct ScorecardItemResult: Sendable, Equatable, Codable {
    /// The item's id in the scorecard.
    public var id: String
    public var kind: ScorecardItemKind
    public var outcome: ScorecardOutcome
    /// The points the item is worth.
    public var weight: Double
    /// `weight` for a pass, 0 otherwise.
    public var points: Double
    /// Whether the item is critical: its failure scores the call 0.
    public var critical: Bool
    /// One sentence saying why.
    public var reason: String
    /// The turns and moments that show it, in the order of the call.
    public var evidence: [ScorecardEvidence]
}

/// A call scored against a scorecard.
public struct ScorecardResult: Sendable, Equatable, Codable {
    /// The scorecard's name.
    public var scorecard: String
    /// The call's id, from its events.
    public var callID: String
    /// Points earned over points possible (the weights of the items that apply), in percent; 0 when a critical item
    /// failed; absent when no item applies.
    public var score: Double?
    /// The weights of the passed items.
    public var points: Double
    /// The weights of the items that apply.
    public var possiblePoints: Double
    /// Whether a critical item failed.
    public var criticalFailed: Bool
    /// Every item's result, in the scorecard's order.
    public var items: [ScorecardItemResult]
}
