"""French contact-centre customer turns written for this project, labelled by hand (typed; the trainer adds the
recogniser form without accents). France, Belgium, Switzerland and Quebec, across banking, telecoms, energy,
deliveries, travel and health insurance."""

FRUSTRATION = """
J'en ai marre, ça fait trois semaines que je n'ai pas internet et personne ne fait rien.
j en ai ras le bol de vos prélèvements que je n ai jamais demandés
C'est inadmissible, je paie tous les mois pour un service qui ne marche pas.
c'est honteux comme service
On m'a coupé l'électricité sans prévenir, c'est scandaleux !
Vous m'avez prélevé deux fois la même facture et personne ne me rembourse.
ça fait une heure que j attends au téléphone c est ridicule
Ce n'est pas possible que le colis soit perdu depuis dix jours.
Je suis très en colère, on m'avait promis un technicien lundi.
je suis vraiment fâché contre vous
Vous vous moquez de moi avec vos excuses.
je suis fatigué d appeler pour rien
C'est révoltant, vous avez augmenté mon forfait sans me prévenir.
Quel manque de respect, on m'a raccroché au nez deux fois.
Vous êtes des incompétents !
arrêtez avec vos excuses je veux mon argent
Ça fait un mois que je réclame et toujours aucune réponse.
C'est une catastrophe, la commande est arrivée cassée et en retard.
Je trouve ça inadmissible de payer pour un retour.
j en ai plein le dos de votre compagnie
Ce n'est pas normal d'être traité comme ça.
c est incroyable que je n aie toujours pas été remboursé
Votre service client est lamentable.
Personne ne me donne de réponse claire, c'est du foutage de gueule.
vous vous fichez de moi
quelle honte cette entreprise franchement
Comment est-ce possible que ça prenne autant de temps pour réparer une panne ?
Je suis furieux, ça fait une semaine que je n'ai plus de téléphone.
Ça m'agace énormément que personne ne me rappelle.
je n en peux plus de cette situation
C'est le comble, maintenant on me dit que le vol est annulé.
C'est toujours la même histoire avec vous.
le technicien n est pas venu et personne ne m a prévenu
On m'a dit que ce serait réglé hier et rien n'a changé.
Ce n'est pas sérieux, c'est le pire service que j'ai jamais eu.
J'ai payé la livraison express et ça a pris une semaine.
je ne comprends pas comment vous pouvez être aussi nuls
Je suis indignée par la façon dont on m'a traitée.
Arrêtez de me transférer d'un service à l'autre !
on m a passé cinq personnes et aucune ne sait rien
C'est du vol, vous m'avez facturé le double.
c est une arnaque ce que vous faites
Ça suffit, je veux que ce soit réglé aujourd'hui.
Quel service pourri, vraiment.
c est une perte de temps de vous parler
Vos appels commerciaux me tapent sur les nerfs.
encore une fois vous avez coupé ma ligne sans raison
Je refuse de payer pour quelque chose qui ne fonctionne pas.
Je suis très mécontent, le remboursement n'est jamais arrivé.
depuis ce matin je n arrive pas à me connecter à l application et personne ne m aide
C'est absurde de devoir envoyer les mêmes papiers trois fois.
Vous n'avez vraiment aucune honte.
c est pas possible de me facturer des pénalités pour ça
Je suis hors de moi.
c est une blague
J'attends une réponse depuis mars, c'est intolérable.
On m'a laissé en plan à l'aéroport sans aucune explication.
la box ne marche toujours pas et on me l a déjà changée deux fois
Quelle entreprise de bras cassés !
Vous ne tenez jamais vos promesses.
ça ne m aide pas du tout votre réponse
ça me met hors de moi que personne ne prenne ses responsabilités
C'est une blague ? Encore une semaine d'attente ?
J'en ai ma claque de cette banque.
la facture de ce mois ci est énorme et personne ne m explique pourquoi
Vous avez bloqué ma carte sans prévenir et je me suis retrouvé coincé à la caisse.
Je suis vraiment énervé.
ça m énerve au plus haut point
on m a encore raccroché au nez trois fois aujourd hui
C'est un service de merde.
putain c est encore la même chose
c est vraiment chiant cette histoire
""".strip().splitlines()

