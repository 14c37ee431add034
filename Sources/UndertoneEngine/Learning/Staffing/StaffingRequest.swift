/// One staffing question for one interval of a forecast: how many agents are needed (or, with `agents`, how a given
/// headcount performs) for this many calls, this handle time and these targets.
///
/// The JSON keys are the property names, and so are the query parameters of `GET /v1/staffing`: every value is a plain
/// number (seconds for times, fractions for shares), so a query string decodes straight into this type
/// (`?calls=100&intervalSeconds=1800&ahtSeconds=180&serviceLevel=0.8&answerWithinSeconds=20`). Keys left out take the
/// defaults below. `docs/staffing.md` lists them with the CLI flag each one matches.
public struct StaffingRequest: Sendable, Equatable, Hashable, Codable {
    /// Calls offered in the interval (a forecast may be fractional). 0 or more.
    public var calls: Double
    /// The interval's length in seconds; 1800 (30 minutes) unless given.
    public var intervalSeconds: Double
    /// Average handle time in seconds (talk, hold and wrap-up).
    public var ahtSeconds: Double
    /// The share of calls to answer within `answerWithinSeconds`, from 0 up to (not including) 1; 0.8 unless given.
    public var serviceLevel: Double
    /// The answer-within time of the service level, in seconds; 20 unless given.
    public var answerWithinSeconds: Double
    /// The most an agent's time may be spent on calls, above 0 and at most 1; no limit when absent.
    public var maxOccupancy: Double?
    /// The longest acceptable average speed of answer in seconds; no limit when absent.
    public var maxASASeconds: Double?
    /// Callers' mean patience in seconds: when present the model is Erlang A (callers hang up), else Erlang C.
    public var patienceSeconds: Double?
    /// The largest acceptable share of calls abandoned (Erlang A only); no limit when absent.
    public var maxAbandonment: Double?
    /// A headcount to evaluate instead of asking how many are needed.
    public var agents: Int?
    /// The share of paid time agents are not available for calls (breaks, training, absence), from 0 up to (not
    /// including) 1: scheduled heads = agents / (1 − shrinkage). 0 unless given.
    public var shrinkage: Double

    public init(
        calls: Double, intervalSeconds: Double = 1800, ahtSeconds: Double, serviceLevel: Double = 0.8, answerWithinSeconds: Double = 20,
        maxOccupancy: Double? = nil, maxASASeconds: Double? = nil, patienceSeconds: Double? = nil, maxAbandonment: Double? = nil,
        agents: Int? = nil, shrinkage: Double = 0
    ) {
        self.calls = calls
        self.intervalSeconds = intervalSeconds
        self.ahtSeconds = ahtSeconds
        self.serviceLevel = serviceLevel
        self.answerWithinSeconds = answerWithinSeconds
        self.maxOccupancy = maxOccupancy
        self.maxASASeconds = maxASASeconds
        self.patienceSeconds = patienceSeconds
        self.maxAbandonment = maxAbandonment
        self.agents = agents
        self.shrinkage = shrinkage
    }

    private enum CodingKeys: String, CodingKey {
        case calls, intervalSeconds, ahtSeconds, serviceLevel, answerWithinSeconds, maxOccupancy, maxASASeconds, patienceSeconds
        case maxAbandonment, agents, shrinkage
    }

