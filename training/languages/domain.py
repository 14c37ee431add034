"""Writes the Spanish and French contact-centre training lines (domain/es.jsonl, domain/fr.jsonl): the hand-written
turns of domain_es.py and domain_fr.py, and turns composed from the phrase parts below (a complaint, a request, a
worry... with the openings and endings people put around them), all written for this project. Deterministic.

python3 domain.py   # rewrites domain/*.jsonl
"""
import json
import os
import random

import domain_es
import domain_fr

LABELS = {
    "FRUSTRATION": (["frustration"], "negative"),
    "ANXIETY": (["anxiety"], "negative"),
    "SADNESS": (["sadness"], "negative"),
    "CONFUSION": (["confusion"], "neutral"),
    "SATISFACTION": (["satisfaction"], "positive"),
    "NEUTRAL": (["neutral"], "neutral"),
    "ROUTINE": (["neutral"], "neutral"),
    "FRUSTRATION_ON_ROUTINE": (["frustration"], "negative"),
    "ANXIETY_ON_ROUTINE": (["anxiety"], "negative"),
    "CONFUSION_ON_ROUTINE": (["confusion"], "neutral"),
    "SADNESS_ON_ROUTINE": (["sadness"], "negative"),
}

PARTS = {
    "es": {
        "open": ["", "", "mire, ", "oiga, ", "a ver, ", "pues ", "bueno, ", "hola, ", "perdone, ", "es que "],
        "service": ["internet", "luz", "teléfono", "gas", "agua", "la fibra", "la línea", "cobertura", "televisión", "la tarjeta"],
        "thing": ["el pedido", "el paquete", "la devolución", "el reembolso", "la factura", "el técnico", "la nevera", "el sofá",
                  "la maleta", "el contrato", "la transferencia", "la tarjeta nueva"],
        "time": ["dos días", "tres días", "una semana", "dos semanas", "un mes", "diez días", "tres semanas", "cinco horas"],
        "request": ["consultar el saldo", "cambiar la dirección", "saber cuándo llega mi pedido", "pedir una factura",
                    "actualizar mis datos", "cambiar de tarifa", "reservar una cita", "añadir un usuario", "saber el horario",
                    "pagar un recibo", "activar la tarjeta", "consultar mi pedido", "cambiar el número de cuenta",
                    "saber si hay cobertura en mi zona", "cambiar la fecha de entrega", "pedir un certificado"],
        "frustration": [
            "{open}llevo {time} sin {service} y nadie me da una solución",
            "{open}llevo {time} esperando {thing} y estoy harto",
            "{open}{thing} no ha llegado todavía, esto es una vergüenza",
            "{open}es la tercera vez que llamo por {thing} y sigo igual",
            "{open}me dijeron que {thing} estaría hoy y otra vez nada, qué desastre",
            "{open}estoy harta, {thing} lleva {time} de retraso",
            "{open}no puede ser que lleve {time} sin {service}",
            "{open}ya estoy cansado de reclamar {thing}",
            "{open}qué vergüenza, {time} sin {service} y me siguen cobrando",
            "{open}esto es inaceptable, {thing} vino roto",
            "{open}estoy muy enfadada porque {thing} sigue sin resolverse después de {time}",
        ],
        "anxiety": [
            "{open}estoy muy preocupado porque {thing} no aparece",
            "{open}me preocupa quedarme sin {service}, vivo con mi madre mayor",
            "{open}tengo miedo de que {thing} no llegue a tiempo",
            "{open}estoy nerviosa, llevo {time} sin noticias de {thing}",
        ],
        "confusion": [
            "{open}no entiendo qué ha pasado con {thing}",
            "{open}no sé cómo {request}, ¿me lo explica?",
            "{open}no me queda claro qué pasa con {thing}",
        ],
        "satisfaction": [
            "{open}muchas gracias, ya me ha llegado {thing}",
            "{open}perfecto, gracias por ayudarme con {thing}",
            "{open}qué bien, ya vuelve a funcionar {service}, gracias",
        ],
        "neutral": [
            "{open}quería {request}",
            "{open}llamo para {request}",
            "{open}me gustaría {request}, por favor",
            "{open}¿podría ayudarme a {request}?",
            "{open}necesito {request}",
            "{open}una consulta, quiero {request}",
            "{open}llamo por {thing}, ¿me puede dar el número de seguimiento?",
        ],
    },
    "fr": {
        "open": ["", "", "écoutez, ", "bon, ", "alors ", "bonjour, ", "pardon, ", "en fait ", "voilà, ", "euh "],
        "service": ["internet", "l'électricité", "le téléphone", "le gaz", "l'eau", "la fibre", "la ligne", "le réseau",
                    "la télé", "la carte"],
        "thing": ["la commande", "le colis", "le retour", "le remboursement", "la facture", "le technicien", "le frigo",
                  "le canapé", "la valise", "le contrat", "le virement", "la nouvelle carte"],
        "time": ["deux jours", "trois jours", "une semaine", "deux semaines", "un mois", "dix jours", "trois semaines",
                 "cinq heures"],
        "request": ["consulter mon solde", "changer d'adresse", "savoir quand arrive ma commande", "demander une facture",
                    "mettre à jour mes coordonnées", "changer de forfait", "prendre rendez-vous", "ajouter un utilisateur",
                    "connaître vos horaires", "payer une facture", "activer ma carte", "suivre ma commande",
                    "changer mes coordonnées bancaires", "savoir si la fibre est disponible chez moi",
                    "changer la date de livraison", "demander une attestation"],
        "frustration": [
            "{open}ça fait {time} que je n'ai pas {service} et personne ne fait rien",
            "{open}ça fait {time} que j'attends {thing} et j'en ai marre",
            "{open}{thing} n'est toujours pas arrivé, c'est honteux",
            "{open}c'est la troisième fois que j'appelle pour {thing} et rien ne bouge",
            "{open}on m'avait dit que {thing} serait là aujourd'hui et toujours rien, quel bazar",
            "{open}j'en ai ras le bol, {thing} a {time} de retard",
            "{open}ce n'est pas possible d'être {time} sans {service}",
            "{open}je suis fatigué de réclamer {thing}",
            "{open}quelle honte, {time} sans {service} et vous continuez à me facturer",
            "{open}c'est inacceptable, {thing} est arrivé cassé",
            "{open}je suis très en colère parce que {thing} n'est toujours pas réglé après {time}",
        ],
        "anxiety": [
            "{open}je suis très inquiet parce que {thing} a disparu",
            "{open}j'ai peur de me retrouver sans {service}, je vis avec ma mère âgée",
            "{open}j'ai peur que {thing} n'arrive pas à temps",
            "{open}je stresse, ça fait {time} que je n'ai pas de nouvelles pour {thing}",
        ],
        "confusion": [
            "{open}je ne comprends pas ce qui s'est passé avec {thing}",
            "{open}je ne sais pas comment {request}, vous pouvez m'expliquer ?",
            "{open}ce n'est pas clair pour moi ce qui se passe avec {thing}",
        ],
        "satisfaction": [
            "{open}merci beaucoup, j'ai bien reçu {thing}",
            "{open}parfait, merci de m'avoir aidé pour {thing}",
            "{open}super, {service} remarche, merci",
        ],
        "neutral": [
            "{open}je voudrais {request}",
            "{open}j'appelle pour {request}",
            "{open}j'aimerais {request}, s'il vous plaît",
            "{open}vous pourriez m'aider à {request} ?",
            "{open}j'ai besoin de {request}",
            "{open}une question, je veux {request}",
            "{open}j'appelle pour {thing}, vous pouvez me donner le numéro de suivi ?",
        ],
    },
}

