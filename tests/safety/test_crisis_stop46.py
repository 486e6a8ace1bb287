"""What the rules read at stop 46 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 46's first
entry, from round38-train-rules-fa-g), each family with an ordinary twin that must stay quiet.

False alarms: breathing "through the nose" in Spanish is a cold's ("no puedo respirar por la
nariz"); "OD'd on" a genre or a series is a figure of speech; a threat said over a game's voice
chat is the game's, unless the entry says it is meant.

Misses: a harm kept in mind past a few words ("I keep thinking about going back tomorrow and
really hurting him"), someone waited for with a weapon, and a gun kept close "not for
protection" (never when the entry says what it is for instead).

The entries here are written for these tests, not copied from the training files.
"""

from .twins import twin_test

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
