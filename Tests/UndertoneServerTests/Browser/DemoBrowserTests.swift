import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Testing
import UndertoneStore

@testable import UndertoneServer

/// The dashboard against the demo: `DemoSimulator` streams its calls (text and synthesized voice) through the WebSocket
/// ingest while headless Chromium watches the wall, opens an escalated call with its hand-off and follow-up, and draws
/// the analytics from the real `/v1/report`.
@Suite("Dashboard on the demo, in a real browser", .serialized)
struct DemoBrowserTests {
    @Test("the demo fills the wall, alerts fire, a manager escalation shows its hand-off and follow-up, analytics draws")
    func demoJourney() async throws {
        try await BrowserTests.withSignedInPage { page, client, _ in
            let port = try #require(client.port)
            var settings = DemoSettings()
            settings.concurrentCalls = 12
            settings.speed = 12
            settings.seed = 5
            settings.runID = "browser"
            var logger = Logger(label: "demo-browser")
            logger.logLevel = .warning
            let simulator = DemoSimulator(settings: settings, apiKey: TestServer.adminKey, host: "127.0.0.1", port: port, logger: logger)
            let group = ServiceGroup(services: [simulator], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await page.wait(
                    for: "document.querySelectorAll('#wall-body tr').length >= 8", "the demo's calls on the wall", timeout: .seconds(60))
                try await page.wait(for: "document.querySelector('#alert-list li')", "an alert from the demo", timeout: .seconds(60))
                try BrowserTests.save(try await page.screenshot(), "demo-wall.png")

                // A manager escalation: its follow-up exists; the drill-down shows it with the hand-off packet.
                var followUpCall: String?
                for _ in 0..<240 where followUpCall == nil {
                    followUpCall = try await client.execute(uri: "/v1/follow-ups", method: .get, headers: TestServer.headers()) { response in
                        ((jsonObject(response.body)["followUps"] as? [[String: Any]])?.first?["call"]) as? String
                    }
                    if followUpCall == nil { try await Task.sleep(for: .milliseconds(250)) }
                }
                let callID = try #require(followUpCall, "a demo call escalated to a manager within a minute")
                try await page.evaluate("location.hash = '#/call/\(callID)'; true")
                try await page.wait(
                    for: "document.querySelector('#call-followups ul.followups li')", "the follow-up in the drill-down", timeout: .seconds(30))
                try await page.wait(
                    for: "document.querySelectorAll('#call-handoff .packet-part li').length > 0", "the hand-off packet", timeout: .seconds(30))
                let followUpText = try await page.evaluate("document.querySelector('#call-followups').textContent").stringValue ?? ""
                #expect(followUpText.contains("escalated to a manager"))
                try BrowserTests.save(try await page.screenshot(fullPage: true), "demo-drilldown.png")

                // Analytics from the real report over the demo's calls.
                try await page.evaluate("location.hash = '#/analytics'; true")
                try await page.evaluate("document.querySelector('#report-form button[type=submit]').click(); true")
                let chartsDrawn =
                    "document.querySelectorAll('#report svg.chart').length >= 4"
                    + " && document.getElementById('report-status').textContent.includes(' calls from ')"
                try await page.wait(for: chartsDrawn, "the analytics charts from /v1/report", timeout: .seconds(30))
                #expect(try await page.evaluate("document.querySelectorAll('#report svg rect.bar').length > 0") == .bool(true), "bars drawn")
                try BrowserTests.save(try await page.screenshot(fullPage: true), "demo-analytics.png")

                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}
