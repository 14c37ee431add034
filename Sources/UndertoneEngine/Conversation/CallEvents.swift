import Foundation

/// Reading and writing call events as JSON lines.
public enum CallEvents {
    /// One decoder for every line: it holds only its (default) options, and making one per line was a measurable part
    /// of reading an event.
    private static let decoder = JSONDecoder()

    /// Decodes one line (one JSON object, no newline needed).
    public static func decode(line: some StringProtocol) throws(CallEventError) -> CallEvent {
        if let quick = decodeQuickly(line: String(line)) { return quick.event }
        return try decode(data: Data(line.utf8), with: decoder)
    }

    /// The common lines read without Foundation's decoder: a flat object of a turn, a call's start (without a history) or
    /// its end that decodes and validates as it is, and its `"seq"` (nil when absent or `null`). Nil for every other line
    /// — another type, a nested value, a field missing or of another type, an event `validate()` refuses, a `"seq"` that
    /// is not an integer — which `decode(line:)` then reads and, where it is wrong, explains. Whatever this returns,
    /// Foundation's decoder returns too (`QuickEventLineTests` compares the two on every field and on mutated lines).
    public static func decodeQuickly(line: String) -> (event: CallEvent, sequence: Int?)? {
        var line = line
        guard let object = line.withUTF8({ FlatJSONObject(utf8: $0) }), object["v"] == .integer(CallEvent.formatVersion),
            case .string(let type)? = object["type"]
        else { return nil }
        let event: CallEvent
        switch type {
        case Turn.eventType:
            guard let turn = Turn(object) else { return nil }
            event = .turn(turn)
        case CallStarted.eventType:
            guard let started = CallStarted(object) else { return nil }
            event = .callStarted(started)
        case CallEnded.eventType:
            guard let ended = CallEnded(object) else { return nil }
            event = .callEnded(ended)
        default:
            return nil
        }
        let sequence: Int?
        switch object["seq"] {
        case nil, .null?: sequence = nil
        case .integer(let value)?: sequence = value
        default: return nil
        }
        return (event, sequence)
    }

    /// Decodes JSON lines: blank lines are skipped (and still counted), a `\r` before a newline is ignored, and the first
    /// bad line stops decoding with `.line(number, reason)`, numbers starting at 1.
    public static func decode(jsonLines: String) throws(CallEventError) -> [CallEvent] {
        var events: [CallEvent] = []
        // Split on the byte: as Characters, "\r\n" is one grapheme and would not match "\n".
        for (index, line) in jsonLines.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) { continue }
            do {
                events.append(try decode(data: Data(line), with: decoder))
            } catch {
                throw .line(index + 1, error)
            }
        }
        return events
    }

    /// Encodes one event as one line: sorted keys, `"v"` and `"type"` included, no trailing newline.
    public static func encode(_ event: CallEvent) -> String {
        // Turns, most of what is logged, and every call's start and end, written directly (`QuickEventLineTests` holds
        // them to the general encoder's bytes).
        switch event {
        case .turn(let turn): return turn.line
        case .callStarted(let started): if let line = started.line { return line }
        case .callEnded(let ended): return ended.line
        default: break
        }
        // Cannot fail: events hold only strings, integers, booleans and finite numbers (non-finite ones are left out).
        return try! SortedJSON.string(event)
    }

    private static func decode(data: Data, with decoder: JSONDecoder) throws(CallEventError) -> CallEvent {
        do {
            return try decoder.decode(CallEvent.self, from: data)
        } catch let error as CallEventError {
            throw error
        } catch {
            throw .invalid("invalid JSON")
        }
    }
}
