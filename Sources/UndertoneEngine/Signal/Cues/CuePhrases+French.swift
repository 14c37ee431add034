// The French cue phrase tables, as data (notation on `PhraseTable`). Words are folded as the detector folds a turn:
// lower case, no accents, apostrophes as spaces ("j en ai marre", "c est la troisieme fois", "resilier"); a recogniser
// often drops the "ne" of a negation ("je comprends pas"), so phrases take it as optional. France, Belgium,
// Switzerland and Quebec: médiateur, DGCCRF, UFC-Que Choisir, Arcep, 60 millions de consommateurs, l'Office de la
// protection du consommateur.

extension CueLanguage {
    /// French.
    static let french = CueLanguage(
        code: "fr", folds: true, wordSets: FrenchCues.wordSets, cuePhrases: FrenchCues.cuePhrases,
        hypotheticalPhrases: FrenchCues.hypotheticalPhrases, vetoPhrases: FrenchCues.vetoPhrases, scope: FrenchCues.scope,
        countWords: FrenchCues.countWords, fillers: ["euh", "euhh", "heu", "hum", "hmm", "mm", "bah", "ben"],
        maskedSwearing: [
            "merde", "putain", "bordel", "connard", "connards", "connasse", "salaud", "salauds", "enfoire", "enfoires", "con",
            "cons", "chier", "foutre",
        ],
        complaintWords: PhraseSet([
            "en attente", "encore", "encore une fois", "une semaine de plus", "un mois de plus", "toujours", "retard", "en retard", "annule",
            "annulee", "perdu", "perdue", "casse", "cassee", "attends", "attendre", "personne", "jamais", "rien", "preleve", "facture deux fois",
            "panne", "en panne", "ne marche pas", "marche pas", "ne fonctionne pas", "fonctionne pas", "pas de reponse", "pas de remboursement",
            "bloque", "bloquee", "refuse", "refusee", "coupe", "coupee", "excuse", "excuses",
        ]))
}

