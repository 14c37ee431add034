import CWhisper
import Foundation
import UndertoneEngine

/// The Whisper models `scripts/install-speech.sh` can install.
public enum WhisperModel: String, Sendable, CaseIterable {
    /// Whisper tiny.en: English only, the default installation.
    case english = "tiny.en"
    /// Whisper base: 99 languages (`scripts/install-speech.sh --multilingual`).
    case multilingual = "base"

    /// The model's file inside the installation's `models/`.
    public var fileName: String { "ggml-\(rawValue).bin" }
}

/// Which installed model reads a call.
public enum WhisperModelChoice: String, Sendable, CaseIterable {
    /// English calls by tiny.en, calls in any other language (or none known) by the multilingual model; whichever of the
    /// two is installed when only one is.
    case auto
    /// tiny.en only.
    case english = "tiny.en"
    /// The multilingual model only, English calls included.
    case multilingual = "base"
}

/// Where `scripts/install-speech.sh` puts whisper.cpp and the models, and how to find them.
public struct WhisperInstallation: Sendable, Equatable {
    public var library: String
    /// Each model's file, installed or not.
    public var models: [WhisperModel: String]

    public init(library: String, models: [WhisperModel: String]) {
        self.library = library
        self.models = models
    }

    /// The default folder: `$UNDERTONE_SPEECH_DIR`, else `~/.local/share/undertone/speech` (the install script's).
    public static var defaultDirectory: String {
        if let configured = ProcessInfo.processInfo.environment["UNDERTONE_SPEECH_DIR"], !configured.isEmpty { return configured }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/undertone/speech").path
    }

    /// The files inside an installation folder.
    public init(directory: String = Self.defaultDirectory) {
        let root = URL(fileURLWithPath: directory)
        library = root.appendingPathComponent("lib/libwhisper.so.1").path
        models = Dictionary(uniqueKeysWithValues: WhisperModel.allCases.map { ($0, root.appendingPathComponent("models/\($0.fileName)").path) })
    }

    /// The models whose files are there.
    public var installed: Set<WhisperModel> {
        Set(models.filter { FileManager.default.fileExists(atPath: $0.value) }.keys)
    }

    /// The models `choice` would load from what is installed.
    public func models(for choice: WhisperModelChoice) -> Set<WhisperModel> {
        switch choice {
        case .auto: installed
        case .english: installed.intersection([.english])
        case .multilingual: installed.intersection([.multilingual])
        }
    }

    /// What is missing, in words an operator can act on; nil when the library and a model `choice` accepts are there.
    public func missing(for choice: WhisperModelChoice = .auto) -> String? {
        var absent: [String] = []
        if !FileManager.default.fileExists(atPath: library) { absent.append(library) }
        if models(for: choice).isEmpty {
            switch choice {
            case .auto: absent.append(models[.english] ?? "a model")
            case .english: absent.append(models[.english] ?? "tiny.en")
            case .multilingual:
                absent.append(models[.multilingual] ?? "base")
                return "\(absent.joined(separator: " and ")) not found: install the multilingual model with scripts/install-speech.sh --multilingual "
                    + "(or point --speech-dir / UNDERTONE_SPEECH_DIR at its folder)"
            }
        }
        guard !absent.isEmpty else { return nil }
        return "\(absent.joined(separator: " and ")) not found: install the embedded transcriber with scripts/install-speech.sh "
            + "(or point --speech-dir / UNDERTONE_SPEECH_DIR at its folder)"
    }

    /// What is missing for the default choice.
    public var missing: String? { missing(for: .auto) }
}

