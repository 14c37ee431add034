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

# Ordinary, calm contact-centre turns (neutral): greetings, numbers, dates, addresses, polite requests and polite
# cancellations, confirmations and short answers, across deliveries, banking, telecoms, energy, travel, health and
# insurance. XED's film lines have no neutral class; these teach the model what a calm customer sounds like.
ROUTINE = """
Bonjour.
bonjour madame
Bonsoir, j'appelle au sujet de mon contrat.
bonjour monsieur j ai une question
Bonjour, je vous écris pour une commande.
Allô, bonjour.
salut j ai une petite question
Oui, je vous écoute, allez-y.
oui
Oui.
non
Non.
d'accord
D'accord.
d accord merci
D'accord, très bien.
ok
OK, c'est noté.
entendu
Bien sûr.
oui bien sûr
parfait
Très bien.
bien
oui oui
non non
Oui, allez-y.
un instant s'il vous plaît
Une seconde, je le cherche.
attendez je regarde la facture
Je vous le donne tout de suite.
Voyons voir.
alors attendez voilà
Oui, je l'ai ici.
C'est le 4521.
c est le 88310
Le numéro est 7730021.
c est le 06 21 09
C'est la commande 3321.
ma commande c est la 883402
Le numéro de commande est 100245.
commande numéro 67120
C'est la référence 4B7K2.
la référence c est FR-2291
Le numéro de réservation est QZ7PLM.
ma réservation c est k l m quatre cinq
Mon numéro client est le 5560012.
numéro client huit huit trois un
Mon numéro de contrat est le 2002-4471.
le contrat c est le trois trois zéro cinq
Le numéro d'adhérent est 0047-2231.
numéro de sociétaire quatre quatre sept un
Mon numéro de sécurité sociale commence par 1 78.
mon compte se termine par quatre deux un zéro
Les quatre derniers chiffres sont 7731.
les derniers chiffres de la carte c est un neuf huit deux
L'IBAN se termine par 0093.
Le code postal est 75011.
code postal trente et un zéro zéro zéro
Le numéro de PDL est 14523698741236.
mon portable c est le 06 12 34 56 78
Le fixe, c'est le zéro quatre soixante-dix.
Mon mail est claire.dubois@exemple.fr.
l adresse mail c est paul point bernard arobase orange point fr
Le numéro de suivi est 6A1234567.
le numéro de l incident c est 77812
Le ticket, c'est le INC-4410.
J'ai le numéro de réclamation, c'est le 2024-118.
le dossier c est le 5520
Je m'appelle Claire Dubois.
moi c est Jean-Pierre Lefèvre
Je suis Sophie Martin, la titulaire.
au nom de Nicolas Girard
C'est au nom de ma femme, Isabelle.
Ça s'écrit avec deux l, Mallet.
lefèvre avec un accent sur le e
Je suis né le 3 mai 1978.
je suis née le douze octobre quatre-vingt-deux
J'ai passé la commande lundi.
je l ai acheté le quinze
C'était le 2 mars.
le paiement c était vendredi dernier
Le rendez-vous est jeudi à dix heures.
mardi matin ça me va
Et mercredi après-midi, vous avez de la place ?
plutôt la semaine prochaine
le vingt ça me convient
À partir de dix-sept heures je suis chez moi.
le matin je ne suis pas là
Je préfère entre neuf heures et midi.
Le vol part le 14 juin.
la réservation c est pour le pont de l ascension
J'arrive samedi soir.
J'habite au 120 rue de Rivoli, troisième étage.
l adresse c est douze avenue jean jaurès
C'est au 45 boulevard Haussmann, à Paris.
trois rue du moulin appartement deux
C'est 8 rue Sainte-Catherine, à Bordeaux.
la livraison c est au bureau dix rue de la paix
C'est au rez-de-chaussée, l'interphone ne marche pas, appelez mon portable.
Quatrième étage, porte gauche.
À Lyon, code postal 69003.
j habite à lille
C'est à Québec, sur la Grande Allée.
à Bruxelles, commune d Ixelles
Je voudrais annuler la commande, s'il vous plaît.
je voulais annuler un achat que j ai fait hier
J'aimerais annuler la réservation de la chambre.
je veux annuler la commande passée ce matin
Je peux annuler l'achat ? Je me suis trompé de taille.
je voudrais arrêter l abonnement au magazine
Je voudrais résilier ma salle de sport, je déménage.
je voudrais résilier la ligne de mon fils
J'aimerais annuler le rendez-vous chez le dentiste de vendredi.
il faut annuler le rendez-vous je ne peux pas venir
Je voudrais annuler l'envoi, je l'ai acheté en magasin.
annulez l achat s il vous plaît finalement je ne m en servirai pas
Je souhaiterais annuler le virement programmé.
je voudrais résilier l assurance de la voiture parce que je l ai vendue
Merci d'annuler la réservation au nom de Girard.
j ai besoin d annuler le vol retour
Comment j'annule le renouvellement automatique ?
je voulais arrêter le prélèvement du mois prochain
Je voudrais renvoyer des chaussures, elles sont trop petites.
je voulais retourner un article
Comment je fais le retour ?
Vous pouvez venir chercher le colis chez moi ?
Quand est-ce que je reçois ma commande ?
quand est ce que mon colis arrive
Vous pouvez me dire où en est l'envoi ?
La commande est déjà partie de l'entrepôt ?
je voulais savoir si mon achat a été expédié
C'est quel transporteur qui livre ?
Vous pouvez le laisser au gardien ?
je préfère le retirer en magasin
Est-ce qu'on peut livrer à une autre adresse ?
je voudrais changer l adresse de livraison
Vous livrez en Belgique ?
La livraison standard prend combien de temps ?
Vous avez la pointure quarante-deux ?
L'article est garanti ?
je voudrais acheter un chargeur pour l ordinateur
Vous pouvez me dire combien je dois ce mois-ci ?
je voulais connaître le montant de la facture
Quand est-ce que la mensualité est prélevée ?
C'est quelle date de prélèvement ?
Je peux payer la facture en deux fois ?
je voudrais régler ce qui reste par carte
Vous m'envoyez la facture papier ?
je préfère la facture par mail
Où est-ce que je trouve mes factures sur le site ?
je voulais changer de RIB
Je peux changer la date de prélèvement ?
j ai besoin d une attestation pour les impôts
Vous pouvez m'envoyer le reçu par mail ?
je voulais consulter le solde de mon compte
Quel est le plafond de la carte ?
je voudrais augmenter le plafond de ma carte
Je peux demander une deuxième carte pour ma fille ?
je voulais des renseignements sur un prêt immobilier
Qu'est-ce qu'il faut pour ouvrir un compte ?
je voudrais faire un virement à l étranger
Un virement vers une autre banque prend combien de temps ?
Vous pouvez me renvoyer le code secret ?
je voulais activer les paiements en ligne
L'agence ferme à quelle heure ?
Il y a une agence près de la gare ?
Je voudrais un rendez-vous avec mon conseiller.
je voulais souscrire à la fibre
Quels forfaits mobiles vous proposez ?
Je peux ajouter une ligne au contrat ?
je veux garder mon numéro en venant chez vous
Vous pouvez m'envoyer une nouvelle carte SIM ?
Vous avez du réseau dans mon village ?
je voulais changer le titulaire de la ligne
Quand est-ce que le technicien passe pour l'installation ?
Vous me confirmez l'heure de l'installation ?
je voulais changer le mot de passe du wifi
Comment je configure la messagerie vocale ?
je voudrais une option pour l étranger pendant le voyage
Je voulais ouvrir l'électricité dans mon nouvel appartement.
Quelle est la puissance de mon compteur ?
je voudrais passer en heures creuses
Je vous donne le relevé du compteur : 04521.
le relevé du gaz c est un deux trois quatre
Quand passe le technicien pour relever le compteur ?
je voulais changer le titulaire du contrat d eau
Vous pouvez m'envoyer le contrat signé ?
Je voudrais réserver une chambre double pour deux nuits.
je voulais changer la date du vol
Je peux ajouter un bagage à la réservation ?
L'enregistrement est à quelle heure ?
Le petit-déjeuner est compris ?
je voudrais choisir une place côté hublot
Je peux prendre mon chien dans le train ?
j ai besoin d une facture de l hôtel pour mon entreprise
Je voudrais prendre rendez-vous avec le médecin.
Vous avez une place chez la dermatologue cette semaine ?
je voulais déplacer le rendez-vous de jeudi à lundi
La mutuelle rembourse les lunettes ?
Quels papiers il faut pour le remboursement ?
je voudrais ajouter mon fils sur le contrat
C'est quoi le numéro d'assistance de l'assurance ?
Je voulais déclarer un petit accrochage sur le parking.
Qu'est-ce que couvre l'assurance habitation ?
Le contrat se termine quand ?
je voudrais renouveler l assurance
Vous pouvez me passer le service sinistres ?
Je voulais parler au service des résiliations.
Vous pouvez me passer la facturation, s'il vous plaît ?
passez moi le service technique s il vous plaît
J'ai besoin de parler à quelqu'un du service commercial.
Oui, c'est moi.
oui je suis la titulaire
Non, j'appelle pour ma mère.
j appelle pour mon entreprise
Oui, j'accepte l'enregistrement.
oui j accepte
Non, je n'ai pas d'autre compte.
Non, c'est la première fois que j'appelle.
oui je l ai noté
Oui, j'ai reçu le SMS avec le code.
le code c est quatre sept neuf un
J'ai reçu le code : 662019.
oui c est bien cette adresse mail
Non, ce numéro je ne l'utilise plus.
Exact.
c est exact c est celui là
Tout à fait.
c est ça
Oui, c'est bien cette adresse.
Oui, c'est bien ce montant.
non ça c est bon
D'accord, je le note.
je le note attendez
Voilà, c'est noté.
Vous pouvez me l'envoyer par écrit ?
Vous me confirmez que c'est annulé ?
Donc je reçois un mail avec le justificatif ?
d accord donc j attends le mail
D'accord, je regarde sur l'application.
Parfait, donc lundi.
bon alors jeudi à dix heures
Très bien, c'est tout.
non rien d autre
Non, ce sera tout, merci.
c était tout
Rien d'autre pour aujourd'hui.
Au revoir.
au revoir bonne journée
Bonne fin de journée.
vous aussi
Encore une question : vous êtes ouverts le samedi ?
autre chose la livraison est gratuite ?
Ah, et je voulais aussi changer le numéro de contact.
au fait la garantie dure combien de temps ?
Je vous écris par le chat parce que je ne peux pas appeler.
je vous écris pour la commande d hier
je vous donne le numéro de commande
Je vous envoie la photo du ticket.
je vous ai envoyé le document par mail
Je joins la facture.
Bonjour, je suis client depuis longtemps et je voulais revoir mon forfait.
je voulais savoir s il y a une offre pour les clients
Ça me coûterait combien de changer de téléphone ?
Je voulais consulter les points que j'ai cumulés.
""".strip().splitlines()

