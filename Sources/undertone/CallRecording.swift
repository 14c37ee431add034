import Foundation
import UndertoneEngine

/// A call as `analyze` reads it: a call file, a WAV recording, or both merged on the call's clock.
enum CallRecording {
    static func events(call: String, audio: String?, offsetMs: Int) throws -> [CallEvent] {
        if VoiceInput.isWAV(call) {
            if audio != nil { throw CommandFailure("give a call file with --audio, not two recordings") }
            let file = try VoiceInput.read(call)
            let id = VoiceInput.stem(call)
            let end = offsetMs + VoiceInput.durationMs(file)
            return [.callStarted(CallStarted(callID: id, at: 0, channel: .voice, customerID: "unknown", queue: "unknown"))]
                + VoiceInput.audioEvents(file, callID: id, offsetMs: offsetMs, rate: VoiceInput.lineRate(file)) + [
                    .callEnded(CallEnded(callID: id, at: end))
                ]
        }
        let events = try CallFile.read(call)
        guard let audio else { return events }
        let file = try VoiceInput.read(audio)
        let id = events.first?.callID ?? VoiceInput.stem(audio)
        return merge(events, VoiceInput.audioEvents(file, callID: id, offsetMs: offsetMs, rate: VoiceInput.lineRate(file)))
    }

    /// The call's events in their order, with the audio slotted in by time; the call's last event stays last when it
    /// ends the call.
    static func merge(_ events: [CallEvent], _ audio: [CallEvent]) -> [CallEvent] {
        var body = events
        var ending: CallEvent?
        if case .callEnded = body.last { ending = body.removeLast() }
        var merged: [CallEvent] = []
        merged.reserveCapacity(body.count + audio.count + 1)
        var next = 0
        for event in body {
            while next < audio.count, audio[next].at < event.at, !merged.isEmpty {
                merged.append(audio[next])
                next += 1
            }
            merged.append(event)
        }
        merged += audio[next...]
        if let ending { merged.append(ending) }
        return merged
    }
}

/// The voice's part of the readable timeline: a line per side every 5 s of call time, and the line of any window that
/// led to a decision; a summary at the end.
struct VoiceTimeline {
    static let everyMs = 5000
    private var lastShown: [SpeakerRole: Int] = [:]
    private var peak = 0.0

    mutating func lines(for outputs: [EngineOutput]) -> [String] {
        let decided = outputs.contains { if case .decision = $0 { true } else { false } }
        var lines: [String] = []
        for case .voice(let signal) in outputs {
            let track = signal.window.track
            if track == .customer, let stress = signal.vocalStress { peak = max(peak, stress) }
            let due = signal.window.at - (lastShown[track] ?? -Self.everyMs) >= Self.everyMs
            guard due || (decided && track == .customer) else { continue }
            lastShown[track] = signal.window.at
            lines.append(Self.line(signal))
        }
        return lines
    }

    static func line(_ signal: VoiceSignal) -> String {
        var line = "\(Timeline.clock(signal.window.at))  voice \(VoiceText.padded(signal.window.track.rawValue, 8))"
        guard let reading = signal.reading else {
            let speech = String(format: "%.1f s speech", signal.window.features.speech)
            return line + "  \(speech) · baseline \(String(format: "%.1f", signal.baselineSeconds)) s voiced"
        }
        line += "  arousal \(VoiceText.number(reading.arousal)) (confidence \(VoiceText.number(reading.confidence)))"
        if let stress = signal.vocalStress { line += " · vocal stress \(VoiceText.number(stress))" }
        if let fused = signal.fusedStress { line += " · fused \(VoiceText.number(fused))" }
        if let mismatch = signal.mismatch { line += " · mismatch \(VoiceText.number(mismatch))" }
        let drivers = VoiceText.drivers(reading)
        if !drivers.isEmpty { line += " · " + drivers }
        if let turnTaking = signal.turnTaking, turnTaking.talkOver > 0 || turnTaking.deadAir > 0 {
            line += String(format: " · talk-over %.1f s, dead air %.1f s", turnTaking.talkOver, turnTaking.deadAir)
        }
        return line
    }

    func summary(_ state: CallState) -> String? {
        guard !lastShown.isEmpty else { return nil }
        let total = state.turnTaking.total
        return "\nvoice: customer baseline \(String(format: "%.1f", state.customerVoice.baseline.voicedSeconds)) s voiced, peak vocal stress "
            + VoiceText.number(peak) + String(format: " · talk-over %.1f s", total.talkOver)
            + " · interruptions: customer \(total.customerInterruptions), agent \(total.agentInterruptions)"
            + String(format: " · dead air %.1f s", total.deadAir)
    }
}
