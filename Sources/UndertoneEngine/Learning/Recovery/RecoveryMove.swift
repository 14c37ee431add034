/// Something an agent does to calm a call down, heard in their words (or, for a hold, seen in their actions).
public enum RecoveryMove: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case apology
    case acknowledgement
    case ownership
    case explanation
    /// Offering a supervisor or manager.
    case supervisor
    /// Putting the customer on hold (a `hold_start` action, or saying so).
    case hold

    /// The phrases that show the move in an agent turn, matched as whole words on the transcript form (as scorecards
    /// match theirs).
    public var phrases: [String] {
        switch self {
        case .apology:
            [
                "sorry", "i apologise", "i apologize", "my apologies", "apologies for", "please accept our apologies", "i regret",
                "we got this wrong", "that was our mistake",
            ]
        case .acknowledgement:
            [
                "i understand", "i can understand", "i completely understand", "i can see why", "i can imagine", "i hear you",
                "that must be", "that sounds frustrating", "that sounds stressful", "you're right", "you are right", "i know how",
                "completely understandable", "totally understandable", "fair enough", "i get that", "i'd feel the same",
            ]
        case .ownership:
            [
                "i'll take care", "i will take care", "i'll make sure", "i will make sure", "i'll personally", "i will personally",
                "leave it with me", "i'll sort", "i will sort", "i'll fix", "i will fix", "i'll handle", "i will handle", "i'll look into",
                "i will look into", "i'll get this sorted", "i'll get it sorted", "i'll follow up", "i will follow up", "i'll call you back",
                "i will call you back", "i'm going to fix", "i'm going to sort", "let me fix", "let me sort", "let me take care",
                "i take responsibility", "i'll own this",
            ]
        case .explanation:
            [
                "because", "the reason", "what happened", "what happens next", "this means", "that means", "the way it works",
                "let me explain", "to explain", "here's what", "what this means", "the next step", "next steps", "due to", "caused by",
            ]
        case .supervisor:
            [
                "supervisor", "manager", "team leader", "team lead", "someone senior", "senior colleague", "escalate this", "escalate it",
                "escalate your",
            ]
        case .hold:
            [
                "put you on hold", "place you on hold", "put you on a brief hold", "put you on a short hold", "pop you on hold",
                "hold for a moment", "hold for a minute",
            ]
        }
    }
}

/// Finds recovery moves in an agent turn, with the scorecards' phrase matcher.
struct RecoveryMoveDetector: Sendable {
    private let matchers: [(RecoveryMove, ScorecardPhrases)]

    init(moves: [RecoveryMove] = RecoveryMove.allCases) {
        matchers = moves.map { ($0, ScorecardPhrases($0.phrases)) }
    }

    /// The moves heard in the text, in the order of `RecoveryMove.allCases`.
    func moves(in text: String) -> [RecoveryMove] {
        matchers.compactMap { move, phrases in phrases.firstMatch(in: text) == nil ? nil : move }
    }
}
