import Foundation
import Testing

@Suite("undertone scorecard")
struct ScorecardCommandTests {
    @Test("scores an example call with the default scorecard, readable and as JSON")
    func exampleCall() async throws {
        let call = "examples/calls/09-healthcare-anxious-patient.jsonl"
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../\(call)").standardizedFileURL.path
        let outcome = try await Undertone.run(["scorecard", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("call c-20240614-0131 · scorecard default · score 89% (80 of 90 points)"))
        #expect(outcome.stdout.contains("PASS  hold-etiquette"))
        #expect(outcome.stdout.contains("u-11 agent  \"thank you for waiting the clinic say your …\"  (thanks after the hold at 1:18)"))

        let json = try await Undertone.run(["scorecard", "--json", path, path])
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(result["callID"] as? String == "c-20240614-0131")
        #expect(result["score"] as? Double != nil)
        let items = try #require(result["items"] as? [[String: Any]])
        #expect(items.count == 8)
        #expect(items.first?["outcome"] as? String == "pass")
    }

    @Test("a custom scorecard is used; a broken one is rejected with FILE:LINE:COLUMN; a bad call file exits 1")
    func customAndBroken() async throws {
        let reply = #"{"v":1,"type":"turn","call":"c9","at":12000,"utterance":"u3","speaker":"agent","text":"let me look at the account"}"#
        let call = try CallCommandTests.temporaryFile("call.jsonl", CallCommandTests.angryCall + "\n" + reply)
        let card = try CallCommandTests.temporaryFile(
            "card.yaml", "name: mini\nversion: 1\nitems:\n  - { id: calm, kind: empathy, weight: 3, phrases: [sorry], triggers: [angry] }\n")
        let outcome = try await Undertone.run(["scorecard", call.path, "--scorecard", card.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("scorecard mini · score 0% (0 of 3 points)"))
        #expect(outcome.stdout.contains("FAIL  calm"))

        let broken = try CallCommandTests.temporaryFile(
            "broken.yaml", "name: b\nversion: 1\nitems:\n  - { id: x, kind: closing, weight: 1, lastTurns: 0 }\n")
        let rejected = try await Undertone.run(["scorecard", call.path, "--scorecard", broken.path])
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("broken.yaml:4:"))
        #expect(rejected.stderr.contains("\"lastTurns\" must be from 1 to 50, not 0"))
        #expect(rejected.stdout.isEmpty)

        let badCall = try CallCommandTests.temporaryFile("bad.jsonl", "{\"v\":1}\n")
        let failed = try await Undertone.run(["scorecard", badCall.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("bad.jsonl: line 1"))
    }
}
