"""Three families of the rules' false alarms (issue 17, stop 39; apps/safety/semantic/
SHIP_RULES.md, stop 39's first entry): someone else named without "my", a screening
question written as asked and answered "No." as the next sentence, and a faint with an
everyday cause that passed. And a safety fix (sixth entry): a joke taken back is no joke.

Found among the rules' false alarms on round26-train-rules-fa (written by a helper who
opened nothing). The entries here are written for these tests, not copied from the file;
each ordinary entry has a crisis twin with the same words that must still alert.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a relative named without 'my' at the start of the sentence",
        "Uncle had a stroke on Sunday. They got him to hospital in time and he's talking.",
        "I had a stroke I think, my face is drooping and I can't lift my arm.",
    ),
    (
        "a cousin's overdose told without 'my'",
        "Cousin overdosed at a festival, the medics brought him round. He's home now.",
        "I overdosed at a festival, the medics brought me round. Took more when I got home.",
    ),
    (
        "a pet named without 'my'",
        "Dog had two seizures this afternoon, the vet upped his tablets. He's sleeping.",
        "I had two seizures this afternoon and I'm alone with the kids. Head is pounding.",
    ),
    (
        "a pet in Spanish",
        "El perro tuvo una convulsión anoche y lo llevamos al veterinario. Ya está mejor.",
        "Tuve una convulsión anoche y nadie me llevó al médico. Me duele mucho la cabeza.",
    ),
    (
        "a screening question written as asked, answered no as the next sentence",
        "The nurse did the checklist. Any thoughts of hurting anyone? No. Sleeping ok? Yes.",
        "The nurse did the checklist. Any thoughts of hurting anyone? No. Well, sometimes.",
    ),
    (
        "a reported question answered 'Said no.'",
        "She asked if I ever want to hurt my ex. Said no. I want him to pay the rent.",
        "She asked if I ever want to hurt my ex. Said no. I lied, I think about it daily.",
    ),
    (
        "a faint at the lab that passed",
        "Passed out at the lab this morning, vasovagal the nurse said. Fine after ten minutes.",
        "Passed out at the lab this morning and again at home, hit my head. Fine now.",
    ),
    (
        "a near faint in the heat that passed",
        "Nearly passed out in the heat at the market, sat in the shade with water. All good.",
        "Nearly passed out in the heat at the market, my heart is racing. All good, I think.",
    ),
    (
        "a near faint in the heat in Spanish",
        "Con este calor casi me desmayo en la parada, me senté a la sombra y se me pasó.",
        "Con este calor casi me desmayo en la parada, y ahora no puedo respirar bien.",
    ),
]


test_the_ordinary_entry_stays_quiet_and_its_crisis_twin_alerts = twin_test(FAMILIES)


@pytest.mark.parametrize(
    "text",
    [
        # A child's emergency, and Spanish words people call each other by, stay the
        # writer's: "son" and "tío" open no one else's clause.
        "son had a febrile seizure an hour ago and now he's hard to wake up",
        "tio es que ya no aguanto, esta semana subí a la azotea a mirar abajo tres veces",
        # The writer asking themself is not a screening question.
        "Any reason to keep going? No. I have the pills counted out.",
        # A question answered no and then taken back.
        "Any plans to hurt him? No. But I think about it every night.",
        # A faint with an everyday cause, and a dose taken before it.
        "Took my dose, then fainted in the heat at the bus stop. Fine now.",
        # A faint in the heat that has not passed.
        "I feel faint, it's too hot and it's not getting better.",
    ],
)
def test_what_the_change_must_not_quiet_still_alerts(text):
    assert crisis_reading(text).flagged


# Stop 39's sixth entry: a joke the writer takes back is no joke. Each of these was dropped
# (harm to others) or lowered as a joke before.
@pytest.mark.parametrize(
    "text",
    [
        "gonna kill my boss lol. not joking.",
        "im going to strangle my roommate. jk. not jk, he hit me again",
        "voy a matar a mi cuñado jaja. no es broma, ya no lo aguanto.",
        "going to punch my neighbour lol. I'm serious, he keeps coming to my door.",
    ],
)
def test_a_joke_taken_back_still_alerts(text):
    assert crisis_reading(text).flagged


def test_a_joke_left_standing_is_still_a_joke():
    assert not crisis_reading("gonna kill my brother for spoiling the finale lol").flagged
    assert not crisis_reading("Going to strangle my landlord lol. Jk, filing a complaint.").flagged


# Stop 39's tenth entry: a denial answered "No." as its own sentence, then taken back in the
# sentence after it, is no whole denial (the match stays, one level lower, as a turned
# denial always has). Each of these was dropped before.
@pytest.mark.parametrize(
    "text",
    [
        "Any thoughts of suicide? No. But some days I think about it.",
        "suicidal thoughts? no, but some days yes",
        "Thoughts of killing myself? No. Well, sometimes, late at night.",
    ],
)
def test_a_no_taken_back_in_the_next_sentence_still_alerts(text):
    assert crisis_reading(text).flagged


def test_a_no_left_standing_is_still_a_denial():
    assert not crisis_reading("Any thoughts of suicide? No. Slept well, walked the dog.").flagged


# Stop 39's eleventh entry: a passive wish denied and then taken back stays a same-day
# finding (it went to the digest, one level lower); "todavía" right after a word is "yet".
def test_a_passive_wish_taken_back_is_seen_the_same_day():
    reading = crisis_reading("Do I want to die? No. But some days yes.")
    assert reading.flagged and reading.severity == "high"


def test_a_next_question_or_todavia_as_yet_takes_nothing_back():
    assert not crisis_reading("Do I want to die? No. Do I want a nap? Absolutely.").flagged
    assert not crisis_reading("Any hearing voices? No. Any thoughts racing? Not really.").flagged
    assert not crisis_reading(
        "Voy a cumplir 80 y no me quiero morir todavía, quiero ver a mi bisnieta casarse."
    ).flagged
