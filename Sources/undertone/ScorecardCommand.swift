import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone {
    struct ScorecardCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scorecard",
            abstract: "Score finished calls against a QA scorecard, with the turns that prove each result.",
            discussion: """
                CALL is a call file (JSON lines of call events, docs/events.md). The scorecard is the bundled default \
                unless --scorecard names a YAML file (docs/scorecards.md); a scorecard with mistakes is rejected with \
                each one as FILE:LINE:COLUMN: message. --json prints one ScorecardResult per call, one JSON line each.
                """
        )

        @Argument(help: "Call files (JSON lines of call events).")
        var calls: [String]

        @Option(help: "A scorecard YAML file (default: the bundled default scorecard).")
        var scorecard: String?

        @Flag(help: "Print one JSON line per call instead of a readable report.")
        var json = false

        func run() throws {
            let card = try loadScorecard()
            var first = true
            for path in calls {
                let result = card.score(try CallFile.read(path))
                if json {
                    print(String(decoding: try EngineOutputJSON.encoder.encode(result), as: UTF8.self))
                } else {
                    if !first { print("") }
                    print(Self.report(result, file: path))
                }
                first = false
            }
        }

        private func loadScorecard() throws -> Scorecard {
            guard let scorecard else {
                do {
                    return try Scorecard.bundled()
                } catch {
                    throw CommandFailure("the bundled scorecard: \(error)")
                }
            }
            guard let data = FileManager.default.contents(atPath: scorecard) else { throw CommandFailure("cannot read scorecard \(scorecard)") }
            let yaml = String(decoding: data, as: UTF8.self)
            let errors = Scorecard.validate(yaml: yaml)
            guard errors.isEmpty, let card = try? Scorecard.parse(yaml: yaml) else {
                for error in errors {
                    let place = [error.line, error.column].compactMap { $0 }.map { ":\($0)" }.joined()
                    standardError("\(scorecard)\(place): \(error.message)")
                }
                throw CommandFailure("\(scorecard): \(errors.count == 1 ? "1 problem" : "\(errors.count) problems"); nothing scored")
            }
            return card
        }

        static func report(_ result: ScorecardResult, file: String) -> String {
            let score = result.score.map { String(format: "%.0f%%", $0) } ?? "no item applies"
            var lines = [
                "\(file): call \(result.callID) · scorecard \(result.scorecard) · score \(score)"
                    + " (\(points(result.points)) of \(points(result.possiblePoints)) points)"
                    + (result.criticalFailed ? " · a critical item failed" : "")
            ]
            let width = result.items.map(\.id.count).max() ?? 0
            for item in result.items {
                let outcome = item.outcome == .notApplicable ? "N/A " : item.outcome.rawValue.uppercased()
                let earned = item.outcome == .notApplicable ? "-" : "\(points(item.points))/\(points(item.weight))"
                let id = item.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let critical = item.critical && item.outcome == .fail ? "critical: " : ""
                lines.append("  \(outcome)  \(id)  \(earned.padding(toLength: 6, withPad: " ", startingAt: 0))  \(critical)\(item.reason)")
                for evidence in item.evidence {
                    var line = "          \(Timeline.clock(evidence.atMs))"
                    if let utterance = evidence.utterance { line += " \(utterance)" }
                    if let speaker = evidence.speaker { line += " \(speaker.rawValue)" }
                    if let quote = evidence.quote { line += "  \"\(quote)\"" }
                    if let note = evidence.note { line += "  (\(note))" }
                    lines.append(line)
                }
            }
            return lines.joined(separator: "\n")
        }

        private static func points(_ value: Double) -> String {
            value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
        }
    }
}