enum FrenchCues {
    static let wordSets: [String: [String]] = [
        "own": ["mon", "ma", "mes", "le", "la", "les", "l", "ce", "cet", "cette", "tout mon", "toute ma", "tous mes", "notre", "nos", "votre"],
        "account": [
            "compte", "comptes", "contrat", "contrats", "abonnement", "abonnements", "forfait", "forfaits", "ligne", "lignes", "assurance",
            "mutuelle", "box", "fibre", "internet", "offre", "compte courant", "credit", "electricite", "gaz",
            "service", "services", "adhesion", "engagement", "police d assurance",
        ],
        "endAccount": [
            "resilier", "resilierai", "annuler", "fermer", "cloturer", "arreter", "rompre", "mettre fin a", "mets fin a", "supprimer",
        ],
        "otherProvider": [
            "un autre operateur", "une autre banque", "une autre compagnie", "une autre entreprise", "un autre fournisseur",
            "une autre assurance", "une autre mutuelle", "un autre assureur", "la concurrence", "chez la concurrence", "vos concurrents",
            "un concurrent", "ailleurs", "chez free", "chez orange", "chez sfr", "chez bouygues",
        ],
        "yourProvider": [
            "vous", "votre entreprise", "votre societe", "cette entreprise", "votre banque", "cette banque", "votre compagnie",
            "cette compagnie", "votre operateur", "cet operateur", "votre service", "ce service", "chez vous", "votre assurance",
        ],
        // Said as a decision or a wish: "je vais résilier", "je veux résilier". Asking ("je voudrais résilier", "comment
        // résilier ?") is <askTo>, a request.
        "intendTo": [
            "je vais", "on va", "nous allons", "je veux", "on veut", "nous voulons", "j ai decide de", "nous avons decide de",
            "on a decide de", "je dois", "je compte", "je vais aller", "je vais tout", "je vais donc", "je vais direct",
            "je vais immediatement", "je vais des aujourd hui", "j exige de",
        ],
        "askTo": [
            "je voudrais", "j aimerais", "nous voudrions", "on voudrait", "je souhaiterais", "je souhaite", "nous souhaitons",
            "je voulais", "pourriez vous", "pouvez vous", "vous pouvez", "puis je", "je peux", "est ce que je peux", "comment",
            "comment faire pour", "comment je fais pour", "comment puis je", "que dois je faire pour", "j ai besoin de", "il faut que je",
            "est il possible de", "est ce possible de", "est ce qu on peut", "c est possible de", "possible de", "s il vous plait",
            "m aider a", "ou est ce que je peux",
        ],
        "bookedThing": [
            "commande", "commandes", "rendez vous", "rdv", "reservation", "reservations", "paiement", "paiements", "virement",
            "livraison", "vol", "vols", "voyage", "billet", "billets", "place", "places", "table", "taxi", "chambre", "hotel", "train",
            "prelevement", "achat", "achats", "retour", "colis", "visite", "demande", "cours", "seance", "consultation", "reunion",
            "cheque", "ordre de virement", "intervention", "passage du technicien", "carte", "carte bancaire",
        ],

        "seniorRole": [
            "responsable", "superieur", "superieure", "superieurs", "chef", "cheffe", "manager", "supervieur", "superviseur",
            "superviseuse", "directeur", "directrice", "gerant", "gerante", "chef de service", "chef d equipe", "responsable du service",
        ],
        "seniorPerson": [
            "quelqu un de competent", "quelqu un d autre", "quelqu un qui peut m aider", "quelqu un qui sait", "quelqu un au dessus",
            "quelqu un de plus haut", "quelqu un de responsable", "une vraie personne", "un humain", "un etre humain",
            "quelqu un qui a de l autorite",
        ],
        "toSenior": [
            "votre <seniorRole>", "le <seniorRole>", "la <seniorRole>", "un <seniorRole>", "une <seniorRole>", "au <seniorRole>",
            "a votre <seniorRole>", "ton <seniorRole>", "ta <seniorRole>", "<seniorPerson>",
        ],

        "legalAction": [
            "action en justice", "actions en justice", "poursuites", "poursuites judiciaires", "proces", "plainte", "plaintes",
            "tribunal", "tribunaux", "recours en justice", "procedure judiciaire", "mise en demeure", "injonction de payer",
        ],
        "legalParty": [
            "avocat", "avocate", "avocats", "mon avocat", "mediateur", "mediatrice", "le mediateur", "dgccrf", "ufc que choisir",
            "que choisir", "associations de consommateurs", "association de consommateurs", "arcep", "cnil", "banque de france", "acpr",
            "60 millions de consommateurs", "soixante millions de consommateurs", "office de la protection du consommateur", "opc",
            "protection du consommateur", "huissier", "juge", "justice", "police", "gendarmerie", "presse", "journaux", "les medias",
            "reseaux sociaux", "signal conso", "signalconso", "defenseur des droits", "ombudsman",
        ],
        "takeTo": [
            "aller voir", "vais voir", "contacter", "contacterai", "vais contacter", "appeler", "appellerai", "vais appeler", "saisir",
            "saisirai", "vais saisir", "passer par", "passerai par", "vais passer par", "ecrire a", "ecrirai a", "vais ecrire a",
            "m adresser a", "vais m adresser a", "me plaindre a", "me plaindre aupres de", "vais me plaindre a", "vais me plaindre aupres",
            "me plaindre aupres", "signaler a", "vais signaler a", "signaler aupres de", "en parler a", "vais en parler a",
            "faire appel a", "vais faire appel a", "consulter", "vais consulter", "prevenir", "vais prevenir", "porter ca devant",
            "porter l affaire devant", "aller devant", "aller au", "aller a la", "vais aller au", "vais aller a la", "alerter",
            "vais alerter",
        ],

        "abuseTarget": [
            "vous etes", "t es", "tu es", "vous", "vous etes vraiment", "vous etes tous", "votre entreprise est", "cette entreprise est",
            "votre banque est", "votre service est", "vos employes sont", "vos conseillers sont", "espece de", "bande de",
        ],
        "insult": [
            "incompetents", "incompetent", "incompetente", "incapables", "incapable", "nuls", "nul", "nulle", "idiots", "idiot",
            "idiote", "imbeciles", "imbecile", "cons", "con", "connards", "connard", "connasse", "abrutis", "abruti", "voleurs", "voleur",
            "escrocs", "escroc", "arnaqueurs", "arnaqueur", "menteurs", "menteur", "menteuse", "guignols", "guignol", "clowns", "clown",
            "branquignols", "bras casses", "minables", "minable", "pourris", "pourri", "salauds", "salaud", "encules", "encule",
            "enfoires", "enfoire", "cretins", "cretin", "debiles", "debile", "une honte", "une arnaque", "des voleurs", "des escrocs",
            "des nuls", "des incapables", "des incompetents", "des guignols", "des menteurs", "des arnaqueurs", "des bons a rien",
            "bons a rien", "tocards", "tocard", "baltringues",
        ],
        "personInsult": [
            "connard", "connards", "connasse", "salaud", "salauds", "salope", "enfoire", "enfoires", "encule", "encules", "abruti",
            "abrutis", "cretin", "cretins", "imbecile", "imbeciles", "fils de pute", "batard", "batards", "trou du cul",
        ],
        "intensifier": [
            "vraiment", "completement", "totalement", "tellement", "des", "une bande de", "un", "une", "que des", "tous des",
            "de", "d", "vraiment des", "franchement", "absolument", "tous", "sacres", "putains de", "putain de",
        ],

        "contacted": [
            "appele", "appeles", "telephone", "ecrit", "ecris", "envoye", "reclame", "explique", "dit", "signale", "relance", "contacte",
            "rappele", "demande", "essaye", "tente",
        ],
        "manyTimes": [
            "# fois", "plusieurs fois", "beaucoup de fois", "mille fois", "je ne sais combien de fois", "tant de fois", "trop de fois",
            "cent fois", "des dizaines de fois", "maintes fois", "a plusieurs reprises", "a maintes reprises", "deux fois", "a # reprises",
        ],
    ]