# Emotional turns about the same things as ROUTINE (dates, numbers, orders, bills, cancellations), so that the model
# learns that the feeling, not the topic, carries the emotion: a date or a cancellation is calm until said in anger.
FRUSTRATION_ON_ROUTINE = """
Mardi prochain ? Ça fait encore une semaine sans électricité, ce n'est pas possible.
personne ne vient avant lundi c est pas possible
Encore le quinze ? On m'a dit la même chose le mois dernier.
le numéro de commande je vous l ai déjà donné trois fois
Je vous ai déjà donné mon numéro client, combien de fois encore ?
c est le 55120 et je l ai répété à tous vos collègues
je veux résilier parce que j en ai marre que ça ne marche pas
Annulez tout, vous m'avez épuisé.
je veux résilier aujourd hui même j en peux plus
Je vais annuler la commande, ça fait un mois que j'attends et personne ne sait rien.
Encore une facture de quatre-vingts euros ? C'est de l'abus.
vous m avez encore prélevé deux fois quelle honte
Le rendez-vous était à dix heures et j'attends depuis deux heures, c'est scandaleux.
vous avez changé le rendez-vous sans me prévenir et j ai perdu ma journée
Comment ça vous n'avez pas mon adresse ? Je l'ai donnée mille fois.
le colis est marqué livré et je n ai rien reçu j en ai ras le bol
La semaine prochaine ça ne va pas, j'en ai besoin maintenant, c'est incroyable.
tous les mois c est la même histoire avec la facture
Je paie tous les mois sans faute et vous me traitez comme ça.
ne me donnez plus de dates je veux une solution
Et le remboursement ? On m'a dit cinq jours et ça fait vingt.
là ça dépasse les bornes
vous me rendez fou avec toute cette paperasse
Ne me dites plus d'attendre, j'attends depuis janvier.
c est pas croyable encore sans service
C'est la dernière fois que j'achète chez vous.
non je ne veux pas d autre carte je veux être remboursé
Je trouve ça honteux de me redemander ma pièce d'identité pour la même chose.
Comment ça pas de technicien avant le mois prochain ? Je suis sans ligne depuis des jours.
comment ça je dois payer des frais alors que personne ne m a prévenu
Comment ça l'incident est clos ? Rien n'a changé depuis lundi.
comment ça ma réclamation n existe pas je l ai faite il y a deux semaines
Encore un mois d'attente ? Hors de question.
maintenant c est vendredi et vendredi dernier on m a dit pareil
personne ne m a parlé de ces frais et maintenant vous me les prélevez
Que je rappelle demain ? C'est ce qu'on m'a dit hier.
huit jours sans téléphone et on me donne un rendez-vous dans dix jours c est pas possible
Quarante euros de pénalité ? Personne ne m'en a parlé.
encore une semaine sans frigo c est pas possible franchement
Le trente ? Mais c'est une urgence !
c est le deuxième rendez-vous que vous annulez sans prévenir
Comment ça ma commande n'existe pas ? J'ai le mail de confirmation sous les yeux.
""".strip().splitlines()

