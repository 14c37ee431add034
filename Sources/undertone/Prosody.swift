import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone {
    struct Prosody: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Voice features and vocal arousal over time for a WAV file.",
            discussion: """
                Reads 16-bit PCM, µ-law or A-law WAV, mono or stereo, 8 to 192 kHz (analysed at 8 kHz). Stereo files \
                carry the customer on channel 0 and the agent on channel 1. Each second of each channel becomes a \
                window of features; arousal (0 to 1) is read over the last 3 s against the speaker's baseline: by \
                default their first 5 s of voiced speech, or the recordings given with --baseline (repeatable; the \
                same channel of each). --json prints one JSON line per window; --summary one JSON object for the file \
                (for stereo, the top-level fields are the customer's; "tracks" holds both).
                """
        )

        @Argument(help: "A WAV file.")
        var file: String

        @Option(name: .customLong("baseline"), help: "A WAV file of the same speaker sounding calm (repeatable).")
        var baselines: [String] = []

        @Flag(help: "Print one JSON line per window.")
        var json = false

        @Flag(help: "Print one JSON object for the whole file.")
        var summary = false

        func validate() throws {
            if json && summary { throw ValidationError("--json and --summary cannot be combined") }
        }

        func run() throws {
            let audio = try VoiceInput.read(file)
            let baselineFiles = try baselines.map { (path: $0, file: try VoiceInput.read($0)) }
            let writer = try LineWriter(path: nil)
            var tracks: [(SpeakerRole, ProsodyReport)] = []
            if !json && !summary {
                writer.write("\(file): \(VoiceInput.describe(audio))")
                if !baselines.isEmpty { writer.write("baseline: " + baselines.joined(separator: ", ")) }
                writer.write(ProsodyReport.header)
            }
            for channel in 0..<audio.channelCount {
                var voice: SpeakerVoice
                if baselineFiles.isEmpty {
                    voice = SpeakerVoice()
                } else {
                    let windows = baselineFiles.flatMap {
                        VoiceInput.windows($0.file, channel: min(channel, $0.file.channelCount - 1), callID: $0.path)
                    }
                    voice = SpeakerVoice(baseline: VoiceBaseline(windows.map(\.features)))
                }
                var report = ProsodyReport()
                for window in VoiceInput.windows(audio, channel: channel, callID: VoiceInput.stem(file)) {
                    let inBaseline = voice.learnsBaseline && !voice.baselineIsComplete && window.features.voiced > 0
                    let reading = voice.add(window)
                    report.add(window, reading: reading, inBaseline: inBaseline)
                    let signal = VoiceSignal(
                        window: window, reading: reading, baselineSeconds: voice.baseline.voicedSeconds, vocalStress: voice.stress)
                    if json {
                        writer.write(try EngineOutputJSON.line(.voice(signal)))
                    } else if !summary {
                        writer.write(report.row(window, reading: reading, inBaseline: inBaseline))
                    }
                }
                report.finish(voice)
                tracks.append((VoiceInput.track(channel: channel), report))
            }
            if summary {
                var object = tracks[0].1.summary
                object["file"] = file
                object["duration"] = (audio.duration * 100).rounded() / 100
                if tracks.count > 1 { object["tracks"] = Dictionary(uniqueKeysWithValues: tracks.map { ($0.0.rawValue, $0.1.summary) }) }
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                writer.write(String(decoding: data, as: UTF8.self))
            } else if !json {
                for (track, report) in tracks { writer.write(report.line(track)) }
            }
            writer.flush()
        }
    }
}

/// One channel's windows and readings, gathered for the table and the summary.
struct ProsodyReport {
    private var all: [VoiceFeatures] = []
    private var scored: [VoiceFeatures] = []
    private(set) var summary: [String: Any] = [:]

    static let header =
        "track     time     speech voiced  loud dB  pitch Hz  ±st   syl/s  pause  HNR dB  bright  arousal  conf  drivers"

    mutating func add(_ window: VoiceWindow, reading: VoiceReading?, inBaseline: Bool) {
        all.append(window.features)
        if !inBaseline { scored.append(window.features) }
    }

    func row(_ window: VoiceWindow, reading: VoiceReading?, inBaseline: Bool) -> String {
        let features = window.features
        let columns = [
            VoiceText.padded(window.track.rawValue, 9), VoiceText.padded(Timeline.clock(window.at), 8),
            VoiceText.rightAligned(VoiceText.number(features.speech), 6), VoiceText.rightAligned(VoiceText.number(features.voiced), 6),
            VoiceText.rightAligned(VoiceText.number(features.loudness, "%.1f"), 8),
            VoiceText.rightAligned(VoiceText.number(features.pitchHz, "%.0f"), 9),
            VoiceText.rightAligned(VoiceText.number(features.pitchSpread, "%.1f"), 5),
            VoiceText.rightAligned(VoiceText.number(features.speakingRate, "%.1f"), 6),
            VoiceText.rightAligned(VoiceText.number(features.pauses, "%.1f"), 6),
            VoiceText.rightAligned(VoiceText.number(features.harmonicity, "%.1f"), 7),
            VoiceText.rightAligned(VoiceText.number(features.brightness, "%.1f"), 7), VoiceText.rightAligned(VoiceText.number(reading?.arousal), 8),
            VoiceText.rightAligned(VoiceText.number(reading?.confidence), 5),
        ]
        return columns.joined(separator: " ") + "  " + (inBaseline ? "(baseline) " : "") + VoiceText.drivers(reading)
    }

    /// The file-level reading: the windows after the baseline against it, or every window with no confidence when the
    /// file is no longer than its own baseline.
    mutating func finish(_ voice: SpeakerVoice) {
        let combined = VoiceFeatures.combined(all)
        var object: [String: Any] = ["voiced": combined.voiced, "speech": combined.speech, "baseline": voice.baseline.voicedSeconds]
        object["baselineSource"] = voice.learnsBaseline ? "the file's first voiced seconds" : "--baseline recordings"
        if let features = try? JSONSerialization.jsonObject(with: JSONEncoder().encode(combined)) { object["features"] = features }
        var note: String?
        var reading = voice.isReady ? VocalArousal.read(scored, against: voice.baseline) : nil
        if reading == nil, voice.isReady, var whole = VocalArousal.read(all, against: voice.baseline) {
            whole.confidence = 0
            reading = whole
            note = "the file holds no speech beyond its own baseline; pass --baseline recordings of the speaker"
        }
        if let reading {
            object["arousal"] = reading.arousal
            object["confidence"] = reading.confidence
            object["drivers"] = reading.drivers.map { ["cue": $0.cue.rawValue, "z": $0.z, "contribution": $0.contribution] }
        } else {
            object["arousal"] = 0.0
            object["confidence"] = 0.0
            note = combined.voiced == 0 ? "no voiced speech" : "too little voiced speech for a baseline"
        }
        if let note { object["note"] = note }
        summary = object
    }

    func line(_ track: SpeakerRole) -> String {
        let arousal = summary["arousal"] as? Double ?? 0
        let confidence = summary["confidence"] as? Double ?? 0
        var line = "\(track.rawValue): arousal \(VoiceText.number(arousal)) (confidence \(VoiceText.number(confidence)))"
        line += String(format: " · %.1f s voiced, baseline %.1f s", summary["voiced"] as? Double ?? 0, summary["baseline"] as? Double ?? 0)
        if let note = summary["note"] as? String { line += " · " + note }
        return line
    }
}
