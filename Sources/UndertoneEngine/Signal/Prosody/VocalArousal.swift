import Foundation

/// Scores vocal arousal against a speaker's baseline: a logistic combination of the cues' z-scores.
///
/// z = (value − baseline level) / baseline spread for each `VoiceCue`, clipped to ±4; arousal = σ(bias + Σ weight·z).
/// The weights were tuned on RAVDESS (actors 01–12, angry against neutral and calm, each actor's neutral statements of
/// repetition 01 as the baseline) with `undertone prosody-eval --tune`, a logistic regression with an L2 penalty whose
/// weights are kept at zero or above (every cue may only raise arousal as it rises). No threshold is set on raw pitch or
/// loudness: only on differences from the speaker's own voice.
public enum VocalArousal {
    /// The tuned weights (log-odds per baseline spread) and bias. Reproduce: `undertone prosody-eval --tune`.
    public static let weights: [VoiceCue: Double] = [
        .loudness: 1.347, .pitch: 0.0, .pitchVariability: 0.52, .brightness: 0.376, .roughness: 1.357,
    ]
    public static let bias = -1.666

    /// Voiced seconds at which a stretch, and a baseline, are fully trusted.
    public static let fullStretchSeconds = 1.5
    public static let fullBaselineSeconds = 4.0
    static let zLimit = 4.0

    /// The z-scores of a stretch of windows (their cue values averaged, weighted by voiced seconds), or nil when the
    /// stretch or the baseline has no voiced speech.
    public static func zScores(_ windows: some Sequence<VoiceFeatures>, against baseline: VoiceBaseline) -> [VoiceCue: Double]? {
        var sums: [VoiceCue: (Double, Double)] = [:]
        for window in windows where window.voiced > 0 {
            for cue in VoiceCue.allCases {
                guard let value = cue.value(window) else { continue }
                let (sum, weight) = sums[cue] ?? (0, 0)
                sums[cue] = (sum + value * window.voiced, weight + window.voiced)
            }
        }
        var scores: [VoiceCue: Double] = [:]
        for cue in VoiceCue.allCases {
            guard let (sum, weight) = sums[cue], weight > 0, let norm = baseline.norm(cue) else { continue }
            scores[cue] = min(zLimit, max(-zLimit, (sum / weight - norm.level) / norm.spread))
        }
        return scores.isEmpty ? nil : scores
    }

    /// The reading for a stretch of windows, or nil when it or the baseline has no voiced speech.
    public static func read(_ windows: some Sequence<VoiceFeatures>, against baseline: VoiceBaseline) -> VoiceReading? {
        let stretch = Array(windows)
        guard let scores = zScores(stretch, against: baseline) else { return nil }
        let voiced = stretch.reduce(0) { $0 + $1.voiced }
        var logit = bias
        var drivers: [VoiceDriver] = []
        for cue in VoiceCue.allCases {
            guard let z = scores[cue] else { continue }
            let contribution = (weights[cue] ?? 0) * z
            logit += contribution
            drivers.append(VoiceDriver(cue: cue, z: VoiceFeatures.rounded(z), contribution: VoiceFeatures.rounded(contribution)))
        }
        drivers.sort { abs($0.contribution) > abs($1.contribution) }
        let confidence = min(1, voiced / fullStretchSeconds) * min(1, baseline.voicedSeconds / fullBaselineSeconds)
        return VoiceReading(
            arousal: VoiceFeatures.rounded(1 / (1 + exp(-logit)), places: 3), confidence: VoiceFeatures.rounded(confidence), drivers: drivers)
    }
}
