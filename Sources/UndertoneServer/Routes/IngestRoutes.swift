import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import Prometheus
import UndertoneEngine
import UndertoneStore
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
            var accepted = 0
            var duplicates = 0
            var outputs: [String] = []
            var lastSequences: [(callID: String, lastSequence: Int)] = []
            let calls = IngestWire.byCall(items)
            // The batch is handed to its shards from the first one's event loop, where that shard's answer arrives: one
            // hop there and one back, not a wake of another thread for each answer.
            try await withTaskExecutorPreference(calls.first.map { shards.executor(forCall: $0.callID) }) {
                for (callID, items) in calls {
                    let receipt: IngestReceipt
                    do {
                        receipt = try await shards.ingest(callID: callID, items: items, scope: principal.ingestScope)
                    } catch let error as IngestError {
                        metrics.rejected(error.metricReason, via: "rest")
                        throw Problem(
                            error.status, error.description + (lastSequences.isEmpty ? "" : "; the calls before it were stored"),
                            extra: ["stored": lastSequences.map(\.callID).sorted()])
                    }
                    accepted += receipt.accepted
                    duplicates += receipt.duplicates.count
                    outputs += receipt.outputLines
                    lastSequences.append((callID, receipt.lastSequence))
                }
            }
            // Written directly (keys in UTF-8 order, as SortedJSON sorts them) into the answer's buffer: this answers every
            // posted message.
            lastSequences.sort { $0.callID.utf8.lexicographicallyPrecedes($1.callID.utf8) }
            var answer = ByteBuffer()
            answer.reserveCapacity(64 + lastSequences.count * 48 + outputs.reduce(0) { $0 + $1.utf8.count + 1 })
            answer.writeString("{\"accepted\":\(accepted),\"duplicates\":\(duplicates),\"calls\":{")
            for (index, call) in lastSequences.enumerated() {
                if index > 0 { answer.writeStaticString(",") }
                IngestWire.writeQuoted(call.callID, into: &answer)
                answer.writeString(":{\"lastSeq\":\(call.lastSequence)}")
            }
            answer.writeStaticString("},\"outputs\":[")
            for (index, output) in outputs.enumerated() {
                if index > 0 { answer.writeStaticString(",") }
                answer.writeString(output)
            }
            answer.writeStaticString("]}")
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: answer))
        }
    }

    /// `GET /v1/calls/{call}/stream` upgraded to a WebSocket: the call's events as JSON text frames with `"seq"`, audio
    /// as binary frames. The server answers `ready` (with the last sequence it holds, to resume from), an `ack` per
    /// message once it is stored, and the engine's outputs. A bad message gets an `error` frame and a close code.
    func registerStreamRoute(_ router: Router<AppRequestContext>) {
        router.ws("/v1/calls/{call}/stream") { request, context in
            try await upgrade(request, context) {
                let principal = try webSocketCaller(context, via: "websocket")
                guard principal.mayIngest else { throw Problem.forbidden("ingest needs a supervisor or admin key") }
                try requireReady()
                // Another team's call is not found: nothing says that it exists (not even its last sequence number).
                let callID = try context.parameters.require("call")
                if case .team(let team) = principal.ingestScope, let call = try await store.call(callID), call.team != team {
                    metrics.rejected("forbidden", via: "websocket")
                    throw Problem.notFound(IngestError.notWritable(callID).description)
                }
            }
        } onUpgrade: { inbound, outbound, context in
            guard let callID = context.requestContext.parameters.get("call"), let principal = context.requestContext.principal,
                let credential = context.requestContext.credential
            else { return }
            metrics.webSocketSessions.increment()
            defer { metrics.webSocketSessions.decrement() }
            var logger = context.logger
            logger[metadataKey: "call.id"] = .string(callID)
            let stream = CallStream(
                undertone: self, callID: callID, scope: principal.ingestScope, outbound: outbound,
                sender: WebSocketTextSender(channel: context.requestContext.channel), logger: logger)
            let watch = CredentialWatch(connections)
            watch.watch(principal, credential: credential)
            if try await watch.run({ try await stream.run(inbound) }) { await stream.endRevoked() }
        }
    }
}

/// One ingest WebSocket session.
struct CallStream: Sendable {
    let undertone: ServerContext
    let callID: String
    /// Whose calls the key that opened the stream may write to.
    let scope: IngestScope
    /// Closes the stream (Hummingbird's close handshake).
    let outbound: WebSocketOutboundWriter
    /// Writes the messages: `ready`, each ack with its outputs in one go, errors.
    let sender: WebSocketTextSender
    let logger: Logger

    /// Why a session ends early: the frame to send and the close code.
    struct Refusal: Error {
        var code: WebSocketErrorCode
        var reason: String
        var metric: String
        var sequence: Int?

