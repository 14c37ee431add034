import Foundation
import UndertoneEngine

/// A simulated speaker's voice: how high they speak when calm and how long their vocal tract is. Stress is applied on
/// top of it, stretch by stretch, by `DemoVoiceSynthesizer`.
public struct DemoVoice: Sendable, Equatable, Hashable {
    /// Mean pitch when calm, Hz (roughly 90–140 for a low voice, 170–240 for a high one).
    public var pitchHz: Double
    /// Formant frequencies relative to an adult male vocal tract (1 low voice, about 1.15 a high one).
    public var formantScale: Double

    public init(pitchHz: Double, formantScale: Double) {
        self.pitchHz = pitchHz
        self.formantScale = formantScale
    }

    /// A voice drawn at random: low or high, with its own pitch and tract.
    static func random(using random: inout DemoRandom) -> DemoVoice {
        random.chance(0.5)
            ? DemoVoice(pitchHz: random.uniform(95...135), formantScale: random.uniform(0.97...1.04))
            : DemoVoice(pitchHz: random.uniform(175...230), formantScale: random.uniform(1.1...1.2))
    }
}

/// Speech-like audio made in code: a glottal-pulse source (a Rosenberg pulse, differentiated for the lips' radiation)
/// with jitter, shimmer and breath noise, through three vowel formants and a spectral tilt, in syllables with a
/// loudness envelope, grouped into phrases with pitch accents, declination and pauses.
///
/// Stress (0…1) raises what a listener — and the engine's prosody extractor — hears as arousal: pitch level (+5
/// semitones at 1) and pitch range, loudness (+13 dB), speaking rate, a tenser source (shorter, sharper pulses: brighter),
/// and more jitter, shimmer and breath noise (rougher: lower harmonics-to-noise ratio).
public enum DemoVoiceSynthesizer {
    /// Samples a second: telephony's rate.
    public static let sampleRate = 8_000

    /// How a stress level sounds.
    struct Style {
        var pitchShift: Double
        var accentSwing: Double
        var levelDB: Double
        var syllablesPerSecond: Double
        var jitter: Double
        var shimmer: Double
        var breathDB: Double
        var openQuotient: Double
        var closingShare: Double
        var tilt: Double
        var pauseRange: ClosedRange<Double>

        init(stress: Double) {
            let s = min(1, max(0, stress))
            pitchShift = 5 * s
            accentSwing = 1.2 + 4.3 * s
            levelDB = -30 + 13 * s
            syllablesPerSecond = 3.8 + 1.8 * s
            jitter = 0.004 + 0.02 * s
            shimmer = 0.03 + 0.15 * s
            breathDB = -32 + 18 * s
            openQuotient = 0.7 - 0.3 * s
            closingShare = 0.38 - 0.22 * s
            tilt = 0.55 - 0.45 * s
            pauseRange = (0.35 - 0.2 * s)...(0.8 - 0.4 * s)
        }
    }

    /// Formants of five vowels (a, e, i, o, u) for an adult male tract, Hz.
    static let vowels: [(Double, Double, Double)] = [
        (730, 1_090, 2_440), (530, 1_840, 2_480), (300, 2_250, 2_950), (570, 840, 2_410), (320, 900, 2_250),
    ]
    static let bandwidths = (80.0, 100.0, 140.0)

    /// A stretch of speech as 8 kHz µ-law bytes, one a sample, `endMs - startMs` long.
    public static func mulaw(_ speech: DemoSpeech) -> [UInt8] {
        render(speech).map { G711.MuLaw.encode(Int16(max(-32_767, min(32_767, ($0 * 32_768).rounded())))) }
    }

    /// A stretch of speech as samples in -1…1 at 8 kHz.
    public static func render(_ speech: DemoSpeech) -> [Float] {
        var random = DemoRandom(seed: speech.seed)
        let style = Style(stress: speech.stress)
        let count = max(0, (speech.endMs - speech.startMs) * sampleRate / 1_000)
        var out = [Float](repeating: 0, count: count)
        let rate = Double(sampleRate)
        let syllableLength = 1 / style.syllablesPerSecond
        let basePitch = speech.voice.pitchHz * pow(2, style.pitchShift / 12)
        var time = random.uniform(0.02...0.08)
        var phase = random.unit()
        let end = Double(count) / rate - 0.05
        while time < end - syllableLength {
            let syllables = random.int(4...9)
            for index in 0..<syllables {
                let length = syllableLength * random.uniform(0.8...1.25)
                guard time + length < end else { break }
                let voicedShare = random.uniform(0.62...0.82)
                let accent = style.accentSwing * (random.unit() * 2 - 1)
                let declination = -2.0 * Double(index) / Double(syllables)
                let pitch = basePitch * pow(2, (accent + declination) / 12)
                let glide = random.uniform(-0.6...0.6)
                let finalDrop = index == syllables - 1 ? -3.0 : 0
                let level = style.levelDB + random.uniform(-2...2) + finalDrop
                let first = Int(time * rate)
                let last = min(count, Int((time + length * voicedShare) * rate))
                if last > first {
                    let vowel = random.pick(vowels)
                    let syllable = voicedSyllable(
                        samples: last - first, pitch: pitch, glide: glide, vowel: vowel, scale: speech.voice.formantScale, level: level, style: style,
                        phase: &phase, random: &random)
                    for offset in 0..<syllable.count { out[first + offset] += syllable[offset] }
                }
                // Some syllables end on a fricative: a short burst of hiss well below the vowel.
                if random.chance(0.35) {
                    let hissEnd = min(count, Int((time + length * 0.97) * rate))
                    let hissLevel = pow(10, (level - 20) / 20)
                    if hissEnd > last {
                        for index in last..<hissEnd {
                            let progress = Double(index - last) / Double(hissEnd - last)
                            out[index] += Float(hissLevel * sin(Double.pi * progress) * random.gaussian())
                        }
                    }
                }
                time += length
            }
            time += random.uniform(style.pauseRange)
        }
        // A faint line hiss, below the level the extractor counts as speech.
        let hiss = pow(10, -78.0 / 20)
        for index in 0..<count { out[index] += Float(hiss * random.gaussian()) }
        return out
    }

