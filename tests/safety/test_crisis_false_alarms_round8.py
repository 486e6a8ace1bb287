"""The rules' false alarms on the round7/round8 training files, by family (issue 17).

Each family was fixed with an idiom in fixtures/crisis_lexicon.yaml. The ordinary
sentences are written for these tests in the families found, not copied from the
measured files; each has a crisis twin with the same words that must still alert.
"""

import pytest

from apps.safety.services import crisis_reading

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a death wish about a recurring chore, marked lol",
        "the stocktake was chaos, I want to die every stocktake lol. pizza after",
        "I want to die every day lol. I've saved up my pills",
    ),
    (
        "kill myself if I have to sit through a chore, lmao",
        "gonna kill myself if i have to sit through one more budget meeting lmao",
        "gonna kill myself if i have to go on like this, i have the rope",
    ),
    (
        "a spreadsheet that makes me want to jump off a cliff, lmao",
        "this rota makes me want to jump off a cliff lmao anyway sorted now",
        "everything makes me want to jump off a bridge and tonight I will",
    ),
    (
        "sleep until a date, lol",
        "just want to sleep and not wake up until it's 2031 lol, four exams this week",
        "just want to sleep and not wake up, I'm so tired of all of it",
    ),
    (
        "tired of existing in the heat",
        "so tired of existing in this heat, 39 degrees again, cold shower",
        "so tired of existing, I don't want to be here anymore",
    ),
    (
        "Spanish hyperbole with a laugh right after it",
        "perdió mi equipo otra vez, me quiero morir jajaja. mañana trabajo",
        "me quiero morir, no es broma, ya no aguanto más",
    ),
    (
        "Spanish: dying of a hangover",
        "anoche salimos y hoy tengo una resaca que me quiero morir",
        "hoy tengo ganas de morirme, ya no quiero vivir",
    ),
    (
        "Spanish: legs gone after a spin class",
        "la clase de spinning estuvo durísima, ya no siento las piernas",
        "de repente no siento las piernas ni el brazo y se me tuerce la boca",
    ),
    (
        "Spanish: nearly fainting at a blood draw",
        "hoy me sacaron sangre y casi me desmayo, la enfermera me dio un jugo",
        "me desmayé dos veces hoy y me duele el pecho",
    ),
    (
        "goodbyes before a move",
        "saying my goodbyes this week before the move to Madrid, lunch with Ana",
        "saying my goodbyes this week to everyone, I won't be here after Sunday",
    ),
    (
        "goodbyes at work before a new job",
        "been saying my goodbyes at work all week, last day friday then new job in York",
        "been saying my goodbyes to my family all week, I've decided it ends friday",
    ),
    (
        "clearing a desk and saying goodbye to everyone",
        "cleared out my desk at the old office, said goodbye to everyone, new job Monday",
        "said goodbye to everyone today and gave away my things, it's time",
    ),
    (
        "a goodbye post on a work network",
        "goodbye post on LinkedIn done, 15 years at the bank",
        "wrote my goodbye post tonight, scheduled it for after I'm gone",
    ),
    (
        "a goodbye note to the study team",
        "wrote a goodbye note to the study team thanking them, follow-up in 4 weeks",
        "wrote a goodbye note to my kids and put it under my pillow",
    ),
    (
        "a goodbye letter to my old self as a therapy exercise",
        "wrote a goodbye letter to my old self like my therapist suggested, I'm in a good place",
        "wrote a goodbye letter and left it where they will find it",
    ),
    (
        "Spanish: a farewell letter to a dead father as an exercise",
        "la psicóloga me hizo escribir una carta de despedida a mi papá que murió, lloré mucho",
        "escribí una carta de despedida para mis hijos, ya está todo listo",
    ),
    (
        "the last entry for a while, before a holiday",
        "this might be my last entry for a while, we go to Wales without wifi",
        "this is my last entry. goodbye everyone, thank you for trying",
    ),
    (
        "the anniversary of a past attempt",
        "anniversary of my suicide attempt today, twelve years, we had cake",
        "on the anniversary of my suicide attempt I want to kill myself again",
    ),
    (
        "Spanish: an attempt years ago, told on its anniversary",
        "hace 8 años intenté suicidarme y hoy fuimos a caminar para celebrar que sigo aquí",
        "ayer intenté suicidarme y hoy sigo pensando en hacerlo",
    ),
    (
        "Spanish: therapy about thoughts from two years ago",
        "en terapia hablamos de los pensamientos suicidas que tuve hace dos años",
        "tengo pensamientos suicidas todos los días",
    ),
    (
        "therapy about an old attempt",
        "therapy session was about my old suicide attempt again, I'm safe",
        "I made a suicide attempt last night and I'm scared",
    ),
    (
        "a screening question answered no",
        "the nurse asked me the standard questions about self harm and I said no, which is true",
        "the nurse asked me about self harm and I said yes, I cut myself on purpose last night",
    ),
    (
        "a relative in hospital after an overdose, handled",
        "sister is in hospital after an overdose, she's stable, we have her kids",
        "I took an overdose an hour ago",
    ),
    (
        "Spanish: a patient at work after an attempt",
        "en el trabajo tuvimos un paciente que llegó tras un intento de suicidio, lo estabilizamos",
        "anoche hice un intento de suicidio con pastillas",
    ),
    (
        "a whole box of sweets",
        "first day off, ate a whole box of chocolates in my pyjamas",
        "took a whole box of paracetamol an hour ago",
    ),
    (
        "a mosquito bite scratched till it bled",
        "scratched a mosquito bite till it bled, antihistamine helps",
        "scratched my arm till it bled on purpose, I wanted it to hurt",
    ),
    (
        "painless ways to remove a splinter",
        "googled painless ways to remove a splinter then used tweezers",
        "googled painless ways to kill myself tonight",
    ),
    (
        "an oven burn in Spanish",
        "me quemé el brazo con el horno sacando el pan, me puse aloe",
        "me quemé el brazo con un cigarro a propósito otra vez",
    ),
    (
        "chest pain that was indigestion",
        "on shift only one chest pain that was indigestion",
        "crushing chest pain going into my jaw and I'm sweating",
    ),
    (
        "Spanish: a chest aching with grief",
        "se murió mi perro, me duele mucho el pecho de tristeza",
        "me duele mucho el pecho y el brazo izquierdo, no puedo respirar",
    ),
    (
        "fainting after giving blood",
        "gave blood, ate the biscuits, fainted a tiny bit in the car park",
        "I fainted twice today and my chest hurts",
    ),
    (
        "a despairing line said out loud in a shop, laughed at",
        'I said "I can\'t do this anymore" out loud in the middle of the shop, we both laughed',
        "I can't do this anymore. I'm done",
    ),
    (
        "Spanish: can't stand the heat",
        "ya no aguanto este calor, 44 grados, me escondo en la biblioteca",
        "ya no aguanto más, quiero desaparecer para siempre",
    ),
    (
        "everything to stop for a minute",
        "just want everything to stop for a minute, then the dog walk in the fog",
        "I just want everything to stop. forever. I'm done",
    ),
]


