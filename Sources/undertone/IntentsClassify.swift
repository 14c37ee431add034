import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone.Intents {
    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The intent of each text of a JSON-lines stream.",
            discussion: """
                Reads {"id": …, "text": "…"} lines (stdin or --input) and writes one JSON line per input (stdout or \
                --output): {"id", "intent", "confidence", "top": [[label, probability], …]}. The intent is \
                out_of_scope when the model's confidence is below its threshold. A malformed line is reported on \
                stderr with its number and skipped; the exit status is then 1. With --strict the first one stops the run.
                """
        )

        @Option(name: .shortAndLong, help: "Input file of JSON lines (default: stdin).")
        var input: String?

        @Option(name: .shortAndLong, help: "Output file (default: stdout).")
        var output: String?

        @Option(help: "How many labels to list in \"top\".")
        var top = 3

        @Flag(help: "Stop at the first malformed line.")
        var strict = false

        @OptionGroup var modelOptions: IntentModelOptions

        func run() throws {
            guard top >= 0 else { throw ValidationError("--top must not be negative") }
            let model = try modelOptions.load()
            try answerEachLine(input: input, output: output, strict: strict, command: "undertone intents classify") { request in
                model.classify(request.text, top: top).json(idJSON: request.idJSON)
            }
        }
    }
}
