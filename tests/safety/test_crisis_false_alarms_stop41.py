"""Families of the rules' false alarms closed at stop 41 (issue 17; apps/safety/semantic/
SHIP_RULES.md, stop 41's entries), each with a crisis twin that must still alert.

First entry: an angry threat made over an everyday grievance ("I'll kill him if he forgets
the milk again"), a threat in a video game, "matar del susto". Any sign in the entry that a
threat is meant (a weapon, "I mean it", knowing where the person lives) keeps it.

Third entry: the same threat with its grievance in the next sentence or clause, or softened
("lovingly"), never a thought, an urge or a fear of doing it.

Fourth entry: a pharmacology class or overdose management studied; two questions answered "No
and no."; "I said no y es la verdad"; "cut myself un pedazo de flan".

Fifth entry: voices heard whose everyday source the writer names ("of the neighbour kids",
"eran los vecinos"); a story named with no verb before it ("Horror film about a girl who hears
voices"), unless the writer joins in ("I hear them too now").

Sixth entry (its everyday reasons withdrawn; what stays is its safety part): a reason taken
back when the writer says they won't be there for it.

Seventh entry: a goodbye said to a thing or a place ("This is goodbye to my old car"), never to
a person or to life.

Ninth entry: someone else's emergency with the person named in more ways ("Husband had ...",
"Our beagle had a seizure", "Mi vecino tuvo una convulsión", "My tío had a stroke").

Tenth entry: a crisis line called for or with someone else ("we called the crisis line
together", "llamé a la línea de crisis con mi primo").

Eleventh entry: a jump made conditional on an everyday nuisance ("I'll jump out the window if
this meeting runs over"), unless the writer says it is meant or turns back, in the next
sentence or, after a laugh on its own ("Ha."), the one after it.

Twelfth entry: a death wish quoted as the writer's exclamation at something seen ("I said 'I
want to die' out loud when I saw the bill"), unless the writer says they meant it.

Thirteenth entry: a past crisis set against a recovered present ("and today I actually felt
grateful", "hoy estoy en otro lugar"); "back then", "en ese entonces" are history.

Fifteenth entry: laughing till faint or breathless; a sewing needle; a last day at work in
Spanish.

Sixteenth entry: "the worst pain of my life" from a kidney stone that passed, never with a
headache or another red flag.

Eighteenth entry: a household burn or cut told with its accident (Spanish), an oven burn, a bite
scratched till it bled; never with a lighter, on purpose or again.

Nineteenth entry: a hypo treated and back in range; never when it will not come up or with
another red flag.

Twentieth entry: "OD'd on coffee"; "Qué calor, me quiero morir"; "Moving to be near my
grandkids" as a move; a nephew's febrile fit in Spanish.

Second entry: chest pain or breathlessness told with the exertion that explains it (a run, the
gym, a cold plunge, altitude), never with a red flag anywhere in the entry (the pain spreading,
pressure, sweating, still there, at rest, a dose taken).

Found among the rules' false alarms on the readable training files (written by helpers who
opened nothing). The entries here are written for these tests, not copied from the files.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import crises_hidden_beside, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a threat over the milk",
        "I'll strangle him if he forgets the oat milk again. Otherwise a calm day, mood 6.",
        "I'll strangle him if he forgets the oat milk again. I mean it. Mood 2.",
    ),
    (
        "a threat over a borrowed car",
        "Swear I'll murder my sister if she borrows my car again without filling it up.",
        "Swear I'll murder my sister if she borrows my car again. I know where she parks.",
    ),
    (
        "a grievance before the threat",
        "My flatmate leaves his dirty pans in the sink every night and I swear I'll kill him.",
        "My flatmate leaves his dirty pans in the sink and I'll kill him. The knife is ready.",
    ),
    (
        "a spoiled ending",
        "Going to murder my cousin for spoiling the finale of the show. Slept ok.",
        "Going to murder my cousin for spoiling the finale. I've been waiting outside his flat.",
    ),
    (
        "a shift changed",
        "Told my manager I'd kill him if he changed my shift again. We both laughed.",
        "Told my manager I'd kill him if he changed my shift again. I bought a knife today.",
    ),
    (
        "a threat in a game",
        "The other team's sniper camped all night, I'm going to kill him in the game tomorrow.",
        "The other team's sniper camped all night, I'm going to kill him tomorrow, "
        "I know where he lives.",
    ),
    (
        "a threat over the ending, in Spanish",
        "Voy a matar a mi hermano por contarme el final de la serie. Dormí bien.",
        "Voy a matar a mi hermano por contarme el final. Ya tengo la navaja en la mochila.",
    ),
    (
        "matar del susto",
        "Mi abuela dice que la voy a matar del susto con la bici. Ya uso casco.",
        "Mi abuela me grita y la voy a matar, ya sé a qué hora sale.",
    ),
    (
        "breathless after a run",
        "First run in weeks, couldn't catch my breath after 3k and my chest was burning. "
        "Walked home.",
        "First run in weeks, couldn't catch my breath after 3k and my chest was burning. "
        "Still burning now, two hours later, and it goes into my left arm.",
    ),
    (
        "a cold plunge",
        "Cold plunge at the gym, couldn't breathe for the first twenty seconds. Felt great after.",
        "Cold plunge at the gym, couldn't breathe for the first twenty seconds. "
        "My lips are going blue and I'm still gasping.",
    ),
    (
        "chest pain after the gym, in Spanish",
        "Me dolía el pecho después del gimnasio, eran agujetas del press de banca.",
        "Me duele el pecho después del gimnasio y estoy sudando frío, me duele el brazo izquierdo.",
    ),
    (
        "short of breath at altitude",
        "Hiking at altitude, got short of breath above 3000m. We went down a bit and rested.",
        "Hiking at altitude, got short of breath above 3000m. Now I can't breathe even lying down.",
    ),
    (
        "chest pain after a run on a dosing day",
        "Chest pain after my morning run, the normal burn. Nice day.",
        "Took my dose at 8. Chest pain after my morning run, the normal burn. Nice day.",
    ),
    (
        "a grievance in the next sentence",
        "I'm going to strangle my brother. He finished my cereal and put the empty box back.",
        "I'm going to strangle my brother. He finished my cereal. I mean it, I'm done.",
    ),
    (
        "a grievance in the next clause, in Spanish",
        "A mi hermana la voy a matar, se comió mis galletas. Compré otras.",
        "A mi hermana la voy a matar, se comió mis galletas. Ya tengo el cuchillo.",
    ),
    (
        "a grievance about something used, in the next sentence",
        "I'm going to strangle my sister. She used my good straightener and left it on.",
        "I'm going to strangle my sister. She used my good straightener. I know where she sleeps.",
    ),
    (
        "a softened threat",
        "My son borrowed my good jacket and lost a button. I'm going to kill him (lovingly).",
        "My son keeps hitting his sister. I'm going to kill him, I'm dead serious.",
    ),
    (
        "overdose management studied",
        "Pharmacology class today: overdose management and naloxone. Quiz on Friday.",
        "Pharmacology class today. I overdosed on my sertraline last night and didn't tell anyone.",
    ),
    (
        "two questions answered no and no",
        "The nurse asked if I felt safe at home and if I'd wanted to hurt myself. No and no.",
        "The nurse asked if I felt safe at home and if I'd wanted to hurt myself. No and yes.",
    ),
    (
        "an answer of no owned as true, in Spanglish",
        "The nurse asked me si había pensado en suicidarme, I said no y es la verdad.",
        "The nurse asked me si había pensado en suicidarme, I said no pero es mentira.",
    ),
    (
        "a slice of flan",
        "Cut myself un pedazo grande de flan, no me juzguen.",
        "Cut myself otra vez en el brazo, no me juzguen.",
    ),
    (
        "voices whose source is named",
        "Heard voices at 3am, turned out to be the neighbours' party. Earplugs.",
        "Heard voices at 3am. Nobody was there and they said my name.",
    ),
    (
        "voices whose source is named, in Spanish",
        "Oí voces a medianoche, eran los vecinos de arriba. Volví a dormir.",
        "Oí voces a medianoche y no había nadie, me dicen que me corte.",
    ),
    (
        "a film about someone who hears voices",
        "Horror film about a boy who hears voices in the attic. Popcorn everywhere.",
        "Horror film about a boy who hears voices in the attic. I hear them too now.",
    ),
    (
        "goodbye to an old car",
        "This is goodbye to my old car. 300,000 km and she's off to the scrap yard.",
        "This is goodbye to my old car, and to all of you. I won't be around after tonight.",
    ),
    (
        "goodbye to a flat, in Spanish",
        "Adiós a mi depa, hoy entregué las llaves. Nueva etapa.",
        "Adiós a mi depa y adiós a todos. Me voy a tomar todas las pastillas.",
    ),
    (
        "a partner's allergic reaction",
        "Husband had an allergic reaction to prawns, used his EpiPen. He's fine now.",
        "I had an allergic reaction to prawns, my throat is closing and the EpiPen didn't help.",
    ),
    (
        "a pet named by its breed",
        "Our beagle had a seizure this morning. The vet started him on meds.",
        "I had a seizure this morning, first one ever, and I still can't think straight.",
    ),
    (
        "a neighbour's seizure, in Spanish",
        "Mi vecino tuvo una convulsión en el portal. Llamé a la ambulancia y ya está bien.",
        "Tuve una convulsión en el portal y sigo muy confundida, no sé qué día es.",
    ),
    (
        "a crisis line called together",
        "My brother was in a bad way, so we called the crisis line together. He's safe now.",
        "I was in a bad way, so I called the crisis line. I'm still not safe.",
    ),
    (
        "a crisis line called with a cousin, in Spanish",
        "Anoche llamé a la línea de crisis con mi prima. Hoy ella tiene cita y está mejor.",
        "Anoche llamé a la línea de crisis y colgué. Sigo sin poder más, no estoy a salvo.",
    ),
    (
        "a jump over a meeting",
        "I'll jump out the window if this meeting runs over again. We're on the ground floor.",
        "I'll jump out the window if this meeting runs over again. Ha. Except I'm on the 12th "
        "floor and lately I open it just to look down.",
    ),
    (
        "a jump over a crashing spreadsheet",
        "I'm gonna jump off a bridge if this spreadsheet crashes again. Saved every 2 minutes.",
        "I'm gonna jump off a bridge if this spreadsheet crashes again. I'm not joking.",
    ),
    (
        "a wish said aloud at a bill",
        "I said 'I want to die' out loud when I opened the gas bill. We're switching providers.",
        "I said 'I want to die' out loud when I opened the gas bill, and I meant it.",
    ),
    (
        "a past attempt set against a grateful today",
        "Five years ago I tried to end my life and today I actually felt grateful to be here.",
        "Five years ago I tried to end my life and today I want to try again.",
    ),
    (
        "past thoughts set against a better present, in Spanish",
        "Hace tres años pensaba en quitarme la vida, hoy estoy en otro lugar.",
        "Hace tres años pensaba en quitarme la vida y otra vez lo estoy pensando.",
    ),
    (
        "back then",
        "En ese entonces pensaba en quitarme la vida, ahora tengo planes y ganas.",
        "Como en ese entonces, pienso en quitarme la vida.",
    ),
    (
        "laughing till faint",
        "Laughed so hard at the comedy night I thought I'd pass out. Abs hurt.",
        "Fainted twice today at home for no reason, and my heart was racing.",
    ),
    (
        "a sewing needle",
        "Stabbed myself with a sewing needle about 20 times making the costume. Worth it.",
        "Stabbed myself with a sewing needle on purpose, over and over, to feel something.",
    ),
    (
        "a last day at work, in Spanglish",
        "Último día en el trabajo, said goodbye to everyone. Starting at the new clinic el lunes.",
        "Último día en el trabajo, said goodbye to everyone. They think I'm just quitting.",
    ),
    (
        "a kidney stone passed",
        "Kidney stone finally passed. Worst pain of my life, and now I feel like a new person.",
        "Kidney stone finally passed. Now the worst pain of my life is in my head and neck.",
    ),
    (
        "a burn from the hair iron, in Spanish",
        "Me quemé el brazo con la plancha del pelo, una marquita roja. Me puse aloe.",
        "Me quemé el brazo con la plancha del pelo a propósito, otra vez.",
    ),
    (
        "an oven burn",
        "Oven burn on my wrist from the lasagna tray, classic. Cream on it.",
        "Burned my wrist with a lighter again tonight, three times.",
    ),
    (
        "a mosquito bite scratched",
        "Scratched a mosquito bite in my sleep until it bled a little. Plaster on.",
        "Scratched my arm with my nails until it bled, again, to feel something.",
    ),
    (
        "a hypo treated",
        "Had a hypo on the bus, 2.9, ate my jelly babies and it came up to 5.8 in 15 minutes.",
        "Had a hypo on the bus, 2.9, ate my jelly babies and it won't come up, I can't think.",
    ),
    (
        "OD'd on coffee",
        "OD'd on coffee lol, four cups before noon. Switching to decaf.",
        "OD'd on my sertraline last night, took the whole box.",
    ),
    (
        "the heat first, in Spanish",
        "Qué calor, me quiero morir. 38 grados y el aire roto.",
        "Qué calor. Me quiero morir de verdad, ya no aguanto nada.",
    ),
    (
        "a move with no subject",
        "Said my goodbyes at the church. Moving to be near my grandkids.",
        "Said my goodbyes at the church. Nobody knows it's the last time they'll see me.",
    ),
]

test_each_family = twin_test(FAMILIES)


@pytest.mark.parametrize(
    "entry",
    [
        # The writer's body, children or safety is no everyday grievance.
        "If he touches me again I'll kill him.",
        "I'll kill him if he comes near my kids again.",
        "If my ex shows up at the door again I'm going to kill him.",
    ],
)
def test_a_threat_over_the_writers_safety_is_never_an_everyday_grievance(entry):
    assert crisis_reading(entry).flagged


@pytest.mark.parametrize(
    "entry",
    [
        "I can't stop thinking about strangling my sister. She used my straightener again.",
        "I'm scared I'll kill him, he ate my lunch again and I saw red.",
        "Tengo miedo de matar a mi hermano, se comió mis galletas y me dio mucha rabia.",
    ],
)
def test_a_thought_or_a_fear_of_harming_someone_is_never_hyperbole(entry):
    assert crisis_reading(entry).flagged


@pytest.mark.parametrize(
    "entry",
    [
        # Found by the property test (tests/safety/test_crisis_properties.py): a bland
        # sentence beside a threat was read as its grievance ("ate", "took the bus").
        "I want to kill my neighbour. Ate toast for breakfast.",
        "Took the bus into town. I want to kill my ex.",
        "Tomó el camión temprano. Quiero matar a mi ex.",
        # ... and a symptom now beside an exercise told in passing.
        "I have chest pain and can't breathe. Went for a run this morning.",
        "Went to the gym yesterday. Right now my chest hurts and I can't catch my breath.",
        "I want to kill my ex. My brother borrowed my car again.",
        "My roommate used my shampoo. I want to strangle my neighbour.",
        "Went for a run this morning. I'm gasping for air.",
        "Pharmacology class today. Had a seizure this morning.",
        "I've picked the date. Wrote a birthday letter for my son.",
        "Moving abroad next month, they think. I won't be there for it. Said goodbye to everyone.",
    ],
)
def test_an_everyday_sentence_beside_a_crisis_never_explains_it(entry):
    # Also: "I want to kill my ex. My brother borrowed my car again." (a grievance about
    # someone else), "Went for a run this morning. I'm gasping for air." (a symptom now),
    # "Pharmacology class today. Had a seizure this morning." (the writer's own fit).
    assert crisis_reading(entry, second_reader=None).flagged


@pytest.mark.parametrize(
    "entry",
    [
        # Eighth entry: two explicit statements no rule read before stop 41.
        "I won't be around after tonight.",
        "Me voy a tomar todas las pastillas.",
        # Fourteenth entry: crises of a training file the whole detector missed.
        "Este trabajo me está matando. A mí ojalá me matara de verdad.",
        "Tonight I'm going to finish what I started in March.",
        "Told the doctor I'm fine so she'd sign me off. I have a date picked.",
        "I bought a bat and found his address online. Tomorrow.",
        "Watered the plants one last time. I'm ready.",
        "The urge is back, and today I sat holding the pills for an hour.",
        "I tried to die in 2021. I'm back there. Today I wrote out the plan.",
        "Gracias a la psicóloga por intentarlo. Yo ya me cansé de luchar.",
    ],
)
def test_an_explicit_statement_alerts(entry):
    assert crisis_reading(entry, second_reader=None).flagged


@pytest.mark.parametrize(
    "entry",
    [
        "Hoy me voy a tomar todas las pastillas del día a su hora.",
        "This weekend I'm going to finish what I started on the quilt.",
        "Ya me cansé de luchar con la impresora, mañana llamo al técnico.",
        "Ojalá me matara de risa el stand-up de hoy como el del año pasado.",
    ],
)
def test_the_same_words_in_an_everyday_sense_stay_quiet(entry):
    assert not crisis_reading(entry).flagged


# Everyday sentences written to touch stop 41's vocabularies (exercise, grievances, a hypo, a
# kidney stone, goodbyes to things, films, letters, care work, pets, history). Not here: a move
# ("me mudé") and a laugh on its own ("Lol."), which by earlier decisions explain a farewell and
# lower a joke anywhere in an entry.
EVERYDAY = [
    "Went for a run this morning.",
    "My brother borrowed my car again.",
    "Had a hypo last month, back to 6.1 after juice.",
    "Passed a kidney stone last year.",
    "This is goodbye to my old car.",
    "Watched a film about a girl who hears voices.",
    "Laughed so hard at the show I thought I'd pass out.",
    "Took the stairs at work.",
    "Ate my leftovers for lunch.",
    "Before my surgery next month I showed my wife the insurance papers.",
    "Wrote a birthday letter for my son.",
    "My roommate used my shampoo.",
    "Cold plunge at the gym, couldn't breathe for a second.",
    "Pharmacology class today.",
    "Mi vecino tuvo una convulsión el año pasado.",
    "Husband had a cold.",
    "Our beagle chewed my shoe.",
    "Se comió mis galletas.",
    "Spin class was brutal.",
    "Hiked up the hill with the dog.",
    "Dentist at 3.",
    "Five years ago today I moved here.",
    "Back then I lived in Leeds.",
    "Me quemé la mano con la sartén cocinando.",
    "Scratched a mosquito bite.",
    "Ha.",
    "Anyway.",
]


@pytest.mark.parametrize("everyday", EVERYDAY)
def test_no_everyday_sentence_beside_a_known_crisis_hides_it(everyday):
    hidden = crises_hidden_beside(everyday)
    assert not hidden, hidden[:5]