    /// Reads the keys present and gives the others their defaults; `calls` and `ahtSeconds` are required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        calls = try container.decode(Double.self, forKey: .calls)
        intervalSeconds = try container.decodeIfPresent(Double.self, forKey: .intervalSeconds) ?? 1800
        ahtSeconds = try container.decode(Double.self, forKey: .ahtSeconds)
        serviceLevel = try container.decodeIfPresent(Double.self, forKey: .serviceLevel) ?? 0.8
        answerWithinSeconds = try container.decodeIfPresent(Double.self, forKey: .answerWithinSeconds) ?? 20
        maxOccupancy = try container.decodeIfPresent(Double.self, forKey: .maxOccupancy)
        maxASASeconds = try container.decodeIfPresent(Double.self, forKey: .maxASASeconds)
        patienceSeconds = try container.decodeIfPresent(Double.self, forKey: .patienceSeconds)
        maxAbandonment = try container.decodeIfPresent(Double.self, forKey: .maxAbandonment)
        agents = try container.decodeIfPresent(Int.self, forKey: .agents)
        shrinkage = try container.decodeIfPresent(Double.self, forKey: .shrinkage) ?? 0
    }

    /// Which model answers the question: Erlang A when a patience is given.
    public var model: StaffingModel { patienceSeconds == nil ? .erlangC : .erlangA }

    /// Offered traffic in Erlangs: calls × handle time / interval.
    public var trafficErlangs: Double { calls * ahtSeconds / intervalSeconds }

    /// Checks every field's range and the calculator's limits; the first problem is thrown.
    public func validate() throws(StaffingError) {
        func check(_ ok: Bool, _ field: CodingKeys, _ reason: @autoclosure () -> String) throws(StaffingError) {
            if !ok { throw .invalid(field: field.rawValue, reason: reason()) }
        }
        let day = 86_400.0
        try check(calls.isFinite && calls >= 0, .calls, "must be 0 or more calls, not \(PolicyText.number(calls))")
        try check(
            intervalSeconds.isFinite && intervalSeconds > 0 && intervalSeconds <= day, .intervalSeconds,
            "must be more than 0 and at most 86400 seconds (a day), not \(PolicyText.number(intervalSeconds))")
        try check(
            ahtSeconds.isFinite && ahtSeconds >= 1 && ahtSeconds <= day, .ahtSeconds,
            "must be from 1 to 86400 seconds, not \(PolicyText.number(ahtSeconds))")
        try check(
            serviceLevel.isFinite && serviceLevel >= 0 && serviceLevel < 1, .serviceLevel,
            "must be from 0 up to (not including) 1 — no headcount answers every call in time — not \(PolicyText.number(serviceLevel))")
        try check(
            answerWithinSeconds.isFinite && answerWithinSeconds >= 0 && answerWithinSeconds <= day, .answerWithinSeconds,
            "must be from 0 to 86400 seconds, not \(PolicyText.number(answerWithinSeconds))")
        if let maxOccupancy {
            try check(
                maxOccupancy.isFinite && maxOccupancy > 0 && maxOccupancy <= 1, .maxOccupancy,
                "must be more than 0 and at most 1, not \(PolicyText.number(maxOccupancy))")
        }
        if let maxASASeconds {
            try check(
                maxASASeconds.isFinite && maxASASeconds > 0 && maxASASeconds <= day, .maxASASeconds,
                "must be more than 0 and at most 86400 seconds, not \(PolicyText.number(maxASASeconds))")
        }
        if let patienceSeconds {
            try check(
                patienceSeconds.isFinite && patienceSeconds >= 1 && patienceSeconds <= 3600, .patienceSeconds,
                "must be from 1 to 3600 seconds, not \(PolicyText.number(patienceSeconds))")
        }
        if let maxAbandonment {
            try check(patienceSeconds != nil, .maxAbandonment, "needs patienceSeconds: without patience (Erlang C) nobody abandons")
            try check(
                maxAbandonment.isFinite && maxAbandonment > 0 && maxAbandonment <= 1, .maxAbandonment,
                "must be more than 0 and at most 1, not \(PolicyText.number(maxAbandonment))")
        }
        if let agents {
            try check(agents >= 0 && agents <= Staffing.maximumAgents, .agents, "must be from 0 to \(Staffing.maximumAgents), not \(agents)")
        }
        try check(
            shrinkage.isFinite && shrinkage >= 0 && shrinkage < 1, .shrinkage,
            "must be from 0 up to (not including) 1, not \(PolicyText.number(shrinkage))")
        let traffic = trafficErlangs
        guard traffic <= Staffing.maximumTraffic else {
            throw .beyondLimits(
                "the traffic is \(PolicyText.number(traffic)) Erlangs; this calculator takes at most \(PolicyText.number(Staffing.maximumTraffic))"
            )
        }
    }
}

/// The queueing model behind a staffing answer.
public enum StaffingModel: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// M/M/N: callers wait as long as it takes.
    case erlangC = "erlang-c"
    /// M/M/N+M: callers hang up after an exponentially distributed patience.
    case erlangA = "erlang-a"
}
