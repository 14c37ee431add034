import Foundation

/// How articles are ranked: Okapi BM25 with a boosted title.
public struct KnowledgeSearchSettings: Sendable, Equatable {
    /// How quickly repeated words stop adding to a score (term-frequency saturation).
    public var k1 = 1.2
    /// How much a long article's score is pulled down (length normalisation, 0 none … 1 full).
    public var b = 0.75
    /// Each word of the title and the tags counts this many times over.
    public var titleBoost = 3.0
    /// An article that lists the call's intent has its score multiplied by this.
    public var intentBoost = 1.3
    /// The longest snippet, in characters; a longer passage is cut at a word and ends with "…".
    public var snippetLength = 280

    public init() {}
}

/// The words of a text that the knowledge base's index knows, as term numbers; other words cannot match and are left out.
public struct KnowledgeTerms: Sendable, Equatable {
    let ids: [Int]

    /// How many known words the text has (repeats counted).
    public var count: Int { ids.count }
}

/// What to search for: known words, each with a weight (how often it was said, times how much its turn counts).
public struct KnowledgeQuery: Sendable, Equatable {
    var weights: [Int: Double] = [:]

    public init() {}

    /// Adds a text's words, each occurrence counting `weight`.
    public mutating func add(_ terms: KnowledgeTerms, weight: Double = 1) {
        for id in terms.ids { weights[id, default: 0] += weight }
    }

    public var isEmpty: Bool { weights.isEmpty }
}

/// One article found by a search.
public struct KnowledgeMatch: Sendable, Equatable, Codable {
    /// The article's id (`billing/refunds`).
    public var id: String
    public var title: String
    /// Its BM25 score for the query (higher is better; only comparable within one query).
    public var score: Double
    /// The passage (sentence or list item) of the article that best matches the query.
    public var snippet: String

    public init(id: String, title: String, score: Double, snippet: String) {
        self.id = id
        self.title = title
        self.score = score
        self.snippet = snippet
    }
}

/// The inverted index of a knowledge base, built once: immutable and shared by every call.
final class KnowledgeIndex: Sendable {
    /// One passage of an article: a sentence or a list item, and its distinct terms.
    struct Passage: Sendable {
        var text: String
        var terms: [Int]
    }

    let settings: KnowledgeSearchSettings
    let termIDs: [String: Int]
    /// Per term: inverse document frequency, `ln(1 + (N − n + 0.5) / (n + 0.5))`.
    let idf: [Double]
    /// Per term: the articles holding it and its weighted frequency there (body count + titleBoost × title count).
    let postings: [[(article: Int, frequency: Double)]]
    /// Per article: `k1 · (1 − b + b · length / average length)`, length in words of title, tags and body.
    let lengthNorm: [Double]
    let passages: [[Passage]]
    /// Per article: its intents.
    let intents: [Set<String>]

    init(articles: [KnowledgeArticle], settings: KnowledgeSearchSettings) {
        self.settings = settings
        var termIDs: [String: Int] = [:]
        func id(_ term: String) -> Int {
            if let known = termIDs[term] { return known }
            termIDs[term] = termIDs.count
            return termIDs.count - 1
        }
        var frequencies: [[Int: Double]] = []
        var lengths: [Double] = []
        for article in articles {
            let heading = (KnowledgeText.terms(article.title) + article.tags.flatMap(KnowledgeText.terms)).map(id)
            let body = KnowledgeText.terms(article.body).map(id)
            var counts: [Int: Double] = [:]
            for term in body { counts[term, default: 0] += 1 }
            for term in heading { counts[term, default: 0] += settings.titleBoost }
            frequencies.append(counts)
            lengths.append(Double(heading.count + body.count))
        }
        var postings = [[(article: Int, frequency: Double)]](repeating: [], count: termIDs.count)
        for (article, counts) in frequencies.enumerated() {
            for (term, frequency) in counts.sorted(by: { $0.key < $1.key }) { postings[term].append((article, frequency)) }
        }
        let count = Double(articles.count)
        idf = postings.map { log(1 + (count - Double($0.count) + 0.5) / (Double($0.count) + 0.5)) }
        let average = max(1, lengths.reduce(0, +) / max(1, count))
        lengthNorm = lengths.map { settings.k1 * (1 - settings.b + settings.b * $0 / average) }
        self.postings = postings
        self.termIDs = termIDs
        intents = articles.map { Set($0.intents) }
        passages = articles.map { article in
            Self.passages(article.body).map { text in
                Passage(text: text, terms: Array(Set(KnowledgeText.terms(text).compactMap { termIDs[$0] })).sorted())
            }
        }
    }

