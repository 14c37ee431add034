// The Spanish cue phrase tables, as data (notation on `PhraseTable`). Words are folded as the detector folds a turn:
// lower case, no accents ("jefe", "inutiles", "tercera vez", "manana"), apostrophes as spaces. Spain and Latin
// America: OMIC and consumo, PROFECO, SERNAC, Indecopi; "jefe", "encargado", "gerente".

extension CueLanguage {
    /// Spanish.
    static let spanish = CueLanguage(
        code: "es", folds: true, wordSets: SpanishCues.wordSets, cuePhrases: SpanishCues.cuePhrases,
        hypotheticalPhrases: SpanishCues.hypotheticalPhrases, vetoPhrases: SpanishCues.vetoPhrases, scope: SpanishCues.scope,
        countWords: SpanishCues.countWords, fillers: ["eh", "ehh", "ehm", "em", "emm", "mm", "mmm", "hmm"],
        maskedSwearing: [
            "mierda", "joder", "jodido", "jodidos", "puta", "puto", "putos", "putas", "cabron", "cabrones", "hostia", "cono", "carajo",
            "chingada", "pendejo", "pendejos", "gilipollas", "cojones",
        ],
        complaintWords: PhraseSet([
            "en espera", "otra vez", "otra semana", "otro mes", "otro dia", "otra hora", "todavia", "aun", "sigue", "sigo", "retraso",
            "tarde", "cancelado", "cancelada", "perdido", "perdida", "roto", "rota", "esperando", "nadie", "nunca", "nada", "mal",
            "cobrado", "cobrando", "averia", "no funciona", "sin respuesta", "sin reembolso", "sin servicio", "bloqueado", "bloqueada",
            "rechazado", "rechazada", "estropeado", "estropeada", "cortado", "cortada", "excusa", "excusas",
        ]))
}

