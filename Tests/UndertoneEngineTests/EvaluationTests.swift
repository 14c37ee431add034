import Testing

@testable import UndertoneEngine

@Suite("Evaluation")
struct EvaluationTests {
    @Test("average precision matches the step-wise definition")
    func averagePrecision() {
        // Ranks: T F T F → precision 1 at recall 0.5, 2/3 at recall 1.
        let ap = Evaluation.averagePrecision(scores: [0.9, 0.8, 0.7, 0.6], truth: [true, false, true, false])
        #expect(abs(ap - (0.5 * 1 + 0.5 * 2.0 / 3.0)) < 1e-12)
        // Tied scores count together: one group holding both items gives precision 1/2 at recall 1.
        #expect(abs(Evaluation.averagePrecision(scores: [0.5, 0.5], truth: [true, false]) - 0.5) < 1e-12)
        #expect(Evaluation.averagePrecision(scores: [0.1], truth: [false]) == 0)
    }

    @Test("calibration error is zero when confidence matches frequency and grows when it does not")
    func calibrationError() {
        let calibrated = Evaluation.calibrationError(scores: [0.25, 0.25, 0.25, 0.25], truth: [true, false, false, false])
        #expect(abs(calibrated) < 1e-12)
        let overconfident = Evaluation.calibrationError(scores: [0.95, 0.95], truth: [false, false])
        #expect(abs(overconfident - 0.95) < 1e-12)
    }

    @Test("a report scores only rows of the taxonomy for emotions and only polar rows for polarity")
    func reportCounts() {
        let rows = [
            LabelledText(id: "1", text: "a", emotions: [.frustration], polarity: .negative),
            LabelledText(id: "2", text: "b", emotions: [.satisfaction], polarity: .positive),
            LabelledText(id: "3", text: "c", emotions: [], polarity: nil),
        ]
        let signals = [
            TextSignal(
                emotions: .init(frustration: 0.9), polarity: .init(negative: 0.8, neutral: 0.1, positive: 0.1), detected: [], explanations: []),
            TextSignal(
                emotions: .init(satisfaction: 0.8), polarity: .init(negative: 0.6, neutral: 0.1, positive: 0.3), detected: [], explanations: []),
            TextSignal(emotions: .init(), polarity: .init(negative: 0.1, neutral: 0.8, positive: 0.1), detected: [], explanations: []),
        ]
        let report = Evaluation.report(
            rows: rows, signals: signals,
            thresholds: .init(frustration: 0.5, confusion: 0.5, anxiety: 0.5, sadness: 0.5, satisfaction: 0.5, neutral: 0.5))
        #expect(report.emotionRows == 2)
        #expect(report.polarityRows == 2)
        #expect(report.polarityAccuracy == 0.5)
        #expect(report.polarityMacroRecall == 0.5)
        let frustration = report.emotions.first { $0.emotion == .frustration }!
        #expect(frustration.precision == 1 && frustration.recall == 1 && frustration.averagePrecision == 1)
    }

    @Test("GoEmotions rows map onto the taxonomy and polarity")
    func goEmotions() throws {
        let names = "anger\nconfusion\nsurprise\nneutral\njoy\n"
        let split = "so angry\t0\tid1\nwhat?\t1,2\tid2\nwow\t2\tid3\nok\t3\tid4\nyay but angry\t0,4\tid5\n"
        let groups = "so angry\t1\tid1\nwhat?\t0\tid2\nwow\t0\tid3\nok\t2\tid4\nyay but angry\t1,3\tid5\n"
        let rows = try LabelledSets.goEmotions(emotionNames: names, split: split, groups: groups)
        #expect(rows.map(\.emotions) == [[.frustration], [.confusion], [], [.neutral], [.frustration, .satisfaction]])
        #expect(rows.map(\.polarity) == [.negative, nil, nil, .neutral, nil])
        #expect(rows[0].id == "id1")
        #expect(throws: LabelledSetError.malformed(line: 1, "unknown label id 9")) {
            try LabelledSets.goEmotions(emotionNames: names, split: "x\t9\ti\n", groups: "x\t1\ti\n")
        }
    }

    @Test("labelled JSON lines name the line of a bad row")
    func jsonLines() throws {
        let good =
            #"{"id": "a", "text": "so bad", "emotions": ["frustration"], "polarity": "negative"}"# + "\n\n"
            + #"{"id": 7, "text": "fine", "emotions": []}"#
        let rows = try LabelledSets.jsonLines(good)
        #expect(rows.count == 2)
        #expect(rows[1].id == "7" && rows[1].polarity == nil)
        #expect(throws: LabelledSetError.malformed(line: 2, "unknown emotion \"rage\"")) {
            try LabelledSets.jsonLines(#"{"text": "x"}"# + "\n" + #"{"text": "y", "emotions": ["rage"]}"#)
        }
        #expect(throws: LabelledSetError.malformed(line: 1, "not a JSON object")) { try LabelledSets.jsonLines("nope") }
    }
}
