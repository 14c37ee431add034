import Foundation
import PostgresNIO
import Testing
import UndertoneStore

/// Reading PostgreSQL settings: no database needed.
@Suite("PostgresEventStore configuration")
struct PostgresConfigurationTests {
    @Test("a URL gives host, port, user, password and database")
    func url() throws {
        let configuration = try PostgresEventStore.configuration(url: "postgres://undertone:s%40cret@db.example:6543/calls?sslmode=disable")
        #expect(configuration.host == "db.example")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "undertone")
        #expect(configuration.password == "s@cret")
        #expect(configuration.database == "calls")

        let defaults = try PostgresEventStore.configuration(url: "postgresql://me@localhost")
        #expect(defaults.port == 5432)
        #expect(defaults.password == nil)
        #expect(defaults.database == nil)
    }

    @Test("a bad URL is an error that does not repeat the password")
    func badURL() {
        for url in ["mysql://u:p@h/db", "postgres://:hunter2@/db", "postgres://u:hunter2@h/db?sslmode=sometimes"] {
            do {
                _ = try PostgresEventStore.configuration(url: url)
                Issue.record("\(url) was accepted")
            } catch {
                #expect(!String(describing: error).contains("hunter2"), "\(error)")
            }
        }
    }

    @Test("POSTGRES_* variables give the same settings, with defaults")
    func environment() throws {
        let configuration = try PostgresEventStore.configuration(environment: [
            "POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": "5433", "POSTGRES_USER": "undertone", "POSTGRES_PASSWORD": "pw", "POSTGRES_DB": "calls",
        ])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 5433)
        #expect(configuration.username == "undertone")
        #expect(configuration.password == "pw")
        #expect(configuration.database == "calls")

        let defaults = try PostgresEventStore.configuration(environment: ["POSTGRES_HOST": "db"])
        #expect(defaults.port == 5432)
        #expect(defaults.username == "postgres")
        #expect(defaults.database == nil)

        #expect(throws: EventStoreError.self) { try PostgresEventStore.configuration(environment: [:]) }
        #expect(throws: EventStoreError.self) { try PostgresEventStore.configuration(environment: ["POSTGRES_HOST": "db", "POSTGRES_PORT": "x"]) }
    }

    @Test("a schema name that is not a plain identifier is refused")
    func schemaName() throws {
        let configuration = try PostgresEventStore.configuration(environment: ["POSTGRES_HOST": "db"])
        for bad in ["", "Upper", "1abc", "a-b", "a;drop table x", String(repeating: "a", count: 64)] {
            #expect(throws: EventStoreError.self, "\(bad)") { _ = try PostgresEventStore(configuration: configuration, schema: bad) }
        }
        _ = try PostgresEventStore(configuration: configuration, schema: "undertone_test_1")
    }
}
