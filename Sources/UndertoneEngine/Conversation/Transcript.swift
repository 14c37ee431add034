/// What applying a turn did to a `Transcript`.
public enum TranscriptChange: Sendable, Equatable, Hashable {
    /// A partial turn began a new utterance.
    case added
    /// A newer partial replaced the utterance's earlier one.
    case updated
    /// The utterance's final arrived (after partials or on its own): its text will not change again.
    case finalized
    /// Nothing changed: a partial or repeated final after the final, or a partial older than the one held.
    case ignored
}

/// The transcript of one call as it stands: partial turns upserted by utterance id and superseded by their final; a
/// partial arriving after its final is ignored.
///
/// The first final wins, so a replayed duplicate changes nothing; a partial whose `at` is earlier than the partial held
/// (delivered out of order) is ignored too. Each utterance keeps the place where it first appeared.
public struct Transcript: Sendable, Equatable {
    /// Every utterance's latest turn, partial or final, in order of first appearance.
    public private(set) var turns: [Turn] = []
    private var positions: [String: Int] = [:]

    public init() {}

    /// The final turns only, in order of first appearance.
    public var finalTurns: [Turn] { turns.filter(\.isFinal) }

    /// The latest turn of an utterance, if it has appeared.
    public subscript(utterance utteranceID: String) -> Turn? {
        positions[utteranceID].map { turns[$0] }
    }

    /// Upserts a turn by its utterance id and says what changed.
    @discardableResult
    public mutating func apply(_ turn: Turn) -> TranscriptChange {
        guard let position = positions[turn.utteranceID] else {
            positions[turn.utteranceID] = turns.count
            turns.append(turn)
            return turn.isFinal ? .finalized : .added
        }
        let held = turns[position]
        if held.isFinal { return .ignored }
        if !turn.isFinal && turn.at < held.at { return .ignored }
        turns[position] = turn
        return turn.isFinal ? .finalized : .updated
    }
}
