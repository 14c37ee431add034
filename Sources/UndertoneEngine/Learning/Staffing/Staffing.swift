import Foundation

/// Staffing by queueing theory: how many agents an interval of calls needs to meet a service level, an occupancy cap, an
/// average speed of answer and (with patience) an abandonment cap, by Erlang C, or Erlang A when callers' patience is
/// given; and how a given headcount performs. Pure and deterministic; `docs/staffing.md` gives the formulas.
public enum Staffing {
    /// The largest headcount the calculator evaluates or searches to.
    public static let maximumAgents = 1_000_000
    /// The largest offered traffic, in Erlangs, the calculator takes.
    public static let maximumTraffic = 100_000.0
    /// Slack allowed when comparing a figure with its target, so that a figure equal to its target in exact arithmetic
    /// (8.5 Erlangs on 10 agents against 85% occupancy) is not turned away by rounding.
    static let tolerance = 1e-12

    /// Erlang B: the probability that a call finding `agents` agents busy is lost, at `trafficErlangs` Erlangs.
    public static func erlangB(agents: Int, trafficErlangs: Double) -> Double {
        QueueMath.erlangB(servers: max(0, agents), traffic: max(0, trafficErlangs))
    }

    /// Erlang C: the probability that a call has to wait; 1 when `agents` does not exceed the traffic, 0 without traffic.
    public static func erlangC(agents: Int, trafficErlangs: Double) -> Double {
        let queue = ErlangC(traffic: max(0, trafficErlangs), handleTime: 1, answerWithin: 0)
        return queue.performance(agents: agents, erlangB: erlangB(agents: agents, trafficErlangs: trafficErlangs)).probabilityOfWaiting
    }

    /// Answers a staffing request: the headcount needed, or, when the request names `agents`, how that headcount
    /// performs (with the headcount needed alongside). Throws when the request is out of range, or when it asks for the
    /// headcount and none up to `maximumAgents` meets its targets.
    public static func solve(_ request: StaffingRequest) throws(StaffingError) -> StaffingResult {
        try request.validate()
        var queue = StaffingQueue(request)
        let required: Int?
        let agents: Int
        if let given = request.agents {
            required = try? queue.requiredAgents()
            agents = given
        } else {
            let needed = try queue.requiredAgents()
            required = needed
            agents = needed
        }
        let performance = queue.performance(agents: agents)
        let missed = queue.missedTargets(performance)
        var limitedBy: [StaffingTarget] = []
        if let required, required > 0 { limitedBy = queue.missedTargets(queue.performance(agents: required - 1)) }
        let scheduled = Int((Double(agents) / (1 - request.shrinkage) - 1e-9).rounded(.up))
        return StaffingResult(
            model: request.model, trafficErlangs: request.trafficErlangs, agents: agents, requiredAgents: required,
            scheduledAgents: max(agents, scheduled), stable: performance.isStable, serviceLevel: performance.serviceLevel,
            probabilityOfWaiting: performance.probabilityOfWaiting, waitBeyondTarget: performance.waitBeyondTarget,
            averageSpeedOfAnswerSeconds: performance.averageSpeedOfAnswer, averageWaitSeconds: performance.averageWait,
            occupancy: performance.occupancy, abandonment: request.model == .erlangA ? performance.abandonment : nil,
            meetsTargets: missed.isEmpty, missedTargets: missed, limitedBy: limitedBy)
    }
}

/// One request's queue and targets, with Erlang B cached by headcount so that a search evaluates any headcount without
/// rerunning the recursion from zero.
struct StaffingQueue {
    private let request: StaffingRequest
    private var blocking: [Double] = [1]

    init(_ request: StaffingRequest) {
        self.request = request
    }

    private var traffic: Double { request.trafficErlangs }

    mutating func performance(agents: Int) -> QueuePerformance {
        while blocking.count <= agents {
            blocking.append(QueueMath.nextErlangB(blocking[blocking.count - 1], servers: blocking.count, traffic: traffic))
        }
        let within = request.answerWithinSeconds
        if let patience = request.patienceSeconds {
            let queue = ErlangA(
                arrivalRate: request.calls / request.intervalSeconds, handleTime: request.ahtSeconds, patience: patience, answerWithin: within)
            return queue.performance(agents: agents, erlangB: blocking[agents])
        }
        return ErlangC(traffic: traffic, handleTime: request.ahtSeconds, answerWithin: within).performance(agents: agents, erlangB: blocking[agents])
    }

    /// The targets a performance misses, in the order of `StaffingTarget`; an unstable queue misses stability alone.
    func missedTargets(_ performance: QueuePerformance) -> [StaffingTarget] {
        guard performance.isStable else { return [.stability] }
        let slack = Staffing.tolerance
        var missed: [StaffingTarget] = []
        if performance.serviceLevel < request.serviceLevel - slack { missed.append(.serviceLevel) }
        if let cap = request.maxOccupancy, performance.occupancy > cap + slack { missed.append(.occupancy) }
        if let cap = request.maxASASeconds, (performance.averageSpeedOfAnswer ?? .infinity) > cap * (1 + slack) {
            missed.append(.averageSpeedOfAnswer)
        }
        if let cap = request.maxAbandonment, performance.abandonment > cap + slack { missed.append(.abandonment) }
        return missed
    }

    /// The smallest headcount meeting every target.
    ///
    /// Service level, speed of answer and abandonment only improve with more agents, so the search first finds the
    /// smallest headcount meeting those (by steps in Erlang C, where each costs one recursion step; by doubling and
    /// halving in Erlang A, where each costs incomplete gamma functions), then walks up until occupancy is met too.
    mutating func requiredAgents() throws(StaffingError) -> Int {
        guard traffic > 0 else { return 0 }
        var agents: Int
        if request.patienceSeconds == nil {
            agents = Int(traffic.rounded(.down)) + 1
            while !meetsImprovingTargets(agents) { agents = try next(agents) }
        } else {
            agents = try smallestMeetingImprovingTargets()
        }
        while !missedTargets(performance(agents: agents)).isEmpty { agents = try next(agents) }
        return agents
    }

    private mutating func meetsImprovingTargets(_ agents: Int) -> Bool {
        missedTargets(performance(agents: agents)).allSatisfy { $0 == .occupancy }
    }

    private func next(_ agents: Int) throws(StaffingError) -> Int {
        guard agents < Staffing.maximumAgents else {
            throw .unreachable("no headcount up to \(Staffing.maximumAgents) agents meets these targets")
        }
        return agents + 1
    }

    /// Erlang A: answered calls cannot outnumber what the agents can handle, so the service level is at most
    /// agents / traffic and the search starts from ⌊target × traffic⌋ (and from one agent: offered calls need someone).
    private mutating func smallestMeetingImprovingTargets() throws(StaffingError) -> Int {
        var low = max(1, Int((request.serviceLevel * traffic).rounded(.down)))
        if meetsImprovingTargets(low) { return low }
        var step = 1
        var high = low + step
        while !meetsImprovingTargets(high) {
            guard high < Staffing.maximumAgents else {
                throw .unreachable("no headcount up to \(Staffing.maximumAgents) agents meets these targets")
            }
            low = high
            step *= 2
            high = min(Staffing.maximumAgents, low + step)
        }
        // `low` misses, `high` meets.
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if meetsImprovingTargets(middle) { high = middle } else { low = middle }
        }
        return high
    }
}
