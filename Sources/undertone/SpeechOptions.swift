import ArgumentParser
import Foundation
import UndertoneServer

/// Which transcriber turns calls' audio into words: `serve` and `analyze` share these flags.
struct SpeechOptions: ParsableArguments {
    @Option(
        help:
            "Words from audio: none, whisper (embedded, installed by scripts/install-speech.sh), openai (a remote server), or auto (whisper when installed)."
    )
    var transcriber: String?

    @Option(help: "Where scripts/install-speech.sh installed whisper.cpp and the model (default ~/.local/share/undertone/speech).")
    var speechDir: String?

    @Option(help: "With --transcriber whisper: utterances decoded at once, each on its own thread (default 1).")
    var speechDecoders: Int?

    @Option(help: "With --transcriber whisper: whisper.cpp's threads per decode (default: the cores shared among the decoders, at most 4).")
    var speechThreads: Int?

    @Option(
        help:
            "With --transcriber whisper: auto (tiny.en for English calls, the multilingual model for others, when installed), tiny.en or base."
    )
    var speechModel: String?

    @Option(
        help:
            "With --transcriber whisper: encoder frames (20 ms) added to each utterance's length, or full for Whisper's whole 30 s window (default: 128 for tiny.en, full for base)."
    )
    var speechContext: String?

    @Flag(
        help: "With --transcriber whisper: retry hard utterances at higher temperatures (whisper.cpp's default; slower) with the fitted window too.")
    var speechFallback = false

    @Option(help: "With --transcriber openai: the server's address, e.g. http://127.0.0.1:8000 (POST /v1/audio/transcriptions).")
    var transcriberURL: String?

    @Option(help: "With --transcriber openai: the model to ask for (default Systran/faster-whisper-tiny.en).")
    var transcriberModel: String?

    /// The transcriber these flags (then `UNDERTONE_TRANSCRIBER`, `UNDERTONE_SPEECH_DIR`, `UNDERTONE_SPEECH_MODEL`,
    /// `UNDERTONE_TRANSCRIBER_URL`, `UNDERTONE_TRANSCRIBER_MODEL`, `UNDERTONE_TRANSCRIBER_KEY`, then the config file's
    /// keys) ask for; nil for none.
    /// What is missing is said plainly.
    func make(file: [String: String] = [:], default fallback: String = "none") throws -> (any Transcriber)? {
        let environment = ProcessInfo.processInfo.environment
        func setting(_ flag: String?, _ variable: String, _ key: String) -> String? {
            flag ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? file[key]
        }
        let kind = setting(transcriber, "UNDERTONE_TRANSCRIBER", "transcriber") ?? fallback
        switch kind {
        case "none":
            return nil
        case "auto":
            // The embedded transcriber when it is installed, else none (said on stderr by the caller).
            let directory = setting(speechDir, "UNDERTONE_SPEECH_DIR", "speechDir") ?? WhisperInstallation.defaultDirectory
            guard WhisperInstallation(directory: directory).missing(for: try modelChoice(file: file)) == nil else { return nil }
            var options = self
            options.transcriber = "whisper"
            options.speechDir = directory
            return try options.make(file: file)
        case "whisper":
            if let speechDecoders, !(1...16).contains(speechDecoders) { throw CommandFailure("--speech-decoders must be 1 to 16") }
            if let speechThreads, !(1...64).contains(speechThreads) { throw CommandFailure("--speech-threads must be 1 to 64") }
            let directory = setting(speechDir, "UNDERTONE_SPEECH_DIR", "speechDir") ?? WhisperInstallation.defaultDirectory
            var decoding = WhisperDecoding(temperatureFallback: speechFallback ? true : nil)
            switch speechContext {
            case nil: break
            case "full":
                decoding.audioContextPadding = nil
                decoding.multilingualAudioContextPadding = nil
            case let frames?:
                guard let padding = Int(frames), (0...1_500).contains(padding) else {
                    throw CommandFailure("--speech-context must be 0 to 1500, or full")
                }
                decoding.audioContextPadding = padding
                decoding.multilingualAudioContextPadding = padding
            }
            do {
                return try WhisperTranscriber(
                    installation: WhisperInstallation(directory: directory), models: try modelChoice(file: file), decoders: speechDecoders ?? 1,
                    threadsPerDecoder: speechThreads, decoding: decoding)
            } catch {
                throw CommandFailure("--transcriber whisper: \(error)")
            }
        case "openai":
            guard let url = setting(transcriberURL, "UNDERTONE_TRANSCRIBER_URL", "transcriberURL") else {
                throw CommandFailure("--transcriber openai needs --transcriber-url (the server's address)")
            }
            do {
                return try OpenAITranscriber(
                    baseURL: url,
                    model: setting(transcriberModel, "UNDERTONE_TRANSCRIBER_MODEL", "transcriberModel") ?? "Systran/faster-whisper-tiny.en",
                    apiKey: environment["UNDERTONE_TRANSCRIBER_KEY"])
            } catch {
                throw CommandFailure("--transcriber openai: \(error)")
            }
        default:
            throw CommandFailure("--transcriber must be none, auto, whisper or openai, not \(kind)")
        }
    }

    /// `--speech-model`, `UNDERTONE_SPEECH_MODEL` or the config file's `speechModel`; auto by default.
    func modelChoice(file: [String: String]) throws -> WhisperModelChoice {
        let environment = ProcessInfo.processInfo.environment
        let name = speechModel ?? environment["UNDERTONE_SPEECH_MODEL"].flatMap { $0.isEmpty ? nil : $0 } ?? file["speechModel"] ?? "auto"
        guard let choice = WhisperModelChoice(rawValue: name) else {
            throw CommandFailure("--speech-model must be \(WhisperModelChoice.allCases.map(\.rawValue).joined(separator: ", ")), not \(name)")
        }
        return choice
    }
}