enum SpanishCues {
    static let wordSets: [String: [String]] = [
        "own": [
            "mi", "mis", "el", "la", "los", "las", "este", "esta", "estos", "toda mi", "todas mis", "todos mis", "nuestra", "nuestro",
            "nuestras", "nuestros", "su", "sus",
        ],
        "account": [
            "cuenta", "cuentas", "contrato", "contratos", "suscripcion", "suscripciones", "servicio", "servicios", "linea", "lineas",
            "seguro", "seguros", "poliza", "tarifa", "fibra", "internet", "movil", "plan", "membresia", "abono",
            "hipoteca", "cuenta corriente", "cuenta bancaria", "linea movil", "telefono", "luz", "gas",
        ],
        "endAccount": [
            "cancelar", "cancelo", "cancelamos", "anular", "anulo", "cerrar", "cierro", "rescindir", "rescindo", "terminar", "dar de baja",
            "doy de baja", "darme de baja", "darle de baja", "cancele", "cancelen", "cancelenme", "anule", "anulen", "cierre", "cierren",
            "denme de baja", "deme de baja",
        ],
        "provider": [
            "compania", "companias", "empresa", "empresas", "banco", "bancos", "operador", "operadora", "operadores", "aseguradora",
            "proveedor", "proveedores", "comercializadora", "entidad", "telefonica", "tienda",
        ],
        "otherProvider": [
            "otra compania", "otra empresa", "otro banco", "otro operador", "otra operadora", "otra aseguradora", "otro proveedor",
            "otra comercializadora", "otra entidad", "la competencia", "su competencia", "sus competidores", "otra telefonica",
            "otra tienda", "otro sitio", "otra parte",
        ],
        "yourProvider": [
            "ustedes", "vosotros", "su compania", "esta compania", "su empresa", "esta empresa", "su banco", "este banco",
            "esta operadora", "su operadora", "este operador", "esta aseguradora", "su aseguradora", "su servicio", "este servicio",
        ],
        // Said as a decision or a wish: "voy a cancelar", "quiero darme de baja". Asking ("quisiera cancelar", "¿puedo
        // cancelar?") is <askTo>, a request.
        "intendTo": [
            "voy a", "vamos a", "me voy a", "nos vamos a", "quiero", "queremos", "he decidido", "hemos decidido", "tengo que",
            "pienso", "ahora mismo voy a", "ya voy a", "hoy mismo voy a", "me van a obligar a", "estoy decidido a", "estoy decidida a",
            "exijo", "pues voy a", "ya mismo voy a",
        ],
        "askTo": [
            "quisiera", "me gustaria", "nos gustaria", "queria", "queriamos", "podria", "podrian", "puedo", "podemos", "puede",
            "como puedo", "como hago para", "como se puede", "que tengo que hacer para", "necesito", "necesitaria", "necesitamos",
            "se puede", "es posible", "quisiera saber como", "queria saber como", "seria posible", "me podria", "me puede",
            "me pueden", "me ayuda a", "ayudarme a", "donde puedo", "por favor",
        ],
        // Things one cancels without ending the relationship.
        "bookedThing": [
            "pedido", "pedidos", "cita", "citas", "reserva", "reservas", "pago", "pagos", "transferencia", "envio", "entrega",
            "vuelo", "vuelos", "viaje", "billete", "billetes", "boleto", "boletos", "entrada", "entradas", "mesa", "taxi",
            "habitacion", "hotel", "tren", "recibo", "domiciliacion", "compra", "compras", "devolucion", "paquete", "visita", "tarjeta",
            "orden", "solicitud", "clase", "sesion", "consulta", "reunion", "cargo", "suscripcion al boletin", "pedido online",
        ],

        "seniorRole": [
            "supervisor", "supervisora", "jefe", "jefa", "responsable", "encargado", "encargada", "gerente", "superior", "superiores",
            "coordinador", "coordinadora", "director", "directora", "jefe de departamento", "jefe de equipo",
        ],
        "seniorPerson": [
            "alguien con autoridad", "alguien superior", "alguien de mas arriba", "alguien responsable", "alguien que sepa",
            "alguien que me pueda ayudar", "alguien que me ayude", "alguien competente", "otra persona", "una persona", "un humano",
            "una persona real", "un ser humano", "alguien al mando",
        ],
        "toSenior": [
            "su <seniorRole>", "el <seniorRole>", "la <seniorRole>", "un <seniorRole>", "una <seniorRole>", "tu <seniorRole>",
            "algun <seniorRole>", "alguna <seniorRole>", "al <seniorRole>", "a su <seniorRole>", "<seniorPerson>",
        ],

        "legalAction": [
            "demanda", "demandas", "juicio", "pleito", "querella", "accion legal", "acciones legales", "via judicial",
            "medidas legales", "reclamacion judicial", "los tribunales", "tribunales",
        ],
        "legalParty": [
            "abogado", "abogada", "abogados", "omic", "profeco", "sernac", "indecopi", "consumo", "oficina del consumidor",
            "defensor del cliente", "defensor del pueblo", "defensor del asegurado", "banco de espana", "cnmc", "facua", "ocu",
            "asociacion de consumidores", "organizacion de consumidores", "regulador", "organismo regulador", "superintendencia",
            "policia", "guardia civil", "juez", "juzgado", "tribunal", "prensa", "periodicos", "television", "redes sociales",
            "proteccion de datos", "agencia de proteccion de datos",
        ],
        "takeTo": [
            "ir a", "ire a", "voy a ir a", "acudir a", "acudire a", "llamar a", "llamare a", "hablar con", "hablare con", "contactar con",
            "contactare con", "poner esto en manos de", "pondre esto en manos de", "pongo esto en manos de", "denunciar ante",
            "reclamar ante", "reclamare ante", "recurrir a", "recurrire a", "llevar esto a", "llevare esto a", "llevarlo a", "lo llevo a",
            "consultar con", "consultare con", "avisar a", "escribir a", "escribire a", "quejarme ante", "quejarme a", "me quejare a",
            "me quejare ante", "denunciarles ante", "denunciarlos ante", "voy a llamar a", "voy a hablar con", "voy a acudir a",
            "voy a llevar esto a", "lo voy a llevar a", "voy a contactar con", "voy a escribir a", "presentar una queja ante",
            "poner una queja en", "poner una reclamacion en", "reclamar en", "reclamare en", "nos vemos en",
        ],

        "abuseTarget": [
            "usted es", "ustedes son", "tu eres", "eres", "sois", "son", "es usted", "son ustedes", "vosotros sois", "su empresa es",
            "esta empresa es", "este banco es", "su banco es", "su compania es", "esta compania es", "su servicio es", "su gente es",
            "sus empleados son", "todos ustedes son", "ustedes", "usted",
        ],
        "insult": [
            "inutiles", "inutil", "incompetentes", "incompetente", "idiotas", "idiota", "imbeciles", "imbecil", "estupidos", "estupido",
            "estupida", "tontos", "tonto", "tonta", "ladrones", "ladron", "estafadores", "estafador", "sinverguenzas", "sinverguenza",
            "mentirosos", "mentiroso", "mentirosa", "payasos", "payaso", "gilipollas", "subnormales", "cabrones", "cabron", "pendejos",
            "pendejo", "ineptos", "inepto", "inepta", "una mierda", "una basura", "una verguenza", "una estafa", "unos ladrones",
            "unos inutiles", "unos sinverguenzas", "unos incompetentes", "unos estafadores", "unos mentirosos", "unos idiotas",
            "unos payasos", "basura", "hijo de puta", "hijos de puta", "pesimos", "patéticos", "pateticos", "patetico", "chorizos", "mamones",
        ],
        "personInsult": [
            "idiota", "idiotas", "imbecil", "imbeciles", "gilipollas", "cabron", "cabrones", "pendejo", "pendejos", "subnormal",
            "subnormales", "mamon", "mamones", "hijo de puta", "hijos de puta", "hija de puta",
        ],
        "intensifier": [
            "muy", "mas", "tan", "realmente", "de verdad", "todos", "todos unos", "unos", "una", "un", "una panda de",
            "una banda de", "un atajo de", "unos putos", "unos malditos", "absolutamente", "completamente", "totalmente", "siempre",
        ],

        "contacted": [
            "llamado", "escrito", "reclamado", "explicado", "hablado", "contactado", "enviado", "mandado", "venido", "ido", "pedido",
            "dicho", "contado", "preguntado", "intentado",
        ],
        "manyTimes": [
            "# veces", "varias veces", "muchas veces", "mil veces", "un monton de veces", "tantas veces", "demasiadas veces",
            "cien veces", "otras veces", "montones de veces", "infinidad de veces", "un par de veces", "dos veces",
        ],
        "earlier": [
            "ya", "antes", "ayer", "la semana pasada", "el mes pasado", "esta manana", "hace dos dias", "hace una semana",
            "hace un mes", "hace # dias", "hace # semanas", "el otro dia", "anteriormente",
        ],
    ]

