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

    @Option(help: "With --transcriber openai: the server's address, e.g. http://127.0.0.1:8000 (POST /v1/audio/transcriptions).")
    var transcriberURL: String?

    @Option(help: "With --transcriber openai: the model to ask for (default Systran/faster-whisper-tiny.en).")
    var transcriberModel: String?

    init() {}

    init(transcriber: String?, speechDir: String?, speechDecoders: Int?, speechThreads: Int?) {
        self.transcriber = transcriber
        self.speechDir = speechDir
        self.speechDecoders = speechDecoders
        self.speechThreads = speechThreads
    }

    /// The transcriber these flags (then `UNDERTONE_TRANSCRIBER`, `UNDERTONE_SPEECH_DIR`, `UNDERTONE_TRANSCRIBER_URL`,
    /// `UNDERTONE_TRANSCRIBER_MODEL`, `UNDERTONE_TRANSCRIBER_KEY`, then the config file's keys) ask for; nil for none.
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
            guard WhisperInstallation(directory: directory).missing == nil else { return nil }
            return try SpeechOptions(transcriber: "whisper", speechDir: directory, speechDecoders: speechDecoders, speechThreads: speechThreads)
                .make(file: file)
        case "whisper":
            if let speechDecoders, !(1...16).contains(speechDecoders) { throw CommandFailure("--speech-decoders must be 1 to 16") }
            if let speechThreads, !(1...64).contains(speechThreads) { throw CommandFailure("--speech-threads must be 1 to 64") }
            let directory = setting(speechDir, "UNDERTONE_SPEECH_DIR", "speechDir") ?? WhisperInstallation.defaultDirectory
            do {
                return try WhisperTranscriber(
                    installation: WhisperInstallation(directory: directory), decoders: speechDecoders ?? 1, threadsPerDecoder: speechThreads)
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
}
