import Foundation
import Logging
import Synchronization

/// Log lines as JSON objects, one a line — what log pipelines (Loki, Elasticsearch, CloudWatch, Datadog) take without a
/// parsing rule: `{"time","level","label","message", …metadata}`, with metadata keys as they are (`call.id`, `key.id`)
/// and nested metadata as JSON objects and arrays. `undertone serve --log-format json` installs it.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let write: @Sendable (String) -> Void

    /// Writes each line (without its newline) through `write`.
    public init(label: String, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.write = write
    }

    /// Writes to standard error, whole lines at a time.
    public static func standardError(label: String) -> JSONLogHandler {
        JSONLogHandler(label: label) { line in
            StandardLines.error.write(line)
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: Any] = [:]
        for (key, value) in metadata { fields[key] = Self.json(value) }
        for (key, value) in event.metadata ?? [:] { fields[key] = Self.json(value) }
        fields["time"] = Self.timestamp(Date())
        fields["level"] = event.level.rawValue
        fields["label"] = label
        fields["message"] = event.message.description
        fields["source"] = event.source
        if let error = event.error { fields["error"] = String(reflecting: error) }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        write(String(decoding: data, as: UTF8.self))
    }

    static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(json)
        case .dictionary(let fields): fields.mapValues(json)
        }
    }

    /// ISO 8601 in UTC to the millisecond.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// Standard output or error shared by every handler: one line written at a time, so lines from concurrent tasks never
/// interleave.
final class StandardLines: Sendable {
    static let output = StandardLines(FileHandle.standardOutput)
    static let error = StandardLines(FileHandle.standardError)

    private let handle: Mutex<FileHandle>

    private init(_ handle: FileHandle) {
        self.handle = Mutex(handle)
    }

    func write(_ line: String) {
        handle.withLock { $0.write(Data((line + "\n").utf8)) }
    }
}
