import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Staffing: limits, inputs and forecasts")
struct StaffingEdgeTests {
    @Test("thousands of agents: 5,000 and 50,000 calls an hour agree with the chain")
    func largeVolumes() throws {
        for (callsPerHour, aht) in [(5000.0, 300.0), (50_000, 600), (200_000, 300)] {
            let request = StaffingRequest(calls: callsPerHour / 2, intervalSeconds: 1800, ahtSeconds: aht, serviceLevel: 0.8, answerWithinSeconds: 20)
            let result = try Staffing.solve(request)
            let traffic = request.trafficErlangs
            #expect(result.agents > Int(traffic))
            let at = try #require(StaffingReference.erlangC(traffic: traffic, agents: result.agents, aht: aht, within: 20))
            let below = StaffingReference.erlangC(traffic: traffic, agents: result.agents - 1, aht: aht, within: 20)
            #expect(at.serviceLevel >= 0.8)
            #expect((below?.serviceLevel ?? 0) < 0.8)
            #expect(abs(at.serviceLevel - result.serviceLevel) < 1e-9)

            var patient = request
            patient.patienceSeconds = 180
            let erlangA = try Staffing.solve(patient)
            let chain = StaffingReference.erlangA(rate: callsPerHour / 3600, aht: aht, patience: 180, agents: erlangA.agents, within: 20)
            let chainBelow = StaffingReference.erlangA(rate: callsPerHour / 3600, aht: aht, patience: 180, agents: erlangA.agents - 1, within: 20)
            #expect(chain.serviceLevel >= 0.8 && chainBelow.serviceLevel < 0.8, "\(callsPerHour) calls an hour: \(erlangA.agents)")
            #expect(abs(chain.serviceLevel - erlangA.serviceLevel) < 1e-9)
            #expect(abs(chain.abandonment - erlangA.abandonment!) < 1e-9)
        }
    }

    @Test("no calls need no agents; more traffic than agents is unstable and says so")
    func zeroAndUnstable() throws {
        let idle = try Staffing.solve(StaffingRequest(calls: 0, ahtSeconds: 300))
        #expect(idle.agents == 0 && idle.serviceLevel == 1 && idle.occupancy == 0 && idle.meetsTargets)
        let idleA = try Staffing.solve(StaffingRequest(calls: 0, ahtSeconds: 300, patienceSeconds: 60))
        #expect(idleA.agents == 0 && idleA.abandonment == 0)

        let unstable = try Staffing.solve(StaffingRequest(calls: 100, ahtSeconds: 180, agents: 10))
        #expect(!unstable.stable && !unstable.meetsTargets)
        #expect(unstable.missedTargets == [.stability])
        #expect(unstable.averageSpeedOfAnswerSeconds == nil && unstable.serviceLevel == 0 && unstable.probabilityOfWaiting == 1)
        #expect(unstable.requiredAgents == 14)

        // With patience the same headcount settles: callers who give up relieve the queue.
        let patient = try Staffing.solve(StaffingRequest(calls: 100, ahtSeconds: 180, patienceSeconds: 60, agents: 10))
        #expect(patient.stable && patient.abandonment! > 0.05 && patient.abandonment! < 0.5)
        let nobody = try Staffing.solve(StaffingRequest(calls: 100, ahtSeconds: 180, patienceSeconds: 60, agents: 0))
        #expect(nobody.abandonment == 1 && nobody.serviceLevel == 0 && nobody.averageSpeedOfAnswerSeconds == nil)
    }

    @Test("occupancy, speed-of-answer and abandonment caps each set the headcount when they bind")
    func otherTargets() throws {
        // 85 calls × 180 s / 30 min = 8.5 Erlangs; at most 85% occupancy needs exactly 10.
        let occupancy = try Staffing.solve(
            StaffingRequest(calls: 85, ahtSeconds: 180, serviceLevel: 0.25, answerWithinSeconds: 60, maxOccupancy: 0.85))
        #expect(occupancy.agents == 10 && occupancy.limitedBy == [.occupancy])
        #expect(occupancy.occupancy == 0.85)

        let asa = try Staffing.solve(StaffingRequest(calls: 100, ahtSeconds: 180, maxASASeconds: 2))
        #expect(asa.averageSpeedOfAnswerSeconds! <= 2 && asa.limitedBy == [.averageSpeedOfAnswer])
        let oneFewer = try Staffing.solve(StaffingRequest(calls: 100, ahtSeconds: 180, agents: asa.agents - 1))
        #expect(oneFewer.averageSpeedOfAnswerSeconds! > 2)

        let abandonment = try Staffing.solve(
            StaffingRequest(calls: 300, ahtSeconds: 240, serviceLevel: 0.5, answerWithinSeconds: 60, patienceSeconds: 30, maxAbandonment: 0.01))
        #expect(abandonment.abandonment! <= 0.01 && abandonment.limitedBy.contains(.abandonment))

        let shrunk = try Staffing.solve(StaffingRequest(calls: 100, ahtSeconds: 180, shrinkage: 0.3))
        #expect(shrunk.agents == 14 && shrunk.scheduledAgents == 20)  // 14 / 0.7 = 20 exactly
    }

