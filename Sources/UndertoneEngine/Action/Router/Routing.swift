/// How a contact centre routes: its queues, which intent goes where, and how stress, risk, segment and waiting raise a
/// contact's priority. Codable, so it can be read from JSON or YAML and sent over REST.
public struct RoutingPolicy: Sendable, Equatable, Codable {
    public var queues: [RoutingQueue]
    /// Intent → queue name; intents not listed go to `defaultQueue`.
    public var intentQueues: [String: String]
    public var defaultQueue: String
    /// Priority added for live stress 0…1 (stressed callers wait less).
    public var stressWeight: Double
    /// Priority added for the predicted risk of escalation 0…1.
    public var riskWeight: Double
    /// Priority added per customer segment (`vip`, `at_risk`).
    public var segmentPriority: [String: Double]
    /// Priority added per minute already waited (aging: nobody waits forever behind newer urgent calls).
    public var agingPerMinute: Double
    /// From this stress on, the most proficient agents (4 and up) are preferred: an angry caller goes to a senior.
    public var seniorStressAbove: Double
    /// From this anxiety on (or for a caller marked vulnerable), agents with the `empathy` trait are preferred.
    public var empathyAnxietyAbove: Double

    public init(
        queues: [RoutingQueue], intentQueues: [String: String], defaultQueue: String, stressWeight: Double = 50, riskWeight: Double = 25,
        segmentPriority: [String: Double] = ["vip": 20], agingPerMinute: Double = 2, seniorStressAbove: Double = 0.6,
        empathyAnxietyAbove: Double = 0.5
    ) {
        self.queues = queues
        self.intentQueues = intentQueues
        self.defaultQueue = defaultQueue
        self.stressWeight = stressWeight
        self.riskWeight = riskWeight
        self.segmentPriority = segmentPriority
        self.agingPerMinute = agingPerMinute
        self.seniorStressAbove = seniorStressAbove
        self.empathyAnxietyAbove = empathyAnxietyAbove
    }

    /// A contact centre's usual queues for the shipped intents, tuned to an industry preset's name: `healthcare` sends
    /// anxious callers to empathetic specialists sooner, `b2b` weighs the account's segment more.
    public static func standard(industry: String? = nil) -> RoutingPolicy {
        var policy = RoutingPolicy(
            queues: [
                RoutingQueue(name: "billing", skill: "billing"), RoutingQueue(name: "technical", skill: "technical"),
                RoutingQueue(name: "delivery", skill: "delivery"), RoutingQueue(name: "accounts", skill: "account_access"),
                RoutingQueue(name: "retention", skill: "retention", minimumProficiency: 3, basePriority: 10),
                RoutingQueue(name: "fraud", skill: "fraud", minimumProficiency: 3, basePriority: 30),
                RoutingQueue(name: "complaints", skill: "complaints", minimumProficiency: 3, basePriority: 10),
                RoutingQueue(name: "general", skill: "general"),
            ],
            intentQueues: [
                "billing": "billing", "technical": "technical", "delivery": "delivery", "account_access": "accounts", "cancellation": "retention",
                "fraud_security": "fraud", "complaint": "complaints", "general_enquiry": "general",
            ],
            defaultQueue: "general")
        switch industry {
        case "healthcare": policy.empathyAnxietyAbove = 0.3
        case "b2b": policy.segmentPriority = ["enterprise": 40, "vip": 30, "smb": 5]
        default: break
        }
        return policy
    }
}

/// A contact to route: what it is about, who is calling, how they feel.
public struct RoutingRequest: Sendable, Equatable, Codable {
    public var callID: String
    public var intent: String
    /// BCP 47 tag; its primary language must be one the agent speaks.
    public var language: String
    public var segment: String?
    /// Predicted risk of escalation, 0…1 (history, repeat contact).
    public var predictedRisk: Double
    /// Live stress, 0…1 (the engine's smoothed stress).
    public var stress: Double
    /// Live anxiety, 0…1.
    public var anxiety: Double
    public var vulnerable: Bool
    /// When the contact started waiting, and now, in the same clock as the roster's `idleSinceMs`.
    public var waitingSinceMs: Int
    public var nowMs: Int

