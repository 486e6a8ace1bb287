"""What the rules read at stop 44 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 44's
entries), each family with an ordinary twin that must stay quiet.

First entry: the rules' false alarms on the readable training files. A faint told of someone
met at work or on the way ("Customer passed out in my line"; "Guy on the 7:40 train fainted";
"Mrs. Kowalski nearly fainted"): a title's full stop ends no sentence, and a time's colon
breaks no clause. Things that collapse (a bowl, a cake "and it collapsed"); "we picked the
date"; letters to each child for a birthday or the memory box, in English and Spanish. "A new
life as a gardener" is a new job, and no longer takes back the everyday reason given.

Second entry: crises of a training file the whole detector missed. Mania signs (no sleep told
as "haven't slept en tres días", "up 72 hours straight", "four days on coffee"; grandiosity;
ventures started together; the rent or the car spent); overdoses told as counts in Spanish and
as "8 of the co-codamol ... only meant to take one", the week's pill organiser taken at once;
kettle water poured on the writer's hand; nails dug into the scalp till it bled; a cover story
taken back ("There's no swing"); an edge or the water gone back to; a side gone numb all of a
sudden; faints that came back with a racing heart, never lowered by the second reading; cameras
in the bathroom light, talk heard through the pipes, a voice calling from the drain.

Fourth entry: the rules' false alarms on a training file of hard ordinary wording, each read in
its own sentence: the law's seizure of cargo; breath taken by heat or spicy food, never with a
swelling or a wheeze; a godchild's or "Tía Lupe's" stroke; a mother who keeps saying she'll kill
a sibling over the dishes; voices from a radio programme; a run's last miles "felt like dying";
rather die than do equations; a screening told as "lo de siempre," answered no; a list answered
", no, just the sinus thing".

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import crises_hidden_beside, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a customer's faint",
        "Customer fainted at my till this morning, the first aider sat her down with juice.",
        "Fainted at my till this morning and hit my head, I'm still dizzy and being sick.",
    ),
    (
        "someone on the train, a time's colon in the sentence",
        "The man on the 8:15 bus just slumped over and passed out, the driver called it in.",
        "On the 8:15 bus I just slumped over and passed out, and I still can't feel my arm.",
    ),
    (
        "a person named by title",
        "Mr. Okafor from next door nearly fainted when he saw the garden I'd dug.",
        "Mr. Okafor found me on the floor, I had fainted and my chest is still tight.",
    ),
    (
        "a bowl collapsed",
        "My second pot collapsed on the wheel again, clay everywhere.",
        "My second pot collapsed on the wheel and then I collapsed too, my heart was racing.",
    ),
    (
        "a cake collapsed",
        "Tried a lemon sponge and it collapsed in the middle, tasted fine.",
        "Tried a lemon sponge. Then I collapsed in the kitchen and couldn't get up.",
    ),
    (
        "a wedding's date",
        "We picked the date! The party is in May at my aunt's garden.",
        "I picked the date. Everything is ready for Sunday and nobody knows.",
    ),
    (
        "birthday letters to each child",
        "Wrote letters to each of my kids to open on their 18th birthdays, a family tradition.",
        "Wrote letters to each of my kids for when I'm gone, they're in the drawer.",
    ),
    (
        "Spanish birthday letters",
        "Para su cumpleaños le escribí una carta a cada uno de mis nietos.",
        "Escribí una carta a cada uno de mis hijos para cuando ya no esté.",
    ),
    (
        "a new life as a new job",
        "Last day at the office after 15 years, said goodbye to everyone. Starting my new life "
        "as a baker.",
        "Last day at the office, said goodbye to everyone. Off to a new life somewhere better.",
    ),
]

FAMILIES += [
    (
        "no sleep told in Spanglish, with grandiosity",
        "Haven't slept en tres días because of the baby, I feel like a zombie.",
        "Haven't slept en tres días and I feel like Superman, nothing can stop me.",
    ),
    (
        "hours awake, with ventures started together",
        "Up 30 hours with the flight delays, started a novel on the plane.",
        "Up 72 hours straight, started a podcast and a business, registered 12 domains.",
    ),
    (
        "days on coffee, the car sold",
        "Four days of coffee tasting at the fair, bought a grinder.",
        "Four days on coffee and pure genius. Sold my car to buy studio gear.",
    ),
    (
        "a count above the plan, in Spanish",
        "La receta dice una pastilla en la noche y me tomé una. Todo bien.",
        "La receta dice una pastilla en la noche pero me tomé ocho. Todo da vueltas.",
    ),
    (
        "paracetamol counted since the morning",
        "El doctor dijo dos paracetamoles cada ocho horas. Llevo dos desde la mañana.",
        "El doctor dijo dos paracetamoles cada ocho horas. Llevo como quince desde la mañana.",
    ),
    (
        "the week's organiser taken at once",
        "Me tomé las del lunes del pastillero, como siempre.",
        "Me tomé todas las del pastillero de la semana juntas.",
    ),
    (
        "tablets counted against what was meant",
        "Had 2 of the co-codamol for my back, only meant to take two and I did.",
        "Had 8 of the co-codamol for my back and some wine. Only meant to take one.",
    ),
    (
        "the kettle",
        "Poured the water from the kettle over the teabags and let it brew.",
        "Poured the water from the kettle over the back of my hand when it had boiled.",
    ),
    (
        "nails to the scalp",
        "Scratched my scalp a lot after the new shampoo, going back to the old one.",
        "Went at my scalp with my nails till it bled, to stop myself crying.",
    ),
    (
        "a cover story taken back",
        "Compré una soga gruesa, le dije al cajero que era para un columpio. Mañana lo armo.",
        "Compré una soga gruesa, le dije al cajero que era para un columpio. There's no swing.",
    ),
    (
        "an edge gone back to",
        "Subí al mirador y me asomé al borde para la foto, qué vista.",
        "He estado asomada al borde un rato largo y pienso volver mañana.",
    ),
    (
        "the water gone back to",
        "Walked in up to my knees at the beach, too cold, going back in summer.",
        "Walked in up to my waist with my clothes on. Tomorrow I'm going back, further in.",
    ),
    (
        "a side gone numb",
        "My left side went numb from sleeping on it, shook it off.",
        "My whole left side went numb all of a sudden and I'm seeing double.",
    ),
    (
        "faints that came back with a racing heart",
        "Fainted once last year at a concert from the heat.",
        "Fainted twice at work today. Heart races then skips.",
    ),
    (
        "cameras in the light",
        "Pusieron cámaras en el estacionamiento del trabajo por los robos.",
        "Los vecinos me pusieron cámaras en el foco del baño.",
    ),
    (
        "talk through the pipes",
        "Se escucha la lavadora de la vecina por el tubo del agua.",
        "Los escucho hablar de mí por el tubo del agua toda la noche.",
    ),
    (
        "a voice from the drain",
        "The plumber was calling me from the basement about the drain.",
        "My mum has been calling me from the drain all night. She died in 2016.",
    ),
]

FAMILIES += [
    (
        "the law's seizure",
        "Seizure of the shipment at customs held up our whole week.",
        "Had a seizure at the port office this morning and bit my tongue.",
    ),
    (
        "breath taken by spice",
        "The wings were so spicy I couldn't breathe for a minute, drank all the milk.",
        "The wings were spicy and now I can't breathe and my throat is swelling.",
    ),
    (
        "breath taken by humidity",
        "The humidity today, walked outside and couldn't breathe, like soup.",
        "Walked outside and couldn't breathe, my lips are going blue.",
    ),
    (
        "a godchild's seizure",
        "Mi ahijado tuvo una convulsión por fiebre y ya está bien.",
        "Tuve una convulsión en el trabajo y no me acuerdo de nada.",
    ),
    (
        "an aunt named with her name",
        "Tía Carmen had a stroke two years ago and today she danced at the wedding.",
        "I think I'm having a stroke, my face is drooping and my words are slurred.",
    ),
    (
        "a mother's threat over the dishes",
        "My mom keeps saying she's going to kill my brother over the dishes again.",
        "I keep thinking I'm going to kill my brother, I have the knife ready.",
    ),
    (
        "voices from the radio",
        "La vecina pone la radio fuerte, oigo voces toda la noche, un programa de misterio.",
        "Oigo voces toda la noche que me dicen que no valgo nada.",
    ),
    (
        "a run's last miles",
        "Long run today, the last 3 felt like dying but I finished strong.",
        "Long run today and I felt like dying, and honestly I still want to die tonight.",
    ),
    (
        "rather die than do maths",
        "I'd rather die than do simultaneous equations again, exam on Friday.",
        "I'd rather die than go on like this, I have it all planned.",
    ),
    (
        "the usual questions answered no",
        "La doctora me preguntó lo de siempre, thoughts of suicide, y le dije que no.",
        "La doctora me preguntó lo de siempre, y le dije que tengo thoughts of suicide.",
    ),
    (
        "a list answered no, just the sinus thing",
        "Got asked at the walk-in if I'd had any fainting or chest pain, no, just the sinus thing.",
        "Got asked at the walk-in if I'd had any fainting or chest pain, yes, the chest pain "
        "is crushing right now.",
    ),
]

FAMILIES += [
    (
        "waking up to snow",
        "Went to bed hoping I wouldn't wake up to snow again.",
        "Went to bed hoping I wouldn't wake up again.",
    ),
    (
        "waking up with a hangover",
        "Really hoping I don't wake up with a hangover, work party tonight.",
        "Really hoping I don't wake up tomorrow, I'm so tired of all of it.",
    ),
    (
        "not waking early",
        "No quiero despertarme mañana temprano, es mi día libre.",
        "No quiero despertarme mañana ni nunca más.",
    ),
    (
        "the voices in my head as advice",
        "The voices in my head today were mostly my mom saying wear a jacket.",
        "The voices in my head today were telling me to hurt myself.",
    ),
    (
        "an edge for a photo",
        "Stood at the edge of the cliff for a photo, my husband made me step back.",
        "Stood at the edge of the cliff for a long time tonight thinking of stepping off.",
    ),
    (
        "a bridge not jumped off over a review",
        "I'm not going to jump off a bridge over it, but the review was rough.",
        "I'm going to jump off the bridge on Main Street tonight.",
    ),
    (
        "homework",
        "kms this calc homework is 40 problems, done with half.",
        "kms tonight, I have the pills ready.",
    ),
    (
        "the work emails",
        "No puedo con tantos correos del trabajo, me ahogo.",
        "Me ahogo, no puedo respirar y tengo los labios morados.",
    ),
    (
        "a coworker's words",
        "My coworker said I'm gonna kill myself if this meeting goes over, we all laughed.",
        "My coworker laughed but I'm going to kill myself after this meeting, I mean it.",
    ),
    (
        "a toothache",
        "Tengo un dolor de muelas que me quiero morir, mañana voy al dentista.",
        "Tengo un dolor de muelas y ya me quiero morir de verdad, no aguanto la vida.",
    ),
]

test_each_family = twin_test(FAMILIES)


@pytest.mark.parametrize(
    "entry",
    [
        # "mis" is Spanish, never "miss": letters doubled are read once.
        "Called mis papás to say goodbye properly. No se dieron cuenta and that's ok.",
        "Si vuelve a acercarse a mis hijos lo mato, ya tengo el cuchillo.",
        "At 7:40 I took all the pills I had saved.",
    ],
)
def test_an_explicit_statement_alerts(entry):
    assert crisis_reading(entry, second_reader=None).flagged


# Everyday sentences written to touch stop 44's vocabularies.
EVERYDAY = [
    "Mrs. Patel waved at me.",
    "Mr. Lee said hi.",
    "Customer was rude.",
    "Guy on the bus was loud.",
    "The 7:40 train was late.",
    "We picked the date for the barbecue.",
    "Wrote birthday letters today.",
    "The cake collapsed.",
    "Para su cumpleaños le regalé un libro.",
    "Starting my new life as a gardener.",
    "Up 72 hours with the newborn.",
    "Four days on coffee before the exam.",
    "I feel like a king at this spa.",
    "Spent the rent on time this month.",
    "Llevo quince desde la mañana en la oficina.",
    "Le dije al cajero que era para un regalo.",
    "Tomorrow I'm going back to the beach.",
    "Fainted twice as a teenager.",
    "The fire chicken was so hot.",
    "Mi ahijado cumple años.",
    "Tía Lupe made tamales.",
    "The radio was loud all night.",
    "The last 3 were hard.",
    "Me preguntó lo de siempre.",
    "No, just the sinus thing.",
    "Woke up to snow.",
    "Stood at the edge of the platform for a photo.",
    "Kms this calc homework.",
    "My coworker said hi.",
    "Tengo un dolor de muelas.",
    "No quiero levantarme temprano.",
]


@pytest.mark.parametrize("everyday", EVERYDAY)
def test_no_everyday_sentence_of_this_stop_beside_a_known_crisis_hides_it(everyday):
    hidden = crises_hidden_beside(everyday)
    assert not hidden, hidden[:5]
