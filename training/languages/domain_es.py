"""Spanish contact-centre customer turns written for this project, labelled by hand (typed; the trainer adds the
recogniser form without accents). Spain and Latin America, across banking, telecoms, energy, deliveries, travel and
health insurance."""

FRUSTRATION = """
Estoy harto, llevo tres semanas sin internet y nadie me da una solución.
estoy harta de que me cobren cosas que no he contratado
Esto es una vergüenza, pago todos los meses y el servicio no funciona.
es una vergüenza de servicio
¡Es inadmisible que me hayan cortado la luz sin avisar!
Me han cobrado dos veces la misma factura y nadie me lo devuelve.
llevo una hora esperando al teléfono esto es ridículo
No puede ser que el paquete lleve diez días perdido.
Estoy muy enfadado con ustedes, me prometieron que vendría el técnico el lunes.
estoy muy enojado con el servicio que me están dando
Me tienen hasta las narices con tanta excusa.
ya estoy cansado de llamar y que nadie haga nada
Es indignante, me han subido la tarifa sin decirme nada.
Qué falta de respeto, me colgaron dos veces.
¡Son unos incompetentes!
no me vengan con más excusas quiero mi dinero
Llevo un mes reclamando y siguen sin responder.
Esto es un desastre, el pedido llegó roto y encima tarde.
Me parece fatal que me cobren por una devolución.
estoy hasta el gorro de su compañía
No hay derecho a que me traten así.
es increíble que todavía no me hayan devuelto el dinero
El servicio de atención al cliente es pésimo.
Nadie me da una respuesta clara, esto es una tomadura de pelo.
me están tomando el pelo
qué vergüenza de empresa de verdad
¿Cómo es posible que tarden tanto en arreglar una avería?
Estoy furioso, me han dejado sin teléfono una semana.
Me molesta muchísimo que nadie me llame de vuelta.
ya no aguanto más esta situación
Es el colmo, ahora me dicen que el vuelo está cancelado.
Siempre la misma historia con ustedes.
el técnico no vino y nadie me avisó
Me dijeron que estaría resuelto ayer y sigue igual.
Esto no es serio, es la peor atención que he recibido.
Pagué por envío urgente y tardó una semana.
no entiendo cómo pueden funcionar tan mal
Estoy indignada con el trato recibido.
¡Basta ya de pasarme de un departamento a otro!
me han pasado con cinco personas y ninguna sabe nada
Esto es un robo, me han cobrado el doble.
me parece una estafa lo que están haciendo
Ya está bien, quiero que lo solucionen hoy mismo.
Qué mal servicio, de verdad.
es una pérdida de tiempo hablar con ustedes
Me tienen frito con las llamadas comerciales.
otra vez me han cortado la línea sin motivo
No me da la gana de pagar por algo que no funciona.
Estoy muy molesto porque el reembolso nunca llegó.
llevo toda la mañana sin poder entrar en la aplicación y nadie me ayuda
Es absurdo que tenga que enviar los mismos papeles tres veces.
Qué poca vergüenza tienen.
no puede ser que me cobren una penalización por esto
Estoy que echo humo.
esto es de risa
Llevo esperando una respuesta desde marzo, es intolerable.
Me han dejado tirado en el aeropuerto sin ninguna explicación.
el router sigue sin funcionar y ya me cambiaron dos
¡Qué desastre de empresa!
Ustedes no cumplen nada de lo que prometen.
no me sirve de nada esa respuesta
me da mucha rabia que nadie se haga responsable
Es una broma, ¿verdad? Otra semana más de espera.
Estoy hasta la coronilla de este banco.
la factura de este mes es una barbaridad y nadie me explica por qué
Me bloquearon la tarjeta sin avisar y me quedé tirado en el supermercado.
Estoy cabreadísimo.
me cabrea muchísimo este trato
ya me colgaron tres veces hoy
Vaya mierda de servicio.
esto es una puta vergüenza
joder, otra vez lo mismo
""".strip().splitlines()

ANXIETY = """
Estoy muy preocupado, hay cargos en mi tarjeta que no reconozco.
creo que me han robado los datos del banco y no sé qué hacer
Tengo miedo de que me corten la luz, tengo un bebé en casa.
me preocupa muchísimo que no llegue el pago del alquiler
Estoy nerviosa, mañana sale mi vuelo y no tengo la confirmación.
huele a gas en la cocina qué hago
Me da miedo que me embarguen la cuenta.
estoy angustiada porque no encuentro mi pasaporte y viajo el viernes
¿Y si no me devuelven el dinero a tiempo? No podré pagar la hipoteca.
tengo pánico, alguien ha entrado en mi cuenta
Estoy muy inquieto por los resultados de la prueba.
me asusta que el seguro no cubra la operación
Estoy muy agobiada con esta deuda.
no duermo pensando en esta factura
Me han llamado diciendo que son del banco y les di mi clave, ¿qué hago?
tengo miedo de perder mi casa
Estoy preocupada por mi madre, no tiene teléfono y vive sola.
me tiene muy nervioso que no me contesten
No sé si me van a cobrar la multa, estoy muy preocupado.
estoy asustado no reconozco esta transferencia
Me preocupa que mi hijo no pueda viajar sin el visado.
tengo un nudo en el estómago con todo esto
¿Es seguro? Me da mucho miedo que vuelva a pasar.
estoy desesperado no sé cómo voy a pagar esto
Estoy nerviosa porque la cita del médico es mañana y no me llega la autorización.
me aterra quedarme sin medicación
Temo que cierren mi cuenta por un error suyo.
me preocupa que alguien esté usando mi tarjeta ahora mismo
""".strip().splitlines()

