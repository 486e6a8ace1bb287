"""What the rules read at stop 46 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 46's first
entry, from round38-train-rules-fa-g), each family with an ordinary twin that must stay quiet.

False alarms: breathing "through the nose" in Spanish is a cold's ("no puedo respirar por la
nariz"); "OD'd on" a genre or a series is a figure of speech; a threat said over a game's voice
chat is the game's, unless the entry says it is meant.

Second entry: breathlessness told inside a panic attack the entry says passed is the panic's
(cue panic_passed, read only around the words it holds: explained_within); the same words beside
that account, or with a red flag anywhere, still alert.

Misses: a harm kept in mind past a few words ("I keep thinking about going back tomorrow and
really hurting him"), someone waited for with a weapon, and a gun kept close "not for
protection" (never when the entry says what it is for instead).

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from .twins import crises_hidden_beside, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a cold's blocked nose in Spanish",
        "Estoy con gripa, no puedo respirar por la nariz y tengo la garganta rasposa. Té y cama.",
        "No puedo respirar y siento el pecho apretado desde hace una hora. Estoy sola en casa.",
    ),
    (
        "overdosed on a genre",
        "OD'd on true crime podcasts on the drive to my sister's, six hours of murders lol.",
        "OD'd on my sleeping tablets on the drive home, I'm in a lay-by and I can't stay awake.",
    ),
    (
        "a threat over a game's voice chat",
        "Scrims tonight. Told my duo over voice chat I'd kill him if he threw one more grenade "
        "at our feet. We won anyway.",
        "Told my duo over voice chat I'd kill him. I mean it, I've got his address from the "
        "tournament sign-up.",
    ),
    (
        "a harm kept in mind past a few words",
        "I keep thinking about the argument with my brother and how I should have said sorry.",
        "I keep thinking about driving over there tonight and really hurting my brother.",
    ),
    (
        "someone waited for with a weapon",
        "Waiting for my son after practice with a flask of cocoa, he's always frozen.",
        "I'm going to wait for my neighbour outside his gate tonight with a bat.",
    ),
    (
        "a gun kept close, not for protection",
        "Took the shotgun to the club on Saturday. It's not for protection, it's for clay "
        "shooting with my uncle.",
        "My grandfather's revolver lives in my car now. It's not for protection.",
    ),
]

test_each_family = twin_test(FAMILIES)


# Second entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
PANIC_PASSED = [
    (
        "breathlessness inside a panic attack that passed",
        "Panic attack at the checkout. Heart racing, couldn't get my breath, same as always. "
        "Did the 4-7-8 breathing in the car and it passed.",
        "Panic attack at the checkout, it passed. An hour later I couldn't get my breath again "
        "and it's still like that.",
    ),
    (
        "the same account with a red flag",
        "Tuve un ataque de pánico en el bus, no podía respirar, pero se me pasó en diez minutos.",
        "Tuve un ataque de pánico en el bus, no podía respirar y tenía los labios morados, se me "
        "pasó un poco.",
    ),
    (
        "breathlessness told before the panic attack is named",
        "Couldn't catch my breath on the platform, then I recognised it as an anxiety attack and "
        "it eased once I sat down.",
        "Couldn't catch my breath on the platform. I thought it was an anxiety attack but it "
        "isn't passing and my throat feels tight.",
    ),
]

test_each_panic_passed_family = twin_test(PANIC_PASSED)

EVERYDAY = [
    "Had a panic attack at the shop, couldn't breathe for a minute, but it passed.",
    "Tuve un ataque de pánico en el metro, no podía respirar, ya se me pasó.",
]


@pytest.mark.parametrize("everyday", EVERYDAY)
def test_no_panic_that_passed_beside_a_known_crisis_hides_it(everyday):
    hidden = crises_hidden_beside(everyday)
    assert not hidden, hidden[:5]
