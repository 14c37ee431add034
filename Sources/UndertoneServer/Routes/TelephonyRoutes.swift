import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import Prometheus
import UndertoneEngine
import WSCore

/// A vendor's WebSocket protocol read message by message: `TwilioMediaStreamSession` or `AudioHookSession`.
protocol TelephonySession: Sendable {
    mutating func receive(text: String) throws(AdapterError) -> [AdapterOutput]
    mutating func receive(binary: [UInt8]) throws(AdapterError) -> [AdapterOutput]
    mutating func terminate(with error: AdapterError) -> [AdapterOutput]
    mutating func connectionClosed() -> [CallEvent]
    /// The credential that arrived inside the protocol (Twilio's `token` parameter), once it has.
    var inBandToken: String? { get }
    /// After the server asked the client to close: how to close the socket if it has not in time.
    var awaitingClose: AdapterClose? { get }
    /// The call the session's events belong to, once known.
    var callID: String? { get }
}

extension TwilioMediaStreamSession: TelephonySession {
    var inBandToken: String? { token }
    var awaitingClose: AdapterClose? { nil }
}

extension AudioHookSession: TelephonySession {
    var inBandToken: String? { nil }
}

extension JambonzListenSession: TelephonySession {
    var inBandToken: String? { nil }
    var awaitingClose: AdapterClose? { nil }
}

extension ServerContext {
    /// The telephony adapters' WebSocket endpoints: `/v1/telephony/twilio` (Twilio Media Streams; the key comes in the
    /// `start` message's `token` parameter, since Twilio passes no query string or header) and
    /// `/v1/telephony/audiohook` (Genesys AudioHook v2; the key comes in the `X-API-KEY` upgrade header and is checked
    /// before upgrading). `docs/telephony.md` describes both.
    func registerTelephonyRoutes(_ router: Router<AppRequestContext>) {
        router.ws("/v1/telephony/twilio") { request, context in
            try await upgrade(request, context) { try requireReady() }
        } onUpgrade: { inbound, outbound, context in
            let session = TwilioMediaStreamSession(configuration: TwilioMediaStreamConfiguration(defaultQueue: "twilio"))
            await onConnectionLoop(context) {
                await TelephonyStream(undertone: self, vendor: "twilio", principal: nil, credential: nil, outbound: outbound, logger: context.logger)
                    .run(session, inbound: inbound)
            }
        }

        router.ws("/v1/telephony/jambonz") { request, context in
            // The listen verb's wsAuth sends HTTP basic credentials (the key as the password); a bearer token or the
            // `key` query parameter on the verb's url work too.
            let offered = request.headers[.secWebSocketProtocol]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            let headers: HTTPFields = offered.contains("audio.jambonz.org") ? [.secWebSocketProtocol: "audio.jambonz.org"] : [:]
            return try await upgrade(request, context, headers: headers) {
                var principal = context.principal
                if principal == nil, let secret = Self.basicPassword(request) { principal = try await keys.principal(for: secret) }
                guard let principal else {
                    metrics.rejected("unauthorized", via: "jambonz")
                    throw Problem.unauthorized
                }
                guard principal.mayIngest else {
                    metrics.rejected("forbidden", via: "jambonz")
                    throw Problem.forbidden("ingest needs a supervisor or admin key")
                }
                try requireReady()
            }
        } onUpgrade: { inbound, outbound, context in
            var principal = context.requestContext.principal
            var credential = context.requestContext.credential
            if principal == nil, let secret = Self.basicPassword(context.request) {
                principal = try? await keys.principal(for: secret)
                credential = .key(hash: APIKey.hash(secret))
            }
            await onConnectionLoop(context) {
                await TelephonyStream(
                    undertone: self, vendor: "jambonz", principal: principal, credential: credential, outbound: outbound, logger: context.logger
                )
                .run(JambonzListenSession(), inbound: inbound)
            }
        }

        router.ws("/v1/telephony/audiohook") { request, context in
            // AudioHook expects a refused key to be refused at the upgrade, with 401.
            try await upgrade(request, context) {
                let principal = try webSocketCaller(context, via: "audiohook")
                guard principal.mayIngest else {
                    metrics.rejected("forbidden", via: "audiohook")
                    throw Problem.forbidden("ingest needs a supervisor or admin key")
                }
                try requireReady()
            }
        } onUpgrade: { inbound, outbound, context in
            let upgrade = AudioHookUpgrade(headers: context.request.headers.map { (name: $0.name.canonicalName, value: $0.value) })
            let session = AudioHookSession(upgrade: upgrade)
            await onConnectionLoop(context) {
                await TelephonyStream(
                    undertone: self, vendor: "audiohook", principal: context.requestContext.principal,
                    credential: context.requestContext.credential, outbound: outbound, logger: context.logger
                )
                .run(session, inbound: inbound)
            }
        }
    }
}

