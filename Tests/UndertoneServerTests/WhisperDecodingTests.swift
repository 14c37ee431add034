import Testing

@testable import UndertoneServer

/// The embedded transcriber's settings that need no model: which language a call's tag tells Whisper, how long an
/// encoder context an utterance gets, and what counts as Whisper stuck in a loop.
@Suite("Whisper decoding")
struct WhisperDecodingTests {
    @Test("A call's declared tag gives its primary language; tags that name none leave Whisper to detect it")
    func spokenLanguage() {
        #expect(SpeechLanguage.of(declared: "es-MX") == "es")
        #expect(SpeechLanguage.of(declared: "FR") == "fr")
        #expect(SpeechLanguage.of(declared: "en") == "en")
        #expect(SpeechLanguage.of(declared: "und") == nil)
        #expect(SpeechLanguage.of(declared: "mul") == nil)
        #expect(SpeechLanguage.of(declared: "x-klingon") == nil)
    }

    @Test("The encoder's context follows the utterance's length plus padding, and is the full window past 30 s")
    func audioContext() {
        let fitted = WhisperDecoding(audioContextPadding: 64)
        #expect(fitted.audioContext(samples: 16_000 * 3) == 150 + 64)
        #expect(fitted.audioContext(samples: 16_000 * 3 + 1) == 151 + 64)
        #expect(fitted.audioContext(samples: 16_000 * 29) == 0)
        #expect(WhisperDecoding.full.audioContext(samples: 16_000 * 3) == 0)
        #expect(WhisperDecoding().audioContext(samples: 16_000 * 3) == 150 + 128, "the default: 2.56 s of padding")
        #expect(WhisperDecoding().for(.english).audioContext(samples: 16_000 * 3) == 150 + 128)
        #expect(WhisperDecoding().for(.multilingual).audioContext(samples: 16_000 * 3) == 0, "base: the full window")
        #expect(WhisperDecoding(multilingualAudioContextPadding: 64).for(.multilingual).audioContext(samples: 16_000 * 3) == 150 + 64)
    }

    @Test("A decode's tokens are capped by the utterance's length: room for fast speech, far below a loop's 224")
    func maxTokens() {
        #expect(WhisperDecoding.maxTokens(samples: 16_000 * 4) == 56)
        #expect(WhisperDecoding.maxTokens(samples: 0) == 16, "a short answer still has room")
        // The cutter's longest utterance (20 s) keeps about whisper.cpp's own bound; seven tokens a second always fit.
        #expect(WhisperDecoding.maxTokens(samples: 16_000 * 20) <= 224)
        for seconds in 1...20 { #expect(WhisperDecoding.maxTokens(samples: 16_000 * seconds) >= 7 * seconds + 10) }
    }

    @Test("Loops: a sentence said twice, a word four times, far too many words or characters for the audio")
    func loops() {
        #expect(Transcription(text: "Dogs are sitting by the door. Dogs are sitting by the door.").looped(seconds: 4))
        #expect(Transcription(text: "no no no no").looped(seconds: 3))
        #expect(Transcription(text: String(repeating: "มัด", count: 200)).looped(seconds: 2))
        #expect(Transcription(text: (1...40).map { "word\($0)" }.joined(separator: " ")).looped(seconds: 3))
        #expect(!Transcription(text: "This is the third time I'm calling, and I want to cancel.").looped(seconds: 4))
        #expect(!Transcription(text: "no, no, I said no").looped(seconds: 2))
        #expect(!Transcription(text: "Es la tercera vez que llamo y quiero cancelar mi contrato.").looped(seconds: 5))
    }
}
