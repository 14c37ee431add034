import Testing
import UndertoneEngine

@Suite("Skills-based routing")
struct RouterTests {
    static let skills = ["billing", "technical", "delivery", "account_access", "retention", "fraud", "complaints", "general"]

    /// 50 agents: for each skill a few specialists (proficiency 3–5) who also do `general` at 2; some speak Spanish, some
    /// are empathy specialists, some away or busy, chat agents with capacity 3. Deterministic.
    static func roster() -> [RosterAgent] {
        (0..<50).map { index in
            let skill = skills[index % skills.count]
            var agentSkills = [skill: 3 + index % 3]
            if skill != "general" { agentSkills["general"] = 2 }
            return RosterAgent(
                id: "ag-\(index)", team: "team-\(index % 5)", skills: agentSkills, languages: index % 7 == 0 ? ["en", "es"] : ["en"],
                capacity: index % 10 == 9 ? 3 : 1, active: 0, presence: index % 13 == 12 ? .away : .available,
                idleSinceMs: 1_000 * ((index * 37) % 50),
                traits: index % 4 == 1 ? ["empathy"] : [])
        }
    }

    let policy = RoutingPolicy.standard()

    @Test("specialists receive their intents, the best qualified and longest idle first, with reasons")
    func specialists() throws {
        let roster = Self.roster()
        for (intent, queue) in policy.intentQueues {
            let decision = Routing.route(RoutingRequest(callID: "c-\(intent)", intent: intent, nowMs: 60_000), roster: roster, policy: policy)
            #expect(decision.queue == queue)
            let agent = try #require(roster.first { $0.id == decision.agentID })
            let skill = try #require(policy.queues.first { $0.name == queue }?.skill)
            let best = roster.filter { $0.hasRoom }.compactMap { $0.skills[skill] }.max()
            #expect(agent.skills[skill] == best, "\(intent) went to \(agent.id)")
            let tied = roster.filter { $0.hasRoom && $0.skills[skill] == best }
            #expect(agent.idleSinceMs == tied.map(\.idleSinceMs).min())
            #expect(decision.reasons.count >= 3)
            #expect(decision.reasons.contains { $0.contains("longest idle") })
        }
        let unknown = Routing.route(RoutingRequest(callID: "c-x", intent: "weather"), roster: roster, policy: policy)
        #expect(unknown.queue == "general")
    }

    @Test("stress and risk raise priority, and the most stressed are served first when agents are scarce")
    func stressRaisesPriority() {
        let calm = Routing.route(RoutingRequest(callID: "calm", intent: "billing"), roster: [], policy: policy)
        let angry = Routing.route(RoutingRequest(callID: "angry", intent: "billing", predictedRisk: 0.5, stress: 0.9), roster: [], policy: policy)
        #expect(angry.priority > calm.priority)
        #expect(angry.agentID == nil)
        #expect(angry.reasons.contains { $0.contains("stress 0.9 +45") })
        // One billing agent free, three callers: the angriest gets them even though they called last.
        let one = [RosterAgent(id: "solo", skills: ["billing": 4])]
        let waiting = [
            RoutingRequest(callID: "first", intent: "billing", stress: 0.1, waitingSinceMs: 0, nowMs: 30_000),
            RoutingRequest(callID: "second", intent: "billing", stress: 0.3, waitingSinceMs: 10_000, nowMs: 30_000),
            RoutingRequest(callID: "third", intent: "billing", stress: 0.95, waitingSinceMs: 29_000, nowMs: 30_000),
        ]
        let (decisions, after) = Routing.dispatch(waiting, roster: one, policy: policy)
        #expect(decisions.first?.callID == "third")
        #expect(decisions.first?.agentID == "solo")
        #expect(decisions.dropFirst().allSatisfy { $0.agentID == nil })
        #expect(after[0].active == 1)
    }

    @Test("dispatching 200 contacts over 50 agents never puts an agent over capacity")
    func capacity() {
        let roster = Self.roster()
        let intents = policy.intentQueues.keys.sorted()
        let requests = (0..<200).map { index -> RoutingRequest in
            let language = index % 9 == 0 ? "es-MX" : "en-GB"
            let stress = Double(index % 10) / 10
            return RoutingRequest(
                callID: "c-\(index)", intent: intents[index % intents.count], language: language, stress: stress, waitingSinceMs: index * 100,
                nowMs: 60_000)
        }
        let (decisions, after) = Routing.dispatch(requests, roster: roster, policy: policy)
        #expect(decisions.count == 200)
        for agent in after { #expect(agent.active <= agent.capacity, "\(agent.id)") }
        let assigned = decisions.compactMap(\.agentID)
        #expect(after.map(\.active).reduce(0, +) == assigned.count)
        #expect(assigned.count > 30)
        #expect(assigned.count < 200)
        let byID = Dictionary(uniqueKeysWithValues: roster.map { ($0.id, $0) })
        let languages = Dictionary(uniqueKeysWithValues: requests.map { ($0.callID, $0.language) })
        for decision in decisions {
            #expect(!decision.reasons.isEmpty)
            guard let agentID = decision.agentID, let agent = byID[agentID] else { continue }
            #expect(agent.presence == .available)
            if languages[decision.callID]?.hasPrefix("es") == true { #expect(agent.languages.contains("es")) }
        }
    }

    @Test("anxious or vulnerable callers go to empathy specialists (sooner in the healthcare preset); stressed ones to seniors")
    func empathyAndSeniority() throws {
        let roster = Self.roster()
        let anxious = Routing.route(RoutingRequest(callID: "a", intent: "general_enquiry", anxiety: 0.6), roster: roster, policy: policy)
        #expect(roster.first { $0.id == anxious.agentID }?.traits.contains("empathy") == true)
        #expect(anxious.reasons.contains { $0.contains("empathy specialists preferred") })
        let mild = RoutingRequest(callID: "m", intent: "general_enquiry", anxiety: 0.4)
        #expect(!Routing.route(mild, roster: roster, policy: policy).reasons.contains { $0.contains("empathy") })
        let care = Routing.route(mild, roster: roster, policy: RoutingPolicy.standard(industry: "healthcare"))
        #expect(roster.first { $0.id == care.agentID }?.traits.contains("empathy") == true)
        let angry = Routing.route(RoutingRequest(callID: "s", intent: "technical", stress: 0.8), roster: roster, policy: policy)
        #expect((roster.first { $0.id == angry.agentID }?.skills["technical"] ?? 0) >= 4)
    }
}
