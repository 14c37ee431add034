import Foundation
import Testing

@Suite("undertone kb")
struct KnowledgeCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("kb search --text ranks the sample's articles, best first, with a snippet")
    func searchText() async throws {
        let outcome = try await Undertone.run(["kb", "search", "--text", "I was charged twice this month", "--limit", "2"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("1. billing/duplicate-charges — Duplicate and disputed charges (score ") == true)
        let json = try await Undertone.run(["kb", "search", "--text", "my router keeps dropping", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let articles = try #require(object["articles"] as? [[String: Any]])
        #expect(articles.first?["id"] as? String == "technical/router-reset")
        #expect(Set(articles.first?.keys.map { $0 } ?? []) == ["id", "title", "score", "snippet"])
    }

    @Test("kb search reads JSON lines like classify, and names a bad line")
    func searchLines() async throws {
        let input = [
            #"{"id": "a", "text": "my parcel is marked as delivered but never arrived"}"#,
            "{broken",
            #"{"id": 7, "text": "zzqx"}"#,
        ].joined(separator: "\n")
        let outcome = try await Undertone.run(["kb", "search", "--limit", "1"], input: input)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("line 2: invalid JSON"))
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["id"] as? String == "a")
        #expect((first["articles"] as? [[String: Any]])?.first?["id"] as? String == "delivery/lost-parcel")
        #expect(lines[1] == #"{"id":7,"articles":[]}"#)
    }

    @Test("kb check passes the sample, and names each bad file of a broken folder with exit status 1")
    func check() async throws {
        let sample = Self.repository.appendingPathComponent("Sources/UndertoneEngine/Resources/Knowledge").path
        let good = try await Undertone.run(["kb", "check", "--dir", sample])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("article(s), no problems"))
        #expect(!good.stdout.contains("warning"))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-kbcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# Good\nintents: billing\n\nText.".write(to: folder.appendingPathComponent("good.md"), atomically: true, encoding: .utf8)
        try "no title at all".write(to: folder.appendingPathComponent("untitled.md"), atomically: true, encoding: .utf8)
        try "# Odd\nintents: astrology\n\nText.".write(to: folder.appendingPathComponent("odd.md"), atomically: true, encoding: .utf8)
        let bad = try await Undertone.run(["kb", "check", "--dir", folder.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("untitled.md: the article has no title"))
        #expect(bad.stdout.contains("warning: odd: intent \"astrology\""))
        let missing = try await Undertone.run(["kb", "search", "--dir", folder.appendingPathComponent("none").path, "--text", "x"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("does not exist"))
    }

    @Test("analyze prints guidance: hints and articles after the decisions that call for them")
    func analyzeGuidance() async throws {
        let call = Self.repository.appendingPathComponent("examples/calls/02-confused-customer.jsonl").path
        let json = try await Undertone.run(["analyze", call, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let lines = json.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let guidance = lines.filter { $0["type"] as? String == "guidance" }
        #expect(!guidance.isEmpty)
        #expect(guidance.allSatisfy { $0["call"] as? String == "c-20240611-0147" && $0["hints"] is [Any] && $0["articles"] is [Any] })
        #expect(lines.contains { ($0["intent"] as? [String: Any])?["label"] as? String == "billing" })
        let text = try await Undertone.run(["analyze", call])
        #expect(text.stdout.contains("◆ guidance (coach)"))
        #expect(text.stdout.contains("hint [check-understanding]"))
    }
}
