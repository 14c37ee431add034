import Foundation
import Logging
import NIOCore
import NIOPosix
import Prometheus
import ServiceLifecycle
import Synchronization
import UndertoneEngine
import UndertoneStore

/// Where the AudioSocket listener binds, and how long a silent connection may stay.
public struct AudioSocketSettings: Sendable, Equatable {
    public var host: String
    /// 0 picks a free port (`AudioSocketListener.port` tells which).
    public var port: Int
    /// A connection that sends nothing for this long is hung up (Asterisk sends audio every 20 ms).
    public var stallTimeout: Duration = .seconds(5)
    /// How long a registered leg waits for its connection.
    public var legLifetime: Duration = .seconds(3_600)

    public init(host: String = "127.0.0.1", port: Int = 9092) {
        self.host = host
        self.port = port
    }
}

/// AudioSocket legs registered ahead of their connection (`POST /v1/telephony/audiosocket/legs`): the UUID the dialplan
/// gives a channel, the call it belongs to and whose track it is.
public final class AudioSocketLegs: Sendable {
    public struct Leg: Sendable, Equatable {
        public var callID: String
        public var track: SpeakerRole
        var registered: ContinuousClock.Instant
    }

    private let legs = Mutex<[String: Leg]>([:])

    public init() {}

    public func register(uuid: String, callID: String, track: SpeakerRole) {
        legs.withLock { $0[uuid.lowercased()] = Leg(callID: callID, track: track, registered: .now) }
    }

    /// The leg for a UUID (taken: a leg connects once), when registered within `lifetime`.
    func take(_ uuid: String, lifetime: Duration) -> Leg? {
        legs.withLock { legs in
            let now = ContinuousClock.now
            legs = legs.filter { now - $0.value.registered < lifetime }
            return legs.removeValue(forKey: uuid)
        }
    }
}

/// The AudioSocket listener the application runs, once built (for its port).
public final class AudioSocketHandle: Sendable {
    private let held = Mutex<AudioSocketListener?>(nil)

    public init() {}

    public var listener: AudioSocketListener? { held.withLock { $0 } }

    func hold(_ listener: AudioSocketListener) { held.withLock { $0 = listener } }
}

/// The Asterisk AudioSocket listener: TCP (not HTTP), one connection per channel, read with `AudioSocketSession`.
///
/// A connection's UUID names its leg: a leg registered for a call and a track, or else a call of that id already
/// started (a `call_started` posted over REST, the UUID as its id), whose customer track it is. A UUID that is neither
/// is refused: nothing unauthenticated opens a call. Bad frames, and a connection that stalls, are answered with a
/// hang-up frame and the connection closed, counted in `undertone_rejected_total{via="audiosocket"}`; the call's own
/// leg ends the call when it closes.
public final class AudioSocketListener: Service, Sendable {
    let undertone: ServerContext
    let settings: AudioSocketSettings
    private let bound = Mutex<Int?>(nil)
    private let ready = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))

    public init(undertone: ServerContext, settings: AudioSocketSettings) {
        self.undertone = undertone
        self.settings = settings
    }

    /// The port bound, once listening.
    public var port: Int {
        get async {
            if let port = bound.withLock({ $0 }) { return port }
            for await port in ready.stream { return port }
            return 0
        }
    }

    public func run() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = server.channel.localAddress?.port ?? settings.port
        bound.withLock { $0 = port }
        ready.continuation.yield(port)
        undertone.logger.info("AudioSocket listening", metadata: ["host": "\(settings.host)", "port": "\(port)"])
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        // On the connection's event loop, where its bytes are read: each read resumes the task without
                        // waking a thread of Swift's global executor (as the telephony WebSockets, `onConnectionLoop`).
                        group.addTask(executorPreference: EventLoopTaskExecutor(connection.channel.eventLoop)) { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
    }

    /// One connection, from its UUID to its hang-up.
    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        undertone.metrics.webSocketSessions.increment()
        defer { undertone.metrics.webSocketSessions.decrement() }
        var logger = undertone.logger
        logger[metadataKey: "telephony"] = "audiosocket"
        let watch = ConnectionWatch()
        let channel = connection.channel
        var session = AudioSocketSession()
        do {
            try await connection.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { [settings] in
                        // The watchdog: a connection silent past the stall timeout is closed.
                        while true {
                            try await Task.sleep(for: .milliseconds(250))
                            if ContinuousClock.now - watch.lastRead.withLock({ $0 }) >= settings.stallTimeout {
                                watch.stalled.withLock { $0 = true }
                                channel.close(promise: nil)
                                return
                            }
                        }
                    }
                    var reading = AudioSocketReading(undertone: self, logger: logger)
                    for try await buffer in inbound {
                        watch.lastRead.withLock { $0 = .now }
                        let outputs = await reading.receive(Array(buffer.readableBytesView), session: &session)
                        if await reading.perform(outputs, session: &session, outbound: outbound) { break }
                    }
                    group.cancelAll()
                }
            }
        } catch {
            logger.notice("AudioSocket connection ended", metadata: ["error": "\(String(reflecting: error))"])
        }
        if watch.stalled.withLock({ $0 }) {
            undertone.metrics.rejected("timeout", via: "audiosocket")
            logger.notice("AudioSocket connection stalled: hung up", metadata: ["timeout": "\(settings.stallTimeout)"])
        }
        let closing = session.connectionClosed()
        if !closing.isEmpty, let callID = session.callID {
            _ = try? await undertone.shards.ingest(callID: callID, items: closing.map { IngestItem(event: $0) })
        }
    }

    /// Finds the leg a UUID names.
    func leg(for uuid: String) async throws -> (callID: String, track: SpeakerRole, started: Date, endsCall: Bool)? {
        if let leg = undertone.audioSocketLegs.take(uuid, lifetime: settings.legLifetime) {
            guard let call = try await undertone.store.call(leg.callID), call.endedAt == nil else { return nil }
            return (leg.callID, leg.track, call.startedAt, leg.track == .customer)
        }
        guard let call = try await undertone.store.call(uuid), call.endedAt == nil else { return nil }
        return (uuid, .customer, call.startedAt, true)
    }
}

