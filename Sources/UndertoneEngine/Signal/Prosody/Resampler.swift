/// Converts a stream of samples from one rate to another: a polyphase windowed-sinc low-pass (Blackman taper) that
/// keeps the telephone band and removes what would alias, fed chunk by chunk.
///
/// Output sample n sits at input position n·down/up; its value is the filtered input around that position. The filter
/// cuts off at 43.75% of the lower rate (3.5 kHz when going to 8 kHz) with 16 zero crossings each side, and each phase
/// is normalised to unit gain at 0 Hz.
public struct Resampler: Sendable {
    public let inputRate: Int
    public let outputRate: Int
    /// Output samples per `down` input samples: the rates' ratio in lowest terms.
    let up: Int
    let down: Int
    /// Taps each side of an output's position, in input samples.
    let halfTaps: Int
    /// `up` phases of `2·halfTaps` taps each, phase-major.
    let taps: ContiguousArray<Float>
    /// Input not yet consumed; `pending[0]` is input sample `pendingStart` (negative indices are the zeros before the start).
    private var pending: ContiguousArray<Float>
    private var pendingStart: Int
    /// Input samples received so far.
    private var received = 0
    /// The next output sample to produce.
    private var next = 0

    /// A resampler between two positive rates.
    public init(from inputRate: Int, to outputRate: Int) {
        precondition(inputRate > 0 && outputRate > 0, "sample rates must be positive")
        self.inputRate = inputRate
        self.outputRate = outputRate
        let divisor = Self.gcd(inputRate, outputRate)
        up = outputRate / divisor
        down = inputRate / divisor
        let cutoff = 0.4375 * Double(min(inputRate, outputRate))
        // The filter's zero crossings are fin/(2·cutoff) input samples apart.
        let spacing = Double(inputRate) / (2 * cutoff)
        let zeroCrossings = 16.0
        halfTaps = Int((zeroCrossings * spacing).rounded(.up))
        var table = ContiguousArray<Float>(repeating: 0, count: up * 2 * halfTaps)
        for phase in 0..<up {
            var row = [Double](repeating: 0, count: 2 * halfTaps)
            for tap in 0..<(2 * halfTaps) {
                // Distance from the output's position to input sample (i - halfTaps + 1 + tap).
                let distance = Double(phase) / Double(up) + Double(halfTaps - 1 - tap)
                row[tap] = VectorMath.sinc(distance / spacing) * VectorMath.blackman(distance / (zeroCrossings * spacing))
            }
            let gain = row.reduce(0, +)
            for tap in 0..<(2 * halfTaps) { table[phase * 2 * halfTaps + tap] = Float(row[tap] / gain) }
        }
        taps = table
        pending = ContiguousArray(repeating: 0, count: halfTaps)
        pendingStart = -halfTaps
    }

    /// Resamples a chunk, appending what it can produce so far to `output` (the filter looks a little ahead, so the
    /// last outputs of a stream come with `finish`).
    public mutating func process(_ input: UnsafeBufferPointer<Float>, into output: inout ContiguousArray<Float>) {
        pending.append(contentsOf: input)
        received += input.count
        produce(into: &output, limit: Int.max)
    }

    /// Resamples a chunk held in an array.
    public mutating func process(_ input: ContiguousArray<Float>, into output: inout ContiguousArray<Float>) {
        input.withUnsafeBufferPointer { process($0, into: &output) }
    }

    /// Produces the outputs still owed for the input received: as many as the input's duration at the output rate.
    public mutating func finish(into output: inout ContiguousArray<Float>) {
        pending.append(contentsOf: repeatElement(0, count: 2 * halfTaps + down + 1))
        let owed = (received * up + down - 1) / down
        produce(into: &output, limit: owed)
    }

    private mutating func produce(into output: inout ContiguousArray<Float>, limit: Int) {
        let width = 2 * halfTaps
        let available = pendingStart + pending.count
        pending.withUnsafeBufferPointer { input in
            taps.withUnsafeBufferPointer { table in
                while next < limit {
                    let position = next * down
                    let base = position / up
                    let phase = position - base * up
                    // Needs input samples base - halfTaps + 1 ... base + halfTaps.
                    guard base + halfTaps < available else { break }
                    let first = base - halfTaps + 1 - pendingStart
                    output.append(VectorMath.dot(input.baseAddress! + first, table.baseAddress! + phase * width, count: width))
                    next += 1
                }
            }
        }
        // Drop input no later output will need.
        let needed = (next * down) / up - halfTaps + 1
        let drop = needed - pendingStart
        if drop > 4096 {
            pending.removeFirst(drop)
            pendingStart += drop
        }
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