ANXIETY = """
Je suis très inquiet, il y a des paiements sur ma carte que je ne reconnais pas.
je crois qu on m a volé mes identifiants bancaires et je ne sais pas quoi faire
J'ai peur qu'on me coupe l'électricité, j'ai un bébé à la maison.
ça m inquiète beaucoup que le loyer ne passe pas
Je suis stressée, mon vol part demain et je n'ai pas la confirmation.
ça sent le gaz dans la cuisine qu est ce que je dois faire
J'ai peur qu'on saisisse mon compte.
je suis angoissée je ne trouve pas mon passeport et je pars vendredi
Et si vous ne me remboursez pas à temps ? Je ne pourrai pas payer le crédit.
je panique quelqu un est entré dans mon compte
Je suis très inquiet pour les résultats de l'examen.
j ai peur que la mutuelle ne couvre pas l opération
Je suis vraiment angoissé par cette dette.
je n en dors plus à cause de cette facture
Quelqu'un m'a appelé en disant être de la banque et je lui ai donné mon code, qu'est-ce que je fais ?
j ai peur de perdre ma maison
Je m'inquiète pour ma mère, elle n'a plus de téléphone et elle vit seule.
ça me rend nerveux que personne ne réponde
Je ne sais pas si on va me facturer l'amende, je suis très inquiète.
j ai peur je ne reconnais pas ce virement
J'ai peur que mon fils ne puisse pas voyager sans le visa.
j ai la boule au ventre avec tout ça
Est-ce que c'est sûr ? J'ai très peur que ça recommence.
je suis désespéré je ne sais pas comment je vais payer ça
Je suis stressé parce que le rendez-vous est demain et je n'ai toujours pas l'accord.
j ai peur de me retrouver sans médicaments
Je crains que vous fermiez mon compte à cause de votre erreur.
ça m inquiète que quelqu un utilise ma carte en ce moment
""".strip().splitlines()

SADNESS = """
Quel dommage, je me réjouissais tellement de ce voyage.
je suis très déçu par votre service
C'est dommage, je suis client depuis quinze ans.
je suis triste c était le cadeau d anniversaire de ma fille
Vous m'avez beaucoup déçue.
mon père est décédé et je dois résilier sa ligne
Excusez-moi, je suis un peu émue, mon mari est mort le mois dernier.
quelle déception franchement
Malheureusement ça ne me sert plus à rien, l'événement était hier.
ça me fait de la peine que ça finisse comme ça
Je suis découragé, rien ne marche en ce moment.
c était un souvenir de ma mère et il est arrivé en morceaux
""".strip().splitlines()

CONFUSION = """
Je ne comprends pas cette facture, c'est quoi ce montant ?
je ne sais pas ce que veut dire prorata
Pardon, je n'ai pas compris, vous pouvez répéter ?
je suis perdu qu est ce que je dois faire maintenant
Comment ça je dois payer encore ? Je ne comprends pas.
je m y perds avec l application
Qu'est-ce que ça veut dire exactement ?
je suis confuse on m a dit autre chose
Je ne comprends pas pourquoi le montant a changé.
je ne trouve pas ce bouton
Donc je dois faire quoi, appeler la banque ou attendre ?
je m embrouille avec tous ces numéros de dossier
Je ne sais pas si c'est résilié ou pas.
Vous pouvez m'expliquer encore une fois l'engagement ?
je ne comprends rien à ce courrier
Quelle est la différence entre les deux forfaits ?
""".strip().splitlines()

SATISFACTION = """
Merci beaucoup, vous m'avez beaucoup aidé.
merci vraiment vous êtes adorable
Parfait, tout fonctionne maintenant.
merci infiniment pour votre patience
Super, j'ai bien reçu le remboursement.
je vous remercie beaucoup pour votre aide
Génial, merci d'avoir réglé ça si vite.
top merci
Vous avez été très gentille, vraiment.
je suis ravi que ce soit réglé
Excellent service, merci.
d accord parfait merci beaucoup
Quel soulagement, je pensais l'avoir perdu.
mille mercis
Très content du service, merci.
impeccable je le vois sur mon compte
""".strip().splitlines()

NEUTRAL = """
Bonjour, j'appelle pour une question sur ma facture.
je voudrais connaître l état de ma commande
Mon numéro client est le quatre cinq huit deux un.
Est-ce que je peux changer l'adresse de livraison ?
je voudrais ouvrir une nouvelle ligne
J'ai besoin d'un duplicata de la facture de janvier.
oui c est exact
D'accord, je patiente.
Vous ouvrez à quelle heure demain ?
mon numéro de dossier est le douze trois quatre cinq
Je voudrais changer la date du rendez-vous.
je voudrais payer par carte
Combien coûte la livraison en Corse ?
la référence c est a b c un deux trois
Oui, je suis le titulaire du compte.
Je voulais des informations sur l'offre fibre.
Vous pouvez m'envoyer le contrat par mail ?
j habite au huit rue de la gare
Entendu.
Vous livrez à domicile ?
je voudrais mettre à jour mon numéro de téléphone
Non, ce sera tout pour le moment.
oui un instant je cherche
Je peux faire le virement depuis l'application ?
mon adresse mail c est jean point martin arobase gmail point com
Je voudrais réserver une table pour quatre samedi.
Est-ce que la mutuelle rembourse la kiné ?
j appelle pour activer ma nouvelle carte
Je voudrais annuler ma commande de mardi.
je voudrais annuler la réservation de l hôtel
Comment je fais pour arrêter le prélèvement ?
J'ai besoin de parler au service facturation.
vous pouvez me passer la comptabilité s il vous plaît
Bonjour, je voulais me renseigner sur ma retraite.
la commande c est le neuf huit sept six
Jusqu'à quand je peux le retourner ?
je n ai pas le numéro sous la main
Non, je ne veux pas résilier, je me renseignais.
je ne vais rien résilier je veux juste une information
Oui, je l'ai sous les yeux.
Vous pouvez me confirmer le montant, s'il vous plaît ?
bon ben j attends votre mail alors
""".strip().splitlines()
