"""Writes the Spanish and French intent examples (intents-es.csv, intents-fr.csv): the contact-centre intents of the
English model (training/intents/contact-centre.csv), phrased by us in each language, each line also in a recogniser's
form without accents. Train the shipped models with:

    undertone intents train --data training/languages/intents-es.csv --out Sources/UndertoneEngine/Resources/intent-model-es.uti
"""
import csv
import os

import text_forms as T

ES = {
    "billing": ["¿Por qué mi factura es tan alta este mes?", "Me han cobrado de más en la última factura", "hay un cargo en la factura que no entiendo",
                "me han cobrado dos veces el mismo mes", "quiero revisar mi factura", "no entiendo el importe del recibo",
                "¿Me pueden explicar este cargo?", "la factura de la luz viene muy alta", "me cobran un servicio que no tengo",
                "necesito una copia de la factura", "el recibo de este mes está mal"],
    "technical": ["No tengo internet desde ayer", "el router no funciona", "la fibra va muy lenta", "no tengo cobertura en casa",
                  "la aplicación se cierra sola", "no puedo conectarme al wifi", "el teléfono no da tono", "la tele no se ve",
                  "tengo una avería en la línea", "no me funciona el móvil", "se corta la conexión cada rato"],
    "complaint": ["Quiero poner una queja", "quiero presentar una reclamación", "estoy muy descontento con el servicio",
                  "el trato de su compañero fue muy malo", "quiero hacer una reclamación formal", "el servicio es pésimo",
                  "quiero quejarme del técnico", "me atendieron fatal en la tienda", "quiero la hoja de reclamaciones",
                  "nadie me soluciona nada y quiero quejarme"],
    "general_enquiry": ["¿A qué hora abren?", "¿Dónde está la tienda más cercana?", "quería información sobre sus tarifas",
                        "¿Tienen ofertas para nuevos clientes?", "¿Cuál es el horario de atención?", "una pregunta general",
                        "¿Hacen envíos a Canarias?", "quería saber qué servicios ofrecen", "¿Cuánto cuesta la tarifa básica?",
                        "información sobre el seguro de hogar"],
    "delivery": ["Mi pedido no ha llegado", "¿Dónde está mi paquete?", "el repartidor no vino", "quiero saber cuándo llega mi pedido",
                 "el paquete llegó roto", "me falta un artículo del pedido", "el envío lleva una semana de retraso",
                 "quiero cambiar la dirección de entrega", "el seguimiento no se actualiza", "me entregaron el pedido equivocado"],
    "payments": ["Quiero pagar mi recibo", "no puedo hacer la transferencia", "mi pago ha sido rechazado", "quiero cambiar la forma de pago",
                 "¿Puedo pagar a plazos?", "quiero domiciliar los pagos", "la tarjeta no pasa el pago", "he hecho un pago y no aparece",
                 "quiero cambiar la cuenta bancaria", "¿Cuándo se cobra la cuota?"],
    "fraud_security": ["Hay cargos en mi tarjeta que no reconozco", "creo que me han robado la tarjeta", "alguien ha entrado en mi cuenta",
                       "me han llamado haciéndose pasar por el banco", "quiero bloquear mi tarjeta", "he recibido un mensaje sospechoso",
                       "me han suplantado la identidad", "hay una transferencia que no he hecho", "he perdido la cartera con las tarjetas",
                       "creo que es un fraude"],
    "account_access": ["No puedo entrar en mi cuenta", "he olvidado la contraseña", "la aplicación no me deja acceder",
                       "no me llega el código de verificación", "mi usuario está bloqueado", "quiero restablecer la contraseña",
                       "no recuerdo mi pin", "me sale un error al iniciar sesión", "no puedo acceder a la banca online",
                       "me han bloqueado el acceso"],
    "cancellation": ["Quiero darme de baja", "quiero cancelar mi contrato", "quiero cancelar mi pedido", "quiero anular la reserva",
                     "¿Cómo cancelo la suscripción?", "voy a dar de baja la línea", "quiero cerrar mi cuenta", "quiero cancelar el seguro",
                     "quisiera anular el pedido que hice ayer", "quiero rescindir el contrato", "cancelar la cita del martes"],
    "refund": ["Quiero que me devuelvan el dinero", "¿Cuándo me llega el reembolso?", "quiero devolver un producto",
               "no me han hecho el reembolso", "quiero la devolución del importe", "me tienen que devolver el cargo",
               "pedí un reembolso hace semanas", "quiero que me abonen la diferencia", "¿Cómo solicito el reembolso?",
               "devuélvanme lo que pagué"],
    "account_update": ["Quiero cambiar mi dirección", "quiero actualizar mi teléfono", "he cambiado de correo electrónico",
                       "quiero cambiar el titular", "quiero añadir a mi pareja a la cuenta", "quiero actualizar mis datos",
                       "me he mudado y quiero cambiar la dirección", "quiero cambiar mi nombre en la cuenta", "modificar mis datos personales",
                       "cambiar el número de teléfono de contacto"],
    "oos": ["¿Qué tiempo hará mañana?", "cuéntame un chiste", "¿Quién ganó el partido?", "ponme una canción", "¿Cuál es la capital de Francia?",
            "¿Qué hora es en Tokio?", "recomiéndame una película", "¿Cómo se hace una paella?"],
}