    static let cuePhrases: [CueKind: [String]] = [
        .cancellationThreat: [
            "<endAccount> <own>? <account>",
            "<intendTo> (resilier|tout resilier|annuler|fermer|cloturer|partir|changer|arreter|quitter|me desabonner|me desinscrire)",
            "(je|on|nous) (resilie|resilions|pars|partons|me casse|me barre|quitte|quittons|me desabonne) (aujourd hui|tout de suite|"
                + "maintenant|des demain|direct|tout|de suite|ce soir)?",
            "(je|on) (pars|vais|passe|change|file|me casse|me barre) (chez|a|pour|vers) <otherProvider>",
            "(je|on|nous) (quitte|quittons|vais quitter|allons quitter|veux quitter) <yourProvider>",
            "(changer|change|je change|je vais changer|on change|on va changer) (d operateur|de banque|de fournisseur|de compagnie|d assurance|"
                + "de mutuelle|d assureur|de prestataire)",
            "(chercher|cherche|je cherche|je vais chercher|je vais aller voir|aller voir|je vais voir) <otherProvider>",
            "(plus jamais|jamais plus) (je ne)? (commanderai|reviendrai|ferai appel|rachete|acheterai|prendrai)",
            "(ne|n)? (commanderai|reviendrai|ferai|acheterai) plus jamais",
            "(vous avez|vous venez de) perdu (un|une)? (client|cliente)",
            "(vous m avez|vous nous avez|vous venez de me) perdu (comme|en tant que) (client|cliente|clients)",
            "(ne|n)? (renouvellerai|renouvelerai|renouvellerons|vais pas renouveler|vais plus renouveler) (pas|plus)?",
            "(demander|demande|je demande|je veux) (mon|le) (rio|code rio|code de portabilite)",
            "(je suis|nous sommes) en train de resilier",
        ],
        .cancellationRequest: [
            "<askTo> (resilier|annuler|fermer|cloturer|arreter|me desabonner|mettre fin a)",
            "(annuler|annule|decommander|reporter) (ma|mon|mes|le|la|les|cette|ce|cet|une|un|l|notre)? _? <bookedThing>",
            "(frais|conditions|delai|procedure|formulaire|service|lettre|courrier|modalites|penalites) (de|d)? (resiliation|annulation)",
            "comment (on|je|peut on|puis je)? (resilie|resilier|annuler|annule|fermer)",
        ],
        .supervisorRequest: [
            "(parler|parle|m adresser|discuter|avoir) (a|avec)? <toSenior>",
            "(passez moi|passe moi|mettez moi en relation avec|transferez moi a|transferez moi vers|vous pouvez me passer|pouvez vous me passer|"
                + "pourriez vous me passer|vous pourriez me passer) <toSenior>",
            "(je veux|je voudrais|j exige|j aimerais|je demande|je souhaite|on veut|nous voulons|il me faut) (parler a|parler avec|voir|avoir|"
                + "m adresser a)? <toSenior>",
            "(escalader|escaladez|escalade|remontez|faites remonter|faire remonter) (mon dossier|ma reclamation|ma plainte|le dossier|ca|cela)?",
            "(qui est|c est qui|quel est le nom de) (votre|le|la) <seniorRole>",
            "(il y a|y a t il|il n y a pas) (quelqu un|personne) (au dessus|de plus haut|de responsable|qui decide)",
        ],
        .legalThreat: [
            "<legalAction>",
            "(je vais|on va|nous allons|je compte|j irai|je veux|je vais donc)? <takeTo> (un|une|mon|le|la|les|l|au|a la|des|mes)? <legalParty>",
            "(porter|porte|deposer|depose|je vais porter|je vais deposer|on va porter|je porte|porterai|deposerai) plainte",
            "(vous|je vous|on vous) (attaquer|attaque|attaquerai|poursuivre|poursuivrai|poursuis|trainer|trainerai) (en justice|au tribunal|devant les tribunaux)?",
            "(je vais|on va|nous allons) (vous)? (attaquer|poursuivre|trainer) (en justice|au tribunal|devant les tribunaux)",
            "(saisir|saisirai|je saisis|je vais saisir) (la justice|le tribunal|le mediateur|la mediatrice)",
            "(reclamation|plainte) (officielle|formelle|ecrite|par ecrit)",
            "(lettre|courrier) (recommandee|recommande) (avec accuse de reception)?",
            "(mon|notre) avocat (va|vous contactera|vous ecrira|s en occupera|prendra contact)",
            "en justice",
        ],
        .repeatContact: [
            "(c est|ca fait|ca va faire|c est deja|cela fait|ca fait deja) (la)? # (fois|fois que) (que)? (j appelle|je vous appelle|j ecris|"
                + "je vous ecris|je reclame|je le dis|je demande|je relance|je vous contacte|j explique|on appelle|je rappelle)?",
            "pour la # fois",
            "(j ai|nous avons|on a|j avais|j ai deja|on a deja) (deja)? <contacted> (deja)? (<manyTimes>|avant|hier|la semaine derniere|"
                + "le mois dernier|ce matin|l autre jour|il y a # jours|il y a une semaine|il y a un mois|la derniere fois)",
            "(j appelle|je rappelle|j ecris|je reclame|je relance|j ai rappele|je reviens vers vous) (encore|a nouveau|de nouveau|encore une fois|"
                + "pour la enieme fois|une fois de plus)",
            "(je vous l ai|je l ai|je vous ai|je leur ai|on vous l a|je l avais) (deja)? (dit|explique|envoye|donne|raconte|signale|ecrit)",
            "(encore|toujours|a nouveau|de nouveau|une fois de plus) (la meme chose|le meme probleme|la meme histoire|la meme panne|pareil)",
            "(a chaque fois|chaque fois que j appelle|chaque fois|a chaque fois que j appelle) (on me dit|c est la meme chose|la meme histoire|"
                + "pareil|rien ne change)",
            "(ce n est|c est|c est pas|ce n est pas) (pas)? la premiere fois",
            "(j attends|je suis toujours en attente|j attends toujours|toujours pas de|toujours aucune|toujours en attente|toujours rien|"
                + "je n ai toujours pas|j ai toujours pas|on n a toujours pas|personne ne m a) (de reponse|de nouvelles|de remboursement|reponse|"
                + "nouvelles|remboursement|rappele|recontacte|recu|eu)?",
            "(on me|on m a|vous me) (balade|balader|renvoie|renvoye|transfere|passe) (de service en service|d un service a l autre|"
                + "d une personne a l autre|a droite a gauche|de droite a gauche)",
            "(on m avait promis|on m a promis|on m avait dit que|on m a dit que|on m a assure que|vous m aviez dit que) (on)? (me)? "
                + "(rappellerait|rappelerait|rembourserait|viendrait|serait|reglerait|rappeler|rembourser)",
            "personne (ne)? (m a|ne m a|m a jamais) (rappele|rappelee|recontacte|repondu)",
            "(je dois|il faut que je|je vais devoir) (encore|tout)? (repeter|reexpliquer|reexpliquer|tout reexpliquer|tout repeter|raconter)",
            "(enieme|centieme|millieme) fois",
        ],
        .abuse: [
            "<abuseTarget> <intensifier>? <intensifier>? <insult>",
            "(quelle|quel|quels|quelles|bande de|espece de|tas de|ramassis de|putain de|sales|sale) <insult>",
            "(allez vous faire|va te faire|allez vous faire foutre|va te faire foutre|allez vous faire voir|va te faire voir|"
                + "allez vous faire enculer|va te faire enculer|je vous emmerde|je t emmerde|je vous encule|allez au diable|allez en enfer)",
            "(fermez la|ferme la|taisez vous|tais toi|la ferme)",
            "(vous n y|vous y|vous n avez|vous avez|personne ici n a|vous ne) (connaissez|comprenez)? (rien du tout|que dalle|aucune idee)",
            "(vous|vous etes|vous ne) (ne)? (savez|savez pas|savez rien) (faire|rien faire|votre travail|votre boulot)?",
        ],
        .profanity: [
            "<personInsult>",
            "(merde|putain|bordel|chier|fait chier|ca me fait chier|fais chier|foutre|foutu|foutue|foutus|bordel de merde|nom de dieu|"
                + "punaise|mince|zut|chiant|chiante|tabarnak|tabarnac|calisse|crisse|ostie|ciboire|sacrament)",
        ],
        .statedAnger: [
            "(je suis|nous sommes|on est|je commence a etre|je deviens|ca me rend|vous me rendez) (vraiment|tres|completement|totalement|"
                + "tellement|super|hyper|franchement|absolument)? (furieux|furieuse|furieux|en colere|enerve|enervee|enerves|fache|fachee|"
                + "faches|excede|excedee|exaspere|exasperee|agace|agacee|hors de moi|fou|folle|fou de rage|folle de rage|indigne|indignee|"
                + "outre|outree|ecoeure|ecoeuree|degoute|degoutee|a bout|a bout de nerfs|remonte|remontee|en rogne|en furie|mecontent|"
                + "mecontente|tres mecontent|fatigue de|fatiguee de|tanne|tannee)",
            "(j en ai|on en a|nous en avons) (marre|ras le bol|plein le dos|ma claque|assez|par dessus la tete|jusque la|soupe|plein les bottes|"
                + "ras la casquette|plein le cul)",
            "(je n en peux plus|j en peux plus|on n en peut plus|j en peux plus de|je ne supporte plus|je supporte plus|j ai atteint ma limite)",
            "(ma|notre) patience (a des limites|est a bout|a ses limites)",
            "(c est|ce n est|c est vraiment|c est franchement|c est completement|c est absolument|c est une|quelle|quel|vraiment|franchement)? "
                + "(une)? (honte|honteux|scandaleux|scandale|inadmissible|inacceptable|intolerable|revoltant|lamentable|pitoyable|"
                + "n importe quoi|du foutage de gueule|foutage de gueule|une blague|du vol|de l escroquerie|du grand n importe quoi|"
                + "une arnaque|une catastrophe|un cauchemar|un scandale|du mepris|se foutre du monde|se moquer du monde|absurde|ridicule)",
            "(vous vous|on se|on se fout|vous vous foutez|vous vous fichez|vous vous moquez) (moquez|fout|foutez|fichez|moque|paie la tete) "
                + "(de moi|du monde|de nous|de ma gueule|des clients)?",
            "ca (m enerve|m agace|m exaspere|me rend fou|me rend folle|me met hors de moi|me met en colere|me gonfle|me saoule|m horripile)",
            "(ce n est|c est) (pas)? (serieux|normal|possible) (ca)?",
        ],
        .sarcasm: [
            "merci pour rien",
            "(super|genial|parfait|formidable|bravo|felicitations|magnifique|merveilleux|top) (encore|encore une semaine|encore un retard|"
                + "encore une fois|une semaine de plus|un mois de plus|vraiment bravo)",
            "(il ne manquait plus que ca|manquait plus que ca|c est le pompon|c est le bouquet)",
            "(bravo|chapeau|felicitations) (pour|a) (votre|le|ce) (service|travail|professionnalisme)",
        ],
        .confusion: [
            "(je|j)? (ne|n)? (comprends|comprend|comprenais|saisis|suis) (pas|rien|plus|toujours pas) (du tout|bien|ce que|pourquoi|comment|"
                + "ce qui|a quoi|votre explication|la facture|le courrier)?",
            "(je|j)? (ne|n)? (vois|sais|sait) (pas|plus) (ce que|ou|comment|quoi faire|ce qu il faut|si|de quoi|a quoi|trop)",
            "(je suis|je me sens|je me suis) (un peu|completement|totalement|tout)? (perdu|perdue|confus|confuse|embrouille|embrouillee|largue|"
                + "larguee|paume|paumee|mele|melee)",
            "je m y perds",
            "(qu est ce que|que) (ca|cela|c|ce)? (veut|voulez vous|voulez) dire",
            "(ca veut dire quoi|c est a dire|ca signifie quoi|qu entendez vous par|qu est ce que vous entendez par)",
            "(vous pouvez|pourriez vous|pouvez vous) (me)? (reexpliquer|reexpliquer|repeter|expliquer encore|expliquer a nouveau|reformuler)",
            "(ce n est|c est) (pas)? (clair|tres clair) pour moi",
            "quelle est la difference",
        ],
        .correction: [
            "(ce n est|c est|c est pas|ce n est pas) (pas)? ce que (j ai dit|j ai demande|je voulais|je vous ai dit)",
            "(vous vous|tu te) (trompez|trompes|etes trompe|es trompe|etes trompee)",
            "(je n ai|j ai) (jamais|pas) dit (ca|cela)",
            "(je vous ai dit|j ai dit|je vous dis) que (non|c etait|c est|le|la)",
        ],
        .rejection: [
            "(non merci|ca ne m interesse pas|ca m interesse pas|ca ne m aide pas|ca m aide pas|ca ne me sert a rien|ca me sert a rien|"
                + "ca ne suffit pas|ca suffit pas|je ne veux pas de|je veux pas de|ca ne me convient pas|ca me convient pas)",
            "(j ai deja|on a deja|je l ai deja|nous avons deja) (essaye|fait|teste|redemarre|tente)",
            "(ca non plus|non plus|ce n est pas mieux)",
        ],
        .givingUp: [
            "(laissez tomber|laisse tomber|tant pis|oubliez|oubliez ca|oublie|j abandonne|c est inutile|ca sert a rien|ca ne sert a rien|"
                + "je vais me debrouiller|je me debrouillerai|je me debrouille seul|je me debrouille seule|a quoi bon|c est peine perdue)"
        ],
        .unanswered: [
            "(il y a quelqu un|y a quelqu un|vous etes la|vous etes toujours la|vous m entendez|allo allo|vous m ecoutez)",
            "(personne ne|on ne|vous ne) (me)? (repond|repondez|repondez pas|repond pas|rappelle)",
        ],
        .cannotHelp: [
            "(je|nous|on) (ne|n)? (peux|pouvons|peut) (rien faire|pas vous aider|rien pour vous|pas faire plus|pas changer|pas|rien|plus rien)",
            "(je|nous|on) (n ai|n avons|n a|ai|avons|a) (pas|aucune|aucun|plus) (d information|de disponibilite|de rendez vous|de place|"
                + "de trace|de dossier|de vol|de train|de chambre|de stock|d information)",
            "(il n y a|il y a|y a) (rien|plus rien) (que|d autre que)? (je|nous|on) (ne)? (puisse|puissions|peut|peux) faire",
            "(je|nous) ne (trouve|trouvons|vois|voyons) (pas|aucun|aucune|rien)",
            "(malheureusement|je suis desole|desole|je crains que) (ce n est pas possible|ce n est pas|ce ne sera pas possible|ca ne sera pas possible|"
                + "je ne peux pas|nous ne pouvons pas)",
        ],
        .gratitude: [
            "(merci|merci beaucoup|merci bien|mille mercis|merci infiniment|un grand merci|je vous remercie|nous vous remercions|merci mille fois|"
                + "c est gentil|c est tres gentil|c est adorable|vous etes adorable|vous etes un ange|vous etes formidable|merci pour tout|"
                + "tres aimable|c est aimable|je vous en remercie|reconnaissant|reconnaissante)",
            "(vous avez ete|tu as ete|c etait) (vraiment|tres|super|tellement)? (gentil|gentille|aimable|efficace|utile|parfait|parfaite|"
                + "formidable|top|patient|patiente|d une grande aide|d un grand secours)",
        ],
        .resolution: [
            "(ca|cela|tout|c est|ca y est|ca|la box|internet) (marche|fonctionne|remarche|refonctionne|est regle|est resolu|est repare|"
                + "est bon|est en ordre|roule) (maintenant|a nouveau|de nouveau|enfin|parfaitement|tres bien|bien)?",
            "(c est|ca sera|ce sera) (tout|tout pour moi|tout pour aujourd hui|bon pour moi)",
            "(c est regle|c est resolu|probleme resolu|probleme regle|c est bon|ca y est) (merci|merci beaucoup|parfait|alors|pour moi)?",
            "(je peux|on peut|j arrive a) (enfin|maintenant|a nouveau)? (me connecter|acceder|appeler|me servir|utiliser)",
            "(j ai|on a) (bien|enfin)? recu (le|la|mon|ma|mes)? (remboursement|virement|colis|commande|argent|carte)",
        ],
    ]

