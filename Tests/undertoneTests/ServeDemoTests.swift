import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("undertone serve --demo", .serialized)
struct ServeDemoTests {
    @Test("prints the dashboard address and an admin key, the simulated calls arrive, Ctrl-C stops it cleanly")
    func demo() async throws {
        let binary = try #require(Undertone.binary, "the undertone binary is built beside the tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--demo", "--port", "0", "--demo-calls", "4", "--demo-speed", "20"]
        var environment = ProcessInfo.processInfo.environment
        environment["LOG_LEVEL"] = "error"
        environment["UNDERTONE_ADMIN_KEY"] = nil
        environment["UNDERTONE_DATABASE"] = nil
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let output = stdout.fileHandleForReading
        let text = try await offThePool {
            var text = ""
            while !(text.contains("Dashboard: ") && text.contains("API key: ") && text.filter({ $0 == "\n" }).count >= 2) {
                let chunk = output.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }
        let lines = text.split(separator: "\n").map(String.init)
        let dashboard = try #require(lines.first { $0.hasPrefix("Dashboard: ") }, "printed: \(text)")
        let keyLine = try #require(lines.first { $0.hasPrefix("API key: ") }, "printed: \(text)")
        #expect(dashboard.wholeMatch(of: /Dashboard: http:\/\/127\.0\.0\.1:\d+\//) != nil, "\(dashboard)")
        let key = String(keyLine.dropFirst("API key: ".count))
        #expect(key.wholeMatch(of: /ut_[A-Za-z0-9_-]{43}/) != nil, "a key in the format of APIKey.generate: \(key)")
        let base = String(dashboard.dropFirst("Dashboard: ".count))

        // The printed key signs in, and the simulated calls show up.
        var seen = 0
        for _ in 0..<300 where seen == 0 {
            try await Task.sleep(for: .milliseconds(100))
            var request = URLRequest(url: URL(string: base + "v1/calls")!)
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
            guard let (data, response) = try? await URLSession.shared.data(for: request), (response as? HTTPURLResponse)?.statusCode == 200 else {
                continue
            }
            let calls = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["calls"] as? [[String: Any]] ?? []
            seen = calls.filter { ($0["callID"] as? String)?.hasPrefix("demo-") == true }.count
        }
        #expect(seen > 0, "simulated calls arrived through the ingest")

        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "Ctrl-C stops the demo")
        if !process.isRunning { #expect(process.terminationStatus == 0) }
    }

    @Test("bad demo settings are refused with a message and a non-zero exit")
    func badSettings() async throws {
        let speed = try await Undertone.run(["serve", "--demo", "--demo-speed", "0"])
        #expect(speed.status != 0)
        #expect(speed.stderr.contains("demo speed"))
        let mix = try await Undertone.run(["serve", "--demo", "--demo-mix", "voice=1,fax=2"])
        #expect(mix.status != 0)
        #expect(mix.stderr.contains("fax"))
        let key = try await Undertone.run(["serve", "--demo", "--key", "secret"])
        #expect(key.status != 0)
        #expect(key.stderr.contains("--key"))
    }
}
