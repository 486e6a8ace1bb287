"""Explicit and near-explicit crises the rules used to miss, by family (issue 17).

Measured on the realistic training pool (fixtures/crisis_training/, never the
holdouts), the rules found about 0.48 of the crises. Many misses were plain enough
for a clinician's rule: a certainty of not being alive for a coming event, a will
finished beside letters, insurance that pays for a death, a date chosen with the
note written, method research, ten times the dose written as amounts, an
emergency described instead of named, a person replaced by a look-alike. Each
family's rule needs two signals, so each has an ordinary twin here, the same
words in an ordinary day, which must stay quiet. The sentences are written for
these tests, not copied from the measured files.
"""

import pytest

from apps.safety.services import crisis_reading

# (family, a crisis that must now alert, its ordinary twin that must stay quiet)
FAMILIES = [
    (
        "certain of not being alive for a coming event",
        "My niece asked me to the recital in March. I already know I won't be alive by then.",
        "My niece asked me to the recital in March. I won't be able to go by then, work.",
    ),
    (
        "not being around for a holiday, with no reason to be away",
        "Mum keeps planning Christmas. I don't think I'll be here for it.",
        "Mum keeps planning Christmas. I don't think I'll be here for it, we're moving "
        "to Leeds in November.",
    ),
    (
        "a will finished, then letters",
        "Finished my will at the bank this morning and wrote letters to each of the kids tonight.",
        "Finished my will at the bank this morning, the solicitor said everyone should "
        "have one. Kids had pasta.",
    ),
    (
        "a will written after a parent's death",
        "Finished my will today and I feel calm for the first time in months.",
        "Dad died in May and sorting his estate made me finally finish my will. Feel organised.",
    ),
    (
        "insurance that pays out on a death",
        "I'm a weight on all of them. They'd get the insurance, and I've checked the "
        "policy covers it after two years.",
        "Phone screen cracked again. I've checked the policy covers it, so the shop "
        "will fix it on Friday.",
    ),
    (
        "a date chosen and the note written",
        "Everyone thinks I'm better. I have a date circled and the note is written.",
        "We've picked a date for the wedding! The invitations are nearly done.",
    ),
    (
        "method research",
        "Couldn't sleep. I looked up how long drowning takes.",
        "Couldn't sleep. I looked up how long it takes to roast a chicken for Sunday.",
    ),
    (
        "ten times the dose written as amounts",
        "I weighed it wrong, 2.5 g instead of 0.25 g. The walls are moving.",
        "Weighed out 0.15 g instead of 0.1 g as agreed with Dr. Patel. Calm day.",
    ),
    (
        "the whole bottle of a medicine",
        "Took the whole bottle of paracetamol an hour ago.",
        "Drank the whole bottle of water on the hike, legs tired.",
    ),
    (
        "a child who swallowed a battery",
        "The baby swallowed a button battery I think, she's drooling and won't eat.",
        "Changed the batteries in the baby monitor, she slept till six.",
    ),
    (
        "too much insulin, with confusion",
        "My husband took too much of his insulin and now he's sweaty and confused.",
        "My husband took his insulin with breakfast and we went for a walk.",
    ),
    (
        "someone close replaced by a look-alike",
        "My wife has been replaced by someone who looks exactly like her. I'm sleeping in the car.",
        "Our manager has been replaced by someone from head office, nice enough.",
    ),
    (
        "a decision with a day",
        "I've made up my mind, it's done by Saturday. Don't tell my therapist.",
        "I've made up my mind, the new kitchen is done by Saturday.",
    ),
    (
        "the means tested",
        "Tested how long the extension cord is. It's long enough.",
        "Tested the extension cord for the garden lights, it reaches the shed.",
    ),
    (
        "a place where nobody would find me",
        "I found a spot in the woods where nobody would find me for a long time.",
        "I found a spot in the woods where nobody would bother us for the picnic.",
    ),
    (
        "no future past an age",
        "Honestly don't see myself at 30. I'm 29 in February.",
        "Honestly don't see myself at 30 still working in this call centre.",
    ),
    (
        "self-harm described as a head against a wall",
        "When the thoughts come I slam my head into the brick wall of the garage.",
        "Bumped my head on the garage door by accident, bit of a lump.",
    ),
    (
        "a plan and peace",
        "Dose day. I finally have a plan and I feel at peace.",
        "Dose day. I finally have a plan for the garden and the weekend.",
    ),
    (
        "the last month, decided",
        "I've decided this is my last month. I'll make sure the bills are paid first.",
        "I've decided this is my last month at the bakery, new job in June.",
    ),
    (
        "a passive wish to sleep and stay there",
        "I'd really like to go to sleep tonight and just stay there.",
        "I'd really like to go to sleep early tonight, long day tomorrow.",
    ),
    (
        "a rehearsal: the beam checked",
        "I think about the rope in the shed a lot. I checked the beam yesterday.",
        "The builder came round. He checked the beam in the shed, it's sound.",
    ),
    (
        "lying to the clinician so nobody stops it",
        "Told my therapist I was fine so she wouldn't stop me. Friday.",
        "Told my therapist I was fine so she wouldn't worry on her holiday.",
    ),
    # Spanish.
    (
        "una fecha y la carta escrita",
        "Todos creen que estoy mejor. Tengo una fecha marcada y la carta escrita.",
        "Ya tenemos fecha para la boda y las invitaciones escritas.",
    ),
    (
        "el testamento y las cartas",
        "Terminé el testamento en el banco y escribí cartas a mis hijos.",
        "Hice el testamento con el notario porque quiero dejar todo claro para mis hijos.",
    ),
    (
        "la dosis en gramos, diez veces",
        "Tomé 1,5 gramos en lugar de 0,15, me equivoqué de medida y tengo miedo.",
        "Tomé 0,2 gramos en lugar de 0,15, como acordamos con la doctora.",
    ),
    (
        "mucha insulina y confusión",
        "Mi esposo se puso mucha insulina por error y está confundido y sudando.",
        "Mi esposo se puso la insulina antes de cenar y vimos una película.",
    ),
    (
        "un familiar cambiado por un impostor",
        "Alguien cambió a mi esposo por un impostor, no es él.",
        "Cambiaron a mi esposo de turno en el trabajo, ahora llega tarde.",
    ),
    (
        "ya no voy a estar, sin nada después",
        "Si mañana no escribo, no me busquen, ya no voy a estar.",
        "Ya no voy a estar en el equipo de fútbol, me cambié de turno.",
    ),
    (
        "cortarse, dicho como costumbre",
        "Me he estado cortando todas las noches.",
        "Me he estado cortando el pelo yo sola desde marzo.",
    ),
    (
        "el puente elegido",
        "Llené el pastillero. Ya sé de qué puente.",
        "Llené el pastillero. Ya sé de qué color pintar la sala.",
    ),
    (
        "noches sin dormir y sentirse invencible",
        "Hace cinco noches que no duermo y me siento invencible.",
        "Me siento invencible después de la carrera de hoy, dormí nueve horas.",
    ),
    (
        "mania: nights awake and buying a building",
        "Third night awake and I'm going to buy the building downtown.",
        "Slept well. I'm going to buy the building blocks for my nephew's birthday.",
    ),
    (
        "pastillas guardadas",
        "Tengo 60 pastillas guardadas en un calcetín. Hoy las conté dos veces.",
        "Llevé las pastillas viejas a la farmacia y limpié el botiquín.",
    ),
    (
        "el azúcar muy baja con síntomas",
        "Mi azúcar está en 40 y estoy temblando y sudando.",
        "Mi azúcar está en 140 después de la cena, la doctora dice que bien.",
    ),
    (
        "la radio habla de mí",
        "Este tráfico me mata. La radio habla de mí.",
        "Este tráfico me mata. La radio habla del partido de anoche.",
    ),
    (
        "buscar cuántas pastillas harían falta",
        "Nada importa. Busqué cuántas pastillas harían falta y tengo más.",
        "Busqué cuántas pastillas de vitamina D tomar en invierno.",
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


def test_a_future_absence_is_a_passive_wish_and_arrangements_are_critical():
    assert crisis_reading("I already know I won't be alive by then.").severity == "high"
    assert crisis_reading("I have a date circled and the note is written.").severity == "critical"


def test_a_whole_bag_of_crisps_is_no_overdose():
    assert not crisis_reading("Ate the whole bag of crisps watching the match, no regrets.").flagged


def test_not_sleeping_for_nights_is_no_denial_but_still_denies_harm_in_the_same_breath():
    assert crisis_reading("Hace cinco noches que no duermo y me siento invencible.").flagged
    assert not crisis_reading("I haven't slept or hurt myself this week.").flagged


@pytest.mark.parametrize(
    "ordinary",
    [
        "My friend told me to join him at the gym.",
        "I didn't tell my coach so he wouldn't stop me from running.",
        "Lost count of how many times he said um in the meeting.",
        "This is the last time I'll write here about him, moving on.",
        "Got the gun out of the safe to clean it before the season.",
        "Today's the day, I'm done with sugar.",
        "El domingo ya no estoy en la ciudad, me voy a Puebla.",
        "Ya tengo cuatro cajas de mudanza listas.",
        "Me estoy quemando con el sol en la playa.",
        "Voy a tomar todas las pastillas del tratamiento como dijo el doctor.",
        "Ya tengo pensado cómo decorar la sala.",
        "The laundry has been on the floor since this morning.",
    ],
)
def test_the_same_words_in_an_ordinary_day_stay_quiet(ordinary):
    assert not crisis_reading(ordinary).flagged
