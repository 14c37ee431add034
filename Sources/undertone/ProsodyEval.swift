import ArgumentParser
import Foundation
import UndertoneEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Undertone {
    struct ProsodyEval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prosody-eval",
            abstract: "How well vocal arousal ranks angry speech above neutral and calm speech (RAVDESS), and its tuning.",
            discussion: """
                For each actor, the neutral statements of repetition 01 are the baseline; the actor's angry recordings \
                are scored against it, and so are their other neutral and calm recordings. Prints the area under the \
                ROC curve pooled over all actors and for each, and the CPU time the voice features took. --tune fits \
                the arousal weights (logistic regression, weights kept at zero or above) over a grid of L2 penalties, \
                prints leave-one-actor-out AUC for each, and the weights for the largest penalty within 0.002 of the \
                best: the numbers in VocalArousal.swift. The data is read in place and never copied.
                """
        )

        @Option(help: "A folder of RAVDESS-named WAV files (searched one level of subfolders deep).")
        var data = "../shared/data/ravdess-8k"

        @Option(help: "Actors to use, e.g. 1-12 or 1,3,5.")
        var actors = "1-12"

        @Flag(help: "Fit the weights instead of only scoring with the shipped ones.")
        var tune = false

        @Flag(help: "Print one JSON object.")
        var json = false

        func run() throws {
            let chosen = try Self.parseActors(actors)
            let files = try Self.listing(data).filter { chosen.contains($0.utterance.actor) }
            guard !files.isEmpty else { throw CommandFailure("no RAVDESS-named WAV files for actors \(actors) under \(data)") }
            let started = Self.cpuSeconds()
            var audioSeconds = 0.0
            var windowsByFile: [(utterance: ActedUtterance, windows: [VoiceFeatures])] = []
            for (path, utterance) in files {
                let file = try VoiceInput.read(path)
                audioSeconds += file.duration
                windowsByFile.append((utterance, VoiceInput.windows(file, channel: 0, callID: path).map(\.features)))
            }
            let cpu = Self.cpuSeconds() - started
            var samples: [VoiceSample] = []
            for actor in chosen.sorted() {
                let own = windowsByFile.filter { $0.utterance.actor == actor }
                let baseline = VoiceBaseline(own.filter { $0.utterance.isBaseline }.flatMap(\.windows))
                for (utterance, windows) in own {
                    guard let positive = utterance.isAngry else { continue }
                    let scores = VocalArousal.zScores(windows, against: baseline) ?? [:]
                    samples.append(VoiceSample(actor: actor, positive: positive, scores: scores))
                }
            }
            guard samples.contains(where: \.positive), samples.contains(where: { !$0.positive }) else {
                throw CommandFailure("the recordings under \(data) hold no angry or no neutral/calm utterances to rank")
            }
            let pooled = VoiceEvaluation.auc(samples) { VoiceEvaluation.logit($0) }
            let perActor = chosen.sorted().compactMap { actor -> (Int, Double)? in
                let own = samples.filter { $0.actor == actor }
                guard own.contains(where: \.positive), own.contains(where: { !$0.positive }) else { return nil }
                return (actor, VoiceEvaluation.auc(own) { VoiceEvaluation.logit($0) })
            }
            let cues = VoiceCue.allCases.map { cue in (cue, VoiceEvaluation.auc(samples) { $0.scores[cue] ?? 0 }) }
            var object: [String: Any] = [
                "auc": Self.round(pooled), "angry": samples.filter(\.positive).count, "neutralOrCalm": samples.filter { !$0.positive }.count,
                "perActor": Dictionary(uniqueKeysWithValues: perActor.map { (String(format: "%02d", $0.0), Self.round($0.1)) }),
                "cueAUC": Dictionary(uniqueKeysWithValues: cues.map { ($0.0.rawValue, Self.round($0.1)) }),
                "audioSeconds": Self.round(audioSeconds), "cpuSeconds": Self.round(cpu), "timesRealTime": Self.round(audioSeconds / max(cpu, 1e-9)),
            ]
            if !json {
                print("RAVDESS \(data), actors \(actors): \(object["angry"]!) angry vs \(object["neutralOrCalm"]!) neutral/calm utterances")
                print(String(format: "pooled AUC %.4f (bar 0.92)", pooled))
                print("per actor: " + perActor.map { String(format: "%02d %.3f", $0.0, $0.1) }.joined(separator: " · "))
                print("each cue alone: " + cues.map { String(format: "%@ %.3f", $0.0.rawValue, $0.1) }.joined(separator: " · "))
                print(
                    String(
                        format: "voice features: %.0f s of audio in %.2f s of CPU (%.0f× real time, one core)", audioSeconds, cpu, audioSeconds / cpu)
                )
            }
            if tune { object["tuning"] = Self.tune(samples, print: !json) }
            if json {
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            }
        }

        static let penalties = [0.1, 0.3, 1, 3, 10, 30]

        static func tune(_ samples: [VoiceSample], print show: Bool) -> [String: Any] {
            var grid: [(penalty: Double, loao: Double)] = []
            for penalty in penalties {
                let held = VoiceEvaluation.crossValidated(samples, penalty: penalty)
                let loao = VoiceEvaluation.auc(
                    positives: zip(samples, held).filter { $0.0.positive }.map(\.1), negatives: zip(samples, held).filter { !$0.0.positive }.map(\.1))
                grid.append((penalty, loao))
                if show { print(String(format: "penalty %5.1f: leave-one-actor-out AUC %.4f", penalty, loao)) }
            }
            let best = grid.map(\.loao).max() ?? 0
            let chosen = grid.filter { $0.loao >= best - 0.002 }.map(\.penalty).max() ?? 1
            let withoutLoudness = VoiceCue.allCases.filter { $0 != .loudness }
            let heldQuiet = VoiceEvaluation.crossValidated(samples, cues: withoutLoudness, penalty: chosen)
            let quietAUC = VoiceEvaluation.auc(
                positives: zip(samples, heldQuiet).filter { $0.0.positive }.map(\.1),
                negatives: zip(samples, heldQuiet).filter { !$0.0.positive }.map(\.1))
            if show { print(String(format: "without loudness (a line with automatic gain control): leave-one-actor-out AUC %.4f", quietAUC)) }
            let (weights, bias) = VoiceEvaluation.fit(samples, penalty: chosen)
            let rounded = weights.mapValues { (($0 * 1000).rounded() / 1000) }
            let roundedBias = (bias * 1000).rounded() / 1000
            let inSample = VoiceEvaluation.auc(samples) { VoiceEvaluation.logit($0, weights: rounded, bias: roundedBias) }
            if show {
                Swift.print(
                    String(format: "chosen penalty %.1f; in-sample AUC %.4f with these weights (paste into VocalArousal.swift):", chosen, inSample))
                Swift.print(
                    "    public static let weights: [VoiceCue: Double] = ["
                        + VoiceCue.allCases.map { ".\($0.rawValue): \(rounded[$0] ?? 0)" }.joined(separator: ", ") + "]")
                Swift.print("    public static let bias = \(roundedBias)")
            }
            return [
                "grid": grid.map { ["penalty": $0.penalty, "leaveOneActorOutAUC": round($0.loao)] }, "penalty": chosen,
                "withoutLoudnessLeaveOneActorOutAUC": round(quietAUC),
                "weights": Dictionary(uniqueKeysWithValues: rounded.map { ($0.key.rawValue, $0.value) }), "bias": roundedBias, "auc": round(inSample),
            ]
        }

        /// RAVDESS-named WAV files in a folder and its subfolders, sorted by path.
        static func listing(_ folder: String) throws -> [(path: String, utterance: ActedUtterance)] {
            let manager = FileManager.default
            guard let top = try? manager.contentsOfDirectory(atPath: folder) else {
                throw CommandFailure("cannot read folder \(folder) (use --data)")
            }
            var found: [(path: String, utterance: ActedUtterance)] = []
            for entry in top.sorted() {
                let path = "\(folder)/\(entry)"
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                let names = isDirectory.boolValue ? ((try? manager.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(path)/\($0)" } : [path]
                for name in names { if let utterance = ActedUtterance(fileName: name) { found.append((name, utterance)) } }
            }
            return found
        }

        static func parseActors(_ text: String) throws -> Set<Int> {
            var actors: Set<Int> = []
            for part in text.split(separator: ",") {
                let bounds = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                if bounds.count == 1, let one = bounds[0] {
                    actors.insert(one)
                } else if bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high {
                    actors.formUnion(low...high)
                } else {
                    throw ValidationError("--actors: expected numbers and ranges such as 1-12 or 1,3,5")
                }
            }
            return actors
        }

        /// CPU time this process has used, user and system.
        static func cpuSeconds() -> Double {
            var usage = rusage()
            #if canImport(Glibc)
                getrusage(RUSAGE_SELF.rawValue, &usage)
            #else
                getrusage(RUSAGE_SELF, &usage)
            #endif
            return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
                + Double(usage.ru_stime.tv_usec) / 1e6
        }

        static func round(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }
    }
}
