import ArgumentParser
import Foundation
import UndertoneEngine
import UndertoneServer

extension Undertone {
    /// `undertone speech-eval`: the transcriber's word error rate, latency and CPU on acted speech.
    struct SpeechEval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "speech-eval",
            abstract: "Word error rate, decode latency and CPU of the transcriber on RAVDESS, through the live path.",
            discussion: """
                Each RAVDESS recording (actors --actors of --data, 8 kHz) is coded to µ-law as a phone line would carry \
                it, cut into utterances by the live stage's cutter and transcribed one utterance at a time; the words are \
                scored against the statement said ("Kids are talking by the door", "Dogs are sitting by the door"). \
                Reported: word error rate (overall and by emotion), decode wall time and CPU time per utterance (p50, p99), \
                end of speech to turn (the cutter's end-of-speech silence plus the decode), CPU per second of audio, and \
                the calls a node of --cores cores carries (docs/speech.md gives the assumptions). --json for one JSON object.
                """
        )

        @Option(help: "A folder of RAVDESS-named WAV files (searched one level of subfolders deep).")
        var data = "../shared/data/ravdess-8k"

        @Option(help: "Actors to use, e.g. 1-12 or 1,3,5.")
        var actors = "1-12"

        @Option(help: "Use at most this many recordings (spread over the set), for a quick look.")
        var limit: Int?

        @Option(help: "Cores of the node the calls-per-node figure is for.")
        var cores = 2

        @Flag(help: "Print one JSON object.")
        var json = false

        @Option(help: "Instead of RAVDESS: a labelled JSON-lines file ({\"id\",\"text\",…}) whose lines were recorded as --audio-dir/ID.wav.")
        var labelled: String?

        @Option(help: "With --labelled: the folder of recordings, one ID.wav a line.")
        var audioDir: String?

        @Option(help: "With --labelled: where to write the same lines with the transcribed text (for undertone eval --file).")
        var out: String?

        @Option(
            help:
                "The language spoken (en, es, fr…), told to the transcriber as a call's declared language would be; \"detect\" to let it detect. Default: en for RAVDESS, detect for --labelled."
        )
        var language: String?

        @Flag(
            help:
                "With --labelled: send the recordings as 16 kHz 16-bit PCM (a softphone's wideband line) instead of 8 kHz µ-law (a phone line). The recordings must be 16 kHz or more for this to mean anything."
        )
        var wideband = false

        @OptionGroup var speech: SpeechOptions

        static let statements = [1: "Kids are talking by the door", 2: "Dogs are sitting by the door"]

        func run() async throws {
            guard let transcriber = try speech.make(default: "auto") else {
                throw CommandFailure("no transcriber: install the embedded one with scripts/install-speech.sh, or give --transcriber openai")
            }
            if let labelled { return try await transcribeLabelled(labelled, with: transcriber, language: language == "detect" ? nil : language) }
            let spoken = language == "detect" ? nil : language ?? "en"
            let chosen = try ProsodyEval.parseActors(actors)
            var files = try ProsodyEval.listing(data).filter { chosen.contains($0.utterance.actor) }
            guard !files.isEmpty else { throw CommandFailure("no RAVDESS-named WAV files for actors \(actors) under \(data)") }
            if let limit, limit < files.count {
                let step = Double(files.count) / Double(max(1, limit))
                files = (0..<limit).map { files[Int(Double($0) * step)] }
            }
            let settings = UtteranceSettings()
            var overall = WordErrorRate()
            var byEmotion: [String: WordErrorRate] = [:]
            var wall: [Double] = []
            var cpu: [Double] = []
            var audioSeconds = 0.0
            var utteranceCount = 0
            var examples: [String] = []
            for (index, (path, utterance)) in files.enumerated() {
                let file = try VoiceInput.read(path)
                let events = VoiceInput.audioEvents(file, callID: "eval", offsetMs: 0).map(Self.throughMuLaw)
                audioSeconds += file.duration
                let decoded = await Self.decode(events, with: transcriber, language: spoken, settings: settings)
                wall += decoded.wall
                cpu += decoded.cpu
                utteranceCount += decoded.texts.count
                let heard = decoded.texts
                let reference = Self.statements[utterance.statement] ?? ""
                let hypothesis = heard.joined(separator: " ")
                let errors = overall.add(reference: reference, hypothesis: hypothesis)
                byEmotion["\(utterance.emotion)", default: WordErrorRate()].add(reference: reference, hypothesis: hypothesis)
                if errors > 0 && examples.count < 8 { examples.append("\(URL(fileURLWithPath: path).lastPathComponent): \"\(hypothesis)\"") }
                if !json && (index + 1) % 60 == 0 {
                    FileHandle.standardError.write(Data("\(index + 1)/\(files.count) recordings, WER so far \(Self.percent(overall.rate))\n".utf8))
                }
            }
            let decodeP50 = Self.quantile(wall, 0.5)
            let decodeP99 = Self.quantile(wall, 0.99)
            let endSilence = Double(settings.endSilenceMs) / 1000
            let cpuPerUtterance = Self.quantile(cpu, 0.5)
            let cpuPerAudioSecond = cpu.reduce(0, +) / max(audioSeconds, 1e-9)
            // A call: two tracks, one utterance between them every `utteranceEvery` seconds (docs/speech.md).
            let utteranceEvery = 4.0
            let callsPerNode = Int((Double(cores) * 0.85) / (cpu.reduce(0, +) / Double(max(1, utteranceCount)) / utteranceEvery))
            let result: [String: Any] = [
                "recordings": files.count, "utterances": utteranceCount, "words": overall.words, "wordErrorRate": Self.round(overall.rate),
                "wordErrorRateByEmotion": byEmotion.mapValues { Self.round($0.rate) }, "decodeSecondsP50": Self.round(decodeP50),
                "decodeSecondsP99": Self.round(decodeP99), "endOfSpeechToTurnP50": Self.round(endSilence + decodeP50),
                "endOfSpeechToTurnP99": Self.round(endSilence + decodeP99),
                "endOfSpeechToTurnIdleP50": Self.round(endSilence + cpuPerUtterance),
                "endOfSpeechToTurnIdleP99": Self.round(endSilence + Self.quantile(cpu, 0.99)),
                "cpuSecondsPerUtteranceP50": Self.round(cpuPerUtterance),
                "cpuSecondsPerUtteranceP99": Self.round(Self.quantile(cpu, 0.99)), "cpuPerAudioSecond": Self.round(cpuPerAudioSecond),
                "callsPerNode": callsPerNode, "cores": cores, "transcriber": transcriber.name,
            ]
            if json {
                let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print(
                "RAVDESS \(data), actors \(actors): \(files.count) recordings, \(utteranceCount) utterances, \(overall.words) words (\(transcriber.name))"
            )
            print("word error rate \(Self.percent(overall.rate))")
            for (emotion, rate) in byEmotion.sorted(by: { $0.key < $1.key }) { print("  \(emotion): \(Self.percent(rate.rate))") }
            print(
                String(
                    format: "decode per utterance: wall p50 %.2f s, p99 %.2f s; CPU p50 %.2f s, p99 %.2f s", decodeP50, decodeP99, cpuPerUtterance,
                    Self.quantile(cpu, 0.99)))
            print(
                String(
                    format: "end of speech to turn: p50 %.2f s, p99 %.2f s (%.1f s of silence ends an utterance, then the decode)",
                    endSilence + decodeP50, endSilence + decodeP99, endSilence))
            print(
                String(
                    format: "end of speech to turn on an idle core (the silence plus the decode's CPU, one thread): p50 %.2f s, p99 %.2f s",
                    endSilence + cpuPerUtterance, endSilence + Self.quantile(cpu, 0.99)))
            print(String(format: "CPU per second of audio: %.2f s", cpuPerAudioSecond))
            print("calls a \(cores)-core node carries (one utterance every \(Int(utteranceEvery)) s a call, 85% of the cores): \(callsPerNode)")
            if !examples.isEmpty { print("some misses:\n  " + examples.joined(separator: "\n  ")) }
        }

        /// Cuts the events' audio into utterances with the live stage's cutter and transcribes them one at a time, timing
        /// each decode (wall and the process's CPU).
        static func decode(
            _ events: [CallEvent], with transcriber: any Transcriber, language: String?, settings: UtteranceSettings
        ) async -> (texts: [String], wall: [Double], cpu: [Double]) {
            var cutter = UtteranceCutter(track: .customer, settings: settings)
            var pieces: [Utterance] = []
            for case .audio(let frame) in events { pieces += cutter.add(frame) }
            pieces += cutter.finish()
            var texts: [String] = []
            var wall: [Double] = []
            var cpu: [Double] = []
            for piece in pieces {
                let cpuStart = Self.cpuSeconds()
                let start = ContinuousClock.now
                let heard = try? await transcriber.transcribe(piece, language: language)
                wall.append(Self.seconds(ContinuousClock.now - start))
                cpu.append(Self.cpuSeconds() - cpuStart)
                if let heard, !heard.text.isEmpty, !heard.isNonSpeech { texts.append(heard.text) }
            }
            return (texts, wall, cpu)
        }

        /// Transcribes each labelled line's recording through the live path, scores the words, and writes the lines
        /// back with the transcript as their text: `undertone eval --file` on both files compares detection on typed and
        /// transcribed text. Words are compared as a recogniser writes them: accents, case and punctuation aside.
        func transcribeLabelled(_ path: String, with transcriber: any Transcriber, language: String?) async throws {
            guard let audioDir, let out else { throw CommandFailure("--labelled needs --audio-dir and --out") }
            var lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
            if let limit, limit < lines.count {
                let step = Double(lines.count) / Double(max(1, limit))
                lines = (0..<limit).map { lines[Int(Double($0) * step)] }
            }
            var rate = WordErrorRate()
            var written: [String] = []
            var wall: [Double] = []
            var cpu: [Double] = []
            for line in lines {
                guard var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let text = object["text"] as? String
                else {
                    throw CommandFailure("\(path): a line without \"text\"")
                }
                let id = object["id"].map { "\($0)" } ?? ""
                let file = try VoiceInput.read("\(audioDir)/\(id).wav")
                let events =
                    wideband
                    ? VoiceInput.audioEvents(file, callID: "eval", rate: UtteranceCutter.wideRate)
                    : VoiceInput.audioEvents(file, callID: "eval", offsetMs: 0).map(Self.throughMuLaw)
                let decoded = await Self.decode(events, with: transcriber, language: language, settings: UtteranceSettings())
                wall += decoded.wall
                cpu += decoded.cpu
                let heard = decoded.texts.joined(separator: " ")
                rate.add(reference: Self.folded(text), hypothesis: Self.folded(heard))
                object["text"] = heard
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                written.append(String(decoding: data, as: UTF8.self))
            }
            try (written.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
            print(
                "\(lines.count) recordings of \(path) (\(wideband ? "16 kHz PCM" : "8 kHz µ-law")), \(cpu.count) utterances, \(rate.words) words, language \(language ?? "detected"): "
                    + "word error rate \(Self.percent(rate.rate)); transcripts in \(out)")
            print(
                String(
                    format: "decode per utterance: wall p50 %.2f s, p99 %.2f s; CPU p50 %.2f s, p99 %.2f s", Self.quantile(wall, 0.5),
                    Self.quantile(wall, 0.99), Self.quantile(cpu, 0.5), Self.quantile(cpu, 0.99)))
        }

        /// Text as recognisers are scored: accents off, so "inútiles" and "inutiles" are one word.
        static func folded(_ text: String) -> String {
            text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        }

        /// The frame as a phone line carries it: 16-bit PCM coded to µ-law.
        static func throughMuLaw(_ event: CallEvent) -> CallEvent {
            guard case .audio(var frame) = event, frame.encoding == .pcm16 else { return event }
            var codes: [UInt8] = []
            codes.reserveCapacity(frame.samples.count / 2)
            var index = 0
            while index + 1 < frame.samples.count {
                codes.append(G711.MuLaw.encode(Int16(bitPattern: UInt16(frame.samples[index]) | UInt16(frame.samples[index + 1]) << 8)))
                index += 2
            }
            frame.encoding = .pcmu
            frame.samples = codes
            return .audio(frame)
        }

        static func cpuSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }

        static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }

        static func quantile(_ values: [Double], _ q: Double) -> Double {
            guard !values.isEmpty else { return 0 }
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))]
        }

        static func round(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    }
}