SADNESS = """
Qué pena, tenía mucha ilusión con este viaje.
me siento muy decepcionado con ustedes
Es una lástima, llevo quince años siendo cliente.
estoy triste porque era el regalo de cumpleaños de mi hija
Me ha decepcionado mucho el trato.
mi padre falleció y tengo que dar de baja su línea
Lo siento, estoy un poco afectada, mi marido murió el mes pasado.
qué decepción la verdad
Lamentablemente ya no me sirve, el evento era ayer.
me da mucha pena que haya acabado así
Estoy desanimado, nada sale bien últimamente.
era un recuerdo de mi madre y llegó destrozado
""".strip().splitlines()

CONFUSION = """
No entiendo esta factura, ¿qué es este cargo?
no sé qué significa prorrateo
Perdone, no le he entendido, ¿me lo puede repetir?
me he perdido qué tengo que hacer ahora
¿Cómo que tengo que pagar otra vez? No lo entiendo.
no me aclaro con la aplicación
¿Qué quiere decir eso exactamente?
estoy confundido, me dijeron otra cosa
No comprendo por qué ha cambiado el importe.
no sé dónde está ese botón
¿Entonces qué tengo que hacer, llamar al banco o esperar?
me lío con tantos números de referencia
No tengo claro si ya está cancelado o no.
¿Me puede explicar otra vez lo de la permanencia?
no entiendo nada de lo que pone en la carta
¿Cuál es la diferencia entre las dos tarifas?
""".strip().splitlines()

SATISFACTION = """
Muchas gracias, me ha ayudado muchísimo.
gracias de verdad eres un sol
Perfecto, ya funciona todo.
muchísimas gracias por su paciencia
Qué bien, ya me ha llegado el reembolso.
le agradezco mucho la ayuda
Estupendo, muchas gracias por solucionarlo tan rápido.
genial gracias
Ha sido muy amable, de verdad.
me alegro mucho de que se haya resuelto
Excelente atención, gracias.
vale perfecto muchas gracias
Qué alivio, pensaba que lo había perdido.
mil gracias
Muy contento con el servicio, gracias.
fenomenal ya lo veo en la cuenta
""".strip().splitlines()

NEUTRAL = """
Hola, llamo por una consulta sobre mi factura.
quería saber el estado de mi pedido
Mi número de cliente es el cuatro cinco ocho dos uno.
¿Puedo cambiar la dirección de entrega?
quiero dar de alta una nueva línea
Necesito un duplicado de la factura de enero.
sí es correcto
Vale, espero.
¿A qué hora abren mañana?
mi dni es doce tres cuatro cinco seis siete ocho
Quiero cambiar la fecha de la cita.
me gustaría pagar con tarjeta
¿Cuánto cuesta el envío a Canarias?
la referencia es a b c uno dos tres
Sí, soy el titular de la cuenta.
Quería información sobre la tarifa de fibra.
¿Me pueden enviar el contrato por correo?
vivo en la calle mayor número ocho
De acuerdo.
¿Tienen servicio a domicilio?
quisiera actualizar mi número de teléfono
No, eso es todo por ahora.
sí un momento que lo busco
¿Puedo hacer la transferencia desde la aplicación?
mi correo es juan punto garcía arroba gmail punto com
Quiero reservar una mesa para cuatro el sábado.
¿El seguro cubre la fisioterapia?
llamo para activar la tarjeta nueva
Quiero cancelar mi pedido del martes.
quiero cancelar la reserva del hotel
¿Cómo doy de baja la domiciliación?
Necesito hablar con el departamento de facturación.
me pasa con contabilidad por favor
Buenos días, quería preguntar por mi pensión.
el pedido es el nueve ocho siete seis
¿Hasta cuándo tengo para devolverlo?
no tengo el número a mano
No, no quiero cancelar, solo preguntaba.
no voy a cancelar nada solo quiero información
Sí, lo tengo aquí delante.
¿Me confirma el importe, por favor?
bueno pues nada espero su correo
""".strip().splitlines()