extension ServerContext {
    /// Runs a telephony session's task on its connection's event loop, where its messages are read: each message then
    /// resumes the session without waking a thread of Swift's global executor, and on a node whose shards share that loop
    /// (one core, or the call's own shard) handing its events over and the answer back are jobs on the same thread.
    func onConnectionLoop(_ context: WebSocketRouterContext<AppRequestContext>, _ session: () async -> Void) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(context.requestContext.channel.eventLoop), operation: session)
    }

    /// The password of an HTTP basic `Authorization` header (jambonz's `wsAuth`), if there is one.
    static func basicPassword(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic", let decoded = Data(base64Encoded: String(parts[1])) else { return nil }
        let credentials = String(decoding: decoded, as: UTF8.self)
        guard let colon = credentials.firstIndex(of: ":") else { return nil }
        return String(credentials[credentials.index(after: colon)...])
    }
}

/// One telephony WebSocket: reads each message into its session and performs what comes back, in order — events are
/// ingested (in one request per message, so a message's events are stored together), texts sent, closes done.
struct TelephonyStream: Sendable {
    let undertone: ServerContext
    let vendor: String
    /// Who the upgrade request authenticated as; nil until an in-band token is checked (Twilio).
    var principal: Principal?
    let outbound: WebSocketOutboundWriter
    var logger: Logger
    /// How long a client asked to close (AudioHook's `disconnect`) has before the server closes the socket itself.
    var closeGrace: Duration = .seconds(5)
    /// How long a client has to present its key (Twilio's `start` with its `token`) before the socket is closed: as
    /// long as a request head may take.
    var keyDeadline: Duration
    /// The key's watch: revoking it ends the stream.
    let watch: CredentialWatch

    init(
        undertone: ServerContext, vendor: String, principal: Principal?, credential: Credential?, outbound: WebSocketOutboundWriter, logger: Logger
    ) {
        self.undertone = undertone
        self.vendor = vendor
        self.principal = principal
        self.outbound = outbound
        self.logger = logger
        self.logger[metadataKey: "telephony"] = .string(vendor)
        keyDeadline = undertone.configuration.connectionLimits.requestHeadTimeout
        watch = CredentialWatch(undertone.connections)
        if let principal, let credential { watch.watch(principal, credential: credential) }
    }

