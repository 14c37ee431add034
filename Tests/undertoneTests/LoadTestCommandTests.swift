import Foundation
import Testing

@Suite("undertone loadtest")
struct LoadTestCommandTests {
    @Test("with dashboards: every event acknowledged, every screen given the whole feed and the same count; a bad count is refused")
    func dashboards() async throws {
        let outcome = try await Undertone.run([
            "loadtest", "--calls", "10", "--turns", "4", "--interval-ms", "50", "--ramp-seconds", "0.2", "--dashboards", "3", "--json",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], "\(outcome.stdout)")
        #expect(report["events"] as? Int == 10 * (4 + 2))
        #expect(report["failureCount"] as? Int == 0)
        let counts = try #require(report["dashboardMessages"] as? [Int])
        // Each screen sees each call's start and end and each turn's signal at least: all three see the same messages.
        #expect(counts.count == 3 && Set(counts).count == 1 && counts[0] >= 10 * (4 + 2), "\(counts)")
        #expect((report["dashboardFailures"] as? [String])?.isEmpty == true)

        let refused = try await Undertone.run(["loadtest", "--dashboards", "201"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--dashboards 0–200"), "\(refused.stderr)")
    }
}
