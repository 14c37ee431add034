import Foundation

/// The trained text model: emotions, polarity and the words that drove them, for one text at a time.
///
/// A linear model over hashed word and character n-grams (tf-idf weighted, see ``TextFeatures``), trained by
/// `training/train_text_model.py` with calibration folded into its weights, so a probability is one sigmoid (emotions)
/// or one softmax (polarity) away from a sparse dot product. Loaded once, shared read-only.
public final class TextModel: Sendable {
    /// Output order in the weight file: six emotions, then three polarities.
    static let outputCount = 9
    static let polarityOffset = 6

    let bits: Int
    /// Row-major `[bucket][output]`, quantised; real weight = `weights[i] * scales[output]`.
    let weights: [Int8]
    let scales: [Float]
    let bias: [Float]
    let idf: [Float]
    /// Decision threshold per emotion on the calibrated probability, chosen by cross-validation on training data.
    public let thresholds: EmotionScores
    /// Free-form facts the trainer recorded (data, date, settings).
    public let about: [String: String]
    let checks: [Check]
    /// Whether texts are folded (``foldedText(_:)``: accents off, apostrophes to spaces) before their features are
    /// computed: the Spanish and French models' `normalisation: "fold"`. The English model reads text as it comes.
    public let folds: Bool

    struct Check: Codable, Sendable {
        var text: String
        var probabilities: [Double]
    }

    struct Header: Codable {
        var version: Int
        var bits: Int
        var weightScales: [Float]
        var bias: [Float]
        var thresholds: [String: Double]
        var weightsOffset: Int
        var idfOffset: Int
        var checks: [Check]
        var about: [String: String]
        var normalisation: String?
    }

    static let magic = Array("UTM1".utf8)

