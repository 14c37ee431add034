import Synchronization

/// What the simulator has done so far: calls, messages, acknowledgements, refusals and the engine's outputs by type.
public struct DemoStatistics: Sendable, Equatable {
    /// Calls whose stream was opened and whose `call_started` was sent.
    public var callsStarted = 0
    /// Calls whose `call_ended` was acknowledged.
    public var callsEnded = 0
    /// Calls that broke off: a refused message, a dropped or unreachable connection.
    public var callsFailed = 0
    /// Messages sent (events and audio frames) and how many of them were audio.
    public var messagesSent = 0
    public var audioFrames = 0
    /// Messages the server acknowledged as stored (duplicates included).
    public var acknowledged = 0
    /// The server's `error` frames and connection failures, with their reasons (the first 20).
    public var refusals: [String] = []
    /// Outputs received on the ingest streams, by `"type"` (`signal`, `decision`, `voice`, …).
    public var outputs: [String: Int] = [:]
    /// Alerts the simulated supervisors answered, by outcome (`useful`, `dismissed`).
    public var alertAnswers: [String: Int] = [:]
    /// Calls started per scenario.
    public var scenarios: [String: Int] = [:]

    public init() {}
}

/// The simulator's running tally, shared by its calls.
public final class DemoTally: Sendable {
    private let state = Mutex(DemoStatistics())

    public init() {}

    /// A copy of the figures now.
    public var statistics: DemoStatistics { state.withLock { $0 } }

    func update(_ change: (inout DemoStatistics) -> Void) {
        state.withLock { change(&$0) }
    }

    func refused(_ reason: String) {
        state.withLock { statistics in
            statistics.callsFailed += 1
            if statistics.refusals.count < 20 { statistics.refusals.append(reason) }
        }
    }
}
