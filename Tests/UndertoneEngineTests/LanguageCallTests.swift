import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Calls in Spanish, French and languages the engine does not read")
struct LanguageCallTests {
    static let model = try! TextModel.bundled()

    /// The customer's signals of a call with the given declared language and customer turns (an agent greeting first).
    static func signals(language: String, _ turns: [String], preset: String = "default") throws -> (signals: [TurnSignal], decisions: [Decision]) {
        var analyzer = CallAnalyzer(policy: try Policy.preset(named: preset), textModel: model)
        var events: [CallEvent] = [
            .callStarted(CallStarted(callID: "c1", channel: .voice, customerID: "k1", queue: "q", language: language))
        ]
        for (index, text) in turns.enumerated() {
            events.append(
                .turn(Turn(callID: "c1", at: 1000 * (index + 1), utteranceID: "u\(index + 1)", speaker: .customer, text: text, isFinal: true)))
        }
        var signals: [TurnSignal] = []
        var decisions: [Decision] = []
        for event in events {
            for output in analyzer.ingest(event) {
                switch output {
                case .signal(let signal): signals.append(signal)
                case .decision(let decision): decisions.append(decision)
                default: break
                }
            }
        }
        return (signals, decisions)
    }

    @Test("the shipped language models load and compute what their trainers computed")
    func bundledModels() throws {
        let models = try #require(LanguageModels.bundled)
        #expect(Set(models.textModels.keys) == ["es", "fr"])
        #expect(Set(models.intentModels.keys) == ["es", "fr"])
        for model in models.textModels.values {
            #expect(model.folds)
            #expect(model.selfCheck() < 1e-4)
        }
        #expect(!Self.model.folds)
        let detector = try #require(models.detector)
        #expect(detector.languages == ["en", "es", "fr", "de", "it", "pt"])
        #expect(detector.selfCheck() < 1e-4)
    }

    @Test("the detector tells the six languages apart on a sentence, typed or without accents")
    func detection() throws {
        let detector = try #require(LanguageModels.bundled?.detector)
        let cases: [(String, String)] = [
            ("I want to speak to a manager right now", "en"), ("estoy harto, voy a cancelar el contrato", "es"),
            ("quiero hablar con su jefe ahora mismo", "es"), ("c'est la troisième fois que j'appelle", "fr"),
            ("c est la troisieme fois que j appelle", "fr"), ("ich möchte meinen vertrag sofort kündigen", "de"),
            ("vorrei parlare con il responsabile adesso", "it"), ("quero falar com o gerente agora mesmo", "pt"),
        ]
        for (text, language) in cases {
            #expect(detector.detect(text).language == language, "\(text)")
        }
    }

    @Test("a Spanish call is read in Spanish: anger, cues and a manager's alert, as an English one")
    func spanishCall() throws {
        let (signals, decisions) = try Self.signals(
            language: "es-ES",
            ["llevo tres semanas sin internet", "estoy harto, son unos inútiles de mierda", "voy a cancelar el contrato hoy mismo"])
        #expect(signals.allSatisfy { $0.language == "es" })
        #expect(signals[1].cues.map(\.kind).contains(.abuse))
        #expect(signals[1].stress >= 0.9)
        #expect(signals[2].cues.map(\.kind).contains(.cancellationThreat))
        #expect(decisions.contains { $0.tier == .manager })
    }

    @Test("a French call is read in French")
    func frenchCall() throws {
        let (signals, decisions) = try Self.signals(
            language: "fr-FR", ["c'est la troisième fois que j'appelle", "j'en ai marre, je veux parler à votre responsable"])
        #expect(signals.allSatisfy { $0.language == "fr" })
        #expect(signals[0].cues.first?.count == 3)
        #expect(signals[1].cues.map(\.kind).contains(.supervisorRequest))
        #expect(decisions.contains { $0.rule == "supervisor-requested" })
    }

    @Test("a German call is marked as not read, not as calm: the cue, no emotions, a coach alert in every preset")
    func unsupportedLanguage() throws {
        for preset in Policy.presetNames {
            let (signals, decisions) = try Self.signals(
                language: "de-DE", ["das ist jetzt das dritte mal dass ich anrufe ich bin wirklich sauer"], preset: preset)
            #expect(signals[0].language == "de")
            #expect(signals[0].cues == [Cue(kind: .unsupportedLanguage, text: "de")])
            #expect(signals[0].emotions == EmotionScores())
            #expect(decisions.map(\.rule) == ["language-not-understood"], "\(preset)")
        }
    }

    @Test("the words overrule the declared language: a Spanish customer on a call declared English is read in Spanish")
    func detectedLanguage() throws {
        let (signals, _) = try Self.signals(language: "en-US", ["quiero hablar con su jefe ahora mismo", "sí", "ok thanks that helps a lot"])
        #expect(signals.map(\.language) == ["es", "es", "en"])
        #expect(signals[0].cues.map(\.kind) == [.supervisorRequest])
    }

    @Test("a Spanish customer's intent is read with the Spanish intent model")
    func spanishIntent() throws {
        let (signals, _) = try Self.signals(language: "es-MX", ["hola, quiero cancelar mi pedido del martes"])
        #expect(signals[0].intent?.label == "cancellation")
        #expect(signals[0].cues.map(\.kind) == [.cancellationRequest])
    }

    @Test("coaching hints come in the call's language")
    func hintsInLanguage() {
        let spanish = Coaching.table(in: "es")
        #expect(spanish.map(\.id) == Coaching.table.map(\.id))
        #expect(spanish.allSatisfy { Coaching.translations["es"]?[$0.id] == $0.text })
        #expect(Coaching.table(in: "de") == Coaching.table)
    }

    @Test("the hand-off names the language spoken when it is not the declared one")
    func handoff() throws {
        var analyzer = CallAnalyzer(policy: try Policy.preset(named: "default"), textModel: Self.model)
        let events: [CallEvent] = [
            .callStarted(CallStarted(callID: "c1", channel: .voice, customerID: "k1", queue: "q", language: "en-GB")),
            .turn(
                Turn(
                    callID: "c1", at: 1000, utteranceID: "u1", speaker: .customer, text: "ich möchte bitte mit jemandem auf deutsch sprechen",
                    isFinal: true)),
        ]
        var outputs: [EngineOutput] = []
        for event in events { outputs += analyzer.ingest(event) }
        let packet = try #require(HandoffPacket.build(events: events, outputs: outputs))
        #expect(packet.spokenLanguage == "de")
        #expect(packet.compact.contains("lang=de"))
        #expect(packet.text.contains("Speaks German (de), not en-GB; Undertone cannot read it"))
    }
}
