"""Rules written from the session's own fresh entries (issue 17, stop 30).

Two batches of entries were written first and measured with the shipped detector
before any rule was written for them (fixtures/crisis_training/round12-train-fresh.tsv;
numbers in docs/SAFETY.md, HZ-1). The families below came from what the rules missed
or flagged there. The sentences are written for these tests, not copied from the file;
each has a twin on the same surface that must come out the other way.
"""

import pytest

from apps.safety.services import crisis_reading

# (family, a crisis that must alert, its ordinary twin that must stay quiet)
RECALL = [
    (
        "gone before a message is read",
        "sent my sister a long thank you. I'll be gone before she reads it",
        "sent my sister a long thank you. I'll be gone to the gym before she reads it, busy day",
    ),
    (
        "nobody left to sort things out afterwards",
        "cancelled the phone and the gym, nobody will need to sort those out after",
        "cancelled the phone and the gym, nobody will need to sort those out next month",
    ),
    (
        "nobody left to sort things out, in Spanish",
        "di de baja el gimnasio y el teléfono, así nadie tiene que arreglar nada después",
        "di de baja el gimnasio, así nadie tiene que arreglar nada después de la mudanza",
    ),
    (
        "every tablet in the house gathered",
        "filled the organiser with every tablet in the house, not the week's",
        "filled the organiser with the week's tablets, sunday ritual",
    ),
    (
        "a way, said on its own",
        "I'm so tired of all of it and I have a way.",
        "I'm so tired of the commute but I have a way to work from home on fridays now.",
    ),
    (
        "the rope kept in the car",
        "tengo la cuerda en el maletero y la reviso a cada rato",
        "tengo una cuerda de remolque en el maletero por si acaso",
    ),
    (
        "a height worked out, in Spanish",
        "ya sé desde qué piso del estacionamiento sería",
        "ya sé en qué piso del estacionamiento dejé el coche",
    ),
    (
        "mania in Spanish: no sleep, a job quit at night, a car on credit",
        "tres noches sin dormir, renuncié por mail a las 4 y me compré un coche a crédito",
        "tres noches sin dormir por el bebé, mañana pido ayuda a mi madre",
    ),
    (
        "a lethal amount looked up, in Spanish",
        "leí cuánto paracetamol sería letal y ya tengo tres cajas",
        "leí cuánto chocolate es letal para los perros porque el mío se comió una tableta",
    ),
    (
        "pills kept instead of returned, in Spanish",
        "en vez de llevar las pastillas a la farmacia las guardé en una caja",
        "llevé las pastillas viejas a la farmacia para que las desechen",
    ),
    (
        "a sermon taken as a message for the writer alone",
        "the sermon was a message only for me. God told me through the priest what I must do",
        "the sermon was about patience, a message for all of us, very calm",
    ),
    (
        "a goodbye the friend does not know is one",
        "sent her a voice note saying how much I love her. She doesn't know it's goodbye.",
        "sent her a voice note saying how much I love her, she's starting chemo tomorrow",
    ),
    (
        "a wish to sleep and be done",
        "I just want to sleep and be done. I've stopped arguing with the thought.",
        "I just want to sleep and be done with this week, friday please come faster",
    ),
    (
        "paying for it with a blade",
        "hated myself for eating the cake so I made myself pay for it with the blade",
        "hated myself for eating the cake so I paid for it with a long run",
    ),
    (
        "a goodbye post whose everyday reason is taken back",
        "wrote a goodbye post on the forum. not because it's shutting down.",
        "wrote a goodbye post on the forum, they're shutting it down after ten years",
    ),
    (
        "serotonin toxicity told in Spanish after a dose and tramadol",
        "me tomé la micro y el tramadol, ahora tiemblo, sudo mucho y los músculos se me sacuden",
        "salí a correr y sudo mucho, y ahora tiemblo un poco de frío",
    ),
    (
        "fever, tremor and a racing heart in Spanish after extra doses",
        "me tomé la micro y dos más, me tiembla todo, tengo 39 de fiebre y el corazón a mil",
        "mi hija tiene fiebre y tos, la llevé al pediatra y ya está mejor",
    ),
    (
        "a voice's persecution, as what it says",
        "the cat from my dream is still in the kitchen and it says the study nurse is spying on me",
        "the cat is in the kitchen and my son says the neighbour's cat is stealing our cat food",
    ),
    (
        "a voice's persecution in Spanish",
        "el gato me dice cosas, dice que la enfermera del estudio me espía",
        "el gato me mira cuando como, dice mi hija que es un espía jaja",
    ),
    (
        "Spanish mania: no sleep since Sunday, a flight with the rent money",
        "no duermo desde el domingo, compré un vuelo a Japón esta noche con el dinero de la renta",
        "no duermo bien desde el domingo por la tos, mañana voy al médico",
    ),
    (
        "marks made with a compass",
        "new marks on my wrist, not a tattoo. I did them last night with the compass",
        "new marks on my drawing, the compass slipped. I did them again with the ruler",
    ),
    (
        "marks made on the wrist, in Spanish",
        "me hice marcas nuevas en la muñeca anoche, nadie sabe",
        "me hice un tatuaje nuevo en la muñeca, una golondrina",
    ),
    (
        "twenty tablets told in Spanish words",
        "ayer me tomé veinte paracetamoles cuando estaba mal y no le dije a nadie",
        "ayer me tomé dos paracetamoles por el dolor de cabeza",
    ),
    (
        "water measured from a lock gate",
        "stood on the lock gate for a long time working out how deep it is there",
        "stood on the lock gate watching the boats go through, the keeper let me help",
    ),
    (
        "a bird giving an order",
        "the heron was a messenger, it looked at me and told me I have to finish the work",
        "the heron on the canal looked right at me, then flew off with a fish",
    ),
    (
        "going the same way on a brother's anniversary, in Spanish",
        "cinco años del suicidio de mi hermano y pienso que sería justo irme igual, el mismo día",
        "cinco años del suicidio de mi hermano, vamos al mar a tirar flores el mismo día",
    ),
]

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FALSE_ALARMS = [
    (
        "a faint feared inside a named panic attack",
        "panic attack on the train, thought I was going to pass out, it passed in ten minutes",
        "panic attack on the train and then I passed out on the platform, a stranger called 999",
    ),
    (
        "a symptom followed by 'All fine.'",
        "felt faint in the waiting room until I had the biscuit they gave me. All fine.",
        "felt faint in the waiting room and I still feel faint now, everything is spinning",
    ),
    (
        "a cheek bitten under a dentist's numbing",
        "dentist numbed half my face and I bit my cheek until it bled without noticing",
        "I bit my cheek until it bled on purpose because I hate myself",
    ),
    (
        "neighbours' voices through the wall, in Spanish",
        "oigo voces del vecino por la pared todas las noches, discuten a gritos",
        "oigo voces que me dicen que el vecino me quiere envenenar",
    ),
    (
        "a burden thought at university, told to a therapist in Spanish",
        "le conté a mi terapeuta que en la universidad pensaba que todos estarían mejor sin mí",
        "le conté a mi terapeuta que últimamente pienso que todos estarían mejor sin mí",
    ),
    (
        "not wanting to be here, narrowed to a meeting, in Spanish",
        "no quiero estar aquí, en esta reunión de padres digo, dos horas del uniforme",
        "no quiero estar aquí, en esta vida digo, ya no aguanto más",
    ),
    (
        "exercise told as dying, with a laugh",
        "leg day destroyed me, I want to die every time I climb the stairs now haha",
        "leg day was fine. I want to die, every day, and I'm tired of pretending",
    ),
    (
        "a lethal amount read up because a teenager drinks something",
        "reading about the lethal dose of caffeine because my teenager drinks energy drinks",
        "reading about the lethal dose of my sertraline because I want it to be over",
    ),
]


