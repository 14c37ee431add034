import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone {
    /// `undertone kb`: the knowledge base agents are offered articles from.
    struct KnowledgeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kb",
            abstract: "Search and check a knowledge base: a folder of Markdown articles (docs/guidance.md).",
            subcommands: [Search.self, Check.self]
        )
    }
}

/// Which knowledge base to use: the shipped sample unless a folder is named.
struct KnowledgeOptions: ParsableArguments {
    @Option(
        name: [.customLong("dir"), .customLong("knowledge")], help: "A folder of Markdown articles (default: the sample shipped with the engine).")
    var directory: String?

    func load() throws -> KnowledgeBase { try Self.load(directory) }

    /// The folder's knowledge base, or the shipped sample when nil; a clear error naming the folder or the file.
    static func load(_ directory: String?) throws -> KnowledgeBase {
        do {
            if let directory { return try KnowledgeBase(directory: URL(fileURLWithPath: directory)) }
            return try KnowledgeBase.sample
        } catch {
            throw CommandFailure(directory.map { "\($0): \(error)" } ?? "\(error)")
        }
    }
}

extension KnowledgeMatch {
    /// `{"id","title","score","snippet"}` with the score to hundredths.
    var json: String {
        "{\"id\":" + JSONText.quoted(id) + ",\"title\":" + JSONText.quoted(title) + ",\"score\":"
            + JSONText.probability((score * 100).rounded() / 100)
            + ",\"snippet\":" + JSONText.quoted(snippet) + "}"
    }
}

extension Undertone.KnowledgeCommand {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The articles that best match a text, best first (BM25).",
            discussion: """
                With --text, prints the ranked articles with their scores and best-matching passages (--json for one JSON \
                line). Without it, reads {"id": …, "text": "…"} lines (stdin or --input) and writes one line per input: \
                {"id", "articles": [{"id", "title", "score", "snippet"}, …]}. A malformed line is reported on stderr with \
                its number and skipped; the exit status is then 1 (--strict stops at the first).
                """
        )

        @OptionGroup var knowledge: KnowledgeOptions

        @Option(help: "The text to search with.")
        var text: String?

        @Option(help: "The call's intent (e.g. billing): articles listing it rank higher.")
        var intent: String?

        @Option(help: "How many articles to list.")
        var limit = 3

        @Option(name: .shortAndLong, help: "Input file of JSON lines (default: stdin).")
        var input: String?

        @Option(name: .shortAndLong, help: "Output file (default: stdout).")
        var output: String?

        @Flag(help: "Print JSON with --text.")
        var json = false

        @Flag(help: "Stop at the first malformed line.")
        var strict = false

        func run() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
            let base = try knowledge.load()
            if let text {
                let matches = base.search(text, intent: intent, limit: limit)
                let writer = try LineWriter(path: output)
                if json {
                    writer.write("{\"articles\":[" + matches.map(\.json).joined(separator: ",") + "]}")
                } else if matches.isEmpty {
                    writer.write("No article matches.")
                } else {
                    for (rank, match) in matches.enumerated() {
                        writer.write("\(rank + 1). \(match.id) — \(match.title) (score \(String(format: "%.2f", match.score)))")
                        writer.write("   \(match.snippet)")
                    }
                }
                writer.flush()
                return
            }
            try answerEachLine(input: input, output: output, strict: strict, command: "undertone kb search") { request in
                let matches = base.search(request.text, intent: intent, limit: limit)
                return "{\"id\":" + request.idJSON + ",\"articles\":[" + matches.map(\.json).joined(separator: ",") + "]}"
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a folder of articles: every file readable and titled, ids unique.",
            discussion: """
                Prints one line per problem, naming the file, and exits 1 if there is any; otherwise prints how many \
                articles there are. Articles with no tags or intents, and intents the shipped intent model does not \
                know, are reported as warnings (exit status 0).
                """
        )

        @Option(name: [.customLong("dir"), .customLong("knowledge")], help: "The folder of Markdown articles.")
        var directory: String

        func run() throws {
            let (articles, problems): ([KnowledgeArticle], [KnowledgeBaseError])
            do {
                (articles, problems) = try KnowledgeBase.check(directory: URL(fileURLWithPath: directory))
            } catch {
                throw CommandFailure("\(error)")
            }
            for problem in problems { standardError("error: \(problem)") }
            let labels = Set((try? IntentModel.default)?.labels ?? [])
            for article in articles {
                if article.tags.isEmpty && article.intents.isEmpty { print("warning: \(article.id): no tags or intents") }
                for intent in article.intents where !labels.isEmpty && !labels.contains(intent) {
                    print("warning: \(article.id): intent \"\(intent)\" is not one of the shipped intent model's labels")
                }
            }
            guard problems.isEmpty else {
                standardError("\(directory): \(problems.count) problem(s)")
                throw ExitCode(1)
            }
            print("\(directory): \(articles.count) article(s), no problems")
        }
    }
}
