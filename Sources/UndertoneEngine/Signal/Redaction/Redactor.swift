/// Replaces personal information in transcripts and notes before they are stored or handed off: payment card numbers,
/// Social Security numbers, phone numbers, e-mail addresses, dates of birth and account numbers, written or spelled
/// out by a speech recogniser. `docs/redaction.md` lists what each kind matches and what it leaves alone.
///
/// A redactor is a value: configure it once and share it. It reads text only; it keeps nothing it found.
public struct Redactor: Sendable, Equatable {
    /// The kinds looked for; the others are left in the text.
    public var kinds: Set<PIIKind>
    /// What replaces each kind; a kind not listed gets its tag (`[card]`, `[ssn]`, `[phone]`, `[email]`, `[dob]`,
    /// `[account]`).
    public var replacements: [PIIKind: String]

    /// A redactor for the given kinds (all by default), with the given replacements (tags by default).
    public init(kinds: Set<PIIKind> = Set(PIIKind.allCases), replacements: [PIIKind: String] = [:]) {
        self.kinds = kinds
        self.replacements = replacements
    }

    /// A redactor that puts the same text (such as `"***"`) in place of every kind.
    public init(kinds: Set<PIIKind> = Set(PIIKind.allCases), replacement: String) {
        self.init(kinds: kinds, replacements: Dictionary(uniqueKeysWithValues: PIIKind.allCases.map { ($0, replacement) }))
    }

    /// Every kind, replaced by its tag.
    public static let standard = Redactor()

    /// What replaces a kind.
    public func replacement(for kind: PIIKind) -> String { replacements[kind] ?? kind.tag }

    /// Redacts a text. A partial transcript (`isPartial`) may stop in the middle of a number or an address, so a
    /// digit sequence or spelled-out address that runs to its end is redacted as soon as it could be one.
    public func redact(_ text: String, isPartial: Bool = false) -> Redaction {
        guard !kinds.isEmpty, !text.isEmpty, !PIIScanner.findsNothing(in: text) else { return Redaction(text: text, spans: []) }
        let (scanned, findings) = PIIScanner.scan(text, isPartial: isPartial)
        var output = String.UnicodeScalarView()
        var spans: [RedactionSpan] = []
        var copied = 0
        var written = 0
        for finding in findings where kinds.contains(finding.kind) {
            let start = scanned[finding.first].start
            let end = scanned[finding.last].end
            guard start >= copied else { continue }
            output.append(contentsOf: scanned.scalars[copied..<start])
            written += start - copied
            let replacement = replacement(for: finding.kind).unicodeScalars
            output.append(contentsOf: replacement)
            spans.append(RedactionSpan(kind: finding.kind, range: written..<(written + replacement.count), originalRange: start..<end))
            written += replacement.count
            copied = end
        }
        guard !spans.isEmpty else { return Redaction(text: text, spans: []) }
        output.append(contentsOf: scanned.scalars[copied...])
        return Redaction(text: String(output), spans: spans)
    }

    /// A turn with its text redacted; a partial turn (`isFinal == false`) is read as partial.
    public func redact(_ turn: Turn) -> Turn {
        var turn = turn
        turn.text = redact(turn.text, isPartial: !turn.isFinal).text
        return turn
    }

    /// An event with its free text redacted: a turn's text, an agent action's note and target (a transfer to an outside
    /// number), a call's disposition, the name of who answered an alert. Ids (the customer's among them) are not free
    /// text: `containsPersonalData(_:)` tells the server when one is a phone number or an address to replace.
    public func redact(_ event: CallEvent) -> CallEvent {
        switch event {
        case .turn(let turn):
            return .turn(redact(turn))
        case .agentAction(var action):
            action.note = action.note.map { redact($0).text }
            action.target = action.target.map { redact($0).text }
            return .agentAction(action)
        case .callEnded(var ended):
            ended.disposition = ended.disposition.map { redact($0).text }
            return .callEnded(ended)
        case .alertAcknowledged(var acknowledgement):
            acknowledgement.by = redact(acknowledgement.by).text
            return .alertAcknowledged(acknowledgement)
        case .callStarted, .audio, .voice, .tick:
            return event
        }
    }

    /// Whether a text holds personal information of a kind this redactor looks for (a customer id that is the caller's
    /// phone number, an e-mail address used as a name).
    public func containsPersonalData(_ text: String) -> Bool {
        !redact(text).spans.isEmpty
    }

    /// What redacting an event's free text finds, or nil for an event without free text (or without a note).
    public func redaction(of event: CallEvent) -> Redaction? {
        switch event {
        case .turn(let turn): redact(turn.text, isPartial: !turn.isFinal)
        case .agentAction(let action): action.note.map { redact($0) }
        case .callStarted, .audio, .voice, .alertAcknowledged, .tick, .callEnded: nil
        }
    }
}
