import Prometheus

/// What `/metrics` shows, in Prometheus' text format. Owned by the application (never the process-wide metrics
/// system), so tests can run servers side by side.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let liveCalls: Gauge
    let webSocketSessions: Gauge
    let feedSubscribers: Gauge
    let ingestLatency: DurationHistogram
    let commitLatency: DurationHistogram
    let commitBatchSize: ValueHistogram
    /// The transcription stage (`CallTranscription`).
    let speechWaits: Counter
    let speechDelayed: Counter
    let speechBacklog: Gauge
    let speechDecodeLatency: DurationHistogram
    let speechLatency: DurationHistogram

    public init() {
        liveCalls = registry.makeGauge(name: "undertone_live_calls", help: "Calls started and not yet ended, held in memory.")
        webSocketSessions = registry.makeGauge(name: "undertone_websocket_sessions", help: "Open WebSocket sessions (ingest, telephony, feed).")
        feedSubscribers = registry.makeGauge(name: "undertone_feed_subscribers", help: "Live-feed subscribers (SSE and WebSocket).")
        let latencyBuckets: [Duration] = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        ]
        ingestLatency = registry.makeDurationHistogram(
            name: "undertone_ingest_latency_seconds", buckets: latencyBuckets,
            help: "From an event received to its outputs stored and published.")
        commitLatency = registry.makeDurationHistogram(
            name: "undertone_store_commit_seconds", buckets: latencyBuckets, help: "One group commit to the event log.")
        commitBatchSize = registry.makeValueHistogram(
            name: "undertone_store_commit_entries", buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000],
            help: "Log entries written per group commit.")
        speechWaits = registry.makeCounter(
            name: "undertone_speech_waits_total", help: "Times a call's audio waited for room in the full transcription queue (back-pressure).")
        speechDelayed = registry.makeCounter(
            name: "undertone_speech_delayed_total", help: "Utterances that waited past the lag warning for a decoder (calls waiting for words).")
        speechBacklog = registry.makeGauge(name: "undertone_speech_backlog", help: "Utterances waiting for a decoder.")
        let speechBuckets: [Duration] = [
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .milliseconds(750), .seconds(1), .milliseconds(1_500), .seconds(2),
            .seconds(3), .seconds(5), .seconds(10), .seconds(30),
        ]
        speechDecodeLatency = registry.makeDurationHistogram(
            name: "undertone_speech_decode_seconds", buckets: speechBuckets, help: "One utterance's transcription (the transcriber's time).")
        speechLatency = registry.makeDurationHistogram(
            name: "undertone_speech_latency_seconds", buckets: speechBuckets,
            help: "From an utterance cut (its end heard) to its turn stored: queueing and transcription.")
    }

    /// Utterances by what became of them: `turn`, `empty` (no words, or only non-speech), `failed`, `refused`.
    func speechUtterance(_ result: String) {
        registry.makeCounter(name: "undertone_speech_utterances_total", labels: [("result", result)], help: "Utterances transcribed, by result.")
            .increment()
    }

    /// An output's labels in `undertone_outputs_total`: signals, decisions by tier and kind, and the actions.
    struct OutputLabels: Equatable {
        var output: String
        var tier: String? = nil
        var kind: String? = nil
    }

    /// A group commit's counts: events accepted by type, duplicates re-acknowledged (a client resuming after a drop) and
    /// outputs published. Each counter is found once: the registry looks a counter up by its name and labels under a
    /// lock, and a group of sixty events has a handful of types (one lookup an event was 0.5% of a REST request's CPU).
    func groupStored(acceptedTypes: [String], duplicates: Int, outputs: [OutputLabels]) {
        for (type, count) in Self.tally(acceptedTypes) {
            registry.makeCounter(name: "undertone_events_total", labels: [("type", type)], help: "Events accepted, by type.")
                .increment(by: Int64(count))
        }
        if duplicates > 0 {
            registry.makeCounter(name: "undertone_duplicates_total", help: "Events resent and acknowledged again, not processed twice.")
                .increment(by: Int64(duplicates))
        }
        for (labels, count) in Self.tally(outputs) {
            var pairs = [("output", labels.output)]
            if let tier = labels.tier { pairs.append(("tier", tier)) }
            if let kind = labels.kind { pairs.append(("kind", kind)) }
            registry.makeCounter(name: "undertone_outputs_total", labels: pairs, help: "Engine outputs published.").increment(by: Int64(count))
        }
    }

    /// Each distinct item and how often it occurs, in order of first occurrence (few distinct items: a linear search).
    static func tally<Item: Equatable>(_ items: [Item]) -> [(Item, Int)] {
        var counts: [(Item, Int)] = []
        for item in items {
            if let index = counts.firstIndex(where: { $0.0 == item }) { counts[index].1 += 1 } else { counts.append((item, 1)) }
        }
        return counts
    }

    /// Input refused, by reason (`malformed`, `unknown_type`, `unauthorized`, `forbidden`, `out_of_order`, `too_large`,
    /// `unknown_call`, `bad_audio`, `store`, …) and where it came in (`rest`, `websocket`, `twilio`, `audiohook`).
    public func rejected(_ reason: String, via: String) {
        registry.makeCounter(name: "undertone_rejected_total", labels: [("reason", reason), ("via", via)], help: "Input refused, by reason.")
            .increment()
    }

    public func text() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
