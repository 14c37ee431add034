/// Why a folder of articles could not be loaded. Each case names the folder or the file (relative to the folder).
public enum KnowledgeBaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at the path.
    case missingFolder(String)
    /// The path is a file, not a folder.
    case notAFolder(String)
    /// The folder holds no Markdown articles (`.md` or `.markdown`).
    case noArticles(String)
    /// An article could not be read (permissions, not UTF-8…).
    case unreadable(file: String, reason: String)
    /// An article has no title: neither a `# ` heading nor a `title:` line in its front matter.
    case untitled(file: String)
    /// Two files give the same article id (`refunds.md` and `refunds.markdown`).
    case duplicateID(String, files: [String])

    public var description: String {
        switch self {
        case .missingFolder(let path): "knowledge base folder \(path) does not exist"
        case .notAFolder(let path): "knowledge base \(path) is not a folder"
        case .noArticles(let path): "knowledge base folder \(path) holds no Markdown articles (.md)"
        case .unreadable(let file, let reason): "\(file): cannot read the article: \(reason)"
        case .untitled(let file): "\(file): the article has no title (start it with a \"# Title\" line)"
        case .duplicateID(let id, let files): "article id \"\(id)\" is given by more than one file: \(files.joined(separator: ", "))"
        }
    }
}
