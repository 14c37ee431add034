import ArgumentParser
import Foundation
import Hummingbird
import Logging
import UndertoneEngine
import UndertoneServer
import UndertoneStore
import Yams

extension Undertone {
    /// `undertone serve`: the server. SQLite file by default; `--database postgres://…` for PostgreSQL.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the server: live ingest over WebSocket and REST, telephony adapters, the live feed.",
            discussion: """
                Settings come from flags, then environment variables (UNDERTONE_HOST, UNDERTONE_PORT, UNDERTONE_DATABASE, \
                UNDERTONE_POLICY, UNDERTONE_ADMIN_KEY, UNDERTONE_RETENTION_DAYS), then a YAML config file (--config) with the \
                keys host, port, database, policy, shards, retentionDays, redaction. On first start with an empty store an admin \
                API key is created and printed once, unless UNDERTONE_ADMIN_KEY sets it. docs/api.md describes the API.
                """
        )

        @Option(help: "A YAML file of settings (host, port, database, policy, shards, retentionDays, redaction).")
        var config: String?
        @Option(help: "Address to listen on (default 127.0.0.1).")
        var host: String?
        @Option(help: "Port to listen on (default 8080; 0 picks a free one).")
        var port: Int?
        @Option(help: "A SQLite file (default undertone.sqlite) or postgres://user:password@host:port/database.")
        var database: String?
        @Option(help: "The escalation policy: a preset name (default, banking, healthcare, ecommerce, b2b) or a YAML file.")
        var policy: String?
        @Option(help: "Shards for live calls (default 8).")
        var shards: Int?
        @Option(help: "Blank transcripts of calls that ended this many days ago (default: keep).")
        var retentionDays: Int?
        @Flag(help: "Keep personal data in transcripts (test data only).")
        var noRedaction = false
        @Option(help: "A folder of Markdown articles suggested to agents (default: the sample shipped with the engine).")
        var knowledge: String?

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
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
            settings.database = .init(setting(database, "UNDERTONE_DATABASE", "database") ?? "undertone.sqlite")
            settings.shards = try integer(shards, "UNDERTONE_SHARDS", "shards", "shards", in: 1...1024) ?? settings.shards
            settings.retentionDays = try integer(retentionDays, "UNDERTONE_RETENTION_DAYS", "retentionDays", "retention days", in: 1...36_500)
            settings.redactPersonalData = !(noRedaction || file["redaction"] == "false")
            settings.bootstrapAdminKey = environment["UNDERTONE_ADMIN_KEY"]
            if let knowledge { settings.knowledgeBase = knowledge }
            let knowledgeBase = try KnowledgeOptions.load(knowledge)

            var logger = Logger(label: "undertone")
            logger.logLevel = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            let store: any EventStore
            switch settings.database {
            case .sqlite(let path):
                store = try await SQLiteEventStore(path: path, logger: logger)
            case .postgres(let url):
                store = try PostgresEventStore(configuration: try PostgresEventStore.configuration(url: url), logger: logger)
            }
            let context = ServerContext(
                configuration: settings, policyYAML: yaml, store: store, textModel: try TextModel.bundled(), logger: logger,
                knowledgeBase: knowledgeBase)
            let (host, policyName) = (settings.host, parsed.name)
            let app = context.buildApplication { channel in
                let port = channel.localAddress?.port ?? 0
                FileHandle.standardOutput.write(Data("undertone listening on http://\(host):\(port) (policy \(policyName))\n".utf8))
            }
            try await app.runService()
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
            let known: Set = ["host", "port", "database", "policy", "shards", "retentionDays", "redaction"]
            if let unknown = mapping.keys.first(where: { !known.contains($0) }) {
                throw CommandFailure("\(path): unknown setting \"\(unknown)\" (expected \(known.sorted().joined(separator: ", ")))")
            }
            return mapping.mapValues { "\($0)" }
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
