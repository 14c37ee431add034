import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone.Intents {
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train an intent model from labelled texts.",
            discussion: """
                --data is CSV with a header naming a "text" column and a "label" (or "intent", "category") column, \
                fields quoted as RFC 4180 allows; or JSON lines {"text": "…", "label": "…"}. Examples labelled oos or \
                out_of_scope are not learned: they tune the out-of-scope threshold. Any bad line stops training: each \
                is reported with its line number and the exit status is 1.
                """
        )

        @Option(help: "Training file (CSV or JSON lines).")
        var data: String

        @Option(help: "Where to write the model file (.uti).")
        var out: String

        @Option(help: "csv or jsonl (default: guessed from the first character).")
        var format: String?

        @OptionGroup var training: IntentTrainingFlags

        @Flag(help: "Print the training report as one JSON object.")
        var json = false

        func run() throws {
            var parsedFormat: IntentData.Format?
            if let format {
                guard let known = IntentData.Format(rawValue: format) else { throw ValidationError("--format must be csv or jsonl") }
                parsedFormat = known
            }
            let contents = try readTextFile(data)
            let examples: [IntentExample]
            do {
                examples = try IntentData.examples(contents, format: parsedFormat)
            } catch {
                throw CommandFailure("\(data): \(error.problems.count) bad line(s)\n" + error.description)
            }
            var options = try training.options()
            options.about["data"] = URL(fileURLWithPath: data).lastPathComponent
            let training = try trainIntents(examples, options: options)
            let model = training.model
            let report = training.report
            let bytes = model.serialized()
            do {
                try bytes.write(to: URL(fileURLWithPath: out))
            } catch {
                throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
            }
            if json {
                var object: [String: Any] = [
                    "examples": report.examples, "labels": report.labels, "outOfScopeExamples": report.outOfScopeExamples,
                    "features": report.features, "heldOutExamples": report.heldOutExamples, "threshold": report.threshold,
                    "temperature": report.temperature, "seconds": training.seconds, "cpuSeconds": training.cpuSeconds, "bytes": bytes.count,
                ]
                if let accuracy = report.heldOutAccuracy { object["heldOutAccuracy"] = accuracy }
                if let recall = report.outOfScopeRecall { object["outOfScopeRecall"] = recall }
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            } else {
                print(Self.summary(report, training: training, bytes: bytes.count, out: out))
            }
        }

        static func summary(_ report: IntentTrainingReport, training: TimedTraining, bytes: Int, out: String) -> String {
            var lines = [
                "trained \(report.labels) labels on \(report.examples) examples (\(report.outOfScopeExamples) out-of-scope) in "
                    + String(format: "%.1f s (%.1f s CPU)", training.seconds, training.cpuSeconds),
                "features \(report.features); model \(out) (\(bytes / 1024) KiB)",
            ]
            if let accuracy = report.heldOutAccuracy {
                lines.append(String(format: "held out %d: accuracy %.4f", report.heldOutExamples, accuracy))
            }
            var calibration = String(format: "threshold %.3f, temperature %.3f", report.threshold, report.temperature)
            if let recall = report.outOfScopeRecall { calibration += String(format: ", out-of-scope recall %.4f", recall) }
            lines.append(calibration)
            return lines.joined(separator: "\n")
        }
    }
}
