import UndertoneEngine

/// Transcribes a recorded call's audio the way the live stage does — the same cutter, one utterance at a time — and
/// puts each turn among the call's events at the end of its utterance, as it would have arrived live.
public enum RecordedCall {
    /// The call's events with a final turn for each utterance its audio holds. Events already there (turns from a
    /// transcript, for instance) are kept; `failures` counts utterances the transcriber could not read.
    public static func transcribe(
        _ events: [CallEvent], with transcriber: any Transcriber, settings: UtteranceSettings = UtteranceSettings(),
        tracks: Set<SpeakerRole> = [.customer, .agent]
    ) async -> (events: [CallEvent], failures: Int) {
        var cutters: [SpeakerRole: UtteranceCutter] = [:]
        var utterances: [Utterance] = []
        for case .audio(let frame) in events where tracks.contains(frame.track) {
            var cutter = cutters[frame.track] ?? UtteranceCutter(track: frame.track, settings: settings)
            utterances += cutter.add(frame)
            cutters[frame.track] = cutter
        }
        for track in cutters.keys.sorted(by: { $0.rawValue < $1.rawValue }) { utterances += cutters[track]!.finish() }
        guard let callID = events.first?.callID else { return (events, 0) }
        // The call's declared language, as the live stage tells the transcriber; detected when the call has no start.
        let language = events.lazy.compactMap { event -> String? in if case .callStarted(let started) = event { started.language } else { nil } }
            .first
            .flatMap(SpeechLanguage.of(declared:))
        var turns: [Turn] = []
        var failures = 0
        for utterance in utterances.sorted(by: { ($0.endMs, $0.track.rawValue) < ($1.endMs, $1.track.rawValue) }) {
            do {
                let heard = try await transcriber.transcribe(utterance, language: language)
                guard !heard.text.isEmpty, !heard.isNonSpeech else { continue }
                turns.append(
                    Turn(
                        callID: callID, at: utterance.endMs, utteranceID: "asr-\(utterance.track.rawValue)-\(utterance.startMs)",
                        speaker: utterance.track, text: heard.text, startMs: utterance.startMs, endMs: utterance.endMs, isFinal: true,
                        confidence: heard.confidence))
            } catch {
                failures += 1
            }
        }
        // Each turn after the events up to its utterance's end, before a call_ended.
        var merged: [CallEvent] = []
        var pending = turns[...]
        for event in events {
            while let next = pending.first, next.at < event.at || event.type == CallEnded.eventType {
                merged.append(.turn(next))
                pending = pending.dropFirst()
            }
            merged.append(event)
        }
        merged += pending.map(CallEvent.turn)
        return (merged, failures)
    }
}
