import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A plain TCP connection to the test server, for what HTTP and WebSocket client libraries will not send: a 1 MB
/// header, a head sent slowly or never finished, an upgrade without a key. A reader task keeps what arrives.
final class RawConnection: Sendable {
    private struct State {
        var received: [UInt8] = []
        var closed = false
    }

    private let state = Mutex(State())
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    private init(outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.outbound = outbound
    }

    /// Connects to the test server on `port` and runs `body` with the connection; closes it afterwards.
    static func with<Result: Sendable>(port: Int, _ body: @Sendable (RawConnection) async throws -> Result) async throws -> Result {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        return try await channel.executeThenClose { inbound, outbound in
            let connection = RawConnection(outbound: outbound)
            return try await withThrowingTaskGroup(of: Result?.self) { group in
                group.addTask {
                    do {
                        for try await buffer in inbound { connection.state.withLock { $0.received += buffer.readableBytesView } }
                    } catch {
                        // A reset connection counts as closed.
                    }
                    connection.state.withLock { $0.closed = true }
                    return nil
                }
                let result = try await body(connection)
                group.cancelAll()
                return result
            }
        }
    }

    /// Sends text; false once the server has stopped taking it (it answered and closed).
    @discardableResult
    func send(_ text: String) async -> Bool {
        do {
            try await outbound.write(ByteBuffer(string: text))
            return true
        } catch {
            return false
        }
    }

    /// Sends bytes as they are; false once the server has stopped taking them.
    @discardableResult
    func send(bytes: [UInt8]) async -> Bool {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
            return true
        } catch {
            return false
        }
    }

    /// What has arrived so far, as text.
    var text: String { state.withLock { String(decoding: $0.received, as: UTF8.self) } }
    /// What has arrived so far, as bytes.
    var bytes: [UInt8] { state.withLock { $0.received } }
    /// Whether the server has closed the connection.
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Waits until `done` holds for what has arrived, the server closes, or `timeout` passes; returns what arrived.
    @discardableResult
    func read(until done: (String) -> Bool = { _ in false }, timeout: Duration = .seconds(10)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (text, closed) = state.withLock { (String(decoding: $0.received, as: UTF8.self), $0.closed) }
            if done(text) || closed { return text }
            try await Task.sleep(for: .milliseconds(10))
        }
        return text
    }

    /// Waits until the server closes the connection or `timeout` passes; whether it closed.
    func waitForClose(timeout: Duration) async throws -> Bool {
        try await read(timeout: timeout)
        return isClosed
    }

    /// A WebSocket upgrade request for `path` with `headers` (one `Name: value` each).
    static func upgrade(_ path: String, headers: [String] = []) -> String {
        ([
            "GET \(path) HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version: 13",
        ] + headers).joined(separator: "\r\n") + "\r\n\r\n"
    }

    /// The status code of the first response in `text`, if one has arrived.
    static func status(_ text: String) -> Int? {
        guard text.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(text.dropFirst(9).prefix(3))
    }

    /// The body of the first response in `text` (after its head).
    static func body(_ text: String) -> String {
        guard let range = text.range(of: "\r\n\r\n") else { return "" }
        return String(text[range.upperBound...])
    }
}