    static let cuePhrases: [CueKind: [String]] = [
        .cancellationThreat: [
            "<endAccount> <own>? <account>",
            "<intendTo> (cancelar|dar de baja|darme de baja|darnos de baja|anular|cerrar|rescindir|borrarme|irme|marcharme|cambiarme|dejarles|dejaros)",
            "(cancelo|me doy de baja|nos damos de baja|me borro|me largo|me marcho) (ya|hoy|ahora|ahora mismo|hoy mismo|todo|mañana|manana)?",
            "me (cambio|paso|voy|largo|marcho|llevo mi dinero|llevo mis ahorros|llevo todo) (a|con) <otherProvider>",
            "(me voy|me largo|me marcho|me doy de baja|me borro) (de|con) <yourProvider>",
            "(cambiarme|cambiarnos|irme|pasarme|pasarnos|me cambio|me paso|me voy|nos vamos|nos cambiamos) (de compania|de banco|de operador|"
                + "de operadora|de aseguradora|de proveedor|de empresa|de compañia|a la competencia)",
            "(busco|buscar|buscando|buscare|voy a buscar|me busco) <otherProvider>",
            "(no|nunca|jamas) (mas)? (vuelvo|volvere|volveremos|pienso volver|voy a volver) a (contratar|comprar|usar|confiar|pedir|llamar)",
            "(han|has|habeis|acaban de|acabais de) perdido (un|una|a un|a una)? (cliente|clienta)",
            "(me|nos) (han|habeis|acaban de|acabais de) perdido como (cliente|clientes|clienta)",
            "no (pienso|voy a|vamos a) renovar",
            "(pedir|pido|solicitar|solicito|hacer|hago|quiero) la portabilidad",
            "(dejo|dejamos|abandono) <yourProvider>",
            "(estoy|estamos) (cancelando|dando de baja) <own>? <account>",
        ],
        .cancellationRequest: [
            "<askTo> (cancelar|dar de baja|darme de baja|anular|cerrar|rescindir)",
            "(cancelar|cancelo|anular|anulo) (mi|el|la|este|esta|un|una|los|las|mis|nuestro|nuestra)? _? <bookedThing>",
            "(politica|condiciones|gastos|penalizacion|plazo|proceso|formulario|departamento|seccion) de (cancelacion|baja|anulacion|bajas)",
            "(como|donde) (se)? (cancela|anula|da de baja|doy de baja|me doy de baja)",
        ],
        .supervisorRequest: [
            "(hablar|habla|hablo|comunicarme|comunicar|contactar) (con)? <toSenior>",
            "(paseme|pasame|pongame|ponme|comuniqueme|comunicame|pasenme|ponganme) (con)? <toSenior>",
            "(me pasa|me pone|me pasas|me pones|me comunica|me puede pasar|me puede poner|me podria pasar|me podria poner) (con)? <toSenior>",
            "(quiero|exijo|necesito|pido|deseo|quisiera|solicito|queremos) (hablar con|que venga|ver a|que me atienda)? <toSenior>",
            "(escalar|escale|escalen|escaleme|escalelo|escalarlo|escalado) (esto|el caso|mi caso|la incidencia|la queja|la reclamacion)?",
            "(quien es|como se llama|cual es el nombre de) (su|el|la|tu) <seniorRole>",
            "(no hay|hay) (alguien|nadie) (por encima|mas arriba|al mando|superior|con autoridad)",
        ],
        .legalThreat: [
            "<legalAction>",
            "<takeTo> (el|la|los|las|al|a la|mi|un|una|a)? <legalParty>",
            "(demandar|demandare|demandaremos|demandarles|demandarlos|demandaros|denunciare|denunciarles|denunciarlos|denunciaros|"
                + "los demando|les demando|os demando|los denuncio|les denuncio|os denuncio|te denuncio)",
            "(voy a|vamos a|pienso|tengo que|quiero) (demandar|denunciar) (les|los|a ustedes|a la empresa|a su empresa|a este banco)?",
            "(les|los|os) (voy a|vamos a) (demandar|denunciar)",
            "(poner|pongo|presentar|presento|interponer|interpongo|voy a poner|voy a presentar|quiero poner|quiero presentar) (una)? "
                + "(denuncia|demanda|reclamacion formal|reclamacion oficial|queja formal|queja oficial|reclamacion por escrito)",
            "(hoja|libro|libro de|hojas) (de)? reclamaciones",
            "(queja|reclamacion) (formal|oficial|por escrito)",
            "(mi|nuestro) abogado (se pondra en contacto|les llamara|les escribira|se encargara|va a|se va a|les contactara)",
            "(a|en) los tribunales",
        ],
        .repeatContact: [
            "(es|esta es|ya es|seria|sera|ya van|van|ya llevo|llevo) (la|las)? # (vez|veces) (que)? (llamo|llamamos|les llamo|les escribo|escribo|"
                + "reclamo|lo explico|lo digo|lo pido|pido|contacto|vengo|hablo con ustedes|llamando)?",
            "(por|ya por) # vez",
            "(he|hemos|ya he|ya hemos|habia|habiamos) (ya)? <contacted> (ya)? (<manyTimes>|antes|ayer|la semana pasada|el mes pasado|"
                + "esta manana|el otro dia|hace # dias|hace una semana|hace un mes)",
            "(llamo|llame|llamamos|escribo|escribi|reclamo|reclame|vuelvo a llamar|vuelvo a escribir|vuelvo a reclamar) (otra vez|de nuevo|"
                + "nuevamente|una vez mas|por enesima vez)",
            "(ya|antes) (se|te|les|os)? (lo)? (he|habia|hemos|habiamos) (explicado|dicho|contado|llamado|reclamado|enviado|mandado|dado)",
            "(ya se lo|ya te lo|ya les|ya os lo|ya lo) (dije|he dicho|explique|he explicado|conte|he contado|mande|envie|di|he dado)",
            "(otra vez|de nuevo|una vez mas) (lo mismo|el mismo problema|la misma historia|igual|la misma averia|lo de siempre)",
            "(siempre|cada vez que llamo|cada vez que llamamos|cada vez) (me dicen|nos dicen|la misma historia|lo mismo)",
            "no es la primera vez",
            "(sigo|seguimos|todavia|aun) (esperando|sin respuesta|sin noticias|sin solucion|sin que nadie|no he recibido|no me han llamado|"
                + "no me han contestado|no me han devuelto|no hemos recibido)",
            "(me|nos) (pasan|han pasado|estan pasando|pasaron|mandan|han mandado) de (un departamento a otro|uno a otro|"
                + "departamento en departamento|un lado a otro|aqui para alla)",
            "(me prometieron|me dijeron que|me aseguraron que|quedaron en) (me)? (llamarian|llamaban|devolverian|arreglarian|vendria|"
                + "estaria|llamar|devolver)",
            "nadie me (ha llamado|llamo|devolvio la llamada|ha devuelto la llamada|ha contestado|contesto)",
            "tengo que (repetir|explicar|contar) (lo|todo)? (otra vez|de nuevo|todo otra vez)",
            "(enesima|milesima|centesima) vez",
            "(lo mismo|el mismo problema|la misma averia) (que|de) (la otra vez|la ultima vez|siempre|el mes pasado|la semana pasada)",
        ],
        .abuse: [
            "<abuseTarget> <intensifier>? <intensifier>? <insult> (de mierda|de los cojones|del carajo|de los huevos)?",
            "(que|vaya|menudos|menudo|menuda|panda de|banda de|atajo de|pandilla de|puta|putos|malditos|manada de) <insult>",
            "(que te|que os|que les|que se) (jodan|den por culo|follen)",
            "(vete|vayase|vayanse|idos|iros|vayan|váyanse) a la (mierda|porra|chingada)",
            "(me cago en) (su|tu|la|vuestra|vuestros|sus)? (empresa|madre|compania|banco|puta madre|servicio|leche|familia)",
            "(callese|callate|cierre la boca|cierra la boca|cierren la boca|calla ya)",
            "(no tienen|no tiene|no teneis|no tienes|ninguno tiene) ni (idea|puta idea|zorra idea|la menor idea)",
            "(usted|ustedes|tu|vosotros) no (saben|sabe|sabes|sabeis) (hacer)? (nada|ni|lo que hacen|lo que hace|su trabajo)",
        ],
        .profanity: [
            "<personInsult>",
            "(mierda|joder|jodido|jodida|jodidos|jodidas|puta|puto|putos|putas|hostia|hostias|cono|carajo|chingado|chingada|chingue|"
                + "cojones|cojon|me cago|maldita sea|maldito|maldita|coño|pinche|pinches|verga|carajos|leches)",
        ],
        .statedAnger: [
            "(estoy|estamos|ya estoy|ya estamos|me estoy|me tiene|me tienen|nos tienen|me siento|me pone|me estan poniendo) (muy|super|realmente|"
                + "tan|bastante|totalmente|ya|muchisimo|absolutamente|completamente)? (harto|harta|hartos|hartas|enfadado|enfadada|enfadados|"
                + "enfadadisimo|enfadadisima|enojado|enojada|enojados|furioso|furiosa|cabreado|cabreada|cabreadisimo|cabreadisima|indignado|"
                + "indignada|molesto|molesta|quemado|quemada|frito|frita|negro|negra|de los nervios|rabioso|rabiosa|hasta las narices|"
                + "hasta el gorro|hasta la coronilla|que echo humo|que exploto|que trino|encabronado|encabronada|emputado|emputada)",
            "(estoy|estamos|ya estoy) (hasta las narices|hasta el gorro|hasta la coronilla|hasta los huevos|hasta aqui|harto de ustedes|harta de ustedes)",
            "(ya)? no (aguanto|soporto|puedo) mas",
            "se (me|nos) (acabo|agoto|esta acabando|esta agotando) la paciencia",
            "(esto|eso|esto es|eso es|es|es una|esto es una|que|vaya|menuda|menudo) (una|un)? (verguenza|vergonzoso|indignante|inaceptable|"
                + "inadmisible|intolerable|escandalo|escandaloso|tomadura de pelo|burla|desastre|cachondeo|de risa|el colmo|lamentable|"
                + "penoso|patetico|abuso|pesadilla|vergüenza|sinverguenzeria|chapuza|robo|estafa|pitorreo|broma de mal gusto)",
            "(inaceptable|inadmisible|intolerable|indignante|vergonzoso|escandaloso|lamentable|ridiculo|absurdo)",
            "me (da|dan|produce|produce mucha|da mucha|da muchisima) rabia",
            "(me|nos) (esta|estan|estais|tiene|tienen) (tomando el pelo|volviendo loco|volviendo loca|amargando la vida|tocando las narices)",
            "(no hay derecho|esto no es serio|no es normal|es increible que|es de risa|manda narices|manda huevos)",
        ],
        .sarcasm: [
            "(gracias|muchas gracias|mil gracias) por nada",
            "(genial|estupendo|fantastico|perfecto|maravilloso|que bien|de maravilla|fenomenal) (otra vez|otra semana|otro dia|otro mes|"
                + "otra hora|otra excusa|otro retraso)",
            "(lo que me faltaba|lo que faltaba|lo que nos faltaba)",
            "(que|vaya|menudo|menuda) (servicio|atencion) (mas|tan)? (bueno|buena|estupendo|estupenda|maravilloso|maravillosa|excelente)",
        ],
        .confusion: [
            "no (entiendo|comprendo|lo entiendo|le entiendo|te entiendo|la entiendo|lo comprendo|me entero|me aclaro|le sigo|te sigo|lo pillo|"
                + "se que significa|se que quiere decir|se a que se refiere|se lo que|se que tengo que|se que hacer|se como|se donde|se si|"
                + "tengo claro|me queda claro|me ha quedado claro|termino de entender|acabo de entender|lo veo claro)",
            "(estoy|me he|me estoy|ando) (confundido|confundida|perdido|perdida|liado|liada|hecho un lio|hecha un lio|perdiendo|liando)",
            "(que|que es lo que) (significa|quiere decir|quiere usted decir|me quiere decir)",
            "(me lo|me lo puede|puede|podria) (explicar|repetir|aclarar) (otra vez|de nuevo|mejor|por favor)?",
            "(a que|a que se) (se refiere|te refieres|refiere)",
            "(como|como que|como es que)? (no lo entiendo|no entiendo nada|no me entero de nada)",
            "(que|cual) es la diferencia",
        ],
        .correction: [
            "(eso no es|no es eso|esto no es) lo que (he dicho|dije|pedi|he pedido|pregunte|he preguntado|queria)",
            "(usted|tu|ustedes|vosotros)? (se ha|te has|se han|os habeis|se) (equivocado|confundido|equivoca|confunde|equivocan)",
            "no (he dicho|dije) eso",
            "(le he dicho|te he dicho|le dije|te dije|les he dicho) que (no|es|era|el|la)",
        ],
        .rejection: [
            "no (gracias|me interesa|nos interesa|me sirve|me vale|me ayuda|me convence|es suficiente|quiero eso|quiero un vale|quiero compensacion)",
            "(ya lo he|ya lo hemos|eso ya lo he|eso ya lo hemos|ya he|ya hemos) (probado|intentado|hecho|reiniciado)",
            "(tampoco|eso tampoco|esa tampoco|ese tampoco) (me sirve|me vale|funciona|me gusta|me interesa)",
        ],
        .givingUp: [
            "(da igual|dejelo|dejalo|olvidelo|olvidalo|olvidese|olvidate|me rindo|es inutil|no sirve de nada|ya lo arreglo yo|"
                + "ya me apaño yo|ya me apano yo|ya lo soluciono yo|para que|esto no tiene arreglo|no tiene sentido)"
        ],
        .unanswered: [
            "(hay alguien|sigue ahi|sigues ahi|esta ahi|estas ahi|me oye|me oyes|me escucha|me escuchas|hola hola)",
            "(nadie|no) me (contesta|contestan|responde|responden|hace caso|hacen caso)",
        ],
        .cannotHelp: [
            "no (puedo|podemos|le puedo|te puedo|les puedo|se puede) (hacer nada|ayudarle|ayudarte|ayudarles|hacer mas|cambiar|ofrecerle|"
                + "ofrecer|darle|hacer eso|gestionar|tramitar|ver|acceder|encontrar)",
            "no (tengo|tenemos|hay|veo|encuentro|consigo encontrar) (informacion|disponibilidad|citas|nada|ningun|ninguna|registro|vuelos|"
                + "trenes|habitaciones|mesas|plazas|stock)",
            "(no hay nada|nada mas) que (pueda|podamos) hacer",
            "(lo siento|lamentablemente|me temo que) no (es posible|se puede|puedo|podemos)",
        ],
        .gratitude: [
            "(gracias|muchas gracias|muchisimas gracias|mil gracias|un millon de gracias|se lo agradezco|te lo agradezco|le agradezco|"
                + "les agradezco|os lo agradezco|agradecido|agradecida|muy amable|que amable|eres un sol|es usted un sol|muy agradecido|"
                + "muy agradecida|gracias de verdad|gracias por todo)",
            "(ha|has|han) (sido)? (muy|super|tan)? (amable|amables|atento|atenta|util|de gran ayuda|un encanto|estupendo|estupenda)",
        ],
        .resolution: [
            "(ya|ahora)? (funciona|va bien|anda|esta arreglado|esta solucionado|esta resuelto|esta todo bien|ya va|todo en orden|todo correcto)",
            "(eso|esto) (es todo|era todo|lo soluciona|lo resuelve|me sirve|me vale)",
            "(ya esta|solucionado|resuelto|arreglado) (gracias|muchas gracias|perfecto|entonces)?",
            "(ya|ahora) (puedo|podemos) (entrar|acceder|llamar|ver|usar|conectarme)",
            "(me|nos) (ha|han) (llegado|entrado|devuelto) (el|la)? (dinero|reembolso|devolucion|pago|transferencia|paquete|pedido)",
        ],
    ]

