/// A finished call as a scorecard reads it: the final turns in the order they were spoken, the holds, and where the call
/// came in.
struct ScoredCall {
    /// A stretch on hold, from `hold_start` to `hold_end` (or, without one, to the agent's next turn or the call's end).
    struct Hold: Equatable {
        var startMs: Int
        var endMs: Int
    }

    var callID: String
    var channel: Channel?
    var queue: String?
    /// Final turns, ordered by when they began (the order of their events breaks ties).
    var turns: [Turn]
    var holds: [Hold]
    var transferred: Bool
    /// Whether every turn has a start and an end: what dead air, interruptions and talk time need.
    var hasTiming: Bool

    init(events: [CallEvent]) {
        var transcript = Transcript()
        var holdStarts: [(start: Int, end: Int?)] = []
        var endMs: Int?
        callID = events.first?.callID ?? ""
        transferred = false
        for event in events {
            switch event {
            case .callStarted(let started):
                channel = started.channel
                queue = started.queue
            case .turn(let turn): transcript.apply(turn)
            case .agentAction(let action):
                switch action.action {
                case .holdStart where holdStarts.last.map({ $0.end != nil }) ?? true: holdStarts.append((action.at, nil))
                case .holdEnd where holdStarts.last.map({ $0.end == nil }) ?? false: holdStarts[holdStarts.count - 1].end = action.at
                case .transfer: transferred = true
                default: break
                }
            case .callEnded(let ended): endMs = ended.at
            case .audio, .voice, .alertAcknowledged, .tick: break
            }
        }
        turns = transcript.finalTurns.enumerated()
            .sorted { (Self.start($0.element), $0.offset) < (Self.start($1.element), $1.offset) }
            .map(\.element)
        hasTiming = !turns.isEmpty && turns.allSatisfy { $0.startMs != nil && $0.endMs != nil }
        let turns = turns
        holds = holdStarts.map { hold in
            let resumed = turns.first { $0.speaker == .agent && Self.start($0) >= hold.start }.map(Self.start)
            return Hold(startMs: hold.start, endMs: hold.end ?? resumed ?? endMs ?? hold.start)
        }
    }

    var agentTurns: [Turn] { turns.filter { $0.speaker == .agent } }

    /// When a turn began: its `start`, or its event time without timing.
    static func start(_ turn: Turn) -> Int { turn.startMs ?? turn.at }

    /// When a turn ended: its `end`, or its event time without timing.
    static func end(_ turn: Turn) -> Int { turn.endMs ?? turn.at }

    /// A turn as evidence, quoting `quote` (or the turn's opening words).
    static func evidence(_ turn: Turn, quote: String? = nil, note: String? = nil) -> ScorecardEvidence {
        ScorecardEvidence(
            utterance: turn.utteranceID, speaker: turn.speaker, atMs: start(turn), quote: quote ?? TurnWords.quote(turn.text), note: note)
    }
}
