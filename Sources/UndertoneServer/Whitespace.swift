import Foundation

extension Substring {
    /// The text without the whitespace at its ends: what `trimmingCharacters(in: .whitespaces)` gives (with
    /// `newlines`, `.whitespacesAndNewlines`), without Foundation's walk through its character set when the ends are
    /// plain ASCII. An ASCII byte from `!` to `~` is in neither set, so ends like that need no look-up; ASCII spaces and
    /// tabs (and with `newlines`, line breaks) are taken off byte by byte; anything else at an end goes to Foundation.
    /// A slice of the text, not a copy, unless Foundation had to answer.
    func trimmingWhitespace(newlines: Bool = false) -> Substring {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
                || (newlines && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == 0x0B || byte == 0x0C))
        }
        func isPlain(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x7F } ?? true }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while start < end, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        let rest = self[start..<end]
        if isPlain(rest.utf8.first), isPlain(rest.utf8.last) { return rest }
        return Substring(rest.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces))
    }
}

extension String {
    /// ``Substring/trimmingWhitespace(newlines:)`` of the whole string.
    func trimmingWhitespace(newlines: Bool = false) -> Substring { self[...].trimmingWhitespace(newlines: newlines) }
}
