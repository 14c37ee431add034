import Foundation

extension LabelledSets {
    /// XED's Plutchik labels mapped onto the taxonomy: anger and disgust → frustration, fear → anxiety, sadness →
    /// sadness, joy and trust → satisfaction; anticipation (2) and surprise (7) map to none.
    static let xedTaxonomy: [Int: Emotion] = [1: .frustration, 3: .frustration, 4: .anxiety, 6: .sadness, 5: .satisfaction, 8: .satisfaction]

    /// Parses one of XED's projection files (`LANG-projections.tsv`: text TAB label ids) and keeps its dev lines: those
    /// whose CRC-32 is a multiple of ten, the lines `training/languages` never trains on. Lines whose labels map to no
    /// emotion of ours are left out; polarity is negative (anger, disgust, fear, sadness) or positive (joy, trust) when
    /// the labels agree, none otherwise. XED has no neutral lines.
    public static func xedDev(projections contents: String) throws(LabelledSetError) -> [LabelledText] {
        var result: [LabelledText] = []
        // Split on any line break: the files end their lines with CRLF, one Character in Swift.
        for (index, line) in contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            // A few lines hold a tab in their text; the trainer leaves them out, and so does the evaluation.
            guard fields.count == 2 else { continue }
            let text = String(fields[0])
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty, CRC32.shared.checksum(text) % 10 == 0 else { continue }
            var ids = Set<Int>()
            for id in fields[1].split(separator: ",") {
                guard let number = Int(id.trimmingCharacters(in: .whitespaces)), (1...8).contains(number) else {
                    throw .malformed(line: index + 1, "unknown label \(id)")
                }
                ids.insert(number)
            }
            let emotions = Set(ids.compactMap { xedTaxonomy[$0] })
            guard !emotions.isEmpty else { continue }
            let negative = !ids.isDisjoint(with: [1, 3, 4, 6])
            let positive = !ids.isDisjoint(with: [5, 8])
            let polarity: Polarity? = negative && !positive ? .negative : positive && !negative ? .positive : nil
            result.append(LabelledText(id: String(index + 1), text: text, emotions: emotions, polarity: polarity))
        }
        return result
    }
}
