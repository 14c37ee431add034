/// A target a staffing request can set.
public enum StaffingTarget: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Enough agents that the queue settles at all (Erlang C needs more agents than Erlangs of traffic).
    case stability
    case serviceLevel
    case occupancy
    case averageSpeedOfAnswer
    case abandonment
}

/// The answer to a `StaffingRequest`: the headcount and what callers meet with it. Times are in seconds, shares are
/// fractions from 0 to 1. `docs/staffing.md` defines each figure.
public struct StaffingResult: Sendable, Equatable, Codable {
    /// Erlang C, or Erlang A when the request gave a patience.
    public var model: StaffingModel
    /// Offered traffic in Erlangs: calls × handle time / interval.
    public var trafficErlangs: Double
    /// The headcount the figures below describe: the request's `agents` if it gave one, else `requiredAgents`.
    public var agents: Int
    /// The smallest headcount meeting every target; absent when none up to `Staffing.maximumAgents` does.
    public var requiredAgents: Int?
    /// `agents` grossed up for shrinkage: ⌈agents / (1 − shrinkage)⌉.
    public var scheduledAgents: Int
    /// False when the agents cannot keep up (Erlang C with traffic ≥ agents): the queue grows without bound.
    public var stable: Bool
    /// Calls answered within the target time over all calls offered.
    public var serviceLevel: Double
    /// The share of callers who wait at all.
    public var probabilityOfWaiting: Double
    /// The share of callers still waiting (neither answered nor gone) when the target time has passed.
    public var waitBeyondTarget: Double
    /// Average speed of answer: the mean wait of answered calls; absent when unstable.
    public var averageSpeedOfAnswerSeconds: Double?
    /// The mean time in the queue over all calls offered, abandoned ones included (equal to the ASA in Erlang C);
    /// absent when unstable.
    public var averageWaitSeconds: Double?
    /// The share of agents' time spent handling calls.
    public var occupancy: Double
    /// The share of calls abandoned (Erlang A only).
    public var abandonment: Double?
    /// Whether `agents` meets every target of the request.
    public var meetsTargets: Bool
    /// The targets `agents` misses (empty when it meets them all).
    public var missedTargets: [StaffingTarget]
    /// The targets one agent fewer than `requiredAgents` would miss: what sets the headcount.
    public var limitedBy: [StaffingTarget]

    public init(
        model: StaffingModel, trafficErlangs: Double, agents: Int, requiredAgents: Int?, scheduledAgents: Int, stable: Bool, serviceLevel: Double,
        probabilityOfWaiting: Double, waitBeyondTarget: Double, averageSpeedOfAnswerSeconds: Double?, averageWaitSeconds: Double?,
        occupancy: Double, abandonment: Double?, meetsTargets: Bool, missedTargets: [StaffingTarget], limitedBy: [StaffingTarget]
    ) {
        self.model = model
        self.trafficErlangs = trafficErlangs
        self.agents = agents
        self.requiredAgents = requiredAgents
        self.scheduledAgents = scheduledAgents
        self.stable = stable
        self.serviceLevel = serviceLevel
        self.probabilityOfWaiting = probabilityOfWaiting
        self.waitBeyondTarget = waitBeyondTarget
        self.averageSpeedOfAnswerSeconds = averageSpeedOfAnswerSeconds
        self.averageWaitSeconds = averageWaitSeconds
        self.occupancy = occupancy
        self.abandonment = abandonment
        self.meetsTargets = meetsTargets
        self.missedTargets = missedTargets
        self.limitedBy = limitedBy
    }
}