        /// The reason as the close frame carries it: a control frame holds 125 bytes, two of them the code, so at most
        /// 123 bytes of UTF-8, cut between characters (the reason names the client's call ids, which may be long and not
        /// ASCII). The `error` message before it has the whole reason.
        var closeReason: String {
            var bytes = 0
            var end = reason.startIndex
            for character in reason {
                bytes += character.utf8.count
                guard bytes <= 123 else { break }
                end = reason.index(after: end)
            }
            return String(reason[..<end])
        }
    }

    /// Answers `ready`, then hands the stream's messages over to an ``IngestFrameHandler`` on the connection's event
    /// loop: those that reached Hummingbird's stream before it was added are handled here, up to its marker. Whatever the
    /// handler does not take (it could not be added) is handled here to the end.
    func run(_ inbound: WebSocketInboundStream) async throws {
        let last = try await undertone.shards.lastSequence(callID: callID)
        try await sender.send("{\"type\":\"ready\",\"call\":\(SortedJSON.quoted(callID)),\"lastSeq\":\(last ?? 0)}")
        let handler = await IngestFrameHandler.install(for: self, on: sender.channel)
        // However the session ends (the client's close, a refusal here, the key revoked, the server stopping), the
        // handler takes nothing more.
        defer { handler?.stop() }
        var handingOver = handler != nil
        do {
            for try await message in inbound.messages(maxSize: undertone.configuration.maxMessageBytes) {
                if handingOver, let handler, case .text(let text) = message, text == handler.marker {
                    handler.start()
                    handingOver = false
                    continue
                }
                let item = try read(message)
                // The shard judges the sequence number, the same way within a session and after a reconnect: at or below
                // the last it holds is a resend (acknowledged as a duplicate), the next one is taken, beyond it is a gap.
                let receipt: IngestReceipt
                do {
                    receipt = try await undertone.shards.ingest(callID: callID, items: [item], scope: scope)
                } catch let error as IngestError {
                    throw Refusal(code: error.closeCode, reason: error.description, metric: error.metricReason, sequence: item.sequence)
                }
                try await sender.send([IngestWire.receiptJSON(receipt, callID: callID)] + receipt.outputLines)
            }
        } catch let refusal as Refusal {
            handler?.stop()
            undertone.metrics.rejected(refusal.metric, via: "websocket")
            logger.notice("Closing an ingest stream", metadata: ["reason": "\(refusal.reason)"])
            try? await sender.send(Self.errorText(refusal))
            try? await outbound.close(refusal.code, reason: refusal.closeReason)
        }
    }

    /// The `error` message that goes before the close frame of a refused stream.
    static func errorText(_ refusal: Refusal) -> String {
        let sequence = refusal.sequence.map { ",\"seq\":\($0)" } ?? ""
        return "{\"type\":\"error\"\(sequence),\"detail\":\(SortedJSON.quoted(refusal.reason))}"
    }

    /// The key or session that opened the stream has ended: nothing more is taken.
    func endRevoked() async {
        undertone.metrics.rejected("revoked", via: "websocket")
        logger.notice("Closing an ingest stream: its key was revoked or its session ended")
        try? await sender.send("{\"type\":\"error\",\"detail\":\"the API key was revoked or the session ended\"}")
        try? await outbound.close(.policyViolation, reason: "the API key was revoked or the session ended")
    }

    func read(_ message: WebSocketMessage) throws -> IngestItem {
        switch message {
        case .text(let text):
            let item: IngestItem
            do {
                item = try IngestWire.item(line: text)
            } catch {
                let metric = if case .unknownType = error { "unknown_type" } else { "malformed" }
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
        case .unknownCall, .notWritable: .notFound
        case .otherTeam: .forbidden
        case .alreadyStarted, .callEnded, .sequenceGap: .conflict
        case .store, .shuttingDown: .serviceUnavailable
        }
    }

    var closeCode: WebSocketErrorCode {
        switch self {
        case .unknownCall, .alreadyStarted, .callEnded, .sequenceGap, .notWritable, .otherTeam: .policyViolation
        case .store: .unexpectedServerError
        case .shuttingDown: .goingAway
        }
    }

    var metricReason: String {
        switch self {
        case .unknownCall: "unknown_call"
        case .alreadyStarted: "already_started"
        case .callEnded: "call_ended"
        case .sequenceGap: "sequence_gap"
        case .notWritable, .otherTeam: "forbidden"
        case .store: "store"
        case .shuttingDown: "shutting_down"
        }
    }
}

extension Principal {
    /// Whose calls this key may write to: an admin's any, a supervisor's its team's.
    var ingestScope: IngestScope {
        role == .admin ? .anyCall : .team(subject ?? "")
    }
}
