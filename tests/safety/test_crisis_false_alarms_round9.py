"""The rules' false alarms on wording they had never seen, by family (issue 17, round 9).

Measured on the new round9 training files and on tests/data/rules-hard-negatives-round9.tsv
before anything was tuned on them. Each family is fixed by a general mechanism in
apps/safety/detectors/crisis.py or a cue in fixtures/crisis_lexicon.yaml, not by quoting a
sentence. The ordinary entries here are written for these tests; each has a crisis twin
with the same words that must still alert.
"""

import pytest

from apps.safety.services import crisis_reading

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a screening question listed after a comma, answered no",
        "the nurse ran through the usual questions, any thoughts of suicide, any plans, "
        "and I said not in years",
        "the nurse ran through the usual questions, any thoughts of suicide, any plans, "
        "and I said yes, every night",
    ),
    (
        "the questions named as such, answered no to all of them",
        "my GP went through the questions about wanting to hurt myself, nope to all of them",
        "my GP went through the questions about wanting to hurt myself, I said no but the "
        "urges are there every night",
    ),
    (
        "a Spanish screening question answered no",
        "el psiquiatra me preguntó ayer si tengo ideas de suicidio y le dije que no, nunca",
        "el psiquiatra me preguntó ayer si tengo ideas de suicidio y le dije que sí",
    ),
    (
        "a Spanish screening question in a mixed entry, answered no",
        "la doctora me pregunto hoy si tengo thoughts of hurting myself y le dije q no",
        "la doctora me pregunto hoy si tengo thoughts of hurting myself y le dije q si",
    ),
    (
        "a burn told as an accident with a kitchen tool",
        "accidentally burned my forearm on the baking tray getting the bread out",
        "burned my forearm on the baking tray on purpose, it was the only thing that helped",
    ),
    (
        "a cut from a work tool at a task",
        "ugh, cut myself with the box cutter opening boxes at the warehouse, one plaster",
        "cut myself with the box cutter opening boxes and then kept cutting my arm to feel "
        "something",
    ),
    (
        "a Spanish cut told as an accident",
        "me corté el brazo con la mandolina sin querer, qué torpe",
        "me corté el brazo con la mandolina a propósito para sentir algo",
    ),
    (
        "a past wish to die dated by a season, and a good day today",
        "Three winters ago I thought about ending it, the group helped, today was a calm day.",
        "Three winters ago I thought about ending it and today I thought about it again.",
    ),
    (
        "past self-harm noticed today, scars faded",
        "i used to self harm in sixth form, today i noticed the scars are nearly gone",
        "i used to self harm in sixth form, today i noticed i had started again",
    ),
    (
        "old self-harm scars seen in the mirror",
        "Saw my old self harm scars in the changing room mirror and felt fond of that kid.",
        "Saw my old self harm scars in the mirror and cut next to them tonight.",
    ),
    (
        "a milestone of hundreds of days since the last self-harm",
        "It's 200 days since I last self-harmed, my sister baked a cake.",
        "It was 200 days since I last self-harmed and last night I did it again.",
    ),
    (
        "a Spanish past overdose, celebrated today",
        "Hace doce años tomé muchas pastillas, hoy celebro que estoy aquí con mis hijos.",
        "Hace doce años tomé muchas pastillas y anoche volví a tomar muchas pastillas.",
    ),
    (
        "Spanish: a thing that 'killed me' (wore me out)",
        "Me mató el parcial de química, mañana descanso.",
        "Me mato el viernes, ya tengo todo listo.",
    ),
    (
        "Spanish: a near miss on a bike or in the sea",
        "Casi me mato con la moto en la curva del puente, solo un raspón.",
        "Casi me mato anoche con las pastillas, y hoy lo quiero volver a intentar.",
    ),
    (
        "sleep until a named day",
        "I want to go to sleep and not wake up until Sunday, what a week.",
        "I want to go to sleep and not wake up until it's all over.",
    ),
    (
        "Spanish: sleep until a named day",
        "quisiera dormirme y no despertar hasta el domingo, qué semana",
        "quiero dormirme y no despertar nunca más",
    ),
    (
        "farewell notes to a class or team",
        "Wrote farewell notes to the whole team at the shop, last day Friday.",
        "Wrote farewell notes to my kids and my wife tonight.",
    ),
    (
        "learning the signs of an overdose",
        "Naloxone training at the pharmacy, we learned how to spot an overdose.",
        "Naloxone training last year, tonight I took an overdose of my pills.",
    ),
    (
        "bleach put on a surface",
        "Put down bleach on the bathroom tiles this morning, windows open.",
        "I'm going to down the bleach under the sink tonight.",
    ),
    (
        "Spanish: a bite scratched till it bled",
        "me rasqué hasta sangrar las picaduras de los tobillos, qué tonta",
        "me rasqué los brazos hasta sangrar otra vez, no podía parar",
    ),
    (
        "nearly fainting in a hard class",
        "Hot yoga was brutal, thought I was going to pass out, drank water and felt fine.",
        "Spin class is over but I keep fainting and my chest hurts now.",
    ),
    (
        "a dead relative's words told as a dream",
        "Dreamt my late grandad was in the garden and he told me to stop fretting, "
        "woke up smiling.",
        "my dead grandad talks to me through the radio, not in a dream, he tells me which "
        "neighbours are spying on me",
    ),
    (
        "a suicide note found in a story",
        "Watching a show where the lawyer finds a suicide note in episode two, so tense.",
        "Watching a show where the lawyer finds a suicide note, and I wrote my suicide "
        "note tonight.",
    ),
    (
        "a past feeling of being a burden, and feeling better now",
        "I used to feel like a burden at home, now I feel loved and part of things.",
        "I used to feel like a burden at home, now I feel more like a burden than ever.",
    ),
]


