import Foundation

/// Small charts drawn as inline SVG: what the HTML report shows, readable without JavaScript. Every label is escaped.
enum SVGCharts {
    static let tierColours: [(Tier, String)] = [(.coach, "#5b8def"), (.supervisor, "#f0a030"), (.manager, "#d9434b")]

    /// One labelled value of a bar chart; nil values are drawn as "n/a".
    struct Bar {
        var label: String
        var value: Double?
        var note: String
    }

    /// Stacked vertical bars, one per hour, a segment per tier.
    static func stackedHours(_ hours: [HourlyEscalations]) -> String {
        let width = 720.0
        let height = 240.0
        let left = 40.0
        let bottom = 40.0
        let plotHeight = height - bottom - 16
        let maximum = max(1, hours.map { $0.coach + $0.supervisor + $0.manager }.max() ?? 0)
        let slot = (width - left - 10) / Double(max(hours.count, 1))
        let oneDay = Set(hours.map { $0.hour.prefix(10) }).count <= 1
        var parts = [axis(left: left, top: 16, width: width - left - 10, height: plotHeight, maximum: Double(maximum), integer: true)]
        for (index, hour) in hours.enumerated() {
            var y = 16 + plotHeight
            let x = left + Double(index) * slot + slot * 0.15
            for (tier, colour) in tierColours {
                let count = tier == .coach ? hour.coach : tier == .supervisor ? hour.supervisor : hour.manager
                guard count > 0 else { continue }
                let h = plotHeight * Double(count) / Double(maximum)
                y -= h
                parts.append(
                    "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(slot * 0.7))\" height=\"\(n(h))\" fill=\"\(colour)\">"
                        + "<title>\(escape(hour.hour)) \(tier.rawValue): \(count)</title></rect>")
            }
            if hours.count <= 24 || index % max(1, hours.count / 12) == 0 {
                // "09:00" within one day; "11-23 09h" when the hours span days.
                let label =
                    oneDay
                    ? String(hour.hour.dropFirst(11).prefix(5))
                    : String(hour.hour.dropFirst(5).prefix(8)).replacingOccurrences(of: "T", with: " ") + "h"
                parts.append(text(x + slot * 0.35, 16 + plotHeight + 14, label, anchor: "middle", size: 10))
            }
        }
        for (index, (tier, colour)) in tierColours.enumerated() {
            let x = left + Double(index) * 110
            parts.append("<rect x=\"\(n(x))\" y=\"\(n(height - 14))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>")
            parts.append(text(x + 14, height - 5, tier.rawValue, size: 11))
        }
        return svg(width: width, height: height, title: "Alerts per hour by tier", parts)
    }

    /// Horizontal bars of values in `range` (a rate: 0...1; an effect size: −2...2 around zero).
    static func horizontalBars(_ bars: [Bar], title: String, range: ClosedRange<Double> = 0...1, percent: Bool = true, colour: String = "#5b8def")
        -> String
    {
        // Wide enough for the longest label at 12 px (about 7 px a character), so long rule names are not cut off.
        let labelWidth = min(420, max(120, Double(bars.map(\.label.count).max() ?? 0) * 7 + 12))
        let plotWidth = 420.0
        let row = 24.0
        let height = Double(max(bars.count, 1)) * row + 30
        let span = range.upperBound - range.lowerBound
        func x(_ value: Double) -> Double { labelWidth + plotWidth * (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound) / span }
        let zero = x(0)
        var parts = ["<line x1=\"\(n(zero))\" y1=\"4\" x2=\"\(n(zero))\" y2=\"\(n(height - 22))\" stroke=\"#888\"/>"]
        for (index, bar) in bars.enumerated() {
            let y = 6 + Double(index) * row
            parts.append(text(labelWidth - 6, y + 14, bar.label, anchor: "end", size: 12))
            guard let value = bar.value else {
                parts.append(text(zero + 4, y + 14, "n/a" + (bar.note.isEmpty ? "" : " · \(bar.note)"), size: 11, fill: "#777"))
                continue
            }
            let start = min(zero, x(value))
            let width = max(1, abs(x(value) - zero))
            let shown = percent ? String(format: "%.0f%%", value * 100) : String(format: "%+.2f", value)
            parts.append(
                "<rect x=\"\(n(start))\" y=\"\(n(y + 2))\" width=\"\(n(width))\" height=\"\(n(row - 8))\" fill=\"\(value < 0 && !percent ? "#3a9d5d" : colour)\">"
                    + "<title>\(escape(bar.label)): \(escape(shown))</title></rect>")
            parts.append(text(max(start + width, zero) + 4, y + 14, shown + (bar.note.isEmpty ? "" : " · \(bar.note)"), size: 11))
        }
        let low = percent ? "0%" : String(format: "%+.1f", range.lowerBound)
        let high = percent ? "100%" : String(format: "%+.1f", range.upperBound)
        parts.append(text(labelWidth, height - 6, low, anchor: "middle", size: 10, fill: "#555"))
        parts.append(text(labelWidth + plotWidth, height - 6, high, anchor: "middle", size: 10, fill: "#555"))
        return svg(width: labelWidth + plotWidth + 130, height: height, title: title, parts)
    }

