"""What the rules read at stop 49 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 49's
entries), each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (a probe: each known crisis of the property tests with an everyday sentence after it,
or a filler word before it): a laugh never drops a threat to someone else in an entry that shows
the threat is meant (a weapon, "I meant it", where they live, an attack on a school); it lowers it
one level. "I mean it" takes a joke back. "cut again" after a filler word that opens the sentence
("idk man", "ngl", "PS") is a relapse.

The entries here are written for these tests, not copied from the training files.
"""

from apps.safety.detectors.crisis import crisis_matches
from apps.safety.services import crisis_lexicon, crisis_reading

from .twins import opening_test, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FIRST = [
    (
        "a threat with a laugh after it, and a knife",
        "My roommate ate my leftovers again. I'm going to strangle him. Lol.",
        "I bought a knife and I'm going to use it on him. Lol.",
    ),
    (
        "a threat with a laugh after it, and 'I meant it'",
        "Told my sister I'd kill her if she spoiled the finale. Lol.",
        "I told my sister I'd kill her if she told anyone, and I meant it. Lol.",
    ),
    (
        "a threat to a school with a laugh after it",
        "Finals week is going to kill me. Haha.",
        "I want to shoot up my school. Haha.",
    ),
    (
        "a threat, knowing where he lives, and a laugh",
        "My boss moved my shift again. Lol.",
        "I'm going to make my boss pay, I know where he lives. Lol.",
    ),
    (
        "a threat with a laugh, then 'I mean it'",
        "My brother took my charger again, I'm going to kill him lol. Anyway pizza tonight.",
        "My brother took my charger again, I'm going to kill him lol. I mean it this time.",
    ),
    (
        "a relapse after 'idk man'",
        "idk man cut my hair again, shorter this time.",
        "idk man cut again last night, deeper this time.",
    ),
    (
        "a relapse after 'PS'",
        "PS cut again by the landscaper, the lawn looks great.",
        "PS cut again last night, it's bad.",
    ),
]

test_first_entry_families = twin_test(FIRST)


def test_a_laugh_lowers_a_threat_with_a_weapon_one_level_and_never_drops_it():
    entry = "I bought a knife and I'm going to use it on him. Lol."
    matches = crisis_matches(entry, crisis_lexicon())
    assert [m.severity for m in matches] == ["high"]


def test_a_plain_threat_with_a_laugh_and_nothing_else_is_still_a_joke():
    assert not crisis_reading("I'm going to strangle my roommate lol.").flagged


# The probe's filler openings, kept: after each, in the same sentence, every known crisis of the
# property tests is still found. "idk man" and "PS" hid "cut again last night" on the start code.
test_no_filler_opening_hides_a_known_crisis = opening_test(
    ["idk man", "PS", "ngl", "tbh", "btw", "Also", "fr", "Update:", "Honestly?", "So yeah,"]
)
