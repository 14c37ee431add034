import Foundation

/// Reading dialogues rated for user satisfaction as labelled calls.
public enum LabelledDialogues {
    /// How a dialogue without times is laid out in call time: each turn takes a speaking time from its length, then a
    /// pause. (USS dialogues are text; "a few seconds a turn", as on a call.)
    public struct Pacing: Sendable {
        public var msPerWord = 350
        public var shortestTurnMs = 1_200
        public var longestTurnMs = 20_000
        public var pauseMs = 800

        public init() {}

        func speakingTime(_ text: String) -> Int {
            let words = text.split(whereSeparator: \.isWhitespace).count
            return min(longestTurnMs, max(shortestTurnMs, words * msPerWord))
        }
    }

    /// A dialogue's overall rating at or below this is dissatisfied (troubled).
    public static let dissatisfiedAtMost = 2.5
    /// At or above this it is satisfied (calm); those between are left out.
    public static let satisfiedAtLeast = 3.5
    /// The first customer turn rated at or below this (mean of its raters) is where the trouble began.
    public static let poorTurnAtMost = 2.0

    /// Parses the USS format (Sun et al., SIGIR 2021): tab-separated lines `ROLE TAB text TAB action TAB ratings`, ROLE
    /// USER or SYSTEM, ratings a comma-separated list of 1–5 scores on USER lines; a `USER TAB OVERALL` line closes each
    /// dialogue with its overall ratings. USER is the customer, SYSTEM the agent. Dialogues whose overall mean is
    /// between the two bounds are skipped. `prefix` names the calls (`prefix-17` for the 17th dialogue).
    public static func uss(_ text: String, prefix: String, pacing: Pacing = Pacing()) throws(LabelledSetError) -> [LabelledCall] {
        var calls: [LabelledCall] = []
        var lines: [(role: SpeakerRole, text: String, rating: Double?)] = []
        var dialogue = 0
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { throw .malformed(line: index + 1, "expected ROLE TAB text") }
            let ratings = fields.count >= 4 ? try Self.ratings(fields[3], line: index + 1) : []
            switch fields[0] {
            case "USER" where fields[1] == "OVERALL":
                dialogue += 1
                guard let overall = mean(ratings) else { throw .malformed(line: index + 1, "an OVERALL line needs ratings") }
                defer { lines = [] }
                let kind: LabelledCall.Kind
                if overall <= dissatisfiedAtMost {
                    kind = .troubled
                } else if overall >= satisfiedAtLeast {
                    kind = .calm
                } else {
                    continue
                }
                calls.append(call(lines, name: "\(prefix)-\(dialogue)", kind: kind, pacing: pacing))
            case "USER":
                lines.append((.customer, fields[1], mean(ratings)))
            case "SYSTEM":
                lines.append((.agent, fields[1], nil))
            default:
                throw .malformed(line: index + 1, "the role must be USER or SYSTEM, not \"\(fields[0].prefix(20))\"")
            }
        }
        if !lines.isEmpty, calls.isEmpty { throw .mismatch("no USER OVERALL line closes the dialogues") }
        return calls
    }

    private static func ratings(_ field: String, line: Int) throws(LabelledSetError) -> [Double] {
        var values: [Double] = []
        for part in field.split(separator: ",") {
            guard let value = Double(part.trimmingCharacters(in: .whitespaces)), (1...5).contains(value) else {
                throw .malformed(line: line, "a rating must be a number from 1 to 5, not \"\(part.prefix(20))\"")
            }
            values.append(value)
        }
        return values
    }

    private static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    private static func call(_ lines: [(role: SpeakerRole, text: String, rating: Double?)], name: String, kind: LabelledCall.Kind, pacing: Pacing)
        -> LabelledCall
    {
        var events: [CallEvent] = [.callStarted(CallStarted(callID: name, channel: .voice, customerID: "\(name)-customer", queue: "general"))]
        var clock = 0
        var onset: (ms: Int, utterance: String)?
        var worst: (rating: Double, ms: Int, utterance: String)?
        for (index, line) in lines.enumerated() {
            let start = clock + pacing.pauseMs
            let end = start + pacing.speakingTime(line.text)
            clock = end
            let utterance = "u\(index + 1)"
            events.append(
                .turn(Turn(callID: name, at: end, utteranceID: utterance, speaker: line.role, text: line.text, startMs: start, endMs: end)))
            guard line.role == .customer, let rating = line.rating else { continue }
            if onset == nil, rating <= poorTurnAtMost { onset = (end, utterance) }
            if rating < (worst?.rating ?? 3) { worst = (rating, end, utterance) }
        }
        events.append(.callEnded(CallEnded(callID: name, at: clock + pacing.pauseMs)))
        let start = kind == .troubled ? (onset ?? worst.map { ($0.ms, $0.utterance) }) : nil
        return LabelledCall(name: name, kind: kind, events: events, onsetMs: start?.ms, onsetUtterance: start?.utterance)
    }
}
