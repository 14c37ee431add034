import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

/// The dashboard's files and the API routes the browser needs (session, a call's outputs), without a browser.
@Suite("Dashboard routes")
struct DashboardRouteTests {
    @Test("pages and assets: content types, no-cache with ETag and 304, a strict CSP, 404 for anything else")
    func assets() async throws {
        let server = try await TestServer()
        try await server.run { client in
            let etag = try await client.execute(uri: "/", method: .get) { response -> String in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-cache")
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("script-src 'self';") && !policy.contains("unsafe-inline"), "CSP: \(policy)")
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(String(buffer: response.body).contains("/assets/dashboard.js"))
                return response.headers[.eTag] ?? ""
            }
            #expect(etag.hasPrefix("\"") && etag.count > 10)
            try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/agent", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("/assets/agent.js"))
            }
            for (file, type) in [
                ("app.css", "text/css; charset=utf-8"), ("dashboard.js", "text/javascript; charset=utf-8"),
                ("chart.js", "text/javascript; charset=utf-8"),
                ("model.js", "text/javascript; charset=utf-8"),
            ] {
                try await client.execute(uri: "/assets/\(file)", method: .get) { response in
                    #expect(response.status == .ok, "\(file)")
                    #expect(response.headers[.contentType] == type, "\(file)")
                }
            }
            for path in ["/assets/nope.js", "/assets/..%2FPackage.swift", "/assets/%2E%2E%2F%2E%2E%2FPackage.swift", "/assets/../Package.swift"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path) answered \(response.status)")
                    #expect(!String(buffer: response.body).contains("swift-tools-version"))
                }
            }
        }
    }

    @Test("no inline script or style in the pages, and every script they load exists")
    func pagesObeyTheirPolicy() throws {
        let assets = DashboardAssets.bundled.assets
        for page in ["index.html", "agent.html"] {
            let html = String(buffer: try #require(assets[page]).bytes)
            #expect(!html.contains("<script>") && !html.contains("style=") && !html.contains("<style") && !html.contains(" onclick="), "\(page)")
            for match in html.matches(of: /src="\/assets\/([a-z-]+\.js)"/) { #expect(assets[String(match.1)] != nil, "\(page) loads \(match.1)") }
        }
        // Feed text is never parsed as markup.
        for (name, asset) in assets where name.hasSuffix(".js") { #expect(!String(buffer: asset.bytes).contains("innerHTML"), "\(name)") }
    }

    @Test("session: a key becomes an HttpOnly SameSite=Strict cookie that authenticates; forged origins are refused; sign-out clears it")
    func session() async throws {
        let server = try await TestServer()
        try await server.run { client in
            try await client.execute(uri: "/v1/session", method: .post, body: ByteBuffer(string: #"{"key":"ut_wrong"}"#)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/session", method: .post, body: ByteBuffer(string: "key=x")) { #expect($0.status == .badRequest) }
            try await client.execute(
                uri: "/v1/session", method: .post, headers: [.origin: "https://evil.example"],
                body: ByteBuffer(string: #"{"key":"\#(TestServer.adminKey)"}"#)
            ) { #expect($0.status == .forbidden) }
            let cookie = try await client.execute(uri: "/v1/session", method: .post, body: ByteBuffer(string: #"{"key":"\#(TestServer.adminKey)"}"#))
            {
                response -> String in
                #expect(response.status == .ok)
                #expect(jsonObject(response.body)["role"] as? String == "admin")
                #expect(!String(buffer: response.body).contains(TestServer.adminKey), "the answer never repeats the key")
                let setCookie = response.headers[.setCookie] ?? ""
                #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"), "\(setCookie)")
                return String(setCookie.split(separator: ";")[0])
            }
            let withCookie: HTTPFields = [.cookie: "other=1; \(cookie)"]
            try await client.execute(uri: "/v1/session", method: .get, headers: withCookie) { response in
                #expect(response.status == .ok)
                #expect(jsonObject(response.body)["name"] as? String != nil)
            }
            try await client.execute(uri: "/v1/calls?status=live", method: .get, headers: withCookie) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/session", method: .get) { #expect($0.status == .unauthorized) }
            // State-changing requests on the cookie alone need the page's own origin.
            let event = #"{"v":1,"type":"call_started","call":"cookie-1","at":0,"channel":"chat","customer":"c","queue":"q"}"#
            try await client.execute(uri: "/v1/events", method: .post, headers: withCookie, body: ByteBuffer(string: event)) {
                #expect($0.status == .forbidden)
            }
            var forged = withCookie
            forged[.origin] = "https://evil.example"
            try await client.execute(uri: "/v1/events", method: .post, headers: forged, body: ByteBuffer(string: event)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/v1/calls", method: .get, headers: forged) { #expect($0.status == .forbidden) }
            // A bearer key still works as before, cookie or not.
            var both = forged
            both[.authorization] = "Bearer \(TestServer.adminKey)"
            let other = event.replacingOccurrences(of: "cookie-1", with: "cookie-2")
            try await client.execute(uri: "/v1/events", method: .post, headers: both, body: ByteBuffer(string: other)) { #expect($0.status == .ok) }
            // A stale cookie is ignored (the sign-in page still loads), not refused.
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "undertone_session=ut_revoked"]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/calls", method: .get, headers: [.cookie: "undertone_session=ut_revoked"]) {
                #expect($0.status == .unauthorized)
            }
            // The page's own origin passing the guard is the browser test's part (this client sends no Host).
            try await client.execute(uri: "/v1/session", method: .delete) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
        }
    }

    @Test("a call's outputs: signals and decisions in order with its call_started; types narrows; others' calls are 404; audited")
    func outputs() async throws {
        let server = try await TestServer()
        let events = try TestServer.exampleCall("04")
        let callID = events[0].callID
        try await server.run { client in
            let batch = events.map { CallEvents.encode($0) }.joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: batch)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/calls/\(callID)/outputs", method: .get, headers: TestServer.headers()) { response in
                #expect(response.status == .ok)
                let body = jsonObject(response.body)
                #expect(body["call"] as? String == callID)
                #expect((body["started"] as? [String: Any])?["type"] as? String == "call_started")
                let outputs = body["outputs"] as? [[String: Any]] ?? []
                let types = Set(outputs.compactMap { $0["type"] as? String })
                #expect(types.isSuperset(of: ["signal", "decision"]), "\(types)")
                let times = outputs.compactMap { $0["at"] as? Int }
                #expect(times == times.sorted())
            }
            try await client.execute(uri: "/v1/calls/\(callID)/outputs?types=decision", method: .get, headers: TestServer.headers()) { response in
                let outputs = jsonObject(response.body)["outputs"] as? [[String: Any]] ?? []
                #expect(!outputs.isEmpty && outputs.allSatisfy { $0["type"] as? String == "decision" })
            }
            try await client.execute(uri: "/v1/calls/nope/outputs", method: .get, headers: TestServer.headers()) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/calls/\(callID)/outputs", method: .get) { #expect($0.status == .unauthorized) }
            let audit = try await server.context.store.auditLog(after: 0, limit: 100)
            #expect(audit.contains { $0.action == "outputs.read" && $0.target == callID })
        }
    }
}