/// How whisper.cpp decodes each utterance: the settings that trade a little accuracy for time (docs/speech.md has the
/// measurements behind the defaults).
public struct WhisperDecoding: Sendable, Equatable {
    /// Frames of tiny.en's encoder context (20 ms each) added to the utterance's own length; nil encodes the full 30 s
    /// window whatever the utterance's length (whisper.cpp's default, and the slowest). Fitted, tiny.en reads as well.
    public var audioContextPadding: Int? = 128
    /// The same for the multilingual model: the full window by default, since base read Spanish far worse with any
    /// shorter one (docs/speech.md, "Decoding").
    public var multilingualAudioContextPadding: Int? = nil
    /// Whether a decode that fails whisper.cpp's entropy check (a repetitive one) is tried again at higher temperatures;
    /// nil: where the window is full, since the retry reruns only the decoder there and without it base loops on hard
    /// audio, and not where it is fitted, where a looping decode is redone in full instead.
    public var temperatureFallback: Bool? = nil

    public init(audioContextPadding: Int? = 128, multilingualAudioContextPadding: Int? = nil, temperatureFallback: Bool? = nil) {
        self.audioContextPadding = audioContextPadding
        self.multilingualAudioContextPadding = multilingualAudioContextPadding
        self.temperatureFallback = temperatureFallback
    }

    /// The settings for one model: its own padding in `audioContextPadding`, the one `audioContext(samples:)` reads.
    func `for`(_ model: WhisperModel) -> WhisperDecoding {
        var decoding = self
        if model == .multilingual { decoding.audioContextPadding = multilingualAudioContextPadding }
        return decoding
    }

    /// whisper.cpp's own settings: the full window, temperature fallback.
    public static let full = WhisperDecoding(audioContextPadding: nil, multilingualAudioContextPadding: nil, temperatureFallback: true)

    /// The most text tokens a decode of `count` samples at 16 kHz may produce: ten a second and sixteen more, well above
    /// anyone's speech (about seven a second for fast Spanish, punctuation included) and far below the 224 a decode stuck
    /// in a loop runs to — and each temperature retry with it: a 4 s utterance that looped cost up to 50 s of CPU.
    static func maxTokens(samples count: Int) -> Int {
        count * 10 / 16_000 + 16
    }

    /// The encoder's context for `count` samples at 16 kHz (0: the full window).
    func audioContext(samples count: Int) -> Int {
        guard let audioContextPadding else { return 0 }
        let frames = (count * 50 + 15_999) / 16_000
        let context = frames + audioContextPadding
        return context >= 1_500 ? 0 : context
    }
}

/// Whisper through whisper.cpp, in process: the library is loaded at run time (the product builds and runs without
/// it), the models once, and each utterance is decoded on one of the transcriber's own threads — never on Swift's
/// cooperative pool, which a 1–2 s decode would starve. `decoders` threads each keep their own decoding state and take
/// utterances from one queue; `threadsPerDecoder` is whisper.cpp's own parallelism inside a decode.
///
/// With both models installed (`.auto`), English utterances go to tiny.en and the others to the multilingual model,
/// which is told the call's language, or detects it when the call's is not known.
public final class WhisperTranscriber: Transcriber {
    public let name = "whisper"
    public let concurrency: Int
    /// The library's version ("1.8.5").
    public let version: String
    /// The models loaded.
    public let models: Set<WhisperModel>
    public let decoding: WhisperDecoding
    private let queue: DecodeQueue
    /// Kept for the decoders' lifetime (whisper.cpp's contexts are never freed: a thread may still be in one).
    private let loaded: [WhisperModel: LoadedModel]