    @Test("out-of-range and absurd inputs are typed errors naming the field")
    func invalidInputs() {
        func field(_ request: StaffingRequest) -> String? {
            do {
                _ = try Staffing.solve(request)
                return nil
            } catch {
                if case .invalid(let field, _) = error { return field }
                return "\(error)"
            }
        }
        #expect(field(StaffingRequest(calls: -1, ahtSeconds: 180)) == "calls")
        #expect(field(StaffingRequest(calls: .nan, ahtSeconds: 180)) == "calls")
        #expect(field(StaffingRequest(calls: 10, ahtSeconds: 0)) == "ahtSeconds")
        #expect(field(StaffingRequest(calls: 10, intervalSeconds: 0, ahtSeconds: 180)) == "intervalSeconds")
        #expect(field(StaffingRequest(calls: 10, ahtSeconds: 180, serviceLevel: 1)) == "serviceLevel")
        #expect(field(StaffingRequest(calls: 10, ahtSeconds: 180, answerWithinSeconds: -5)) == "answerWithinSeconds")
        #expect(field(StaffingRequest(calls: 10, ahtSeconds: 180, maxOccupancy: 0)) == "maxOccupancy")
        #expect(field(StaffingRequest(calls: 10, ahtSeconds: 180, maxAbandonment: 0.05)) == "maxAbandonment")
        #expect(field(StaffingRequest(calls: 10, ahtSeconds: 180, patienceSeconds: 0)) == "patienceSeconds")
        #expect(field(StaffingRequest(calls: 10, ahtSeconds: 180, agents: -2)) == "agents")
        #expect(field(StaffingRequest(calls: 10, ahtSeconds: 180, shrinkage: 1)) == "shrinkage")
        #expect(throws: StaffingError.self) { try Staffing.solve(StaffingRequest(calls: 1e9, ahtSeconds: 600)) }
        do {
            _ = try Staffing.solve(StaffingRequest(calls: 1e9, ahtSeconds: 600))
        } catch {
            guard case .beyondLimits(let message) = error else { Issue.record("expected beyondLimits, got \(error)"); return }
            #expect(message.contains("Erlangs"))
        }
    }

    @Test("a request decodes from JSON or query values with defaults, and the result round-trips")
    func codable() throws {
        let json = #"{"calls": 100, "ahtSeconds": 180, "maxOccupancy": 0.85, "patienceSeconds": 90}"#
        let request = try JSONDecoder().decode(StaffingRequest.self, from: Data(json.utf8))
        #expect(request == StaffingRequest(calls: 100, ahtSeconds: 180, maxOccupancy: 0.85, patienceSeconds: 90))
        #expect(request.intervalSeconds == 1800 && request.serviceLevel == 0.8 && request.answerWithinSeconds == 20 && request.shrinkage == 0)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(StaffingRequest.self, from: Data(#"{"calls": 100}"#.utf8)) }
        let result = try Staffing.solve(request)
        let encoded = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(StaffingResult.self, from: encoded) == result)
        let keys = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any]).keys
        #expect(keys.contains("averageSpeedOfAnswerSeconds") && keys.contains("abandonment") && keys.contains("limitedBy"))
    }

    @Test("a forecast reads with or without a header, takes a default handle time, and names a bad line")
    func forecast() throws {
        let csv = """
            # Monday
            start,calls,aht
            08:00,40,
            08:30,100,3m
            09:00,0,240
            """
        let forecast = try StaffingForecast.parse(csv: csv, defaultAHTSeconds: 180)
        #expect(forecast.intervals.map(\.calls) == [40, 100, 0])
        #expect(forecast.intervals.map(\.ahtSeconds) == [180, 180, 240])
        #expect(forecast.intervals.map(\.line) == [3, 4, 5])
        let plan = try Staffing.plan(forecast, targets: StaffingRequest(calls: 0, ahtSeconds: 1, shrinkage: 0.3))
        #expect(plan.rows.map(\.result.agents) == [7, 14, 0])
        #expect(plan.peakAgents == 14 && plan.peakScheduledAgents == 20)
        #expect(plan.agentHours == 10.5)
        #expect(plan.totalCalls == 140)

        let bare = try StaffingForecast.parse(csv: "8:00, 12\n8:30, 30, 200\n", defaultAHTSeconds: 300)
        #expect(bare.intervals.count == 2 && bare.intervals[1].ahtSeconds == 200)

        func failure(_ csv: String) -> StaffingError? {
            do {
                _ = try StaffingForecast.parse(csv: csv, defaultAHTSeconds: nil)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure("start,calls\n08:00,many") == .forecast(line: 2, reason: "calls must be a number, 0 or more, not \"many\""))
        #expect(failure("08:00,10")?.description.hasPrefix("line 1: no handle time") == true)
        #expect(failure("08:00,10,fast")?.description.hasPrefix("line 1: aht must be") == true)
        #expect(failure("# nothing\n\n") == .invalid(field: "forecast", reason: "has no intervals (expected lines of start,calls[,aht])"))
    }
}
