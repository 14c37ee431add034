import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone {
    /// `undertone eval` scores the text model (`eval text`, the default) or the escalation decisions on labelled calls
    /// (`eval calls`).
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Detection quality: of the text model on labelled texts (default), or of escalation decisions on labelled calls.",
            subcommands: [EvalText.self, EvalCalls.self],
            defaultSubcommand: EvalText.self
        )
    }

    struct EvalText: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "text",
            abstract: "Detection quality of the text model on a labelled set, typed and in speech-transcript form.",
            discussion: """
                By default scores GoEmotions' dev split (rows with at least one taxonomy label for emotions; rows with \
                a clear polarity for polarity). --file scores labelled JSON lines instead: \
                {"id": …, "text": "…", "emotions": ["frustration", …], "polarity": "negative"}. \
                Each set is scored as written and in speech-transcript form (lower case, no punctuation or emoji).
                """
        )

        @Option(help: "GoEmotions folder (emotions.txt, dev.tsv, group/dev.tsv).")
        var goemotions = "../shared/data/goemotions"

        @Option(help: "GoEmotions split to score.")
        var split = "dev"

        @Option(name: .customLong("file"), help: "A labelled JSON-lines file to score instead of GoEmotions (repeatable).")
        var files: [String] = []

        @Flag(help: "Print one JSON object instead of tables.")
        var json = false

        @Flag(help: "Score the text model alone (by default: the engine's reading, the model with the cues in the same words).")
        var modelOnly = false

        @Option(
            help: """
                Score the model of another language (es, fr): on XED's dev lines in it (the lines training/languages \
                holds out), or on --file; speech form then also drops accents.
                """)
        var language: String?

        @Option(help: "XED folder (LANG-projections.tsv), for --language.")
        var xed = "../shared/data/xed"

        @OptionGroup var modelOptions: ModelOptions

        func run() throws {
            let model = try loadModel()
            let cues =
                try language.map { language in
                    guard let detector = CueDetector(language: language) else { throw CommandFailure("no cue phrases in \(language)") }
                    return detector
                } ?? CueDetector()
            var sets: [(name: String, rows: [LabelledText])] = []
            if files.isEmpty, let language {
                let path = "\(xed)/\(language)-projections.tsv"
                let contents = try read(path)
                do { sets.append(("XED \(language) dev", try LabelledSets.xedDev(projections: contents))) } catch {
                    throw CommandFailure("\(path): \(error)")
                }
            } else if files.isEmpty {
                sets.append(("GoEmotions \(split)", try loadGoEmotions()))
            }
            for file in files {
                let contents = try read(file)
                do { sets.append((file, try LabelledSets.jsonLines(contents))) } catch { throw CommandFailure("\(file): \(error)") }
            }
            var results: [[String: Any]] = []
            // A recogniser writing Spanish or French may drop accents as well as case and punctuation.
            let folds = language != nil
            func fold(_ text: String) -> String { folds ? foldedText(text) : text }
            for set in sets {
                let typed = Evaluation.evaluate(set.rows, model: model, cues: cues, modelOnly: modelOnly)
                let spoken = Evaluation.evaluate(
                    set.rows.rewritten { speechTranscriptForm(fold($0)) }, model: model, cues: cues, modelOnly: modelOnly)
                let noisy = Evaluation.evaluate(
                    set.rows.rewritten { noisySpeechTranscriptForm(fold($0)) }, model: model, cues: cues, modelOnly: modelOnly)
                if json {
                    results.append([
                        "set": set.name, "typed": try jsonObject(typed), "speechForm": try jsonObject(spoken),
                        "noisySpeechForm": try jsonObject(noisy),
                    ])
                } else {
                    print("== \(set.name): \(set.rows.count) rows")
                    print(table(typed, title: "as written"))
                    print(table(spoken, title: "speech-transcript form (lower case, no punctuation, no emoji)"))
                    print(table(noisy, title: "noisy speech form (speech form + fillers + one-letter misrecognitions)"))
                    print(
                        String(
                            format: "macro AP drop: speech form %.4f, noisy speech form %.4f\n",
                            typed.macroAveragePrecision - spoken.macroAveragePrecision, typed.macroAveragePrecision - noisy.macroAveragePrecision))
                }
            }
            if json {
                let data = try JSONSerialization.data(
                    withJSONObject: ["model": model.about, "sets": results], options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            }
        }

        /// The English model (or --model), or with --language the shipped model of that language.
        func loadModel() throws -> TextModel {
            guard let language, language != "en", modelOptions.modelPath == nil else { return try modelOptions.load() }
            guard let models = LanguageModels.bundled else { throw CommandFailure("the engine's language models cannot be loaded") }
            guard let model = models.textModels[language] else {
                throw CommandFailure("no text model for \(language) (the engine reads \(LanguageModels.shipped.joined(separator: ", ")))")
            }
            return model
        }

        func loadGoEmotions() throws -> [LabelledText] {
            let names = try read("\(goemotions)/emotions.txt")
            let rows = try read("\(goemotions)/\(split).tsv")
            let groups = try read("\(goemotions)/group/\(split).tsv")
            do {
                return try LabelledSets.goEmotions(emotionNames: names, split: rows, groups: groups)
            } catch {
                throw CommandFailure("GoEmotions \(split): \(error)")
            }
        }

        func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("cannot read \(path) (use --goemotions to point at the data, or --file)")
            }
            return String(decoding: data, as: UTF8.self)
        }

        func jsonObject(_ report: EvaluationReport) throws -> Any {
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(report))
        }

        func table(_ report: EvaluationReport, title: String) -> String {
            var lines = ["-- \(title): \(report.emotionRows) rows for emotions, \(report.polarityRows) for polarity"]
            lines.append("emotion        support  threshold  precision  recall     F1      AP      ECE")
            for quality in report.emotions {
                lines.append(
                    String(
                        format: "%@ %7d    %.3f      %.3f     %.3f    %.3f   %.3f   %.3f",
                        quality.emotion.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0), quality.support, quality.threshold,
                        quality.precision, quality.recall, quality.f1, quality.averagePrecision, quality.calibrationError))
            }
            lines.append(
                String(
                    format: "macro                                         %.3f   %.3f   %.3f", report.macroF1, report.macroAveragePrecision,
                    report.calibrationError))
            lines.append(
                String(
                    format: "polarity: accuracy %.3f, macro recall %.3f, ECE %.3f", report.polarityAccuracy, report.polarityMacroRecall,
                    report.polarityCalibrationError))
            return lines.joined(separator: "\n")
        }
    }
}

extension [LabelledText] {
    /// The same rows with their texts rewritten (for the speech forms).
    func rewritten(_ transform: (String) -> String) -> [LabelledText] {
        map { row in
            var row = row
            row.text = transform(row.text)
            return row
        }
    }
}
