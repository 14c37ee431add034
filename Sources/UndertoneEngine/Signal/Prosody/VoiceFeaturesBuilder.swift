import Foundation

/// Gathers frames into one window's `VoiceFeatures`.
struct VoiceFeaturesBuilder: Sendable {
    /// Frames in a 100 ms activity slot, and how many must be speech for the slot to count as active.
    static let slotFrames = 10
    static let slotSpeechFrames = 5

    private(set) var frames = 0
    private var speechFrames = 0
    private var voicedFrames = 0
    private var syllables = 0
    private var pauseFrames = 0
    private var longPauses = 0
    private var activity: [UInt8] = []
    private var slotSpeech = 0
    private var loudness = 0.0
    private var loudnessSquares = 0.0
    private var pitch = 0.0
    private var pitchSquares = 0.0
    private var harmonicity = 0.0
    private var brightness = 0.0
    private var pitches: [Double] = []

    init() {
        activity.reserveCapacity(10)
        pitches.reserveCapacity(100)
    }

    /// Adds a frame; `pause` is the length in frames of a pause that this frame ended, if any.
    mutating func add(_ frame: ProsodyFrame, syllable: Bool, pause: Int?) {
        frames += 1
        if frame.isSpeech {
            speechFrames += 1
            slotSpeech += 1
        }
        if syllable { syllables += 1 }
        if let pause {
            pauseFrames += pause
            if pause >= ProsodyExtractor.longPauseFrames { longPauses += 1 }
        }
        if frame.isVoiced {
            voicedFrames += 1
            let level = Double(frame.level)
            loudness += level
            loudnessSquares += level * level
            let semitones = 12 * log2(frame.pitch.frequency / 100)
            pitch += semitones
            pitchSquares += semitones * semitones
            pitches.append(semitones)
            let periodicity = Double(min(max(frame.pitch.periodicity, 0.001), 0.999))
            harmonicity += 10 * log10(periodicity / (1 - periodicity))
            brightness += Double(frame.brightness)
        }
        if frames % Self.slotFrames == 0 { closeSlot() }
    }

    private mutating func closeSlot() {
        activity.append(slotSpeech * 2 >= Self.slotFrames ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        slotSpeech = 0
    }

    /// The window's features; the builder starts over.
    mutating func build() -> VoiceFeatures {
        if frames % Self.slotFrames != 0 {
            let slotLength = frames % Self.slotFrames
            activity.append(slotSpeech * 2 >= slotLength ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        }
        let step = Double(ProsodyExtractor.frameMs) / 1000
        var features = VoiceFeatures(
            speech: VoiceFeatures.rounded(Double(speechFrames) * step), voiced: VoiceFeatures.rounded(Double(voicedFrames) * step),
            syllables: syllables, pauses: VoiceFeatures.rounded(Double(pauseFrames) * step), longPauses: longPauses,
            activity: String(decoding: activity, as: UTF8.self))
        if voicedFrames > 0 {
            let count = Double(voicedFrames)
            let meanLoudness = loudness / count
            let meanPitch = pitch / count
            features.loudness = VoiceFeatures.rounded(meanLoudness)
            features.loudnessSpread = VoiceFeatures.rounded(sqrt(max(0, loudnessSquares / count - meanLoudness * meanLoudness)))
            features.pitch = VoiceFeatures.rounded(meanPitch)
            features.pitchSpread = VoiceFeatures.rounded(sqrt(max(0, pitchSquares / count - meanPitch * meanPitch)))
            pitches.sort()
            let low = pitches[Int(Double(pitches.count - 1) * 0.1)]
            let high = pitches[Int((Double(pitches.count - 1) * 0.9).rounded(.up))]
            features.pitchRange = VoiceFeatures.rounded(high - low)
            features.harmonicity = VoiceFeatures.rounded(harmonicity / count)
            features.brightness = VoiceFeatures.rounded(brightness / count)
        }
        self = VoiceFeaturesBuilder()
        return features
    }
}
