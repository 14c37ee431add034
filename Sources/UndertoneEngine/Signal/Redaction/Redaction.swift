/// Where one piece of personal information was, and what kind it was; the original characters are not kept.
///
/// Offsets count Unicode scalars (code points), as JSON consumers in most languages count them.
public struct RedactionSpan: Sendable, Equatable, Hashable, Codable {
    public var kind: PIIKind
    /// Where the replacement stands in the redacted text.
    public var range: Range<Int>
    /// Where the information stood in the original text (its length, not its content).
    public var originalRange: Range<Int>

    public init(kind: PIIKind, range: Range<Int>, originalRange: Range<Int>) {
        self.kind = kind
        self.range = range
        self.originalRange = originalRange
    }
}

/// A text with its personal information replaced, and where each replacement is.
public struct Redaction: Sendable, Equatable, Hashable, Codable {
    /// The text with every span replaced.
    public var text: String
    /// The replacements in the order they appear.
    public var spans: [RedactionSpan]

    public init(text: String, spans: [RedactionSpan]) {
        self.text = text
        self.spans = spans
    }

    /// The kinds found, in `PIIKind` order.
    public var kinds: [PIIKind] { Set(spans.map(\.kind)).sorted() }

    /// Whether nothing was redacted.
    public var isEmpty: Bool { spans.isEmpty }
}
