import Foundation

/// Text as the Spanish and French readers see it, computed exactly as `training/languages/text_forms.py` computes it:
/// accents taken off ("inútiles" → "inutiles", "ñ" → "n", "ç" → "c"), the ligatures œ and æ spelled out, and
/// apostrophes turned into spaces ("j'en ai marre" → "j en ai marre"). Typed text and a recogniser's output without
/// accents then read the same.
public func foldedText(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
        if scalar.properties.generalCategory == .nonspacingMark { continue }
        switch scalar {
        case "\u{0153}": out.append(contentsOf: "oe".unicodeScalars)
        case "\u{0152}": out.append(contentsOf: "OE".unicodeScalars)
        case "\u{00E6}": out.append(contentsOf: "ae".unicodeScalars)
        case "\u{00C6}": out.append(contentsOf: "AE".unicodeScalars)
        default: out.append(TextFeatures.isApostrophe(scalar) ? " " : scalar)
        }
    }
    return String(out)
}

/// BCP 47 language tags as the engine reads them: the primary subtag, lower case ("es-MX" → "es").
public enum LanguageTag {
    public static func primary(_ tag: String) -> String {
        String(tag.split(separator: "-", maxSplits: 1).first ?? "").lowercased()
    }

    /// English names of the languages the detector knows, for reasons and hand-offs.
    public static let names: [String: String] = [
        "en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese",
    ]

    /// "German (de)", or the tag alone when the engine has no name for it.
    public static func describe(_ tag: String) -> String {
        names[tag].map { "\($0) (\(tag))" } ?? tag
    }
}