/// What one AudioSocket connection does with its bytes: frames into events, the leg found once the UUID is in.
struct AudioSocketReading {
    let undertone: AudioSocketListener
    let logger: Logger

    init(undertone: AudioSocketListener, logger: Logger) {
        self.undertone = undertone
        self.logger = logger
    }

    mutating func receive(_ bytes: [UInt8], session: inout AudioSocketSession) async -> [AdapterOutput] {
        do {
            var outputs = try session.receive(bytes: bytes)
            if session.phase == .identifying, let uuid = session.uuid {
                guard let leg = try await undertone.leg(for: uuid) else {
                    throw AdapterError.unauthorized("UUID \(uuid) names no open call: post its call_started, or register the leg, first")
                }
                let offset = leg.endsCall ? 0 : max(0, Int(Date.now.timeIntervalSince(leg.started) * 1000))
                outputs += try session.begin(callID: leg.callID, track: leg.track, started: nil, endsCall: leg.endsCall, startMs: offset)
            }
            return outputs
        } catch let error as AdapterError {
            undertone.undertone.metrics.rejected(error.metricReason, via: "audiosocket")
            logger.notice("AudioSocket frame refused", metadata: ["error": "\(error.description)"])
            return session.terminate(with: error)
        } catch {
            return session.terminate(with: .internalError(String(describing: error)))
        }
    }

    /// Ingests the events, then closes when told to (a hang-up frame first); true once closed.
    @discardableResult
    mutating func perform(
        _ outputs: [AdapterOutput], session: inout AudioSocketSession, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>? = nil
    ) async -> Bool {
        let events = outputs.events
        if let callID = events.first?.callID {
            do {
                _ = try await undertone.undertone.shards.ingest(callID: callID, items: events.map { IngestItem(event: $0) })
            } catch {
                undertone.undertone.metrics.rejected((error as? IngestError)?.metricReason ?? "internal", via: "audiosocket")
                logger.notice("AudioSocket events refused", metadata: ["call.id": "\(callID)", "error": "\(String(reflecting: error))"])
                _ = session.terminate(with: .unexpectedMessage(String(describing: error)))
                try? await outbound?.write(ByteBuffer(bytes: AudioSocketSession.hangupFrame))
                return true
            }
        }
        for case .notice(let notice) in outputs { logger.info("AudioSocket notice", metadata: ["notice": "\(notice)"]) }
        guard outputs.close != nil else { return false }
        try? await outbound?.write(ByteBuffer(bytes: AudioSocketSession.hangupFrame))
        return true
    }
}

/// When a connection last brought bytes, and whether the watchdog closed it.
private final class ConnectionWatch: Sendable {
    let lastRead = Mutex(ContinuousClock.now)
    let stalled = Mutex(false)
}