    /// One voiced syllable: the pulse train with jitter and shimmer plus breath noise, through the vowel's formants
    /// and the tilt, scaled to `level` dBFS (RMS) under a rise-and-fall envelope.
    static func voicedSyllable(
        samples: Int, pitch: Double, glide: Double, vowel: (Double, Double, Double), scale: Double, level: Double, style: Style,
        phase: inout Double, random: inout DemoRandom
    ) -> [Float] {
        let rate = Double(sampleRate)
        var harmonic = [Double](repeating: 0, count: samples)
        var breath = [Double](repeating: 0, count: samples)
        var periodPitch = pitch
        var amplitude = 1.0
        var previous = 0.0
        for index in 0..<samples {
            let progress = Double(index) / Double(samples)
            let target = pitch * pow(2, glide * progress / 12)
            phase += periodPitch / rate
            if phase >= 1 {
                phase -= 1
                periodPitch = target * (1 + style.jitter * random.gaussian())
                amplitude = max(0.2, 1 + style.shimmer * random.gaussian())
            }
            let flow = amplitude * pulse(phase, openQuotient: style.openQuotient, closingShare: style.closingShare)
            harmonic[index] = flow - previous
            previous = flow
            breath[index] = random.gaussian() * (0.35 + flow)
        }
        let harmonicRMS = rms(harmonic)
        let breathRMS = rms(breath)
        let breathGain = breathRMS > 0 ? harmonicRMS * pow(10, style.breathDB / 20) / breathRMS : 0
        var source = zip(harmonic, breath).map { $0 + breathGain * $1 }
        for (formant, bandwidth) in [(vowel.0, bandwidths.0), (vowel.1, bandwidths.1), (vowel.2, bandwidths.2)] {
            resonate(&source, frequency: min(3_600, formant * scale), bandwidth: bandwidth)
        }
        var smoothed = 0.0
        for index in source.indices {
            smoothed = (1 - style.tilt) * source[index] + style.tilt * smoothed
            source[index] = smoothed
        }
        let gain = pow(10, level / 20) / max(rms(source), 1e-12)
        let attack = max(1, samples * 15 / 100)
        let release = max(1, samples * 30 / 100)
        return source.indices.map { index in
            var envelope = 1.0
            if index < attack { envelope = 0.5 - 0.5 * cos(Double.pi * Double(index) / Double(attack)) }
            if index >= samples - release { envelope = min(envelope, 0.5 - 0.5 * cos(Double.pi * Double(samples - index) / Double(release))) }
            return Float(source[index] * gain * envelope * 1.15)
        }
    }

    /// The Rosenberg glottal flow at `phase` (0…1) of a period: opening, closing, then closed.
    static func pulse(_ phase: Double, openQuotient: Double, closingShare: Double) -> Double {
        let opening = openQuotient * (1 - closingShare)
        let closing = openQuotient * closingShare
        if phase < opening { return 0.5 - 0.5 * cos(Double.pi * phase / opening) }
        if phase < opening + closing { return cos(Double.pi / 2 * (phase - opening) / closing) }
        return 0
    }

    /// A two-pole resonator with unit gain at 0 Hz, in place.
    static func resonate(_ signal: inout [Double], frequency: Double, bandwidth: Double) {
        let rate = Double(sampleRate)
        let radius = exp(-Double.pi * bandwidth / rate)
        let a1 = 2 * radius * cos(2 * Double.pi * frequency / rate)
        let a2 = -radius * radius
        let b0 = 1 - a1 - a2
        var (y1, y2) = (0.0, 0.0)
        for index in signal.indices {
            let y = b0 * signal[index] + a1 * y1 + a2 * y2
            y2 = y1
            y1 = y
            signal[index] = y
        }
    }

    static func rms(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        return (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
    }
}
