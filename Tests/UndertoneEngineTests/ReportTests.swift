import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Report")
struct ReportTests {
    @Test("the JSON round-trips and writes null for what cannot be measured")
    func roundTrip() throws {
        let report = try MetricsTests.report()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(report)
        #expect(try JSONDecoder().decode(Report.self, from: data) == report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["from"] as? String == "2026-11-23T09:00:00Z")
        #expect(object["to"] as? String == "2026-12-04T09:00:00Z")
        let rules = try #require(object["byRule"] as? [[String: Any]])
        #expect(rules.contains { $0["rule"] as? String == "cancel-threat" && $0["precision"] is NSNull })
        let agent = try #require((object["byAgent"] as? [String: Any])?["A1"] as? [String: Any])
        #expect(agent["aiContainmentRate"] is NSNull)
        // Read back, a null or a missing key is nil; a value is kept.
        let rates = try JSONDecoder().decode(TierRates.self, from: Data(#"{"coach":0.25,"supervisor":null}"#.utf8))
        #expect(rates == TierRates(coach: 0.25, supervisor: nil, manager: nil))
        #expect(Set(object.keys).isSuperset(of: ["overall", "byQueue", "byTeam", "byAgent", "hourly", "stressByQueue", "recovery", "scorecards"]))
        // Every finished call scored with the default scorecard's eight items.
        #expect(report.scorecards.calls == 10)
        #expect(report.scorecards.items.count == 8)
        #expect(report.scorecards.meanScore != nil)
        #expect(report.scorecards.items.first { $0.id == "greeting" }?.passRate != nil)
        #expect(report.csatPoints.count == 7)
    }

    @Test("the HTML page draws its charts as inline SVG and escapes every string from the data")
    func html() throws {
        var calls = MetricsTests.calls()
        let hostile = "<script>alert(1)</script>"
        if case .callStarted(var started) = calls[0].events[0] {
            started.queue = hostile
            started.agentID = "\"><img src=x onerror=alert(2)>"
            calls[0].events[0] = .callStarted(started)
        }
        let report = Report.build(
            calls: calls, from: ScriptedCall.base, to: ScriptedCall.base.addingTimeInterval(11 * MetricsTests.day),
            generatedAt: ScriptedCall.base.addingTimeInterval(12 * MetricsTests.day), intents: nil, scorecard: try Scorecard.bundled())
        let page = ReportHTML.render(report)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script"), "no script at all, and none smuggled in by a queue name")
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        let charts = page.components(separatedBy: "<svg ").count - 1
        #expect(charts == 7, "hours, prevention, precision, queues, recovery, scatter, scorecard")
        for title in [
            "Alerts per hour by tier", "Prevention rate", "Alert precision per rule", "Customer stress by queue", "CSAT against peak stress",
        ] {
            #expect(page.contains("<title>\(title)</title>"))
        }
        // The stacked bars: one rect per tier segment with its count in a tooltip.
        #expect(page.contains("2026-11-23T11:00:00Z manager: 1"))
        #expect(!page.contains("<link") && !page.contains("<iframe"), "no external resource")
    }

    @Test("report times are read as ISO 8601 or bare dates and written with Z")
    func times() {
        #expect(ReportTime.parse("2026-11-23T09:00:00Z") == ScriptedCall.base)
        #expect(ReportTime.parse("2026-11-23") == ScriptedCall.base.addingTimeInterval(-9 * 3600))
        #expect(ReportTime.parse("2026-11-23T10:00:00+01:00") == ScriptedCall.base)
        #expect(ReportTime.parse("2026-11-23T09:00:00.500Z") == ScriptedCall.base.addingTimeInterval(0.5))
        #expect(ReportTime.parse("yesterday") == nil)
        #expect(ReportTime.parse("2026-13-45") == nil)
        #expect(ReportTime.text(ScriptedCall.base) == "2026-11-23T09:00:00Z")
    }
}
