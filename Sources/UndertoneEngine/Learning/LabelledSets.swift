import Foundation

/// Reading labelled sets for evaluation: GoEmotions' TSV files and Undertone's labelled JSON lines.
public enum LabelledSets {
    /// GoEmotions' fine labels mapped onto the taxonomy (DESIGN.md); surprise, curiosity, realization and desire map
    /// to none.
    public static let goEmotionsTaxonomy: [String: Emotion] = {
        let groups: [Emotion: String] = [
            .frustration: "anger annoyance disapproval disgust",
            .confusion: "confusion",
            .anxiety: "fear nervousness",
            .sadness: "sadness disappointment grief remorse embarrassment",
            .satisfaction: "gratitude joy approval relief admiration love optimism caring amusement excitement pride",
            .neutral: "neutral",
        ]
        var map: [String: Emotion] = [:]
        for (emotion, names) in groups {
            for name in names.split(separator: " ") { map[String(name)] = emotion }
        }
        return map
    }()

    /// Parses a GoEmotions split: `emotions.txt` (one name a line), the split's TSV (text, label ids, comment id) and
    /// the same rows from `group/` (0 ambiguous, 1 negative, 2 neutral, 3 positive). A row's polarity is negative when
    /// it has a negative group and no positive one, positive the other way round, neutral when neutral is its only
    /// group, and none otherwise.
    public static func goEmotions(emotionNames: String, split: String, groups: String) throws(LabelledSetError) -> [LabelledText] {
        let names = emotionNames.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = split.split(separator: "\n", omittingEmptySubsequences: true)
        let groupRows = groups.split(separator: "\n", omittingEmptySubsequences: true)
        guard rows.count == groupRows.count else {
            throw .mismatch("the split has \(rows.count) rows but group/ has \(groupRows.count)")
        }
        var result: [LabelledText] = []
        result.reserveCapacity(rows.count)
        for (index, (row, groupRow)) in zip(rows, groupRows).enumerated() {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            let groupFields = groupRow.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, groupFields.count >= 2 else { throw .malformed(line: index + 1, "expected text TAB labels") }
            var emotions = Set<Emotion>()
            for id in fields[1].split(separator: ",") {
                guard let number = Int(id), names.indices.contains(number) else { throw .malformed(line: index + 1, "unknown label id \(id)") }
                if let emotion = goEmotionsTaxonomy[names[number]] { emotions.insert(emotion) }
            }
            let groupIds = Set(groupFields[1].split(separator: ",").compactMap { Int($0) })
            let polarity: Polarity?
            if groupIds.contains(1) && !groupIds.contains(3) {
                polarity = .negative
            } else if groupIds.contains(3) && !groupIds.contains(1) {
                polarity = .positive
            } else if groupIds == [2] {
                polarity = .neutral
            } else {
                polarity = nil
            }
            let id = fields.count > 2 ? String(fields[2]) : String(index + 1)
            result.append(LabelledText(id: id, text: String(fields[0]), emotions: emotions, polarity: polarity))
        }
        return result
    }

    /// Parses labelled JSON lines: `{"id": "…", "text": "…", "emotions": ["frustration", …], "polarity": "negative"}`;
    /// `emotions` may be empty (the row then counts for polarity only) and `polarity` may be absent or null.
    public static func jsonLines(_ contents: String) throws(LabelledSetError) -> [LabelledText] {
        var result: [LabelledText] = []
        for (index, line) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let number = index + 1
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                throw .malformed(line: number, "not a JSON object")
            }
            guard let text = object["text"] as? String else { throw .malformed(line: number, "missing \"text\" string") }
            var emotions = Set<Emotion>()
            if let names = object["emotions"] {
                guard let list = names as? [String] else { throw .malformed(line: number, "\"emotions\" must be a list of names") }
                for name in list {
                    guard let emotion = Emotion(rawValue: name) else { throw .malformed(line: number, "unknown emotion \"\(name)\"") }
                    emotions.insert(emotion)
                }
            }
            var polarity: Polarity?
            if let value = object["polarity"], !(value is NSNull) {
                guard let name = value as? String, let parsed = Polarity(rawValue: name) else {
                    throw .malformed(line: number, "\"polarity\" must be negative, neutral or positive")
                }
                polarity = parsed
            }
            let id = (object["id"]).map { "\($0)" } ?? String(number)
            result.append(LabelledText(id: id, text: text, emotions: emotions, polarity: polarity))
        }
        return result
    }
}

public enum LabelledSetError: Error, Equatable, CustomStringConvertible {
    case malformed(line: Int, String)
    case mismatch(String)

    public var description: String {
        switch self {
        case .malformed(let line, let why): "line \(line): \(why)"
        case .mismatch(let why): why
        }
    }
}
