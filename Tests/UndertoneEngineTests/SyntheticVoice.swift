import Foundation

@testable import UndertoneEngine

/// Voices made in code for the voice tests: harmonic tones with vibrato and noise, and speech-like utterances in a calm
/// or an agitated style, sent through G.711 µ-law at 8 kHz as a telephone line would.
struct SyntheticVoice {
    /// How a speaker sounds: agitation raises pitch, pitch movement, loudness and the upper harmonics, and roughens the
    /// voice (more noise against the harmonics).
    struct Style {
        var pitchHz: Double
        /// Semitones the pitch accents swing by.
        var swing: Double
        /// Loudness of the voiced parts, dBFS.
        var level: Double
        /// Harmonic k has amplitude 1/k^tilt: lower is brighter.
        var tilt: Double
        /// Noise mixed into the voice, dB against the harmonics.
        var roughness: Double
        var syllablesPerSecond: Double

        static let calm = Style(pitchHz: 120, swing: 1.5, level: -30, tilt: 1.7, roughness: -30, syllablesPerSecond: 4)
        static let agitated = Style(pitchHz: 165, swing: 4, level: -18, tilt: 0.9, roughness: -14, syllablesPerSecond: 4.5)
    }

    static let rate = 8000.0

    /// A deterministic source of noise (SplitMix64 and Box–Muller).
    struct Noise {
        var state: UInt64

        mutating func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return (Double(z >> 11) + 0.5) / Double(1 << 53)
        }

        mutating func gaussian() -> Double {
            (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }

    /// A sustained harmonic tone whose pitch wobbles `vibrato` (relative) at 5 Hz, with white noise `snr` dB below it,
    /// and the true pitch at every sample. `fundamental` scales the first harmonic (telephone lines cut it).
    static func tone(
        pitchHz: Double, seconds: Double, vibrato: Double = 0.02, snr: Double = 20, tilt: Double = 1, fundamental: Double = 1, seed: UInt64 = 1
    ) -> (samples: ContiguousArray<Float>, truth: [Double]) {
        var noise = Noise(state: seed)
        let count = Int(seconds * rate)
        var samples = ContiguousArray<Float>(repeating: 0, count: count)
        var truth = [Double](repeating: 0, count: count)
        var phase = noise.uniform() * 2 * Double.pi
        let harmonics = Int(3600 / (pitchHz * (1 + vibrato)))
        let amplitudes = (1...harmonics).map { ($0 == 1 ? fundamental : 1) / pow(Double($0), tilt) }
        let power = amplitudes.reduce(0) { $0 + $1 * $1 / 2 }
        let gain = 0.25 / power.squareRoot()
        let noiseLevel = 0.25 * pow(10, -snr / 20)
        for index in 0..<count {
            let time = Double(index) / rate
            let pitch = pitchHz * (1 + vibrato * sin(2 * Double.pi * 5 * time))
            truth[index] = pitch
            phase += 2 * Double.pi * pitch / rate
            var value = 0.0
            for (offset, amplitude) in amplitudes.enumerated() { value += amplitude * sin(Double(offset + 1) * phase) }
            samples[index] = Float(gain * value + noiseLevel * noise.gaussian())
        }
        return (throughMuLaw(samples), truth)
    }

    /// Speech-like audio: phrases of syllables (voiced bursts with a loudness envelope and pitch accents, falling through
    /// each phrase) separated by pauses, over a quiet line noise.
    static func speech(_ style: Style, seconds: Double, seed: UInt64) -> ContiguousArray<Float> {
        var noise = Noise(state: seed)
        let count = Int(seconds * rate)
        var samples = ContiguousArray<Float>(repeating: 0, count: count)
        let syllableLength = 1 / style.syllablesPerSecond
        var time = 0.2
        var phase = 0.0
        while time < seconds - 0.5 {
            let phraseSyllables = 5 + Int(noise.uniform() * 6)
            for syllable in 0..<phraseSyllables {
                let start = time + Double(syllable) * syllableLength
                let voicedLength = syllableLength * (0.6 + 0.2 * noise.uniform())
                let accent = style.swing * (noise.uniform() - 0.5) * 2
                let declination = -1.5 * Double(syllable) / Double(phraseSyllables)
                let pitch = style.pitchHz * pow(2, (accent + declination) / 12)
                let amplitude = pow(10, (style.level + 3 * (noise.uniform() - 0.5)) / 20) * 1.41
                let harmonics = Int(3600 / (pitch * 1.1))
                let weights = (1...harmonics).map { 1 / pow(Double($0), style.tilt) }
                let norm = 1 / (weights.reduce(0) { $0 + $1 * $1 / 2 }).squareRoot()
                let roughness = pow(10, style.roughness / 20)
                let first = Int(start * rate)
                let last = min(count, Int((start + voicedLength) * rate))
                guard first < last else { continue }
                for index in first..<last {
                    let progress = Double(index - first) / Double(last - first)
                    let envelope = sin(Double.pi * progress)
                    let glide = pitch * pow(2, (-0.5 * progress) / 12)
                    phase += 2 * Double.pi * glide / rate
                    var value = 0.0
                    for (offset, weight) in weights.enumerated() { value += weight * sin(Double(offset + 1) * phase) }
                    value = value * norm + roughness * 1.41 * noise.gaussian()
                    samples[index] += Float(amplitude * envelope * value / 1.41)
                }
            }
            time += Double(phraseSyllables) * syllableLength + 0.4 + 0.4 * noise.uniform()
        }
        for index in 0..<count { samples[index] += Float(0.0005 * noise.gaussian()) }
        return throughMuLaw(samples)
    }

    /// Silence with a faint line noise.
    static func silence(seconds: Double, seed: UInt64) -> ContiguousArray<Float> {
        var noise = Noise(state: seed)
        return throughMuLaw(ContiguousArray((0..<Int(seconds * rate)).map { _ in Float(0.0005 * noise.gaussian()) }))
    }

    static func int16(_ sample: Float) -> Int16 { Int16(max(-32768, min(32767, (sample * 32768).rounded()))) }

    static func throughMuLaw(_ samples: ContiguousArray<Float>) -> ContiguousArray<Float> {
        ContiguousArray(samples.map { Float(G711.MuLaw.decode(G711.MuLaw.encode(int16($0)))) / 32768 })
    }

    /// µ-law audio events of 20 ms for one track, starting at `startMs`.
    static func audioEvents(_ samples: ContiguousArray<Float>, callID: String, track: SpeakerRole, startMs: Int = 0) -> [CallEvent] {
        stride(from: 0, to: samples.count, by: 160).map { start in
            let codes = samples[start..<min(samples.count, start + 160)].map { G711.MuLaw.encode(int16($0)) }
            return .audio(AudioFrame(callID: callID, at: startMs + start / 8, track: track, encoding: .pcmu, sampleRate: 8000, samples: codes))
        }
    }

    /// The voice windows of a recording.
    static func windows(_ samples: ContiguousArray<Float>, track: SpeakerRole = .customer) -> [VoiceWindow] {
        var extractor = ProsodyExtractor(callID: "t", track: track)
        return extractor.append(samples) + extractor.finish()
    }
}
