import Foundation
import Testing

/// A model trained with `undertone intents train` reaching calls: `analyze --intents FILE` and `serve --intents FILE`.
@Suite("Custom intent models on calls", .serialized)
struct CustomIntentsTests {
    /// Three intents in this team's own words, none named like the shipped model's.
    static let labels: Set<String> = ["line_fault", "leaving_us", "engineer_visit"]

    /// Trains the model into a temporary folder; returns its path and the folder.
    static func trainedModel() async throws -> (model: String, folder: URL) {
        let folder = try IntentsCommandTests.temporaryFolder()
        var rows = ["text,label"]
        for opener in ["my internet is down", "the broadband keeps dropping", "no connection since", "my wifi stopped working", "the line is dead"] {
            for tail in ["since saturday", "again today", "and i need it fixed", "all week", "for two days"] {
                rows.append("\(opener) \(tail),line_fault")
            }
        }
        for opener in ["i want to cancel my contract", "im cancelling", "close my account", "i am leaving you", "put me through to cancellations"] {
            for tail in ["today", "right now", "please", "this month", "for good"] { rows.append("\(opener) \(tail),leaving_us") }
        }
        for opener in [
            "when is the engineer coming", "book an engineer", "can someone come out", "i need a technician visit", "reschedule the engineer",
        ] {
            for tail in ["this week", "on thursday", "tomorrow", "next week", "as soon as possible"] {
                rows.append("\(opener) \(tail),engineer_visit")
            }
        }
        let data = folder.appendingPathComponent("team-intents.csv")
        try (rows.joined(separator: "\n") + "\n").write(to: data, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("team.uti").path
        let trained = try await Undertone.run(["intents", "train", "--data", data.path, "--out", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        return (model, folder)
    }

    /// The intents customer signals carry, in order.
    static func intents(_ outputs: [[String: Any]]) -> [String] {
        outputs.filter { $0["type"] as? String == "signal" && $0["speaker"] as? String == "customer" }
            .compactMap { ($0["intent"] as? [String: Any])?["label"] as? String }
    }

    @Test("analyze --intents reads the call's intent with the trained model; a bad file is refused by name")
    func analyze() async throws {
        let (model, folder) = try await Self.trainedModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let call = ServeTests.repository.appendingPathComponent("examples/calls/04-anger-to-cancel.jsonl").path
        let outcome = try await Undertone.run(["analyze", call, "--intents", model, "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let outputs = outcome.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let read = Self.intents(outputs)
        #expect(!read.isEmpty, "the call's intent is read")
        #expect(Set(read).isSubset(of: Self.labels), "only the trained model's intents: \(read)")
        #expect(read.first == "line_fault", "the customer opens with a dead line")
        // The shipped model, without the flag, names its own.
        let shipped = try await Undertone.run(["analyze", call, "--json"])
        let shippedRead = Self.intents(
            shipped.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(!shippedRead.isEmpty && Set(shippedRead).isDisjoint(with: Self.labels))

        let bad = folder.appendingPathComponent("broken.uti")
        try Data("not a model".utf8).write(to: bad)
        let refused = try await Undertone.run(["analyze", call, "--intents", bad.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(bad.path), "\(refused.stderr)")
    }

    @Test("serve --intents: live calls carry the trained model's intents; a bad file stops the server before it listens")
    func serve() async throws {
        let (model, folder) = try await Self.trainedModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("serve.sqlite").path
        let server = try await ServeProcess.start(database: database, arguments: ["--intents", model])
        defer { server.kill() }
        try await server.waitUntilReady()
        let posted = try await server.request("POST", "/v1/events", body: try ServeTests.lines("04").joined(separator: "\n"))
        #expect(posted.status == 200)
        let read = Self.intents(posted.body["outputs"] as? [[String: Any]] ?? [])
        #expect(!read.isEmpty)
        #expect(Set(read).isSubset(of: Self.labels), "\(read)")

        let missing = folder.appendingPathComponent("none.uti").path
        let refused = try await Undertone.run(["serve", "--port", "0", "--database", database + ".refused", "--intents", missing])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(missing), "\(refused.stderr)")
    }
}
