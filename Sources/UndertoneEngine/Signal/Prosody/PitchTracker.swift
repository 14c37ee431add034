/// One frame's pitch reading.
struct PitchEstimate: Sendable, Equatable {
    /// The fundamental frequency in Hz; meaningful only when `voiced`.
    var frequency: Double
    /// Normalised autocorrelation at the period, -1...1: how periodic the frame is (the harmonics-to-noise ratio's basis).
    var periodicity: Float
    var voiced: Bool

    static let unvoiced = PitchEstimate(frequency: 0, periodicity: 0, voiced: false)
}

/// Finds the fundamental frequency of one 32 ms frame, YIN-style, in two passes.
///
/// The coarse pass runs on the signal low-passed and halved to 4 kHz: the cumulative-mean-normalised difference
/// function d'(τ) over lags for 66–667 Hz, and the first dip below an absolute threshold (the shortest period that
/// repeats well, which avoids choosing a multiple of the period), else the deepest dip. An octave guard then compares
/// the choice with the median of the speaker's recent voiced frames: a pitch near double the median is replaced by the
/// lag twice as long when that repeats at least as well, one near half by the lag half as long when that repeats well
/// enough to be voiced. The fine pass refines the lag at 8 kHz on the plain difference function around the coarse
/// choice, with parabolic interpolation between lags, so the period comes to a fraction of a sample.
struct PitchTracker: Sendable {
    /// Coarse lags at 4 kHz: 6 (667 Hz) to 61 (66 Hz, above mains hum).
    static let minimumLag = 6
    static let maximumLag = 61
    /// Integration windows: 32 ms at either rate.
    static let coarseWindow = 128
    static let fineWindow = 256
    /// Samples the coarse pass reads from the frame's start at 4 kHz, and the fine pass at 8 kHz.
    static let coarseSpan = coarseWindow + maximumLag + 2
    static let fineSpan = fineWindow + 2 * maximumLag + 6
    /// YIN's absolute threshold on d'.
    static let dipThreshold: Float = 0.2
    /// Above this d' (at the chosen lag) a frame is unvoiced.
    static let voicingLimit: Float = 0.35
    /// Below this periodicity (at 8 kHz) a frame is unvoiced.
    static let minimumPeriodicity: Float = 0.5

    private var difference = ContiguousArray<Float>(repeating: 0, count: maximumLag + 2)
    private var normalized = ContiguousArray<Float>(repeating: 1, count: maximumLag + 2)
    private var fineDifference = ContiguousArray<Float>(repeating: 0, count: 8)
    /// The last voiced frames' pitches, for the octave guard.
    private var recent = ContiguousArray<Double>(repeating: 0, count: 31)
    private var recentCount = 0
    private var recentNext = 0
    private var sinceMedian = 0
    private var reference: Double?

    /// `coarse` points at the frame's first sample at 4 kHz (`coarseSpan` readable), `fine` at 8 kHz (`fineSpan` readable).
    mutating func estimate(coarse: UnsafePointer<Float>, fine: UnsafePointer<Float>) -> PitchEstimate {
        let window = Self.coarseWindow
        let energy = VectorMath.energy(coarse, count: window)
        guard energy > 1e-9 else { return .unvoiced }
        var shifted = energy
        var running: Float = 0
        difference[0] = 0
        normalized[0] = 1
        for lag in 1...Self.maximumLag {
            let leaving = coarse[lag - 1]
            let entering = coarse[lag + window - 1]
            shifted += entering * entering - leaving * leaving
            let value = max(0, energy + shifted - 2 * VectorMath.dot(coarse, coarse + lag, count: window))
            difference[lag] = value
            running += value
            normalized[lag] = running > 0 ? value * Float(lag) / running : 1
        }
        var lag = firstDip()
        // Octave guard against the speaker's recent median.
        if let reference {
            let frequency = 4000 / Double(lag)
            if frequency > 1.75 * reference, let longer = deepest(around: 2 * lag, spread: 2), normalized[longer] <= normalized[lag] {
                lag = longer
            } else if frequency < 0.57 * reference, lag / 2 >= Self.minimumLag, let shorter = deepest(around: lag / 2, spread: 1),
                normalized[shorter] < Self.voicingLimit
            {
                lag = shorter
            }
        }
        let depth = interpolatedMinimum(at: lag)
        guard depth < Self.voicingLimit else { return .unvoiced }
        guard let (period, periodicity) = refine(fine, around: 2 * lag), periodicity >= Self.minimumPeriodicity else { return .unvoiced }
        let frequency = 8000 / period
        remember(frequency)
        return PitchEstimate(frequency: frequency, periodicity: periodicity, voiced: true)
    }

