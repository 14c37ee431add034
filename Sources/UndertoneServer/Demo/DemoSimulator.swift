import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Keeps a steady mix of simulated contact-centre calls going against a running Undertone server, through the same
/// ingest WebSocket real calls use (`/v1/calls/{call}/stream`): `settings.concurrentCalls` lines, each playing one
/// scripted call after another in real time scaled by `settings.speed`, voice calls with synthesized audio.
///
/// A `Service`: `run()` returns at graceful shutdown (or once `settings.totalCalls` have been played), closing the
/// calls' streams. Connection failures and refusals are counted in `tally`, never thrown.
public struct DemoSimulator: Service {
    /// Where the server listens, once it does: the host and port to connect to.
    public typealias Address = @Sendable () async throws -> (host: String, port: Int)

    public let settings: DemoSettings
    /// What the calls have done so far.
    public let tally: DemoTally
    private let apiKey: String
    private let address: Address
    private let logger: Logger

    /// A simulator that connects with `apiKey` (a supervisor or admin key) to the server `address` gives.
    public init(settings: DemoSettings, apiKey: String, address: @escaping Address, tally: DemoTally = DemoTally(), logger: Logger) {
        self.settings = settings
        self.apiKey = apiKey
        self.address = address
        self.tally = tally
        self.logger = logger
    }

    /// A simulator for a server already listening at `host:port`.
    public init(settings: DemoSettings, apiKey: String, host: String, port: Int, tally: DemoTally = DemoTally(), logger: Logger) {
        self.init(settings: settings, apiKey: apiKey, address: { (host, port) }, tally: tally, logger: logger)
    }

    public func run() async throws {
        try settings.validate()
        let (host, port) = try await address()
        let loopback = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host
        let base = "ws://\(loopback.contains(":") ? "[\(loopback)]" : loopback):\(port)"
        logger.info(
            "Demo calls starting",
            metadata: [
                "demo.calls": "\(settings.concurrentCalls)", "demo.speed": "\(settings.speed)", "demo.seed": "\(settings.seed)",
                "demo.voice": "\(settings.voice)", "demo.server": "\(base)",
            ])
        let writer = ScriptQueue(DemoScriptWriter(seed: settings.seed, runID: settings.runID, channelMix: settings.channelMix, voice: settings.voice))
        let player = DemoCallPlayer(
            baseURL: base, apiKey: apiKey, speed: settings.speed, window: settings.window, tally: tally, logger: logger,
            supervisor: settings.supervisor ? DemoSupervisor(seed: settings.seed) : nil)
        let settings = settings
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for line in 0..<settings.concurrentCalls {
                    group.addTask { await Self.runLine(line, settings: settings, writer: writer, player: player) }
                }
            }
        }
        logger.info(
            "Demo calls stopped", metadata: ["demo.started": "\(tally.statistics.callsStarted)", "demo.ended": "\(tally.statistics.callsEnded)"])
    }

    /// One line of the contact centre: a call, a pause, the next call, until shutdown or the total is reached.
    private static func runLine(_ line: Int, settings: DemoSettings, writer: ScriptQueue, player: DemoCallPlayer) async {
        var first = true
        while !Task.isCancelled {
            let next = writer.writer.withLock { writer -> DemoCall? in
                if let total = settings.totalCalls, writer.written >= total { return nil }
                return writer.next()
            }
            guard let call = next else { return }
            var skip = 0
            if first, settings.warmStart, settings.concurrentCalls > 1 {
                // Spread the first calls over their scripts, so the wall starts full and mid-conversation.
                skip = call.durationMs * 3 / 4 * line / settings.concurrentCalls
            } else {
                let gap = first ? call.gapBeforeMs * line / max(1, settings.concurrentCalls) : call.gapBeforeMs
                do { try await Task.sleep(for: .milliseconds(Int(Double(gap) / settings.speed))) } catch { return }
            }
            first = false
            await player.play(call, skipMs: skip)
        }
    }
}

/// The script writer the simulator's lines share: one sequence of calls, whichever line plays them.
final class ScriptQueue: Sendable {
    let writer: Mutex<DemoScriptWriter>

    init(_ writer: DemoScriptWriter) {
        self.writer = Mutex(writer)
    }
}
