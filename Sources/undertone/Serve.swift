import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UndertoneEngine
import UndertoneServer
import UndertoneStore
import UnixSignals
import Yams

extension Undertone {
    /// `undertone serve`: the server. SQLite file by default; `--database postgres://…` for PostgreSQL.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the server: live ingest over WebSocket and REST, telephony adapters, the live feed.",
            discussion: """
                Settings come from flags, then environment variables (UNDERTONE_HOST, UNDERTONE_PORT, UNDERTONE_DATABASE, \
                UNDERTONE_POLICY, UNDERTONE_SHARDS, UNDERTONE_COMMIT_DELAY, UNDERTONE_MAX_COMMIT_DELAY, UNDERTONE_ADMIN_KEY, UNDERTONE_RETENTION_DAYS, UNDERTONE_FOLLOW_UP_OWNER, UNDERTONE_FOLLOW_UP_DUE, \
                UNDERTONE_WEBHOOK_ATTEMPTS, UNDERTONE_WEBHOOK_TIMEOUT, UNDERTONE_INTENTS, UNDERTONE_LOG_FORMAT, UNDERTONE_TRUSTED_PROXIES, \
                UNDERTONE_PSEUDONYM_KEY), then a YAML config file (--config) with the keys host, port, database, policy, shards, \
                commitDelay, maxCommitDelay, retentionDays, redaction, followUpOwner, followUpDue, webhookAttempts, webhookTimeout, intents, logFormat, \
                trustedProxies, pseudonymKey. Durations are a number with a unit: 90s, 30m, 24h, 2d. docs/security.md has the limits \
                and the keys. On first start with an empty store an admin \
                API key is created and printed once, unless UNDERTONE_ADMIN_KEY sets it. docs/api.md describes the API.

                --demo starts on a fresh temporary SQLite file (unless --database is given), prints the dashboard's address and \
                an admin API key, and streams simulated calls (text and synthesized voice) through the WebSocket ingest of the \
                same process: docs/demo.md.
                """
        )

        @Option(help: "A YAML file of settings (host, port, database, policy, shards, retentionDays, redaction, followUpOwner, …).")
        var config: String?
        @Option(help: "Address to listen on (default 127.0.0.1).")
        var host: String?
        @Option(help: "Port to listen on (default 8080; 0 picks a free one).")
        var port: Int?
        @Option(help: "A SQLite file (default undertone.sqlite) or postgres://user:password@host:port/database.")
        var database: String?
        @Option(help: "The escalation policy: a preset name (default, banking, healthcare, ecommerce, b2b) or a YAML file.")
        var policy: String?
        @Option(help: "Shards for live calls (default: one per processor on SQLite, at least 8 on PostgreSQL).")
        var shards: Int?
        @Option(
            help: "How long a shard waits for more events to commit together while events arrive together: 0 to 100ms (default 2ms; 0 never waits).")
        var commitDelay: String?
        @Option(
            help:
                "How long in all a shard may go on waiting while events keep arriving after the commit delay (a busy node's groups grow toward it): 0 to 100ms (default 20ms; at most --commit-delay: no longer wait)."
        )
        var maxCommitDelay: String?
        @Option(help: "Blank transcripts of calls that ended this many days ago (default: keep).")
        var retentionDays: Int?
        @Option(help: "Who owns a new follow-up until someone claims it: a user or a role (default duty-manager).")
        var followUpOwner: String?
        @Option(help: "How long after a manager escalation its follow-up is due: 90m, 24h, 2d (default 24h).")
        var followUpDue: String?
        @Option(help: "Tries per webhook delivery before it is given up on (default 8).")
        var webhookAttempts: Int?
        @Option(help: "How long a webhook receiver has to answer: 5s, 30s (default 10s).")
        var webhookTimeout: String?
        @Flag(help: "Keep personal data in transcripts (test data only).")
        var noRedaction = false
        @Option(help: "The IP address of a reverse proxy whose X-Forwarded-Proto is believed (repeat for several; default none).")
        var trustedProxy: [String] = []
        @Flag(help: "Run the demo: a temporary database, an admin key printed, simulated calls streamed in (docs/demo.md).")
        var demo = false
        @Option(help: "The admin API key to create or use (ut_…; default with --demo: a new one).")
        var key: String?
        @Option(help: "With --demo: calls kept going at once (default 24).")
        var demoCalls = 24
        @Option(help: "With --demo: how much faster than real time the calls play (default 1).")
        var demoSpeed = 1.0
        @Option(help: "With --demo: the seed of the scripts (the same seed plays the same calls).")
        var demoSeed: UInt64 = 7
        @Option(help: "With --demo: the share of each channel, e.g. voice=7,chat=2,email=1 (the default).")
        var demoMix: String?
        @Flag(help: "With --demo: voice calls send transcripts only, no synthesized audio.")
        var noDemoVoice = false
        @Flag(help: "With --demo: nobody answers the alerts (by default simulated supervisors acknowledge some).")
        var noDemoSupervisor = false

        func validate() throws {
            if let key, !key.hasPrefix("ut_") || key.count < 12 {
                throw ValidationError("--key must be an API key: ut_ followed by at least 9 characters")
            }
            if demo { _ = try demoSettings() }
        }

        /// The simulator's knobs from the flags, or a clear error.
        func demoSettings() throws -> DemoSettings {
            var settings = DemoSettings()
            settings.concurrentCalls = demoCalls
            settings.speed = demoSpeed
            settings.seed = demoSeed
            settings.voice = !noDemoVoice
            settings.supervisor = !noDemoSupervisor
            do {
                if let demoMix { settings.channelMix = try DemoChannelMix(parsing: demoMix) }
                try settings.validate()
            } catch {
                throw ValidationError("--demo: \(error)")
            }
            return settings
        }
        @Option(help: "A folder of Markdown articles suggested to agents (default: the sample shipped with the engine).")
        var knowledge: String?
        @Option(help: "An intent model file (.uti, from `undertone intents train`) that reads live calls' intents (default: the shipped one).")
        var intents: String?
        @Option(help: "How logs are written to standard error: text (default) or json (one JSON object a line, for log pipelines).")
        var logFormat: String?

        @OptionGroup var speech: SpeechOptions

        @Option(help: "Listen for Asterisk AudioSocket connections (TCP) on this port, on --host (default: no listener).")
        var audiosocketPort: Int?

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            ServerConfiguration.fitEventLoopsToProcessors(environment: environment)
            let file = try config.map(Self.readConfig) ?? [:]
            func setting(_ flag: String?, _ variable: String, _ key: String) -> String? {
                flag ?? environment[variable] ?? file[key]
            }
            let policySource = setting(policy, "UNDERTONE_POLICY", "policy") ?? "default"
            let (parsed, yaml) = try Self.loadPolicy(policySource)
            var settings = ServerConfiguration(policy: parsed)
            settings.host = setting(host, "UNDERTONE_HOST", "host") ?? settings.host
            /// A whole-number setting within its range, or a clear error naming it.
            func integer(_ flag: Int?, _ variable: String, _ key: String, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
                guard let text = setting(flag.map(String.init), variable, key) else { return nil }
                guard let value = Int(text), range.contains(value) else {
                    throw CommandFailure("\(name) must be \(range.lowerBound) to \(range.upperBound), not \(text)")
                }
                return value
            }
            settings.port = try integer(port, "UNDERTONE_PORT", "port", "port", in: 0...65_535) ?? settings.port
            // The demo never writes into a configured database by accident: only --database overrides its temporary file.
            let demoFile = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-demo-\(UUID().uuidString).sqlite").path
            settings.database = .init(demo ? database ?? demoFile : setting(database, "UNDERTONE_DATABASE", "database") ?? "undertone.sqlite")
            settings.shards = try integer(shards, "UNDERTONE_SHARDS", "shards", "shards", in: 1...1024)
            if let delay = setting(commitDelay, "UNDERTONE_COMMIT_DELAY", "commitDelay") {
                guard let milliseconds = PolicyDuration.milliseconds(delay), (0...100).contains(milliseconds) else {
                    throw CommandFailure("the commit delay must be 0 to 100 milliseconds (2ms, 0), not \"\(delay)\"")
                }
                settings.commitDelay = .milliseconds(milliseconds)
            }
            if let delay = setting(maxCommitDelay, "UNDERTONE_MAX_COMMIT_DELAY", "maxCommitDelay") {
                guard let milliseconds = PolicyDuration.milliseconds(delay), (0...100).contains(milliseconds) else {
                    throw CommandFailure("the longest commit delay must be 0 to 100 milliseconds (10ms, 0), not \"\(delay)\"")
                }
                settings.maxCommitDelay = .milliseconds(milliseconds)
            }
            settings.retentionDays = try integer(retentionDays, "UNDERTONE_RETENTION_DAYS", "retentionDays", "retention days", in: 1...36_500)
            settings.redactPersonalData = !(noRedaction || file["redaction"] == "false")
            let proxies = trustedProxy.isEmpty ? setting(nil, "UNDERTONE_TRUSTED_PROXIES", "trustedProxies") : trustedProxy.joined(separator: ",")
            settings.trustedProxies = (proxies ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // A secret: from the environment or the config file, never a flag (flags show in process lists).
            if let pseudonymKey = setting(nil, "UNDERTONE_PSEUDONYM_KEY", "pseudonymKey") {
                guard pseudonymKey.utf8.count >= 16 else { throw CommandFailure("the pseudonym key must be at least 16 bytes") }
                settings.pseudonymKey = pseudonymKey
            }
            if let owner = setting(followUpOwner, "UNDERTONE_FOLLOW_UP_OWNER", "followUpOwner") {
                guard !owner.trimmingCharacters(in: .whitespaces).isEmpty, owner.count <= 200 else {
                    throw CommandFailure("the follow-up owner must be a name of 1 to 200 characters")
                }
                settings.followUps.owner = owner
            }
            if let due = setting(followUpDue, "UNDERTONE_FOLLOW_UP_DUE", "followUpDue") {
                settings.followUps.dueAfter = try Self.duration(due, "the follow-up due time", in: 60...(366 * 86_400))
            }
            settings.webhooks.maxAttempts =
                try integer(webhookAttempts, "UNDERTONE_WEBHOOK_ATTEMPTS", "webhookAttempts", "webhook attempts", in: 1...100)
                ?? settings.webhooks.maxAttempts
            if let timeout = setting(webhookTimeout, "UNDERTONE_WEBHOOK_TIMEOUT", "webhookTimeout") {
                settings.webhooks.timeout = try Self.duration(timeout, "the webhook timeout", in: 1...300)
            }
            settings.bootstrapAdminKey = key ?? environment["UNDERTONE_ADMIN_KEY"] ?? (demo ? APIKey.generate() : nil)
            if let port = try integer(audiosocketPort, "UNDERTONE_AUDIOSOCKET_PORT", "audiosocketPort", "the AudioSocket port", in: 0...65_535) {
                settings.audioSocket = AudioSocketSettings(host: settings.host, port: port)
            }
            if let knowledge { settings.knowledgeBase = knowledge }
            let knowledgeBase = try KnowledgeOptions.load(knowledge)
            let intentModel = try IntentModelOptions.load(setting(intents, "UNDERTONE_INTENTS", "intents"))
            switch setting(logFormat, "UNDERTONE_LOG_FORMAT", "logFormat") ?? "text" {
            case "text": LoggingSystem.bootstrap { TextLogHandler.standardOutput(label: $0) }
            case "json": LoggingSystem.bootstrap { JSONLogHandler.standardError(label: $0) }
            case let other: throw CommandFailure("the log format must be text or json, not \"\(other)\"")
            }
            // Before the store opens: a transcriber that cannot start is refused with nothing to clean up.
            let transcriber = try speech.make(file: file)

            var logger = Logger(label: "undertone")
            logger.logLevel = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            if let transcriber { logger.info("Transcribing calls' audio", metadata: ["transcriber": "\(transcriber.name)"]) }
            let store: any EventStore
            switch settings.database {
            case .sqlite(let path):
                store = try await SQLiteEventStore(path: path, logger: logger)
            case .postgres(let url):
                store = try PostgresEventStore(url: url, logger: logger)
            }
            let context = ServerContext(
                configuration: settings, policyYAML: yaml, store: store, textModel: try TextModel.bundled(), logger: logger,
                knowledgeBase: knowledgeBase, intentModel: intentModel, transcriber: transcriber)
            let (host, policyName) = (settings.host, parsed.name)
            guard demo, let adminKey = settings.bootstrapAdminKey else {
                let app = context.buildApplication { channel in
                    let port = channel.localAddress?.port ?? 0
                    FileHandle.standardOutput.write(Data("undertone listening on http://\(host):\(port) (policy \(policyName))\n".utf8))
                }
                try await app.runService()
                return
            }
            try await runDemo(context: context, adminKey: adminKey, temporaryFile: database == nil ? demoFile : nil, logger: logger)
        }

        /// The server and the simulator in one process: the simulator connects over loopback once the server listens.
        private func runDemo(context: ServerContext, adminKey: String, temporaryFile: String?, logger: Logger) async throws {
            let simulatorSettings = try demoSettings()
            let (host, policyName) = (context.configuration.host, context.configuration.policy.name)
            let shown = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "[::1]" : host.contains(":") ? "[\(host)]" : host
            FileHandle.standardOutput.write(Data("API key: \(adminKey)\n".utf8))
            let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
            let app = context.buildApplication { channel in
                let port = channel.localAddress?.port ?? 0
                FileHandle.standardOutput.write(
                    Data("Dashboard: http://\(shown):\(port)/\nundertone listening on http://\(host):\(port) (policy \(policyName), demo)\n".utf8))
                portSink.yield(port)
                portSink.finish()
            }
            let simulator = DemoSimulator(
                settings: simulatorSettings, apiKey: adminKey,
                address: {
                    var iterator = ports.makeAsyncIterator()
                    guard let port = await iterator.next() else { throw CancellationError() }
                    // The admin key is installed once the store has migrated: connecting earlier would be refused.
                    while !context.readiness.isReady { try await Task.sleep(for: .milliseconds(50)) }
                    return (host, port)
                }, logger: logger)
            // Shutdown runs in reverse: the simulator closes its calls first, then the server drains and the store closes.
            let group = ServiceGroup(
                configuration: .init(
                    services: [
                        .init(service: app),
                        .init(service: simulator, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore),
                    ],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            if let temporaryFile {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporaryFile + suffix) }
            }
        }

        /// A duration written as a whole number with a unit (`90s`, `30m`, `24h`, `2d`), within `seconds`; or a clear error
        /// naming the setting.
        static func duration(_ text: String, _ name: String, in seconds: ClosedRange<Int>) throws -> Duration {
            let units = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let unit = trimmed.last.map(String.init), let scale = units[unit], let count = Int(trimmed.dropLast()), count >= 0,
                count <= seconds.upperBound / scale, seconds.contains(count * scale)
            else {
                throw CommandFailure(
                    "\(name) must be a whole number with a unit (s, m, h or d) from \(seconds.lowerBound)s to \(seconds.upperBound)s, not \"\(text)\""
                )
            }
            return .seconds(count * scale)
        }

        static func readConfig(_ path: String) throws -> [String: String] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CommandFailure("\(path): cannot read the config file") }
            let loaded: Any?
            do {
                loaded = try Yams.load(yaml: text)
            } catch {
                throw CommandFailure("\(path): not valid YAML: \(error)")
            }
            guard let mapping = loaded as? [String: Any] else { throw CommandFailure("\(path): the config file must be a mapping of settings") }
            let known: Set = [
                "host", "port", "database", "policy", "shards", "commitDelay", "maxCommitDelay", "retentionDays", "redaction", "followUpOwner",
                "followUpDue",
                "webhookAttempts",
                "webhookTimeout", "intents", "logFormat", "trustedProxies", "pseudonymKey",
            ]
            if let unknown = mapping.keys.first(where: { !known.contains($0) }) {
                throw CommandFailure("\(path): unknown setting \"\(unknown)\" (expected \(known.sorted().joined(separator: ", ")))")
            }
            // A list (trustedProxies) reads as its items joined by commas, as the environment variable writes it.
            return mapping.mapValues { value in (value as? [Any]).map { $0.map { "\($0)" }.joined(separator: ",") } ?? "\(value)" }
        }

        static func loadPolicy(_ source: String) throws -> (Policy, String) {
            if FileManager.default.fileExists(atPath: source) {
                guard let yaml = try? String(contentsOfFile: source, encoding: .utf8) else {
                    throw CommandFailure("\(source): cannot read the policy")
                }
                let problems = Policy.validate(yaml: yaml)
                guard problems.isEmpty, let policy = try? Policy.parse(yaml: yaml) else {
                    throw CommandFailure("\(source): " + problems.map(\.description).joined(separator: "\n"))
                }
                return (policy, yaml)
            }
            do {
                return (try Policy.preset(named: source), try Policy.presetYAML(named: source))
            } catch {
                throw CommandFailure("policy \"\(source)\" is neither a file nor a preset: \(error)")
            }
        }
    }
}