@pytest.mark.parametrize(("family", "ordinary", "crisis"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_a_round8_false_alarm_family_stays_quiet_and_its_crisis_twin_still_alerts(
    family, ordinary, crisis
):
    quiet = crisis_reading(ordinary)
    assert not quiet.flagged, [(m.rule, m.matched, m.severity) for m in quiet.matches]
    assert crisis_reading(crisis).flagged, crisis


def test_a_bare_death_wish_marked_lol_still_alerts():
    assert crisis_reading("i want to die lol").flagged
    assert crisis_reading("I want to die every morning lol").flagged


def test_a_spanish_hyperbole_followed_by_not_joking_still_alerts():
    assert crisis_reading("me quiero morir jaja no, en serio, ya no puedo").flagged


def test_id_rather_be_dead_than_an_audit_is_quiet_unless_the_writer_takes_the_joke_back():
    # The training pool holds this sentence both as a joke and as the start of a
    # crisis. Until stop 32 the words alone could not tell them apart, so both alerted;
    # the crisis twin says so in its next sentence, which now undoes the idiom.
    assert not crisis_reading("id rather be dead than do another audit").flagged
    assert crisis_reading(
        "i always joke that id rather be dead than do another audit. "
        "today it didnt feel like a joke."
    ).flagged


def test_a_burn_with_a_kitchen_tool_on_purpose_or_on_the_wrist_still_alerts():
    # The first version of the oven idiom hid these two crises in the training pool.
    assert crisis_reading("me quemé la muñeca con la tetera a propósito").flagged
    assert crisis_reading("me quemé el brazo con la sartén a propósito, otra vez").flagged


def test_a_long_laugh_marks_an_angry_quip_as_a_joke_but_not_joking_still_alerts():
    quip = "voy a matar a mi hermana si me vuelve a robar la ropa jajaja"
    assert not crisis_reading(quip).flagged
    assert crisis_reading("voy a matar a mi hermana, no es broma, ya tengo el cuchillo").flagged