    public init(
        callID: String, intent: String, language: String = "en", segment: String? = nil, predictedRisk: Double = 0, stress: Double = 0,
        anxiety: Double = 0, vulnerable: Bool = false, waitingSinceMs: Int = 0, nowMs: Int = 0
    ) {
        self.callID = callID
        self.intent = intent
        self.language = language
        self.segment = segment
        self.predictedRisk = predictedRisk
        self.stress = stress
        self.anxiety = anxiety
        self.vulnerable = vulnerable
        self.waitingSinceMs = waitingSinceMs
        self.nowMs = nowMs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        callID = try container.decode(String.self, forKey: .callID)
        // Left out (or empty) for a call the server knows: it is read from the call's own words.
        intent = try container.decodeIfPresent(String.self, forKey: .intent) ?? ""
        language = try container.decodeIfPresent(String.self, forKey: .language) ?? "en"
        segment = try container.decodeIfPresent(String.self, forKey: .segment)
        predictedRisk = try container.decodeIfPresent(Double.self, forKey: .predictedRisk) ?? 0
        stress = try container.decodeIfPresent(Double.self, forKey: .stress) ?? 0
        anxiety = try container.decodeIfPresent(Double.self, forKey: .anxiety) ?? 0
        vulnerable = try container.decodeIfPresent(Bool.self, forKey: .vulnerable) ?? false
        waitingSinceMs = try container.decodeIfPresent(Int.self, forKey: .waitingSinceMs) ?? 0
        nowMs = try container.decodeIfPresent(Int.self, forKey: .nowMs) ?? waitingSinceMs
    }
}

/// Where a contact goes and why.
public struct RoutingDecision: Sendable, Equatable, Codable {
    public var callID: String
    public var queue: String
    /// Higher is served first.
    public var priority: Double
    /// The agent chosen, or nil when none qualified is free (the contact waits in `queue` at `priority`).
    public var agentID: String?
    /// Every step of the choice, in words.
    public var reasons: [String]
}

