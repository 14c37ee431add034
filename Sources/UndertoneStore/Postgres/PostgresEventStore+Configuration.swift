import Foundation
import Logging
import PostgresNIO

extension PostgresEventStore {
    /// How the connection is encrypted, in libpq's words (`sslmode`).
    public enum TLSMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or no connection, without checking the certificate.
        case require
        /// TLS, with a certificate from a trusted authority, for any host name.
        case verifyCA = "verify-ca"
        /// TLS, with a trusted certificate for this host name.
        case verifyFull = "verify-full"

        var tls: PostgresClient.Configuration.TLS {
            var unverified = TLSConfiguration.makeClientConfiguration()
            unverified.certificateVerification = .none
            var anyHost = TLSConfiguration.makeClientConfiguration()
            anyHost.certificateVerification = .noHostnameVerification
            switch self {
            case .disable: return .disable
            case .prefer: return .prefer(unverified)
            case .require: return .require(unverified)
            case .verifyCA: return .require(anyHost)
            case .verifyFull: return .require(.makeClientConfiguration())
            }
        }
    }

    /// A store on the database a URL names (`configuration(url:)`); `?schema=NAME` puts its tables in that schema, so
    /// that one database can hold several stores.
    public convenience init(url: String, logger: Logger = Logger(label: "undertone.store.postgres")) throws {
        let schema = URLComponents(string: url)?.queryItems?.first { $0.name == "schema" }?.value
        try self.init(configuration: try Self.configuration(url: url), schema: schema, logger: logger)
    }

    /// The client configuration a URL describes: `postgres://user:password@host:port/database?sslmode=prefer`
    /// (`postgresql://` too). User and password may be percent-encoded; the port defaults to 5432, the database to the
    /// user's name, `sslmode` to `prefer`.
    public static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw EventStoreError.invalidConfiguration("a PostgreSQL URL starts with postgres:// (got \(redacted(url)))")
        }
        guard let host = components.host, !host.isEmpty else { throw EventStoreError.invalidConfiguration("no host in \(redacted(url))") }
        guard let user = components.user, !user.isEmpty else { throw EventStoreError.invalidConfiguration("no user in \(redacted(url))") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let mode = try tlsMode(components.queryItems?.first { $0.name == "sslmode" }?.value)
        return PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password, database: path.isEmpty ? nil : path,
            tls: mode.tls)
    }

    /// The client configuration in `POSTGRES_HOST` (required), `POSTGRES_PORT` (5432), `POSTGRES_USER` (`postgres`),
    /// `POSTGRES_PASSWORD`, `POSTGRES_DB` (the user's name) and `POSTGRES_SSLMODE` (`prefer`).
    public static func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresClient.Configuration {
        guard let host = environment["POSTGRES_HOST"], !host.isEmpty else { throw EventStoreError.invalidConfiguration("POSTGRES_HOST is not set") }
        var port = 5432
        if let text = environment["POSTGRES_PORT"], !text.isEmpty {
            guard let number = Int(text), (1...65535).contains(number) else {
                throw EventStoreError.invalidConfiguration("POSTGRES_PORT \"\(text)\" is not a port number")
            }
            port = number
        }
        let user = environment["POSTGRES_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        let database = environment["POSTGRES_DB"].flatMap { $0.isEmpty ? nil : $0 }
        return PostgresClient.Configuration(
            host: host, port: port, username: user, password: environment["POSTGRES_PASSWORD"], database: database,
            tls: try tlsMode(environment["POSTGRES_SSLMODE"]).tls)
    }

    private static func tlsMode(_ text: String?) throws -> TLSMode {
        guard let text, !text.isEmpty else { return .prefer }
        guard let mode = TLSMode(rawValue: text) else {
            throw EventStoreError.invalidConfiguration(
                "sslmode \"\(text)\" (expected \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return mode
    }

    /// The URL without its password, for error messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(unreadable URL)" }
        guard components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "(unreadable URL)"
    }
}
