extension TurnSignal {
    /// The signal's output line, `"type":"signal"` included, byte for byte as ``SortedJSON`` writes
    /// `EngineOutput.signal(self)`, written directly (a signal is written for every final turn); nil when a number is not
    /// finite, which the general encoder refuses with its reason.
    var line: String? {
        guard numbersAreFinite else { return nil }
        var out = JSONLineWriter(capacity: 640 + 96 * (cues.count + explanations.count))
        out.openObject()
        out.key("at")
        out.int(at)
        out.key("callID")
        out.string(callID)
        out.key("cues")
        out.openArray()
        for cue in cues {
            out.element()
            out.openObject()
            out.key("conditional")
            out.bool(cue.conditional)
            if let count = cue.count {
                out.key("count")
                out.int(count)
            }
            out.key("kind")
            out.string(cue.kind.rawValue)
            out.key("text")
            out.string(cue.text)
            out.closeObject()
        }
        out.closeArray()
        out.key("emotions")
        out.openObject()
        out.key("anxiety")
        out.number(emotions.anxiety)
        out.key("confusion")
        out.number(emotions.confusion)
        out.key("frustration")
        out.number(emotions.frustration)
        out.key("neutral")
        out.number(emotions.neutral)
        out.key("sadness")
        out.number(emotions.sadness)
        out.key("satisfaction")
        out.number(emotions.satisfaction)
        out.closeObject()
        out.key("explanations")
        out.openArray()
        for explanation in explanations {
            out.element()
            out.openObject()
            out.key("output")
            out.string(explanation.output)
            out.key("text")
            out.string(explanation.text)
            out.key("weight")
            out.number(explanation.weight)
            out.closeObject()
        }
        out.closeArray()
        if let intent {
            out.key("intent")
            out.openObject()
            out.key("confidence")
            out.number(intent.confidence)
            out.key("label")
            out.string(intent.label)
            out.closeObject()
        }
        if let language {
            out.key("language")
            out.string(language)
        }
        out.key("polarity")
        out.openObject()
        out.key("negative")
        out.number(polarity.negative)
        out.key("neutral")
        out.number(polarity.neutral)
        out.key("positive")
        out.number(polarity.positive)
        out.closeObject()
        out.key("smoothedStress")
        out.number(smoothedStress)
        out.key("speaker")
        out.string(speaker.rawValue)
        out.key("stress")
        out.number(stress)
        out.key("trend")
        out.number(trend)
        out.key("type")
        out.string("signal")
        out.key("utteranceID")
        out.string(utteranceID)
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
    /// The output's JSON line, as ``SortedJSON`` writes it (`"type"` included); a signal, the most common output, is
    /// written directly. Throws for a number JSON cannot hold.
    public func line() throws -> String {
        if case .signal(let signal) = self, let line = signal.line { return line }
        return try SortedJSON.string(self)
    }
}