COMPOSED_PER_TEMPLATE = {"frustration": 9, "anxiety": 9, "confusion": 9, "satisfaction": 9, "neutral": 14}


def compose(language, rng):
    parts = PARTS[language]
    lines = []
    for emotion, count in COMPOSED_PER_TEMPLATE.items():
        label = LABELS[emotion.upper()]
        for template in parts[emotion]:
            seen = set()
            for _ in range(count * 3):
                if len(seen) >= count:
                    break
                text = template.format(**{k: rng.choice(v) for k, v in parts.items() if isinstance(v, list) and k != emotion})
                text = text[0].upper() + text[1:] if rng.random() < 0.5 else text
                if text not in seen:
                    seen.add(text)
                    lines.append((text, label))
    return lines


# Calm turns composed from parts: the identifiers, dates, addresses and polite requests (cancellations included) that
# fill most of a contact centre's day. Labelled neutral. A separate random stream, so the turns above stay as they were.
ROUTINE_PARTS = {
    "es": {
        "hello": ["", "", "", "hola, ", "buenos días, ", "buenas tardes, ", "hola buenas, ", "sí, ", "pues ", "mire, "],
        "please": ["", "", ", por favor", ", gracias", " cuando pueda"],
        "id": ["12345", "998120", "40417", "7730021", "3321", "A-5521", "88 41 02", "2024-0917", "cinco cinco ocho",
               "uno dos tres cuatro", "tres siete nueve nueve uno", "ES4471", "k l m dos", "660019", "1093"],
        "idname": ["número de pedido", "número de cliente", "número de contrato", "número de póliza", "localizador",
                   "número de seguimiento", "número de factura", "código de reserva", "número de incidencia", "expediente"],
        "date": ["el lunes", "el martes", "el miércoles que viene", "el jueves por la mañana", "el viernes a las cinco",
                 "el sábado", "el día 3", "el 15 de marzo", "el veintidós", "mañana", "pasado mañana", "la semana que viene",
                 "el 1 de julio", "a final de mes"],
        "address": ["calle Mayor 12", "avenida de América 40, 2.º A", "calle del Prado 7", "plaza de España 3",
                    "calle Reforma 210, colonia Juárez", "avenida Corrientes 1500", "camino de la Vega 9",
                    "calle Mallorca 301, Barcelona", "paseo de la Castellana 89"],
        "item": ["mi pedido", "el pedido de ayer", "la reserva", "la cita", "la suscripción", "el envío", "la compra",
                 "la renovación", "la tarjeta adicional", "la línea fija", "el servicio de mantenimiento", "el vuelo de ida",
                 "la habitación", "el seguro de viaje", "el plan de datos"],
        "why": ["", "", "", ", ya no lo necesito", ", me he mudado", ", lo compré en otro sitio", ", cambié de planes",
                ", al final no viajo", ", ya no lo uso", ", me equivoqué al pedirlo"],
        "ask": ["la fecha de entrega", "el importe de la factura", "el horario de la tienda", "el estado del envío",
                "el saldo de la cuenta", "las condiciones de la tarifa", "la hora de la cita", "cuánto cuesta el envío",
                "cuándo pasa el técnico", "si el pedido ya salió", "qué documentos necesito", "cómo se paga"],
        "templates": [
            "{hello}es el {id}",
            "{hello}el {idname} es el {id}",
            "{hello}mi {idname} es {id}",
            "{hello}le doy el {idname}: {id}",
            "{hello}quiero cancelar {item}{why}",
            "{hello}quería cancelar {item}{please}",
            "{hello}me gustaría anular {item}{why}",
            "{hello}¿puedo cancelar {item}?",
            "{hello}la entrega mejor {date}{please}",
            "{hello}¿podemos dejarlo para {date}?",
            "{hello}me viene bien {date}",
            "{hello}vivo en {address}",
            "{hello}la dirección es {address}",
            "{hello}quería saber {ask}{please}",
            "{hello}¿me puede decir {ask}?",
            "{hello}una pregunta sobre {item}: ¿me dice {ask}?",
        ],
    },
    "fr": {
        "hello": ["", "", "", "bonjour, ", "bonsoir, ", "allô bonjour, ", "oui, ", "alors ", "voilà, ", "euh "],
        "please": ["", "", ", s'il vous plaît", ", merci", " quand vous pourrez"],
        "id": ["12345", "998120", "4521", "7730021", "3321", "A-5521", "88 41 02", "2024-0917", "cinq cinq huit",
               "un deux trois quatre", "trois sept neuf neuf un", "FR4471", "k l m deux", "660019", "1093"],
        "idname": ["numéro de commande", "numéro client", "numéro de contrat", "numéro d'adhérent", "numéro de réservation",
                   "numéro de suivi", "numéro de facture", "code de réservation", "numéro de dossier", "numéro de ticket"],
        "date": ["lundi", "mardi", "mercredi prochain", "jeudi matin", "vendredi à dix-sept heures", "samedi", "le 3",
                 "le 15 mars", "le vingt-deux", "demain", "après-demain", "la semaine prochaine", "le 1er juillet",
                 "en fin de mois"],
        "address": ["12 rue de la République", "40 avenue Victor Hugo, 2e étage", "7 rue des Lilas", "3 place Bellecour",
                    "210 rue Sherbrooke, Québec", "15 chaussée d'Ixelles", "9 chemin des Vignes",
                    "301 cours Lafayette, Lyon", "89 boulevard Voltaire"],
        "item": ["ma commande", "la commande d'hier", "la réservation", "le rendez-vous", "l'abonnement", "l'envoi",
                 "l'achat", "le renouvellement", "la carte supplémentaire", "la ligne fixe", "le contrat d'entretien",
                 "le vol aller", "la chambre", "l'assurance voyage", "l'option data"],
        "why": ["", "", "", ", je n'en ai plus besoin", ", j'ai déménagé", ", je l'ai acheté ailleurs", ", j'ai changé mes plans",
                ", finalement je ne pars pas", ", je ne m'en sers plus", ", je me suis trompé en commandant"],
        "ask": ["la date de livraison", "le montant de la facture", "les horaires du magasin", "où en est l'envoi",
                "le solde du compte", "les conditions du forfait", "l'heure du rendez-vous", "combien coûte la livraison",
                "quand passe le technicien", "si la commande est partie", "quels papiers il faut", "comment on paie"],
        "templates": [
            "{hello}c'est le {id}",
            "{hello}le {idname} c'est le {id}",
            "{hello}mon {idname} est {id}",
            "{hello}je vous donne le {idname} : {id}",
            "{hello}je voudrais annuler {item}{why}",
            "{hello}je voulais annuler {item}{please}",
            "{hello}j'aimerais résilier {item}{why}",
            "{hello}est-ce que je peux annuler {item} ?",
            "{hello}la livraison plutôt {date}{please}",
            "{hello}on peut décaler à {date} ?",
            "{hello}{date} ça me va",
            "{hello}j'habite au {address}",
            "{hello}l'adresse c'est {address}",
            "{hello}je voulais savoir {ask}{please}",
            "{hello}vous pouvez me dire {ask} ?",
            "{hello}une question pour {item} : vous pouvez me dire {ask} ?",
        ],
    },
}
ROUTINE_PER_TEMPLATE = 9