    /// Parses a weight file (`UTM1`: magic, little-endian header length, JSON header, int8 weights, float16 idf).
    public init(data: Data) throws(TextModelError) {
        let bytes = [UInt8](data)
        guard bytes.count > 8, Array(bytes[0..<4]) == Self.magic else { throw .notAModelFile }
        let headerLength = Int(UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16 | UInt32(bytes[7]) << 24)
        guard 8 + headerLength <= bytes.count else { throw .truncated }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[8..<(8 + headerLength)]))
        } catch {
            throw .badHeader(String(describing: error))
        }
        guard header.version == 1 else { throw .unsupportedVersion(header.version) }
        guard header.normalisation == nil || header.normalisation == "fold" else {
            throw .badHeader("unknown normalisation \(header.normalisation ?? "")")
        }
        guard (8...24).contains(header.bits), header.weightScales.count == Self.outputCount, header.bias.count == Self.outputCount else {
            throw .badHeader("bits, weightScales or bias out of range")
        }
        let rows = 1 << header.bits
        let payload = 8 + headerLength
        let weightsStart = payload + header.weightsOffset
        let idfStart = payload + header.idfOffset
        guard weightsStart + rows * Self.outputCount <= bytes.count, idfStart + rows * 2 <= bytes.count else { throw .truncated }

        bits = header.bits
        weights = bytes[weightsStart..<(weightsStart + rows * Self.outputCount)].map { Int8(bitPattern: $0) }
        var idf = [Float](repeating: 0, count: rows)
        for row in 0..<rows {
            let at = idfStart + row * 2
            idf[row] = Float(Float16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8))
        }
        self.idf = idf
        scales = header.weightScales
        bias = header.bias
        var thresholds = EmotionScores()
        for emotion in Emotion.allCases {
            guard let value = header.thresholds[emotion.rawValue] else { throw .badHeader("no threshold for \(emotion.rawValue)") }
            thresholds[emotion] = value
        }
        self.thresholds = thresholds
        about = header.about
        checks = header.checks
        folds = header.normalisation == "fold"
    }

    public convenience init(contentsOf url: URL) throws(TextModelError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(url.path, String(describing: error)) }
        try self.init(data: data)
    }

    /// The model shipped in the engine's resources.
    public static func bundled() throws(TextModelError) -> TextModel {
        guard let url = Bundle.module.url(forResource: "emotion-model", withExtension: "utm") else {
            throw .unreadable("emotion-model.utm", "not found in the engine's resources")
        }
        return try TextModel(contentsOf: url)
    }

    /// Emotions, polarity and (optionally) explanations for one text.
    public func analyze(_ text: String, explain: Bool = true) -> TextSignal {
        analyze(features(text), explain: explain)
    }

    /// The features of `text`, folded first where the model asks for it.
    func features(_ text: String) -> TextFeatures {
        TextFeatures(folds ? foldedText(text) : text, bits: bits)
    }

    func analyze(_ features: TextFeatures, explain: Bool) -> TextSignal {
        analyze(features, sortedKeys: sortedKeys(features), explain: explain)
    }

    /// ``analyze(_:explain:)`` with the features' ``sortedKeys(_:)`` already made.
    func analyze(_ features: TextFeatures, sortedKeys: [Int64], explain: Bool) -> TextSignal {
        let values = featureValues(features, sortedKeys: sortedKeys, explain: explain)
        // Eight outputs in one vector and the ninth beside it; each output's sum still adds its terms one by one in the
        // order of the rows, as a loop over outputs would, so the result is the same to the bit.
        var first8 = SIMD8<Float>()
        var ninth: Float = 0
        weights.withUnsafeBufferPointer { weights in
            values.rows.withUnsafeBufferPointer { rows in
                values.values.withUnsafeBufferPointer { rowValues in
                    for index in 0..<rows.count {
                        let base = Int(rows[index]) * Self.outputCount
                        let value = rowValues[index]
                        let row = SIMD8<Int8>(
                            weights[base], weights[base + 1], weights[base + 2], weights[base + 3], weights[base + 4], weights[base + 5],
                            weights[base + 6], weights[base + 7])
                        first8 += value * SIMD8<Float>(row)
                        ninth += value * Float(weights[base + 8])
                    }
                }
            }
        }
        // The logits in place (no array for nine numbers): the eight of the vector, then the ninth.
        var logits = first8
        for output in 0..<8 { logits[output] = logits[output] * scales[output] + bias[output] }
        let lastLogit = ninth * scales[8] + bias[8]
        func logit(_ output: Int) -> Float { output < 8 ? logits[output] : lastLogit }
        var emotions = EmotionScores()
        var detected: [Emotion] = []
        for (index, emotion) in Emotion.allCases.enumerated() {
            let probability = Self.sigmoid(Double(logit(index)))
            emotions[emotion] = probability
            if probability >= thresholds[emotion] { detected.append(emotion) }
        }
        let polarityScores = Self.polarity(
            Double(logit(Self.polarityOffset)), Double(logit(Self.polarityOffset + 1)), Double(logit(Self.polarityOffset + 2)))
        var signal = TextSignal(emotions: emotions, polarity: polarityScores, detected: detected, explanations: [])
        if explain {
            signal.explanations = explanations(features: features, values: values, signal: signal)
        }
        return signal
    }

    /// Per distinct bucket of each group: (1 + ln count) · idf, L2-normalised within the group.
    struct FeatureValues {
        var rows: [Int32] = []
        var values: [Float] = []
        /// For each occurrence of `TextFeatures.occurrences`, the index into rows/values (made only to explain).
        var occurrenceSlot: [Int32] = []
        var counts: [Int32] = []
    }

    func featureValues(_ features: TextFeatures) -> FeatureValues {
        featureValues(features, sortedKeys: sortedKeys(features))
    }

    /// ``sortedKeys(_:bucketBits:)`` for this model's buckets.
    func sortedKeys(_ features: TextFeatures) -> [Int64] {
        Self.sortedKeys(features, bucketBits: bits)
    }

    /// Each occurrence of `features` as one integer, sorted: group and bucket (buckets of at most `bucketBits` bits, 24
    /// at most, checked when the model loads; the group just above them) in the high bits, the occurrence's position in
    /// the low 32, so that a plain integer sort orders them by (group, bucket) and then by position, as a stable sort of
    /// pairs would. The keys are made in order of position, so only the high bits need sorting: 21 of them for the
    /// shipped model's 20-bit buckets, three radix passes.
    static func sortedKeys(_ features: TextFeatures, bucketBits: Int = 24) -> [Int64] {
        let occurrences = features.occurrences
        var keyed = occurrences.indices.map { index in
            (Int64(occurrences[index].group.rawValue) << bucketBits | Int64(occurrences[index].bucket)) << 32 | Int64(index)
        }
        IntegerSort.sort(&keyed, orderedBelowBit: 32)
        return keyed
    }

    /// The values of `features` from its ``sortedKeys(_:)``.
    func featureValues(_ features: TextFeatures, sortedKeys keyed: [Int64], explain: Bool = true) -> FeatureValues {
        let occurrences = features.occurrences
        var result = FeatureValues()
        guard !occurrences.isEmpty else { return result }
        if explain { result.occurrenceSlot = [Int32](repeating: 0, count: occurrences.count) }
        // At most a slot per occurrence: reserved once rather than grown a doubling at a time.
        result.rows.reserveCapacity(occurrences.count)
        result.counts.reserveCapacity(occurrences.count)
        // The keys are in order of group, so the slots of the words come first and the characters' from `firstCharacterSlot`.
        var firstCharacterSlot: Int?
        var previous: Int64 = -1
        let bucketMask = Int64(1) << bits - 1
        for entry in keyed {
            let key = entry >> 32
            if key != previous {
                if firstCharacterSlot == nil, key >> bits != 0 { firstCharacterSlot = result.rows.count }
                result.rows.append(Int32(truncatingIfNeeded: key & bucketMask))
                result.counts.append(0)
                previous = key
            }
            let slot = result.rows.count - 1
            result.counts[slot] += 1
            if explain { result.occurrenceSlot[Int(entry & 0xFFFF_FFFF)] = Int32(slot) }
        }
        let boundary = firstCharacterSlot ?? result.rows.count
        var squares: (words: Float, characters: Float) = (0, 0)
        result.values = result.rows.indices.map { slot in
            let value = (1 + log(Float(result.counts[slot]))) * idf[Int(result.rows[slot])]
            if slot < boundary { squares.words += value * value } else { squares.characters += value * value }
            return value
        }
        let norms = (
            words: squares.words > 0 ? 1 / squares.words.squareRoot() : 0,
            characters: squares.characters > 0 ? 1 / squares.characters.squareRoot() : 0
        )
        for slot in result.values.indices { result.values[slot] *= slot < boundary ? norms.words : norms.characters }
        return result
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// The softmax of the three polarity logits, computed as a softmax over an array of them would be, to the bit.
    static func polarity(_ negative: Double, _ neutral: Double, _ positive: Double) -> PolarityScores {
        let top = max(max(negative, neutral), positive)
        let e = (exp(negative - top), exp(neutral - top), exp(positive - top))
        let sum = 0 + e.0 + e.1 + e.2
        return PolarityScores(negative: e.0 / sum, neutral: e.1 / sum, positive: e.2 / sum)
    }

    /// Checks that this build computes what the trainer computed for the texts it recorded; returns the largest gap.
    public func selfCheck() -> Double {
        var worst = 0.0
        for check in checks {
            let signal = analyze(check.text, explain: false)
            let ours = Emotion.allCases.map { signal.emotions[$0] } + Polarity.allCases.map { signal.polarity[$0] }
            for (a, b) in zip(ours, check.probabilities) { worst = max(worst, abs(a - b)) }
        }
        return worst
    }
}

/// Why a weight file could not be used.
public enum TextModelError: Error, Equatable, CustomStringConvertible {
    case notAModelFile
    case truncated
    case badHeader(String)
    case unsupportedVersion(Int)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .notAModelFile: "not an Undertone text model (bad magic)"
        case .truncated: "the model file is truncated"
        case .badHeader(let why): "the model file's header is invalid: \(why)"
        case .unsupportedVersion(let version): "model format version \(version) is not supported"
        case .unreadable(let path, let why): "cannot read model \(path): \(why)"
        }
    }
}
