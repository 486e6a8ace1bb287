"""The rules' false alarms on the newer training files, by family (issue 17, stop 35).

Found on round18-train-* and round19-train-* (written by helpers who opened nothing), each
file measured before any of these cues was written; judged afterwards on round19-validate,
which was never read (apps/safety/semantic/SHIP_RULES.md, stop 35). The ordinary entries here
are written for these tests, not copied from the files; each has a crisis twin with the same
words that must still alert.
"""

import pytest

from apps.safety.services import crisis_reading

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a Spanish 'sobredosis' of something sweet or funny",
        "sobredosis de pan dulce en la posada, no me puedo mover jaja",
        "anoche me tomé una sobredosis de pastillas, sigo mareada",
    ),
    (
        "an English overdose on a dish",
        "overdosed on dumplings at the new place downtown, worth it",
        "I overdosed on my sleeping tablets last night and nobody knows",
    ),
    (
        "a whole bag of crisps in Spanish, not of pills",
        "me acabé todo el paquete de galletas viendo la película",
        "me tomé toda la bolsa de hongos en vez de mi microdosis",
    ),
    (
        "a threat taken back in the same sentence, in Spanish",
        "mi hermano se acabó el café, lo voy a matar (mentira, lo quiero mucho)",
        "mi hermano me pegó otra vez, lo voy a matar esta noche, no es mentira",
    ),
    (
        "a threat taken back in the same sentence, in English",
        "the cat knocked my plant over, I'm going to kill him (I'm not, he's purring on me)",
        "I'm going to kill him tonight, I'm not kidding, I've got the knife ready",
    ),
    (
        "a song title stuck in the head",
        "la canción esa de me quiero morir contigo no se me sale de la cabeza",
        "me quiero morir, ya no aguanto más esta canción de vida",
    ),
    (
        "a clear 'no thoughts of hurting anyone'",
        "check-in with the nurse: no thoughts of harming anyone, sleeping better",
        "no thoughts of harming anyone except my stepdad, I keep planning it",
    ),
    (
        "sleeping in, not a wish not to wake",
        "ojalá no despertar temprano el sábado, quiero dormir hasta tarde",
        "ojalá no despertar mañana, ya no quiero seguir",
    ),
    (
        "a date picked for a wedding",
        "we finally picked the date for the wedding, June 3rd!",
        "I picked the date. The letters are written and the pills are saved.",
    ),
    (
        "a pet or a speaker 'watching' or 'talking'",
        "I feel like I'm being watched - by my cat, who wants breakfast",
        "I feel like I'm being watched through the vents, they know what I think",
    ),
    (
        "training on the signs of self-harm",
        "staff training today on the warning signs of self-harm in teenagers, very useful",
        "I cut myself again last night, the signs are on my arm",
    ),
    (
        "pills counted for a trip",
        "counted my pills to make sure I have enough for the trip next week",
        "counted my pills again, I have enough to end it now",
    ),
    (
        "fainting at a blood test, told as a habit, in Spanish",
        "me mareé otra vez al sacarme sangre, como siempre, jugo y listo",
        "me desmayé en la cocina y no me acuerdo de nada, me pegué en la cabeza y vomité",
    ),
    (
        "a haircut decided",
        "I've decided. Cutting my hair short on Saturday, sending pics to my sister",
        "I've decided. Saturday, when everyone is out. I feel calm now.",
    ),
    (
        "a relative's past attempt named with a possessive",
        "Brother's suicide attempt two years ago feels far away, he's thriving now",
        "my suicide attempt failed last night and I will try again",
    ),
    (
        "a relationship the writer ended, then a calm decision",
        "I've decided, and it feels calm. Told Dani it's over last night, sad but right.",
        "I've decided, and it feels calm. Saturday, when the house is empty.",
    ),
    (
        "a death wish at an exam, laughed at in the same sentence",
        "me quiero morir, el parcial de química estuvo horrible jajaja",
        "me quiero morir, ya no aguanto nada, no es broma",
    ),
    (
        "a film so bad the writer 'wanted to die'",
        "the sequel was so boring I wanted to die. three hours!",
        "I wanted to die all day today, nothing helps",
    ),
    (
        "a song title in quotes",
        "humming 'I Want to Die in Your Arms' all morning, total earworm",
        "I want to die in my sleep tonight, I mean it",
    ),
    (
        "a near faint at a price",
        "casi me desmayo cuando vi el precio de la gasolina",
        "casi me desmayo en la calle, me duele el pecho y no puedo respirar bien",
    ),
    (
        "voices from a party next door",
        "hearing voices till 2am, karaoke party next door again",
        "hearing voices till 2am telling me I have to hurt my sister",
    ),
    (
        "not knowing the day after a holiday",
        "didn't know what day it was this morning, the bank holiday threw me off",
        "don't know what day it is and it's not a bank holiday, I can't find my way home",
    ),
    (
        "a cut while shaving",
        "shaved in a rush and cut myself, chin full of tissue bits",
        "I cut myself on purpose again last night",
    ),
    (
        "a sore chest from push-ups, in Spanish",
        "me duele el pecho de las lagartijas de ayer, agujetas",
        "me duele el pecho y se me va al brazo izquierdo, estoy sudando",
    ),
    (
        "breathless on the stairs, in Spanish",
        "me falta el aire cuando subo corriendo al cuarto piso, tengo que hacer ejercicio",
        "me falta el aire cuando subo y también sentada, me duele el pecho",
    ),
    (
        "a streaming service asking if the writer is still watching",
        "the TV keeps sending me messages: are you still watching? yes Netflix, I am",
        "the TV keeps sending me messages about what I have to do to my family",
    ),
]


