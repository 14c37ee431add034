/// How a call's guidance is paced and what its knowledge searches read.
public struct GuidanceSettings: Sendable, Equatable {
    /// Customer turns the searches read, newest first with these weights: what the customer said last counts most.
    public var customerTurnWeights: [Double] = [1.0, 0.7, 0.5]
    /// Agent turns the searches read, newest first with these weights: the agent's words help, the customer's lead.
    public var agentTurnWeights: [Double] = [0.3, 0.2]
    /// An article is suggested unprompted only with at least this BM25 score.
    public var suggestionScore = 6.0
    /// At most one unprompted suggestion in this much event time (milliseconds); guidance with articles given with a
    /// decision counts too.
    public var suggestionIntervalMs = 30_000
    /// Articles given with a decision whose rule asks for `knowledge_base`; with other decisions, only the best one,
    /// and only when it is as strong as an unprompted suggestion.
    public var articlesWithDecision = 3
    /// An article given with a `knowledge_base` decision needs at least this score.
    public var decisionArticleScore = 2.0

    /// Customer turns the intent is read from (their texts joined), newest last.
    public var intentTurns = 3
    /// An intent this confident is kept for the rest of the call; below it the intent is read again at each customer turn.
    public var intentSettles = 0.7
    /// The intent is read at most at this many customer turns: a caller says early what they want, and a long call
    /// whose intent stays unsure should not pay for a reading at every turn. The last reading is kept.
    public var intentReadings = 12

    public init() {}
}
