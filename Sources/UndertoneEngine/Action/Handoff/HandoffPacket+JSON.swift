extension HandoffPacket {
    /// The packet's JSON, byte for byte as ``SortedJSON`` writes it. Throws, as the general encoder does, for a number
    /// JSON cannot hold.
    public func jsonText() throws -> String {
        try directJSON ?? SortedJSON.string(self)
    }

    /// The packet's JSON written directly: a long call's packet holds a line and a point for every customer turn, tens
    /// of kilobytes that the general encoder built a tree for (its history, small and rare, still goes through it). Nil
    /// when a number is not finite, which is left to the general encoder and its reason.
    var directJSON: String? {
        guard numbersAreFinite else { return nil }
        var history: String?
        if let known = self.history {
            guard let json = try? SortedJSON.string(known) else { return nil }
            history = json
        }
        let texts = summary.reduce(0) { $0 + $1.text.utf8.count } + cues.reduce(0) { $0 + $1.text.utf8.count }
        let items = summary.count + cues.count + tried.count + promises.count
        var out = JSONLineWriter(capacity: 512 + texts + 96 * items + 80 * timeline.count)
        out.openObject()
        out.member("callID", callID)
        out.member("channel", channel)
        out.key("cues")
        out.openArray()
        for cue in cues {
            out.element()
            out.openObject()
            out.member("at", cue.at)
            out.key("conditional")
            out.bool(cue.conditional)
            out.member("kind", cue.kind)
            out.member("text", cue.text)
            out.closeObject()
        }
        out.closeArray()
        out.member("customerID", customerID)
        if let fromAgent { out.member("fromAgent", fromAgent) }
        if let history {
            out.key("history")
            out.raw(history)
        }
        if let industry { out.member("industry", industry) }
        if let intent { out.member("intent", intent) }
        out.member("language", language)
        if let link { out.member("link", link) }
        out.member("peakStress", peakStress)
        Self.write(promises, as: "promises", into: &out)
        out.member("queue", queue)
        if let rule { out.member("rule", rule) }
        if let spokenLanguage { out.member("spokenLanguage", spokenLanguage) }
        out.member("stressNow", stressNow)
        out.key("summary")
        out.openArray()
        for line in summary {
            out.element()
            out.openObject()
            out.member("at", line.at)
            out.member("speaker", line.speaker.rawValue)
            out.member("text", line.text)
            out.member("utteranceID", line.utteranceID)
            out.member("why", line.why)
            out.closeObject()
        }
        out.closeArray()
        if let tier { out.member("tier", tier) }
        out.key("timeline")
        out.openArray()
        for point in timeline {
            out.element()
            out.openObject()
            out.member("at", point.at)
            out.member("emotion", point.emotion)
            out.member("smoothed", point.smoothed)
            out.member("stress", point.stress)
            out.closeObject()
        }
        out.closeArray()
        Self.write(tried, as: "tried", into: &out)
        out.closeObject()
        return out.line
    }

    private static func write(_ moves: [AgentMove], as name: StaticString, into out: inout JSONLineWriter) {
        out.key(name)
        out.openArray()
        for move in moves {
            out.element()
            out.openObject()
            out.member("at", move.at)
            out.member("move", move.move)
            out.member("text", move.text)
            out.closeObject()
        }
        out.closeArray()
    }

    private var numbersAreFinite: Bool {
        stressNow.isFinite && peakStress.isFinite && timeline.allSatisfy { $0.stress.isFinite && $0.smoothed.isFinite }
    }
}
