import Foundation
import Testing

@testable import UndertoneEngine

/// How the tracker did on one synthetic tone.
struct PitchScore: CustomStringConvertible {
    var frames = 0
    var voiced = 0
    var octaveErrors = 0
    var relativeErrors: [Double] = []

    var meanError: Double { relativeErrors.isEmpty ? .nan : relativeErrors.reduce(0, +) / Double(relativeErrors.count) }
    var voicedShare: Double { Double(voiced) / Double(max(frames, 1)) }

    var description: String {
        String(format: "%d frames, %.1f%% voiced, mean error %.3f%%, %d octave errors", frames, 100 * voicedShare, 100 * meanError, octaveErrors)
    }

    /// Scores every frame against the true pitch at the middle of the frame's analysis window.
    static func measure(_ samples: ContiguousArray<Float>, truth: [Double]) -> PitchScore {
        var extractor = ProsodyExtractor(callID: "t", track: .customer)
        extractor.keepsFrames = true
        _ = extractor.append(samples)
        _ = extractor.finish()
        var score = PitchScore()
        // Skip the first and last 50 ms, where the analysis window runs off the tone.
        for (index, frame) in extractor.frames.enumerated() where index >= 5 {
            let centre = index * 80 + PitchTracker.fineWindow / 2
            guard centre + PitchTracker.fineSpan < truth.count else { break }
            score.frames += 1
            guard frame.isVoiced else { continue }
            score.voiced += 1
            let ratio = frame.pitch.frequency / truth[centre]
            if abs(log2(ratio)) > 0.5 {
                score.octaveErrors += 1
            } else {
                score.relativeErrors.append(abs(ratio - 1))
            }
        }
        return score
    }
}

@Suite("Pitch tracker")
struct PitchTrackerTests {
    static let pitches: [Double] = [75, 95, 120, 150, 190, 240, 300, 380, 480]

    @Test("harmonic tones with vibrato and noise, through µ-law at 8 kHz: error under 1%, no octave errors", arguments: pitches)
    func tones(pitch: Double) {
        let (samples, truth) = SyntheticVoice.tone(pitchHz: pitch, seconds: 2, vibrato: 0.02, snr: 20, seed: UInt64(pitch))
        let score = PitchScore.measure(samples, truth: truth)
        print("pitch \(Int(pitch)) Hz, vibrato ±2%, SNR 20 dB, µ-law: \(score)")
        #expect(score.voicedShare > 0.95, "\(pitch) Hz: \(score)")
        #expect(score.meanError < 0.01, "\(pitch) Hz: \(score)")
        #expect(score.octaveErrors == 0, "\(pitch) Hz: \(score)")
    }

    @Test("a telephone line's weak fundamental and a dark or bright voice do not cause octave errors", arguments: [(0.05, 1.0), (1, 2.0), (1, 0.5)])
    func missingFundamental(fundamental: Double, tilt: Double) {
        var total = PitchScore()
        for pitch in [90.0, 130, 200, 300] {
            let (samples, truth) = SyntheticVoice.tone(pitchHz: pitch, seconds: 1.5, vibrato: 0.02, snr: 20, tilt: tilt, fundamental: fundamental)
            let score = PitchScore.measure(samples, truth: truth)
            total.frames += score.frames
            total.voiced += score.voiced
            total.octaveErrors += score.octaveErrors
            total.relativeErrors += score.relativeErrors
            #expect(score.meanError < 0.01, "\(pitch) Hz, fundamental \(fundamental), tilt \(tilt): \(score)")
        }
        // Reported by `swift test` so the figures in docs/voice.md can be checked.
        print("pitch, fundamental ×\(fundamental), tilt \(tilt): \(total)")
        #expect(Double(total.octaveErrors) <= 0.01 * Double(total.voiced), "\(total)")
    }

    @Test("noise alone and silence are unvoiced")
    func unvoiced() {
        var noise = SyntheticVoice.Noise(state: 9)
        let hiss = SyntheticVoice.throughMuLaw(ContiguousArray((0..<16000).map { _ in Float(0.05 * noise.gaussian()) }))
        var extractor = ProsodyExtractor(callID: "t", track: .customer)
        extractor.keepsFrames = true
        _ = extractor.append(hiss)
        _ = extractor.append(ContiguousArray(repeating: 0, count: 8000))
        _ = extractor.finish()
        let voiced = extractor.frames.filter(\.isVoiced).count
        #expect(Double(voiced) < 0.05 * Double(extractor.frames.count))
    }
}
