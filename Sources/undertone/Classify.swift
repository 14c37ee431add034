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
            let reader = try LineReader(path: input)
            let writer = try LineWriter(path: output)
            var rejected = 0
            var lineNumber = 0
            while let line = reader.next() {
                lineNumber += 1
                if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
                do {
                    let request = try ClassifyRequest.parse(line, lineNumber: lineNumber)
                    let signal = model.analyze(request.text, explain: !noExplain)
                    writer.write(signal.classifyJSON(idJSON: request.idJSON, cues: cueDetector.detect(request.text)))
                } catch {
                    rejected += 1
                    standardError("undertone classify: \(error)")
                    if strict {
                        writer.flush()
                        throw ExitCode(1)
                    }
                }
            }
            writer.flush()
            if rejected > 0 {
                standardError("undertone classify: \(rejected) of \(lineNumber) lines rejected")
                throw ExitCode(1)
            }
        }
    }
}