/// Skills-based routing: pure, deterministic, explained.
public enum Routing {
    /// The queue, priority and best free agent for one contact (the roster is not changed).
    public static func route(_ request: RoutingRequest, roster: [RosterAgent], policy: RoutingPolicy) -> RoutingDecision {
        var reasons: [String] = []
        let queueName = policy.intentQueues[request.intent] ?? policy.defaultQueue
        let queue =
            policy.queues.first { $0.name == queueName } ?? RoutingQueue(name: queueName, skill: policy.intentQueues[request.intent] ?? "general")
        reasons.append(
            policy.intentQueues[request.intent] != nil
                ? "intent \(request.intent) → queue \(queue.name) (skill \(queue.skill) ≥ \(queue.minimumProficiency))"
                : "intent \(request.intent) has no queue of its own → \(queue.name)")

        let priority = priority(of: request, in: queue, policy: policy, reasons: &reasons)
        let language = request.language.split(separator: "-").first.map { String($0).lowercased() } ?? "en"
        var candidates = roster.filter { agent in
            agent.hasRoom && (agent.skills[queue.skill] ?? 0) >= queue.minimumProficiency && agent.languages.contains { $0.lowercased() == language }
        }
        guard !candidates.isEmpty else {
            reasons.append("no free agent with \(queue.skill) ≥ \(queue.minimumProficiency) speaking \(language): waits in \(queue.name)")
            return RoutingDecision(callID: request.callID, queue: queue.name, priority: priority, agentID: nil, reasons: reasons)
        }
        reasons.append("\(candidates.count) free agents have \(queue.skill) ≥ \(queue.minimumProficiency) and speak \(language)")
        if request.vulnerable || request.anxiety >= policy.empathyAnxietyAbove {
            let empathetic = candidates.filter { $0.traits.contains("empathy") }
            let why = request.vulnerable ? "caller marked vulnerable" : "anxiety \(format(request.anxiety)) ≥ \(format(policy.empathyAnxietyAbove))"
            if empathetic.isEmpty {
                reasons.append("\(why), but no empathy specialist is free among them")
            } else {
                candidates = empathetic
                reasons.append("\(why): empathy specialists preferred (\(empathetic.count))")
            }
        }
        if request.stress >= policy.seniorStressAbove {
            let seniors = candidates.filter { ($0.skills[queue.skill] ?? 0) >= 4 }
            if !seniors.isEmpty {
                candidates = seniors
                reasons.append("stress \(format(request.stress)) ≥ \(format(policy.seniorStressAbove)): senior agents preferred (\(seniors.count))")
            }
        }
        let best = candidates.map { $0.skills[queue.skill] ?? 0 }.max() ?? 0
        let chosen = candidates.filter { ($0.skills[queue.skill] ?? 0) == best }
            .min { ($0.idleSinceMs, $0.id) < ($1.idleSinceMs, $1.id) }
        guard let chosen else {
            return RoutingDecision(callID: request.callID, queue: queue.name, priority: priority, agentID: nil, reasons: reasons)
        }
        // Times are bounded by `latestMs` (validate()), so the difference cannot overflow; clamped all the same.
        let idleSeconds = max(0, request.nowMs.subtractingReportingOverflow(chosen.idleSinceMs).partialValue) / 1000
        reasons.append("\(chosen.id): proficiency \(best) in \(queue.skill), the longest idle of the best qualified (\(idleSeconds) s)")
        return RoutingDecision(callID: request.callID, queue: queue.name, priority: priority, agentID: chosen.id, reasons: reasons)
    }

    /// Routes waiting contacts highest priority first (then longest waiting), each taking a place of the agent it gets,
    /// so that no agent goes over capacity. Returns the decisions in the order made and the roster after them.
    public static func dispatch(
        _ requests: [RoutingRequest], roster: [RosterAgent], policy: RoutingPolicy
    ) -> (decisions: [RoutingDecision], roster: [RosterAgent]) {
        var roster = roster
        let ordered = requests.map { request -> (RoutingRequest, Double) in
            var ignored: [String] = []
            let queueName = policy.intentQueues[request.intent] ?? policy.defaultQueue
            let queue = policy.queues.first { $0.name == queueName } ?? RoutingQueue(name: queueName, skill: "general")
            return (request, priority(of: request, in: queue, policy: policy, reasons: &ignored))
        }
        .sorted { ($1.1, $0.0.waitingSinceMs, $0.0.callID) < ($0.1, $1.0.waitingSinceMs, $1.0.callID) }
        var decisions: [RoutingDecision] = []
        for (request, _) in ordered {
            let decision = route(request, roster: roster, policy: policy)
            if let agentID = decision.agentID, let index = roster.firstIndex(where: { $0.id == agentID }) {
                roster[index].active += 1
            }
            decisions.append(decision)
        }
        return (decisions, roster)
    }

    static func priority(of request: RoutingRequest, in queue: RoutingQueue, policy: RoutingPolicy, reasons: inout [String]) -> Double {
        var priority = queue.basePriority
        var parts = ["base \(format(queue.basePriority))"]
        func add(_ value: Double, _ what: String) {
            guard value != 0 else { return }
            priority += value
            parts.append("\(what) +\(format(value))")
        }
        add(policy.stressWeight * min(max(request.stress, 0), 1), "stress \(format(request.stress))")
        add(policy.riskWeight * min(max(request.predictedRisk, 0), 1), "risk \(format(request.predictedRisk))")
        if let segment = request.segment { add(policy.segmentPriority[segment] ?? 0, "segment \(segment)") }
        let waitedMinutes = max(0, Double(request.nowMs) - Double(request.waitingSinceMs)) / 60_000
        add(policy.agingPerMinute * waitedMinutes, "waited \(format(waitedMinutes)) min")
        reasons.append("priority \(format(priority)) (\(parts.joined(separator: ", ")))")
        return priority
    }

