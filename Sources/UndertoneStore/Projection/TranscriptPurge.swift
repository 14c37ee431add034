import Foundation
import UndertoneEngine

/// Retention: what a purged entry looks like. Turns keep their ids, speakers and times but lose their words; signals
/// keep their scores, cues and stress but lose the words their explanations quote.
enum TranscriptPurge {
    /// Log entry types a purge rewrites.
    static let eventType = Turn.eventType
    static let outputType = "signal"

    /// The body with its words blanked, re-encoded as the engine encodes it; nil when there is nothing left to blank or
    /// the body cannot be read (an unreadable body is left as it is).
    static func blanked(kind: LogEntryKind, body: String) -> String? {
        switch kind {
        case .event:
            guard case .turn(var turn) = try? CallEvents.decode(line: body), !turn.text.isEmpty else { return nil }
            turn.text = ""
            return CallEvents.encode(.turn(turn))
        case .output:
            guard case .signal(var signal) = try? JSONDecoder().decode(EngineOutput.self, from: Data(body.utf8)), !signal.explanations.isEmpty
            else { return nil }
            signal.explanations = []
            return encode(.signal(signal))
        }
    }

    /// Engine outputs as the command line writes them: one line, sorted keys.
    static func encode(_ output: EngineOutput) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(output)).map { String(decoding: $0, as: UTF8.self) }
    }
}
