import Foundation

/// One line of `undertone classify`'s input: `{"id": …, "text": "…"}`.
public struct ClassifyRequest: Sendable, Equatable {
    /// The id as the caller wrote it, re-encoded as JSON (a string or a number), so it round-trips untouched.
    public var idJSON: String
    public var text: String

    /// Parses one JSON line; `lineNumber` becomes the id when the line has none.
    public static func parse(_ line: some StringProtocol, lineNumber: Int) throws(ClassifyLineError) -> ClassifyRequest {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw ClassifyLineError(line: lineNumber, reason: "expected a JSON object")
            }
            object = parsed
        } catch let error as ClassifyLineError {
            throw error
        } catch {
            throw ClassifyLineError(line: lineNumber, reason: "invalid JSON")
        }
        guard let textValue = object["text"] else { throw ClassifyLineError(line: lineNumber, reason: "missing \"text\"") }
        guard let text = textValue as? String else { throw ClassifyLineError(line: lineNumber, reason: "\"text\" must be a string") }
        let idJSON: String
        switch object["id"] {
        case nil, is NSNull: idJSON = String(lineNumber)
        case let id as String: idJSON = JSONText.quoted(id)
        case let id as NSNumber: idJSON = id.stringValue
        default: throw ClassifyLineError(line: lineNumber, reason: "\"id\" must be a string or a number")
        }
        return ClassifyRequest(idJSON: idJSON, text: text)
    }
}

/// A rejected input line: its number and why.
public struct ClassifyLineError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

extension TextSignal {
    /// The stable output line of `undertone classify` (DESIGN.md's contract), without a trailing newline.
    public func classifyJSON(idJSON: String, cues: [Cue] = []) -> String {
        var out = "{\"id\":"
        out.reserveCapacity(320)
        out += idJSON
        out += ",\"polarity\":{\"negative\":\(JSONText.probability(polarity.negative)),\"neutral\":\(JSONText.probability(polarity.neutral)),"
        out += "\"positive\":\(JSONText.probability(polarity.positive))},\"emotions\":{"
        for (index, emotion) in Emotion.allCases.enumerated() {
            if index > 0 { out += "," }
            out += "\"\(emotion.rawValue)\":\(JSONText.probability(emotions[emotion]))"
        }
        out += "},\"detected\":["
        out += detected.map { "\"\($0.rawValue)\"" }.joined(separator: ",")
        out += "],\"cues\":["
        out += cues.map { cue in
            var item = "{\"kind\":\"\(cue.kind.rawValue)\",\"text\":\(JSONText.quoted(cue.text)),\"conditional\":\(cue.conditional)"
            if let count = cue.count { item += ",\"count\":\(count)" }
            return item + "}"
        }.joined(separator: ",")
        out += "],\"explain\":["
        out += explanations.map { item in
            "{\"label\":\(JSONText.quoted(item.output)),\"text\":\(JSONText.quoted(item.text)),\"weight\":\(JSONText.probability(item.weight))}"
        }.joined(separator: ",")
        out += "]}"
        return out
    }
}

/// Small, fast JSON text helpers for line-oriented output.
public enum JSONText {
    /// A JSON string literal.
    public static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A number with four decimals, without exponent notation ("0.0312", "-1.25", "1").
    public static func probability(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = Int((value * 10_000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        let whole = magnitude / 10_000
        var fraction = magnitude % 10_000
        if fraction == 0 { return sign + String(whole) }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
    }
}
