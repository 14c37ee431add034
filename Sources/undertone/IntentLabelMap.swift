import Foundation

/// The table that maps public data sets' labels onto the shipped model's intents (`training/intents/label-map.tsv`):
/// tab-separated `source`, `label` (or `*` for every label of the source not listed) and the intent, `oos` (tunes the
/// out-of-scope threshold only) or `-` (left out). `#` starts a comment line.
struct IntentLabelMap {
    enum Target: Equatable {
        case intent(String)
        case outOfScope
        case leftOut
    }

    private var entries: [String: Target] = [:]
    private var defaults: [String: Target] = [:]
    /// Every (source, label) pair listed, for checking it against the data.
    private(set) var listed: [String: Set<String>] = [:]

    init(_ contents: String) throws {
        var problems: [String] = []
        for (offset, line) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, fields.allSatisfy({ !$0.isEmpty }) else {
                problems.append("line \(offset + 1): expected three tab-separated fields: source, label, intent")
                continue
            }
            let target: Target =
                switch fields[2] {
                case "oos": .outOfScope
                case "-": .leftOut
                default: .intent(fields[2])
                }
            if fields[1] == "*" {
                defaults[fields[0]] = target
            } else {
                let key = fields[0] + "\t" + fields[1]
                guard entries[key] == nil else {
                    problems.append("line \(offset + 1): \(fields[0]) \(fields[1]) is mapped twice")
                    continue
                }
                entries[key] = target
                listed[fields[0], default: []].insert(fields[1])
            }
        }
        guard problems.isEmpty else { throw CommandFailure("label map: " + problems.joined(separator: "\n")) }
    }

    /// Where a source's label goes; nil when the table says nothing about it.
    func target(source: String, label: String) -> Target? {
        entries[source + "\t" + label] ?? defaults[source]
    }

    /// Whether `label` is listed by name (not only covered by a `*` default).
    func lists(source: String, label: String) -> Bool {
        entries[source + "\t" + label] != nil
    }

    /// The intents the table maps onto, sorted.
    var intents: [String] {
        Set(entries.values.compactMap { if case .intent(let name) = $0 { name } else { nil } }).sorted()
    }
}
