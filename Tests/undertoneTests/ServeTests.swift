import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `undertone serve` as a process: started, fed, killed with SIGKILL mid-call, started again.
struct ServeProcess {
    static let adminKey = "ut_serve_test_admin_key_42"
    let process: Process
    let port: Int

    /// Starts `serve`; with `launcher`, through it (`taskset -c 0`, say), which runs the binary as its last argument.
    static func start(database: String, arguments extra: [String] = [], launcher: [String] = []) async throws -> ServeProcess {
        let binary = try #require(Undertone.binary, "the undertone binary is built beside the tests")
        let process = Process()
        let serve = ["serve", "--port", "0", "--database", database] + extra
        if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = launcher.dropFirst() + [binary.path] + serve
        } else {
            process.executableURL = binary
            process.arguments = serve
        }
        var environment = ProcessInfo.processInfo.environment
        environment["UNDERTONE_ADMIN_KEY"] = adminKey
        environment["LOG_LEVEL"] = "error"
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = stdout.fileHandleForReading
        let text = try await offThePool {
            var text = ""
            while !text.contains("\n") {
                let chunk = output.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }
        let line = try #require(text.split(separator: "\n").first { $0.contains("listening on") }, "the server printed its address: \(text)")
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
        return ServeProcess(process: process, port: port)
    }