    /// Two bars per queue: mean peak stress and mean turn stress, 0...1.
    static func queueStress(_ queues: [QueueStress]) -> String {
        let width = 800.0
        let height = 320.0
        let left = 110.0
        let bottom = 120.0
        let plotHeight = height - bottom - 16
        let slot = (width - left - 10) / Double(max(queues.count, 1))
        var parts = [axis(left: left, top: 16, width: width - left - 10, height: plotHeight, maximum: 1, integer: false)]
        for (index, queue) in queues.enumerated() {
            let x = left + Double(index) * slot + slot * 0.1
            for (offset, (value, colour, name)) in [(queue.meanPeakStress, "#d9434b", "mean peak"), (queue.meanStress, "#f0a030", "mean")]
                .enumerated()
            {
                let h = plotHeight * min(max(value, 0), 1)
                parts.append(
                    "<rect x=\"\(n(x + Double(offset) * slot * 0.4))\" y=\"\(n(16 + plotHeight - h))\" width=\"\(n(slot * 0.38))\" height=\"\(n(h))\" fill=\"\(colour)\">"
                        + "<title>\(escape(queue.queue)) \(name) stress: \(String(format: "%.2f", value))</title></rect>")
            }
            // Slanted, so that long queue names do not run into each other.
            let labelX = n(x + slot * 0.4)
            let labelY = n(16 + plotHeight + 12)
            parts.append(
                "<text x=\"\(labelX)\" y=\"\(labelY)\" font-size=\"11\" text-anchor=\"end\" fill=\"#222\" transform=\"rotate(-30 \(labelX) \(labelY))\">"
                    + "\(escape(queue.queue + " (\(queue.calls))"))</text>")
        }
        parts.append("<rect x=\"\(n(left))\" y=\"\(n(height - 14))\" width=\"10\" height=\"10\" fill=\"#d9434b\"/>")
        parts.append(text(left + 14, height - 5, "mean peak stress", size: 11))
        parts.append("<rect x=\"\(n(left + 140))\" y=\"\(n(height - 14))\" width=\"10\" height=\"10\" fill=\"#f0a030\"/>")
        parts.append(text(left + 154, height - 5, "mean turn stress", size: 11))
        return svg(width: width, height: height, title: "Customer stress by queue", parts)
    }

    /// Survey score (1–5, vertical) against peak stress (0–1, horizontal), a dot per call.
    static func scatter(_ points: [CSATPoint]) -> String {
        let width = 460.0
        let height = 300.0
        let left = 44.0
        let top = 12.0
        let plotWidth = width - left - 16
        let plotHeight = height - top - 44
        var parts = [
            "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"none\" stroke=\"#888\"/>"
        ]
        for score in 1...5 {
            let y = top + plotHeight - plotHeight * Double(score - 1) / 4
            parts.append(text(left - 6, y + 4, "\(score)", anchor: "end", size: 10))
        }
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            parts.append(text(left + plotWidth * tick, top + plotHeight + 14, String(format: "%.2f", tick), anchor: "middle", size: 10))
        }
        parts.append(text(left + plotWidth / 2, height - 8, "peak customer stress (across) · survey score 1–5 (up)", anchor: "middle", size: 11))
        for point in points {
            let x = left + plotWidth * min(max(point.peakStress, 0), 1)
            let y = top + plotHeight - plotHeight * Double(point.survey - 1) / 4
            parts.append(
                "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"5\" fill=\"#5b8def\" fill-opacity=\"0.6\">"
                    + "<title>\(escape(point.call)): survey \(point.survey), peak stress \(String(format: "%.2f", point.peakStress))</title></circle>"
            )
        }
        return svg(width: width, height: height, title: "CSAT against peak stress", parts)
    }

    // MARK: Pieces

    static func axis(left: Double, top: Double, width: Double, height: Double, maximum: Double, integer: Bool) -> String {
        var parts = [
            "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + height))\" stroke=\"#888\"/>",
            "<line x1=\"\(n(left))\" y1=\"\(n(top + height))\" x2=\"\(n(left + width))\" y2=\"\(n(top + height))\" stroke=\"#888\"/>",
        ]
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let y = top + height - height * Double(step) / 4
            parts.append(text(left - 4, y + 4, integer ? String(Int(value.rounded())) : String(format: "%.2f", value), anchor: "end", size: 10))
            if step > 0 {
                parts.append("<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(left + width))\" y2=\"\(n(y))\" stroke=\"#e4e4e4\"/>")
            }
        }
        return parts.joined()
    }

    static func svg(width: Double, height: Double, title: String, _ parts: [String]) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\">"
            + "<title>\(escape(title))</title>" + parts.joined() + "</svg>"
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Int = 12, fill: String = "#222") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" fill=\"\(fill)\">\(escape(content))</text>"
    }

    /// A coordinate with at most one decimal.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Text safe inside HTML and SVG elements and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
