import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Staffing: Erlang C and Erlang A")
struct StaffingTests {
    @Test("the classic example: 100 calls in 30 minutes at 180 s, 80/20, needs 14 agents")
    func classicExample() throws {
        let result = try Staffing.solve(StaffingRequest(calls: 100, intervalSeconds: 1800, ahtSeconds: 180))
        #expect(result.model == .erlangC)
        #expect(result.trafficErlangs == 10)
        #expect(result.agents == 14)
        #expect(result.requiredAgents == 14)
        #expect(result.limitedBy == [.serviceLevel])
        // The published figures for 14 agents: 17.4% wait, 88.8% within 20 s, ASA 7.8 s, occupancy 71.4%.
        #expect(abs(result.probabilityOfWaiting - 0.1741) < 5e-5)
        #expect(abs(result.serviceLevel - 0.8884) < 1e-4)
        #expect(abs(result.averageSpeedOfAnswerSeconds! - 7.84) < 5e-3)
        #expect(abs(result.occupancy - 10.0 / 14) < 1e-12)
        // Thirteen agents fall just short: 79.6%.
        let thirteen = try Staffing.solve(StaffingRequest(calls: 100, intervalSeconds: 1800, ahtSeconds: 180, agents: 13))
        #expect(!thirteen.meetsTargets && thirteen.missedTargets == [.serviceLevel])
        #expect(abs(thirteen.serviceLevel - 0.7956) < 5e-5)
        // The independent chain agrees on both headcounts.
        let chain13 = try #require(StaffingReference.erlangC(traffic: 10, agents: 13, aht: 180, within: 20))
        let chain14 = try #require(StaffingReference.erlangC(traffic: 10, agents: 14, aht: 180, within: 20))
        #expect(chain13.serviceLevel < 0.8 && chain14.serviceLevel >= 0.8)
        #expect(abs(chain14.serviceLevel - result.serviceLevel) < 1e-12)
        #expect(abs(chain14.averageSpeedOfAnswer - result.averageSpeedOfAnswerSeconds!) < 1e-10)
    }

    @Test("Erlang B and C match textbook table values")
    func tableValues() {
        // Four-figure tables: Erlang B, 10 Erlangs on 10 lines, blocks 21.46%; Erlang C at 10 Erlangs: 11 agents 68.21%, 12 agents 44.94%.
        #expect(abs(Staffing.erlangB(agents: 10, trafficErlangs: 10) - 0.21458) < 1e-5)
        #expect(abs(Staffing.erlangC(agents: 11, trafficErlangs: 10) - 0.6821) < 5e-5)
        #expect(abs(Staffing.erlangC(agents: 12, trafficErlangs: 10) - 0.4494) < 5e-5)
        #expect(Staffing.erlangC(agents: 10, trafficErlangs: 10) == 1)
        #expect(Staffing.erlangC(agents: 3, trafficErlangs: 0) == 0)
    }

    /// Every combination of volumes (up to 5,000 calls an hour), interval lengths, handle times and targets.
    static let grid: [StaffingRequest] = {
        var requests: [StaffingRequest] = []
        for callsPerHour in [12.0, 90, 400, 1500, 5000] {
            for interval in [900.0, 1800, 3600] {
                for aht in [45.0, 180, 300, 600] {
                    for (level, within) in [(0.8, 20.0), (0.9, 10), (0.7, 60), (0.95, 30)] {
                        requests.append(
                            StaffingRequest(
                                calls: callsPerHour * interval / 3600, intervalSeconds: interval, ahtSeconds: aht, serviceLevel: level,
                                answerWithinSeconds: within))
                    }
                }
            }
        }
        return requests
    }()