FR = {
    "billing": ["Pourquoi ma facture est si élevée ce mois-ci ?", "on m'a trop facturé sur la dernière facture",
                "il y a un montant sur la facture que je ne comprends pas", "vous m'avez facturé deux fois le même mois",
                "je veux vérifier ma facture", "je ne comprends pas le montant de la facture", "vous pouvez m'expliquer ce prélèvement ?",
                "la facture d'électricité est énorme", "on me facture un service que je n'ai pas", "j'ai besoin d'une copie de la facture",
                "la facture de ce mois est fausse"],
    "technical": ["Je n'ai plus internet depuis hier", "la box ne marche pas", "la fibre est très lente", "je n'ai pas de réseau chez moi",
                  "l'application plante", "je n'arrive pas à me connecter au wifi", "le téléphone n'a pas de tonalité", "la télé ne marche pas",
                  "j'ai une panne sur la ligne", "mon portable ne fonctionne plus", "la connexion coupe tout le temps"],
    "complaint": ["Je veux faire une réclamation", "je veux déposer une plainte", "je suis très mécontent du service",
                  "votre collègue a été très désagréable", "je veux faire une réclamation officielle", "le service est lamentable",
                  "je veux me plaindre du technicien", "on m'a très mal reçu en boutique", "je veux le service réclamations",
                  "personne ne règle rien et je veux me plaindre"],
    "general_enquiry": ["Vous ouvrez à quelle heure ?", "où est l'agence la plus proche ?", "je voulais des informations sur vos offres",
                        "vous avez des promotions pour les nouveaux clients ?", "quels sont vos horaires ?", "une question générale",
                        "vous livrez en Belgique ?", "je voulais savoir quels services vous proposez", "combien coûte l'offre de base ?",
                        "des informations sur l'assurance habitation"],
    "delivery": ["Ma commande n'est pas arrivée", "où est mon colis ?", "le livreur n'est pas passé", "je veux savoir quand arrive ma commande",
                 "le colis est arrivé cassé", "il manque un article dans la commande", "la livraison a une semaine de retard",
                 "je veux changer l'adresse de livraison", "le suivi ne bouge plus", "on m'a livré la mauvaise commande"],
    "payments": ["Je veux payer ma facture", "je n'arrive pas à faire le virement", "mon paiement a été refusé", "je veux changer de moyen de paiement",
                 "je peux payer en plusieurs fois ?", "je veux passer au prélèvement automatique", "ma carte ne passe pas",
                 "j'ai fait un paiement et il n'apparaît pas", "je veux changer de compte bancaire", "quand est prélevée la mensualité ?"],
    "fraud_security": ["Il y a des paiements sur ma carte que je ne reconnais pas", "je crois qu'on m'a volé ma carte",
                       "quelqu'un s'est connecté à mon compte", "on m'a appelé en se faisant passer pour la banque", "je veux faire opposition sur ma carte",
                       "j'ai reçu un message suspect", "on a usurpé mon identité", "il y a un virement que je n'ai pas fait",
                       "j'ai perdu mon portefeuille avec mes cartes", "je crois que c'est une fraude"],
    "account_access": ["Je n'arrive pas à me connecter à mon compte", "j'ai oublié mon mot de passe", "l'application ne me laisse pas entrer",
                       "je ne reçois pas le code de vérification", "mon identifiant est bloqué", "je veux réinitialiser mon mot de passe",
                       "je ne me souviens plus de mon code", "j'ai une erreur à la connexion", "je n'ai pas accès à la banque en ligne",
                       "mon accès a été bloqué"],
    "cancellation": ["Je veux résilier", "je veux résilier mon contrat", "je veux annuler ma commande", "je veux annuler la réservation",
                     "comment je résilie l'abonnement ?", "je vais résilier ma ligne", "je veux fermer mon compte", "je veux résilier l'assurance",
                     "je voudrais annuler la commande d'hier", "je veux mettre fin au contrat", "annuler le rendez-vous de mardi"],
    "refund": ["Je veux être remboursé", "quand est-ce que je reçois le remboursement ?", "je veux retourner un produit",
               "je n'ai pas été remboursé", "je veux récupérer mon argent", "vous devez me rembourser ce prélèvement",
               "j'ai demandé un remboursement il y a des semaines", "je veux qu'on me rembourse la différence", "comment demander un remboursement ?",
               "rendez-moi ce que j'ai payé"],
    "account_update": ["Je veux changer d'adresse", "je veux mettre à jour mon numéro", "j'ai changé d'adresse mail", "je veux changer le titulaire",
                       "je veux ajouter mon conjoint au compte", "je veux mettre à jour mes coordonnées", "j'ai déménagé et je veux changer l'adresse",
                       "je veux changer mon nom sur le compte", "modifier mes informations personnelles", "changer le numéro de téléphone de contact"],
    "oos": ["Quel temps fera-t-il demain ?", "raconte-moi une blague", "qui a gagné le match ?", "mets-moi une chanson", "quelle est la capitale de l'Espagne ?",
            "quelle heure est-il à Tokyo ?", "conseille-moi un film", "comment on fait une quiche ?"],
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for language, table in (("es", ES), ("fr", FR)):
        with open(os.path.join(here, f"intents-{language}.csv"), "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["text", "label"])
            for label, texts in table.items():
                for text in texts:
                    writer.writerow([text, label])
                    writer.writerow([T.speech_form(text), label])
        print(language, sum(len(v) for v in table.values()))


if __name__ == "__main__":
    main()
