import Foundation

/// A setting the demo cannot run with.
public enum DemoSettingsError: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): reason
        }
    }
}

/// The knobs of the demo simulator.
public struct DemoSettings: Sendable {
    /// Calls kept going at once: when one ends, the next starts on its line.
    public var concurrentCalls = 24
    /// How much faster than real time the calls play (2: a three-minute call takes ninety seconds). Audio keeps its
    /// timestamps, so the engine hears the same call at any speed.
    public var speed = 1.0
    /// Seeds the scripts: the same seed writes the same calls.
    public var seed: UInt64 = 7
    public var channelMix = DemoChannelMix()
    /// Synthesized audio for voice calls (off: voice calls send their transcript only).
    public var voice = true
    /// Simulated supervisors answer some alerts (`DemoSupervisor`): acknowledged alerts stop climbing, and the report's
    /// alert precision has answers to count.
    public var supervisor = true
    /// The first calls start part-way through their script (sent at once), so the wall is full from the first seconds.
    public var warmStart = true
    /// Calls to play in all before stopping (nil: until shutdown).
    public var totalCalls: Int?
    /// Prefix of the call ids, unique per run so a reused database never sees a call id twice.
    public var runID = "demo-" + String(UUID().uuidString.prefix(6)).lowercased()
    /// Messages sent on a call's stream before waiting for their acknowledgements.
    public var window = 32

    public init() {}

    /// Checks every knob is in range.
    public func validate() throws(DemoSettingsError) {
        guard (1...5_000).contains(concurrentCalls) else { throw .invalid("concurrent demo calls must be 1 to 5000, not \(concurrentCalls)") }
        guard speed.isFinite, (0.1...1_000).contains(speed) else { throw .invalid("demo speed must be 0.1 to 1000, not \(speed)") }
        if let totalCalls, totalCalls < 1 { throw .invalid("total demo calls must be at least 1") }
        guard !runID.isEmpty else { throw .invalid("the demo run id must not be empty") }
    }
}
