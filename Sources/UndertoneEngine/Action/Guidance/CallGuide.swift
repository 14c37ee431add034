/// One call's guidance: the call's intent, the recent turns as the knowledge base reads them, and the pacing of
/// suggestions. Part of ``CallAnalyzer``'s state, deterministic like the rest of it.
struct CallGuide: Sendable {
    let settings: GuidanceSettings
    let intentModel: IntentModel?
    /// Intent models for customers speaking other languages, by primary subtag.
    let otherIntentModels: [String: IntentModel]
    let knowledge: KnowledgeBase?
    /// The agent's language (the call's declared one, a primary subtag): the coaching hints are given in it.
    var agentLanguage = "en"
    /// The call's intent: the latest in-scope reading, kept for good once it is confident enough.
    private(set) var intent: IntentPrediction?
    private var settled = false
    private var readings = 0
    /// The customer's latest texts, for the intent (newest last).
    private var customerTexts: [String] = []
    /// The latest turns as the knowledge base reads them (newest last).
    private var customerTerms: [KnowledgeTerms] = []
    private var agentTerms: [KnowledgeTerms] = []
    /// The latest customer turn's cues and emotions, for the coaching hints.
    private var latestCues: [CueKind] = []
    private var latestEmotions: EmotionScores?
    /// When articles were last given, and the first of them.
    private var lastArticlesAt: Int?
    private var lastArticleID: String?
    /// The last guidance given with a decision: its time and what it said, so the same is not said again at once.
    private var lastDecisionGuidance: (at: Int, tier: Tier?, hints: [String], articles: [String])?

    init(settings: GuidanceSettings, intentModel: IntentModel?, knowledge: KnowledgeBase?, otherIntentModels: [String: IntentModel] = [:]) {
        self.settings = settings
        self.intentModel = intentModel
        self.otherIntentModels = otherIntentModels
        self.knowledge = knowledge
    }

    /// The call's intent as a signal carries it.
    var callIntent: CallIntent? { intent.map { CallIntent(label: $0.intent, confidence: $0.confidence) } }

    /// Takes a final customer turn, said in `language`: reads the intent again with that language's model (until it
    /// has settled) and remembers the turn's words.
    mutating func hearCustomer(_ text: String, language: String = "en") {
        if let knowledge { Self.keep(knowledge.terms(text), in: &customerTerms, last: settings.customerTurnWeights.count) }
        guard let intentModel = language == "en" ? intentModel : otherIntentModels[language], !settled, readings < settings.intentReadings
        else { return }
        readings += 1
        Self.keep(text, in: &customerTexts, last: max(1, settings.intentTurns))
        let prediction = intentModel.classify(customerTexts.joined(separator: " "), top: 1)
        guard !prediction.isOutOfScope else { return }
        intent = prediction
        settled = prediction.confidence >= settings.intentSettles
    }

    /// Takes what the customer's latest turn raised.
    mutating func noteCustomerSignal(_ signal: TurnSignal) {
        latestCues = signal.cues.map(\.kind)
        latestEmotions = signal.emotions
    }

    /// Takes a final agent (or bot) turn.
    mutating func hearAgent(_ text: String) {
        if let knowledge { Self.keep(knowledge.terms(text), in: &agentTerms, last: settings.agentTurnWeights.count) }
    }

    private static func keep<Element>(_ element: Element, in list: inout [Element], last count: Int) {
        list.append(element)
        if list.count > count { list.removeFirst(list.count - count) }
    }

    // MARK: Guidance

    /// The guidance for one event's decisions, or, after a customer turn without any, an unprompted article when the
    /// customer's words match one strongly and their latest turn shares a word with it, at most once per
    /// `suggestionIntervalMs` and never the same article twice in a row. Nil when there is nothing new to say.
    mutating func guidance(callID: String, at now: Int, decisions: [Decision], afterCustomerTurn: Bool) -> Guidance? {
        if let guidance = decisionGuidance(callID: callID, decisions: decisions) { return guidance }
        guard afterCustomerTurn, knowledge != nil else { return nil }
        if let last = lastArticlesAt, now - last < settings.suggestionIntervalMs { return nil }
        // Suggested for what the customer has just said: the article must have a word of their latest turn.
        guard let best = search(limit: 1).first, best.score >= settings.suggestionScore, best.id != lastArticleID,
            let latest = customerTerms.last, knowledge?.article(best.id, contains: latest) == true
        else { return nil }
        return give(Guidance(callID: callID, at: now, tier: nil, intent: intent?.intent, hints: [], articles: [best]))
    }

    private mutating func decisionGuidance(callID: String, decisions: [Decision]) -> Guidance? {
        guard let tier = decisions.map(\.tier).max(), let now = decisions.map(\.at).max() else { return nil }
        var responses: [AutomaticResponse] = []
        for response in decisions.flatMap(\.responses) where !responses.contains(response) { responses.append(response) }
        guard !responses.isEmpty || !latestCues.isEmpty else { return nil }
        let hints = Coaching.hints(
            for: CoachingMoment(tier: tier, responses: responses, cues: latestCues, emotions: latestEmotions),
            table: Coaching.table(in: agentLanguage))
        var articles: [KnowledgeMatch]
        if responses.contains(.knowledgeBase) {
            articles = search(limit: settings.articlesWithDecision).filter { $0.score >= settings.decisionArticleScore }
        } else {
            articles = search(limit: 1).filter { $0.score >= settings.suggestionScore && $0.id != lastArticleID }
        }
        guard !hints.isEmpty || !articles.isEmpty else { return nil }
        let said = (hints: hints.map(\.id), articles: articles.map(\.id))
        if let last = lastDecisionGuidance, now - last.at < settings.suggestionIntervalMs, last.tier == tier, last.hints == said.hints,
            last.articles == said.articles
        {
            return nil
        }
        lastDecisionGuidance = (now, tier, said.hints, said.articles)
        return give(Guidance(callID: callID, at: now, tier: tier, intent: intent?.intent, hints: hints, articles: articles))
    }

    private mutating func give(_ guidance: Guidance) -> Guidance {
        if let first = guidance.articles.first {
            lastArticlesAt = guidance.at
            lastArticleID = first.id
        }
        return guidance
    }

    /// Searches the recent turns, the customer's weighted most, boosted by the call's intent. Scores are rounded to
    /// hundredths, as they are shown.
    func search(limit: Int) -> [KnowledgeMatch] {
        guard let knowledge else { return [] }
        var query = KnowledgeQuery()
        for (terms, weight) in zip(customerTerms.reversed(), settings.customerTurnWeights) { query.add(terms, weight: weight) }
        for (terms, weight) in zip(agentTerms.reversed(), settings.agentTurnWeights) { query.add(terms, weight: weight) }
        return knowledge.search(query, intent: intent?.intent, limit: limit).map { match in
            var match = match
            match.score = (match.score * 100).rounded() / 100
            return match
        }
    }
}
