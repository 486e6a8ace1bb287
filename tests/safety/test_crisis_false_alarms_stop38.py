"""Two of the rules' false alarms that were the rules disagreeing with themselves (issue 17,
stop 38; apps/safety/semantic/SHIP_RULES.md, stop 38's fifth entry).

Found among the rules' false alarms on the round24 and round25 training files (written by
helpers who opened nothing). The entries here are written for these tests, not copied from
the files; each ordinary entry has a crisis twin with the same words that must still alert.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a Spanish farewell letter with the writer's own everyday reason, as in English",
        "Escribí una carta de despedida a mis compañeros porque me jubilo el viernes.",
        "Escribí una carta de despedida a mis compañeros. El viernes ya no voy a estar.",
    ),
    (
        "Spanish gifts before the writer's own move",
        "Estoy regalando mis cosas a los vecinos porque me mudo a Valencia en enero.",
        "Estoy regalando mis cosas a los vecinos. Dije que me mudo, pero no me mudo.",
    ),
    (
        "a denial, and a next sentence whose 'still' is about something else",
        "No thoughts of hurting myself this week. Sleep still patchy but the routine helps.",
        "No thoughts of hurting myself this week. No, still there some nights, honestly.",
    ),
    (
        "an English goodbye text with the writer's own move, as a goodbye letter (eighth entry)",
        "Sent a goodbye text to the old running club because I'm moving to Glasgow next week.",
        "Sent a goodbye text to the old running club. They don't know what it means.",
    ),
    (
        "a denial that names a list denies each item (sixth entry)",
        "I don't have any thoughts of death or self harm. The nurse asked me to write it.",
        "I don't have any thoughts of death, but self harm is all I think about tonight.",
    ),
    (
        "a denial listed with commas, in a clinician's note style",
        "Denies thoughts of death, self harm or suicide. Sleeping better.",
        "Denies thoughts of death. Self harm last night, burned my arm.",
    ),
]


test_the_ordinary_entry_stays_quiet_and_its_crisis_twin_alerts = twin_test(FAMILIES)


@pytest.mark.parametrize(
    "text",
    [
        # A farewell to one's own family is never explained away by a move or a new job.
        "Les escribí cartas de despedida a mis hijos, están en el cajón. Me mudo en enero.",
        "Me estoy despidiendo de mi familia. Me cambian de sucursal, dicen.",
        # A turn that opens the next sentence, or follows a one-word answer, still takes a
        # denial back.
        "No thoughts of self-harm. But the urges are there.",
        "No thoughts of self-harm. No, but the urges are still there.",
        # A list is no denial across "but", nor when it is not a list of what is denied.
        "I have no thoughts of anything but dying or hurting myself.",
        "No plans this weekend, or maybe I'll kill myself.",
        "no tengo pensamientos de hacerme dano tercera noche sin dormir y ni cansado estoy, "
        "voy a comprar el edificio",
    ],
)
def test_what_the_change_must_not_quiet_still_alerts(text):
    assert crisis_reading(text).flagged
