import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

@testable import UndertoneServer

/// A Chrome DevTools Protocol connection: JSON-RPC over the browser's WebSocket, with one page attached in flat mode
/// (commands carry its `sessionId`). Collects the page's uncaught exceptions, console errors and CSP violations.
final class DevTools: Sendable {
    struct ProtocolError: Error, CustomStringConvertible {
        var description: String
    }

    private let outbound: WebSocketOutboundWriter
    private let pending = Mutex<[Int: AsyncThrowingStream<JSONValue, any Error>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)
    private let session = Mutex<String?>(nil)
    /// Uncaught exceptions, `console.error` lines and Content-Security-Policy violations, as the page reported them.
    let pageErrors = Mutex<[String]>([])
    /// Canned JSON answers for requests whose URL contains a key (see `answer(_:with:)`).
    private let cannedAnswers = Mutex<[String: String]>([:])

    private init(outbound: WebSocketOutboundWriter) {
        self.outbound = outbound
    }

    /// Connects to the browser at `url`, opens a page and runs `body` with it.
    static func withPage<T: Sendable>(browser url: String, _ body: @escaping @Sendable (DevTools) async throws -> T) async throws -> T {
        let result = Mutex<Result<T, any Error>?>(nil)
        let configuration = WebSocketClientConfiguration(maxFrameSize: 64 << 20)
        try await WebSocketClient.connect(url: url, configuration: configuration, logger: Logger(label: "devtools")) { inbound, outbound, _ in
            let devTools = DevTools(outbound: outbound)
            await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await message in inbound.messages(maxSize: 64 << 20) {
                        if case .text(let text) = message { devTools.receive(text) }
                    }
                    devTools.failAll(ProtocolError(description: "the browser closed the DevTools connection"))
                }
                do {
                    try await devTools.attachPage()
                    let value = try await body(devTools)
                    result.withLock { $0 = .success(value) }
                } catch {
                    result.withLock { $0 = .failure(error) }
                }
                group.cancelAll()
            }
        }
        guard let outcome = result.withLock({ $0 }) else { throw ProtocolError(description: "the DevTools connection ended early") }
        return try outcome.get()
    }

    private func attachPage() async throws {
        let target = try await send("Target.createTarget", ["url": .string("about:blank")], browserLevel: true)
        guard let targetID = target.member("targetId")?.stringValue else { throw ProtocolError(description: "no targetId: \(target)") }
        let attached = try await send("Target.attachToTarget", ["targetId": .string(targetID), "flatten": .bool(true)], browserLevel: true)
        guard let sessionID = attached.member("sessionId")?.stringValue else { throw ProtocolError(description: "no sessionId: \(attached)") }
        session.withLock { $0 = sessionID }
        _ = try await send("Page.enable")
        _ = try await send("Runtime.enable")
        _ = try await send("Log.enable")
    }

    /// Sends a command (to the page unless `browserLevel`) and waits for its result, at most `timeout`.
    @discardableResult
    func send(_ method: String, _ params: [String: JSONValue] = [:], browserLevel: Bool = false, timeout: Duration = .seconds(60)) async throws
        -> JSONValue
    {
        let id = nextID.add(1, ordering: .relaxed).newValue
        var message: [String: JSONValue] = ["id": .number(Double(id)), "method": .string(method), "params": .object(params)]
        if !browserLevel, let session = session.withLock({ $0 }) { message["sessionId"] = .string(session) }
        let (stream, continuation) = AsyncThrowingStream<JSONValue, any Error>.makeStream()
        pending.withLock { $0[id] = continuation }
        try await outbound.write(.text(JSONValue.object(message).serialized()))
        return try await withThrowingTaskGroup(of: JSONValue.self) { group in
            group.addTask {
                for try await value in stream { return value }
                throw ProtocolError(description: "\(method): no answer")
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ProtocolError(description: "\(method): no answer in \(timeout)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private func receive(_ text: String) {
        guard let message = try? JSONValue.parse(text) else { return }
        if let id = message.member("id")?.numberValue.map(Int.init) {
            guard let continuation = pending.withLock({ $0.removeValue(forKey: id) }) else { return }
            if let error = message.member("error") {
                continuation.finish(throwing: ProtocolError(description: error.serialized()))
            } else {
                continuation.yield(message.member("result") ?? .null)
                continuation.finish()
            }
            return
        }
        let params = message.member("params")
        switch message.member("method")?.stringValue {
        case "Runtime.exceptionThrown":
            let details = params?.member("exceptionDetails")
            let text = details?.member("exception")?.member("description")?.stringValue ?? details?.member("text")?.stringValue ?? "exception"
            pageErrors.withLock { $0.append("exception: \(text)") }
        case "Runtime.consoleAPICalled" where params?.member("type")?.stringValue == "error":
            pageErrors.withLock { $0.append("console.error: \(params?.member("args")?.serialized() ?? "")") }
        case "Fetch.requestPaused":
            guard let requestID = params?.member("requestId")?.stringValue else { return }
            let url = params?.member("request")?.member("url")?.stringValue ?? ""
            let body = cannedAnswers.withLock { answers in answers.first { url.contains($0.key) }?.value }
            // A hop from this synchronous reader to an async command: awaiting here would block the reader its answer needs.
            Task {
                if let body {
                    try? await self.send(
                        "Fetch.fulfillRequest",
                        [
                            "requestId": .string(requestID), "responseCode": .number(200),
                            "responseHeaders": .array([.object(["name": .string("Content-Type"), "value": .string("application/json")])]),
                            "body": .string(Data(body.utf8).base64EncodedString()),
                        ])
                } else {
                    try? await self.send("Fetch.continueRequest", ["requestId": .string(requestID)])
                }
            }
        case "Log.entryAdded":
            // Network refusals are expected (401 before signing in, 404 for routes built in parallel); the rest is not.
            let entry = params?.member("entry")
            if entry?.member("level")?.stringValue == "error", entry?.member("source")?.stringValue != "network" {
                pageErrors.withLock { $0.append("log: \(entry?.member("text")?.stringValue ?? "")") }
            }
        default:
            break
        }
    }

    private func failAll(_ error: any Error) {
        let all = pending.withLock { pending in
            defer { pending.removeAll() }
            return Array(pending.values)
        }
        for continuation in all { continuation.finish(throwing: error) }
    }

    // MARK: - Page helpers

    /// Evaluates `expression` in the page (awaiting a promise) and returns its value as JSON.
    func evaluate(_ expression: String) async throws -> JSONValue {
        let answer = try await send(
            "Runtime.evaluate", ["expression": .string(expression), "awaitPromise": .bool(true), "returnByValue": .bool(true)])
        if let exception = answer.member("exceptionDetails") {
            throw ProtocolError(
                description: "page threw: \(exception.member("exception")?.member("description")?.stringValue ?? exception.serialized())")
        }
        return answer.member("result")?.member("value") ?? .null
    }

    /// Polls `expression` until it is truthy; fails after `timeout` with `what`.
    func wait(for expression: String, _ what: String, timeout: Duration = .seconds(30)) async throws {
        // Always evaluated once after the deadline too: a task starved by the rest of the suite may wake late.
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if try await evaluate("Boolean(\(expression))") == .bool(true) { return }
            if ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ProtocolError(description: "timed out after \(timeout) waiting for \(what)")
    }

    /// From now on, requests whose URL contains `urlPart` are answered with `json` by the browser itself, never reaching
    /// the server (a route built in parallel can be shown with an answer of its documented shape).
    func answer(_ urlPart: String, with json: String) async throws {
        cannedAnswers.withLock { $0[urlPart] = json }
        try await send("Fetch.enable", ["patterns": .array([.object(["urlPattern": .string("*\(urlPart)*"), "requestStage": .string("Request")])])])
    }

    /// Presses a key in the page as a user would (`ArrowDown`, `Enter`…): key down, then key up.
    func press(_ key: String, code: Int) async throws {
        var down: [String: JSONValue] = [
            "type": .string("keyDown"), "key": .string(key), "code": .string(key), "windowsVirtualKeyCode": .number(Double(code)),
        ]
        if key == "Enter" { down["text"] = .string("\r") }
        try await send("Input.dispatchKeyEvent", down)
        try await send(
            "Input.dispatchKeyEvent",
            ["type": .string("keyUp"), "key": .string(key), "code": .string(key), "windowsVirtualKeyCode": .number(Double(code))])
    }

    func navigate(_ url: String) async throws {
        try await send("Page.navigate", ["url": .string(url)])
    }

    /// Sets the viewport (CSS pixels).
    func viewport(width: Int, height: Int, mobile: Bool = false) async throws {
        try await send(
            "Emulation.setDeviceMetricsOverride",
            ["width": .number(Double(width)), "height": .number(Double(height)), "deviceScaleFactor": .number(1), "mobile": .bool(mobile)])
    }

    /// A PNG of the viewport, of the whole page (`fullPage`), or of the element `selector` matches (scrolled into view).
    func screenshot(_ selector: String? = nil, fullPage: Bool = false) async throws -> Data {
        var params: [String: JSONValue] = ["format": .string("png")]
        if let selector {
            let rect = try await evaluate(
                """
                new Promise((resolve) => { const element = document.querySelector(\(JSONValue.string(selector).serialized()));
                  element.scrollIntoView({block: 'center'});
                  requestAnimationFrame(() => { const r = element.getBoundingClientRect();
                    resolve({x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height}); }); })
                """)
            params["clip"] = .object([
                "x": rect.member("x") ?? .number(0), "y": rect.member("y") ?? .number(0), "width": rect.member("width") ?? .number(1),
                "height": rect.member("height") ?? .number(1), "scale": .number(1),
            ])
        } else if fullPage {
            let size = try await evaluate("({width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight})")
            params["clip"] = .object([
                "x": .number(0), "y": .number(0), "width": size.member("width") ?? .number(1), "height": size.member("height") ?? .number(1),
                "scale": .number(1),
            ])
            params["captureBeyondViewport"] = .bool(true)
        }
        let answer = try await send("Page.captureScreenshot", params)
        guard let base64 = answer.member("data")?.stringValue, let data = Data(base64Encoded: base64) else {
            throw ProtocolError(description: "no screenshot data")
        }
        return data
    }
}

extension JSONValue {
    /// A member of an object (nil for anything else).
    func member(_ key: String) -> JSONValue? {
        if case .object(let object) = self { object[key] } else { nil }
    }

    var numberValue: Double? {
        if case .number(let number) = self { number } else { nil }
    }

    var arrayValue: [JSONValue]? {
        if case .array(let array) = self { array } else { nil }
    }
}