    static let hypotheticalPhrases: [CueKind: [String]] = [
        .cancellationThreat: [
            "(pensando en|me planteo|me estoy planteando|estoy pensando en|estoy pensando|considerando|me lo estoy pensando) (cancelar|darme de baja|"
                + "irme|cambiarme|cambiar de compania|cambiar de banco|dejarles|borrarme)",
            "(a lo mejor|igual|quizas|quiza|tal vez|puede que|podria|acabare|acabaremos|tendre que) (me doy de baja|me voy|me cambio|cancelo|"
                + "cancelar|darme de baja|irme|cambiarme|dejarles)",
        ],
        .legalThreat: [
            "(pensando en|me planteo|estoy pensando en|considerando) (demandar|demandarles|demandarlos|denunciar|denunciarles|denunciarlos|ir a consumo|acudir a consumo|ir a profeco|"
                + "poner una denuncia|poner una demanda|ir a los tribunales)",
            "(podria|podriamos|a lo mejor|igual) (les)? (demando|denuncio|demandar|denunciar)",
        ],
    ]

    static let vetoPhrases: [CueKind: [String]] = [
        .cancellationThreat: [
            "(cancelar|cancelo|anular|anulo|cambiar|cambio|quitar) (mi|el|la|este|esta|un|una|los|las|mis|nuestro|nuestra|su|sus)? _? _? <bookedThing>",
            "<askTo> (cancelar|dar de baja|darme de baja|anular|cerrar|rescindir|quitar)",
            "(iba a|ibamos a|pensaba|pensabamos|queria|queriamos|estaba pensando en|estuve a punto de) (cancelar|darme de baja|irme|cambiarme|"
                + "dejarles)",
            "(darme|dar) de alta",
        ],
        .supervisorRequest: [
            "(mi|nuestro|nuestra|mis) <seniorRole>",
            "(ya|ha sido|fue|esta|lo han|se ha) (escalado|escalada)",
        ],
        .legalThreat: ["poder notarial", "(mi|nuestro) abogado (me ha dicho|me dijo|dice) que (todo)? (esta bien|no pasa nada)"],
        .abuse: [
            "(soy|me siento|me siento como|parezco|me veo como|me siento un|me siento una|quedo como) (un|una)? (idiota|tonto|tonta|inutil|"
                + "estupido|estupida|imbecil)"
        ],
        .profanity: [
            "(soy|me siento|me siento como|parezco|me veo como) (un|una)? (idiota|imbecil|gilipollas)"
        ],
        .gratitude: [
            "(gracias|muchas gracias|mil gracias) por nada",
            "no (gracias|muchas gracias)",
            "gracias a (dios|dios que)",
        ],
        .resolution: [
            "(me dijeron|dicen|dijeron|supuestamente|se supone|me aseguraron|me prometieron) (que)? (ya)? (funciona|funcionaba|esta arreglado|"
                + "estaba arreglado|esta solucionado|estaba solucionado|esta resuelto)",
            "(si|cuando|ojala|espero que|a ver si|seguro que) (ya)? (funciona|funcione|esta arreglado|se arregla|se soluciona|esta resuelto)",
        ],
        .confusion: [
            "(usted|ustedes|tu|vosotros|nadie|el|ella) no (me)? (entiende|entienden|entiendes|entendeis|comprende|comprenden)"
        ],
    ]