    static let hypotheticalPhrases: [CueKind: [String]] = [
        .cancellationThreat: [
            "(je pense a|je songe a|j envisage de|je reflechis a|je me pose la question de|je suis tente de|on pense a|on envisage de) "
                + "(resilier|partir|changer|quitter|aller ailleurs|aller voir ailleurs|tout arreter|annuler)",
            "(peut etre que|peut etre|il se peut que|je risque de|je finirai par|je vais finir par|je pourrais|on pourrait) (je)? (resilie|"
                + "resilier|partir|pars|changer|change|quitter|quitte|aller voir ailleurs|vais voir ailleurs)",
        ],
        .legalThreat: [
            "(je pense a|je songe a|j envisage de|je reflechis a|je suis tente de) (porter plainte|saisir|contacter un avocat|aller en justice|"
                + "faire un proces|poursuivre)",
            "(je pourrais|on pourrait|peut etre que je vais) (porter plainte|vous poursuivre|saisir le mediateur)",
        ],
    ]

    static let vetoPhrases: [CueKind: [String]] = [
        .cancellationThreat: [
            "(annuler|annule|arreter|arrete|changer|change|decommander|supprimer|fermer) (ma|mon|mes|le|la|les|cette|ce|cet|une|un|l|notre|votre)? "
                + "_? _? <bookedThing>",
            "<askTo> (resilier|annuler|fermer|cloturer|arreter|me desabonner|mettre fin a|changer|partir)",
            "comment (on|je|peut on|puis je)? (resilie|resilier|annuler|annule|fermer|ferme|quitte|quitter|change|changer)",
            "(j allais|je voulais|j avais pense a|j ai failli|je comptais) (resilier|partir|changer|annuler|quitter)",
            "(changer|change) (mon|ma|mes|le|la|les|d|de) (adresse|mot de passe|code|numero|rendez vous|date|rib|coordonnees|forfait|offre)",
            "(arreter|arrete) (de|d)",
        ],
        .supervisorRequest: [
            "(mon|ma|mes|notre|nos) <seniorRole>",
            "(deja|a ete|a deja ete|est) (escalade|escaladee|remonte|remontee|transmis|transmise)",
            "(responsable|responsables) (de|du|des|d)",
        ],
        .legalThreat: ["(procuration|mandat) (notarie|notariee)?", "(ma|la) plainte (a la police)? (pour|concernant) (le|la|mon|ma)? (vol|perte)"],
        .abuse: [
            "(je suis|je me sens|je me suis senti|j ai l air|je passe pour|je me sens comme) (un|une)? (idiot|idiote|con|conne|nul|nulle|"
                + "imbecile|cretin|cretine|abruti|abrutie)"
        ],
        .profanity: [
            "(je suis|je me sens|j ai l air|je passe pour) (un|une)? (idiot|idiote|con|conne|imbecile|cretin|abruti)"
        ],
        .gratitude: [
            "merci pour rien",
            "(non merci|non merci beaucoup|sans facon merci)",
            "dieu merci",
        ],
        .resolution: [
            "(on m a dit|vous m avez dit|il parait|soi disant|cense|censee|normalement|on m a assure|ils disent) (que)? (ca|tout|c est|cela)? "
                + "(marche|fonctionne|est regle|etait regle|est resolu|etait resolu|est repare|remarche)",
            "(est ce que|si|quand|j espere que|esperons que|pourvu que) (ca|cela|tout|c est)? (marche|fonctionne|est regle|sera regle|"
                + "remarche|est resolu)",
        ],
        .confusion: [
            "(vous|vous ne|tu|tu ne|il|elle|personne|personne ne|ils) (ne|n)? (comprenez|comprends|comprend|comprennent) (pas|rien)",
            "(je ne|je) (sais|vois) (pas|plus) (quoi dire|quoi vous dire)",
        ],
        .cancellationRequest: [
            "(annuler|annule) (ma|mon|la|le|l) (resiliation|demande de resiliation)"
        ],
    ]

