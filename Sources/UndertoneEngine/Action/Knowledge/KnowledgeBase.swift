import Foundation

/// A knowledge base: articles an agent can use, searched with what is being said on the call.
///
/// Loaded from a folder of Markdown articles (``KnowledgeArticle`` describes the format), indexed once for Okapi BM25
/// (``KnowledgeSearchSettings``), then immutable and `Sendable`: one value is shared by every call. The engine ships a
/// small sample (``sample``); point the server at your own folder with `undertone serve --knowledge DIR`.
public struct KnowledgeBase: Sendable {
    /// The articles, in the order of their ids.
    public let articles: [KnowledgeArticle]
    let index: KnowledgeIndex
    /// Each article's position in `articles`, by id.
    private let positions: [String: Int]

    /// A knowledge base of these articles (sorted by id).
    public init(articles: [KnowledgeArticle], settings: KnowledgeSearchSettings = KnowledgeSearchSettings()) {
        self.articles = articles.sorted { $0.id < $1.id }
        index = KnowledgeIndex(articles: self.articles, settings: settings)
        positions = Dictionary(self.articles.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Loads every Markdown file (`.md`, `.markdown`) under the folder, sub-folders included, hidden files left out.
    /// An article's id is its path inside the folder without the extension (`billing/refunds`).
    public init(directory: URL, settings: KnowledgeSearchSettings = KnowledgeSearchSettings()) throws(KnowledgeBaseError) {
        let (articles, problems) = try Self.read(directory)
        if let first = problems.first { throw first }
        self.init(articles: articles, settings: settings)
    }

    /// Reads a folder and reports every problem rather than the first (what `undertone kb check` prints): the articles
    /// that could be read, and one error per file that could not. Throws only when the folder itself is unusable.
    public static func check(directory: URL) throws(KnowledgeBaseError) -> (articles: [KnowledgeArticle], problems: [KnowledgeBaseError]) {
        try read(directory)
    }

    private static func read(_ directory: URL) throws(KnowledgeBaseError) -> ([KnowledgeArticle], [KnowledgeBaseError]) {
        let path = directory.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .missingFolder(path) }
        guard isFolder.boolValue else { throw .notAFolder(path) }
        let files: [String]
        do {
            files = try FileManager.default.subpathsOfDirectory(atPath: path).filter { file in
                let name = file.lowercased()
                return (name.hasSuffix(".md") || name.hasSuffix(".markdown")) && !file.split(separator: "/").contains { $0.hasPrefix(".") }
            }.sorted()
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
        guard !files.isEmpty else { throw .noArticles(path) }
        var articles: [KnowledgeArticle] = []
        var problems: [KnowledgeBaseError] = []
        var filesByID: [String: [String]] = [:]
        for file in files {
            let url = directory.appendingPathComponent(file)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue { continue }
            let id = String(file.prefix(upTo: file.lastIndex(of: ".") ?? file.endIndex))
            filesByID[id, default: []].append(file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                problems.append(.unreadable(file: file, reason: "permission denied or not a regular file"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(.unreadable(file: file, reason: "not UTF-8 text"))
                continue
            }
            do {
                articles.append(try KnowledgeArticle(id: id, markdown: text, file: file))
            } catch {
                problems.append(error)
            }
        }
        for (id, files) in filesByID.sorted(by: { $0.key < $1.key }) where files.count > 1 { problems.append(.duplicateID(id, files: files)) }
        return (articles, problems)
    }

    // MARK: Searching

    /// The words of a text the index knows; keep them to build queries from turns without reading them again.
    public func terms(_ text: String) -> KnowledgeTerms { index.terms(text) }

    /// The best articles for a text, best first.
    public func search(_ text: String, intent: String? = nil, limit: Int = 3) -> [KnowledgeMatch] {
        var query = KnowledgeQuery()
        query.add(terms(text))
        return search(query, intent: intent, limit: limit)
    }

    /// The best articles for a query, best first: those with a score above 0, ties broken by id. An article that lists
    /// `intent` among its intents has its score multiplied by the settings' `intentBoost`.
    public func search(_ query: KnowledgeQuery, intent: String? = nil, limit: Int = 3) -> [KnowledgeMatch] {
        guard limit > 0, !query.isEmpty else { return [] }
        let scores = index.scores(query, intent: intent)
        let ranked = scores.indices.filter { scores[$0] > 0 }
            .sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
            .prefix(limit)
        return ranked.map { article in
            KnowledgeMatch(
                id: articles[article].id, title: articles[article].title, score: scores[article],
                snippet: index.snippet(article: article, query: query))
        }
    }

    /// Whether the article (title, tags or body) has any of these words.
    public func article(_ id: String, contains terms: KnowledgeTerms) -> Bool {
        guard let position = positions[id] else { return false }
        return terms.ids.contains { term in index.postings[term].contains { $0.article == position } }
    }

    /// The search settings the index was built with.
    public var settings: KnowledgeSearchSettings { index.settings }

    // MARK: The sample

    /// The folder of the sample knowledge base shipped in the engine's resources.
    public static var sampleDirectory: URL? { Bundle.module.url(forResource: "Knowledge", withExtension: nil) }

    private static let sampleResult = Result<KnowledgeBase, KnowledgeBaseError> { () throws(KnowledgeBaseError) -> KnowledgeBase in
        guard let directory = sampleDirectory else { throw .missingFolder("Knowledge (in the engine's resources)") }
        return try KnowledgeBase(directory: directory)
    }

    /// The sample knowledge base shipped with the engine (billing, payments, cards, accounts, deliveries, returns,
    /// cancellations, outages, appointments, complaints, vulnerable customers, de-escalation), loaded on first use and
    /// shared.
    public static var sample: KnowledgeBase {
        get throws(KnowledgeBaseError) { try sampleResult.get() }
    }
}
