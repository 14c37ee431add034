import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Cues in Spanish and French")
struct LanguageCueTests {
    static let spanish: [CueExample] = [
        // Leaving, and asking to cancel.
        CueExample("Estoy harto, voy a cancelar.", "stated_anger", "cancel_threat"),
        CueExample("estoy harto voy a cancelar", "stated_anger", "cancel_threat"),
        CueExample("me doy de baja hoy mismo", "cancel_threat"),
        CueExample("quiero dar de baja mi línea", "cancel_threat"),
        CueExample("me voy a otra compañía", "cancel_threat"),
        CueExample("Si no lo arreglan hoy, me doy de baja.", "cancel_threat?"),
        CueExample("si no lo arreglan hoy me doy de baja", "cancel_threat?"),
        CueExample("estoy pensando en darme de baja", "cancel_threat?"),
        CueExample("No voy a cancelar nada, solo quiero información.", ""),
        CueExample("no quiero darme de baja", ""),
        CueExample("Sí, cancele la cuenta.", "cancel_threat"),
        CueExample("Quiero cancelar mi pedido del martes.", "cancel_request"),
        CueExample("¿Cómo puedo cancelar la suscripción?", "cancel_request"),
        CueExample("quisiera darme de baja del gimnasio", "cancel_request"),
        // Someone senior, the law, the regulators.
        CueExample("Quiero hablar con su jefe.", "supervisor_request"),
        CueExample("quiero hablar con su jefe", "supervisor_request"),
        CueExample("páseme con un supervisor ahora mismo", "supervisor_request"),
        CueExample("mi jefe me ha pedido que llame", ""),
        CueExample("Voy a ir a la OMIC.", "legal_threat"),
        CueExample("voy a poner una denuncia en profeco", "legal_threat"),
        CueExample("esto lo va a ver mi abogado, les voy a demandar", "legal_threat"),
        CueExample("quiero la hoja de reclamaciones", "legal_threat"),
        CueExample("estoy pensando en demandarles", "legal_threat?"),
        // Repeat contact, abuse, anger, confusion, thanks.
        CueExample("Es la tercera vez que llamo.", "repeat_contact#3"),
        CueExample("es la tercera vez que llamo por lo mismo", "repeat_contact#3"),
        CueExample("ya lo he explicado tres veces", "repeat_contact#3"),
        CueExample("Son unos inútiles de mierda.", "abuse"),
        CueExample("son unos inutiles de mierda", "abuse"),
        CueExample("vayanse a la mierda", "abuse"),
        CueExample("me siento un idiota por no haberlo visto", ""),
        CueExample("joder, otra vez", "profanity"),
        CueExample("Esto es una vergüenza.", "stated_anger"),
        CueExample("No entiendo esta factura.", "confusion"),
        CueExample("no no entiendo nada", "confusion"),
        CueExample("Muchas gracias por todo.", "gratitude"),
        CueExample("gracias por nada", "sarcasm"),
        CueExample("no gracias", "rejection"),
        CueExample("ya funciona, gracias", "resolution", "gratitude"),
    ]

    static let french: [CueExample] = [
        CueExample("J'en ai marre, je vais résilier !", "stated_anger", "cancel_threat"),
        CueExample("j en ai marre je vais resilier", "stated_anger", "cancel_threat"),
        CueExample("je résilie mon abonnement aujourd'hui", "cancel_threat"),
        CueExample("je pars chez la concurrence", "cancel_threat"),
        CueExample("Si ce n'est pas réglé demain, je résilie.", "cancel_threat?"),
        CueExample("je pense à résilier", "cancel_threat?"),
        CueExample("je ne vais pas résilier, je voulais juste une information", ""),
        CueExample("Je voudrais annuler ma commande.", "cancel_request"),
        CueExample("comment je résilie l'abonnement ?", "cancel_request"),
        CueExample("Je veux parler à votre responsable.", "supervisor_request"),
        CueExample("passez-moi votre supérieur", "supervisor_request"),
        CueExample("mon responsable m'a demandé d'appeler", ""),
        CueExample("Je vais saisir le médiateur.", "legal_threat"),
        CueExample("je vais porter plainte", "legal_threat"),
        CueExample("mon avocat va vous contacter", "legal_threat"),
        CueExample("C'est la troisième fois que j'appelle.", "repeat_contact#3"),
        CueExample("c est la troisieme fois que j appelle", "repeat_contact#3"),
        CueExample("je vous l'ai déjà dit", "repeat_contact"),
        CueExample("Vous êtes des incapables !", "abuse"),
        CueExample("bande de voleurs", "abuse"),
        CueExample("je me sens idiot", ""),
        CueExample("putain, encore", "profanity"),
        CueExample("C'est inadmissible.", "stated_anger"),
        CueExample("Je ne comprends pas cette facture.", "confusion"),
        CueExample("je comprends pas", "confusion"),
        CueExample("vous ne comprenez rien", ""),
        CueExample("Merci beaucoup pour votre aide.", "gratitude"),
        CueExample("merci pour rien", "sarcasm"),
        CueExample("non merci", "rejection"),
        CueExample("ça marche maintenant, merci", "resolution", "gratitude"),
    ]

    @Test("Spanish turns, typed and as a recogniser writes them", arguments: spanish)
    func spanishCues(_ example: CueExample) throws {
        let detector = try #require(CueDetector(language: "es"))
        #expect(detector.detect(example.text).map(\.label) == example.expected.filter { !$0.isEmpty })
    }

    @Test("French turns, typed and as a recogniser writes them", arguments: french)
    func frenchCues(_ example: CueExample) throws {
        let detector = try #require(CueDetector(language: "fr"))
        #expect(detector.detect(example.text).map(\.label) == example.expected.filter { !$0.isEmpty })
    }

    @Test("a cue's text is the folded words: no accents, apostrophes as spaces")
    func foldedCueText() throws {
        let spanish = try #require(CueDetector(language: "es"))
        #expect(spanish.detect("Son unos inútiles").first?.text == "son unos inutiles")
        let french = try #require(CueDetector(language: "fr"))
        #expect(french.detect("C'est la troisième fois").first?.text == "c est la troisieme fois")
    }

    @Test("only English, Spanish and French have phrase books; English is the default")
    func books() {
        #expect(CueDetector(language: "de") == nil)
        #expect(CueDetector(language: "es")?.language == "es")
        #expect(CueDetector().language == "en")
        #expect(CueDetector.languages == ["en", "es", "fr"])
    }

    @Test("folding takes accents and ligatures off and splits elisions, as training/languages/text_forms.py does")
    func folding() {
        #expect(
            foldedText("J'en ai MARRE, c'est inadmissible ! Les œufs. ¿Inútiles? niño")
                == "J en ai MARRE, c est inadmissible ! Les oeufs. ¿Inutiles? nino")
        #expect(foldedText("l\u{2019}agence") == "l agence")
        #expect(foldedText("plain ascii") == "plain ascii")
    }
}
