import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import UndertoneServer
import UndertoneStore

extension Undertone {
    /// API keys managed straight on the store: for the first key of a PostgreSQL deployment, or when the admin key is lost.
    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keys",
            abstract: "Create, list and revoke API keys directly in the store (no server needed).",
            subcommands: [Create.self, List.self, Revoke.self]
        )

        struct StoreOptions: ParsableArguments {
            @Option(help: "The store: a SQLite file (default undertone.sqlite, or UNDERTONE_DATABASE) or postgres://user:password@host/db.")
            var database: String?

            var resolved: String { database ?? ProcessInfo.processInfo.environment["UNDERTONE_DATABASE"] ?? "undertone.sqlite" }
        }

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a key and print its secret (shown only now).")
            @OptionGroup var store: StoreOptions
            @Option(help: "A name for the key (who or what uses it).")
            var name: String
            @Option(help: "agent, supervisor or admin.")
            var role: String
            @Option(help: "The agent id (agent key) or team (supervisor key) it may see.")
            var subject: String?

            func validate() throws {
                guard let role = Role(rawValue: role) else { throw ValidationError("--role must be agent, supervisor or admin") }
                if role != .admin, subject?.isEmpty ?? true {
                    throw ValidationError(
                        "\(role == .agent ? "an" : "a") \(role.rawValue) key needs --subject: the agent id (agent) or the team (supervisor)")
                }
                guard !name.isEmpty else { throw ValidationError("--name must not be empty") }
            }

            func run() async throws {
                let role = Role(rawValue: role) ?? .agent
                try await withStore(store.resolved) { store in
                    let (secret, record) = try await KeyRing(store: store).create(name: name, role: role, subject: role == .admin ? nil : subject)
                    try await store.audit(
                        AuditRecord(
                            at: .now, actor: "cli", action: "key.create", target: record.id, detail: "\(role.rawValue) \(record.subject ?? "")"))
                    print("\(record.id)\t\(role.rawValue)\t\(record.subject ?? "-")\t\(secret)")
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List keys (ids, names, roles; never secrets or hashes).")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                try await withStore(store.resolved) { store in
                    for key in try await store.apiKeys() {
                        print("\(key.id)\t\(key.role.rawValue)\t\(key.subject ?? "-")\t\(key.revoked ? "revoked" : "active")\t\(key.name)")
                    }
                }
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a key by its id.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The key's id (from `undertone keys list`).")
            var id: String

            func run() async throws {
                try await withStore(store.resolved) { store in
                    guard try await store.apiKeys().contains(where: { $0.id == id }) else { throw CommandFailure("no key \"\(id)\"") }
                    try await store.revokeAPIKey(id: id)
                    try await store.audit(AuditRecord(at: .now, actor: "cli", action: "key.revoke", target: id, detail: ""))
                    print("revoked \(id) (a running server notices within 10 seconds)")
                }
            }
        }
    }
}

/// Opens the store, migrates it, runs `body`, then shuts the store down (its connections closed) whatever happened.
func withStore(_ database: String, _ body: @escaping @Sendable (any EventStore) async throws -> Void) async throws {
    var logger = Logger(label: "undertone.keys")
    logger.logLevel = .warning
    let store: any EventStore
    switch ServerConfiguration.Database(database) {
    case .sqlite(let path): store = try await SQLiteEventStore(path: path, logger: logger)
    case .postgres(let url): store = try PostgresEventStore(url: url, logger: logger)
    }
    let group = ServiceGroup(services: [store], logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            try await store.migrate()
            try await body(store)
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}