    /// Loads the library and the models; throws `.unavailable` with the reason when they cannot be used.
    public init(
        installation: WhisperInstallation, models choice: WhisperModelChoice = .auto, decoders: Int = 1, threadsPerDecoder: Int? = nil,
        decoding: WhisperDecoding = WhisperDecoding(), verbose: Bool = false
    ) throws(TranscriberError) {
        if let missing = installation.missing(for: choice) { throw .unavailable(missing) }
        var loaded: [WhisperModel: LoadedModel] = [:]
        for model in installation.models(for: choice).sorted(by: { $0.rawValue > $1.rawValue }) {
            var error = [CChar](repeating: 0, count: 1024)
            guard let handle = ut_whisper_open(installation.library, installation.models[model], verbose ? 1 : 0, &error, error.count) else {
                throw .unavailable(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            if (ut_whisper_is_multilingual(handle) != 0) != (model == .multilingual) {
                throw .unavailable("\(installation.models[model] ?? model.fileName) is not the \(model.rawValue) model it is named after")
            }
            loaded[model] = LoadedModel(handle: handle)
        }
        guard let first = loaded.values.first else { throw .unavailable("no Whisper model installed") }
        self.loaded = loaded
        version = String(cString: ut_whisper_version(first.handle))
        models = Set(loaded.keys)
        self.decoding = decoding
        concurrency = max(1, decoders)
        let threads = threadsPerDecoder ?? max(1, min(4, ProcessInfo.processInfo.activeProcessorCount / concurrency))
        queue = DecodeQueue()
        for index in 0..<concurrency {
            var states: [WhisperModel: DecoderHandle] = [:]
            for (model, handle) in loaded {
                guard let decoder = ut_whisper_decoder_create(handle.handle) else { throw .unavailable("whisper.cpp could not allocate a decoder") }
                states[model] = DecoderHandle(pointer: decoder)
            }
            let worker = Decoders(states: states)
            let thread = Thread { [queue] in queue.serve(worker, threads: threads, decoding: decoding) }
            thread.name = "undertone-whisper-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The model that reads speech in `language` (nil: not known).
    public func model(for language: String?) -> WhisperModel {
        if language == "en", models.contains(.english) { return .english }
        return models.contains(.multilingual) ? .multilingual : .english
    }

    public func transcribe(_ samples: [Float], sampleRate: Int, language: String?) async throws(TranscriberError) -> Transcription {
        // Whisper reads 16 kHz: wideband audio as it came, the telephone band brought up from 8 kHz.
        var input = samples
        if sampleRate != 16_000 {
            guard sampleRate > 0 else { throw .failed("a sample rate of \(sampleRate) Hz") }
            var resampler = Resampler(from: sampleRate, to: 16_000)
            var wide = ContiguousArray<Float>()
            wide.reserveCapacity(samples.count * 16_000 / sampleRate + 64)
            resampler.process(ContiguousArray(samples), into: &wide)
            resampler.finish(into: &wide)
            input = Array(wide)
        }
        let model = model(for: language)
        let result: Result<Transcription, TranscriberError> = await withCheckedContinuation { reply in
            queue.submit(DecodeJob(samples: input, model: model, language: model == .english ? "en" : language, reply: reply))
        }
        return try result.get()
    }

    /// Stops the decoding threads once they finish what is queued. The models stay loaded (a thread may still be in one).
    public func shutdown() {
        queue.stop()
    }

    deinit {
        queue.stop()
    }
}

/// The loaded model, shared read-only by the decoders.
// @unchecked Sendable: whisper.cpp's context is immutable after loading and safe to share between decoding states.
private final class LoadedModel: @unchecked Sendable {
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }
}

/// One decoder's state for one model.
// @unchecked Sendable: used by exactly one thread, the decoder thread it was made for.
private final class DecoderHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(pointer: OpaquePointer) { self.pointer = pointer }
}

/// A decoder thread's states, one per loaded model.
private struct Decoders: Sendable {
    var states: [WhisperModel: DecoderHandle]
}

private struct DecodeJob: Sendable {
    var samples: [Float]
    var model: WhisperModel
    var language: String?
    var reply: CheckedContinuation<Result<Transcription, TranscriberError>, Never>
}

/// The jobs waiting for a decoder thread.
// @unchecked Sendable: every field is read and written under `condition`.
private final class DecodeQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [DecodeJob] = []
    private var stopped = false

    func submit(_ job: DecodeJob) {
        condition.lock()
        if stopped {
            condition.unlock()
            job.reply.resume(returning: .failure(.failed("the transcriber has shut down")))
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// A decoder thread's loop: one job at a time until stopped and drained. A first decode of a moment's silence
    /// warms each decoder up (whisper.cpp sizes its buffers on the first run), so the first caller's words are not late.
    func serve(_ decoders: Decoders, threads: Int, decoding: WhisperDecoding) {
        for (model, decoder) in decoders.states {
            _ = Self.decodeOnce(
                [Float](repeating: 0, count: 8_000), language: model == .english ? "en" : "es", decoder: decoder, threads: threads,
                decoding: decoding.for(model)
            )
        }
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            guard let decoder = decoders.states[job.model] else {
                job.reply.resume(returning: .failure(.failed("the \(job.model.rawValue) model is not loaded")))
                continue
            }
            job.reply.resume(
                returning: Self.decode(job.samples, language: job.language, decoder: decoder, threads: threads, decoding: decoding.for(job.model)))
        }
    }

    /// One utterance. A shortened window now and then makes Whisper repeat itself (a phrase over and over, far more
    /// tokens than the audio holds): such a decode is done again with whisper.cpp's own settings, the full window and
    /// temperature fallback.
    private static func decode(
        _ samples: [Float], language: String?, decoder: DecoderHandle, threads: Int, decoding: WhisperDecoding
    ) -> Result<Transcription, TranscriberError> {
        let first = decodeOnce(samples, language: language, decoder: decoder, threads: threads, decoding: decoding)
        // Only a shortened window is redone: a full-window decode would cost as much again and loop the same way.
        guard decoding.audioContext(samples: samples.count) != 0, case .success(let heard) = first,
            heard.looped(seconds: Double(samples.count) / 16_000)
        else { return first }
        return decodeOnce(samples, language: language, decoder: decoder, threads: threads, decoding: .full)
    }

    private static func decodeOnce(
        _ samples: [Float], language: String?, decoder: DecoderHandle, threads: Int, decoding: WhisperDecoding
    ) -> Result<Transcription, TranscriberError> {
        var result = ut_whisper_result()
        let status = samples.withUnsafeBufferPointer { buffer in
            withOptionalCString(language) { language in
                let options = ut_whisper_options(
                    threads: Int32(threads), language: language, audio_ctx: Int32(decoding.audioContext(samples: buffer.count)),
                    temperature_fallback: (decoding.temperatureFallback ?? (decoding.audioContext(samples: buffer.count) == 0)) ? 1 : 0,
                    max_tokens: Int32(WhisperDecoding.maxTokens(samples: buffer.count)))
                return ut_whisper_decode(decoder.pointer, buffer.baseAddress, Int32(buffer.count), options, &result)
            }
        }
        guard status == 0, let text = result.text else { return .failure(.failed("whisper.cpp returned \(status)")) }
        let words = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        let confidence = result.tokens > 0 ? (Double(result.mean_probability) * 1000).rounded() / 1000 : nil
        return .success(
            Transcription(text: words, confidence: confidence.map { min(1, max(0, $0)) }, language: result.language.map { String(cString: $0) }))
    }
}

private func withOptionalCString<Result>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> Result) -> Result {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}

extension Transcription {
    /// Whether the words look like Whisper stuck in a loop: a word said four times running, a phrase of two words three
    /// times running, a phrase of three words or more (a whole sentence, often) twice running, or more words or
    /// characters than anyone says in the audio's length (six words a second; thirty characters, for scripts without
    /// spaces).
    func looped(seconds: Double) -> Bool {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" }
        if Double(words.count) > 6 * seconds + 4 || Double(text.count) > 30 * seconds + 20 { return true }
        for size in 1...12 {
            let needed = size == 1 ? 4 : size == 2 ? 3 : 2
            guard words.count >= size * needed else { break }
            for index in 0...(words.count - size * needed) {
                let phrase = words[index..<index + size]
                if (1..<needed).allSatisfy({ words[(index + size * $0)..<(index + size * ($0 + 1))].elementsEqual(phrase) }) { return true }
            }
        }
        return false
    }
}
