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

# Ordinary, calm contact-centre turns (neutral): greetings, numbers, dates, addresses, polite requests and polite
# cancellations, confirmations and short answers, across deliveries, banking, telecoms, energy, travel, health and
# insurance. XED's film lines have no neutral class; these teach the model what a calm customer sounds like.
ROUTINE = """
Buenos días.
buenas tardes
Hola, buenas.
hola qué tal
Buenas noches, llamo por lo de mi contrato.
Hola, le escribo por un pedido.
buenas quería hacer una consulta
Hola, ¿me atiende alguien?
Sí, dígame.
sí
Sí.
no
No.
vale
Vale.
vale gracias
Vale, de acuerdo.
claro
Claro que sí.
sí claro
ok
Ok, entendido.
entendido
perfecto
De acuerdo, entonces espero.
Muy bien.
bien
sí sí
no no
Sí, adelante.
un momento por favor
Un segundo, que lo busco.
espere que miro la factura
Ahora se lo digo.
Déjeme ver.
a ver, aquí está
Sí, aquí lo tengo.
Es el 12345.
es el 40417
El número es 7730021.
es el 55 21 09
Es el pedido 3321.
mi pedido es el 883402
El número de pedido es 100245.
pedido número 67120
Es la referencia 4B7K2.
la referencia es ES-2291
El localizador es QZ7PLM.
mi localizador es el k l m cuatro cinco
El número de cliente es 5560012.
número de cliente ocho ocho tres uno
Mi número de póliza es 2002-4471.
la póliza es la tres tres cero cinco
El contrato es el 0047-2231.
número de contrato cuatro cuatro siete uno
Mi DNI es 45123987K.
mi dni termina en tres cuatro k
El NIE es X1234567L.
Mi RFC es GAMJ800101.
mi cuenta termina en cuatro dos uno cero
Los últimos cuatro dígitos son 7731.
los últimos dígitos de la tarjeta son uno nueve ocho dos
El IBAN termina en 0093.
El código postal es 28013.
código postal cuarenta y seis cero cero dos
El CUPS es ES0021000012345678AB.
mi teléfono es el 612 345 678
El móvil es el seis uno dos tres cuatro cinco.
Mi correo es ana.lopez@correo.es.
el correo es pedro punto ruiz arroba hotmail punto com
El número de seguimiento es 1Z99A0.
el código de la incidencia es 77812
La incidencia es la INC-4410.
Tengo el número de reclamación, es el 2024-118.
el ticket es el 5520
Mi nombre es Carmen Ruiz.
me llamo José Antonio Pérez
Soy Lucía García, la titular.
a nombre de Javier Morales
Está a nombre de mi marido, Andrés.
Se escribe con uve, Valverde.
ruiz con zeta al final
Mi fecha de nacimiento es el 3 de mayo de 1978.
nací el doce de octubre del ochenta y dos
El pedido lo hice el lunes.
lo compré el día quince
Fue el 2 de marzo.
el pago fue el viernes pasado
La cita es el jueves a las diez.
me viene bien el martes por la mañana
¿Y el miércoles por la tarde?
mejor la semana que viene
el día veinte me va bien
A partir de las cinco estoy en casa.
por las mañanas no estoy
Prefiero de nueve a dos.
El vuelo sale el 14 de junio.
la reserva es para el puente de diciembre
Llego el sábado por la noche.
Vivo en la calle Alcalá 120, tercero B.
la dirección es avenida de la constitución veinte
Es en el paseo de Gracia 45, Barcelona.
calle sol número tres segundo izquierda
Colonia Roma, calle Orizaba 88.
la entrega es en la oficina, calle serrano diez
Es un bajo, el timbre no funciona, llamen al móvil.
Piso cuarto, puerta dos.
En Sevilla, código postal 41001.
vivo en valencia
Es en Guadalajara, Jalisco.
en el barrio de Palermo en Buenos Aires
Quiero cancelar el pedido, por favor.
quería cancelar una compra que hice ayer
Me gustaría cancelar la reserva de la habitación.
quiero anular el pedido que hice esta mañana
¿Puedo anular la compra? Me he equivocado de talla.
quiero cancelar la suscripción de la revista
Quería darme de baja del gimnasio, me mudo.
quiero dar de baja la línea de mi hijo
Me gustaría cancelar la cita del dentista del viernes.
hay que anular la cita, no puedo ir
Quiero cancelar el envío, ya lo compré en la tienda.
cancele la compra por favor, al final no la voy a usar
Quisiera anular la transferencia programada.
quiero cancelar el seguro del coche porque lo he vendido
Por favor, cancele la reserva a nombre de Morales.
necesito cancelar el vuelo de vuelta
¿Cómo cancelo la renovación automática?
quería anular el recibo domiciliado del mes que viene
Quiero devolver unos zapatos, me quedan pequeños.
quería devolver un artículo
¿Cómo hago la devolución?
¿Me pueden recoger el paquete en casa?
¿Cuándo me llega el pedido?
cuándo llega mi paquete
¿Me dice el estado del envío?
¿El pedido ya salió del almacén?
quería saber si han enviado ya mi compra
¿Qué empresa de transporte lo lleva?
¿Pueden dejarlo en la portería?
prefiero recogerlo en la tienda
¿Se puede entregar en otra dirección?
quiero cambiar la dirección de envío
¿Hacen envíos a Portugal?
¿Cuánto tarda el envío normal?
¿Tienen la talla cuarenta y dos?
¿El artículo tiene garantía?
quisiera comprar un cargador para el portátil
¿Me puede decir cuánto debo este mes?
quería saber el importe de la factura
¿Cuándo me cobran la cuota?
¿Cuál es la fecha de cargo del recibo?
¿Puedo pagar la factura en dos plazos?
quiero pagar lo pendiente con tarjeta
¿Me envían la factura en papel?
prefiero la factura electrónica
¿Dónde veo mis facturas en la web?
quería cambiar la cuenta de domiciliación
¿Puedo cambiar el día de pago?
necesito un certificado de retenciones
¿Me pueden mandar el recibo por correo electrónico?
quería consultar el saldo de mi cuenta
¿Cuál es el límite de la tarjeta?
quiero subir el límite de la tarjeta de crédito
¿Puedo pedir una tarjeta adicional para mi hija?
quería información sobre la hipoteca
¿Qué necesito para abrir una cuenta?
quiero hacer una transferencia internacional
¿Cuánto tarda una transferencia a otro banco?
¿Me pueden enviar el PIN de nuevo?
quería activar las compras por internet
¿A qué hora cierra la oficina?
¿Hay una sucursal cerca de la plaza mayor?
Quiero pedir cita para abrir un plazo fijo.
quería contratar la fibra de seiscientos megas
¿Qué tarifas tienen para móvil?
¿Puedo añadir una línea más al contrato?
quiero portar mi número a ustedes
¿Me pueden mandar una tarjeta SIM nueva?
¿Tienen cobertura en mi pueblo?
quería cambiar el titular de la línea
¿Cuándo viene el instalador?
¿Me confirma la hora de la instalación?
quería cambiar la contraseña del wifi
¿Cómo configuro el buzón de voz?
quiero contratar roaming para el viaje
Quería dar de alta la luz en el piso nuevo.
¿Cuánta potencia tengo contratada?
quiero cambiar a la tarifa con discriminación horaria
Le doy la lectura del contador: 04521.
la lectura del gas es uno dos tres cuatro
¿Cuándo pasa el técnico a leer el contador?
quería cambiar el titular del contrato de agua
¿Me pueden enviar el contrato firmado?
Quiero reservar una habitación doble para dos noches.
quería cambiar la fecha del vuelo
¿Puedo añadir una maleta a la reserva?
¿A qué hora es el check-in?
¿El desayuno está incluido?
quería elegir asiento de ventanilla
¿Puedo llevar a mi perro en el tren?
necesito una factura del hotel para la empresa
Quiero pedir cita con el médico de cabecera.
¿Tienen hueco con la dermatóloga esta semana?
quería cambiar la cita del jueves al lunes
¿El seguro cubre las gafas?
¿Qué documentos necesito para el reembolso?
quiero dar de alta a mi hijo en la póliza
¿Cuál es el teléfono de urgencias del seguro?
Quería dar un parte del coche, un golpe pequeño en el aparcamiento.
¿Qué cubre el seguro de hogar?
¿Cuándo vence la póliza?
quiero renovar el seguro
¿Me pasa con el departamento de siniestros?
Quería hablar con el departamento de bajas.
¿Me puede pasar con facturación, por favor?
póngame con el servicio técnico, por favor
Necesito hablar con alguien de contratación.
Sí, soy yo.
sí soy la titular
No, llamo de parte de mi madre.
llamo en nombre de mi empresa
Sí, autorizo la grabación.
sí acepto
No, no tengo otra cuenta.
No, es la primera vez que llamo.
sí lo tengo apuntado
Sí, me llegó el SMS con el código.
el código es cuatro siete nueve uno
Me ha llegado el código: 662019.
sí es ese correo
No, ese teléfono ya no lo uso.
Correcto.
correcto es ese
Exacto.
eso es
Sí, es esa dirección.
Sí, ese es el importe.
no eso ya está
Vale, lo apunto.
lo apunto un momento
Ya lo tengo anotado.
¿Me lo manda por escrito?
¿Me confirma que queda cancelado?
¿Entonces me llega un correo con el justificante?
vale entonces espero el correo
De acuerdo, lo miro en la aplicación.
Perfecto, entonces el lunes.
bueno pues el jueves a las diez
Muy bien, eso es todo.
no nada más
No, nada más, gracias.
eso era todo
Nada más por hoy.
Hasta luego.
adiós buenas tardes
Que tenga buen día.
igualmente
Una pregunta más: ¿abren los sábados?
otra cosa, ¿el envío es gratis?
Ah, y también quería cambiar el teléfono de contacto.
por cierto, ¿la garantía cuánto dura?
Le escribo por el chat porque no puedo llamar.
te escribo por lo del pedido de ayer
te paso el número de pedido
Le mando la foto del ticket.
ya le he enviado el documento por correo
Adjunto la factura.
Hola, soy cliente desde hace años y quería revisar mi tarifa.
quería ver si hay alguna oferta para clientes
¿Cuánto me costaría cambiar de móvil?
Quería consultar los puntos que tengo acumulados.
""".strip().splitlines()