    static let scope = CueScope.Words(
        negators: "ne n pas jamais rien personne aucun aucune guere nullement",
        no: nil,
        negatedAfterNo: "",
        bridges: "je j vais va allons vont aller veux veut voulons veulent vouloir compte comptons dois doit devons devoir me m te t se s "
            + "le la l les lui leur de d a au en y vous nous on il elle est suis sommes suis ai avons ont etre avoir faire peux peut pouvons "
            + "pouvoir ai intention envie plus du tout encore vraiment meme",
        conditions: "si sinon",
        or: "ou",
        ultimatumAfterOr: "je j on nous sinon alors",
        modals: "pourrais pourrait pourrions pourraient",
        politeAfterModal: "vous me m m aider tu",
        hedges: "peutetre eventuellement probablement possiblement",
        thinking: nil,
        aboutOrOf: "",
        conjunctions: "et mais donc car parce puisque alors pourtant cependant",
        politeCondition: "(possible|c est possible|vous pouvez|vous voulez|vous voulez bien|ca ne vous derange pas|vous le souhaitez|"
            + "besoin|vous avez besoin|vous avez un moment|vous avez le temps|ca vous va|vous preferez|je peux|je puis)",
        countNouns: "fois reprises appels appel tentatives personnes conseillers services",
        selfCounting: "",
        yes: "si",
        negatedPhrasesStand: true)

    static let countWords: [String: Int] = [
        "une": 1, "un": 1, "premiere": 1, "premier": 1, "deux": 2, "deuxieme": 2, "seconde": 2, "second": 2, "trois": 3, "troisieme": 3,
        "quatre": 4, "quatrieme": 4, "cinq": 5, "cinquieme": 5, "six": 6, "sixieme": 6, "sept": 7, "septieme": 7, "huit": 8,
        "huitieme": 8, "neuf": 9, "neuvieme": 9, "dix": 10, "dixieme": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
        "vingtieme": 20,
    ]
}