    public static func format(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The latest time (`nowMs`, `waitingSinceMs`, `idleSinceMs`) a request or roster may give: 10^15 ms, some 31,000
    /// years of any clock, so that the difference of two times never overflows.
    public static let latestMs = 1_000_000_000_000_000
    /// The largest weight or priority a policy may give.
    public static let largestWeight = 1e6
}

/// Why a routing request, roster or policy was refused: a field out of its range, named.
public struct RoutingInputError: Error, Equatable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }

    static func check(_ valid: Bool, _ field: String, _ range: String) throws(RoutingInputError) {
        if !valid { throw RoutingInputError("\(field) must be \(range)") }
    }

    static func fraction(_ value: Double, _ field: String) throws(RoutingInputError) {
        try check(value.isFinite && (0...1).contains(value), field, "a number from 0 to 1")
    }

    static func time(_ value: Int, _ field: String) throws(RoutingInputError) {
        try check((0...Routing.latestMs).contains(value), field, "a time in milliseconds from 0 to \(Routing.latestMs)")
    }

    static func weight(_ value: Double, _ field: String) throws(RoutingInputError) {
        try check(value.isFinite && abs(value) <= Routing.largestWeight, field, "a number from -1e6 to 1e6")
    }
}

extension RoutingRequest {
    /// Checks every number is in its range (fractions 0…1, times 0…`Routing.latestMs`) and the call id is given.
    public func validate() throws(RoutingInputError) {
        try RoutingInputError.check(!callID.isEmpty, "request.callID", "a call id, not empty")
        try RoutingInputError.fraction(predictedRisk, "request.predictedRisk")
        try RoutingInputError.fraction(stress, "request.stress")
        try RoutingInputError.fraction(anxiety, "request.anxiety")
        try RoutingInputError.time(waitingSinceMs, "request.waitingSinceMs")
        try RoutingInputError.time(nowMs, "request.nowMs")
    }
}

extension RosterAgent {
    /// Checks proficiencies (0…100), capacity and contacts held (0…10,000) and the idle time.
    public func validate(_ field: String) throws(RoutingInputError) {
        try RoutingInputError.check(!id.isEmpty, "\(field).id", "an agent id, not empty")
        for (skill, level) in skills { try RoutingInputError.check((0...100).contains(level), "\(field).skills.\(skill)", "from 0 to 100") }
        try RoutingInputError.check((0...10_000).contains(capacity), "\(field).capacity", "from 0 to 10000")
        try RoutingInputError.check((0...10_000).contains(active), "\(field).active", "from 0 to 10000")
        try RoutingInputError.time(idleSinceMs, "\(field).idleSinceMs")
    }
}

extension RoutingPolicy {
    /// Checks weights and priorities are finite and at most 10^6 in size, proficiencies 0…100, thresholds 0…1.
    public func validate() throws(RoutingInputError) {
        try RoutingInputError.weight(stressWeight, "policy.stressWeight")
        try RoutingInputError.weight(riskWeight, "policy.riskWeight")
        try RoutingInputError.weight(agingPerMinute, "policy.agingPerMinute")
        try RoutingInputError.fraction(seniorStressAbove, "policy.seniorStressAbove")
        try RoutingInputError.fraction(empathyAnxietyAbove, "policy.empathyAnxietyAbove")
        for (segment, value) in segmentPriority { try RoutingInputError.weight(value, "policy.segmentPriority.\(segment)") }
        for (index, queue) in queues.enumerated() {
            try RoutingInputError.weight(queue.basePriority, "policy.queues[\(index)].basePriority")
            try RoutingInputError.check((0...100).contains(queue.minimumProficiency), "policy.queues[\(index)].minimumProficiency", "from 0 to 100")
        }
    }
}
