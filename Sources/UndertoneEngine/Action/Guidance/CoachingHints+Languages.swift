extension Coaching {
    /// The coaching table in the agent's language (a primary subtag): the same hints, triggers and order, in Spanish or
    /// French where we wrote them; English otherwise.
    public static func table(in language: String) -> [CoachingEntry] {
        guard let texts = translations[language] else { return table }
        return table.map { entry in
            var entry = entry
            entry.text = texts[entry.id] ?? entry.text
            return entry
        }
    }

    /// Hint texts by language and hint id, written for this project.
    static let translations: [String: [String: String]] = [
        "es": [
            "honour-supervisor-request":
                "Ha pedido hablar con un responsable: no discuta ni dé largas. Dígale que lo está gestionando ahora y qué hará mientras espera.",
            "abuse-boundary":
                "Marque un límite con calma, una vez: quiere ayudar y solo puede seguir si cesan los insultos. Si continúan, siga el procedimiento de llamadas abusivas.",
            "legal-threat-procedure":
                "Mantenga la calma y cíñase a los hechos; no admita ni niegue responsabilidades. Ofrezca el procedimiento formal de reclamaciones y anote sus palabras exactas.",
            "retention-script":
                "Guion de retención: pregunte qué le ha llevado a querer irse, arregle primero lo que pueda y después presente las ofertas a las que tiene derecho. No tramite la baja antes.",
            "language-not-read":
                "Undertone no entiende el idioma del cliente, así que no le avisará por sus palabras (la voz sí se analiza). Si usted no lo habla, transfiera la llamada a un compañero que lo hable.",
            "offer-supervisor":
                "Ofrezca un responsable antes de que lo pida: «Me gustaría que se uniera mi responsable para resolverlo hoy».",
            "acknowledge-repeat":
                "Reconozca que ya ha llamado por esto y que usted se encarga a partir de ahora. No le pida que repita lo que ya nos contó.",
            "check-understanding":
                "Vaya más despacio: un paso cada vez, con palabras sencillas, y compruebe que le ha entendido antes del siguiente («¿qué ve ahora en la pantalla?»).",
            "reassure-next-steps": "Tranquilícele: diga qué está haciendo ahora, qué pasará después y cuándo tendrá noticias nuestras.",
            "name-the-frustration": "El elogio no es sincero: nombre el enfado que hay detrás y pregunte qué lo arreglaría.",
            "empathy-protocol":
                "Protocolo de empatía: déjele terminar, reconozca lo que siente con sus propias palabras, discúlpese por la experiencia y diga qué hará y para cuándo.",
            "priority-raised":
                "Se ha subido la prioridad de esta llamada: si la transfiere o programa una devolución de llamada, pasará la primera de la cola.",
            "manager-aware":
                "Se ha avisado a un gerente. Dígale al cliente que alguien con autoridad lo está revisando y anote lo que ha intentado para que no tenga que repetirlo.",
            "supervisor-aware":
                "Se ha avisado a su supervisor, que puede escuchar la llamada. Siga adelante y anote lo que ha intentado hasta ahora.",
            "summarise-and-agree": "Haga una pausa, resuma el problema en una frase y acuerde con el cliente el siguiente paso.",
        ],
        "fr": [
            "honour-supervisor-request":
                "Le client a demandé un responsable : ne discutez pas et ne temporisez pas. Dites-lui que vous l'organisez maintenant, et ce que vous ferez pendant qu'il patiente.",
            "abuse-boundary":
                "Posez une limite calmement, une fois : vous voulez aider, et vous ne pouvez continuer que si les insultes cessent. Si elles continuent, suivez la procédure des appels abusifs.",
            "legal-threat-procedure":
                "Restez factuel et calme ; ne reconnaissez ni ne niez aucune responsabilité. Proposez la procédure de réclamation officielle et notez ses mots exacts.",
            "retention-script":
                "Script de fidélisation : demandez ce qui lui donne envie de partir, réglez d'abord ce que vous pouvez, puis présentez les offres auxquelles il a droit. Ne traitez pas la résiliation avant.",
            "language-not-read":
                "Undertone ne lit pas la langue du client : il ne vous alertera pas sur ses mots (sa voix reste analysée). Si vous ne la parlez pas, transférez l'appel à un collègue qui la parle.",
            "offer-supervisor":
                "Proposez un responsable avant qu'il ne le demande : « J'aimerais faire intervenir mon responsable pour que nous réglions cela aujourd'hui. »",
            "acknowledge-repeat":
                "Reconnaissez qu'il a déjà appelé à ce sujet et que vous vous en chargez désormais. Ne lui demandez pas de répéter ce qu'il nous a déjà dit.",
            "check-understanding":
                "Ralentissez : une étape à la fois, avec des mots simples, et vérifiez qu'il a compris avant la suivante (« qu'est-ce que vous voyez à l'écran maintenant ? »).",
            "reassure-next-steps":
                "Rassurez-le : dites ce que vous faites maintenant, ce qui va se passer ensuite et quand il aura de nos nouvelles.",
            "name-the-frustration": "Le compliment n'est pas sincère : nommez l'agacement derrière et demandez ce qui arrangerait les choses.",
            "empathy-protocol":
                "Protocole d'empathie : laissez-le finir, reconnaissez ce qu'il ressent avec vos mots, excusez-vous pour ce qu'il a vécu, puis dites ce que vous allez faire et quand.",
            "priority-raised":
                "La priorité de cet appel a été relevée : si vous le transférez ou planifiez un rappel, il passera en tête de file.",
            "manager-aware":
                "Un manager a été alerté. Dites au client qu'une personne responsable examine la situation et notez ce que vous avez essayé pour qu'il n'ait jamais à se répéter.",
            "supervisor-aware":
                "Votre superviseur a été alerté et peut écouter l'appel. Continuez et notez ce que vous avez essayé jusqu'ici.",
            "summarise-and-agree": "Faites une pause, résumez le problème en une phrase et convenez de la prochaine étape avec le client.",
        ],
    ]
}