    @Test("Erlang C headcounts agree to the last agent with the birth–death chain over a grid")
    func erlangCGrid() throws {
        var checked = 0
        for var request in Self.grid {
            for cap in [nil, 0.85] {
                request.maxOccupancy = cap
                let result = try Staffing.solve(request)
                let traffic = request.trafficErlangs
                func meets(_ agents: Int) -> Bool {
                    guard
                        let chain = StaffingReference.erlangC(
                            traffic: traffic, agents: agents, aht: request.ahtSeconds, within: request.answerWithinSeconds)
                    else { return false }
                    return chain.serviceLevel >= request.serviceLevel && chain.occupancy <= (cap ?? 1) + 1e-12
                }
                #expect(meets(result.agents), "\(request) → \(result.agents) should meet the targets")
                #expect(!meets(result.agents - 1), "\(request) → \(result.agents - 1) should miss them")
                let chain = try #require(
                    StaffingReference.erlangC(traffic: traffic, agents: result.agents, aht: request.ahtSeconds, within: request.answerWithinSeconds))
                #expect(abs(chain.serviceLevel - result.serviceLevel) < 1e-9)
                #expect(abs(chain.probabilityOfWaiting - result.probabilityOfWaiting) < 1e-9)
                #expect(abs(chain.averageSpeedOfAnswer - result.averageSpeedOfAnswerSeconds!) <= 1e-9 * max(1, chain.averageSpeedOfAnswer))
                checked += 1
            }
        }
        #expect(checked == Self.grid.count * 2)
    }

    @Test("Erlang A headcounts agree to the last agent with the exact M/M/N+M chain over a grid")
    func erlangAGrid() throws {
        for (index, var request) in Self.grid.enumerated() where index % 3 == 0 {
            for patience in [20.0, 90, 400] {
                request.patienceSeconds = patience
                let result = try Staffing.solve(request)
                #expect(result.model == .erlangA)
                let rate = request.calls / request.intervalSeconds
                func chain(_ agents: Int) -> StaffingReference.Figures {
                    StaffingReference.erlangA(
                        rate: rate, aht: request.ahtSeconds, patience: patience, agents: agents, within: request.answerWithinSeconds)
                }
                let at = chain(result.agents)
                #expect(at.serviceLevel >= request.serviceLevel, "\(request) → \(result.agents) should meet the target")
                if result.agents > 1 {
                    #expect(chain(result.agents - 1).serviceLevel < request.serviceLevel, "\(request) → \(result.agents - 1) should miss it")
                }
                #expect(abs(at.serviceLevel - result.serviceLevel) < 1e-9, "\(request)")
                #expect(abs(at.probabilityOfWaiting - result.probabilityOfWaiting) < 1e-9, "\(request)")
                #expect(abs(at.abandonment - result.abandonment!) < 1e-9, "\(request)")
                #expect(abs(at.averageSpeedOfAnswer - result.averageSpeedOfAnswerSeconds!) <= 1e-8 * max(1, at.averageSpeedOfAnswer), "\(request)")
                #expect(abs(at.occupancy - result.occupancy) < 1e-9, "\(request)")
            }
        }
    }

    @Test("Erlang A figures hold across loads, understaffed and overloaded included")
    func erlangAFigures() throws {
        for (calls, agents) in [(100.0, 3), (100, 8), (100, 12), (2500, 150), (2500, 240), (2500, 320), (40, 1)] {
            for patience in [15.0, 120, 900] {
                let request = StaffingRequest(calls: calls, intervalSeconds: 1800, ahtSeconds: 200, patienceSeconds: patience, agents: agents)
                let result = try Staffing.solve(request)
                let chain = StaffingReference.erlangA(rate: calls / 1800, aht: 200, patience: patience, agents: agents, within: 20)
                #expect(abs(chain.serviceLevel - result.serviceLevel) < 1e-9, "\(calls) calls, \(agents) agents, patience \(patience)")
                #expect(abs(chain.abandonment - result.abandonment!) < 1e-9, "\(calls) calls, \(agents) agents, patience \(patience)")
                #expect(abs(chain.probabilityOfWaiting - result.probabilityOfWaiting) < 1e-9)
                #expect(abs(chain.averageSpeedOfAnswer - result.averageSpeedOfAnswerSeconds!) <= 1e-8 * max(1, chain.averageSpeedOfAnswer))
                #expect(result.stable)
                #expect(abs(result.averageWaitSeconds! - result.abandonment! * patience) < 1e-9 * patience)
            }
        }
    }
}
