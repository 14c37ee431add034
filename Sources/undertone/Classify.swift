import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone {
    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Emotions, polarity and explanations for each text of a JSON-lines stream.",
            discussion: """
                Reads {"id": …, "text": "…"} lines (stdin or --input) and writes one JSON line per input (stdout or \
                --output): {"id", "polarity": {negative, neutral, positive}, "emotions": {frustration, confusion, \
                anxiety, sadness, satisfaction, neutral}, "detected": [...], "cues": [...], "explain": [...]}. \
                A malformed line is reported on stderr with its number and skipped; the exit status is then 1. \
                With --strict the first malformed line stops the run.
                """
        )

        @Option(name: .shortAndLong, help: "Input file of JSON lines (default: stdin).")
        var input: String?

        @Option(name: .shortAndLong, help: "Output file (default: stdout).")
        var output: String?

        @Flag(help: "Stop at the first malformed line.")
        var strict = false

        @Flag(name: .customLong("no-explain"), help: "Leave the explanations out (faster).")
        var noExplain = false

        @OptionGroup var modelOptions: ModelOptions

        func run() throws {
            let model = try modelOptions.load()
            let cueDetector = CueDetector()
            try answerEachLine(input: input, output: output, strict: strict, command: "undertone classify") { request in
                let reading = TurnReading(request.text, model: model, cues: cueDetector, explain: !noExplain)
                return reading.signal.classifyJSON(idJSON: request.idJSON, cues: reading.cues)
            }
        }
    }
}
