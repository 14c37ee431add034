import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

/// The dashboard in a real browser: headless Chromium driven over the DevTools Protocol against a live server on SQLite.
/// Skipped (with a message) where no Chromium is installed, unless `UNDERTONE_REQUIRE_BROWSER=1`, which makes that a failure.
@Suite("Dashboard in a real browser", .serialized, .timeLimit(.minutes(10)))
struct BrowserTests {
    static let required = ProcessInfo.processInfo.environment["UNDERTONE_REQUIRE_BROWSER"] == "1"

    /// Where screenshots go: `$UNDERTONE_ARTIFACTS`, else `.build/artifacts/browser/` in the repository.
    static let artifacts: URL = {
        if let configured = ProcessInfo.processInfo.environment["UNDERTONE_ARTIFACTS"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        return TestServer.repository.appendingPathComponent(".build/artifacts/browser")
    }()

    /// Starts Chromium, or says why not: nil means skip.
    static func browser() async throws -> Chromium? {
        guard Chromium.executable() != nil else {
            if required { Issue.record("UNDERTONE_REQUIRE_BROWSER=1 but no Chromium is installed (apt-get install chromium)") }
            print("◇ Browser tests skipped: no Chromium installed (apt-get install chromium; UNDERTONE_REQUIRE_BROWSER=1 makes this a failure)")
            return nil
        }
        return try await Chromium()
    }

    static func save(_ png: Data, _ name: String) throws {
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        try png.write(to: artifacts.appendingPathComponent(name))
    }

    /// Runs `body` with a live server, a browser page signed in at `path` (the dashboard, or `/agent`) with the key
    /// `key` gives (the admin's by default), and the server's address.
    static func withSignedInPage(
        path: String = "/", key: @escaping @Sendable (any TestClientProtocol) async throws -> String = { _ in TestServer.adminKey },
        _ body: @escaping @Sendable (DevTools, any TestClientProtocol, String) async throws -> Void
    ) async throws {
        guard let chromium = try await browser() else { return }
        defer { chromium.stop() }
        let server = try await TestServer()
        try await server.run { client in
            let origin = "http://127.0.0.1:\(try #require(client.port))"
            let secret = try await key(client)
            try await DevTools.withPage(browser: chromium.devToolsURL) { page in
                try await page.viewport(width: 1400, height: 900)
                try await page.navigate("\(origin)\(path)")
                try await page.wait(
                    for: "document.querySelector('#page-signin') && !document.querySelector('#page-signin').hidden", "the sign-in form")
                try await page.evaluate(
                    """
                    document.getElementById('signin-key').value = \(JSONValue.string(secret).serialized());
                    document.getElementById('signin-form').requestSubmit(); true
                    """)
                try await page.wait(
                    for: "document.getElementById('page-signin').hidden && document.getElementById('connection').textContent === 'Live'",
                    "sign-in and the live feed")
                try await body(page, client, origin)
                let errors = page.pageErrors.withLock { $0 }
                #expect(errors.isEmpty, "the page reported errors: \(errors.prefix(5))")
            }
        }
    }

    @Test("sign in, watch calls arrive, acknowledge an alert, drill into a call, open analytics; screenshots of each")
    func supervisorJourney() async throws {
        try await Self.withSignedInPage { page, client, origin in
            // The key is not kept by the page: the session is an HttpOnly cookie scripts cannot read.
            #expect(try await page.evaluate("document.cookie") == .string(""))
            let callIDs = try await CallScripts.fillWithAlertingCalls(client)
            let rowsSelector = "#wall-body tr"
            try await page.wait(for: "document.querySelectorAll('\(rowsSelector)').length >= \(callIDs.count)", "\(callIDs.count) calls on the wall")
            try await page.wait(for: "document.querySelector('#alert-list li.state-open button.primary')", "an open alert with an Acknowledge button")
            // Riskiest first: the top row has an open alert at least as grave as any other row's.
            let order = try await page.evaluate(
                "[...document.querySelectorAll('#wall-body tr')].map(row => ({call: row.dataset.call, tier: row.querySelector('.tier-badge').textContent}))"
            )
            let tiers = (order.arrayValue ?? []).compactMap { $0.member("tier")?.stringValue }
            let rank = ["calm": 0, "coach": 1, "supervisor": 2, "manager": 3]
            #expect(tiers.map { rank[$0] ?? -1 } == tiers.map { rank[$0] ?? -1 }.sorted(by: >), "rows in risk order: \(tiers)")
            try Self.save(try await page.screenshot(), "wall.png")
            try await Self.expectContrast(page, "the wall")

            // Acknowledge the first open alert with a real click on its button.
            let alertID = try #require(
                try await page.evaluate(
                    """
                    (() => { const item = document.querySelector('#alert-list li.state-open'); item.scrollIntoView();
                      item.querySelector('button.primary').click(); return item.dataset.alert; })()
                    """
                ).stringValue)
            try await page.wait(
                for: "document.querySelector('#alert-list li[data-alert=\"\(alertID)\"].state-acknowledged')", "the alert shown as acknowledged")
            let state = try await client.execute(uri: "/v1/alerts?state=acknowledged", method: .get, headers: TestServer.headers()) {
                String(buffer: $0.body)
            }
            #expect(state.contains("\"alertID\":\"\(alertID)\""), "the REST API shows \(alertID) acknowledged")
            try Self.save(try await page.screenshot("#alert-list li[data-alert=\"\(alertID)\"]"), "alert.png")
            // Listen is recorded on the call's log as the supervisor's note.
            try await page.evaluate(
                "[...document.querySelectorAll('#alert-list li[data-alert=\"\(alertID)\"] button')].find(b => b.textContent === 'Listen').click(); true"
            )
            try await page.wait(
                for: "document.querySelector('#alert-list li[data-alert=\"\(alertID)\"] .alert-note').textContent.includes('recorded')",
                "listen recorded")

            // The keyboard: arrows move between calls, Enter opens the riskiest one.
            try await page.evaluate("document.querySelector('#wall-body tr a.call-link').focus(); true")
            try await page.press("ArrowDown", code: 40)
            #expect(
                try await page.evaluate("document.activeElement === document.querySelectorAll('#wall-body a.call-link')[1]") == .bool(true),
                "ArrowDown moves to the next call")
            try await page.press("ArrowUp", code: 38)
            try await page.press("Enter", code: 13)
            try await page.wait(for: "!document.getElementById('page-call').hidden", "the drill-down")
            try await page.wait(for: "document.querySelectorAll('#call-transcript li.turn').length > 0", "the transcript")
            try await page.wait(for: "document.querySelector('#call-timeline svg.timeline path.series')", "the timeline chart")
            #expect(try await page.evaluate("document.querySelectorAll('#call-timeline svg .marker').length > 0") == .bool(true), "decisions marked")
            #expect(
                try await page.evaluate("document.querySelectorAll('#call-handoff .packet-part li').length > 0") == .bool(true),
                "the hand-off packet shown")
            // Focusing a decision's flag shows its reasons.
            try await page.evaluate("document.querySelector('#call-timeline svg .marker').focus(); true")
            try await page.wait(for: "document.getElementById('call-marker').textContent.includes(' — ')", "a marker's reasons")
            try Self.save(try await page.screenshot(fullPage: true), "drilldown.png")
            try await Self.expectContrast(page, "the drill-down")

