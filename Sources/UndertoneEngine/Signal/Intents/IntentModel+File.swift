import Foundation

/// The intent model file (`.uti`), version 1:
///
/// ```
/// "UTIM"                magic, 4 bytes
/// header length         UInt32, little-endian
/// header                JSON: version, labels, features, threshold, temperature, featureCount, checksum, about
///                       (labels in the order of the weights; `out_of_scope` among them is a learned out-of-scope class)
/// keys                  featureCount × UInt64 LE, ascending (the hashed features; top bit = group)
/// idf                   featureCount × Float16 LE
/// bias                  labels.count × Float32 LE
/// weights               featureCount × labels.count × Float16 LE, row-major [feature][label]
/// ```
///
/// `checksum` is the CRC-32 of everything after the header. Weights are rounded to Float16 when training ends, so a
/// model saved and loaded again predicts exactly what it predicted before.
extension IntentModel {
    static let magic = Array("UTIM".utf8)
    static let fileVersion = 1

    struct Header: Codable {
        var version: Int
        var labels: [String]
        var features: IntentFeatureSettings
        var threshold: Double
        var temperature: Double
        var featureCount: Int
        var checksum: UInt32
        var about: [String: String]
    }

    /// Parses a model file.
    public init(data: Data) throws(IntentModelError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, Array(bytes[0..<4]) == Self.magic else { throw .notAModelFile }
        let headerLength = Int(Self.readUInt32(bytes, at: 4))
        guard 8 + headerLength <= bytes.count else { throw .truncated }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[8..<(8 + headerLength)]))
        } catch {
            throw .badHeader(String(describing: error))
        }
        guard header.version == Self.fileVersion else { throw .unsupportedVersion(header.version) }
        let labelCount = header.labels.count
        let featureCount = header.featureCount
        guard header.labels.filter({ $0 != Self.outOfScope }).count >= 2, Set(header.labels).count == labelCount else {
            throw .badHeader("labels must be distinct, and at least two besides \(Self.outOfScope)")
        }
        guard header.features.isValid, featureCount >= 0, featureCount <= 1 << 26, header.temperature > 0,
            (0...1).contains(header.threshold)
        else { throw .badHeader("features, featureCount, temperature or threshold out of range") }
        let payload = 8 + headerLength
        let expected = payload + featureCount * (8 + 2) + labelCount * 4 + featureCount * labelCount * 2
        guard bytes.count >= expected else { throw .truncated }
        guard bytes.count == expected else { throw .badHeader("\(bytes.count - expected) unexpected bytes after the weights") }
        let checksum = ~CRC32.shared.update(CRC32.initial, bytes[payload...])
        guard checksum == header.checksum else { throw .checksumMismatch }

        var at = payload
        var keys = [UInt64](repeating: 0, count: featureCount)
        for index in 0..<featureCount {
            keys[index] = UInt64(Self.readUInt32(bytes, at: at)) | UInt64(Self.readUInt32(bytes, at: at + 4)) << 32
            at += 8
            if index > 0, keys[index] <= keys[index - 1] { throw .badHeader("feature keys are not in ascending order") }
        }
        var idf = [Float](repeating: 0, count: featureCount)
        for index in 0..<featureCount {
            idf[index] = Self.readFloat16(bytes, at: at)
            at += 2
        }
        var bias = [Float](repeating: 0, count: labelCount)
        for index in 0..<labelCount {
            bias[index] = Float(bitPattern: Self.readUInt32(bytes, at: at))
            at += 4
        }
        var weights = [Float](repeating: 0, count: featureCount * labelCount)
        for index in weights.indices {
            weights[index] = Self.readFloat16(bytes, at: at)
            at += 2
        }
        guard idf.allSatisfy(\.isFinite), bias.allSatisfy(\.isFinite), weights.allSatisfy(\.isFinite) else {
            throw .badHeader("non-finite numbers in the weights")
        }
        self.init(
            classes: header.labels, threshold: header.threshold, temperature: header.temperature, about: header.about,
            vocabulary: IntentVocabulary(settings: header.features, keys: keys, idf: idf),
            linear: LinearWeights(featureCount: featureCount, classCount: labelCount, weights: weights, bias: bias))
    }

    /// Reads a model file.
    public init(contentsOf url: URL) throws(IntentModelError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(url.path, String(describing: error)) }
        try self.init(data: data)
    }

    /// The model as a file's bytes (see the format above); `IntentModel(data:)` reads it back.
    public func serialized() -> Data {
        var payload: [UInt8] = []
        let featureCount = vocabulary.count
        payload.reserveCapacity(featureCount * (10 + 2 * classes.count) + 4 * classes.count)
        for key in vocabulary.keys {
            Self.append(UInt32(truncatingIfNeeded: key), to: &payload)
            Self.append(UInt32(truncatingIfNeeded: key >> 32), to: &payload)
        }
        for value in vocabulary.idf { Self.appendFloat16(value, to: &payload) }
        for value in linear.bias { Self.append(value.bitPattern, to: &payload) }
        for value in linear.weights { Self.appendFloat16(value, to: &payload) }
        let header = Header(
            version: Self.fileVersion, labels: classes, features: vocabulary.settings, threshold: threshold,
            temperature: temperature, featureCount: featureCount, checksum: ~CRC32.shared.update(CRC32.initial, payload), about: about)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a struct of strings and numbers cannot fail.
        let headerBytes = [UInt8](try! encoder.encode(header))
        var file = Self.magic
        Self.append(UInt32(headerBytes.count), to: &file)
        file += headerBytes
        file += payload
        return Data(file)
    }

    private static func readUInt32(_ bytes: [UInt8], at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    private static func readFloat16(_ bytes: [UInt8], at: Int) -> Float {
        Float(Float16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8))
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8 & 0xFF))
        bytes.append(UInt8(value >> 16 & 0xFF))
        bytes.append(UInt8(value >> 24))
    }

    private static func appendFloat16(_ value: Float, to bytes: inout [UInt8]) {
        let bits = Float16(value).bitPattern
        bytes.append(UInt8(bits & 0xFF))
        bytes.append(UInt8(bits >> 8))
    }
}

/// Why an intent model file could not be used.
public enum IntentModelError: Error, Equatable, CustomStringConvertible {
    case notAModelFile
    case truncated
    case badHeader(String)
    case unsupportedVersion(Int)
    case checksumMismatch
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .notAModelFile: "not an Undertone intent model (bad magic)"
        case .truncated: "the intent model file is truncated"
        case .badHeader(let why): "the intent model file is invalid: \(why)"
        case .unsupportedVersion(let version):
            "intent model format version \(version) is not supported (this build reads version \(IntentModel.fileVersion))"
        case .checksumMismatch: "the intent model file is corrupt (checksum mismatch)"
        case .unreadable(let path, let why): "cannot read intent model \(path): \(why)"
        }
    }
}