# Emotional turns about the same things as ROUTINE (dates, numbers, orders, bills, cancellations), so that the model
# learns that the feeling, not the topic, carries the emotion: a date or a cancellation is calm until said in anger.
FRUSTRATION_ON_ROUTINE = """
¿El martes que viene? Eso es otra semana sin luz, no puede ser.
hasta el lunes no viene nadie esto no puede ser
¿Otra vez el día quince? Ya me dijeron lo mismo el mes pasado.
el número de pedido ya se lo he dado tres veces
Ya le he dado mi número de cliente, ¿cuántas veces más?
es el 55120 y se lo he repetido a todos sus compañeros
quiero cancelar el contrato porque estoy harto de que no funcione
Cancélenlo todo, ya me tienen cansado.
quiero darme de baja hoy mismo estoy hartísimo
Voy a anular el pedido, llevo un mes esperando y nadie sabe nada.
¿Otra factura de ochenta euros? Esto es un abuso.
me han cobrado el recibo dos veces otra vez qué vergüenza
La cita era a las diez y llevo dos horas esperando, es indignante.
me cambiaron la cita sin avisarme y perdí el día de trabajo
¿Cómo que no tienen mi dirección? La he dado mil veces.
el paquete pone entregado y aquí no ha llegado nada estoy harta
La semana que viene no me sirve, lo necesito ya, es increíble.
cada mes la misma historia con la factura
Pago religiosamente todos los meses y me tratan así.
no me dé más fechas quiero una solución
¿Y el reembolso? Me dijeron cinco días y van veinte.
esto ya pasa de castaño oscuro
me están volviendo loco con tanto papeleo
No me vuelva a decir que espere, llevo esperando desde enero.
vaya tela con ustedes, otra vez sin servicio
Es la última vez que compro aquí.
que no, que no quiero otra tarjeta, quiero que me devuelvan mi dinero
Me parece vergonzoso que me pidan otra vez el DNI para lo mismo.
¿Cómo que no hay técnico hasta el mes que viene? Llevo días sin línea.
cómo que tengo que pagar una penalización si nadie me avisó de nada
¿Cómo que la incidencia está cerrada? Sigo igual que el lunes.
¿cómo que no consta mi reclamación? la puse hace dos semanas
¿Otro mes más esperando? Ni hablar.
el viernes dicen ahora y el viernes pasado dijeron lo mismo
nadie me explicó nada de esa cuota y ahora me la cobran
¿Que vuelva a llamar mañana? Eso me dijeron ayer.
ocho días sin teléfono y me dan cita para dentro de otros diez no puede ser
¿Cuarenta euros de recargo? Nadie me habló de eso.
otra semana sin la nevera no puede ser de verdad
¿Para el día treinta? ¡Pero si es una urgencia!
ya es la segunda cita que me anulan sin avisar
¿Cómo que mi pedido no existe? Tengo el correo de confirmación delante.
""".strip().splitlines()