            // Analytics: charts when /v1/report answers, a clear empty state while it does not exist.
            try await page.evaluate("location.hash = '#/analytics'; true")
            try await page.wait(
                for: "document.querySelector('#report svg') || document.getElementById('report-status').textContent.includes('No report yet')",
                "analytics charts or their empty state")
            try Self.save(try await page.screenshot(), "analytics.png")
            // The charts themselves, drawn from a report of the documented shape (contracts: GET /v1/report).
            try await page.answer("/v1/report", with: Self.sampleReport)
            try await page.evaluate("document.querySelector('#report-form button[type=submit]').click(); true")
            try await page.wait(for: "document.querySelectorAll('#report svg.chart').length === 4", "four analytics charts")
            #expect(
                try await page.evaluate("document.querySelectorAll('#report svg rect.bar').length") == .number(16),
                "bars: 8 hourly (zeros drawn as none) + 2 prevention + 2 precision (null is no bar) + 4 stress")
            #expect(try await page.evaluate("document.querySelector('#report .big-number').textContent") == .string("62%"))
            #expect(
                try await page.evaluate("[...document.querySelectorAll('#report text.value')].filter(t => t.textContent === 'n/a').length")
                    == .number(2),
                "a rate with no denominator reads n/a")
            try Self.save(try await page.screenshot(fullPage: true), "analytics-charts.png")
            try await Self.expectContrast(page, "analytics")

            // A phone's width: the wall still reads.
            try await page.evaluate("location.hash = '#/wall'; true")
            try await page.viewport(width: 390, height: 844, mobile: true)
            try await page.wait(for: "document.querySelectorAll('#wall-body tr').length > 0", "the wall at phone width")
            try Self.save(try await page.screenshot(), "wall-phone.png")
            _ = origin
        }
    }

    @Test("the wall keeps up with 500 live calls: every row appears, event lag stays bounded; frames and lag printed")
    func fiveHundredLiveCalls() async throws {
        try await Self.withSignedInPage { page, client, _ in
            try await page.evaluate(
                """
                window.__frames = 0; window.__counting = true;
                (function tick() { if (!window.__counting) return; window.__frames += 1; requestAnimationFrame(tick); })();
                window.__started = performance.now(); undertone.wall.stats.lags.length = 0; true
                """)
            let sent = Mutex<[String: Date]>([:])
            let began = Date()
            try await CallScripts.fillWithLoad(client, count: 500) { ids, at in
                sent.withLock { for id in ids { $0[id] = at } }
            }
            try await page.wait(for: "document.querySelectorAll('#wall-body tr').length >= 500", "500 rows on the wall", timeout: .seconds(120))
            let figures = try await page.evaluate(
                """
                (() => { window.__counting = false;
                  const seconds = (performance.now() - window.__started) / 1000;
                  const lags = [...undertone.wall.stats.lags].sort((a, b) => a - b);
                  const pick = (q) => lags.length ? lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] : 0;
                  const rendered = Object.fromEntries([...undertone.wall.stats.firstRendered].filter(([id]) => id.startsWith('load-')));
                  return { fps: window.__frames / seconds, seconds, messages: undertone.wall.stats.messages, flushes: undertone.wall.stats.flushes,
                    lagP50: pick(0.5), lagP95: pick(0.95), lagMax: lags.length ? lags[lags.length - 1] : 0, rendered }; })()
                """)
            let rendered = figures.member("rendered")
            var appear: [Double] = []
            for (id, at) in sent.withLock({ $0 }) {
                if let shown = rendered?.member(id)?.numberValue { appear.append(shown - at.timeIntervalSince1970 * 1000) }
            }
            appear.sort()
            #expect(appear.count == 500, "every load call rendered once")
            let fps = figures.member("fps")?.numberValue ?? 0
            let lagP95 = figures.member("lagP95")?.numberValue ?? .infinity
            let p = { (q: Double) in appear.isEmpty ? 0 : appear[min(appear.count - 1, Int(q * Double(appear.count)))] }
            print(
                String(
                    format:
                        "◇ Wall under load: 500 calls (1500 events) sent in %.1f s; %d feed messages, %d DOM flushes; %.0f frames/s; "
                        + "receipt→render lag p50 %.1f ms, p95 %.1f ms, max %.1f ms; POST→row visible p50 %.0f ms, p95 %.0f ms, max %.0f ms",
                    Date().timeIntervalSince(began), Int(figures.member("messages")?.numberValue ?? 0),
                    Int(figures.member("flushes")?.numberValue ?? 0), fps,
                    figures.member("lagP50")?.numberValue ?? 0, lagP95, figures.member("lagMax")?.numberValue ?? 0, p(0.5), p(0.95), appear.last ?? 0)
            )
            // Generous bounds: a page that falls behind shows seconds, not milliseconds. The figures go in the README.
            #expect(lagP95 < 2_000, "feed messages reach the screen within 2 s (p95)")
            #expect(fps > 5, "the page keeps drawing frames")
            try Self.save(try await page.screenshot(), "wall-500.png")
        }
    }

    @Test("follow-ups: a manager escalation's follow-up appears live on the page, is claimed, then closed with an outcome; REST agrees")
    func followUpsPage() async throws {
        try await Self.withSignedInPage { page, client, _ in
            // The page is open before the calls arrive: the follow-up comes to it over the live feed.
            try await page.evaluate("location.hash = '#/follow-ups'; true")
            try await page.wait(for: "!document.getElementById('page-followups').hidden", "the follow-ups page")
            try await page.wait(for: "document.getElementById('followups-status').textContent === ''", "the first load")
            _ = try await CallScripts.fillWithAlertingCalls(client)
            try await page.wait(for: "document.querySelector('#followups-body tr[data-followup] button.claim')", "a follow-up with a Claim button")
            let id = try #require(
                try await page.evaluate("document.querySelector('#followups-body tr[data-followup]').dataset.followup").stringValue)
            let row = "#followups-body tr[data-followup=\"\(id)\"]"
            #expect(try await page.evaluate("document.querySelector('\(row) .owner').textContent") == .string("duty-manager"))
            // Read in one go: more follow-ups may arrive between two reads (the table and its summary are drawn together).
            let counted = try await page.evaluate(
                "[document.querySelectorAll('#followups-body tr[data-followup]').length, document.getElementById('followups-summary').textContent]")
            let rows = Int(counted.arrayValue?.first?.numberValue ?? 0)
            let summary = counted.arrayValue?.last?.stringValue ?? ""
            #expect(rows >= 1 && summary == "\(rows) open · 0 overdue", "the summary counts the rows: \(summary)")

            try await page.evaluate("document.querySelector('\(row) button.claim').click(); true")
            try await page.wait(for: "!document.querySelector('\(row) button.claim')", "the claim taken")
            let owner = try #require(try await page.evaluate("document.querySelector('\(row) .owner').textContent").stringValue)
            #expect(owner != "duty-manager", "the row names the new owner")
            let claimed = try await Self.followUp(id, client)
            #expect(claimed["owner"] as? String == owner, "REST shows the claim")
            try Self.save(try await page.screenshot(), "followups.png")
            try await Self.expectContrast(page, "the follow-ups page")

            try await page.evaluate(
                """
                document.querySelector('\(row) input.outcome').value = 'Called back; refund agreed';
                document.querySelector('\(row) button.done').click(); true
                """)
            // Closed, it leaves the open list; under "Done" it is there with its outcome.
            try await page.wait(for: "!document.querySelector('\(row)')", "the closed follow-up gone from the open list")
            let closed = try await Self.followUp(id, client)
            #expect(closed["state"] as? String == "done")
            #expect(closed["outcome"] as? String == "Called back; refund agreed")
            try await page.evaluate(
                "const s = document.getElementById('followups-filter'); s.value = 'done'; s.dispatchEvent(new Event('change')); true")
            try await page.wait(for: "document.querySelector('\(row) .state-badge.done')", "the follow-up under Done")
            #expect(
                try await page.evaluate("document.querySelector('\(row)').textContent.includes('Called back; refund agreed')") == .bool(true))
        }
    }

    @Test("webhooks page: an admin adds a webhook to a real receiver, sees its signed deliveries in the log, and deletes it")
    func webhooksPage() async throws {
        try await Self.withSignedInPage { page, client, _ in
            let secret = "whsec_browser_0123456789"
            let receiver = WebhookReceiver(secret: secret)
            try await receiver.run { url in
                try await page.wait(for: "!document.getElementById('nav-webhooks').hidden", "the Webhooks link, for an admin")
                try await page.evaluate("location.hash = '#/webhooks'; true")
                try await page.wait(for: "!document.getElementById('page-webhooks').hidden", "the webhooks page")
                try await page.evaluate(
                    """
                    document.getElementById('webhook-url').value = \(JSONValue.string(url).serialized());
                    document.getElementById('webhook-secret').value = \(JSONValue.string(secret).serialized());
                    document.getElementById('webhook-form').requestSubmit(); true
                    """)
                try await page.wait(for: "document.querySelectorAll('#webhooks-body tr[data-webhook]').length === 1", "the webhook listed")
                #expect(
                    try await page.evaluate("document.getElementById('webhooks-status').textContent.includes('\(secret)')") == .bool(true),
                    "the secret is shown once, when it is made")
                let listed = try await client.execute(uri: "/v1/webhooks", method: .get, headers: TestServer.headers()) { String(buffer: $0.body) }
                #expect(listed.contains(url), "REST lists it")

                _ = try await CallScripts.fillWithAlertingCalls(client)
                let delivered = try await receiver.wait(seconds: 30) { !$0.isEmpty }
                #expect(!delivered.isEmpty && delivered.allSatisfy(\.verified), "signed deliveries reached the receiver")
                // The server's own log first: the receiver has a delivery a moment before the server records its answer.
                let hook = try #require(
                    (jsonObject(listed)["webhooks"] as? [[String: Any]])?.first?["id"] as? String, "the webhook's id in \(listed)")
                var recorded = false
                for _ in 0..<300 where !recorded {
                    let log = try await client.execute(uri: "/v1/webhooks/\(hook)/deliveries", method: .get, headers: TestServer.headers()) {
                        jsonObject($0.body)["deliveries"] as? [[String: Any]] ?? []
                    }
                    recorded = log.contains { $0["delivered"] as? Bool == true }
                    if !recorded { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(recorded, "REST's delivery log shows a delivery taken")
                // A burst of clicks on Refresh while the log loads is one load and at most one more after it, never a
                // request a click: on a busy server those queued behind each other and the log lagged ever further behind.
                try await page.evaluate(
                    """
                    performance.setResourceTimingBufferSize(10000);
                    performance.clearResourceTimings();
                    for (let i = 0; i < 20; i++) document.getElementById('deliveries-refresh').click();
                    true
                    """)
                do {
                    try await page.wait(for: "document.querySelector('#deliveries-body tr.delivered')", "a delivery in the log")
                } catch {
                    // What the page shows instead, for whoever reads the failure.
                    let shown = try? await page.evaluate(
                        "[document.getElementById('webhooks-status').textContent, document.getElementById('deliveries-body').textContent.slice(0, 400)]"
                    )
                    Issue.record("the page shows: \(String(describing: shown))")
                    throw error
                }
                try await Task.sleep(for: .milliseconds(500))
                let loads =
                    try await page.evaluate(
                        "performance.getEntriesByType('resource').filter((e) => e.name.includes('/deliveries')).length"
                    ).numberValue ?? -1
                #expect((1...2).contains(loads), "twenty clicks during a load made \(loads) requests for the log")
                #expect(
                    try await page.evaluate("document.querySelector('#deliveries-body tr.delivered .outcome').textContent")
                        == .string("delivered (204)"))
                try Self.save(try await page.screenshot(fullPage: true), "webhooks.png")
                try await Self.expectContrast(page, "the webhooks page")

                // Delete asks once more on the same button.
                try await page.evaluate("document.querySelector('#webhooks-body button.delete').click(); true")
                #expect(try await page.evaluate("document.querySelector('#webhooks-body button.delete').textContent") == .string("Confirm delete"))
                try await page.evaluate("document.querySelector('#webhooks-body button.delete').click(); true")
                try await page.wait(for: "document.querySelectorAll('#webhooks-body tr').length === 0", "the webhook gone")
                let after = try await client.execute(uri: "/v1/webhooks", method: .get, headers: TestServer.headers()) { String(buffer: $0.body) }
                #expect(!after.contains(url), "REST no longer lists it")
            }
        }
    }

    static func followUp(_ id: String, _ client: any TestClientProtocol) async throws -> [String: Any] {
        try await client.execute(uri: "/v1/follow-ups/\(id)", method: .get, headers: TestServer.headers()) { jsonObject($0.body) }
    }

    /// Every visible piece of text against its background, by WCAG 2's contrast ratio: at least 4.5:1, or 3:1 for large
    /// text (24 px, or 18.66 px bold). Returns the failures.
    static let contrastFailures = """
        (() => {
          const parse = (text) => { const m = text.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
            const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
          const luminance = ({r, g, b}) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
          const background = (element) => { for (let node = element; node; node = node.parentElement) {
              const colour = parse(getComputedStyle(node).backgroundColor); if (colour && colour.a > 0.5) return colour; }
            return {r: 255, g: 255, b: 255, a: 1}; };
          const failures = []; const seen = new Set();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const element = walker.currentNode.parentElement;
            if (!walker.currentNode.textContent.trim() || seen.has(element) || element.closest('svg, .visually-hidden, option')) continue;
            seen.add(element);
            const style = getComputedStyle(element); const rect = element.getBoundingClientRect();
            if (style.visibility === 'hidden' || rect.width === 0 || rect.height === 0) continue;
            const [light, dark] = [luminance(parse(style.color)), luminance(background(element))].sort((a, b) => b - a);
            const ratio = (light + 0.05) / (dark + 0.05); const size = parseFloat(style.fontSize);
            const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
            if (ratio < (large ? 3 : 4.5)) failures.push(`${element.tagName.toLowerCase()}.${element.className} "${walker.currentNode.textContent.trim().slice(0, 24)}" ${ratio.toFixed(2)}:1`);
          }
          return failures; })()
        """

    static func expectContrast(_ page: DevTools, _ where: String) async throws {
        let failures = try await page.evaluate(contrastFailures).arrayValue ?? [.string("the check did not run")]
        #expect(failures.isEmpty, "text below WCAG AA contrast on \(`where`): \(failures.prefix(8).compactMap(\.stringValue))")
    }

    /// A report in the shape `GET /v1/report` answers (docs: contracts item 4), for drawing the analytics charts.
    static let sampleReport = """
        {"from":"2026-11-23T08:00:00Z","to":"2026-11-23T12:00:00Z","generatedAt":"2026-11-23T12:00:05Z",
         "overall":{"calls":412,"escalationRate":{"coach":0.21,"supervisor":0.08,"manager":0.02},"preventionRate":0.62,
           "meanMinutesToResolution":6.5,"firstContactResolution":0.71,"repeatContactRate":0.12,"transferRate":0.09,"abandonmentRate":0.03,
           "aiContainmentRate":null,"aiToHumanRate":null,"csat":{"responses":80,"mean":4.1,"stressCorrelation":-0.42}},
         "byQueue":{"billing":{"calls":200,"preventionRate":0.55},"technical":{"calls":150,"preventionRate":0.7},"retention":{"calls":62,"preventionRate":null}},
         "byTeam":{},"byAgent":{},
         "byRule":[{"rule":"cancel-threat","tier":"manager","alerts":9,"useful":7,"dismissed":1,"acknowledged":8,"precision":0.875},
                   {"rule":"rising-frustration","tier":"supervisor","alerts":30,"useful":18,"dismissed":9,"acknowledged":25,"precision":0.667},
                   {"rule":"confusion","tier":"coach","alerts":50,"useful":0,"dismissed":0,"acknowledged":0,"precision":null}],
         "hourly":[{"hour":"2026-11-23T08:00:00Z","calls":90,"coach":20,"supervisor":6,"manager":1},
                   {"hour":"2026-11-23T09:00:00Z","calls":120,"coach":25,"supervisor":10,"manager":3},
                   {"hour":"2026-11-23T10:00:00Z","calls":110,"coach":22,"supervisor":9,"manager":0},
                   {"hour":"2026-11-23T11:00:00Z","calls":92,"coach":0,"supervisor":0,"manager":0}],
         "stressByQueue":[{"queue":"billing","calls":200,"meanPeakStress":0.61,"meanStress":0.32},{"queue":"technical","calls":150,"meanPeakStress":0.55,"meanStress":0.29}],
         "recovery":{"moves":[],"escalations":[]},"scorecards":{"calls":0,"meanScore":null,"items":[]}}
        """

    @Test("agent view: an agent's key sees their call in hand with the customer's history, and only their calls")
    func agentView() async throws {
        try await Self.withSignedInPage(path: "/agent", key: Self.agentKey) { page, client, _ in
            let callIDs = try await CallScripts.fillWithAlertingCalls(client)
            try await page.wait(for: "document.getElementById('agent-title').textContent.startsWith('On call with')", "the call in hand")
            try await page.wait(for: "document.querySelector('#agent-history dl')", "the customer's history")
            let title = try await page.evaluate("document.getElementById('agent-title').textContent").stringValue ?? ""
            #expect(title == "On call with cust-70233", "agent ag-412's own call (\(title)); \(callIDs.count) calls are live")
            #expect(try await page.evaluate("document.getElementById('agent-history').textContent.includes('Contacts (30 days)1')") == .bool(true))
            // The agent answers its own coaching: a real click on Helpful, recorded as the agent's acknowledgement.
            try await page.wait(for: "[...document.querySelectorAll('#agent-answer button')].some(b => b.textContent === 'Helpful')", "the question")
            try Self.save(try await page.screenshot(), "agent.png")
            try await page.evaluate("[...document.querySelectorAll('#agent-answer button')].find(b => b.textContent === 'Helpful').click(); true")
            try await page.wait(
                for: "document.querySelector('#agent-answer [role=status]')?.textContent === 'Thanks, recorded.'", "the answer recorded")
            let answered = try await client.execute(uri: "/v1/alerts?state=acknowledged", method: .get, headers: TestServer.headers()) {
                (jsonObject($0.body)["alerts"] as? [[String: Any]]) ?? []
            }
            let coaching = answered.filter { $0["tier"] as? String == "coach" }
            #expect(
                coaching.contains { $0["outcome"] as? String == "useful" && $0["acknowledgedBy"] as? String == "ag-412" },
                "the coach alert, answered useful by the agent: \(answered)")
            try await Self.expectContrast(page, "the agent view")
        }
    }

    /// An agent key for ag-412, the agent of example call 04.
    @Sendable static func agentKey(_ client: any TestClientProtocol) async throws -> String {
        let body = ByteBuffer(string: #"{"name":"agent 412","role":"agent","subject":"ag-412"}"#)
        let answer = try await client.execute(uri: "/v1/keys", method: .post, headers: TestServer.headers(), body: body) { jsonObject($0.body) }
        return try #require(answer["key"] as? String)
    }

    @Test("a wall opened on a call already under way shows its trend, and a threat to cancel never shows as neutral")
    func wallMetLate() async throws {
        // Call 04 up to its escalation to a manager, posted before the page opens: the wall meets it from `GET /v1/calls`,
        // not from the feed, at its angriest.
        let whole = try TestServer.exampleCall("04")
        var analyzer = CallAnalyzer(policy: try Policy.preset(named: "default"), textModel: TestServer.model)
        let escalation = try #require(
            whole.firstIndex { event in
                analyzer.ingest(event).contains { if case .decision(let decision) = $0 { decision.tier == .manager } else { false } }
            })
        let events = Array(whole[...escalation])
        let callID = events[0].callID
        try await Self.withSignedInPage(key: { client in
            let body = try events.map { try CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: body)) {
                #expect($0.status == .ok)
            }
            return TestServer.adminKey
        }) { page, client, _ in
            let row = "#wall-body tr[data-call=\"\(callID)\"]"
            try await page.wait(
                for: "document.querySelector('\(row) svg.spark polyline')?.getAttribute('points')?.split(' ').length > 2", "the trend")
            let shown = try await page.evaluate(
                """
                (() => { const row = document.querySelector('\(row)');
                  return { emotion: row.querySelector('.emotion').textContent, stress: Number(row.querySelector('.gauge-value').textContent),
                           points: row.querySelector('svg.spark polyline').getAttribute('points').split(' ').length }; })()
                """)
            let record = try await client.execute(uri: "/v1/calls/\(callID)", method: .get, headers: TestServer.headers()) {
                jsonObject($0.body)["call"] as? [String: Any] ?? [:]
            }
            let smoothed = try #require(record["smoothedStress"] as? Double)
            #expect(record["highestTier"] as? String == "manager")
            #expect(shown.member("stress") == .number((smoothed * 100).rounded() / 100))
            // The customer has just threatened to cancel: the emotion model's scores stay low on those words, the cue does not.
            #expect(shown.member("emotion") == .string("frustration"), "a call escalated to a manager at stress \(smoothed)")
            let customerTurns = try #require(record["customerTurns"] as? Int)
            #expect(shown.member("points") == .number(Double(min(customerTurns, 24))), "one point per customer reading")
            try Self.save(try await page.screenshot(row), "wall-met-late.png")
        }
    }

    @Test("client logic: risk order, emotion badge, durations and the feed reducer, run in the browser")
    func clientLogic() async throws {
        guard let chromium = try await Self.browser() else { return }
        defer { chromium.stop() }
        let server = try await TestServer()
        try await server.run { client in
            let origin = "http://127.0.0.1:\(try #require(client.port))"
            try await DevTools.withPage(browser: chromium.devToolsURL) { page in
                try await page.navigate("\(origin)/agent")
                try await page.wait(for: "document.readyState === 'complete'", "the page")
                let result = try await page.evaluate(
                    """
                    (async () => {
                      const m = await import('/assets/model.js');
                      const charts = await import('/assets/chart.js');
                      const names = ['acknowledgement-timeout', 'a-rule-name-far-too-long-to-fit-anywhere', 'x', 'y', 'z', 'w'];
                      const precision = charts.barChart({ categories: names, width: 400, totals: true,
                        series: [{ name: 'Precision', cls: 'precision', values: [1, 0.5, null, 0.2, 0.3, 0.4] }] });
                      const short = charts.barChart({ categories: ['a', 'b'], width: 400, series: [{ name: 'n', cls: 'text', values: [1, 2] }] });
                      const labels = [...precision.querySelectorAll('text.category')];
                      precision.style.width = '400px';
                      document.body.replaceChildren(precision);
                      const calls = new Map();
                      const a = m.newCall('a'); a.smoothed = 0.9; calls.set('a', a);
                      const b = m.newCall('b'); b.smoothed = 0.2; calls.set('b', b);
                      const c = m.newCall('c'); c.smoothed = 0.2; c.peak = 0.5; calls.set('c', c);
                      m.applyMessage(calls, {type: 'decision', callID: 'b', at: 10, kind: 'raised', tier: 'supervisor', rule: 'r', alertID: 'b-a1', reasons: []});
                      const before = [...calls.values()].sort(m.compareByRisk).map(x => x.id).join('');
                      m.applyMessage(calls, {type: 'alert_ack', call: 'b', at: 20, alert: 'b-a1', by: 'sup', outcome: 'acknowledged'});
                      const after = [...calls.values()].sort(m.compareByRisk).map(x => x.id).join('');
                      const unknown = m.applyMessage(calls, {type: 'signal', callID: 'z', speaker: 'customer', at: 5, stress: 0.7, smoothedStress: 0.6,
                        emotions: {frustration: 0.8, confusion: 0.1}, cues: [{kind: 'cancel_threat'}]});
                      const z = calls.get('z');
                      m.applyMessage(calls, {type: 'decision', callID: 'c', at: 10, kind: 'raised', tier: 'supervisor', rule: 'r', alertID: 'c-a1', reasons: []});
                      m.applyMessage(calls, {type: 'decision', callID: 'c', at: 99, kind: 'climbed', tier: 'manager', rule: 'acknowledgement-timeout',
                        alertID: 'c-a2', climbedFrom: 'c-a1', reasons: []});
                      const climbed = [...calls.get('c').alerts.values()].map(x => `${x.id}:${x.state}:${x.outcome ?? ''}`).join(',');
                      const ended = m.applyMessage(calls, {type: 'call_ended', call: 'z', at: 9});
                      return { before, after, unknown: unknown.unknown, zStress: z.smoothed, zEmotion: z.emotion, zCues: z.cues.join(','),
                        ended: ended.removed, alertState: calls.get('b').alerts.get('b-a1').state, climbed,
                        slanted: labels.length === 6 && labels.every((t) => (t.getAttribute('transform') ?? '').startsWith('rotate(')),
                        cut: labels[1].firstChild.textContent, whole: labels[1].querySelector('title')?.textContent ?? '',
                        taller: precision.viewBox.baseVal.height > 240,
                        upright: [...short.querySelectorAll('text.category')].every((t) => !t.hasAttribute('transform')),
                        calm: m.dominantEmotion({frustration: 0.1, satisfaction: 0.7}), neutral: m.dominantEmotion({frustration: 0.2}),
                        anxious: m.dominantEmotion({anxiety: 0.5, frustration: 0.4}),
                        stressedQuiet: m.dominantEmotion({frustration: 0.1, satisfaction: 0.6}, {stress: 0.4, cues: [{kind: 'cancel_threat'}]}),
                        stressedConfused: m.dominantEmotion({confusion: 0.2}, {stress: 0.7, cues: ['confusion']}),
                        stressedPlain: m.dominantEmotion({anxiety: 0.2, frustration: 0.1}, {stress: 0.8}),
                        history: (() => { const h = m.newCall('h'); m.applyHistory(h, [
                          {type: 'signal', speaker: 'customer', stress: 0.3, smoothedStress: 0.3, emotions: {}, cues: []},
                          {type: 'signal', speaker: 'agent', stress: 0.9, smoothedStress: 0.9, emotions: {}, cues: []},
                          {type: 'signal', speaker: 'customer', stress: 0.9, smoothedStress: 0.6, emotions: {frustration: 0.2}, cues: [{kind: 'abuse'}]}]);
                          return `${h.spark.join(',')}|${h.emotion}|${h.cues.join(',')}|${h.peak}`; })(),
                        onePoint: charts.sparkPoints([0.5], 96, 24),
                        short: m.formatDuration(65000), long: m.formatDuration(3723000),
                        reasons: m.describeReasons([{condition: 'stress >= 0.7', observed: '0.82'}]),
                        cues: m.rememberCues(['a', 'b', 'x', 'y'], [{kind: 'c'}, {kind: 'a'}]).join(','),
                        recorded: m.callDuration({startedAt: 1000, lastAt: 90000}, 31000), live: m.callDuration({startedAt: 1000, lastAt: 5000}, 31000) };
                    })()
                    """)
                #expect(result.member("before") == .string("bac"), "an open supervisor alert outranks higher stress")
                #expect(result.member("after") == .string("acb"), "once acknowledged, stress then peak decide")
                #expect(result.member("alertState") == .string("acknowledged"))
                #expect(result.member("slanted") == .bool(true), "names wider than their slot are slanted")
                #expect(result.member("cut") == .string("a-rule-name-far-too-long-to…"))
                #expect(result.member("whole") == .string("a-rule-name-far-too-long-to-fit-anywhere"), "the whole name in its tooltip")
                #expect(result.member("taller") == .bool(true))
                #expect(result.member("upright") == .bool(true), "short names stay upright")
                try Self.save(try await page.screenshot("svg.chart"), "chart-slanted-labels.png")
                #expect(result.member("climbed") == .string("c-a1:resolved:climbed,c-a2:open:"), "a climb closes the alert it supersedes")
                #expect(result.member("unknown") == .bool(true), "a message for an unseen call asks for it")
                #expect(result.member("zStress") == .number(0.6))
                #expect(result.member("zEmotion") == .string("frustration"))
                #expect(result.member("zCues") == .string("cancel_threat"))
                #expect(result.member("ended") == .bool(true))
                #expect(result.member("calm") == .string("satisfaction"))
                #expect(result.member("neutral") == .string("neutral"))
                #expect(result.member("anxious") == .string("anxiety"))
                #expect(result.member("stressedQuiet") == .string("frustration"), "a threat to cancel is not neutral, whatever the scores")
                #expect(result.member("stressedConfused") == .string("confusion"))
                #expect(result.member("stressedPlain") == .string("anxiety"), "high stress without cues: the strongest trouble emotion")
                #expect(result.member("history") == .string("0.3,0.6|frustration|abuse|0.9"), "customer readings only, in order")
                #expect(result.member("onePoint") == .string("0,12 96,12"), "one reading is a level line")
                #expect(result.member("short") == .string("1:05"))
                #expect(result.member("long") == .string("1:02:03"))
                #expect(result.member("reasons") == .string("stress >= 0.7 (0.82)"))
                #expect(result.member("cues") == .string("c,a,b,x"), "recent cues: distinct, newest first, four at most")
                #expect(result.member("recorded") == .number(90000), "a recorded call's duration is its event time")
                #expect(result.member("live") == .number(30000), "a live call's duration is the time since it started")
                // The contrast check itself finds faint text.
                try await page.evaluate(
                    "const p = document.createElement('p'); p.textContent = 'faint words'; p.style.color = '#aaaaaa'; document.body.append(p); true")
                let failures = try await page.evaluate(Self.contrastFailures).arrayValue ?? []
                #expect(
                    failures.compactMap(\.stringValue).contains { $0.contains("faint words") && $0.contains("2.16:1") },
                    "#aaa on the page's #f5f7fa: \(failures)")
            }
        }
    }
}
