import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Testing
import UndertoneEngine
import UndertoneStore

/// The stores the contract suite runs against: SQLite always (a temporary file), PostgreSQL when `POSTGRES_HOST` is set
/// (a fresh schema per test, dropped afterwards).
enum StoreBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static var postgresConfigured: Bool { !(ProcessInfo.processInfo.environment["POSTGRES_HOST"] ?? "").isEmpty }

    static let available: [StoreBackend] = postgresConfigured ? [.sqlite, .postgres] : [.sqlite]

    var testDescription: String { rawValue }

    /// Quiet unless a test run asks for the store's own logging.
    static let logger: Logger = {
        var logger = Logger(label: "undertone.store.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["UNDERTONE_STORE_LOG"] == nil ? .critical : .debug
        return logger
    }()

    /// Runs `body` against a fresh, migrated store of this kind while the store's `run()` runs, then shuts it down.
    func withStore(_ body: (any EventStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            try await TemporaryFolder.with { folder in
                let store = try await SQLiteEventStore(path: folder.appendingPathComponent("store.sqlite").path, logger: Self.logger)
                try await Self.running(store, body)
            }
        case .postgres:
            let schema = "ut_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            var configuration = try PostgresEventStore.configuration()
            // Tests run side by side, each with its own pool: stay well under the server's max_connections (100).
            configuration.options.maximumConnections = 8
            let store = try PostgresEventStore(configuration: configuration, schema: schema, logger: Self.logger)
            try await Self.running(store, body) { try await store.dropSchema() }
        }
    }

    /// Runs the store as a service around `body`: migrate, body, clean up, then cancel `run()` and wait for it to close.
    static func running<Store: EventStore>(
        _ store: Store, _ body: (any EventStore) async throws -> Void, cleanUp: (() async throws -> Void)? = nil
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            var failure: (any Error)?
            do {
                try await store.migrate()
                try await body(store)
            } catch {
                failure = error
            }
            do {
                try await cleanUp?()
            } catch {
                failure = failure ?? error
            }
            group.cancelAll()
            try await group.waitForAll()
            if let failure { throw failure }
        }
    }
}

/// A folder under the system's temporary folder, removed afterwards.
enum TemporaryFolder {
    static func with(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }
}

/// Log entries built with the engine's own types and encoders.
enum Fixture {
    /// A call id no other test uses.
    static func callID(_ name: String = "call") -> String { "\(name)-\(UUID().uuidString.prefix(8).lowercased())" }

    /// The entry of an event; with `decoded`, carrying the event itself as the server's entries do.
    static func entry(_ event: CallEvent, clientSequence: Int? = nil, decoded: Bool = false) -> LogEntry {
        LogEntry(
            callID: event.callID, kind: .event, type: event.type, at: event.at, body: CallEvents.encode(event), clientSequence: clientSequence,
            decoded: decoded ? .event(event) : nil)
    }

    /// The entry of an output; with `decoded`, carrying the output itself as the server's entries do.
    static func entry(_ output: EngineOutput, decoded: Bool = false) throws -> LogEntry {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = String(decoding: try encoder.encode(output), as: UTF8.self)
        return LogEntry(callID: output.callID, kind: .output, type: output.type, at: output.at, body: body, decoded: decoded ? .output(output) : nil)
    }

    static func started(
        _ callID: String, agent: String? = "ag-1", team: String? = "team-a", queue: String = "billing", channel: UndertoneEngine.Channel = .voice,
        clientSequence: Int? = nil
    ) -> LogEntry {
        entry(
            .callStarted(CallStarted(callID: callID, channel: channel, customerID: "cust-\(callID)", queue: queue, agentID: agent, team: team)),
            clientSequence: clientSequence)
    }

    static func turn(
        _ callID: String, at: Int, utterance: String, speaker: SpeakerRole = .customer, text: String = "hello there", isFinal: Bool = true,
        clientSequence: Int? = nil
    ) -> LogEntry {
        entry(
            .turn(Turn(callID: callID, at: at, utteranceID: utterance, speaker: speaker, text: text, isFinal: isFinal)),
            clientSequence: clientSequence)
    }

    static func ended(_ callID: String, at: Int, disposition: String? = "resolved", survey: Int? = 4) -> LogEntry {
        entry(.callEnded(CallEnded(callID: callID, at: at, disposition: disposition, survey: survey)))
    }

    static func acknowledged(_ callID: String, at: Int, alert: String, by: String = "sup-1", outcome: AlertOutcome = .acknowledged) -> LogEntry {
        entry(.alertAcknowledged(AlertAcknowledgement(callID: callID, at: at, alertID: alert, by: by, outcome: outcome)))
    }

    /// A decision as the engine writes one (its type has no public initialiser): checked to decode before use.
    static func decision(_ callID: String, at: Int, kind: Decision.Kind, tier: Tier, rule: String = "test-rule", alert: String) throws -> LogEntry {
        let object: [String: Any] = [
            "type": "decision", "callID": callID, "at": at, "kind": kind.rawValue, "tier": tier.rawValue, "rule": rule, "alertID": alert,
            "reasons": [["condition": "stress above 0.6", "observed": "stress 0.71"]], "utteranceIDs": ["u-1"], "responses": [],
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let output = try JSONDecoder().decode(EngineOutput.self, from: data)
        return try entry(output)
    }
}

/// An example call from `examples/calls/`, run through the real engine, with a call id of the test's own.
struct ExampleCallRun {
    var callID: String
    var events: [CallEvent]
    /// The engine after each event.
    var analyzers: [CallAnalyzer]
    /// What the engine emitted after each event, in order.
    var outputs: [[EngineOutput]]

    /// The engine at the end of the call.
    var analyzer: CallAnalyzer { analyzers.last! }

    var decisions: [Decision] {
        outputs.joined().compactMap { if case .decision(let decision) = $0 { decision } else { nil } }
    }

    var signals: [TurnSignal] {
        outputs.joined().compactMap { if case .signal(let signal) = $0 { signal } else { nil } }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/calls")

    static let model: TextModel? = try? TextModel.bundled()

    /// Runs the file whose name starts with `prefix` (e.g. `04-`) under `preset`.
    static func run(_ prefix: String, preset: String = "default") throws -> ExampleCallRun {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let name = try #require(names.first { $0.hasPrefix(prefix) && $0.hasSuffix(".jsonl") }, "no example call \(prefix)*")
        var text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let original = try #require(CallEvents.decode(jsonLines: text).first?.callID)
        let callID = Fixture.callID("example")
        // Alert ids (in alert_ack events) start with the call id too.
        text = text.replacingOccurrences(of: original, with: callID)
        let events = try CallEvents.decode(jsonLines: text)
        #expect(events.allSatisfy { $0.callID == callID })
        let model = try #require(model, "the bundled text model did not load")
        var analyzer = CallAnalyzer(policy: try Policy.preset(named: preset), textModel: model)
        var outputs: [[EngineOutput]] = []
        var analyzers: [CallAnalyzer] = []
        for event in events {
            outputs.append(analyzer.ingest(event))
            analyzers.append(analyzer)
        }
        return ExampleCallRun(callID: callID, events: events, analyzers: analyzers, outputs: outputs)
    }

    /// The entries the server would append for event `index`: the event (with client sequence index + 1), then its outputs;
    /// with `decoded`, each carrying its value as the server's do.
    func entries(forEvent index: Int, decoded: Bool = false) throws -> [LogEntry] {
        [Fixture.entry(events[index], clientSequence: index + 1, decoded: decoded)]
            + (try outputs[index].map { try Fixture.entry($0, decoded: decoded) })
    }
}