ANXIETY_ON_ROUTINE = """
Es que el pago vence el lunes y si no llega me quedo sin casa.
me da miedo que el pedido no llegue antes del viaje
Estoy preocupada, la cita es mañana y no me ha llegado la confirmación.
no sé si me van a cortar la luz el día veinte estoy muy nerviosa
¿Y si la transferencia no llega a tiempo? Tengo que pagar el alquiler.
me asusta ver un cargo de novecientos euros que no es mío
Estoy intranquilo, no sé si mi póliza sigue activa y me operan el jueves.
tengo miedo de que me bloqueen la cuenta otra vez
Me preocupa mucho que mi padre se quede sin teléfono, vive solo.
estoy muy nervioso porque el vuelo sale en tres horas y no tengo billete
Me quita el sueño esta deuda.
¿Qué pasa si no puedo pagar este mes? Estoy muy agobiada.
tengo miedo de haber dado mis datos a un estafador
Estoy preocupado, la medicación de mi hija no está cubierta.
me angustia no saber si el dinero ha llegado
""".strip().splitlines()

CONFUSION_ON_ROUTINE = """
No entiendo por qué la factura de este mes es distinta.
¿Entonces el pedido está cancelado o no? No me queda claro.
no sé qué número me pide el de cliente o el de contrato
Perdone, me he liado, ¿cuál es la fecha de cobro?
¿Cómo que tengo dos pólizas? No lo entiendo.
no entiendo qué significa esto de regularización
¿Qué es este concepto de la factura? No sé de dónde sale.
me he perdido con lo de los plazos
no entiendo cuál de las dos citas es la buena
¿Por qué me aparece el pedido como devuelto si no lo he devuelto?
No comprendo, ¿tengo que ir a la oficina o lo hago por internet?
estoy hecho un lío con tantas tarifas
¿Dónde se supone que está el código? No lo encuentro.
no me entero de cómo funciona la aplicación nueva
¿Me lo puede explicar más despacio? No le sigo.
no sé si tengo que pagar yo o el seguro
""".strip().splitlines()

SADNESS_ON_ROUTINE = """
Quería dar de baja la línea de mi mujer, falleció la semana pasada.
es una pena tenía mucha ilusión con el pedido y llegó roto
Me da mucha tristeza tener que cancelar el viaje, era para mi madre.
qué lástima, era el último que quedaba
Me siento muy decepcionada, confiaba en ustedes.
ya no tiene arreglo lo sé pero me duele
""".strip().splitlines()