    func request(_ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, body: [String: Any]) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(Self.adminKey)", forHTTPHeaderField: "Authorization")
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
    }

    func waitUntilReady() async throws {
        for _ in 0..<1_500 {
            if let (status, _) = try? await request("GET", "/readyz"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the server never became ready")
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

@Suite("undertone serve", .serialized)
struct ServeTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The example call's events, one JSON line each with a sequence number.
    static func lines(_ prefix: String) throws -> [String] {
        let directory = repository.appendingPathComponent("examples/calls")
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasPrefix(prefix) && $0.hasSuffix(".jsonl") })
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.isEmpty }.enumerated().map { "{\"seq\":\($0.offset + 1)," + $0.element.dropFirst() }
    }

    static func rules(_ body: [String: Any]) -> [String] {
        (body["outputs"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "decision" }.compactMap { $0["rule"] as? String }
    }

    @Test("kill -9 mid-call, restart: nothing acknowledged is lost and the call goes on with the same state")
    func crashRecovery() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-crash-\(UUID().uuidString).sqlite").path
        let lines = try Self.lines("04")
        let half = lines.count / 2

        // The reference: the whole call through one server that never stops.
        let steady = try await ServeProcess.start(database: database + ".steady")
        try await steady.waitUntilReady()
        let reference = try await steady.request("POST", "/v1/events", body: lines.joined(separator: "\n"))
        steady.kill()
        #expect(reference.status == 200)
        let expected = Self.rules(reference.body)
        #expect(!expected.isEmpty)

        // The same call, with the server killed half-way.
        let first = try await ServeProcess.start(database: database)
        try await first.waitUntilReady()
        let before = try await first.request("POST", "/v1/events", body: lines[..<half].joined(separator: "\n"))
        #expect(before.status == 200)
        first.kill()

        let second = try await ServeProcess.start(database: database)
        defer { second.kill() }
        try await second.waitUntilReady()
        // The client resends from the last batch it is unsure of: the overlap is acknowledged, not processed again.
        let after = try await second.request("POST", "/v1/events", body: lines[(half - 2)...].joined(separator: "\n"))
        #expect(after.status == 200)
        #expect(after.body["duplicates"] as? Int == 2)
        #expect(Self.rules(before.body) + Self.rules(after.body) == expected)
        let callID = try #require((reference.body["calls"] as? [String: Any])?.keys.first)
        let detail = try await second.request("GET", "/v1/calls/\(callID)")
        #expect((detail.body["call"] as? [String: Any])?["status"] as? String == "ended")
        #expect(
            (detail.body["call"] as? [String: Any])?["customerTurns"] as? Int
                == lines.filter { $0.contains("\"speaker\":\"customer\"") && !$0.contains("\"final\":false") }.count)
    }

    @Test("follow-up owner and due time and webhook attempts come from flags; bad values, from flags or the config file, are refused")
    func followUpAndWebhookSettings() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-settings-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } }
        let server = try await ServeProcess.start(
            database: database, arguments: ["--follow-up-owner", "care-team", "--follow-up-due", "2h", "--webhook-attempts", "3"])
        defer { server.kill() }
        try await server.waitUntilReady()
        let (status, _) = try await server.request("POST", "/v1/events", body: try Self.lines("04").joined(separator: "\n"))
        #expect(status == 200)
        let listed = try await server.request("GET", "/v1/follow-ups")
        let followUp = try #require((listed.body["followUps"] as? [[String: Any]])?.first, "call 04's manager escalation made one")
        #expect(followUp["owner"] as? String == "care-team")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parse = { (value: Any?) in (value as? String).flatMap { formatter.date(from: $0) ?? ISO8601DateFormatter().date(from: $0) } }
        let due = try #require(parse(followUp["due"])), created = try #require(parse(followUp["createdAt"]))
        #expect(abs(due.timeIntervalSince(created) - 7_200) < 1, "due 2 h after it was made")

        let config = database + ".yaml"
        try "followUpDue: soon\n".write(toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        for arguments in [
            ["--follow-up-due", "0m"], ["--follow-up-due", "24"], ["--webhook-attempts", "0"], ["--webhook-timeout", "10 minutes"],
            ["--follow-up-owner", " "], ["--config", config],
        ] {
            let outcome = try await Undertone.run(["serve", "--port", "0", "--database", database + ".refused"] + arguments)
            #expect(outcome.status != 0, "\(arguments) is refused")
            #expect(
                outcome.stderr.contains("follow-up") || outcome.stderr.contains("webhook"),
                "the message names the setting: \(outcome.stderr)")
        }
    }

    @Test("commit delays out of range or unreadable, from flags or the config file, are refused with the setting named")
    func commitDelaysRefused() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-delays-\(UUID().uuidString).sqlite").path
        let config = database + ".yaml"
        try "maxCommitDelay: 1s\n".write(toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        for arguments in [
            ["--commit-delay", "101ms"], ["--max-commit-delay", "500ms"], ["--max-commit-delay", "soon"], ["--config", config],
        ] {
            let outcome = try await Undertone.run(["serve", "--port", "0", "--database", database] + arguments)
            #expect(outcome.status != 0, "\(arguments) is refused")
            #expect(outcome.stderr.contains("commit delay"), "the message names the setting: \(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: database), "nothing was opened")
    }

    @Test("serve --transcriber whisper without the installation stops at once and says what is missing and how to install it")
    func transcriberMissing() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-speech-\(UUID().uuidString).sqlite").path
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-speech-\(UUID().uuidString)").path
        let outcome = try await Undertone.run(["serve", "--port", "0", "--database", database, "--transcriber", "whisper", "--speech-dir", missing])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("libwhisper.so.1") && outcome.stderr.contains("scripts/install-speech.sh"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: database), "refused before the store is opened")
        let unknown = try await Undertone.run(["serve", "--port", "0", "--database", database, "--transcriber", "vosk"])
        #expect(unknown.status != 0 && unknown.stderr.contains("none, auto, whisper or openai"))
        let noURL = try await Undertone.run(["serve", "--port", "0", "--database", database, "--transcriber", "openai"])
        #expect(noURL.status != 0 && noURL.stderr.contains("--transcriber-url"))
        let noMultilingual = try await Undertone.run(
            ["serve", "--port", "0", "--database", database, "--transcriber", "whisper", "--speech-dir", missing, "--speech-model", "base"])
        #expect(noMultilingual.status != 0 && noMultilingual.stderr.contains("install-speech.sh --multilingual"), "\(noMultilingual.stderr)")
        let badModel = try await Undertone.run([
            "serve", "--port", "0", "--database", database, "--transcriber", "whisper", "--speech-model", "large",
        ])
        #expect(badModel.status != 0 && badModel.stderr.contains("auto, tiny.en, base"), "\(badModel.stderr)")
    }

    @Test(
        "serve pinned to one processor (taskset) runs its connections on one event-loop thread, not one per processor of the machine",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset")))
    func eventLoopsFollowAffinity() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-loops-\(UUID().uuidString).sqlite").path
        let server = try await ServeProcess.start(database: database, launcher: ["/usr/bin/taskset", "-c", "0"])
        defer { server.kill() }
        try await server.waitUntilReady()
        #expect(try await server.request("GET", "/healthz").status == 200)
        // NIO names the threads of its shared group NIO-SGLTN-…; the store's own threads are named apart.
        let tasks = "/proc/\(server.process.processIdentifier)/task"
        let names = try FileManager.default.contentsOfDirectory(atPath: tasks).map { task in
            (try? String(contentsOfFile: "\(tasks)/\(task)/comm", encoding: .utf8)) ?? ""
        }
        #expect(names.filter { $0.hasPrefix("NIO-SGLTN") }.count == 1, "threads: \(names.sorted())")
    }
}
