import Foundation
import Testing

/// `serve --log-format json`: every log line a JSON object that log pipelines take as it is.
@Suite("undertone serve logs", .serialized)
struct LogFormatTests {
    @Test("--log-format json writes one JSON object a line, with time, level, message and metadata; an unknown format is refused")
    func jsonLines() async throws {
        let binary = try #require(Undertone.binary)
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-logs-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--database", database, "--log-format", "json"]
        var environment = ProcessInfo.processInfo.environment
        environment["UNDERTONE_ADMIN_KEY"] = ServeProcess.adminKey
        environment["LOG_LEVEL"] = "debug"  // every request logged, with its metadata
        process.environment = environment
        // Standard error to a file: a pipe nobody reads while the server runs would fill and stop it mid-line.
        let logFile = database + ".log"
        FileManager.default.createFile(atPath: logFile, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: logFile) }
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let text = try await offThePool {
            var text = ""
            while !text.contains("\n") {
                let chunk = stdout.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }
        let line = try #require(text.split(separator: "\n").first { $0.contains("listening on") })
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
        let server = ServeProcess(process: process, port: port)
        try await server.waitUntilReady()
        let posted = try await server.request("POST", "/v1/events", body: try ServeTests.lines("04").joined(separator: "\n"))
        #expect(posted.status == 200)
        process.terminate()
        process.waitUntilExit()
        let log = try String(contentsOfFile: logFile, encoding: .utf8)
        let lines = log.split(separator: "\n")
        #expect(lines.count >= 3, "\(log)")
        var keys: Set<String> = []
        for line in lines {
            let object = try #require(try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            #expect(object["time"] is String && object["level"] is String && object["message"] is String && object["label"] is String)
            keys.formUnion(object.keys)
        }
        #expect(keys.contains("call.id") || keys.contains("key.id") || keys.contains("hb.request.id"), "metadata as keys: \(keys.sorted())")

        let refused = try await Undertone.run(["serve", "--port", "0", "--database", database + ".refused", "--log-format", "xml"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("log format"))
    }
}
