import Foundation

/// The text models the engine has beside English, and the detector that checks which language a turn is in. Loaded
/// once, shared read-only; ``CallAnalyzer`` reads each turn with the model of its language.
public struct LanguageModels: Sendable {
    /// Checks a call's declared language against the words; nil reads every turn in the declared language.
    public let detector: LanguageDetector?
    /// Text models by primary subtag ("es", "fr"). English is the model a ``CallAnalyzer`` is given.
    public let textModels: [String: TextModel]
    /// Intent models by primary subtag, for the call's intent in those languages.
    public let intentModels: [String: IntentModel]

    public init(detector: LanguageDetector?, textModels: [String: TextModel], intentModels: [String: IntentModel] = [:]) {
        self.detector = detector
        self.textModels = textModels
        self.intentModels = intentModels
    }

    /// No other languages and no detector: every turn is read in the call's declared language, English if it has none.
    public static let none = LanguageModels(detector: nil, textModels: [:])

    /// The Spanish and French models and the language detector shipped in the engine; nil when one cannot be loaded.
    public static let bundled: LanguageModels? = try? load()

    /// Languages the shipped models read, English first.
    public static let shipped = ["en", "es", "fr"]

    static func load() throws(TextModelError) -> LanguageModels {
        var models: [String: TextModel] = [:]
        var intents: [String: IntentModel] = [:]
        for language in shipped where language != "en" {
            guard let url = Bundle.module.url(forResource: "emotion-model-\(language)", withExtension: "utm") else {
                throw .unreadable("emotion-model-\(language).utm", "not found in the engine's resources")
            }
            models[language] = try TextModel(contentsOf: url)
            if let url = Bundle.module.url(forResource: "intent-model-\(language)", withExtension: "uti") {
                do { intents[language] = try IntentModel(contentsOf: url) } catch { throw .unreadable(url.lastPathComponent, "\(error)") }
            }
        }
        return LanguageModels(detector: try LanguageDetector.bundled(), textModels: models, intentModels: intents)
    }

    /// Whether the engine reads `language` (a primary subtag): English, or one of `textModels` with cue phrases.
    public func reads(_ language: String) -> Bool {
        language == "en" || (textModels[language] != nil && CueDetector(language: language) != nil)
    }
}

/// Which language each turn of one call is read in: the call's declared language (`call_started.language`), unless the
/// words say otherwise. A turn of five words or more that the detector places in another language with probability
/// 0.95 or more moves its speaker to that language; one it places back in the declared language moves them back.
/// Shorter turns ("sí", "vale", "ok") keep their speaker's language. Part of ``CallAnalyzer``'s state.
struct CallLanguage: Sendable, Equatable {
    /// The declared language's primary subtag; English until a `call_started` says otherwise.
    private(set) var declared = "en"
    /// The language last heard clearly from each speaker, where it is not the declared one.
    private var heard: [SpeakerRole: String] = [:]

    /// The fewest words, and the least probability, for the words to overrule the declared language.
    static let leastWords = 5
    static let leastProbability = 0.95

    mutating func start(declaring tag: String) {
        declared = LanguageTag.primary(tag).isEmpty ? "en" : LanguageTag.primary(tag)
        heard = [:]
    }

    /// The language to read `text` in, said by `speaker`.
    mutating func language(of text: String, by speaker: SpeakerRole, detector: LanguageDetector?) -> String {
        // Words as the text model counts them: "haven't" is one word, not two.
        if let detector, speechTranscriptForm(text).utf8.count(where: { $0 == 0x20 }) + 1 >= Self.leastWords {
            let (language, probability) = detector.detect(text)
            if probability >= Self.leastProbability { heard[speaker] = language == declared ? nil : language }
        }
        return heard[speaker] ?? declared
    }
}
