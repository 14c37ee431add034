import UndertoneEngine

/// One simulated contact, written out in full before it is played: its events in call time and, for a voice call, the
/// stretches of speech to synthesize.
public struct DemoCall: Sendable, Equatable {
    /// The call's id.
    public var callID: String
    /// Which script it was written from ("billing-calm", "cancel-threat", …).
    public var scenario: String
    /// Every event, `call_started` first and `call_ended` last, in the order of their `at`.
    public var events: [CallEvent]
    /// For voice calls with audio on: who speaks when, and how stressed they sound.
    public var speech: [DemoSpeech]
    /// Milliseconds of the call's own time before it starts after the previous call on its line (pacing between calls).
    public var gapBeforeMs: Int

    public init(callID: String, scenario: String, events: [CallEvent], speech: [DemoSpeech], gapBeforeMs: Int) {
        self.callID = callID
        self.scenario = scenario
        self.events = events
        self.speech = speech
        self.gapBeforeMs = gapBeforeMs
    }

    /// The call's length: the `at` of its last event.
    public var durationMs: Int { events.last?.at ?? 0 }

    /// The channel it arrives on.
    public var channel: Channel {
        if case .callStarted(let started) = events.first { return started.channel }
        return .voice
    }
}

/// A stretch of one side's speech on a voice call: what the voice synthesizer renders as audio frames.
public struct DemoSpeech: Sendable, Equatable {
    public var track: SpeakerRole
    /// When the speech starts and ends, milliseconds since the call started.
    public var startMs: Int
    public var endMs: Int
    /// How stressed the speaker sounds, 0 (calm) to 1 (shouting): pitch, pitch range, loudness, rate and roughness rise with it.
    public var stress: Double
    /// The speaker's voice.
    public var voice: DemoVoice
    /// Seeds this stretch's jitter, shimmer and phrasing.
    public var seed: UInt64

    public init(track: SpeakerRole, startMs: Int, endMs: Int, stress: Double, voice: DemoVoice, seed: UInt64) {
        self.track = track
        self.startMs = startMs
        self.endMs = endMs
        self.stress = stress
        self.voice = voice
        self.seed = seed
    }
}
