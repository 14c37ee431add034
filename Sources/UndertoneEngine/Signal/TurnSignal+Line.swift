extension TurnSignal {
    /// The signal's output line, `"type":"signal"` included, byte for byte as ``SortedJSON`` writes
    /// `EngineOutput.signal(self)`, written directly (a signal is written for every final turn); nil when a number is not
    /// finite, which the general encoder refuses with its reason.
    var line: String? {
        guard numbersAreFinite else { return nil }
        var out = JSONLineWriter(capacity: 640 + 96 * (cues.count + explanations.count))
        out.openObject()
        out.member("at", at)
        out.member("callID", callID)
        out.key("cues")
        out.openArray()
        for cue in cues {
            out.element()
            out.openObject()
            out.key("conditional")
            out.bool(cue.conditional)
            if let count = cue.count { out.member("count", count) }
            out.member("kind", cue.kind.rawValue)
            out.member("text", cue.text)
            out.closeObject()
        }
        out.closeArray()
        out.key("emotions")
        out.openObject()
        out.member("anxiety", emotions.anxiety)
        out.member("confusion", emotions.confusion)
        out.member("frustration", emotions.frustration)
        out.member("neutral", emotions.neutral)
        out.member("sadness", emotions.sadness)
        out.member("satisfaction", emotions.satisfaction)
        out.closeObject()
        out.key("explanations")
        out.openArray()
        for explanation in explanations {
            out.element()
            out.openObject()
            out.member("output", explanation.output)
            out.member("text", explanation.text)
            out.member("weight", explanation.weight)
            out.closeObject()
        }
        out.closeArray()
        if let intent {
            out.key("intent")
            out.openObject()
            out.member("confidence", intent.confidence)
            out.member("label", intent.label)
            out.closeObject()
        }
        if let language { out.member("language", language) }
        out.key("polarity")
        out.openObject()
        out.member("negative", polarity.negative)
        out.member("neutral", polarity.neutral)
        out.member("positive", polarity.positive)
        out.closeObject()
        out.member("smoothedStress", smoothedStress)
        out.member("speaker", speaker.rawValue)
        out.member("stress", stress)
        out.member("trend", trend)
        out.member("type", "signal")
        out.member("utteranceID", utteranceID)
        out.closeObject()
        return out.line
    }

    private var numbersAreFinite: Bool {
        let scores = [
            emotions.anxiety, emotions.confusion, emotions.frustration, emotions.neutral, emotions.sadness, emotions.satisfaction,
            polarity.negative, polarity.neutral, polarity.positive, smoothedStress, stress, trend, intent?.confidence ?? 0,
        ]
        return scores.allSatisfy(\.isFinite) && explanations.allSatisfy(\.weight.isFinite)
    }
}

extension EngineOutput {
    /// The output's JSON line, as ``SortedJSON`` writes it (`"type"` included); a signal, the most common output, and
    /// guidance, the next, are written directly. Throws for a number JSON cannot hold.
    public func line() throws -> String {
        switch self {
        case .signal(let signal): if let line = signal.line { return line }
        case .guidance(let guidance): if let line = guidance.line { return line }
        case .decision, .voice: break
        }
        return try SortedJSON.string(self)
    }
}

extension Guidance {
    /// The guidance's output line, `"type":"guidance"` included, byte for byte as ``SortedJSON`` writes
    /// `EngineOutput.guidance(self)`, written directly (guidance goes with many customer turns); nil when an article's score
    /// is not finite, which the general encoder refuses with its reason.
    var line: String? {
        guard articles.allSatisfy(\.score.isFinite) else { return nil }
        var out = JSONLineWriter(capacity: 160 + callID.utf8.count + 160 * hints.count + 320 * articles.count)
        out.openObject()
        out.key("articles")
        out.openArray()
        for article in articles {
            out.element()
            out.openObject()
            out.member("id", article.id)
            out.member("score", article.score)
            out.member("snippet", article.snippet)
            out.member("title", article.title)
            out.closeObject()
        }
        out.closeArray()
        out.member("at", at)
        out.member("call", callID)
        out.key("hints")
        out.openArray()
        for hint in hints {
            out.element()
            out.openObject()
            out.member("because", hint.because)
            out.member("id", hint.id)
            out.member("text", hint.text)
            out.closeObject()
        }
        out.closeArray()
        out.key("intent")
        if let intent { out.string(intent) } else { out.null() }
        out.key("tier")
        if let tier { out.string(tier.rawValue) } else { out.null() }
        out.member("type", "guidance")
        out.closeObject()
        return out.line
    }
}
