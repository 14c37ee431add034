import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import Prometheus
import UndertoneEngine
import WSCore

extension ServerContext {
    /// `POST /v1/events`: a batch of events (JSON lines or a JSON array) — chat and e-mail messages, or whole recorded
    /// calls. Every line is checked first; a bad one refuses the batch with its line number and nothing is stored.
    func registerIngestRoutes(_ router: Router<AppRequestContext>) {
        router.post("/v1/events") { request, context -> Response in
            let principal = try context.caller()
            try requireReady()
            guard principal.mayIngest else { throw Problem.forbidden("ingest needs a supervisor or admin key") }
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let (items, errors) = IngestWire.batch(String(buffer: body))
            guard errors.isEmpty else {
                metrics.rejected("malformed", via: "rest")
                throw Problem(.badRequest, "\(errors.count) event(s) could not be read; nothing was stored", extra: ["errors": errors])
            }
            var order: [String] = []
            var byCall: [String: [IngestItem]] = [:]
            for item in items {
                if byCall[item.event.callID] == nil { order.append(item.event.callID) }
                byCall[item.event.callID, default: []].append(item)
            }
            var accepted = 0
            var duplicates = 0
            var outputs: [String] = []
            var calls: [String: JSONValue] = [:]
            for callID in order {
                let receipt: IngestReceipt
                do {
                    receipt = try await shards.ingest(callID: callID, items: byCall[callID] ?? [])
                } catch let error as IngestError {
                    metrics.rejected(error.metricReason, via: "rest")
                    throw Problem(
                        error.status, error.description + (calls.isEmpty ? "" : "; the calls before it were stored"),
                        extra: ["stored": Array(calls.keys).sorted()])
                }
                accepted += receipt.accepted
                duplicates += receipt.duplicates.count
                outputs += receipt.outputLines
                calls[callID] = .object(["lastSeq": .number(Double(receipt.lastSequence))])
            }
            let json =
                "{\"accepted\":\(accepted),\"duplicates\":\(duplicates),\"calls\":"
                + String(decoding: try JSONEncoder.sorted.encode(calls), as: UTF8.self) + ",\"outputs\":[" + outputs.joined(separator: ",") + "]}"
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
        }
    }

    /// `GET /v1/calls/{call}/stream` upgraded to a WebSocket: the call's events as JSON text frames with `"seq"`, audio
    /// as binary frames. The server answers `ready` (with the last sequence it holds, to resume from), an `ack` per
    /// message once it is stored, and the engine's outputs. A bad message gets an `error` frame and a close code.
    func registerStreamRoute(_ router: Router<AppRequestContext>) {
        router.ws("/v1/calls/{call}/stream") { request, context in
            guard let principal = context.principal else {
                metrics.rejected("unauthorized", via: "websocket")
                throw Problem.unauthorized
            }
            guard principal.mayIngest else { throw Problem.forbidden("ingest needs a supervisor or admin key") }
            try requireReady()
            return .upgrade()
        } onUpgrade: { inbound, outbound, context in
            guard let callID = context.requestContext.parameters.get("call") else { return }
            metrics.webSocketSessions.increment()
            defer { metrics.webSocketSessions.decrement() }
            var logger = context.logger
            logger[metadataKey: "call.id"] = .string(callID)
            let stream = CallStream(undertone: self, callID: callID, outbound: outbound, logger: logger)
            try await stream.run(inbound)
        }
    }
}

/// One ingest WebSocket session.
struct CallStream {
    let undertone: ServerContext
    let callID: String
    let outbound: WebSocketOutboundWriter
    let logger: Logger

    /// Why a session ends early: the frame to send and the close code.
    struct Refusal: Error {
        var code: WebSocketErrorCode
        var reason: String
        var metric: String
        var sequence: Int?
    }

    func run(_ inbound: WebSocketInboundStream) async throws {
        let last = try await undertone.shards.lastSequence(callID: callID)
        try await outbound.write(.text("{\"type\":\"ready\",\"call\":\(try IngestWire.jsonString(callID)),\"lastSeq\":\(last ?? 0)}"))
        var previous: Int?
        do {
            for try await message in inbound.messages(maxSize: undertone.configuration.maxMessageBytes) {
                let item = try read(message)
                if let sequence = item.sequence {
                    // Within one session the numbers run on by one; after a reconnect they may restart anywhere at or
                    // below what was acknowledged (resending), which the shard acknowledges again without reprocessing.
                    if let previous, sequence != previous + 1 {
                        throw Refusal(
                            code: .policyViolation, reason: "sequence \(sequence) out of order: expected \(previous + 1)", metric: "out_of_order",
                            sequence: sequence)
                    }
                    previous = sequence
                }
                let receipt: IngestReceipt
                do {
                    receipt = try await undertone.shards.ingest(callID: callID, items: [item])
                } catch let error as IngestError {
                    throw Refusal(code: error.closeCode, reason: error.description, metric: error.metricReason, sequence: item.sequence)
                }
                try await outbound.write(.text(try IngestWire.receiptJSON(receipt, callID: callID)))
                for line in receipt.outputLines { try await outbound.write(.text(line)) }
            }
        } catch let refusal as Refusal {
            undertone.metrics.rejected(refusal.metric, via: "websocket")
            logger.notice("Closing an ingest stream", metadata: ["reason": "\(refusal.reason)"])
            let sequence = refusal.sequence.map { ",\"seq\":\($0)" } ?? ""
            try? await outbound.write(.text("{\"type\":\"error\"\(sequence),\"detail\":\(try IngestWire.jsonString(refusal.reason))}"))
            try? await outbound.close(refusal.code, reason: String(refusal.reason.prefix(120)))
        }
    }

    private func read(_ message: WebSocketMessage) throws -> IngestItem {
        switch message {
        case .text(let text):
            let item: IngestItem
            do {
                item = try IngestWire.item(line: text)
            } catch {
                let metric = (error as? CallEventError).map { if case .unknownType = $0 { "unknown_type" } else { "malformed" } } ?? "malformed"
                throw Refusal(code: .dataInconsistentWithMessage, reason: String(describing: error), metric: metric, sequence: nil)
            }
            guard item.event.callID == callID else {
                throw Refusal(
                    code: .policyViolation, reason: "event for call \"\(item.event.callID)\" on the stream of call \"\(callID)\"",
                    metric: "wrong_call",
                    sequence: item.sequence)
            }
            return item
        case .binary(let buffer):
            guard buffer.readableBytes <= undertone.configuration.maxAudioFrameBytes else {
                throw Refusal(
                    code: .messageTooLarge, reason: "audio frame of \(buffer.readableBytes) bytes is too large", metric: "too_large", sequence: nil)
            }
            do {
                return try IngestWire.audio(buffer, callID: callID)
            } catch {
                throw Refusal(code: .unacceptableData, reason: error.description, metric: "bad_audio", sequence: nil)
            }
        }
    }
}

extension IngestError {
    var status: HTTPResponse.Status {
        switch self {
        case .unknownCall: .notFound
        case .alreadyStarted, .callEnded: .conflict
        case .store, .shuttingDown: .serviceUnavailable
        }
    }

    var closeCode: WebSocketErrorCode {
        switch self {
        case .unknownCall, .alreadyStarted, .callEnded: .policyViolation
        case .store: .unexpectedServerError
        case .shuttingDown: .goingAway
        }
    }

    var metricReason: String {
        switch self {
        case .unknownCall: "unknown_call"
        case .alreadyStarted: "already_started"
        case .callEnded: "call_ended"
        case .store: "store"
        case .shuttingDown: "shutting_down"
        }
    }
}
