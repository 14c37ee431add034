import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Knowledge base")
struct KnowledgeBaseTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-kb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func write(_ text: String, to file: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test("BM25 ranks a hand-made corpus in the order and with the scores worked out by hand")
    func handWorkedBM25() throws {
        // k1 = 1.2, b = 0.75, titles count 3 times. Terms after stemming ("billing" → "bill", "invoice" → "invoic"):
        //   A: title [router], body [router router modem]   tf(router) = 2 + 3·1 = 5, tf(modem) = 1, |A| = 4
        //   B: title [modem],  body [modem light]           tf(modem) = 1 + 3·1 = 4,                  |B| = 3
        //   C: title [bill],   body [invoic router]         tf(router) = 1,                          |C| = 3
        // N = 3, avgdl = 10/3. "router" and "modem" are each in 2 articles: idf = ln(1 + (3 − 2 + 0.5)/(2 + 0.5)) = ln 1.6
        //   = 0.470004. Length norms k1·(1 − b + b·|d|/avgdl): A 1.2·(0.25 + 0.9) = 1.38; B, C 1.2·(0.25 + 0.675) = 1.11.
        // Query "router modem":
        //   A = 0.470004 · (5·2.2/(5 + 1.38) + 1·2.2/(1 + 1.38)) = 0.470004 · (1.724138 + 0.924370) = 1.244808
        //   B = 0.470004 · (4·2.2/(4 + 1.11))                      = 0.470004 · 1.722114              = 0.809400
        //   C = 0.470004 · (1·2.2/(1 + 1.11))                      = 0.470004 · 1.042654              = 0.490051
        let base = KnowledgeBase(articles: [
            KnowledgeArticle(id: "a", title: "Router", body: "router router modem"),
            KnowledgeArticle(id: "b", title: "Modem", body: "modem light"),
            KnowledgeArticle(id: "c", title: "Billing", body: "invoice router"),
        ])
        let matches = base.search("the router and the modem", limit: 5)
        #expect(matches.map(\.id) == ["a", "b", "c"])
        let expected = [1.244808, 0.809400, 0.490051]
        for (match, score) in zip(matches, expected) { #expect(abs(match.score - score) < 1e-5, "\(match.id): \(match.score)") }
        // Only C has "invoice": idf = ln(1 + 2.5/1.5) = 0.980829; C = 0.980829 · 1.042654 = 1.022666.
        let invoice = base.search("invoices")
        #expect(invoice.map(\.id) == ["c"])
        #expect(abs(invoice[0].score - 1.022666) < 1e-5)
    }

    @Test("a word in the title outweighs the same word once in the body; stems meet; stop words alone find nothing")
    func titleStemsStopWords() {
        let base = KnowledgeBase(articles: [
            KnowledgeArticle(id: "body", title: "Statements", body: "How to read a refund line on the statement."),
            KnowledgeArticle(id: "title", title: "Refunds", body: "How to read a statement line about money back."),
        ])
        #expect(base.search("refund").map(\.id) == ["title", "body"])
        #expect(base.search("I was refunded").first?.id == "title")
        #expect(KnowledgeText.terms("charged charges charging charge") == ["charg", "charg", "charg", "charg"])
        #expect(KnowledgeText.terms("cancelled cancel cancellation") == ["cancel", "cancel", "cancel"])
        #expect(KnowledgeText.terms("Deliveries delivery delivered") == ["deliver", "deliver", "deliver"])
        #expect(base.search("and the of it is what").isEmpty)
        #expect(base.search("").isEmpty)
    }

    @Test("the call's intent lifts the articles that list it")
    func intentBoost() {
        let base = KnowledgeBase(articles: [
            KnowledgeArticle(id: "a", title: "Payment dates", intents: ["payments"], body: "When a payment is taken."),
            KnowledgeArticle(id: "b", title: "Payment plans", intents: ["billing"], body: "When a payment is taken."),
        ])
        #expect(base.search("payment").map(\.id) == ["a", "b"])  // a tie, broken by id
        let boosted = base.search("payment", intent: "billing")
        #expect(boosted.map(\.id) == ["b", "a"])
        #expect(abs(boosted[0].score / boosted[1].score - 1.3) < 1e-9)
    }

    @Test("the snippet is the passage that best matches the query, Markdown removed")
    func snippet() {
        let base = KnowledgeBase(articles: [
            KnowledgeArticle(
                id: "r", title: "Router",
                body:
                    "Check the power first. Then look at the lights.\n\n## Steps\n- Hold the **reset** button for 15 seconds.\n- Wait for a [solid light](https://example.com)."
            )
        ])
        #expect(base.search("how do i reset it").first?.snippet == "Hold the reset button for 15 seconds.")
        #expect(base.search("solid light").first?.snippet == "Wait for a solid light.")
        #expect(base.search("router").first?.snippet == "Check the power first.")
    }

    @Test("an article's title, tags and intents come from its heading, the lines after it, or front matter")
    func articleFormat() throws {
        let plain = try KnowledgeArticle(
            id: "x", markdown: "\n# Lost cards\ntags: [card, wallet]\nintents: fraud_security\n\nFreeze it.", file: "x.md")
        #expect(plain.title == "Lost cards")
        #expect(plain.tags == ["card", "wallet"])
        #expect(plain.intents == ["fraud_security"])
        #expect(plain.body == "Freeze it.")
        let front = try KnowledgeArticle(id: "y", markdown: "---\ntitle: Refunds\ntags: [refund, \"money back\"]\n---\n# Heading\nBody", file: "y.md")
        #expect(front.title == "Refunds")
        #expect(front.tags == ["refund", "money back"])
        #expect(front.body == "Body")
        #expect(throws: KnowledgeBaseError.untitled(file: "z.md")) { try KnowledgeArticle(id: "z", markdown: "No heading here.", file: "z.md") }
    }

    @Test("folder errors name the folder or the file")
    func folderErrors() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nowhere")
        #expect(throws: KnowledgeBaseError.missingFolder(missing.path)) { try KnowledgeBase(directory: missing) }
        #expect(throws: KnowledgeBaseError.noArticles(folder.path)) { try KnowledgeBase(directory: folder) }
        try Self.write("# Fine\nText.", to: "billing/fine.md", in: folder)
        try Self.write("Just text, no title.", to: "billing/nameless.md", in: folder)
        try Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]).write(to: folder.appendingPathComponent("broken.md"))
        try Self.write("# Hidden", to: ".drafts/hidden.md", in: folder)
        try Self.write("not an article", to: "notes.txt", in: folder)
        #expect(throws: KnowledgeBaseError.untitled(file: "billing/nameless.md")) { try KnowledgeBase(directory: folder) }
        let (articles, problems) = try KnowledgeBase.check(directory: folder)
        #expect(articles.map(\.id) == ["billing/fine"])
        #expect(problems == [.untitled(file: "billing/nameless.md"), .unreadable(file: "broken.md", reason: "not UTF-8 text")])
        #expect(problems.map(\.description).contains("billing/nameless.md: the article has no title (start it with a \"# Title\" line)"))
        let file = folder.appendingPathComponent("billing/fine.md")
        #expect(throws: KnowledgeBaseError.notAFolder(file.path)) { try KnowledgeBase(directory: file) }
        try Self.write("# Twin", to: "billing/fine.markdown", in: folder)
        #expect(
            try KnowledgeBase.check(directory: folder).problems.contains(
                .duplicateID("billing/fine", files: ["billing/fine.markdown", "billing/fine.md"])))
    }

    @Test("the sample has 12 to 20 titled articles whose intents the shipped intent model knows")
    func sampleShape() throws {
        let sample = try KnowledgeBase.sample
        #expect((12...20).contains(sample.articles.count))
        let labels = Set(try IntentModel.default.labels)
        for article in sample.articles {
            #expect(!article.title.isEmpty && !article.body.isEmpty && !article.tags.isEmpty, "\(article.id)")
            #expect(!article.intents.isEmpty && article.intents.allSatisfy(labels.contains), "\(article.id): \(article.intents)")
        }
    }

    @Test(
        "the sample answers realistic questions with the right article",
        arguments: [
            ("I was charged twice this month", "billing/duplicate-charges"),
            ("when will my refund arrive, you promised me money back", "billing/refunds"),
            ("what is this late payment fee on my bill", "billing/understanding-your-bill"),
            ("my direct debit payment was declined", "payments/failed-payments"),
            ("I've lost my card, I think someone stole it from my bag", "cards/lost-or-stolen-card"),
            ("there's a transaction on my account I didn't make, I think it's a scam", "cards/card-fraud"),
            ("I can't log in, it says my account is locked and the password reset never comes", "account/locked-account"),
            ("I'm moving house and need to change my address", "account/update-details"),
            ("my order is late, the tracking hasn't changed", "delivery/late-delivery"),
            ("the parcel is marked as delivered but I never got it", "delivery/lost-parcel"),
            ("I want to return this jacket, it's the wrong size", "orders/returns"),
            ("I want to cancel my contract and switch to another provider", "cancellation/cancel-and-retention"),
            ("the internet is down again, no connection since this morning", "technical/internet-outage"),
            ("the light on my router is flashing orange, should I restart it", "technical/router-reset"),
            ("I need to reschedule my appointment with the nurse", "healthcare/appointments"),
            ("I'm worried, I'm still waiting for my blood test results", "healthcare/test-results"),
            ("I want to make a formal complaint, I'll go to the ombudsman", "procedures/complaints"),
        ])
    func sampleAnswers(question: String, article: String) throws {
        let matches = try KnowledgeBase.sample.search(question)
        #expect(matches.first?.id == article, "\(question): \(matches.map { "\($0.id) \($0.score)" })")
        #expect(matches.first.map { !$0.snippet.isEmpty } == true)
    }

    @Test("searching twice gives the same articles, scores and snippets")
    func deterministic() throws {
        let sample = try KnowledgeBase.sample
        let query = "my broadband keeps dropping and the router lights are red, I've restarted it twice"
        #expect(sample.search(query, limit: 5) == sample.search(query, limit: 5))
    }
}