    func terms(_ text: String) -> KnowledgeTerms {
        KnowledgeTerms(ids: KnowledgeText.terms(text).compactMap { termIDs[$0] })
    }

    /// Every article's score for the query, the intent's boost applied.
    func scores(_ query: KnowledgeQuery, intent: String?) -> [Double] {
        var scores = [Double](repeating: 0, count: lengthNorm.count)
        let k1 = settings.k1
        // Terms in a fixed order: the sums, and so the ranking, are the same in every process.
        for (term, weight) in query.weights.sorted(by: { $0.key < $1.key }) {
            let idf = idf[term]
            for (article, frequency) in postings[term] {
                scores[article] += weight * idf * frequency * (k1 + 1) / (frequency + lengthNorm[article])
            }
        }
        if let intent {
            for article in scores.indices where intents[article].contains(intent) { scores[article] *= settings.intentBoost }
        }
        return scores
    }

    /// The passage of an article sharing the most query weight (each shared term counts its weight times its idf);
    /// the first passage when none shares a word.
    func snippet(article: Int, query: KnowledgeQuery) -> String {
        let passages = passages[article]
        var best: (index: Int, score: Double)?
        for (index, passage) in passages.enumerated() {
            var score = 0.0
            for term in passage.terms { if let weight = query.weights[term] { score += weight * idf[term] } }
            if score > 0, score > best?.score ?? 0 { best = (index, score) }
        }
        guard let text = passages.isEmpty ? nil : passages[best?.index ?? 0].text else { return "" }
        return Self.shorten(text, to: settings.snippetLength)
    }

    // MARK: Passages

    /// The article's sentences and list items, Markdown marks removed; headings and code fences left out.
    static func passages(_ body: String) -> [String] {
        var passages: [String] = []
        var paragraph: [String] = []
        func flush() {
            guard !paragraph.isEmpty else { return }
            passages += sentences(paragraph.joined(separator: " "))
            paragraph = []
        }
        for raw in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("```") || line.hasPrefix("---") {
                flush()
                continue
            }
            if let item = listItem(line) {
                flush()
                paragraph = [item]
                flush()
                continue
            }
            paragraph.append(line.hasPrefix(">") ? line.drop(while: { $0 == ">" || $0 == " " }).description : line)
        }
        flush()
        return passages.map(plain).filter { !$0.isEmpty }
    }

    /// The text of a list item (`- `, `* `, `+ `, `1. `), or nil for another line.
    static func listItem(_ line: String) -> String? {
        for marker in ["- ", "* ", "+ "] where line.hasPrefix(marker) { return String(line.dropFirst(2)) }
        let digits = line.prefix(while: \.isNumber)
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return String(line.dropFirst(digits.count + 2)) }
        return nil
    }

    /// A paragraph cut into sentences at `.`, `!` or `?` followed by a space.
    static func sentences(_ paragraph: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var previous: Character?
        for character in paragraph {
            if character == " ", let previous, ".!?".contains(previous), current.count > 1 {
                sentences.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Inline Markdown removed: emphasis and code marks, links reduced to their text.
    static func plain(_ text: String) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "[", let close = text[index...].firstIndex(of: "]"), text.index(after: close) < text.endIndex,
                text[text.index(after: close)] == "(", let end = text[close...].firstIndex(of: ")")
            {
                result += text[text.index(after: index)..<close]
                index = text.index(after: end)
                continue
            }
            if character != "*" && character != "`"
                && !(character == "_" && (text.index(after: index) < text.endIndex && text[text.index(after: index)] == "_"))
            {
                result.append(character)
            } else if character == "_" {
                index = text.index(after: index)
            }
            index = text.index(after: index)
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    static func shorten(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var cut = String(text.prefix(limit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:")) + "…"
    }
}
