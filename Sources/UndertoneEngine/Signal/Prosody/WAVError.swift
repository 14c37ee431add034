/// Why a WAV file could not be read. Descriptions say what was wrong in words a caller can act on.
public enum WAVError: Error, Equatable, CustomStringConvertible {
    /// The bytes do not start with a RIFF/WAVE header.
    case notWAV
    /// The file ends inside a header or a chunk: what was cut short.
    case truncated(String)
    /// A required chunk (`fmt ` or `data`) is missing.
    case missingChunk(String)
    /// The samples are coded in a way this reader does not decode (format tag and bits per sample as the file states).
    case unsupportedEncoding(formatTag: Int, bitsPerSample: Int)
    /// More than two channels, or none.
    case unsupportedChannels(Int)
    /// A sample rate that is not one of `WAVFile.sampleRates` (below 8000 Hz there is too little bandwidth for voice).
    case unsupportedSampleRate(Int)
    /// The format chunk contradicts itself (a block size that does not match the channels and sample size).
    case invalidFormat(String)

    public var description: String {
        switch self {
        case .notWAV: "not a WAV file (no RIFF/WAVE header)"
        case .truncated(let what): "truncated WAV file: \(what)"
        case .missingChunk(let chunk): "WAV file has no \"\(chunk)\" chunk"
        case .unsupportedEncoding(let tag, let bits):
            "unsupported WAV encoding (format tag \(tag), \(bits) bits a sample); expected 16-bit PCM, 8-bit µ-law or 8-bit A-law"
        case .unsupportedChannels(let count): "unsupported WAV channel count \(count); expected mono or stereo"
        case .unsupportedSampleRate(let rate):
            "unsupported WAV sample rate \(rate) Hz; expected one of \(WAVFile.sampleRates.map(String.init).joined(separator: ", "))"
        case .invalidFormat(let why): "invalid WAV format chunk: \(why)"
        }
    }
}