@pytest.mark.parametrize(("family", "ordinary", "crisis"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_a_stop35_false_alarm_family_stays_quiet_and_its_crisis_twin_still_alerts(
    family, ordinary, crisis
):
    quiet = crisis_reading(ordinary)
    assert not quiet.flagged, [(m.rule, m.matched, m.severity) for m in quiet.matches]
    assert crisis_reading(crisis).flagged, crisis


def test_a_threat_whose_taking_back_is_itself_denied_still_alerts():
    assert crisis_reading("voy a matar a mi ex, no es mentira, ya sé dónde vive").flagged
    assert crisis_reading("I'm going to strangle him, I'm not joking").flagged


def test_a_pill_bag_is_never_read_as_a_snack():
    assert crisis_reading("me tomé toda la bolsa de pastillas de mi mamá").flagged


def test_taking_back_a_wish_to_kill_oneself_is_not_read_as_taking_back_a_threat():
    # The retraction idiom is for threats to someone else; a death wish "lol" or
    # "mentira" stays by the suicidal category's own joke policy.
    assert crisis_reading("me voy a matar, mentira").flagged
    assert crisis_reading(
        "I'm going to kill myself, not literally maybe, but I have the pills"
    ).flagged


def test_a_screening_told_item_by_item_each_answered_no_stays_quiet():
    assert not crisis_reading(
        "Intake with the new nurse today. She went through the screening: any thoughts of "
        "ending your life, no. Hearing voices or seeing things others don't, no. Days "
        "without needing sleep, no. Then we talked about my knee."
    ).flagged
    assert not crisis_reading(
        "Me hicieron el cuestionario de siempre. Ideas de hacerme daño, ninguna. "
        "Escuchar voces, no."
    ).flagged


def test_a_screening_item_answered_yes_turned_back_or_called_a_lie_still_alerts():
    assert crisis_reading(
        "Went through the screening. Hearing voices, yes, every night this week."
    ).flagged
    assert crisis_reading(
        "the usual questions: wanting to die, no, but I think about it every night"
    ).flagged
    assert crisis_reading(
        "Screening today. Thoughts of killing myself, no. Hearing voices, no. "
        "Actually I lied about the first one."
    ).flagged


def test_a_sentence_ending_no_with_no_screening_named_before_it_stays_the_patients():
    assert crisis_reading("I keep hearing voices at night telling me I'm worthless, no.").flagged
