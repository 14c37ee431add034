import Foundation
import Testing

@Suite("undertone report")
struct ReportCommandTests {
    @Test("writes report.json and report.html from a store the server filled; bad periods exit 1 with a message")
    func report() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-report-\(UUID().uuidString).sqlite").path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-report-\(UUID().uuidString)").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            try? FileManager.default.removeItem(atPath: out)
        }
        let start = Date().addingTimeInterval(-600)
        let server = try await ServeProcess.start(database: database)
        do {
            try await server.waitUntilReady()
            for call in ["01", "04"] {
                let (status, _) = try await server.request("POST", "/v1/events", body: try ServeTests.lines(call).joined(separator: "\n"))
                #expect(status == 200)
            }
        }
        server.kill()

        let iso = ISO8601DateFormatter()
        let outcome = try await Undertone.run([
            "report", "--database", database, "--from", iso.string(from: start), "--to", iso.string(from: start.addingTimeInterval(3600)), "--out",
            out,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("2 calls from"))
        let json = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect((report["overall"] as? [String: Any])?["calls"] as? Int == 2)
        #expect((report["byQueue"] as? [String: Any])?.keys.sorted() == ["moving-home", "technical-support"])
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("<svg "))
        #expect(html.contains("technical-support"))
        #expect(!html.contains("<script"))

        let team = try await Undertone.run([
            "report", "--database", database, "--from", iso.string(from: start), "--to", iso.string(from: start.addingTimeInterval(3600)), "--out",
            out,
            "--team", "tech-west",
        ])
        #expect(team.stdout.contains("1 call from"))

        let backwards = try await Undertone.run(["report", "--database", database, "--from", "2026-11-24", "--to", "2026-11-23", "--out", out])
        #expect(backwards.status == 1)
        #expect(backwards.stderr.contains("from must be before to"))
        let garbled = try await Undertone.run(["report", "--database", database, "--from", "last week", "--to", "2026-11-23", "--out", out])
        #expect(garbled.status == 1)
        #expect(garbled.stderr.contains("from is not an ISO 8601 time"))
        let missing = try await Undertone.run(["report", "--database", database, "--from", "2026-11-23"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--to"))
    }
}