    func run(_ session: some TelephonySession, inbound: WebSocketInboundStream) async {
        undertone.metrics.webSocketSessions.increment()
        defer { undertone.metrics.webSocketSessions.decrement() }
        let (closeRequested, closeSignal) = AsyncStream.makeStream(of: AdapterClose.self, bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [outbound, logger, closeGrace] in
                // The client was asked to close and has not: close the socket after the grace period.
                for await close in closeRequested {
                    guard (try? await Task.sleep(for: closeGrace)) != nil else { return }
                    logger.notice("Telephony client did not close in time", metadata: ["reason": "\(close.reason)"])
                    try? await outbound.close(WebSocketErrorCode(close.code), reason: close.reason)
                    return
                }
            }
            group.addTask { [outbound, logger, keyDeadline, watch, undertone, vendor] in
                // A socket that never shows a key is not held open.
                guard (try? await Task.sleep(for: keyDeadline)) != nil, !watch.isWatching else { return }
                undertone.metrics.rejected("timeout", via: vendor)
                logger.notice("Telephony client sent no API key in time")
                try? await outbound.close(.policyViolation, reason: "no API key within \(keyDeadline)")
            }
            let revoked =
                (try? await watch.run { [self] in
                    var stream = self
                    var session = session
                    await stream.read(inbound, session: &session, closeSignal: closeSignal)
                }) ?? false
            if revoked {
                undertone.metrics.rejected("revoked", via: vendor)
                try? await outbound.close(.policyViolation, reason: "the API key was revoked")
            }
            closeSignal.finish()
            group.cancelAll()
        }
    }

    private mutating func read(
        _ inbound: WebSocketInboundStream, session: inout some TelephonySession, closeSignal: AsyncStream<AdapterClose>.Continuation
    ) async {
        do {
            for try await message in inbound.messages(maxSize: undertone.configuration.maxMessageBytes) {
                let outputs: [AdapterOutput]
                do {
                    switch message {
                    case .text(let text): outputs = try session.receive(text: text)
                    case .binary(let buffer): outputs = try session.receive(binary: Array(buffer.readableBytesView))
                    }
                } catch {
                    undertone.metrics.rejected(error.metricReason, via: vendor)
                    logger.notice("Telephony message refused", metadata: ["error": "\(error.description)"])
                    outputs = session.terminate(with: error)
                }
                let finished = try await perform(outputs, session: &session)
                if let close = session.awaitingClose { closeSignal.yield(close) }
                if finished { break }
            }
        } catch {
            // The connection failed under us (too big a frame for the WebSocket layer, a dropped peer): end the call.
            logger.notice("Telephony connection ended", metadata: ["error": "\(String(reflecting: error))"])
        }
        let closing = session.connectionClosed()
        if !closing.isEmpty, let principal, !watch.isEnded, let callID = session.callID {
            do {
                _ = try await undertone.shards.ingest(callID: callID, items: closing.map { IngestItem(event: $0) }, scope: principal.ingestScope)
            } catch {
                logger.error("Could not end a telephony call", metadata: ["call.id": "\(callID)", "error": "\(String(reflecting: error))"])
            }
        }
    }

    /// Performs a message's outputs in order; true once the socket is closed.
    private mutating func perform(_ outputs: [AdapterOutput], session: inout some TelephonySession) async throws -> Bool {
        var pending: [CallEvent] = []
        for output in outputs {
            switch output {
            case .event(let event):
                pending.append(event)
                continue
            case .send, .close, .notice:
                break
            }
            if !pending.isEmpty {
                if let refusal = await ingest(pending, session: session) {
                    return try await perform(session.terminate(with: refusal).filter { !$0.isEvent || principal != nil }, session: &session)
                }
                pending = []
            }
            switch output {
            case .send(let text):
                try await outbound.write(.text(text))
            case .close(let close):
                try await outbound.close(WebSocketErrorCode(close.code), reason: close.reason)
                return true
            case .notice(let notice):
                logger.info("Telephony notice", metadata: ["notice": "\(notice)"])
            case .event:
                break
            }
        }
        if !pending.isEmpty, let refusal = await ingest(pending, session: session) {
            return try await perform(session.terminate(with: refusal).filter { !$0.isEvent || principal != nil }, session: &session)
        }
        return false
    }

    /// Ingests a message's events into their call; the error to end the session with when they are refused.
    private mutating func ingest(_ events: [CallEvent], session: some TelephonySession) async -> AdapterError? {
        if principal == nil {
            guard let token = session.inBandToken else {
                undertone.metrics.rejected("unauthorized", via: vendor)
                return .unauthorized("no API key: pass it as the stream's \"token\" parameter")
            }
            let found: Principal?
            do {
                found = try await undertone.keys.principal(for: token)
            } catch {
                return .internalError("the key could not be checked")
            }
            guard let found else {
                undertone.metrics.rejected("unauthorized", via: vendor)
                return .unauthorized("unknown or revoked API key")
            }
            guard found.mayIngest else {
                undertone.metrics.rejected("forbidden", via: vendor)
                return .unauthorized("ingest needs a supervisor or admin key")
            }
            principal = found
            watch.watch(found, credential: .key(hash: APIKey.hash(token)))
            logger[metadataKey: "key.id"] = .string(found.keyID)
        }
        guard !watch.isEnded else { return .unauthorized("the API key was revoked") }
        guard let callID = events.first?.callID, let writer = principal else { return nil }
        logger[metadataKey: "call.id"] = .string(callID)
        do {
            _ = try await undertone.shards.ingest(callID: callID, items: events.map { IngestItem(event: $0) }, scope: writer.ingestScope)
            return nil
        } catch let error as IngestError {
            undertone.metrics.rejected(error.metricReason, via: vendor)
            switch error {
            case .store, .shuttingDown: return .internalError(error.description)
            case .unknownCall, .alreadyStarted, .callEnded, .sequenceGap: return .unexpectedMessage(error.description)
            case .notWritable, .otherTeam: return .unauthorized(error.description)
            }
        } catch {
            return .internalError(String(describing: error))
        }
    }
}

extension AdapterOutput {
    fileprivate var isEvent: Bool {
        if case .event = self { return true }
        return false
    }
}

extension WebSocketErrorCode {
    fileprivate init(_ code: WebSocketCloseCode) {
        self.init(codeNumber: Int(code.rawValue))
    }
}

extension AdapterError {
    /// The label counted in `undertone_rejected_total`.
    var metricReason: String {
        switch self {
        case .tooBig: "too_large"
        case .malformedJSON, .invalidMessage, .invalidCall: "malformed"
        case .invalidAudio, .unsupportedMedia: "bad_audio"
        case .unsupportedVersion, .unsupportedFrame, .unknownMessageType: "unsupported"
        case .unexpectedMessage: "unexpected"
        case .sequenceGap, .duplicateSequence, .sequenceOutOfOrder: "out_of_order"
        case .sessionMismatch: "wrong_session"
        case .unauthorized: "unauthorized"
        case .timeout: "timeout"
        case .internalError: "internal"
        }
    }
}