ANXIETY_ON_ROUTINE = """
Le loyer est prélevé lundi et si l'argent n'arrive pas je suis dans la panade.
j ai peur que la commande n arrive pas avant le voyage
Je suis inquiète, le rendez-vous est demain et je n'ai pas reçu la confirmation.
je ne sais pas s ils vont me couper l électricité le vingt je suis très stressée
Et si le virement n'arrive pas à temps ? Je dois payer le loyer.
ça me fait peur de voir un débit de neuf cents euros qui n est pas à moi
Je suis inquiet, je ne sais pas si mon contrat est toujours actif et je me fais opérer jeudi.
j ai peur qu on bloque encore mon compte
Ça m'inquiète beaucoup que mon père se retrouve sans téléphone, il vit seul.
je suis très nerveux le vol part dans trois heures et je n ai pas de billet
Cette dette m'empêche de dormir.
Qu'est-ce qui se passe si je ne peux pas payer ce mois-ci ? Je suis angoissée.
j ai peur d avoir donné mes coordonnées à un escroc
Je suis inquiet, le traitement de ma fille n'est pas couvert.
ça m angoisse de ne pas savoir si l argent est arrivé
""".strip().splitlines()

CONFUSION_ON_ROUTINE = """
Je ne comprends pas pourquoi la facture de ce mois est différente.
Donc la commande est annulée ou pas ? Ce n'est pas clair pour moi.
je ne sais pas quel numéro vous voulez le numéro client ou le numéro de contrat
Pardon, je suis perdu, c'est quelle date de prélèvement ?
Comment ça j'ai deux contrats ? Je ne comprends pas.
je ne comprends pas ce que veut dire régularisation
C'est quoi cette ligne sur la facture ? Je ne sais pas d'où ça vient.
je m y perds avec les échéances
je ne comprends pas lequel des deux rendez-vous est le bon
Pourquoi la commande apparaît comme retournée alors que je ne l'ai pas renvoyée ?
Je ne comprends pas, je dois aller en agence ou je le fais en ligne ?
je m embrouille avec tous ces forfaits
Où est censé être le code ? Je ne le trouve pas.
je ne comprends rien à la nouvelle application
Vous pouvez m'expliquer plus lentement ? Je ne vous suis pas.
je ne sais pas si c est moi qui paie ou l assurance
""".strip().splitlines()

SADNESS_ON_ROUTINE = """
Je voulais résilier la ligne de ma femme, elle est décédée la semaine dernière.
c est dommage je me faisais une joie de cette commande et elle est arrivée cassée
Ça me rend triste de devoir annuler le voyage, c'était pour ma mère.
quel dommage c était le dernier
Je suis très déçue, je vous faisais confiance.
je sais qu on ne peut plus rien faire mais ça me fait de la peine
""".strip().splitlines()
