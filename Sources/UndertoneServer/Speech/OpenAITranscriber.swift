import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import UndertoneEngine

/// A remote transcriber speaking OpenAI's audio API, `POST {base}/v1/audio/transcriptions` (multipart: `file`, `model`,
/// `language`, `response_format=json`, `temperature`), as faster-whisper-server, whisper.cpp's server, LocalAI and vLLM
/// serve it. Each utterance goes up as a 16-bit 8 kHz WAV file; the answer's `text` becomes the turn.
public struct OpenAITranscriber: Transcriber {
    public let name = "openai"
    public let concurrency: Int
    /// The server's base address (`http://127.0.0.1:8000`); `/v1/audio/transcriptions` is appended.
    public let baseURL: String
    public let model: String
    public let apiKey: String?
    /// The language asked for when the caller gives none (a call's own language, when known, is sent instead).
    public let language: String
    public let timeout: Duration
    let client: HTTPClient

    public init(
        baseURL: String, model: String, apiKey: String? = nil, language: String = "en", concurrency: Int = 2, timeout: Duration = .seconds(30),
        client: HTTPClient = .shared
    ) throws(TranscriberError) {
        guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw .unavailable("\"\(baseURL)\" is not an http(s) address")
        }
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/v1") { base.removeLast(3) }
        self.baseURL = base
        self.model = model
        self.apiKey = apiKey
        self.language = language
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.client = client
    }

    public var endpoint: String { baseURL + "/v1/audio/transcriptions" }

    public func transcribe(_ samples: [Float], sampleRate: Int, language spoken: String?) async throws(TranscriberError) -> Transcription {
        let boundary = "undertone-\(UUID().uuidString)"
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        let body = Self.multipart(
            boundary: boundary, fields: [("model", model), ("language", spoken ?? language), ("response_format", "json"), ("temperature", "0")],
            file: Self.wav(samples, rate: sampleRate))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(timeout.components.seconds)))
            let answer = try await response.body.collect(upTo: 1 << 20)
            let text = String(buffer: answer)
            guard response.status == .ok else {
                throw TranscriberError.failed("\(endpoint) answered \(response.status.code): \(text.prefix(200))")
            }
            return try Self.read(text)
        } catch let error as TranscriberError {
            throw error
        } catch {
            throw .failed("\(endpoint): \(error)")
        }
    }

    /// The answer: `{"text": "…"}` (with `segments` carrying `avg_logprob` in verbose answers, used for confidence).
    static func read(_ body: String) throws(TranscriberError) -> Transcription {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any], let text = object["text"] as? String else {
            throw .failed("the answer is not JSON with a \"text\": \(body.prefix(200))")
        }
        var confidence: Double?
        if let segments = object["segments"] as? [[String: Any]] {
            let logs = segments.compactMap { $0["avg_logprob"] as? Double }
            if !logs.isEmpty { confidence = (exp(logs.reduce(0, +) / Double(logs.count)) * 1000).rounded() / 1000 }
        }
        return Transcription(text: text.trimmingCharacters(in: .whitespacesAndNewlines), confidence: confidence)
    }

    static func multipart(boundary: String, fields: [(String, String)], file: [UInt8]) -> [UInt8] {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"utterance.wav\"\r\nContent-Type: audio/wav\r\n\r\n".utf8)
        body += file
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    /// A 16-bit PCM mono WAV file at 8 kHz.
    static func wav(_ samples: [Float], rate: Int = UtteranceCutter.sampleRate) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(44 + samples.count * 2)
        func word32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { out += $0 } }
        func word16(_ value: Int) { withUnsafeBytes(of: UInt16(value).littleEndian) { out += $0 } }
        out += Array("RIFF".utf8)
        word32(36 + samples.count * 2)
        out += Array("WAVEfmt ".utf8)
        word32(16)
        word16(1)
        word16(1)
        word32(rate)
        word32(rate * 2)
        word16(2)
        word16(16)
        out += Array("data".utf8)
        word32(samples.count * 2)
        for sample in samples {
            let value = Int16(max(-32768, min(32767, (sample * 32768).rounded())))
            withUnsafeBytes(of: value.littleEndian) { out += $0 }
        }
        return out
    }
}
