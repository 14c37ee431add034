import Foundation
import Hummingbird
import NIOCore
import UndertoneEngine
import UndertoneStore

extension ServerContext {
    /// `GET /v1/calls/{call}/outputs?types=signal,decision`: what the engine said about a call, in order (signals,
    /// voice readings, decisions, guidance…), with the call's `call_started` (its customer history). The drill-down's
    /// timeline and the agent view read it. Signals quote the words that drove them, so a read is audited like a
    /// transcript's.
    func registerCallOutputRoutes(_ router: Router<AppRequestContext>) {
        router.get("/v1/calls/{call}/outputs") { request, context -> Response in
            let call = try await visibleCall(context, auditing: "outputs")
            let types = Self.types(request)
            var started = "null"
            var outputs: [String] = []
            var after = 0
            while true {
                let page = try await store.entries(call: call.callID, after: after, limit: 5_000)
                for logged in page {
                    after = logged.callSequence
                    let entry = logged.entry
                    if entry.kind == .event, entry.type == CallStarted.eventType { started = entry.body }
                    guard types?.contains(entry.type) != false, Self.isEngineOutput(entry) else { continue }
                    outputs.append(entry.body)
                }
                if page.count < 5_000 { break }
            }
            try await audit(try context.caller(), "outputs.read", target: call.callID)
            let body = "{\"call\":\(SortedJSON.quoted(call.callID)),\"started\":\(started),\"outputs\":[\(outputs.joined(separator: ","))]}"
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    /// An engine output, or a voice reading the engine made of raw audio (logged as an event because the audio is not
    /// kept; it carries the reading's `baseline`, a `voice` event sent as such does not).
    static func isEngineOutput(_ entry: LogEntry) -> Bool {
        switch entry.kind {
        case .output: true
        case .event:
            entry.type == "voice" && ((try? JSONDecoder().decode(VoiceProbe.self, from: Data(entry.body.utf8)))?.baseline != nil)
        }
    }

    private struct VoiceProbe: Decodable { var baseline: Double? }
}