@pytest.mark.parametrize(("family", "crisis", "ordinary"), RECALL, ids=[f[0] for f in RECALL])
def test_a_fresh_crisis_family_alerts_and_its_ordinary_twin_stays_quiet(family, crisis, ordinary):
    assert crisis_reading(crisis).flagged, family
    assert not crisis_reading(ordinary).flagged, family


@pytest.mark.parametrize(
    ("family", "ordinary", "crisis"), FALSE_ALARMS, ids=[f[0] for f in FALSE_ALARMS]
)
def test_a_fresh_false_alarm_family_stays_quiet_and_its_crisis_twin_alerts(
    family, ordinary, crisis
):
    assert not crisis_reading(ordinary).flagged, family
    assert crisis_reading(crisis).flagged, family


def test_someone_elses_stroke_is_not_the_writers_crisis():
    # The project's labelling (round6): a relative's emergency is told, not the writer's.
    assert not crisis_reading(
        "mi papá está hablando raro y tiene la cara caída de un lado, llamamos a la ambulancia"
    ).flagged


# A probe of each kind in Spanish, written at this stop: each must alert.
SPANISH_PROBE = [
    "he estado pensando en suicidarme",
    "ya he decidido matarme",
    "no siento la mitad de la cara",
    "veo gente que no está",
    "las voces me ordenan que me lastime",
    "llevo dos horas con un ataque de pánico",
    "siento que me voy a morir, el corazón me late rapidísimo",
    "no sé qué día es ni cómo llegué aquí",
    "me perdí volviendo a mi casa, no reconocía la calle",
    "me siento maníaca, no puedo parar de hablar",
    "estoy eufórica y no he dormido",
]


@pytest.mark.parametrize("text", SPANISH_PROBE)
def test_a_spanish_crisis_of_each_kind_alerts(text):
    assert crisis_reading(text).flagged, text


def test_spanish_he_before_a_participle_is_the_writer_not_a_man():
    # "he pensado en matarme" is "I have thought of killing myself"; read as English
    # "he", it was dropped as someone else's crisis.
    reading = crisis_reading("he pensado en matarme")
    assert reading.flagged
    assert reading.severity == "critical"
    assert not crisis_reading("he said he wanted to kill himself after the match, lol").flagged


@pytest.mark.parametrize(
    "text",
    [
        "desperté y por un segundo no sabía dónde estaba, estamos en el hotel",
        "no sé qué día es hoy con tanto feriado jaja",
        "no he dormido nada por el bebé y estoy cansadísima",
    ],
)
def test_a_single_everyday_sign_in_spanish_stays_quiet(text):
    assert not crisis_reading(text).flagged, text


# An English probe of each kind, written at this stop (non-native wording, forum slang, a
# microdose acting like a full dose): each must alert.
ENGLISH_PROBE = [
    "i want to finish with my life",
    "i think is better i am not in this world",
    "going to ctb this weekend",
    "the walls are melting and i can't come down, it's been 8 hours",
    "i can't stop shaking and i'm seeing things after the dose",
    "las paredes respiran y no se me pasa el efecto",
]


@pytest.mark.parametrize("text", ENGLISH_PROBE)
def test_a_probed_crisis_alerts(text):
    assert crisis_reading(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "had a dream the walls were breathing, woke up fine",
        "ran to catch the bus and missed it",
        "finished with my life admin for the week: taxes, dentist, car",
    ],
)
def test_the_probes_ordinary_neighbours_stay_quiet(text):
    assert not crisis_reading(text).flagged, text
