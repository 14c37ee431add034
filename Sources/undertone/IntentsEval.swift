import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone.Intents {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reproduce the intent bars: CLINC150 val, a held-out 20% of Banking77, training time on 10,000 examples.",
            discussion: """
                CLINC150: trained on its train split (in-scope) with its oos_train examples tuning the threshold; \
                scored on val: accuracy of the best label, accuracy when out-of-scope answers count as wrong, and the \
                out-of-scope recall on oos_val. Banking77: a stratified 20% of train.csv held out (seeded by --seed), \
                trained on the rest (no out-of-scope examples), with CLINC150's oos_val as the questions from outside it \
                should turn away. "refused" is the share of in-scope test questions answered out_of_scope. Timing: training on the first 10,000 rows of Banking77 with the same settings. \
                Training runs on one thread; run under `taskset -c 0` to pin it to one core.
                """
        )

        @Option(help: "The shared data folder (clinc150/, banking77/).")
        var data = "../shared/data"

        @Option(help: "Benchmarks to run: clinc150, banking77, timing (repeatable; default all).")
        var only: [String] = []

        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        @OptionGroup var training: IntentTrainingFlags

        struct Score {
            var name: String
            var trainExamples: Int
            var testExamples: Int
            var accuracy: Double
            var accuracyWithOutOfScope: Double?
            var outOfScopeRecall: Double?
            /// Share of the in-scope test texts answered out of scope.
            var inScopeRefused: Double
            var trainSeconds: Double
            var trainCPUSeconds: Double
            /// CPU microseconds per classified text, one at a time.
            var microsecondsPerText: Double
            var features: Int
            var threshold: Double
        }

        func run() throws {
            let wanted = Set(only.isEmpty ? ["clinc150", "banking77", "timing"] : only)
            let unknown = wanted.subtracting(["clinc150", "banking77", "timing"])
            guard unknown.isEmpty else { throw ValidationError("unknown benchmark(s): \(unknown.sorted().joined(separator: ", "))") }
            let options = try training.options()
            var scores: [Score] = []
            if wanted.contains("clinc150") { scores.append(try clinc(options)) }
            var banking: [IntentExample] = []
            if wanted.contains("banking77") || wanted.contains("timing") {
                banking = try parse(try readTextFile("\(data)/banking77/train.csv", hint: "use --data"), name: "banking77/train.csv")
            }
            if wanted.contains("banking77") {
                let (train, test) = IntentData.split(banking, heldOutFraction: 0.2, seed: options.seed)
                // Nothing in Banking77 is out of scope; CLINC150's out-of-scope questions are, to a bank.
                let outside = (try? clincPairs("oos_val")) ?? []
                scores.append(try score("Banking77 (20% held out)", train: train, test: test, outOfScope: outside, options: options))
            }
            var timing: (examples: Int, training: TimedTraining)?
            if wanted.contains("timing") {
                let first = Array(banking.prefix(10_000))
                timing = (first.count, try trainIntents(first, options: options))
            }
            if json {
                var object: [String: Any] = [:]
                for score in scores {
                    var entry: [String: Any] = [
                        "train": score.trainExamples, "test": score.testExamples, "accuracy": score.accuracy, "trainSeconds": score.trainSeconds,
                        "trainCPUSeconds": score.trainCPUSeconds,
                        "microsecondsPerText": score.microsecondsPerText, "features": score.features, "threshold": score.threshold,
                        "inScopeRefused": score.inScopeRefused,
                    ]
                    if let value = score.accuracyWithOutOfScope { entry["accuracyWithOutOfScope"] = value }
                    if let value = score.outOfScopeRecall { entry["outOfScopeRecall"] = value }
                    object[score.name] = entry
                }
                if let timing {
                    object["timing"] =
                        ["examples": timing.examples, "seconds": timing.training.seconds, "cpuSeconds": timing.training.cpuSeconds] as [String: Any]
                }
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
                return
            }
            print("set                          train   test  accuracy  with oos  oos recall  refused  threshold  features  train s (CPU)  µs/text")
            for score in scores {
                let withOOS = score.accuracyWithOutOfScope.map { String(format: "%.4f", $0) } ?? "     -"
                let recall = score.outOfScopeRecall.map { String(format: "%.4f", $0) } ?? "     -"
                print(
                    String(
                        format: "%@ %6d %6d    %.4f    %@      %@   %.4f     %.3f  %8d  %5.1f (%5.1f)  %7.1f",
                        score.name.padding(toLength: 26, withPad: " ", startingAt: 0), score.trainExamples, score.testExamples, score.accuracy,
                        withOOS, recall, score.inScopeRefused, score.threshold, score.features, score.trainSeconds, score.trainCPUSeconds,
                        score.microsecondsPerText))
            }
            if let timing {
                print(
                    String(
                        format: "training on %d examples (Banking77, first rows): %.1f s wall, %.1f s CPU (one thread)", timing.examples,
                        timing.training.seconds, timing.training.cpuSeconds))
            }
        }

        /// One list of CLINC150's `data_full.json` (`train`, `val`, `oos_train`, `oos_val`) as examples.
        func clincPairs(_ key: String) throws -> [IntentExample] {
            let path = "\(data)/clinc150/data_full.json"
            let contents = try readTextFile(path, hint: "use --data")
            guard let object = try? JSONSerialization.jsonObject(with: Data(contents.utf8)) as? [String: Any] else {
                throw CommandFailure("\(path): not a JSON object")
            }
            guard let rows = object[key] as? [[String]], rows.allSatisfy({ $0.count == 2 }) else {
                throw CommandFailure("\(path): \"\(key)\" is not a list of [text, intent] pairs")
            }
            return rows.map { IntentExample(text: $0[0], label: $0[1]) }
        }

        func clinc(_ options: IntentTrainingOptions) throws -> Score {
            let pairs = clincPairs
            let train = try pairs("train") + (try pairs("oos_train")).map { IntentExample(text: $0.text, label: "oos") }
            return try score("CLINC150 val", train: train, test: try pairs("val"), outOfScope: try pairs("oos_val"), options: options)
        }

        func parse(_ contents: String, name: String) throws -> [IntentExample] {
            do { return try IntentData.csv(contents) } catch { throw CommandFailure("\(name): \(error)") }
        }

        func score(_ name: String, train: [IntentExample], test: [IntentExample], outOfScope: [IntentExample], options: IntentTrainingOptions) throws
            -> Score
        {
            let training = try trainIntents(train, options: options)
            let model = training.model
            let report = training.report
            let start = threadCPUSeconds()
            let predictions = test.map { model.classify($0.text, top: 1) }
            let outside = outOfScope.map { model.classify($0.text, top: 1) }
            let elapsed = threadCPUSeconds() - start
            let best = zip(predictions, test).filter { $0.top.first?.label == $1.label }.count
            let named = zip(predictions, test).filter { $0.intent == $1.label }.count
            return Score(
                name: name, trainExamples: report.examples, testExamples: test.count, accuracy: Double(best) / Double(test.count),
                accuracyWithOutOfScope: outOfScope.isEmpty ? nil : Double(named) / Double(test.count),
                outOfScopeRecall: outOfScope.isEmpty ? nil : Double(outside.filter(\.isOutOfScope).count) / Double(outside.count),
                inScopeRefused: Double(predictions.filter(\.isOutOfScope).count) / Double(test.count),
                trainSeconds: training.seconds, trainCPUSeconds: training.cpuSeconds,
                microsecondsPerText: elapsed * 1e6 / Double(test.count + outOfScope.count), features: report.features,
                threshold: report.threshold)
        }
    }
}
