import ArgumentParser
import Foundation
import Synchronization
import UndertoneEngine
import UndertoneServer
import UndertoneStore

extension Undertone {
    /// `undertone report`: the learning report of a period, from the store, as JSON and as an HTML page with charts.
    struct ReportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the metrics, recovery and scorecard report of a period as report.json and report.html.",
            discussion: """
                Reads the calls that started from --from up to (not including) --to from the store and writes \
                DIR/report.json (the same JSON as GET /v1/report) and DIR/report.html (charts as inline SVG, no \
                script). Times are ISO 8601 (2026-11-23T09:00:00Z) or dates (2026-11-23, midnight UTC). \
                docs/metrics.md defines every figure.
                """
        )

        @OptionGroup var store: Keys.StoreOptions

        @Option(help: "The start of the period (ISO 8601 time or date).")
        var from: String

        @Option(help: "The end of the period, not included (ISO 8601 time or date).")
        var to: String

        @Option(help: "The folder to write report.json and report.html into (created if missing).")
        var out: String

        @Option(help: "Only the calls of this team.")
        var team: String?

        @Option(help: "Days within which a contact on the same issue counts as a repeat (1 to 90).")
        var repeatDays = 7

        @Option(help: "Smoothed stress below which a customer counts as calm again (the policy's rearmBelow).")
        var calmBelow = 0.35

        func validate() throws {
            guard (1...90).contains(repeatDays) else { throw ValidationError("--repeat-days must be from 1 to 90") }
            guard (0...1).contains(calmBelow) else { throw ValidationError("--calm-below must be between 0 and 1") }
        }

        func run() async throws {
            let period: ReportPeriod
            do throws(ReportPeriod.Invalid) {
                period = try ReportPeriod(from: from, to: to)
            } catch {
                throw CommandFailure(error.description)
            }
            let directory = URL(fileURLWithPath: out)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure("cannot create the folder \(out)")
            }
            let settings = MetricsSettings(repeatWindowDays: repeatDays, calmBelow: calmBelow)
            let team = team
            let report = ReportBox()
            try await withStore(store.resolved) { store in
                report.set(try await ReportLoader.report(store: store, period: period, team: team, settings: settings, generatedAt: .now))
            }
            guard let built = report.get() else { throw CommandFailure("the report could not be built") }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            let json = directory.appendingPathComponent("report.json")
            let html = directory.appendingPathComponent("report.html")
            do {
                try encoder.encode(built).write(to: json)
                try Data(ReportHTML.render(built).utf8).write(to: html)
            } catch {
                throw CommandFailure("cannot write the report into \(out): \(error.localizedDescription)")
            }
            let calls = built.overall.calls
            print("\(calls) call\(calls == 1 ? "" : "s") from \(built.from) to \(built.to)")
            print("wrote \(json.path)")
            print("wrote \(html.path)")
        }
    }
}

/// Carries the report out of the store's closure.
private final class ReportBox: Sendable {
    private let value = Mutex<Report?>(nil)

    func set(_ report: Report) { value.withLock { $0 = report } }
    func get() -> Report? { value.withLock { $0 } }
}
