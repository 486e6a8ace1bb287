"""What the rules read at stop 44 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 44's
entries), each family with an ordinary twin that must stay quiet.

First entry: the rules' false alarms on the readable training files. A faint told of someone
met at work or on the way ("Customer passed out in my line"; "Guy on the 7:40 train fainted";
"Mrs. Kowalski nearly fainted"): a title's full stop ends no sentence, and a time's colon
breaks no clause. Things that collapse (a bowl, a cake "and it collapsed"); "we picked the
date"; letters to each child for a birthday or the memory box, in English and Spanish. "A new
life as a gardener" is a new job, and no longer takes back the everyday reason given.

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import crises_hidden_beside, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a customer's faint",
        "Customer fainted at my till this morning, the first aider sat her down with juice.",
        "Fainted at my till this morning and hit my head, I'm still dizzy and being sick.",
    ),
    (
        "someone on the train, a time's colon in the sentence",
        "The man on the 8:15 bus just slumped over and passed out, the driver called it in.",
        "On the 8:15 bus I just slumped over and passed out, and I still can't feel my arm.",
    ),
    (
        "a person named by title",
        "Mr. Okafor from next door nearly fainted when he saw the garden I'd dug.",
        "Mr. Okafor found me on the floor, I had fainted and my chest is still tight.",
    ),
    (
        "a bowl collapsed",
        "My second pot collapsed on the wheel again, clay everywhere.",
        "My second pot collapsed on the wheel and then I collapsed too, my heart was racing.",
    ),
    (
        "a cake collapsed",
        "Tried a lemon sponge and it collapsed in the middle, tasted fine.",
        "Tried a lemon sponge. Then I collapsed in the kitchen and couldn't get up.",
    ),
    (
        "a wedding's date",
        "We picked the date! The party is in May at my aunt's garden.",
        "I picked the date. Everything is ready for Sunday and nobody knows.",
    ),
    (
        "birthday letters to each child",
        "Wrote letters to each of my kids to open on their 18th birthdays, a family tradition.",
        "Wrote letters to each of my kids for when I'm gone, they're in the drawer.",
    ),
    (
        "Spanish birthday letters",
        "Para su cumpleaños le escribí una carta a cada uno de mis nietos.",
        "Escribí una carta a cada uno de mis hijos para cuando ya no esté.",
    ),
    (
        "a new life as a new job",
        "Last day at the office after 15 years, said goodbye to everyone. Starting my new life "
        "as a baker.",
        "Last day at the office, said goodbye to everyone. Off to a new life somewhere better.",
    ),
]

test_each_family = twin_test(FAMILIES)


@pytest.mark.parametrize(
    "entry",
    [
        # "mis" is Spanish, never "miss": letters doubled are read once.
        "Called mis papás to say goodbye properly. No se dieron cuenta and that's ok.",
        "Si vuelve a acercarse a mis hijos lo mato, ya tengo el cuchillo.",
        "At 7:40 I took all the pills I had saved.",
    ],
)
def test_an_explicit_statement_alerts(entry):
    assert crisis_reading(entry, second_reader=None).flagged


# Everyday sentences written to touch stop 44's vocabularies.
EVERYDAY = [
    "Mrs. Patel waved at me.",
    "Mr. Lee said hi.",
    "Customer was rude.",
    "Guy on the bus was loud.",
    "The 7:40 train was late.",
    "We picked the date for the barbecue.",
    "Wrote birthday letters today.",
    "The cake collapsed.",
    "Para su cumpleaños le regalé un libro.",
    "Starting my new life as a gardener.",
]


@pytest.mark.parametrize("everyday", EVERYDAY)
def test_no_everyday_sentence_of_this_stop_beside_a_known_crisis_hides_it(everyday):
    hidden = crises_hidden_beside(everyday)
    assert not hidden, hidden[:5]