    /// The first local minimum of d' below the threshold, else the deepest in range.
    private func firstDip() -> Int {
        var lag = Self.minimumLag
        while lag <= Self.maximumLag {
            if normalized[lag] < Self.dipThreshold {
                while lag + 1 <= Self.maximumLag && normalized[lag + 1] < normalized[lag] { lag += 1 }
                return lag
            }
            lag += 1
        }
        var best = Self.minimumLag
        for candidate in Self.minimumLag...Self.maximumLag where normalized[candidate] < normalized[best] { best = candidate }
        return best
    }

    private func deepest(around center: Int, spread: Int) -> Int? {
        let low = max(Self.minimumLag, center - spread)
        let high = min(Self.maximumLag, center + spread)
        guard low <= high else { return nil }
        var best = low
        for candidate in low...high where normalized[candidate] < normalized[best] { best = candidate }
        return best
    }

    /// d' at its parabolic minimum around a lag.
    private func interpolatedMinimum(at lag: Int) -> Float {
        let middle = normalized[lag]
        guard lag > 1 && lag < Self.maximumLag else { return middle }
        let before = normalized[lag - 1]
        let after = normalized[lag + 1]
        let curvature = before - 2 * middle + after
        guard curvature > 0 else { return middle }
        let offset = 0.5 * (before - after) / curvature
        return max(0, middle - 0.25 * (before - after) * offset)
    }

    /// The period at 8 kHz near a lag, to a fraction of a sample, and the normalised autocorrelation there.
    private mutating func refine(_ fine: UnsafePointer<Float>, around center: Int) -> (Double, Float)? {
        let window = Self.fineWindow
        let low = max(2 * Self.minimumLag - 1, center - 3)
        let high = min(2 * Self.maximumLag + 2, center + 3)
        let energy = VectorMath.energy(fine, count: window)
        var shifted = VectorMath.energy(fine + low, count: window)
        var best = low
        var bestPeriodicity: Float = 0
        for lag in low...high {
            if lag > low {
                let leaving = fine[lag - 1]
                let entering = fine[lag + window - 1]
                shifted += entering * entering - leaving * leaving
            }
            let correlation = VectorMath.dot(fine, fine + lag, count: window)
            let value = max(0, energy + shifted - 2 * correlation)
            fineDifference[lag - low] = value
            if lag == low || value < fineDifference[best - low] {
                best = lag
                let total = energy + max(shifted, 0)
                bestPeriodicity = total > 0 ? 2 * correlation / total : 0
            }
        }
        var period = Double(best)
        if best > low && best < high {
            let before = fineDifference[best - low - 1]
            let middle = fineDifference[best - low]
            let after = fineDifference[best - low + 1]
            let curvature = before - 2 * middle + after
            if curvature > 0 { period += Double(0.5 * (before - after) / curvature) }
        }
        guard period > 0 else { return nil }
        return (period, bestPeriodicity)
    }

    private mutating func remember(_ frequency: Double) {
        recent[recentNext] = frequency
        recentNext = (recentNext + 1) % recent.count
        recentCount = min(recentCount + 1, recent.count)
        sinceMedian += 1
        guard recentCount >= 9, sinceMedian >= 8 || reference == nil else { return }
        sinceMedian = 0
        var values = Array(recent.prefix(recentCount))
        values.sort()
        reference = values[values.count / 2]
    }
}
