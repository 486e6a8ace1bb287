"""What the rules read at stop 43 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 43's
entries), each family with an ordinary twin that must stay quiet.

Second entry: a screening question whose subject is told before a comma, answered no ("asked
the usual, if I have thoughts of suicide, and I could honestly say no"; "pude decir que no"); a
Spanish denial explained as sadness ("ni nada de eso, solo estoy triste"); a fall told before
"casi me mato". Safety fixes: an answer taken back ("I said no but honestly I do"; "pero la
verdad es que sí") and a near miss wished complete ("Ojalá lo hubiera hecho").

Third entry: crises of a training file the whole detector missed. A closed future ("there is
no next quarter for me", "not planning on being around in summer", teeth you won't need); the
last call rehearsed; charcoal and tape for the car's windows; reading how long it takes to
drown; asking how much paracetamol one may buy at once; a dress for the end; envy of the dead;
overdoses told as counts where the entry names a medicine ("took three instead of one", "took
10 this afternoon all together", sixteen paracetamol since the morning, the weekend's take-home
doses today); mania signs (sleep "is for people with nothing to do", "no he dormido since
Sunday", a wedding to someone met yesterday, lithium stopped "porque me apagaba"); boiling water
poured on the writer's hand on purpose; a head banged on a room's wall; thought control through
the vents; a phone that clicks when the writer talks.

Fourth entry: the rules' false alarms on a training file of hard ordinary wording. A clinician's
list asked straight out and answered no ("asked any chest pain, shortness of breath ... I said no
to all three"); a medicine's warning ("can cause suicidal thoughts in young people"), never with
the writer's own thoughts after it; the wind knocked out of the writer; "cut myself zero times";
a goodbye letter to an old self; a faint when blood was taken, that passed.

Fifth entry: medical false alarms told in one sentence: "I about had a heart attack"; a heart
attack feared and put down to coffee; breathless from laughing; half the face numb at the
dentist; lips swollen after filler. Each is read in its own sentence only, so what the entry says
elsewhere still alerts. A safety fix found by the everyday-sentence check: an emoji followed by a
space ends a sentence, as a full stop does.

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import crises_hidden_beside, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a question told before a comma, answered no",
        "The nurse asked the usual, if I have thoughts of suicide, and I could honestly say no.",
        "The nurse asked the usual, if I have thoughts of suicide, and I said no but honestly I "
        "do.",
    ),
    (
        "a Spanish question told before a comma, answered no",
        "La enfermera me preguntó lo de siempre, si tengo ideas de suicidio, y pude decir que "
        "no con sinceridad.",
        "La enfermera me preguntó lo de siempre, si tengo ideas de suicidio, y no pude decir "
        "que no.",
    ),
    (
        "a Spanish denial explained as sadness",
        "No quiero suicidarme ni nada de eso, solo estoy triste porque se fue mi perro.",
        "No quiero suicidarme ni nada de eso, solo estoy triste. Pero ya tengo las pastillas "
        "guardadas.",
    ),
    (
        "a fall told before a near miss",
        "Se me fue el pie en la escalera del metro y casi me mato, pero solo me raspé el codo.",
        "Se me fue el pie en la escalera y casi me mato. Ojalá lo hubiera hecho.",
    ),
    (
        "an answer taken back in Spanish",
        "Me preguntó si tengo ideas de suicidio y le dije que no, y es verdad.",
        "Me preguntó si tengo ideas de suicidio y le dije que no, pero la verdad es que sí.",
    ),
]

FAMILIES += [
    (
        "no next quarter",
        "My boss asked about plans for next quarter. I said I'd send them on Monday.",
        "My boss asked about plans for next quarter and I almost laughed. There is no next "
        "quarter for me.",
    ),
    (
        "teeth you won't need",
        "Cancelled my dentist appointment for next month, the filling can wait until payday.",
        "Cancelled my dentist appointment for next month. Why bother fixing teeth you won't need.",
    ),
    (
        "the last call",
        "That's the last call I'll make to the bank about the refund, they finally sorted it.",
        "Practised what I'll say to my daughter tomorrow. It's the last call I'll make.",
    ),
    (
        "charcoal and tape",
        "Compré carbón para el asado del domingo y cinta para arreglar la caja de herramientas.",
        "Compré carbón y cinta para las ventanas del carro. Dije que era para un asado.",
    ),
    (
        "how long it takes to drown",
        "Reading about how long it takes to learn to swim as an adult. Lessons start Monday.",
        "Been reading about how long it takes to drown. Just curious.",
    ),
    (
        "a dress for the end",
        "Me compré un vestido bonito para el final de curso de mi hija.",
        "Me compré un vestido bonito para el final. Quiero verme bien.",
    ),
    (
        "envy of the dead",
        "I'm jealous of the people in my sister's holiday photos. Lisbon looks amazing.",
        "I'm kind of jealous of the people in the obituaries. They're finished.",
    ),
    (
        "three instead of one",
        "Took three photos instead of one because the light was nice. Took my meds at 8.",
        "Had two beers and then my sleeping tablets, but I took three instead of one.",
    ),
    (
        "all together",
        "Sertraline is 50 a day. Took it at 8 with breakfast, all fine.",
        "Sertraline is 50 a day. Took 10 this afternoon all together.",
    ),
    (
        "the weekend's doses today",
        "Plan says methadone 40ml. Picked up the take-home doses for Saturday and Sunday today.",
        "Plan says methadone 40ml. I drank the take-home doses for Saturday and Sunday today "
        "as well.",
    ),
    (
        "sleep is for people with nothing to do",
        "My boss says sleep is for people with nothing to do. I slept eight hours anyway.",
        "Ordered 12 sofas for the community centre I'm opening. Sleep is for people with "
        "nothing to do.",
    ),
    (
        "boiling water on purpose",
        "Poured the kettle water over my hand by accident, ran it under the cold tap.",
        "Poured the kettle water over my hand on purpose. It's bubbling up.",
    ),
    (
        "a head banged on a room's wall",
        "Hit my head on the bathroom cabinet reaching for the towels. Small bump, fine.",
        "Kept banging my head on the bathroom wall after the call. There's a lump now.",
    ),
    (
        "thought control",
        "Uso la meditación para controlar el pensamiento cuando me agobio.",
        "Los vecinos meten algo por los ductos para controlarme el pensamiento.",
    ),
    (
        "a phone that clicks",
        "El celular hace clic cuando lo conecto al cargador, creo que es el cable.",
        "Hay un carro gris afuera. Me siguen a la tienda. El celular hace clic cuando hablo.",
    ),
]

FAMILIES += [
    (
        "a clinician's list answered no",
        "Nurse asked any chest pain, shortness of breath, palpitations, and I said no to all "
        "three.",
        "Nurse asked any chest pain and I said yes, it's crushing and going down my left arm.",
    ),
    (
        "a medicine's warning",
        "Mum read that my medication can cause suicidal thoughts in young people. I'm 34 and fine.",
        "My medication can cause suicidal thoughts and I'm having them every night now.",
    ),
    (
        "the wind knocked out",
        "Fell off the skateboard, knocked the wind out of myself, couldn't breathe for like ten "
        "seconds. Fine after.",
        "Fell off the skateboard an hour ago and I still can't breathe properly, my lips look "
        "blue.",
    ),
    (
        "cut myself zero times",
        "Knife skills class tonight, julienne and brunoise, and I cut myself zero times.",
        "Knife skills class tonight and afterwards I cut myself on purpose in the bathroom.",
    ),
    (
        "a goodbye letter to an old self",
        "La terapeuta nos puso a escribir una carta de despedida a una versión antigua de "
        "nosotros. Fue sanador.",
        "Escribí mi carta de despedida para mis hijos. La dejé en el cajón de la cocina.",
    ),
    (
        "a faint when blood was taken",
        "The nurse took my blood and I almost fainted like always, she laid me back and I was "
        "fine after juice.",
        "The nurse took my blood and I fainted and hit my head on the floor, still confused.",
    ),
]

FAMILIES += [
    (
        "about had a heart attack",
        "My laptop died mid essay and I about had a heart attack, but autosave saved me.",
        "I think I'm having a heart attack, my chest is crushing and my left arm is numb.",
    ),
    (
        "a heart attack feared, put down to coffee",
        "Thought I was having a heart attack after four espressos but it was just the caffeine.",
        "Thought I was having a heart attack after four espressos but it was just the caffeine. "
        "Now the pain is going down my left arm.",
    ),
    (
        "breathless from laughing",
        "My group chat is killing me with these memes, I can't breathe 😂",
        "I can't breathe and my lips are going blue, the inhaler isn't helping.",
    ),
    (
        "numb at the dentist",
        "Filling at the dentist, half my face numb and drooping for a couple of hours.",
        "Half my face went numb and drooping at dinner, nothing to do with the dentist, and my "
        "words are slurred.",
    ),
    (
        "lips swollen after filler",
        "Lips swelled a bit after the filler appointment, the clinic said it's expected.",
        "Lips swelled after the filler and now my throat is closing and I can't swallow.",
    ),
]

test_each_family = twin_test(FAMILIES)


@pytest.mark.parametrize(
    "entry",
    [
        "The nurse asked about thoughts of suicide and I said no but honestly I do.",
        "I nearly killed myself on the bike today. I wish I had.",
        "Casi me mato con la bici. Ojalá me hubiera muerto.",
        # Fifth entry: an emoji ends a sentence where no full stop was written, so the
        # "can't" and the laugh before it deny or joke about nothing after it.
        "These memes, I can't even 😂 Thinking about suicide a lot lately.",
        "These memes, I can't even 😂 I'm going to stab him.",
    ],
)
def test_an_explicit_statement_alerts(entry):
    assert crisis_reading(entry, second_reader=None).flagged


def test_a_no_followed_by_something_else_the_writer_does_have_stays_a_no():
    entry = "She asked if I've had thoughts of suicide, and I said no, but I do have a headache."
    assert not crisis_reading(entry, second_reader=None).flagged


# Everyday sentences written to touch stop 43's vocabularies (a fall, a sad day, a screening).
EVERYDAY = [
    "Decluttering today: getting rid of things you won't need.",
    "Filling at the dentist today.",
    "These memes, I can't even 😂",
    "The nurse took my blood.",
    "Nurse asked any questions about the plan.",
    "Knocked the wind out of me, that film.",
    "Took my meds at 8.",
    "Compré carbón para el asado.",
    "Sleep is for people with nothing to do, says my boss.",
    "Se me fue el pie en la escalera.",
    "Solo estoy triste hoy.",
    "Ni nada de eso.",
    "La enfermera me preguntó lo de siempre.",
    "I could honestly say no to dessert.",
    "Pude decir que no al turno extra.",
]


@pytest.mark.parametrize("everyday", EVERYDAY)
def test_no_everyday_sentence_of_this_stop_beside_a_known_crisis_hides_it(everyday):
    hidden = crises_hidden_beside(everyday)
    assert not hidden, hidden[:5]
