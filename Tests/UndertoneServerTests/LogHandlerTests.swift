import Foundation
import Logging
import Synchronization
import Testing

@testable import UndertoneServer

/// Lines a handler wrote, kept in order.
private final class CapturedLines: TextOutputStream, Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }

    func write(_ string: String) {
        storage.withLock { lines in
            for line in string.split(separator: "\n", omittingEmptySubsequences: true) { lines.append(String(line)) }
        }
    }
}

@Suite("Log handlers")
struct LogHandlerTests {
    /// The same statements through swift-log's stream handler and ours: the lines must match but for the time.
    @Test("text lines are laid out as swift-log's stream handler lays them out, metadata set before or with the line")
    func textLayout() throws {
        struct Refused: Error, CustomStringConvertible {
            var description: String { "the store refused the write" }
        }
        let theirs = CapturedLines()
        let ours = CapturedLines()
        var loggers = [
            Logger(label: "undertone") { StreamLogHandler(label: $0, stream: theirs, metadataProvider: nil) },
            Logger(label: "undertone") { label in TextLogHandler(label: label) { ours.write($0 + "\n") } },
        ]
        for index in loggers.indices {
            var logger = loggers[index]
            logger.info("plain")
            logger[metadataKey: "key.id"] = "k-1"
            logger[metadataKey: "hb.request.id"] = "42"
            logger.warning("with metadata", metadata: ["call.id": "c-9", "a": .array(["x", "y"]), "nested": ["k": "v"]])
            logger[metadataKey: "key.id"] = nil
            logger.error("with an error", error: Refused(), metadata: ["call.id": "c-9"])
            logger.debug("below the level")
            logger.logLevel = .trace
            logger.trace("now at trace", metadata: ["n": "\(7)"])
            loggers[index] = logger
        }
        let withoutTime = { (lines: [String]) in lines.map { $0.split(separator: " ", maxSplits: 1).dropFirst().joined() } }
        #expect(ours.lines.count == 4)
        #expect(withoutTime(ours.lines) == withoutTime(theirs.lines))
        #expect(
            ours.lines[1].hasSuffix(
                #" warning undertone: a=["x", "y"] call.id=c-9 hb.request.id=42 key.id=k-1 nested=["k": "v"] [UndertoneServerTests] with metadata"#))
        // Local time to the second with its offset.
        let time = try #require(ours.lines.first?.split(separator: " ").first)
        #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}/) != nil)
    }

    @Test("JSON lines: one object a line with the time, level, label, message, source, metadata and error")
    func jsonLines() throws {
        let lines = CapturedLines()
        var logger = Logger(label: "undertone") { label in JSONLogHandler(label: label) { lines.write($0 + "\n") } }
        logger[metadataKey: "key.id"] = "k-1"
        logger.notice("started", metadata: ["calls": ["a", "b"]])
        let line = try #require(lines.lines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "notice")
        #expect(object["label"] as? String == "undertone")
        #expect(object["message"] as? String == "started")
        #expect(object["key.id"] as? String == "k-1")
        #expect(object["calls"] as? [String] == ["a", "b"])
        #expect(object["source"] as? String == "UndertoneServerTests")
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
    }
}
