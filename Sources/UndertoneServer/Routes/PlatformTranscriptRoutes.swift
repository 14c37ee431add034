import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import UndertoneEngine
import UndertoneStore

/// The transcripts telephony platforms make themselves, between their callbacks: Contact Lens' partial pieces, Twilio's
/// utterance numbering, and which calls such a source opened (and so ends).
public final class PlatformTranscripts: Sendable {
    struct State {
        var contactLens = ContactLensSegments()
        var twilio = TwilioTranscriptionCallbacks()
        /// Calls a transcript source started (no audio adapter had), with the latest time seen: the source ends them.
        var opened: [String: Int] = [:]
    }

    let state = Mutex(State())

    public init() {}
}

extension ServerContext {
    /// `POST /v1/telephony/contact-lens` (one Contact Lens segment-stream event, as JSON) and
    /// `POST /v1/telephony/twilio/transcription` (Twilio Real-Time Transcription's status callback, a form). Their
    /// words become turns of the call their audio adapter opened (the same call id: `ContactId`, `CallSid`), or of a
    /// call they open themselves (customer and queue from the `customer` and `queue` query parameters), which they also
    /// end. Keys: a supervisor's or an admin's, as a bearer token or the `key` query parameter (Twilio's callback URL).
    func registerPlatformTranscriptRoutes(_ router: Router<AppRequestContext>) {
        router.post("/v1/telephony/contact-lens") { request, context -> Response in
            let principal = try context.caller()
            try requireReady()
            guard principal.mayIngest else { throw Problem.forbidden("ingest needs a supervisor or admin key") }
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let batch: PlatformTranscriptBatch
            do {
                batch = try platformTranscripts.state.withLock { try $0.contactLens.read(String(buffer: body)) }
            } catch let error as AdapterError {
                metrics.rejected(error.metricReason, via: "contact-lens")
                throw Problem(HTTPResponse.Status(code: error.statusCode), error.description)
            }
            return try await ingestPlatform(batch, request: request, via: "contact-lens", defaultQueue: "connect", scope: principal.ingestScope)
        }

        router.post("/v1/telephony/twilio/transcription") { request, context -> Response in
            let principal = try context.caller()
            try requireReady()
            guard principal.mayIngest else { throw Problem.forbidden("ingest needs a supervisor or admin key") }
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let override = request.uri.queryParameters["call"].map(String.init)
            let form = String(buffer: body)
            let callSid = (try? TwilioTranscriptionCallbacks.parse(form))?["CallSid"]
            let startedAt = try await (override ?? callSid).asyncFlatMap { try await store.call($0)?.startedAt }
            let batch: PlatformTranscriptBatch
            do {
                batch = try platformTranscripts.state.withLock { try $0.twilio.read(form: form, callID: override, callStartedAt: startedAt) }
            } catch let error as AdapterError {
                metrics.rejected(error.metricReason, via: "twilio-transcription")
                throw Problem(HTTPResponse.Status(code: error.statusCode), error.description)
            }
            return try await ingestPlatform(
                batch, request: request, via: "twilio-transcription", defaultQueue: "twilio", scope: principal.ingestScope)
        }
    }

    /// `POST /v1/telephony/audiosocket/legs`: `{"uuid", "call", "track"}` — the AudioSocket UUID a dialplan gives a
    /// channel, the call it belongs to (already started) and whose track it is, registered before the channel connects.
    func registerAudioSocketLegRoute(_ router: Router<AppRequestContext>) {
        router.post("/v1/telephony/audiosocket/legs") { request, context -> Response in
            let principal = try context.caller()
            try requireReady()
            guard principal.mayIngest else { throw Problem.forbidden("ingest needs a supervisor or admin key") }
            let body = try await request.body.collect(upTo: 64 << 10)
            let fields: JSONFields
            let uuid: String
            let callID: String
            let trackName: String
            do throws(AdapterError) {
                fields = JSONFields(try JSONValue.parseObject(String(buffer: body)), message: "leg")
                uuid = try fields.nonEmptyString("uuid").lowercased()
                callID = try fields.nonEmptyString("call")
                trackName = try fields.optionalString("track") ?? "customer"
            } catch {
                metrics.rejected(error.metricReason, via: "audiosocket")
                throw Problem(.badRequest, error.description)
            }
            guard UUID(uuidString: uuid) != nil else { throw Problem(.badRequest, "\"uuid\" must be a UUID (the dialplan's ${UUID()})") }
            guard let track = SpeakerRole(rawValue: trackName), track != .bot else {
                throw Problem(.badRequest, "\"track\" must be customer or agent")
            }
            guard let call = try await store.call(callID), call.endedAt == nil else {
                throw Problem(.notFound, "no open call \"\(callID)\": post its call_started first")
            }
            if case .team(let team) = principal.ingestScope, call.team != team {
                metrics.rejected("forbidden", via: "audiosocket")
                throw Problem.notFound(IngestError.notWritable(callID).description)
            }
            audioSocketLegs.register(uuid: uuid, callID: call.callID, track: track)
            let answer: JSONValue = .object(["uuid": .string(uuid), "call": .string(callID), "track": .string(track.rawValue)])
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer.serialized())))
        }
    }

    /// Ingests what a platform's transcript event became, opening (and later ending) the call when no audio adapter has.
    private func ingestPlatform(
        _ batch: PlatformTranscriptBatch, request: Request, via: String, defaultQueue: String, scope: IngestScope
    ) async throws -> Response {
        let callID = batch.callID
        let known = try await store.call(callID)
        var events: [CallEvent] = []
        if known == nil, batch.starts || !batch.events.isEmpty {
            let query = request.uri.queryParameters
            let started = CallStarted(
                callID: callID, at: 0, channel: .voice, customerID: query["customer"].map(String.init) ?? "unknown",
                queue: query["queue"].map(String.init) ?? defaultQueue, language: query["language"].map(String.init) ?? "en",
                agentID: query["agent"].map(String.init), team: query["team"].map(String.init))
            do {
                try started.validate()
            } catch {
                metrics.rejected("malformed", via: via)
                throw Problem(.badRequest, "cannot open call \"\(callID)\": \(error.description)")
            }
            events.append(.callStarted(started))
            platformTranscripts.state.withLock { $0.opened[callID] = 0 }
        }
        events += batch.events
        let latest = events.map(\.at).max() ?? 0
        let closing = platformTranscripts.state.withLock { state -> Int? in
            guard let seen = state.opened[callID] else { return nil }
            state.opened[callID] = max(seen, latest)
            guard batch.ends else { return nil }
            state.opened[callID] = nil
            return max(seen, latest)
        }
        if let closing { events.append(.callEnded(CallEnded(callID: callID, at: closing))) }
        var accepted = 0
        if !events.isEmpty {
            do {
                accepted = try await shards.ingest(callID: callID, items: events.map { IngestItem(event: $0) }, scope: scope).accepted
            } catch let error as IngestError {
                metrics.rejected(error.metricReason, via: via)
                throw Problem(error.status, error.description)
            }
        }
        for notice in batch.notices { logger.info("Platform transcript notice", metadata: ["call.id": "\(callID)", "notice": "\(notice)"]) }
        let answer: JSONValue = .object([
            "call": .string(callID), "accepted": .number(Double(accepted)), "notices": .array(batch.notices.map(JSONValue.string)),
        ])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer.serialized())))
    }
}

extension Optional {
    fileprivate func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
