import Foundation
import UndertoneEngine

/// Retention: what a purged entry looks like. Turns keep their ids, speakers and times but lose their words. Engine
/// outputs and the hand-off and follow-up entries keep their scores, kinds, tiers and times but lose every word of the
/// call they quote: a signal's explanations and its cues' text, the quoted words in a decision's reasons
/// (`cue abuse ("…")` becomes `cue abuse ("")`), and the lines of a hand-off packet (what the customer said, promises,
/// what was tried, cues).
enum TranscriptPurge {
    /// Log entry types a purge rewrites.
    static let eventType = Turn.eventType
    static let outputTypes = ["signal", "decision", "handoff", "follow_up"]

    /// The body with its words blanked; nil when there is nothing left to blank or the body cannot be read (an
    /// unreadable body is left as it is).
    static func blanked(kind: LogEntryKind, body: String) -> String? {
        switch kind {
        case .event:
            guard case .turn(var turn) = try? CallEvents.decode(line: body), !turn.text.isEmpty else { return nil }
            turn.text = ""
            return CallEvents.encode(.turn(turn))
        case .output:
            return blankedJSON(body)
        }
    }

    /// Any JSON text (an output's body, a follow-up's packet) with the words blanked; nil when nothing changed.
    static func blankedJSON(_ text: String) -> String? {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return nil }
        let (blanked, changed) = blankWords(value)
        guard changed,
            let data = try? JSONSerialization.data(withJSONObject: blanked, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Walks a JSON value: every `text` string becomes empty, every `explanations` list empty, and every quotation in an
    /// `observed` string empty. Returns the value and whether anything changed.
    static func blankWords(_ value: Any) -> (Any, Bool) {
        if let object = value as? [String: Any] {
            var result = object
            var changed = false
            for (key, member) in object {
                switch (key, member) {
                case ("text", let text as String) where !text.isEmpty:
                    result[key] = ""
                    changed = true
                case ("explanations", let list as [Any]) where !list.isEmpty:
                    result[key] = [Any]()
                    changed = true
                case ("observed", let observed as String):
                    let unquoted = unquote(observed)
                    if unquoted != observed {
                        result[key] = unquoted
                        changed = true
                    }
                default:
                    let (inner, innerChanged) = blankWords(member)
                    if innerChanged {
                        result[key] = inner
                        changed = true
                    }
                }
            }
            return (result, changed)
        }
        if let list = value as? [Any] {
            var changed = false
            let result = list.map { member -> Any in
                let (inner, innerChanged) = blankWords(member)
                changed = changed || innerChanged
                return inner
            }
            return (result, changed)
        }
        return (value, false)
    }

    /// `cue abuse ("you're useless")` → `cue abuse ("")`: the words inside straight or curly double quotes removed.
    static func unquote(_ text: String) -> String {
        var result = ""
        var closing: Character?
        for character in text {
            if let end = closing {
                if character == end {
                    result.append(character)
                    closing = nil
                }
            } else {
                result.append(character)
                if character == "\"" { closing = "\"" } else if character == "“" { closing = "”" }
            }
        }
        return result
    }
}
