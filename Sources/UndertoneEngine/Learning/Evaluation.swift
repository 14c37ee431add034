/// One labelled text: the emotions it carries (empty = none of the taxonomy) and its polarity when it has one.
public struct LabelledText: Sendable, Equatable {
    public var id: String
    public var text: String
    public var emotions: Set<Emotion>
    public var polarity: Polarity?

    public init(id: String, text: String, emotions: Set<Emotion>, polarity: Polarity?) {
        self.id = id
        self.text = text
        self.emotions = emotions
        self.polarity = polarity
    }
}

/// Detection quality of the text model on a labelled set.
public struct EvaluationReport: Sendable, Codable, Equatable {
    public struct EmotionQuality: Sendable, Codable, Equatable {
        public var emotion: Emotion
        public var support: Int
        public var threshold: Double
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var averagePrecision: Double
        public var calibrationError: Double
    }

    /// Rows scored for emotions: those carrying at least one label of the taxonomy.
    public var emotionRows: Int
    /// Rows scored for polarity: those with a polarity.
    public var polarityRows: Int
    public var emotions: [EmotionQuality]
    public var macroF1: Double
    public var macroAveragePrecision: Double
    /// Mean over emotions of the expected calibration error (10 equal-width bins).
    public var calibrationError: Double
    public var polarityAccuracy: Double
    public var polarityMacroRecall: Double
    /// Expected calibration error of the top polarity's probability.
    public var polarityCalibrationError: Double
}

/// Computes detection-quality figures; pure and deterministic.
public enum Evaluation {
    /// Scores the engine's reading of each text (the model with the cues in the same words, ``TurnReading``), or the
    /// model's alone with `modelOnly`. `cues` are the phrase book of the model's language (English by default).
    public static func evaluate(_ rows: [LabelledText], model: TextModel, cues detector: CueDetector = CueDetector(), modelOnly: Bool = false)
        -> EvaluationReport
    {
        let signals = rows.map { row in
            modelOnly ? model.analyze(row.text, explain: false) : TurnReading(row.text, model: model, cues: detector, explain: false).signal
        }
        return report(rows: rows, signals: signals, thresholds: model.thresholds)
    }

    public static func report(rows: [LabelledText], signals: [TextSignal], thresholds: EmotionScores) -> EvaluationReport {
        let scored = rows.indices.filter { !rows[$0].emotions.isEmpty }
        var qualities: [EvaluationReport.EmotionQuality] = []
        for emotion in Emotion.allCases {
            let scores = scored.map { signals[$0].emotions[emotion] }
            let truth = scored.map { rows[$0].emotions.contains(emotion) }
            let threshold = thresholds[emotion]
            var tp = 0, fp = 0, fn = 0
            for (score, isTrue) in zip(scores, truth) {
                let predicted = score >= threshold
                if predicted && isTrue { tp += 1 } else if predicted { fp += 1 } else if isTrue { fn += 1 }
            }
            let precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
            let recall = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            qualities.append(
                .init(
                    emotion: emotion, support: tp + fn, threshold: threshold, precision: precision, recall: recall, f1: f1,
                    averagePrecision: averagePrecision(scores: scores, truth: truth), calibrationError: calibrationError(scores: scores, truth: truth)
                ))
        }
        let polar = rows.indices.filter { rows[$0].polarity != nil }
        var correct = 0
        var recallParts: [Double] = []
        for polarity in Polarity.allCases {
            let members = polar.filter { rows[$0].polarity == polarity }
            let hits = members.filter { signals[$0].polarity.label == polarity }.count
            correct += hits
            if !members.isEmpty { recallParts.append(Double(hits) / Double(members.count)) }
        }
        let topScores = polar.map { signals[$0].polarity[signals[$0].polarity.label] }
        let topTruth = polar.map { signals[$0].polarity.label == rows[$0].polarity }
        return EvaluationReport(
            emotionRows: scored.count,
            polarityRows: polar.count,
            emotions: qualities,
            macroF1: mean(qualities.map(\.f1)),
            macroAveragePrecision: mean(qualities.map(\.averagePrecision)),
            calibrationError: mean(qualities.map(\.calibrationError)),
            polarityAccuracy: polar.isEmpty ? 0 : Double(correct) / Double(polar.count),
            polarityMacroRecall: mean(recallParts),
            polarityCalibrationError: calibrationError(scores: topScores, truth: topTruth)
        )
    }

    /// Average precision (area under the precision-recall curve as a step function, scikit-learn's definition):
    /// the mean of precision at each true positive's rank, ties in score taken together.
    public static func averagePrecision(scores: [Double], truth: [Bool]) -> Double {
        let positives = truth.filter { $0 }.count
        guard positives > 0 else { return 0 }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var tp = 0, seen = 0, sum = 0.0, previousRecall = 0.0
        var index = 0
        while index < order.count {
            let score = scores[order[index]]
            while index < order.count && scores[order[index]] == score {
                if truth[order[index]] { tp += 1 }
                seen += 1
                index += 1
            }
            let recall = Double(tp) / Double(positives)
            sum += (recall - previousRecall) * Double(tp) / Double(seen)
            previousRecall = recall
        }
        return sum
    }

    /// Expected calibration error: |mean probability - observed frequency| per bin, weighted by the bin's share.
    public static func calibrationError(scores: [Double], truth: [Bool], bins: Int = 10) -> Double {
        guard !scores.isEmpty else { return 0 }
        var count = [Int](repeating: 0, count: bins)
        var confidence = [Double](repeating: 0, count: bins)
        var hits = [Double](repeating: 0, count: bins)
        for (score, isTrue) in zip(scores, truth) {
            let bin = min(bins - 1, max(0, Int(score * Double(bins))))
            count[bin] += 1
            confidence[bin] += score
            hits[bin] += isTrue ? 1 : 0
        }
        var error = 0.0
        for bin in 0..<bins where count[bin] > 0 {
            error += abs(confidence[bin] - hits[bin]) / Double(scores.count)
        }
        return error
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
