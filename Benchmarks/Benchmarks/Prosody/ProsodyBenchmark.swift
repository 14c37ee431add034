import Benchmark
import Foundation
import UndertoneEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minute of telephone-like audio, 8 kHz mono: phrases of voiced syllables (harmonics with pitch accents) with pauses,
/// over a line noise at -60 dBFS, through µ-law. Pitch is looked for wherever the audio rises above the noise.
let speech: ContiguousArray<Float> = {
    var state: UInt64 = 42
    func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    func gaussian() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
    let rate = 8000.0
    var samples = (0..<Int(60 * rate)).map { _ in 0.001 * gaussian() }
    var time = 0.2
    var phase = 0.0
    while time < 59.5 {
        let syllables = 5 + Int(uniform() * 6)
        for syllable in 0..<syllables {
            let start = time + Double(syllable) * 0.22
            let pitch = 140 * pow(2, (4 * (uniform() - 0.5) - 2 * Double(syllable) / Double(syllables)) / 12)
            let harmonics = Int(3600 / pitch)
            let first = Int(start * rate)
            let last = min(samples.count, Int((start + 0.15) * rate))
            guard first < last else { continue }
            for index in first..<last {
                let envelope = 0.05 * sin(Double.pi * Double(index - first) / Double(last - first))
                phase += 2 * Double.pi * pitch / rate
                var value = 0.0
                for harmonic in 1...harmonics { value += sin(Double(harmonic) * phase) / Double(harmonic) }
                samples[index] += envelope * value
            }
        }
        time += Double(syllables) * 0.22 + 0.3 + 0.5 * uniform()
    }
    return ContiguousArray(samples.map { Float(G711.MuLaw.decode(G711.MuLaw.encode(Int16(max(-32768, min(32767, $0 * 32768)))))) / 32768 })
}()

/// The worst case: a minute of unbroken voice (every frame's pitch is measured).
let vowel: ContiguousArray<Float> = ContiguousArray(
    (0..<480_000).map { index in
        let phase = 2 * Double.pi * 150 * (1 + 0.02 * sin(2 * Double.pi * 5 * Double(index) / 8000)) * Double(index) / 8000
        return Float(0.1 * (sin(phase) + 0.5 * sin(2 * phase) + 0.3 * sin(3 * phase)))
    })

/// CPU seconds this process has used, to the nanosecond (getrusage counts in scheduler ticks, too coarse for one
/// iteration).
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let realTime = BenchmarkMetric.custom("× real time (audio s / CPU s)", polarity: .prefersLarger, useScalingFactor: false)

func analyse(_ audio: ContiguousArray<Float>, _ benchmark: Benchmark) {
    let started = cpuSeconds()
    var windows = 0
    for _ in benchmark.scaledIterations {
        var extractor = ProsodyExtractor(callID: "bench", track: .customer)
        var voice = SpeakerVoice()
        // 20 ms chunks, as audio frames arrive on a live call.
        audio.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let chunk = UnsafeBufferPointer(rebasing: buffer[start..<min(buffer.count, start + 160)])
                for window in extractor.append(chunk) {
                    windows += 1
                    blackHole(voice.add(window))
                }
                start += 160
            }
        }
        windows += extractor.finish().count
    }
    let cpu = cpuSeconds() - started
    let seconds = Double(audio.count) / 8000 * Double(benchmark.scaledIterations.count)
    if cpu > 0 { benchmark.measurement(realTime, Int(seconds / cpu)) }
    blackHole(windows)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, realTime],
        warmupIterations: 2,
        maxDuration: .seconds(10),
        maxIterations: 100
    )

    Benchmark("voice features and arousal: 60 s of telephone speech, 8 kHz mono") { benchmark in
        analyse(speech, benchmark)
    }

    Benchmark("voice features and arousal: 60 s of unbroken voice, 8 kHz mono (worst case)") { benchmark in
        analyse(vowel, benchmark)
    }
}
