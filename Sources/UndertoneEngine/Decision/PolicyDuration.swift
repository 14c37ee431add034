/// Lengths of time as a policy writes them: `45s`, `2m`, `1h`, `1500ms`, `1m30s`, or a plain number of seconds (`90`,
/// `2.5`).
public enum PolicyDuration {
    /// Milliseconds for a written duration, or nil when it is not one. Negative durations are not durations.
    public static func milliseconds(_ text: String) -> Int? {
        let text = text.filter { $0 != " " }
        guard !text.isEmpty else { return nil }
        if let seconds = Double(text) {
            guard seconds.isFinite, seconds >= 0, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
            return milliseconds(seconds, unitMs: 1000)
        }
        var total = 0
        var rest = Substring(text)
        var lastUnitMs = Int.max
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, let amount = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            let unitMs: Int
            switch unit {
            case "ms": unitMs = 1
            case "s": unitMs = 1000
            case "m": unitMs = 60_000
            case "h": unitMs = 3_600_000
            default: return nil
            }
            // Larger units first, each at most once: "1m30s", not "30s1m".
            guard unitMs < lastUnitMs, let part = milliseconds(amount, unitMs: unitMs) else { return nil }
            lastUnitMs = unitMs
            total += part
        }
        return total
    }

    private static func milliseconds(_ amount: Double, unitMs: Int) -> Int? {
        let value = (amount * Double(unitMs)).rounded()
        guard value.isFinite, value <= 365 * 24 * 3_600_000 else { return nil }
        return Int(value)
    }

    /// The shortest way to write a duration: `45s`, `2m`, `1m30s`, `1500ms`, `1h`, `0s`.
    public static func text(_ milliseconds: Int) -> String {
        guard milliseconds > 0 else { return "0s" }
        if milliseconds % 1000 != 0 { return "\(milliseconds)ms" }
        var seconds = milliseconds / 1000
        var text = ""
        if seconds >= 3600 {
            text += "\(seconds / 3600)h"
            seconds %= 3600
        }
        if seconds >= 60 {
            text += "\(seconds / 60)m"
            seconds %= 60
        }
        if seconds > 0 { text += "\(seconds)s" }
        return text
    }
}
