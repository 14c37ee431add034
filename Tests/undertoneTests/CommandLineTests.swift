import Foundation
import Testing

/// Runs the built `undertone` binary as a user would.
struct Undertone {
    static let binary: URL? = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent("undertone")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary to its end. The waiting happens on a thread of its own: the whole suite runs in parallel on the
    /// cooperative pool (two threads on two cores), and a test blocked in `waitUntilExit` there starves every other one.
    static func run(_ arguments: [String], input: String = "") async throws -> Outcome {
        let binary = try #require(binary, "the undertone binary is built beside the tests")
        return try await offThePool { try runBlocking(binary, arguments, input: input) }
    }

    private static func runBlocking(_ binary: URL, _ arguments: [String], input: String) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

/// Runs blocking work (a child process, a pipe read) on a new thread and waits for it without holding a thread of the
/// cooperative pool.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

@Suite("undertone command line")
struct CommandLineTests {
    @Test("classify answers each good line, names the bad one, and exits non-zero")
    func classifyStream() async throws {
        let input = [
            #"{"id": "a", "text": "This is the third time I'm calling, it's ridiculous"}"#,
            "{broken",
            #"{"id": 3, "text": "thank you so much"}"#,
            "",
        ].joined(separator: "\n")
        let outcome = try await Undertone.run(["classify"], input: input)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("line 2: invalid JSON"))
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["id"] as? String == "a")
        let emotions = try #require(first["emotions"] as? [String: Double])
        #expect(emotions["frustration"]! > emotions["satisfaction"]!)
        let cues = try #require(first["cues"] as? [[String: Any]])
        #expect(cues.contains { $0["kind"] as? String == "repeat_contact" && $0["count"] as? Int == 3 })
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["id"] as? Int == 3)
    }

    @Test("--strict stops at the first bad line; a clean stream exits zero")
    func strictAndClean() async throws {
        let input = #"{"text": "ok"}"# + "\n" + #"{"text": 1}"# + "\n" + #"{"text": "fine"}"# + "\n"
        let strict = try await Undertone.run(["classify", "--strict"], input: input)
        #expect(strict.status == 1)
        #expect(strict.stdout.split(separator: "\n").count == 1)
        #expect(strict.stderr.contains("line 2"))
        let clean = try await Undertone.run(["classify"], input: #"{"id": "x", "text": "fine"}"#)
        #expect(clean.status == 0)
        #expect(clean.stdout.split(separator: "\n").count == 1)
    }

    @Test("classify reads --input and writes --output; a missing file is a clear error")
    func files() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.jsonl")
        let output = directory.appendingPathComponent("out.jsonl")
        try Data((1...50).map { #"{"id": \#($0), "text": "I am worried about payment \#($0)"}"# }.joined(separator: "\n").utf8).write(to: input)
        let outcome = try await Undertone.run(["classify", "--input", input.path, "--output", output.path])
        #expect(outcome.status == 0)
        let written = try String(contentsOf: output, encoding: .utf8)
        #expect(written.split(separator: "\n").count == 50)
        let missing = try await Undertone.run(["classify", "--input", directory.appendingPathComponent("nope").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot open input file"))
    }

    @Test("eval scores a labelled JSON-lines file, typed and in speech form")
    func evalFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("set.jsonl")
        let rows = [
            #"{"id": 1, "text": "This is outrageous, I am furious!", "emotions": ["frustration"], "polarity": "negative"}"#,
            #"{"id": 2, "text": "Thanks a lot, you've been great.", "emotions": ["satisfaction"], "polarity": "positive"}"#,
            #"{"id": 3, "text": "I don't get it, what does that mean?", "emotions": ["confusion"]}"#,
            #"{"id": 4, "text": "I'm terrified the money is gone", "emotions": ["anxiety"], "polarity": "negative"}"#,
        ]
        try Data(rows.joined(separator: "\n").utf8).write(to: file)
        let outcome = try await Undertone.run(["eval", "--file", file.path, "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let sets = try #require(report["sets"] as? [[String: Any]])
        let typed = try #require(sets.first?["typed"] as? [String: Any])
        #expect(typed["emotionRows"] as? Int == 4)
        #expect(typed["polarityRows"] as? Int == 3)
        #expect((typed["polarityAccuracy"] as? Double ?? 0) >= 2.0 / 3.0)
        #expect(sets.first?["speechForm"] is [String: Any])

        try Data(#"{"text": "x", "emotions": ["rage"]}"#.utf8).write(to: file)
        let bad = try await Undertone.run(["eval", "--file", file.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("line 1: unknown emotion"))
    }

    @Test("eval calls scores the example calls against expected.json and USS dialogues by their ratings; bad sets are errors")
    func evalCalls() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let examples = try await Undertone.run(["eval", "calls", root.appendingPathComponent("examples/calls").path])
        #expect(examples.status == 0, "\(examples.stderr)")
        #expect(examples.stdout.contains("call files with expected.json"))
        let held = try #require(examples.stdout.split(separator: "\n").first { $0.hasPrefix("expected outcomes held:") })
        // Every expectation holds but the documented known gaps (expected.json's knownGap), which are named.
        let counts = held.split(separator: " ").dropFirst(3).first?.split(separator: "/").compactMap { Int($0) } ?? []
        let gaps = held.firstMatch(of: /known gaps, each explained in expected.json: (.*)\)/).map { $0.1.split(separator: ", ").count } ?? 0
        #expect(counts.count == 2 && counts[0] + gaps == counts[1], "\(held)")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-evalcalls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dialogues = directory.appendingPathComponent("dialogues.txt")
        try Data(
            [
                "SYSTEM\tWhat can I do for you?\t\t", "USER\tI need my parcel redelivered on Friday.\t\t3,3,3",
                "SYSTEM\tI can redeliver it on Monday.\t\t", "USER\tNo, I said Friday. Friday.\t\t2,1,1",
                "SYSTEM\tMonday is the earliest.\t\t", "USER\tForget it, this is pointless.\t\t1,1,1", "USER\tOVERALL\t\t1,1,2",
                "SYSTEM\tHello!\t\t", "USER\tCan you check my balance?\t\t4,4,4", "SYSTEM\tIt is 42 pounds.\t\t",
                "USER\tGreat, thanks.\t\t5,5,5", "USER\tOVERALL\t\t5,5,4",
            ].joined(separator: "\n").utf8
        ).write(to: dialogues)
        let outcome = try await Undertone.run(["eval", "calls", dialogues.path, "--json", "--details"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let set = try #require((report["sets"] as? [[String: Any]])?.first)
        #expect(set["troubled"] as? Int == 1 && set["calm"] as? Int == 1)
        let tiers = try #require(set["tiers"] as? [[String: Any]])
        #expect(tiers.map { $0["tier"] as? String } == ["coach", "supervisor", "manager"])
        #expect(tiers[0]["caught"] as? Int == 1, "the corrected, abandoned request alerts")
        #expect(tiers[0]["falseAlarms"] as? Int == 0, "the thanked balance check does not")
        #expect((set["outcomes"] as? [[String: Any]])?.count == 2)

        try Data("USER\thi\t\t7\n".utf8).write(to: dialogues)
        let bad = try await Undertone.run(["eval", "calls", dialogues.path])
        #expect(bad.status != 0 && bad.stderr.contains("line 1: a rating must be a number from 1 to 5"))
        let unlabelled = try await Undertone.run(["eval", "calls", directory.path])
        #expect(unlabelled.status != 0 && unlabelled.stderr.contains("needs expected.json"))
    }
}

@Suite("undertone call commands")
struct CallCommandTests {
    static func temporaryFile(_ name: String, _ contents: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-calls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }

    static let angryCall = [
        #"{"v":1,"type":"call_started","call":"c9","at":0,"channel":"voice","customer":"x","queue":"billing","language":"en"}"#,
        #"{"v":1,"type":"turn","call":"c9","at":4000,"utterance":"u1","speaker":"customer","text":"this is ridiculous im so angry"}"#,
        #"{"v":1,"type":"turn","call":"c9","at":9000,"utterance":"u2","speaker":"customer","text":"im cancelling my account today"}"#,
    ].joined(separator: "\n")

    @Test("analyze --json prints signals and decisions with reasons")
    func analyzeJSON() async throws {
        let call = try Self.temporaryFile("call.jsonl", Self.angryCall)
        let outcome = try await Undertone.run(["analyze", call.path, "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let objects = outcome.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.filter { $0["type"] as? String == "signal" }.count == 2)
        let decisions = objects.filter { $0["type"] as? String == "decision" }
        #expect(decisions.contains { $0["tier"] as? String == "manager" && $0["rule"] as? String == "cancel-threat" })
        #expect(decisions.allSatisfy { ($0["reasons"] as? [Any])?.isEmpty == false })
    }

    @Test("analyze names the bad line of a call file; replay compares two policies")
    func badCallAndReplay() async throws {
        let bad = try Self.temporaryFile("bad.jsonl", Self.angryCall + "\n" + #"{"v":1,"type":"turn","call":"c9","at":-5}"#)
        let outcome = try await Undertone.run(["analyze", bad.path])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("line 4"))

        let call = try Self.temporaryFile("call.jsonl", Self.angryCall)
        let quiet = try Self.temporaryFile(
            "quiet.yaml",
            """
            name: quiet
            version: 1
            rules:
              - id: only-legal
                tier: manager
                when:
                  any:
                    - cue: legal_threat
            """)
        let replay = try await Undertone.run(["replay", "--policy", quiet.path, call.path])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("CHANGED"))
        #expect(replay.stdout.contains("quiet: no alerts"))
    }

    @Test("policy check passes the presets and names the line of a mistake")
    func policyCheck() async throws {
        let bad = try Self.temporaryFile(
            "bad.yaml",
            """
            name: broken
            version: 1
            rules:
              - id: x
                tier: boss
                when:
                  any:
                    - stress: { above: 0.5 }
            """)
        let outcome = try await Undertone.run(["policy", "check", bad.path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("bad.yaml:5:"))
        #expect(outcome.stdout.contains("unknown tier"))
        let shown = try await Undertone.run(["policy", "show", "banking"])
        let good = try Self.temporaryFile("banking.yaml", shown.stdout)
        let ok = try await Undertone.run(["policy", "check", good.path])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("ok"))
    }
}
