import Foundation
import Testing

@Suite("undertone staffing")
struct StaffingCommandTests {
    @Test("the classic example reads as a planner would and exits zero")
    func classicExample() async throws {
        let outcome = try await Undertone.run([
            "staffing", "--calls", "100", "--interval", "30m", "--aht", "180s", "--target", "80/20", "--shrinkage", "30%",
        ])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Erlang C: 100 calls per 30m, AHT 3m → 10.00 Erlangs"))
        #expect(outcome.stdout.contains("Agents needed: 14 (set by the service level)"))
        #expect(outcome.stdout.contains("88.8% answered within 20s"))
        #expect(outcome.stdout.contains("Scheduled heads with 30% shrinkage: 20"))
    }

    @Test("--json prints a StaffingResult; --patience switches to Erlang A; --agents evaluates a headcount")
    func jsonAndHeadcount() async throws {
        let outcome = try await Undertone.run(["staffing", "--calls", "100", "--aht", "3m", "--patience", "90s", "--agents", "10", "--json"])
        #expect(outcome.status == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(result["model"] as? String == "erlang-a")
        #expect(result["agents"] as? Int == 10)
        #expect(result["meetsTargets"] as? Bool == false)
        #expect((result["abandonment"] as? Double ?? 0) > 0.05)

        let unstable = try await Undertone.run(["staffing", "--calls", "100", "--aht", "180", "--agents", "9"])
        #expect(unstable.status == 0)
        #expect(unstable.stdout.contains("With 9 agents: unstable"))
        #expect(unstable.stdout.contains("Agents needed: 14"))
    }

    @Test("a forecast file gives a table over the day with totals")
    func forecast() async throws {
        let csv = "start,calls,aht\n08:00,40,\n08:30,100,3m\n09:00,0,\n"
        let file = try CallCommandTests.temporaryFile("forecast.csv", csv)
        let outcome = try await Undertone.run(["staffing", "--forecast", file.path, "--aht", "180s", "--max-occupancy", "0.85"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("08:30") && $0.contains(" 14 ") })
        #expect(lines.last?.contains("3 intervals, 140 calls; peak 14 agents") == true)

        let json = try await Undertone.run(["staffing", "--forecast", file.path, "--aht", "180s", "--json"])
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((plan["rows"] as? [Any])?.count == 3)
        #expect(plan["peakAgents"] as? Int == 14)

        let bad = try CallCommandTests.temporaryFile("bad.csv", "start,calls\n08:00,lots\n")
        let failed = try await Undertone.run(["staffing", "--forecast", bad.path, "--aht", "180"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("bad.csv: line 2: calls must be a number"))
    }

    @Test("bad input is a clear error and a non-zero exit")
    func badInput() async throws {
        let cases: [([String], String)] = [
            (["--calls", "100"], "give --aht"),
            (["--aht", "180"], "give --calls"),
            (["--calls=-3", "--aht", "180"], "--calls: must be 0 or more calls"),
            (["--calls", "100", "--aht", "soon"], "--aht must be a length of time"),
            (["--calls", "100", "--aht", "180", "--target", "100/20"], "--target (the percentage)"),
            (["--calls", "100", "--aht", "180", "--target", "eighty"], "--target must be PERCENT/SECONDS"),
            (["--calls", "100", "--aht", "180", "--shrinkage", "1.2"], "--shrinkage: must be from 0 up to"),
            (["--calls", "100", "--aht", "180", "--max-abandonment", "5%"], "needs --patience"),
            (["--calls", "1e9", "--aht", "600"], "this calculator takes at most"),
        ]
        for (arguments, message) in cases {
            let outcome = try await Undertone.run(["staffing"] + arguments)
            #expect(outcome.status != 0, "\(arguments)")
            #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
        }
    }
}
