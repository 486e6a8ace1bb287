"""What the rules read at stop 43 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 43's
entries), each family with an ordinary twin that must stay quiet.

Second entry: a screening question whose subject is told before a comma, answered no ("asked
the usual, if I have thoughts of suicide, and I could honestly say no"; "pude decir que no"); a
Spanish denial explained as sadness ("ni nada de eso, solo estoy triste"); a fall told before
"casi me mato". Safety fixes: an answer taken back ("I said no but honestly I do"; "pero la
verdad es que sí") and a near miss wished complete ("Ojalá lo hubiera hecho").

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import crises_hidden_beside, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a question told before a comma, answered no",
        "The nurse asked the usual, if I have thoughts of suicide, and I could honestly say no.",
        "The nurse asked the usual, if I have thoughts of suicide, and I said no but honestly I "
        "do.",
    ),
    (
        "a Spanish question told before a comma, answered no",
        "La enfermera me preguntó lo de siempre, si tengo ideas de suicidio, y pude decir que "
        "no con sinceridad.",
        "La enfermera me preguntó lo de siempre, si tengo ideas de suicidio, y no pude decir "
        "que no.",
    ),
    (
        "a Spanish denial explained as sadness",
        "No quiero suicidarme ni nada de eso, solo estoy triste porque se fue mi perro.",
        "No quiero suicidarme ni nada de eso, solo estoy triste. Pero ya tengo las pastillas "
        "guardadas.",
    ),
    (
        "a fall told before a near miss",
        "Se me fue el pie en la escalera del metro y casi me mato, pero solo me raspé el codo.",
        "Se me fue el pie en la escalera y casi me mato. Ojalá lo hubiera hecho.",
    ),
    (
        "an answer taken back in Spanish",
        "Me preguntó si tengo ideas de suicidio y le dije que no, y es verdad.",
        "Me preguntó si tengo ideas de suicidio y le dije que no, pero la verdad es que sí.",
    ),
]

test_each_family = twin_test(FAMILIES)


@pytest.mark.parametrize(
    "entry",
    [
        "The nurse asked about thoughts of suicide and I said no but honestly I do.",
        "I nearly killed myself on the bike today. I wish I had.",
        "Casi me mato con la bici. Ojalá me hubiera muerto.",
    ],
)
def test_an_explicit_statement_alerts(entry):
    assert crisis_reading(entry, second_reader=None).flagged


def test_a_no_followed_by_something_else_the_writer_does_have_stays_a_no():
    entry = "She asked if I've had thoughts of suicide, and I said no, but I do have a headache."
    assert not crisis_reading(entry, second_reader=None).flagged


# Everyday sentences written to touch stop 43's vocabularies (a fall, a sad day, a screening).
EVERYDAY = [
    "Se me fue el pie en la escalera.",
    "Solo estoy triste hoy.",
    "Ni nada de eso.",
    "La enfermera me preguntó lo de siempre.",
    "I could honestly say no to dessert.",
    "Pude decir que no al turno extra.",
]


@pytest.mark.parametrize("everyday", EVERYDAY)
def test_no_everyday_sentence_of_this_stop_beside_a_known_crisis_hides_it(everyday):
    hidden = crises_hidden_beside(everyday)
    assert not hidden, hidden[:5]
