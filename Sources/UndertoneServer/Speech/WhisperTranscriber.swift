import CWhisper
import Foundation
import UndertoneEngine

/// Where `scripts/install-speech.sh` puts whisper.cpp and the model, and how to find them.
public struct WhisperInstallation: Sendable, Equatable {
    public var library: String
    public var model: String

    public init(library: String, model: String) {
        self.library = library
        self.model = model
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
        model = root.appendingPathComponent("models/ggml-tiny.en.bin").path
    }

    /// What is missing, in words an operator can act on; nil when both files are there.
    public var missing: String? {
        let absent = [library, model].filter { !FileManager.default.fileExists(atPath: $0) }
        guard !absent.isEmpty else { return nil }
        return "\(absent.joined(separator: " and ")) not found: install the embedded transcriber with scripts/install-speech.sh "
            + "(or point --speech-dir / UNDERTONE_SPEECH_DIR at its folder)"
    }
}

/// Whisper through whisper.cpp, in process: the library is loaded at run time (the product builds and runs without
/// it), the model once, and each utterance is decoded on one of the transcriber's own threads — never on Swift's
/// cooperative pool, which a 1–2 s decode would starve. `decoders` threads each keep their own decoding state and take
/// utterances from one queue; `threadsPerDecoder` is whisper.cpp's own parallelism inside a decode.
public final class WhisperTranscriber: Transcriber {
    public let name = "whisper"
    public let concurrency: Int
    /// The library's version ("1.8.5").
    public let version: String
    private let model: LoadedModel
    private let queue: DecodeQueue

    /// Loads the library and the model; throws `.unavailable` with the reason when either cannot be used.
    public init(installation: WhisperInstallation, decoders: Int = 1, threadsPerDecoder: Int? = nil, verbose: Bool = false) throws(TranscriberError) {
        if let missing = installation.missing { throw .unavailable(missing) }
        var error = [CChar](repeating: 0, count: 1024)
        guard let handle = ut_whisper_open(installation.library, installation.model, verbose ? 1 : 0, &error, error.count) else {
            throw .unavailable(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        model = LoadedModel(handle: handle)
        version = String(cString: ut_whisper_version(handle))
        concurrency = max(1, decoders)
        let threads = threadsPerDecoder ?? max(1, min(4, ProcessInfo.processInfo.activeProcessorCount / concurrency))
        queue = DecodeQueue()
        for index in 0..<concurrency {
            guard let decoder = ut_whisper_decoder_create(handle) else { throw .unavailable("whisper.cpp could not allocate a decoder") }
            let worker = DecoderHandle(pointer: decoder)
            let thread = Thread { [queue] in queue.serve(worker, threads: threads) }
            thread.name = "undertone-whisper-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    public func transcribe(_ samples: [Float]) async throws(TranscriberError) -> Transcription {
        // Whisper reads 16 kHz: the telephone band brought up from 8 kHz.
        var resampler = Resampler(from: UtteranceCutter.sampleRate, to: 16_000)
        var wide = ContiguousArray<Float>()
        wide.reserveCapacity(samples.count * 2 + 64)
        resampler.process(ContiguousArray(samples), into: &wide)
        resampler.finish(into: &wide)
        let input = Array(wide)
        let result: Result<Transcription, TranscriberError> = await withCheckedContinuation { reply in
            queue.submit(DecodeJob(samples: input, reply: reply))
        }
        return try result.get()
    }

    /// Stops the decoding threads once they finish what is queued. The model stays loaded (a thread may still be in it).
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

/// One decoder's state.
// @unchecked Sendable: used by exactly one thread, the decoder thread it was made for.
private final class DecoderHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(pointer: OpaquePointer) { self.pointer = pointer }
}

private struct DecodeJob: Sendable {
    var samples: [Float]
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
    /// warms the decoder up (whisper.cpp sizes its buffers on the first run), so the first caller's words are not late.
    func serve(_ decoder: DecoderHandle, threads: Int) {
        _ = Self.decode([Float](repeating: 0, count: 8_000), decoder: decoder, threads: threads)
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.reply.resume(returning: Self.decode(job.samples, decoder: decoder, threads: threads))
        }
    }

    private static func decode(_ samples: [Float], decoder: DecoderHandle, threads: Int) -> Result<Transcription, TranscriberError> {
        var result = ut_whisper_result()
        let status = samples.withUnsafeBufferPointer { buffer in
            ut_whisper_decode(decoder.pointer, buffer.baseAddress, Int32(buffer.count), Int32(threads), &result)
        }
        guard status == 0, let text = result.text else { return .failure(.failed("whisper.cpp returned \(status)")) }
        let words = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        let confidence = result.tokens > 0 ? (Double(result.mean_probability) * 1000).rounded() / 1000 : nil
        return .success(Transcription(text: words, confidence: confidence.map { min(1, max(0, $0)) }))
    }
}
