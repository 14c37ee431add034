import Foundation
import UndertoneEngine

/// The text of every turn in the project's example calls and dialogues (`examples/`): real-looking turns for tests that
/// hold a fast reader to the one it replaced.
enum ExampleTurns {
    static func texts() throws -> [String] {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var texts: [String] = []
        for folder in ["examples/calls", "examples/dialogues"] {
            let directory = repository.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".jsonl") {
                let events = try CallEvents.decode(jsonLines: String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
                for case .turn(let turn) in events { texts.append(turn.text) }
            }
        }
        return texts
    }
}
