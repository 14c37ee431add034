import Foundation
import Testing

/// `undertone replay` over call files and over a period of the store, with recorded acknowledgements attached to the
/// alert they answered whatever number a policy gives it.
@Suite("undertone replay", .serialized)
struct ReplayCommandTests {
    /// The default policy with a coaching rule first that fires on the customer's first words: every alert after it
    /// is numbered one further on than the recording numbered it.
    static func shiftingPolicy(in folder: URL) throws -> String {
        let preset = try String(
            contentsOf: ServeTests.repository.appendingPathComponent("Sources/UndertoneEngine/Resources/Policies/default.yaml"), encoding: .utf8)
        let rule = """
            rules:
              - id: first-words
                tier: coach
                description: Coach from the first customer turn.
                when:
                  all:
                    - stress: { above: 0.01 }
                say: Greet them by name.

            """
        let yaml = preset.replacingOccurrences(of: "name: default", with: "name: shifted").replacingOccurrences(of: "rules:\n", with: rule)
        let path = folder.appendingPathComponent("shifted.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func objects(_ stdout: String) -> [[String: Any]] {
        stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test("an acknowledgement recorded for a1 reaches the supervisor alert the new policy numbers a2, so it does not climb")
    func acknowledgementFollowsItsAlert() async throws {
        let folder = try IntentsCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let policy = try Self.shiftingPolicy(in: folder)
        let call = ServeTests.repository.appendingPathComponent("examples/calls/15-supervisor-acknowledged-in-time.jsonl").path
        let outcome = try await Undertone.run(["replay", "--policy", policy, call, "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let result = try #require(Self.objects(outcome.stdout).first)
        let baseline = try #require(result["baseline"] as? [[String: Any]])
        let candidate = try #require(result["candidate"] as? [[String: Any]])
        #expect(baseline.map { $0["tier"] as? String } == ["supervisor"])
        #expect(baseline.first?["answer"] as? String == "acknowledged")
        #expect(candidate.first?["rule"] as? String == "first-words", "the new rule raises a1 now")
        let supervisor = try #require(candidate.first { $0["tier"] as? String == "supervisor" })
        #expect(supervisor["answer"] as? String == "acknowledged", "the recorded answer is the supervisor alert's")
        #expect(!candidate.contains { $0["rule"] as? String == "acknowledgement-timeout" }, "an answered alert does not climb: \(candidate)")
    }

    @Test("replay a period straight from the store: the calls that started in it, by id")
    func fromStore() async throws {
        let folder = try IntentsCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("replay.sqlite").path
        let server = try await ServeProcess.start(database: database)
        try await server.waitUntilReady()
        for prefix in ["14", "15"] {
            let posted = try await server.request("POST", "/v1/events", body: try ServeTests.lines(prefix).joined(separator: "\n"))
            #expect(posted.status == 200)
        }
        server.kill()
        let policy = try Self.shiftingPolicy(in: folder)
        let formatter = ISO8601DateFormatter()
        let (from, to) = (formatter.string(from: Date() - 3_600), formatter.string(from: Date() + 3_600))
        let outcome = try await Undertone.run(["replay", "--policy", policy, "--database", database, "--from", from, "--to", to, "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let results = Self.objects(outcome.stdout)
        #expect(Set(results.compactMap { $0["call"] as? String }) == ["c-20240617-0090", "c-20240617-0091"])
        let unanswered = try #require(results.first { $0["call"] as? String == "c-20240617-0090" })
        #expect((unanswered["baseline"] as? [[String: Any]])?.contains { $0["rule"] as? String == "acknowledgement-timeout" } == true)
        let answered = try #require(results.first { $0["call"] as? String == "c-20240617-0091" })
        #expect((answered["candidate"] as? [[String: Any]])?.contains { $0["rule"] as? String == "acknowledgement-timeout" } == false)

        let empty = try await Undertone.run([
            "replay", "--policy", policy, "--database", database, "--from", formatter.string(from: Date() + 7_200), "--to",
            formatter.string(from: Date() + 9_000),
        ])
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("0 of 0 call(s) would change"))
        let both = try await Undertone.run(["replay", "--policy", policy, "--from", from, "--to", to, "x.jsonl"])
        #expect(both.status != 0, "files and a period together are refused")
    }
}
