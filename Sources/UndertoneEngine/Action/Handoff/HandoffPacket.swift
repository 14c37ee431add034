import Foundation

/// What the receiving agent or manager needs before pickup so that the customer never repeats themselves: who is
/// calling, why, how it has gone (the stress timeline, the cues, what was tried and promised), and the history.
/// Built from the call's own events and outputs, already redacted; extractive and deterministic.
public struct HandoffPacket: Sendable, Equatable, Codable {
    /// One line of the summary: a turn quoted as said.
    public struct Line: Sendable, Equatable, Codable {
        public var at: Int
        public var speaker: SpeakerRole
        public var utteranceID: String
        public var text: String
        /// Why this turn is in the summary (`the issue`, `cancel_threat`, `peak stress`, `promise`).
        public var why: String
    }

    /// The stress of one customer turn.
    public struct StressPoint: Sendable, Equatable, Codable {
        public var at: Int
        public var stress: Double
        public var smoothed: Double
        /// The strongest emotion of the turn.
        public var emotion: String
    }

    /// A cue the customer raised.
    public struct RaisedCue: Sendable, Equatable, Codable {
        public var at: Int
        public var kind: String
        public var text: String
        /// Said as a condition ("if it is not fixed I'll cancel").
        public var conditional: Bool
    }

    /// Something the agent did or said they would do.
    public struct AgentMove: Sendable, Equatable, Codable {
        public var at: Int
        public var move: String
        public var text: String
    }

    public var callID: String
    public var customerID: String
    public var channel: String
    public var queue: String
    public var language: String
    public var industry: String?
    public var fromAgent: String?
    public var intent: String?
    /// The highest tier reached and the rule that raised it.
    public var tier: String?
    public var rule: String?
    public var stressNow: Double
    public var peakStress: Double
    public var summary: [Line]
    public var timeline: [StressPoint]
    public var cues: [RaisedCue]
    public var tried: [AgentMove]
    public var promises: [AgentMove]
    public var history: CustomerHistory?
    /// Where the full packet can be fetched (for the compact form's readers).
    public var link: String?
    /// The language the customer was last heard speaking (a primary subtag), when it is not the declared `language`
    /// (whose primary subtag it would repeat): the one to route the call to a speaker of. Left out otherwise.
    public var spokenLanguage: String? = nil

    /// Builds the packet from a call's events and the engine's outputs for them.
    public static func build(events: [CallEvent], outputs: [EngineOutput], intent: String? = nil, link: String? = nil) -> HandoffPacket? {
        var started: CallStarted?
        var transcript = Transcript()
        for event in events {
            switch event {
            case .callStarted(let event): started = event
            case .turn(let turn): _ = transcript.apply(turn)
            default: break
            }
        }
        guard let started else { return nil }
        let signals = outputs.compactMap { if case .signal(let signal) = $0 { signal } else { nil } }
        let decisions = outputs.compactMap { if case .decision(let decision) = $0 { decision } else { nil } }
        let customerSignals = signals.filter { $0.speaker == .customer }
        let turns = transcript.turns
        let byUtterance = Dictionary(turns.map { ($0.utteranceID, $0) }, uniquingKeysWith: { _, last in last })

        let cues = customerSignals.flatMap { signal in
            signal.cues.filter { Self.escalationCues.contains($0.kind.rawValue) }
                .map { RaisedCue(at: signal.at, kind: $0.kind.rawValue, text: $0.text, conditional: $0.conditional) }
        }
        var tried: [AgentMove] = []
        var promises: [AgentMove] = []
        for turn in turns where turn.speaker == .agent {
            let text = " " + turn.text.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "'" } + " "
            for (move, phrases) in Self.moves where phrases.contains(where: { text.contains(" \($0) ") }) {
                tried.append(AgentMove(at: turn.at, move: move, text: turn.text))
            }
            if Self.promisePhrases.contains(where: { text.contains(" \($0) ") }) {
                promises.append(AgentMove(at: turn.at, move: "promise", text: turn.text))
            }
        }

        // The summary: the issue in the customer's first real words, every escalation cue, the peak, the last promise.
        var picked: [String: String] = [:]
        if let issue = turns.first(where: { $0.speaker == .customer && $0.text.split(separator: " ").count >= 6 }) {
            picked[issue.utteranceID] = "the issue"
        }
        for signal in customerSignals {
            if let cue = signal.cues.first(where: { Self.escalationCues.contains($0.kind.rawValue) }) {
                picked[signal.utteranceID] = picked[signal.utteranceID] ?? cue.kind.rawValue
            }
        }
        // A peak is worth a line when it reaches the stress the default policy coaches on.
        if let peak = customerSignals.max(by: { ($0.stress, -$0.at) < ($1.stress, -$1.at) }), peak.stress >= 0.45 {
            picked[peak.utteranceID] = picked[peak.utteranceID] ?? "peak stress"
        }
        if let promise = turns.last(where: { turn in turn.speaker == .agent && promises.contains { $0.at == turn.at } }) {
            picked[promise.utteranceID] = picked[promise.utteranceID] ?? "promise"
        }
        let summary = picked.compactMap { id, why in
            byUtterance[id].map { Line(at: $0.at, speaker: $0.speaker, utteranceID: id, text: Self.clip($0.text), why: why) }
        }
        .sorted { ($0.at, $0.utteranceID) < ($1.at, $1.utteranceID) }

