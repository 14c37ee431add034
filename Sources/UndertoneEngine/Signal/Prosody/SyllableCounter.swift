/// Counts syllable nuclei as they stream past: peaks of the smoothed loudness envelope that stand at least 2 dB above
/// the dips on either side and fall on voiced speech (after de Jong and Wempe's method, made causal).
struct SyllableCounter: Sendable {
    static let prominence: Float = 2

    private var history: (Float, Float, Float) = (-120, -120, -120)
    private var rising = true
    private var extreme: Float = -120
    private var extremeVoiced = false

    /// Takes one frame; true when it confirms a nucleus (the peak lies a few frames back).
    mutating func add(level: Float, voiced: Bool) -> Bool {
        history = (history.1, history.2, max(level, -120))
        let smoothed = (history.0 + history.1 + history.2) / 3
        if rising {
            if smoothed > extreme {
                extreme = smoothed
                extremeVoiced = voiced
            } else if smoothed < extreme - Self.prominence {
                let nucleus = extremeVoiced
                rising = false
                extreme = smoothed
                return nucleus
            }
        } else if smoothed < extreme {
            extreme = smoothed
        } else if smoothed > extreme + Self.prominence {
            rising = true
            extreme = smoothed
            extremeVoiced = voiced
        }
        return false
    }
}
