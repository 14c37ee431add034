import Foundation

/// One call as the event log keeps it: what the learning stage reads (metrics, recovery analysis, scorecards, reports).
///
/// The engine does not read the store; whoever does (the server, the command line) builds these from the log's entries:
/// events decoded as `CallEvent`s and outputs with ``LoggedCall/output(type:json:)``, which skips the output types this
/// build does not measure.
public struct LoggedCall: Sendable, Equatable {
    /// The call's id.
    public var callID: String
    /// Wall-clock time the call started (the store's time for its first entry): what places the call in a period.
    public var startedAt: Date
    /// The call's events in the order of the log.
    public var events: [CallEvent]
    /// The engine's outputs in the order of the log.
    public var outputs: [EngineOutput]

    public init(callID: String, startedAt: Date, events: [CallEvent], outputs: [EngineOutput]) {
        self.callID = callID
        self.startedAt = startedAt
        self.events = events
        self.outputs = outputs
    }

    /// Reads one logged output for learning: `signal`, `decision` and `voice` decode as `EngineOutput`; any other type
    /// (`guidance`, `routing`, `follow_up`, `handoff`, types added later) and a body that does not decode give nil.
    public static func output(type: String, json: String) -> EngineOutput? {
        guard measuredOutputTypes.contains(type) else { return nil }
        return try? JSONDecoder().decode(EngineOutput.self, from: Data(json.utf8))
    }

    /// The output types learning reads.
    public static let measuredOutputTypes: Set<String> = ["signal", "decision", "voice"]

    /// The `call_started` event, if the log has it.
    public var started: CallStarted? {
        for event in events { if case .callStarted(let started) = event { return started } }
        return nil
    }

    /// The `call_ended` event, if the call is over.
    public var ended: CallEnded? {
        for event in events.reversed() { if case .callEnded(let ended) = event { return ended } }
        return nil
    }

    /// The final turns, partials superseded, in the order they first appeared.
    public var finalTurns: [Turn] {
        var transcript = Transcript()
        for event in events { if case .turn(let turn) = event { transcript.apply(turn) } }
        return transcript.finalTurns
    }

    /// The readings of the customer's final turns, in order.
    public var customerSignals: [TurnSignal] {
        outputs.compactMap { if case .signal(let signal) = $0, signal.speaker == .customer { signal } else { nil } }
    }

    /// Every decision, in order.
    public var decisions: [Decision] {
        outputs.compactMap { if case .decision(let decision) = $0 { decision } else { nil } }
    }

    /// Every acknowledgement of an alert, in order.
    public var acknowledgements: [AlertAcknowledgement] {
        events.compactMap { if case .alertAcknowledged(let ack) = $0 { ack } else { nil } }
    }

    /// Every agent action, in order.
    public var agentActions: [AgentAction] {
        events.compactMap { if case .agentAction(let action) = $0 { action } else { nil } }
    }
}