        let top = decisions.max { ($0.tier, $0.at) < ($1.tier, $1.at) }
        return HandoffPacket(
            callID: started.callID, customerID: started.customerID, channel: started.channel.rawValue, queue: started.queue,
            language: started.language, industry: started.industry, fromAgent: started.agentID, intent: intent, tier: top?.tier.rawValue,
            rule: top?.rule, stressNow: customerSignals.last?.smoothedStress ?? 0, peakStress: customerSignals.map(\.stress).max() ?? 0,
            summary: summary,
            timeline: customerSignals.map {
                StressPoint(at: $0.at, stress: $0.stress, smoothed: $0.smoothedStress, emotion: Self.strongest($0.emotions))
            },
            cues: cues, tried: tried, promises: promises, history: started.history, link: link,
            spokenLanguage: customerSignals.last { $0.language != nil }?.language.flatMap { $0 == LanguageTag.primary(started.language) ? nil : $0 })
    }

    /// A one-line form that fits a SIP header (`X-Undertone-Handoff`) or a Twilio/AudioHook parameter: at most 255
    /// bytes of `key=value;` pairs, with the link to the whole packet.
    public var compact: String {
        var parts = ["v=1", "call=\(callID)", "customer=\(customerID)"]
        if let tier { parts.append("tier=\(tier)") }
        if let intent { parts.append("intent=\(intent)") }
        if let spokenLanguage { parts.append("lang=\(spokenLanguage)") }
        parts.append("stress=\(String(format: "%.2f", stressNow))")
        let kinds = Array(Set(cues.map(\.kind))).sorted()
        if !kinds.isEmpty { parts.append("cues=\(kinds.joined(separator: ","))") }
        if !promises.isEmpty { parts.append("promises=\(promises.count)") }
        var line = parts.joined(separator: ";")
        if let link, line.utf8.count + link.utf8.count + 6 <= 255 { line += ";link=\(link)" }
        while line.utf8.count > 255 { line = String(line.dropLast()) }
        return line
    }

    /// The packet as a receiving agent reads it.
    public var text: String {
        func clock(_ ms: Int) -> String { String(format: "%d:%02d", ms / 60_000, ms / 1_000 % 60) }
        var lines = ["Hand-off for call \(callID) — customer \(customerID), \(channel), queue \(queue), \(language)"]
        if let tier, let rule {
            lines.append(
                "Escalated to \(tier) by \(rule); stress now \(String(format: "%.2f", stressNow)), peak \(String(format: "%.2f", peakStress))")
        }
        if let intent { lines.append("About: \(intent)") }
        if let spokenLanguage {
            let unread = cues.contains { $0.kind == CueKind.unsupportedLanguage.rawValue }
            lines.append(
                "Speaks \(LanguageTag.describe(spokenLanguage)), not \(language)"
                    + (unread ? "; Undertone cannot read it: route to a speaker of it" : ""))
        }
        if let history {
            lines.append(
                "History: \(history.contacts30d) contacts in 30 days, \(history.escalations90d) escalations in 90, \(history.openFollowUps) open follow-ups"
            )
        }
        if !summary.isEmpty {
            lines.append("What happened:")
            lines += summary.map { "  \(clock($0.at)) \($0.speaker.rawValue) (\($0.why)): \"\($0.text)\"" }
        }
        var moves: [String] = []
        for move in tried.map(\.move) where !moves.contains(move) { moves.append(move) }
        if !moves.isEmpty { lines.append("Tried: " + moves.joined(separator: ", ")) }
        if !promises.isEmpty { lines.append("Promised: " + promises.map { "\"\($0.text)\"" }.joined(separator: "; ")) }
        return lines.joined(separator: "\n")
    }

    static let escalationCues: Set<String> = [
        "cancel_threat", "supervisor_request", "legal_threat", "repeat_contact", "abuse", "stated_anger", "unsupported_language",
    ]
    static let moves: [(String, [String])] = [
        // English, then Spanish and French (with and without accents, as typed and as a recogniser writes them).
        (
            "apology",
            [
                "sorry", "apologise", "apologize", "apologies", "lo siento", "disculpe", "perdone", "lamento", "désolé", "desole", "désolée",
                "desolee", "excusez",
            ]
        ),
        ("acknowledgement", ["i understand", "i hear you", "that must be", "i can see why", "entiendo", "comprendo", "je comprends"]),
        ("explanation", ["because", "the reason", "what happened is", "this is due", "porque", "el motivo", "parce que", "la raison"]),
        ("hold", ["hold", "one moment", "bear with me", "un momento", "espere", "un instant", "patientez", "ne quittez pas"]),
        (
            "compensation",
            [
                "refund", "credit", "waive", "compensation", "reembolso", "abono", "compensación", "compensacion", "remboursement",
                "geste commercial", "dédommagement", "dedommagement",
            ]
        ),
        ("supervisor offered", ["supervisor", "manager", "team leader", "supervisora", "jefe", "responsable", "superviseur"]),
        (
            "transfer",
            ["transfer", "put you through", "connect you", "le paso", "le transfiero", "je vous transfère", "je vous transfere", "je vous passe"]
        ),
    ]
    static let promisePhrases = [
        "i will", "i'll", "ill", "we will", "we'll", "i am going to", "i'm going to", "you will receive", "you'll receive", "you will get",
        "you'll get", "will call you back", "by tomorrow", "within",
    ]

    static func strongest(_ scores: EmotionScores) -> String {
        Emotion.allCases.max { (scores[$0], $1.rawValue) < (scores[$1], $0.rawValue) }?.rawValue ?? "neutral"
    }

    static func clip(_ text: String, limit: Int = 200) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }
}
