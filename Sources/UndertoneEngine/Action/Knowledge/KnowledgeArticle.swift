import Foundation

/// One article of a knowledge base, read from a Markdown file.
///
/// The format: an optional front matter block between `---` lines (`title:`, `tags:`, `intents:`), then the article.
/// Without a `title:` the first `# ` heading is the title. `tags:` and `intents:` lines may also follow the title
/// heading directly. Lists are comma-separated, with or without brackets: `tags: refund, credit` or `[refund, credit]`.
public struct KnowledgeArticle: Sendable, Equatable {
    /// The file's path inside the folder, without its extension, with `/` between folders: `billing/refunds`.
    public var id: String
    public var title: String
    /// Words the article is about besides its title; searched with the title's weight.
    public var tags: [String]
    /// The intents (labels of the intent model) the article serves; calls with that intent rank it higher.
    public var intents: [String]
    /// The article's text after the title and front matter, as written (Markdown).
    public var body: String

    public init(id: String, title: String, tags: [String] = [], intents: [String] = [], body: String) {
        self.id = id
        self.title = title
        self.tags = tags
        self.intents = intents
        self.body = body
    }

    /// Reads an article from its Markdown text; `file` names it in errors.
    public init(id: String, markdown: String, file: String) throws(KnowledgeBaseError) {
        var lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0].removeFirst() }
        var title: String?
        var tags: [String] = []
        var intents: [String] = []
        var index = 0
        /// Reads a `key: value` metadata line; false when the line is not one.
        func metadata(_ line: String, allowTitle: Bool) -> Bool {
            guard let colon = line.firstIndex(of: ":") else { return false }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            switch key {
            case "title" where allowTitle: title = value.isEmpty ? nil : value
            case "tags": tags += Self.list(value)
            case "intents": intents += Self.list(value)
            default: return false
            }
            return true
        }
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        {
            for line in lines[1..<end] { _ = metadata(line, allowTitle: true) }
            index = end + 1
        }
        while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
        if index < lines.count, lines[index].hasPrefix("# ") {
            let heading = lines[index].dropFirst(2).trimmingCharacters(in: .whitespaces)
            if title == nil, !heading.isEmpty { title = heading }
            index += 1
            while index < lines.count, metadata(lines[index], allowTitle: false) { index += 1 }
        }
        guard let title else { throw .untitled(file: file) }
        self.init(
            id: id, title: title, tags: tags, intents: intents,
            body: lines[index...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func list(_ value: String) -> [String] {
        value.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",")
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }.filter { !$0.isEmpty }
    }
}
