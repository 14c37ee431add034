import Foundation
import Yams

// Reading single values, with a located error for each one that is wrong.
extension ScorecardReader {
    /// One key of a mapping, with the nodes that say where it is.
    struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    mutating func mapping(_ node: Node, _ what: String) -> [Entry]? {
        guard case .mapping(let pairs) = node else {
            fail(
                node, node.null != nil ? "\"\(what)\" has no value" : "\"\(what)\" must be a mapping of key: value pairs, not \(Self.kind(of: node))")
            return nil
        }
        var entries: [Entry] = []
        for (key, value) in pairs {
            guard case .scalar(let scalar) = key else {
                fail(key, "a key must be a plain word, not \(Self.kind(of: key))")
                continue
            }
            entries.append(Entry(key: scalar.string, keyNode: key, value: value))
        }
        return entries
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    mutating func scalar(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            fail(node, "\"\(what)\" must be a single value, not \(Self.kind(of: node))")
            return nil
        }
        guard node.null == nil, !scalar.string.isEmpty else {
            fail(node, "\"\(what)\" has no value")
            return nil
        }
        return scalar.string
    }

    mutating func text(_ node: Node, _ what: String) -> String? {
        guard let value = scalar(node, what) else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { fail(node, "\"\(what)\" has no value") }
        return trimmed.isEmpty ? nil : trimmed
    }

    mutating func number(_ node: Node, _ what: String, accepting accepts: (Double) -> Bool, range: String) -> Double? {
        guard let text = scalar(node, what) else { return nil }
        guard let value = Double(text), value.isFinite, !text.lowercased().hasPrefix("0x") else {
            fail(node, "\"\(what)\" must be a number, not \"\(text)\"")
            return nil
        }
        guard accepts(value) else {
            fail(node, "\"\(what)\" must be \(range), not \(text)")
            return nil
        }
        return value
    }

    mutating func fraction(_ node: Node, _ what: String) -> Double? {
        number(node, what, accepting: { (0...1).contains($0) }, range: "from 0 to 1")
    }

    mutating func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = scalar(node, what) else { return nil }
        guard let value = Int(text) else {
            fail(node, "\"\(what)\" must be a whole number, not \"\(text)\"")
            return nil
        }
        guard range.contains(value) else {
            fail(node, "\"\(what)\" must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard let text = scalar(node, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            fail(node, "\"\(what)\" must be true or false, not \"\(text)\"")
            return nil
        }
    }

    mutating func duration(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = scalar(node, what) else { return nil }
        guard let ms = PolicyDuration.milliseconds(text) else {
            fail(node, "\"\(what)\" is not a duration: \"\(text)\" (write e.g. 10s, 1m, 500ms or a number of seconds)")
            return nil
        }
        guard range.contains(ms) else {
            fail(node, "\"\(what)\" must be from \(PolicyDuration.text(range.lowerBound)) to \(PolicyDuration.text(range.upperBound)), not \(text)")
            return nil
        }
        return ms
    }

    mutating func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _ type: Value.Type, extra: [String] = [])
        -> Value? where Value.RawValue == String
    {
        guard let text = scalar(node, what) else { return nil }
        guard let value = Value(rawValue: text) else {
            fail(node, PolicyText.unknown(what, text, expected: Value.allCases.map(\.rawValue) + extra))
            return nil
        }
        return value
    }

    /// A list of values, or one value standing for a list of one.
    mutating func list(_ node: Node, _ what: String) -> [Node]? {
        switch node {
        case .sequence(let items):
            if items.isEmpty {
                fail(node, "\"\(what)\" is an empty list: list at least one value, or leave \"\(what)\" out")
                return nil
            }
            return Array(items)
        case .mapping:
            fail(node, "\"\(what)\" must be a list such as [a, b], not a mapping")
            return nil
        default:
            if node.null != nil {
                fail(node, "\"\(what)\" has no value")
                return nil
            }
            return [node]
        }
    }

    mutating func strings(_ node: Node, _ what: String) -> [String]? {
        guard let items = list(node, what) else { return nil }
        let values = items.map { text($0, what) }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        let read = values.compactMap { $0 }
        checkRepeats(read, items, what)
        return read
    }

    mutating func names<Value: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _ type: Value.Type) -> [Value]?
    where Value.RawValue == String {
        guard let items = list(node, what) else { return nil }
        let values = items.map { choice($0, what, Value.self) }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        let read = values.compactMap { $0 }
        checkRepeats(read.map(\.rawValue), items, what)
        return read
    }

    private mutating func checkRepeats(_ values: [String], _ nodes: [Node], _ what: String) {
        var seen: Set<String> = []
        for (value, node) in zip(values, nodes) where !seen.insert(value).inserted {
            fail(node, "\"\(value)\" is listed twice in \"\(what)\"")
        }
    }

    // MARK: Errors

    mutating func unknownKey(_ entry: Entry, in place: String?, expected: [String], kind: ScorecardItemKind? = nil) {
        var message = "unknown key \"\(entry.key)\"" + (place.map { " in \"\($0)\"" } ?? "") + (kind.map { " for a \($0.rawValue) item" } ?? "")
        if let nearest = PolicyText.nearest(to: entry.key, in: expected) { message += "; did you mean \"\(nearest)\"?" }
        fail(entry.keyNode, message + " (expected \(PolicyText.choices(expected)))")
    }

    mutating func fail(_ node: Node?, _ message: String) {
        let mark = node?.mark
        errors.append(ScorecardError(line: mark?.line, column: mark?.column, message: (context.map { "\($0): " } ?? "") + message))
    }

    /// Errors in the order of the file (line, then column); those without a place last.
    mutating func sortErrors() {
        errors = errors.enumerated()
            .sorted {
                ($0.element.line ?? .max, $0.element.column ?? 0, $0.offset) < ($1.element.line ?? .max, $1.element.column ?? 0, $1.offset)
            }
            .map(\.element)
    }
}
