import Foundation
import UndertoneEngine

/// What a transcriber heard in one utterance.
public struct Transcription: Sendable, Equatable {
    /// The words, trimmed; empty when nothing was recognised.
    public var text: String
    /// The recogniser's confidence in 0...1, when it gives one (Whisper: the mean probability of its tokens).
    public var confidence: Double?
    /// The language it decoded in ("en", "es"): the one it was told, or the one it detected; nil when it does not say.
    public var language: String?

    public init(text: String, confidence: Double? = nil, language: String? = nil) {
        self.text = text
        self.confidence = confidence
        self.language = language
    }
}

/// Why a transcriber could not be used or failed on an utterance.
public enum TranscriberError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The transcriber cannot start: a library or model missing, a bad address (said plainly to the operator).
    case unavailable(String)
    /// One utterance failed (a decode error, a refused or failed request); the next may succeed.
    case failed(String)

    public var description: String {
        switch self {
        case .unavailable(let reason): "transcriber unavailable: \(reason)"
        case .failed(let reason): "transcription failed: \(reason)"
        }
    }
}

/// Turns one utterance of speech into words. Implementations: `WhisperTranscriber` (whisper.cpp in-process, loaded at
/// run time) and `OpenAITranscriber` (a remote `POST /v1/audio/transcriptions`). Each call is one whole utterance; the
/// caller (`CallTranscription`) never runs more calls at once than `concurrency`.
public protocol Transcriber: Sendable {
    /// For logs and metrics: "whisper", "openai".
    var name: String { get }
    /// How many utterances it decodes at once (the embedded one: its decoding threads).
    var concurrency: Int { get }
    /// Transcribes mono samples in [-1, 1] at `sampleRate` (8000, the telephone band, or 16000, wideband) spoken in
    /// `language` (an ISO 639-1 code, "es"), or in a language the transcriber is to detect when nil. A transcriber that
    /// knows one language only reads that one.
    func transcribe(_ samples: [Float], sampleRate: Int, language: String?) async throws(TranscriberError) -> Transcription
}

extension Transcriber {
    /// Transcribes 8 kHz speech in `language` (nil: one the transcriber detects, or its only language).
    public func transcribe(_ samples: [Float], language: String? = nil) async throws(TranscriberError) -> Transcription {
        try await transcribe(samples, sampleRate: UtteranceCutter.sampleRate, language: language)
    }

    /// Transcribes one utterance at the band it was heard in.
    public func transcribe(_ utterance: Utterance, language: String?) async throws(TranscriberError) -> Transcription {
        try await transcribe(utterance.samples, sampleRate: utterance.sampleRate, language: language)
    }
}

/// The language a transcriber is told a call speaks: the primary subtag of the call's declared BCP 47 tag ("es-MX" →
/// "es"), or nil (detect it) for the tags that name no language ("und", "mul", "zxx").
public enum SpeechLanguage {
    public static func of(declared tag: String) -> String? {
        let primary = LanguageTag.primary(tag)
        guard (2...3).contains(primary.count) else { return nil }
        return ["und", "mul", "zxx", "mis"].contains(primary) ? nil : primary
    }
}

extension Transcription {
    /// Whisper-style output that is not speech: bracketed or parenthesised notes ("[BLANK_AUDIO]", "(music)"), and
    /// punctuation alone. Such text is dropped rather than turned into a turn.
    public var isNonSpeech: Bool {
        var rest = text
        for (open, close) in [("[", "]"), ("(", ")"), ("*", "*")] {
            while let start = rest.range(of: open), let end = rest.range(of: close, range: start.upperBound..<rest.endIndex) {
                rest.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        return !rest.contains { $0.isLetter || $0.isNumber }
    }
}
