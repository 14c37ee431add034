import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import UndertoneEngine

/// What fills the server with calls for the browser test. Swappable: the test needs only that calls go live through
/// the real ingest path and that some raise alerts (the demo simulator, `DemoSimulator`, can take this one's place).
enum CallScripts {
    /// Posts recorded example calls that raise alerts (anger to a cancel threat, an abusive outburst, a repeat caller, a
    /// confused customer), without their `call_ended`, so they stay live on the wall. Returns their call ids.
    static func fillWithAlertingCalls(_ client: some TestClientProtocol) async throws -> [String] {
        var callIDs: [String] = []
        for name in ["04", "07", "06", "02", "17"] {
            let events = try TestServer.exampleCall(name).filter { if case .callEnded = $0 { false } else { true } }
            callIDs.append(events[0].callID)
            let batch = events.map { CallEvents.encode($0) }.joined(separator: "\n")
            try await post(batch, client)
        }
        return callIDs
    }

    /// `count` short live calls for the load part: each starts, and its customer speaks twice (the second time upset
    /// in every fifth call). Posted in batches of `batchSize` calls; `onBatch` gets each batch's call ids and the time
    /// it was sent, for measuring how long the rows take to appear.
    static func fillWithLoad(
        _ client: some TestClientProtocol, count: Int, batchSize: Int = 25, pause: Duration = .milliseconds(100),
        onBatch: @Sendable ([String], Date) -> Void
    ) async throws {
        let queues = ["billing", "technical", "delivery", "cards", "retention"]
        let calm = "hi i am calling to check the status of my order please"
        let upset = "this is ridiculous i have called three times and nobody fixes it i want to cancel"
        for start in stride(from: 0, to: count, by: batchSize) {
            var lines: [String] = []
            var ids: [String] = []
            for index in start..<min(count, start + batchSize) {
                let id = "load-\(index)"
                ids.append(id)
                let queue = queues[(index / 3) % queues.count]
                lines.append(
                    #"{"v":1,"type":"call_started","call":"\#(id)","at":0,"channel":"voice","customer":"cust-\#(index)","queue":"\#(queue)","agent":"ag-\#(index % 40)","team":"blue"}"#
                )
                lines.append(#"{"v":1,"type":"turn","call":"\#(id)","at":3000,"utterance":"u1","speaker":"customer","text":"\#(calm)","final":true}"#)
                let second = index % 5 == 0 ? upset : calm
                lines.append(
                    #"{"v":1,"type":"turn","call":"\#(id)","at":9000,"utterance":"u2","speaker":"customer","text":"\#(second)","final":true}"#)
            }
            onBatch(ids, Date())
            try await post(lines.joined(separator: "\n"), client)
            try await Task.sleep(for: pause)
        }
    }

    static func post(_ batch: String, _ client: some TestClientProtocol) async throws {
        let status = try await client.execute(uri: "/v1/events", method: .post, headers: TestServer.headers(), body: ByteBuffer(string: batch)) {
            $0.status
        }
        guard status == .ok else { throw CallScriptError(description: "POST /v1/events answered \(status)") }
    }

    struct CallScriptError: Error, CustomStringConvertible {
        var description: String
    }
}
