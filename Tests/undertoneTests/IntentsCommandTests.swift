import Foundation
import Testing

@Suite("undertone intents")
struct IntentsCommandTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-intents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("classify writes id, intent, confidence and top for each line, and names a bad line")
    func classifyShape() async throws {
        let input = [
            #"{"id": "a", "text": "I forgot my password and can't log in"}"#,
            "{not json",
            #"{"id": 7, "text": "zzqx vrpl kwyj"}"#,
        ].joined(separator: "\n")
        let outcome = try await Undertone.run(["intents", "classify", "--top", "2"], input: input)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("line 2: invalid JSON"))
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(first.keys) == ["id", "intent", "confidence", "top"])
        #expect(first["id"] as? String == "a")
        #expect(first["intent"] as? String == "account_access")
        let confidence = try #require(first["confidence"] as? Double)
        #expect((0...1).contains(confidence))
        let top = try #require(first["top"] as? [[Any]])
        #expect(top.count == 2)
        #expect(top[0].count == 2)
        #expect(top[0][0] as? String == "account_access")
        #expect(top[0][1] as? Double == confidence)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["id"] as? Int == 7)
        #expect(second["intent"] as? String == "out_of_scope")
    }

    @Test("train refuses a bad CSV with every bad line's number, exits 1 and writes no model")
    func trainBadInput() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("bad.csv")
        try "text,label\nfine,a\n\"broken,b\nmore\n".write(to: data, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("model.uti")
        let outcome = try await Undertone.run(["intents", "train", "--data", data.path, "--out", model.path])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("line 3"))
        #expect(!FileManager.default.fileExists(atPath: model.path))
        let missing = try await Undertone.run(["intents", "train", "--data", folder.appendingPathComponent("none.csv").path, "--out", model.path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot read"))
    }

    @Test("train writes a model that classify --model then uses")
    func trainThenClassify() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows = ["text,label"]
        for opener in ["will it rain", "what is the forecast", "how cold is it", "is it sunny"] {
            for when in ["tomorrow", "tonight", "this weekend", "on monday", "next week"] { rows.append("\(opener) \(when),weather") }
        }
        for opener in ["play some", "put on", "i want to hear", "turn on"] {
            for what in ["jazz", "rock songs", "my playlist", "the radio", "classical music"] { rows.append("\"\(opener) \(what), please\",music") }
        }
        let data = folder.appendingPathComponent("train.csv")
        try (rows.joined(separator: "\r\n") + "\r\n").write(to: data, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("model.uti")
        let trained = try await Undertone.run(["intents", "train", "--data", data.path, "--out", model.path, "--json"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(trained.stdout.utf8)) as? [String: Any])
        #expect(report["labels"] as? Int == 2)
        #expect(report["examples"] as? Int == 40)
        let input = #"{"id": "x", "text": "is it going to rain tonight"}"# + "\n" + #"{"id": "y", "text": "play jazz"}"# + "\n"
        let outcome = try await Undertone.run(["intents", "classify", "--model", model.path], input: input)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let intents = outcome.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["intent"] as? String
        }
        #expect(intents == ["weather", "music"])
        let broken = try await Undertone.run(["intents", "classify", "--model", data.path], input: input)
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("not an Undertone intent model"))
    }
}
