import Foundation
import Logging

/// Log lines as text, one a line — `time level label: key=value … [source] message`, the layout of swift-log's own
/// stream handler, which `undertone serve` used before (`--log-format text`, the default). Unlike that handler, setting
/// metadata only stores it; the text is made when a line is written. Every request's logger gets a request id and
/// its key's id, and few requests write a line: the stream handler rendered its whole metadata again on each set, about
/// 2% of the server's time on REST ingest (`perf record` during `scripts/wrk-ingest.sh`).
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let write: @Sendable (String) -> Void

    /// Writes each line (without its newline) through `write`.
    public init(label: String, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.write = write
    }

    /// Writes to standard output, whole lines at a time.
    public static func standardOutput(label: String) -> TextLogHandler {
        TextLogHandler(label: label) { line in StandardLines.output.write(line) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let added = event.metadata { fields.merge(added) { _, added in added } }
        if let error = event.error {
            fields["error.message"] = "\(error)"
            fields["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let message = "\(event.message)"
        write(Self.line(time: Self.timestamp(), level: event.level, label: label, metadata: fields, source: event.source, message: message))
    }

    /// One line: the metadata sorted by key, each `key=value`.
    static func line(time: String, level: Logger.Level, label: String, metadata: Logger.Metadata, source: String, message: String) -> String {
        var line = "\(time) \(level)\(label.isEmpty ? "" : " ")\(label):"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " [\(source)] \(message)"
        return line
    }

    /// Local time to the second with its UTC offset, `2026-12-06T11:55:44+0000`.
    static func timestamp() -> String {
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
