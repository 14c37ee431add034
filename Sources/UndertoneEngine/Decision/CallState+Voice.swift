/// The customer's voice signals at one moment, and how much of the customer's speech led to it: a voice window's voiced
/// time, or 0 for a change that came with words or silence.
struct VoiceMoment: Sendable, Equatable {
    var at: Int
    var readings: [SignalName: Double]
    var voicedMs = 0
}

extension CallState {
    /// How long a customer turn's words stay the ones the voice is compared with, milliseconds.
    static let wordsStayRecentMs = 20_000
    /// How much voice-signal history is kept for thresholds held `for:` a duration (the longest a policy may ask).
    static let voiceHistoryMs = 3_600_000

    /// Words and voice as one stress: the text's stress and the voice's, the voice weighted by its confidence
    /// ((text + confidence·voice) / (1 + confidence)); either alone when the other is unknown.
    public static func fuse(text: Double?, voice: Double?, confidence: Double) -> Double? {
        guard let voice else { return text }
        guard let text else { return voice }
        let weight = max(0, min(1, confidence))
        return VoiceFeatures.rounded((text + weight * voice) / (1 + weight), places: 3)
    }

    /// Words against voice: high when the voice is aroused while the words are calm (neutral or positive), as in "sure,
    /// no problem at all" through clenched teeth. voice · (1 − words' stress).
    public static func mismatch(words: Double, voice: Double) -> Double {
        VoiceFeatures.rounded(voice * (1 - words), places: 3)
    }

    /// Takes one voice window of either side and returns what it says.
    mutating func addVoice(_ window: VoiceWindow) -> VoiceSignal {
        let end = window.at + window.durationMs
        // Not `let turnTaking = turnTaking.add(window)`: a local that shadows the property it mutates in its own initial
        // value crashed the optimizer ("Found ownership error") in release builds.
        let taking = self.turnTaking.add(window)
        if window.track == .agent {
            let reading = agentVoice.add(window)
            let text = agentTurns > 0 ? agentSmoothedStress : nil
            let confidence = Self.confidence(of: agentVoice.confident)
            return VoiceSignal(
                window: window, reading: reading, baselineSeconds: agentVoice.baseline.voicedSeconds, vocalStress: agentVoice.stress,
                fusedStress: Self.fuse(text: text, voice: agentVoice.stress, confidence: confidence), turnTaking: taking)
        }
        let reading = customerVoice.add(window)
        var readings: [SignalName: Double] = [:]
        if let vocal = customerVoice.stress {
            readings[.vocalStress] = vocal
            let text = customerTurns.last?.readings[.stress]
            readings[.fusedStress] = Self.fuse(text: text, voice: vocal, confidence: Self.confidence(of: customerVoice.confident))
            if let words = customerTurns.last, end - words.at <= Self.wordsStayRecentMs {
                readings[.mismatch] = Self.mismatch(words: words.stress, voice: vocal)
            }
        }
        // Speaking time counts towards a held voice signal only when this window gave a reading that is trusted.
        let trusted = Self.confidence(of: reading) >= customerVoice.settings.leastConfidence && reading != nil
        let voicedMs = trusted ? Int((window.features.voiced * 1000).rounded()) : 0
        if readings != voiceReadings || (voicedMs > 0 && !readings.isEmpty) { noteVoice(readings, at: end, voicedMs: voicedMs) }
        return VoiceSignal(
            window: window, reading: reading, baselineSeconds: customerVoice.baseline.voicedSeconds, vocalStress: readings[.vocalStress],
            fusedStress: readings[.fusedStress] ?? customerTurns.last?.readings[.fusedStress], mismatch: readings[.mismatch],
            turnTaking: taking)
    }

    /// A reading's confidence, 0 without one. (A function of its own: `reading?.confidence ?? 0` inside `addVoice`
    /// crashed the optimizer's ownership verification in release builds, "Found ownership error".)
    static func confidence(of reading: VoiceReading?) -> Double {
        guard let reading else { return 0 }
        return reading.confidence
    }

    mutating func noteVoice(_ readings: [SignalName: Double], at: Int, voicedMs: Int = 0) {
        voiceReadings = readings
        voiceMoments.append(VoiceMoment(at: at, readings: readings, voicedMs: voicedMs))
        if let first = voiceMoments.first, at - first.at > Self.voiceHistoryMs {
            voiceMoments.removeAll { at - $0.at > Self.voiceHistoryMs }
        }
    }

    /// How long a voice signal has been on the right side of a threshold, in the customer's own speaking time: the voiced
    /// time of the customer's windows since the last one heard on the wrong side. The agent's turns, pauses and words
    /// hold the clock rather than reset it, so a customer who is angry every time they speak is held to be angry
    /// throughout. Nil when the signal is not on the right side now.
    func voiceHeld(_ threshold: SignalThreshold, now: Int) -> Int? {
        guard let last = voiceMoments.last, let value = last.readings[threshold.signal], threshold.isMet(by: value) else { return nil }
        var held = 0
        for moment in voiceMoments.reversed() {
            guard let value = moment.readings[threshold.signal] else { break }
            guard moment.voicedMs > 0 else { continue }
            guard threshold.isMet(by: value) else { break }
            held += moment.voicedMs
        }
        return held
    }
}