    static let scope = CueScope.Words(
        negators: "no nunca jamas tampoco ni nadie ningun ninguna ninguno",
        no: nil,
        negatedAfterNo: "",
        bridges: "voy vas va vamos van ir a quiero quiere queremos quieren querer pienso pensamos tengo tiene tenemos que de me te se nos lo la le "
            + "les mi su el los las un una yo es esta estoy estamos he ha hemos hacer puedo puede podemos necesito necesita intencion ganas "
            + "plan mas realmente todavia aun siquiera para por ahora hoy ya estar ser pensando",
        conditions: "si salvo",
        or: "o",
        ultimatumAfterOr: "me te lo les voy cancelo si nos",
        modals: "podria podriamos podrian",
        politeAfterModal: "usted ustedes me decirme ayudarme pasarme ponerme darme explicarme alguien",
        hedges: "quizas quiza posiblemente probablemente igual acaso",
        thinking: "pensando",
        aboutOrOf: "en",
        conjunctions: "y e pero porque aunque entonces pues luego asi",
        politeCondition: "(es posible|fuera posible|puede|pudiera|puedes|no le importa|no te importa|no les importa|quiere|quiera|lo desea|"
            + "necesita algo|tiene un momento|hace falta|gusta|le parece|le viene bien|tiene tiempo)",
        countNouns: "vez veces llamada llamadas intento intentos personas agentes departamentos",
        selfCounting: "",
        yes: "si",
        negatedPhrasesStand: true)

    static let countWords: [String: Int] = [
        "una": 1, "uno": 1, "primera": 1, "primero": 1, "primer": 1, "dos": 2, "segunda": 2, "tres": 3, "tercera": 3, "tercero": 3,
        "tercer": 3, "cuatro": 4, "cuarta": 4, "cuarto": 4, "cinco": 5, "quinta": 5, "quinto": 5, "seis": 6, "sexta": 6, "sexto": 6,
        "siete": 7, "septima": 7, "septimo": 7, "ocho": 8, "octava": 8, "octavo": 8, "nueve": 9, "novena": 9, "noveno": 9, "diez": 10,
        "decima": 10, "decimo": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20,
    ]
}