def compose_routine(language, rng):
    parts = ROUTINE_PARTS[language]
    lines = []
    for template in parts["templates"]:
        seen = set()
        for _ in range(ROUTINE_PER_TEMPLATE * 4):
            if len(seen) >= ROUTINE_PER_TEMPLATE:
                break
            text = template.format(**{k: rng.choice(v) for k, v in parts.items() if k != "templates"})
            text = text[0].upper() + text[1:] if rng.random() < 0.5 else text
            if text not in seen:
                seen.add(text)
                lines.append((text, LABELS["ROUTINE"]))
    return lines


def main():
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "domain")
    os.makedirs(out_dir, exist_ok=True)
    for language, module in (("es", domain_es), ("fr", domain_fr)):
        rows = []
        for name, label in LABELS.items():
            rows += [(text, label) for text in getattr(module, name) if text.strip()]
        rows += compose(language, random.Random(7))
        rows += compose_routine(language, random.Random(13))
        with open(os.path.join(out_dir, f"{language}.jsonl"), "w", encoding="utf-8") as f:
            for i, (text, (emotions, polarity)) in enumerate(rows, 1):
                f.write(json.dumps({"id": f"{language}-{i:04d}", "text": text, "emotions": emotions, "polarity": polarity},
                                   ensure_ascii=False) + "\n")
        print(language, len(rows))


if __name__ == "__main__":
    main()
