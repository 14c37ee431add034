import Foundation
import Testing

@Suite("undertone keys")
struct KeysCommandTests {
    @Test("create, list and revoke keys on a store file; bad input exits non-zero with a message")
    func lifecycle() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-keys-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: database) }
        let created = try await Undertone.run([
            "keys", "create", "--database", database, "--name", "wall", "--role", "supervisor", "--subject", "blue",
        ])
        #expect(created.status == 0)
        let fields = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t").map(String.init)
        #expect(fields.count == 4)
        #expect(fields.last?.hasPrefix("ut_") == true)

        let missingSubject = try await Undertone.run(["keys", "create", "--database", database, "--name", "x", "--role", "agent"])
        #expect(missingSubject.status != 0)
        #expect(missingSubject.stderr.contains("needs --subject"))

        let listed = try await Undertone.run(["keys", "list", "--database", database])
        #expect(listed.stdout.contains("\(fields[0])\tsupervisor\tblue\tactive\twall"))
        #expect(!listed.stdout.contains(fields[3]), "a secret is never listed")

        #expect(try await Undertone.run(["keys", "revoke", "--database", database, fields[0]]).status == 0)
        #expect(try await Undertone.run(["keys", "list", "--database", database]).stdout.contains("\trevoked\t"))
        let unknown = try await Undertone.run(["keys", "revoke", "--database", database, "key_nope"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no key"))
    }
}