@pytest.mark.parametrize(("family", "ordinary", "crisis"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_a_round9_false_alarm_family_stays_quiet_and_its_crisis_twin_still_alerts(
    family, ordinary, crisis
):
    quiet = crisis_reading(ordinary)
    assert not quiet.flagged, [(m.rule, m.matched, m.severity) for m in quiet.matches]
    assert crisis_reading(crisis).flagged, crisis


def test_a_no_to_a_screening_question_that_the_patient_says_was_a_lie_still_alerts():
    assert crisis_reading(
        "La enfermera me preguntó si pensaba en quitarme la vida y le dije que no. Mentí."
    ).flagged
    assert crisis_reading(
        "she asked the usual questions, any thoughts of suicide, and I said no. I lied."
    ).flagged


def test_a_question_about_something_else_does_not_hide_what_follows():
    # "me preguntó por qué" asks why, not about a crisis: no denial of what follows.
    assert crisis_reading(
        "Mi hermana me preguntó por qué estaba tan tranquila y le dije que no sé, "
        "pero ya tengo las pastillas juntas para esta noche"
    ).flagged


def test_a_present_crisis_after_a_screening_answered_no_still_alerts():
    assert crisis_reading(
        "she asked the usual questions, any thoughts of suicide, I said no. "
        "Tonight I am going to take all my pills."
    ).flagged


def test_an_injury_held_to_the_heat_or_told_as_a_slip_is_no_accident():
    assert crisis_reading("held my arm on the stove until it blistered").flagged
    assert crisis_reading("I slipped and cut my arm again last night").flagged


def test_a_story_that_makes_the_writer_want_the_same_still_alerts():
    assert crisis_reading(
        "Watched a film where the girl cuts herself and it made me want to cut myself."
    ).flagged


# Stop 27: families of the rules' false alarms on the earlier held-out sets, trained on
# since round9-holdout took over the honest measurement. Written here in other words.
STOP_27 = [
    (
        "past thoughts with a present that says they are over",
        "back in college I used to think about suicide most weeks, these days I'm really fine",
        "back in college I used to think about suicide most weeks, these days I think about "
        "it again",
    ),
    (
        "a past overdose retold to a therapist today",
        "when I was 22 I overdosed on my mum's pills, telling the group that story this "
        "morning felt like a weight off",
        "when I was 22 I overdosed on my mum's pills, telling the group that story this "
        "morning, and last night I overdosed again",
    ),
    (
        "a stranger's insult",
        "a customer on the phone told me to go kill myself because his parcel was late, the usual",
        "a customer on the phone told me to go kill myself and honestly maybe he's right",
    ),
    (
        "a relative whose dementia means she sometimes does not know the writer",
        "mi tía ya no me reconoce a veces, la visité hoy y le llevé flores",
        "mi tía hoy no me reconoce, está caliente y dice que estamos en 1990",
    ),
    (
        "an inner voice saying nobody would mind if the writer stopped, and the writer agrees",
        "the voice in my head says nobody would mind if I stopped going to choir, but I go",
        "the voice in my head says nobody would mind if I stopped, and tonight I agree with it",
    ),
    (
        "a leap told as a simile with its good sense",
        "handing in my notice felt like jumping off a cliff, but in the best way",
        "handing in my notice and then jumping off a cliff, that's the plan",
    ),
    (
        "a hangover's want to die",
        "too hungover i want to die, never mixing wine and gin again",
        "hungover and alone again and i want to die, never mixing wine and gin again",
    ),
    (
        "a seizure the writer calls one of their usual ones, over",
        "one of my typical absence seizures in the queue, over in seconds, logged it",
        "one of my typical seizures in the queue but it won't stop, my husband is timing it",
    ),
    (
        "a moment of not knowing where one was on waking",
        "napped on the train and for a moment didn't know where i was, then saw my stop",
        "napped on the train and didn't know where i was or who i was for an hour",
    ),
]


@pytest.mark.parametrize(("family", "ordinary", "crisis"), STOP_27, ids=[f[0] for f in STOP_27])
def test_stop_27_families_stay_quiet_and_their_crisis_twins_alert(family, ordinary, crisis):
    assert not crisis_reading(ordinary).flagged, family
    assert crisis_reading(crisis).flagged, family
