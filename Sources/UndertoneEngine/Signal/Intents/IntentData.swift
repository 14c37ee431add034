import Foundation

/// Reads training examples for ``IntentTrainer`` from the two formats `undertone intents train` accepts.
public enum IntentData {
    /// The formats of a training file.
    public enum Format: String, Sendable, CaseIterable {
        /// Comma-separated, with a header naming a `text` column and a `label` (or `intent`, `category`) column.
        case csv
        /// One JSON object per line: `{"text": "…", "label": "…"}` (`intent` is accepted for `label`).
        case jsonLines = "jsonl"

        /// JSON lines when the first non-blank character opens an object, CSV otherwise.
        public static func guess(_ contents: String) -> Format {
            contents.unicodeScalars.first { !$0.properties.isWhitespace && $0 != "\u{FEFF}" } == "{" ? .jsonLines : .csv
        }
    }

    static let labelColumns = ["label", "intent", "category"]
    /// At most this many problems are reported; a file that bad has a systematic fault.
    static let problemLimit = 20

    /// Parses a whole file; every bad line is reported (up to ``problemLimit``) and nothing is returned if any is bad.
    public static func examples(_ contents: String, format: Format? = nil) throws(IntentDataError) -> [IntentExample] {
        switch format ?? Format.guess(contents) {
        case .csv: try csv(contents)
        case .jsonLines: try jsonLines(contents)
        }
    }

    public static func csv(_ contents: String) throws(IntentDataError) -> [IntentExample] {
        let table = CSVTable(contents)
        var problems = table.problems
        guard let header = table.records.first else {
            throw IntentDataError(problems: problems.isEmpty ? [IntentDataProblem(line: 1, reason: "the file is empty")] : problems)
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let textColumn = names.firstIndex(of: "text"), let labelColumn = labelColumns.lazy.compactMap({ names.firstIndex(of: $0) }).first
        else {
            problems.insert(
                IntentDataProblem(
                    line: header.line, reason: "the header must name a \"text\" column and a \"label\" (or \"intent\", \"category\") column"),
                at: 0)
            throw IntentDataError(problems: problems)
        }
        var examples: [IntentExample] = []
        examples.reserveCapacity(table.records.count)
        for record in table.records.dropFirst() {
            guard record.fields.count == names.count else {
                problems.append(IntentDataProblem(line: record.line, reason: "expected \(names.count) fields, found \(record.fields.count)"))
                continue
            }
            do {
                examples.append(try example(text: record.fields[textColumn], label: record.fields[labelColumn], line: record.line))
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { throw IntentDataError(problems: problems.sorted { $0.line < $1.line }) }
        return examples
    }

    public static func jsonLines(_ contents: String) throws(IntentDataError) -> [IntentExample] {
        var examples: [IntentExample] = []
        var problems: [IntentDataProblem] = []
        for (offset, line) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            if line.allSatisfy(\.isWhitespace) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                problems.append(IntentDataProblem(line: number, reason: "expected a JSON object"))
                continue
            }
            guard let text = object["text"] as? String else {
                problems.append(IntentDataProblem(line: number, reason: "missing \"text\" (a string)"))
                continue
            }
            guard let label = (object["label"] ?? object["intent"]) as? String else {
                problems.append(IntentDataProblem(line: number, reason: "missing \"label\" (a string)"))
                continue
            }
            do {
                examples.append(try example(text: text, label: label, line: number))
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { throw IntentDataError(problems: problems) }
        return examples
    }

    /// A deterministic stratified split: `fraction` of each label's examples (at least one, never all) are held out,
    /// chosen by a generator seeded with `seed`; both parts keep the input's order.
    public static func split(
        _ examples: [IntentExample], heldOutFraction fraction: Double, seed: UInt64
    ) -> (train: [IntentExample], heldOut: [IntentExample]) {
        let labels = Array(Set(examples.map(\.label))).sorted()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($0.element, $0.offset) })
        let (train, heldOut) = IntentTrainer.split(examples.map { index[$0.label]! }, classCount: labels.count, fraction: fraction, seed: seed)
        return (train.map { examples[$0] }, heldOut.map { examples[$0] })
    }

    static func example(text: String, label: String, line: Int) throws(IntentDataProblem) -> IntentExample {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty else { throw IntentDataProblem(line: line, reason: "the label is empty") }
        guard !text.allSatisfy(\.isWhitespace) else { throw IntentDataProblem(line: line, reason: "the text is empty") }
        return IntentExample(text: text, label: label)
    }
}

/// One bad line of a training file.
public struct IntentDataProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

/// A training file that could not be read: every bad line, in order.
public struct IntentDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [IntentDataProblem]

    public init(problems: [IntentDataProblem]) {
        self.problems = problems
    }

    public var description: String {
        var lines = problems.prefix(IntentData.problemLimit).map(\.description)
        if problems.count > IntentData.problemLimit { lines.append("… and \(problems.count - IntentData.problemLimit) more bad lines") }
        return lines.joined(separator: "\n")
    }
}
