import Foundation

/// A sparse feature vector: ascending column indices and their values.
struct SparseVector: Sendable, Equatable {
    var indices: [Int32] = []
    var values: [Float] = []
    /// How many distinct known word features (words, word pairs) the text has; a text with none is out of scope.
    var knownWords = 0
}

/// The features an intent model knows (the ones seen often enough in training) with their inverse document frequency,
/// and the step from a text to its weighted vector: sublinear term frequency (1 + ln count) × idf, L2-normalised
/// within each group (words, characters) so that neither group drowns the other.
struct IntentVocabulary: Sendable {
    let settings: IntentFeatureSettings
    /// Feature keys in ascending order; a key's position is its column.
    let keys: [UInt64]
    let idf: [Float]
    private let columns: ColumnTable

    init(settings: IntentFeatureSettings, keys: [UInt64], idf: [Float]) {
        self.settings = settings
        self.keys = keys
        self.idf = idf
        columns = ColumnTable(keys)
    }

    /// Learns the vocabulary of a training set: features present in at least `minimumCount` texts, smoothed idf
    /// `ln((1 + n) / (1 + df)) + 1`, rounded to what the model file stores (Float16) so a saved model reads alike.
    init(learning texts: [[UInt64]], settings: IntentFeatureSettings, minimumCount: Int) {
        var documentCounts: [UInt64: Int32] = [:]
        for keys in texts {
            for key in Set(keys) { documentCounts[key, default: 0] += 1 }
        }
        let kept = documentCounts.filter { $0.value >= minimumCount }.sorted { $0.key < $1.key }
        let total = Float(texts.count)
        self.init(
            settings: settings, keys: kept.map(\.key),
            idf: kept.map { Float(Float16(log((1 + total) / (1 + Float($0.value))) + 1)) })
    }

    var count: Int { keys.count }

    func column(of key: UInt64) -> Int32? { columns[key] }

    func vector(_ text: String) -> SparseVector {
        vector(keys: IntentFeatures.keys(text, settings: settings))
    }

    func vector(keys textKeys: [UInt64]) -> SparseVector {
        var found: [Int32] = []
        found.reserveCapacity(textKeys.count)
        var groups: [Bool] = []
        groups.reserveCapacity(textKeys.count)
        for key in textKeys {
            if let column = columns[key] { found.append(column) }
        }
        guard !found.isEmpty else { return SparseVector() }
        IntegerSort.sort(&found)
        var vector = SparseVector()
        vector.indices.reserveCapacity(found.count)
        vector.values.reserveCapacity(found.count)
        var squares: (words: Float, characters: Float) = (0, 0)
        var start = 0
        while start < found.count {
            var end = start + 1
            while end < found.count, found[end] == found[start] { end += 1 }
            let column = Int(found[start])
            let value = (1 + log(Float(end - start))) * idf[column]
            let isCharacter = IntentFeatures.group(of: keys[column]) == .characters
            if isCharacter {
                squares.characters += value * value
            } else {
                squares.words += value * value
                vector.knownWords += 1
            }
            vector.indices.append(found[start])
            vector.values.append(value)
            groups.append(isCharacter)
            start = end
        }
        let wordScale = squares.words > 0 ? 1 / squares.words.squareRoot() : 0
        let characterScale = squares.characters > 0 ? 1 / squares.characters.squareRoot() : 0
        for slot in vector.values.indices {
            vector.values[slot] *= groups[slot] ? characterScale : wordScale
        }
        return vector
    }
}
