import ArgumentParser
import Foundation
import UndertoneEngine

/// Reads a file or stdin line by line in large chunks; lines are split on "\n" (a trailing "\r" is kept for the parser).
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(path: String?) throws {
        if let path {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CommandFailure("cannot open input file \(path)") }
            self.handle = handle
        } else {
            handle = FileHandle.standardInput
        }
    }

    func next() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            buffer.removeSubrange(0..<start)
            start = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}

/// Writes lines to a file or stdout through a buffer.
final class LineWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw CommandFailure("cannot create output file \(path)")
            }
            self.handle = handle
        } else {
            handle = FileHandle.standardOutput
        }
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

func standardError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Which text model to use: the bundled one unless a weight file is named.
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("model"), help: "A text-model weight file (default: the one shipped with the engine).")
    var modelPath: String?

    func load() throws -> TextModel {
        do {
            if let modelPath { return try TextModel(contentsOf: URL(fileURLWithPath: modelPath)) }
            return try TextModel.bundled()
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

/// A command that could not do its work (a missing file, a malformed input): printed as `Error: …`, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Reads `{"id","text"}` JSON lines from `input` (stdin when nil) and writes one answer line each to `output` (stdout
/// when nil). A malformed line is reported on stderr as `command: line N: reason` and skipped (with `strict`, the first
/// one stops the run); any rejected line makes the exit status 1 at the end.
func answerEachLine(input: String?, output: String?, strict: Bool, command: String, _ answer: (ClassifyRequest) throws -> String) throws {
    let reader = try LineReader(path: input)
    let writer = try LineWriter(path: output)
    var rejected = 0
    var lineNumber = 0
    while let line = reader.next() {
        lineNumber += 1
        if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
        do {
            writer.write(try answer(try ClassifyRequest.parse(line, lineNumber: lineNumber)))
        } catch {
            rejected += 1
            standardError("\(command): \(error)")
            if strict {
                writer.flush()
                throw ExitCode(1)
            }
        }
    }
    writer.flush()
    if rejected > 0 {
        standardError("\(command): \(rejected) of \(lineNumber) lines rejected")
        throw ExitCode(1)
    }
}
