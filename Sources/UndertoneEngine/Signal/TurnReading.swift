import Foundation

/// One text as the signal stage hears it: the text model's reading, the explicit cues in the same words, and the
/// model's emotions moved where a cue says plainly what the model missed.
///
/// A linear model trained mostly on other people's words reads "with all due respect, I'm at the end of my tether" as
/// polite and "oh great, another hour on hold" as pleased; the cue detector hears the anger and the sarcasm. Where a cue
/// sets a least frustration (``Stress/angerFloor(_:)``: abuse 0.9, anger the customer names 0.6, sarcasm 0.5) above the
/// model's, frustration is raised to it, satisfaction and the positive polarity give way to it, and an
/// explanation names the cue, so the reading stays explained.
public struct TurnReading: Sendable, Equatable {
    public var signal: TextSignal
    public var cues: [Cue]

    /// Reads `text`. With `turn`, a long turn is also read in parts (``TextModel/analyzeTurn(_:)``); `soured` says the
    /// conversation is already sour (bad news just given, the customer already upset), in which praise is sarcasm.
    public init(_ text: String, model: TextModel, cues detector: CueDetector, turn: Bool = false, explain: Bool = true, soured: Bool = false) {
        var signal = turn ? model.analyzeTurn(text) : model.analyze(text, explain: explain)
        var cues = detector.detect(text)
        if cues.contains(where: { $0.kind == .sarcasm }) {
            // Praise is sarcasm only in a sour context: after bad news, while the customer is upset, beside anger or a
            // complaint in the same words.
            let sour =
                soured || Stress.of(signal.emotions, cues: cues.filter { $0.kind != .sarcasm }) >= 0.3
                || cues.contains { Self.sourKinds.contains($0.kind) } || detector.mentionsFailure(text)
            cues.removeAll { sour ? ($0.kind == .gratitude || $0.kind == .resolution) : $0.kind == .sarcasm }
        }
        if Self.isBareAnswer(text) { Self.neutralise(&signal, thresholds: model.thresholds) }
        Self.apply(cues, to: &signal, thresholds: model.thresholds)
        self.signal = signal
        self.cues = cues
    }

    /// Cues that make praise beside them sarcastic.
    static let sourKinds: Set<CueKind> = [
        .repeatContact, .rejection, .correction, .givingUp, .unanswered, .statedAnger, .profanity, .abuse, .cancellationThreat,
    ]

    /// Words of a service failing, which make praise beside them sarcastic ("oh great, another hour on hold"); each
    /// language's cue phrases have their own (``CueLanguage``), these are English's.
    static let complaintWords = PhraseSet([
        "on hold", "another hour", "another day", "another week", "another month", "another delay", "another excuse", "again",
        "still", "delayed", "delay", "late", "cancelled", "canceled", "lost", "broken", "broke", "waiting", "nobody", "no one",
        "never", "nothing", "wrong", "charged", "overcharged", "missed", "down", "outage", "hours", "weeks", "excuse", "excuses",
        "not working", "doesnt work", "didnt work", "stopped working", "no signal", "no refund", "no reply", "no answer", "blocked",
        "declined", "refused", "failed", "faulty", "damaged", "overdue", "cut off",
    ])

    /// Words that answer a question and say nothing of how the speaker feels.
    static let answerWords: Set<Substring> = [
        "no", "nope", "nah", "yes", "yeah", "yep", "yup", "ok", "okay", "sure", "right", "alright", "not", "yet", "really",
        "i", "havent", "have", "dont", "do", "didnt", "did", "am", "im", "it", "is", "isnt", "was", "wasnt", "one", "that", "this",
    ]

    /// A turn of at most four words that only answers ("No.", "no I have not", "yes", "not yet"): the model, trained on
    /// Reddit where a bare "No." is mostly annoyance, reads anger into a plain answer. The feeling of such a turn is in the
    /// voice, not the words.
    static func isBareAnswer(_ text: String) -> Bool {
        let form = speechTranscriptForm(text)
        // Most turns are longer: told by their spaces, without splitting them into words.
        if hasFiveWordsOrMore(form) { return false }
        let words = form.split(separator: " ")
        return !words.isEmpty && words.count <= 4 && words.allSatisfy(answerWords.contains)
    }

    /// Whether an ASCII speech form (one space between words, none at either end) has five words or more; false for any
    /// other form, left to the split.
    private static func hasFiveWordsOrMore(_ form: String) -> Bool {
        var spaces = 0
        for byte in form.utf8 {
            if byte >= 0x80 { return false }
            if byte == UInt8(ascii: " ") { spaces += 1 }
        }
        return spaces >= 4
    }

    /// The reading of a bare answer: neutral.
    static func neutralise(_ signal: inout TextSignal, thresholds: EmotionScores) {
        for emotion in Emotion.allCases where emotion != .neutral { signal.emotions[emotion] = min(signal.emotions[emotion], 0.1) }
        signal.emotions.neutral = max(signal.emotions.neutral, 0.8)
        signal.polarity = PolarityScores(negative: 0.1, neutral: 0.8, positive: 0.1)
        signal.detected = Emotion.allCases.filter { signal.emotions[$0] >= thresholds[$0] }
        signal.explanations = []
    }

    /// Raises frustration to the cues' least, with what that implies for satisfaction and polarity. Swearing alone does
    /// not: it says how strongly something is felt, not which way ("this is fucking brilliant"), and the call's stress
    /// takes its floor anyway (``Stress/of(_:cues:)``).
    static func apply(_ cues: [Cue], to signal: inout TextSignal, thresholds: EmotionScores) {
        let floor = Stress.angerFloor(cues.filter { $0.kind != .profanity })
        guard floor > signal.emotions.frustration else { return }
        let raisedBy = logit(floor) - logit(signal.emotions.frustration)
        signal.emotions.frustration = floor
        signal.emotions.satisfaction = min(signal.emotions.satisfaction, (1 - floor) / 2)
        signal.emotions.neutral = min(signal.emotions.neutral, 1 - floor)
        if signal.polarity.negative < floor {
            let rest = signal.polarity.neutral + signal.polarity.positive
            let scale = rest > 0 ? (1 - floor) / rest : 0
            signal.polarity = PolarityScores(negative: floor, neutral: signal.polarity.neutral * scale, positive: signal.polarity.positive * scale)
        }
        signal.detected = Emotion.allCases.filter { signal.emotions[$0] >= thresholds[$0] }
        guard let strongest = cues.filter({ $0.kind != .profanity }).max(by: { Stress.angerFloor([$0]) < Stress.angerFloor([$1]) }) else {
            return
        }
        signal.explanations.insert(
            Explanation(output: Emotion.frustration.rawValue, text: strongest.text, weight: (raisedBy * 1000).rounded() / 1000), at: 0)
    }

    private static func logit(_ p: Double) -> Double {
        let clamped = min(max(p, 1e-6), 1 - 1e-6)
        return log(clamped / (1 - clamped))
    }
}
