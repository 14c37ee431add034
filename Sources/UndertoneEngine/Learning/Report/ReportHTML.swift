import Foundation

/// The report as one self-contained HTML page: inline CSS and SVG charts, no script, no external resource, every string
/// from the data escaped. Opens in any browser, or from an e-mail attachment.
public enum ReportHTML {
    public static func render(_ report: Report) -> String {
        let e = SVGCharts.escape
        var body: [String] = []
        body.append("<h1>Undertone report</h1>")
        body.append("<p class=\"period\">Calls that started from \(e(report.from)) to \(e(report.to)) · generated \(e(report.generatedAt))</p>")

        body.append("<h2>Overall</h2>")
        body.append(metricsTable([("All calls", report.overall)]))

        body.append("<h2>Escalations per hour</h2>")
        body.append(report.hourly.isEmpty ? "<p>No calls in the period.</p>" : SVGCharts.stackedHours(report.hourly))

        body.append("<h2>Prevention rate</h2>")
        body.append("<p>Calls that reached coach or supervisor, never a manager, and calmed down, over calls that reached coach or supervisor.</p>")
        let prevention =
            [SVGCharts.Bar(label: "all calls", value: report.overall.preventionRate, note: "")]
            + report.byQueue.sorted { $0.key < $1.key }.map { SVGCharts.Bar(label: "queue \($0.key)", value: $0.value.preventionRate, note: "") }
        body.append(SVGCharts.horizontalBars(prevention, title: "Prevention rate", colour: "#3a9d5d"))

        body.append("<h2>Alert precision per rule</h2>")
        body.append("<p>Useful over useful plus dismissed acknowledgements: how often an alert was worth raising.</p>")
        body.append(
            report.byRule.isEmpty
                ? "<p>No alerts in the period.</p>"
                : SVGCharts.horizontalBars(
                    report.byRule.map {
                        SVGCharts.Bar(
                            label: "\($0.rule) (\($0.tier.rawValue))", value: $0.precision,
                            note: "\($0.useful)/\($0.useful + $0.dismissed) of \($0.alerts)")
                    }, title: "Alert precision per rule"))

        body.append("<h2>Customer stress by queue</h2>")
        body.append(report.stressByQueue.isEmpty ? "<p>No calls in the period.</p>" : SVGCharts.queueStress(report.stressByQueue))

        body.append("<h2>Recovery moves</h2>")
        body.append(
            "<p>Cohen's d of the change in customer stress after agent turns with each move, against agent turns without any move"
                + " (negative: stress falls more). Baseline: \(report.recovery.baseline.count) turns.</p>")
        body.append(
            report.recovery.moves.isEmpty
                ? "<p>No recovery moves heard in the period.</p>"
                : SVGCharts.horizontalBars(
                    report.recovery.moves.map {
                        SVGCharts.Bar(
                            label: $0.move.rawValue, value: $0.effectSize, note: "n=\($0.count), Δ \(String(format: "%+.2f", $0.meanStressChange))")
                    }, title: "Recovery move effect sizes", range: -2...2, percent: false, colour: "#d9434b"))
        if !report.recovery.escalations.isEmpty {
            body.append("<h3>Manager escalations</h3>")
            var rows = ["<tr><th>Call</th><th>Alert</th><th>Stress before</th><th>Stress after</th><th>Resolved</th></tr>"]
            for escalation in report.recovery.escalations {
                rows.append(
                    "<tr><td>\(e(escalation.call))</td><td>\(e(escalation.alert))</td><td>\(number(escalation.stressBefore))</td>"
                        + "<td>\(escalation.stressAfter.map(number) ?? "–")</td><td>\(escalation.resolved ? "yes" : "no")</td></tr>")
            }
            body.append("<table>\(rows.joined())</table>")
        }

        body.append("<h2>CSAT against stress</h2>")
        let csat = report.overall.csat
        body.append(
            "<p>\(csat.responses) survey responses · mean \(csat.mean.map { String(format: "%.2f", $0) } ?? "n/a")"
                + " · correlation with peak stress \(csat.stressCorrelation.map { String(format: "%+.2f", $0) } ?? "n/a")</p>")
        body.append(SVGCharts.scatter(report.csatPoints))

        body.append("<h2>QA scorecards</h2>")
        let cards = report.scorecards
        body.append(
            "<p>Scorecard \(e(cards.scorecard)) over \(cards.calls) finished calls · mean score "
                + "\(cards.meanScore.map { String(format: "%.0f%%", $0) } ?? "n/a")</p>")
        if !cards.items.isEmpty {
            body.append(
                SVGCharts.horizontalBars(
                    cards.items.map { SVGCharts.Bar(label: $0.id, value: $0.passRate, note: "") }, title: "Scorecard pass rate per item"))
        }

        for (title, groups) in [("By queue", report.byQueue), ("By team", report.byTeam), ("By agent", report.byAgent)] where !groups.isEmpty {
            body.append("<h2>\(title)</h2>")
            body.append(metricsTable(groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }

        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Undertone report \(e(report.from)) – \(e(report.to))</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1000px;color:#222;padding:0 1rem}
            h1{margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}.period{color:#555}
            table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .45rem;text-align:right}
            th:first-child,td:first-child{text-align:left}svg{max-width:100%;height:auto;display:block;margin:.5rem 0}
            </style></head><body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    static func metricsTable(_ rows: [(String, Metrics)]) -> String {
        let e = SVGCharts.escape
        var lines = [
            "<table><tr><th></th><th>Calls</th><th>≥ coach</th><th>≥ supervisor</th><th>manager</th><th>Prevention</th>"
                + "<th>Minutes to resolution</th><th>FCR</th><th>Repeat</th><th>Transfer</th><th>Abandoned</th><th>AI contained</th>"
                + "<th>AI → human</th><th>CSAT</th></tr>"
        ]
        for (name, metrics) in rows {
            let cells = [
                String(metrics.calls), rate(metrics.escalationRate.coach), rate(metrics.escalationRate.supervisor),
                rate(metrics.escalationRate.manager), rate(metrics.preventionRate),
                metrics.meanMinutesToResolution.map { String(format: "%.1f", $0) } ?? "–", rate(metrics.firstContactResolution),
                rate(metrics.repeatContactRate), rate(metrics.transferRate), rate(metrics.abandonmentRate), rate(metrics.aiContainmentRate),
                rate(metrics.aiToHumanRate),
                metrics.csat.mean.map { String(format: "%.2f (%d)", $0, metrics.csat.responses) } ?? "–",
            ]
            lines.append("<tr><td>\(e(name))</td>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>")
        }
        return lines.joined() + "</table>"
    }

    static func rate(_ value: Double?) -> String { value.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }
    static func number(_ value: Double) -> String { String(format: "%.2f", value) }
}
