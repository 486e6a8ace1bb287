"""Crises the rules missed, by family, after round 8 (issue 17).

Four misses were found by hand and left open last session: an idiom ("kill myself
for a ...", working hard for something) hid method research done "for an hour";
"hurt myself a bit" was read as the kitchen idiom; a "yes" to a screening question
about self-harm was read as the question itself; an inner voice saying nobody would
mind, with the writer no longer able to argue back, matched nothing. The rest were
read from the misses in the training pool (fixtures/crisis_training/, never the
holdouts), family by family. Each family has a crisis that must alert and an
ordinary twin, the same words in an ordinary day, that must stay quiet. The
sentences are written for these tests, not copied from the measured files.
"""

import pytest

from apps.safety.services import crisis_reading

# (family, a crisis that must now alert, its ordinary twin that must stay quiet)
FAMILIES = [
    (
        "a stretch of time is no idiom of working hard",
        "Looked up painless ways to kill myself for an hour last night.",
        "Killing myself for a promotion that never comes, another late shift.",
    ),
    (
        "wanting to die for a while",
        "I've wanted to die for a few weeks now and I'm tired of hiding it.",
        "I would die for a proper coffee right now, the office one is awful.",
    ),
    (
        "self-harm said as 'a bit' is no slice of food",
        "Swallowed a few of my sleeping tablets to hurt myself a bit, I deserved it.",
        "Cut myself a bit of the leftover lasagne for lunch, then back to work.",
    ),
    (
        "a screening question answered yes",
        "The nurse asked about self-harm at my review and I said yes, last night again.",
        "The nurse asked about self-harm at my review and I said no, not in years.",
    ),
    (
        "a question about suicidal thoughts answered yes",
        "My GP asked whether I'd had thoughts of killing myself, and I told her yes.",
        "My GP asked whether I'd had thoughts of killing myself, and I told her no.",
    ),
    (
        "an inner voice saying nobody would mind",
        "My brain keeps telling me that I'm a waste of space and no one would care.",
        "My brain keeps telling me that nobody would mind if I left the party early.",
    ),
    (
        "an inner voice saying one should die",
        "The voice in my head says I should just disappear.",
        "The voice in my head says I should just go to bed, so I will.",
    ),
    (
        "la voz interior que dice que nadie lo notaría",
        "La voz en mi cabeza me repite que a nadie le importaría.",
        "La voz en mi cabeza me repite que a nadie le importaría si falto al gimnasio.",
    ),
    (
        "sitting with the means at hand",
        "Sat on the stairs with the bottle of sleeping pills in my lap for most of the night.",
        "Sat at the kitchen table with my pills organiser and filled in the week.",
    ),
    (
        "holding a blade",
        "Sitting on the bathroom floor holding the razor blade again.",
        "Sat on the edge of the bath with the razor to shave my legs.",
    ),
    (
        "a high place looked at, measured",
        "I keep looking at the viaduct on my way to work and wondering if it's high enough.",
        "Looked at the viaduct from the train window, lovely old stonework.",
    ),
    (
        "a hose for the car's exhaust",
        "Bought a hose that fits the exhaust of the Corolla.",
        "Sat in the car outside the shop with the engine running, waiting for Mum.",
    ),
    (
        "how much it would take, looked up",
        "Looked up how many of my sleeping tablets it would take.",
        "Looked up how many of my vitamin D tablets to take in winter.",
    ),
    (
        "pastillas guardadas con una hora o una carta",
        "Ya tengo las pastillas de mi abuela y la carta para mi hermano.",
        "Ya tengo las pastillas del tratamiento nuevo, la doctora dijo que empiece el lunes.",
    ),
    (
        "pastillas juntadas para tomarlas todas",
        "He estado juntando las pastillas para dormir, me las voy a tomar todas juntas.",
        "Compré las pastillas para la tos de mi hijo y ya se durmió.",
    ),
    (
        "cartas dejadas con el testamento o para cuando me encuentren",
        "Escribí una carta para cada uno de mis hermanos y la dejé con el testamento.",
        "Escribí una carta a mi prima en España, hace meses que no hablamos.",
    ),
    (
        "una despedida sin que nadie se diera cuenta",
        "Me despedí de mis amigas en la cena sin que se dieran cuenta.",
        "Me despedí de mis compañeros, empiezo en el trabajo nuevo el lunes.",
    ),
    (
        "a goodbye nobody knew was one",
        "Rang my dad and said goodbye without him knowing it was goodbye.",
        "Said goodbye to my class without them knowing it was the last time before my move.",
    ),
    (
        "things given away and no need for them",
        "Cancelled my phone contract from Monday, I won't need it anymore.",
        "Cancelled my phone contract from Monday, got a new one through work. Won't need it.",
    ),
    (
        "someone's care handed over",
        "Asked my neighbour to look after the cat if anything happens to me.",
        "Asked my neighbour to look after the cat while I'm in Spain for the wedding.",
    ),
    (
        "the means set out, with a note or all of them",
        "The sleeping tablets are on the bedside table, all of them. Tonight feels right.",
        "The pills are on the counter, remind Sam to take his tonight.",
    ),
    (
        "a decision with nothing said about what, and relief",
        "I've made my choice, and I feel lighter than I have in years.",
        "I've made my choice, I'm taking the Denver job, and I feel lighter already.",
    ),
    (
        "una decisión sin objeto, y paz",
        "Ya lo decidí y me da paz.",
        "Ya decidí: me voy a inscribir a la maestría, y me da paz.",
    ),
    (
        "a decision that this is the last one",
        "I've decided this is the last birthday. Cake with Mum.",
        "I've decided this is the last birthday party I organise for the office.",
    ),
    (
        "un deseo pasivo: no despertar",
        "Medio espero no despertar mañana.",
        "Espero no despertarme tarde mañana, tengo examen.",
    ),
    (
        "no llegar a la próxima estación",
        "No creo que llegue a la primavera. No estoy triste, solo cansado.",
        "No creo que el jardín aguante hasta la primavera con estas heladas.",
    ),
    (
        "cosas regaladas que ya no voy a necesitar",
        "Les regalé mis plantas a las vecinas. Yo ya no voy a necesitar nada de eso.",
        "Les regalé mis plantas a las vecinas porque me mudo a un departamento nuevo, ya no las "
        "voy a necesitar.",
    ),
    (
        "not minding an accident",
        "Honestly if a bus hit me tomorrow I wouldn't mind.",
        "If the bus hit me tomorrow I wouldn't mind a day off lol",
    ),
    (
        "not expecting to reach a season",
        "I don't think I'll make it to Christmas.",
        "I don't think I'll make it to Christmas with this budget.",
    ),
    (
        "death told as going",
        "Wrote a note and put it in my coat. Lovely day to go.",
        "Lovely day to go to the beach, packed the cool box.",
    ),
    (
        "a weapon kept for someone",
        "I've got the hammer by the back door now. Next time he plays drums at 2am I'll use it.",
        "Got the hammer out to hang the shelf. Next time I'll use a drill.",
    ),
    (
        "un arma para alguien",
        "Ya afilé el cuchillo y mañana lo espero afuera de su trabajo.",
        "Ya afilé el cuchillo de la cocina y mañana hago el asado.",
    ),
    (
        "la cara caída y las palabras que no salen",
        "Me desperté con la boca caída de un lado y no me salen bien las palabras.",
        "Se me cayó la cara de vergüenza cuando no me salieron las palabras en la junta.",
    ),
    (
        "la garganta que se cierra tras una picadura",
        "Me picó una abeja y se me está cerrando la garganta.",
        "Me picó una abeja en el brazo, me puse hielo y ya.",
    ),
    (
        "alguien que se desplomó y no despierta",
        "Mi papá se desplomó en la sala y no despierta, respira raro.",
        "Mi papá se quedó dormido en la sala y no despierta ni con la tele.",
    ),
    (
        "la mezcla con tramadol y fiebre",
        "Me tomé la microdosis con el tramadol y ahora tengo fiebre y temblores.",
        "Me tomé el tramadol para la espalda y dormí bien, sin fiebre.",
    ),
    (
        "a knock to the head, then vomiting and drowsiness",
        "Fell off my bike and hit my head on the kerb, now I've thrown up twice and I'm "
        "really sleepy.",
        "Hit my head on the cupboard door again, ouch. Then made lunch.",
    ),
    (
        "someone collapsed, not waking, lips blue",
        "My flatmate collapsed in the hallway and won't wake, her lips look blue.",
        "My flatmate collapsed on the sofa after her night shift, snoring away.",
    ),
    (
        "all the tablets in the house taken",
        "Took all the paracetamol in the house an hour ago.",
        "Took all the paracetamol in the house back to the pharmacy for disposal.",
    ),
    (
        "messages sent by birds or the television",
        "The birds on the wire are spelling out messages for me.",
        "The birds on the wire were loud this morning, spring is here.",
    ),
    (
        "señales de la señora del clima",
        "La señora del clima me manda señales toda la semana.",
        "La señora del clima dijo que mañana llueve.",
    ),
    (
        "everyone an actor",
        "Everyone at work is an actor, the whole office is a set built for me.",
        "Everyone at work is an actor in the Christmas panto this year.",
    ),
    (
        "chosen for a mission",
        "I've been chosen to stop the flood. I'll go to the dam at dawn.",
        "I've been chosen for the regional choir!",
    ),
    (
        "mania: nights without sleep and grand plans paid for",
        "No sleep since Sunday and I feel like a god, wrote 300 pages, booked flights to "
        "Tokyo, Lisbon and Lagos on the credit card.",
        "No sleep since Sunday with the new puppy. Booked flights to Rome, Paris and Madrid "
        "for our honeymoon months ago.",
    ),
    (
        "manía: noches sin dormir y los ahorros gastados",
        "Cuatro noches sin dormir y metí los ahorros en criptomonedas porque ya veo el futuro.",
        "Cuatro noches sin dormir por el bebé, mi mamá vino a ayudarnos.",
    ),
    (
        "an instrument used on the body",
        "Used the compass from my son's school set on my wrist tonight.",
        "Used the scissors on my fringe again, mum will kill me.",
    ),
    (
        "skin worked at until it bled",
        "Scratched my arms raw with my nails in the shower until they bled.",
        "Scratched a mozzie bite till it bled, so itchy.",
    ),
    (
        "quemaduras donde nadie ve",
        "Me quemé el tobillo con el cigarro donde nadie ve.",
        "Me quemé el brazo con el horno sacando el pan.",
    ),
    (
        "simpler if I were not here",
        "It would be simpler for everyone if I wasn't here.",
        "It would be simpler if I wasn't here on Friday, the plumber can come Monday.",
    ),
    (
        "the letters written",
        "The letters are written, the car has petrol.",
        "The letters are written for the school trip consent, posted them today.",
    ),
    (
        "todo en orden, sin nada después",
        "Pagué todas mis deudas y devolví los libros. Ya está todo en orden.",
        "Ya está todo en orden para la mudanza, el camión llega el lunes.",
    ),
    (
        "la próxima vez no me bajo",
        "He estado en la azotea mirando abajo un buen rato. Creo que la próxima vez no me bajo.",
        "La próxima vez no me bajo del tren antes de tiempo, me perdí.",
    ),
    (
        "two grave signs after something taken",
        "Took two of my partner's xanax after a few beers, now I can barely keep my eyes open "
        "and my breathing feels weird and slow.",
        "Took my dose and went for a run, heart racing and my chest tight on the hill, fine "
        "after a rest.",
    ),
    (
        "not being around for the next one",
        "Everyone at work signed a birthday card for me. Won't be around for the next one.",
        "Sarah's leaving do is on Friday. I won't be there, I'm working late.",
    ),
    (
        "everything set for a day, nothing after it",
        "Everything's set for Sunday. I hugged everybody at group.",
        "Everything's set for Sunday's barbecue, twenty people coming.",
    ),
    (
        "a pet given away for good",
        "Took the dog to my sister's for good. She thinks it's temporary.",
        "Took the dog to my sister's for the weekend while we're in Leeds.",
    ),
    (
        "a method tested",
        "Bought a rope today and checked the beam in the garage can take my weight.",
        "Checked the ladder can take my weight before clearing the gutters.",
    ),
]


@pytest.mark.parametrize(
    ("family", "crisis", "ordinary"), FAMILIES, ids=[family for family, _, _ in FAMILIES]
)
def test_each_family_now_alerts_on_its_crisis_and_stays_quiet_on_its_ordinary_twin(
    family, crisis, ordinary
):
    assert crisis_reading(crisis).flagged, family
    assert not crisis_reading(ordinary).flagged, family


def test_a_yes_about_the_past_is_still_an_answer_to_a_question():
    assert not crisis_reading(
        "The nurse asked if I'd had thoughts of killing myself and I said yes, years ago."
    ).flagged


@pytest.mark.parametrize(
    "text",
    [
        "My head keeps whispering that I'm worthless and nobody would mind. I can't fight it.",
        "Mi cabeza me dice que debería desaparecer. Esta noche ya no puedo contradecirla.",
    ],
)
def test_an_inner_voice_of_death_and_no_strength_left_to_argue_is_critical(text):
    assert crisis_reading(text).severity == "critical"


def test_an_inner_critic_about_an_exam_with_no_strength_to_argue_stays_quiet():
    assert not crisis_reading(
        "My inner critic says I'm useless at maths. Tonight I can't argue back, exam tomorrow."
    ).flagged
