"""What the rules read at stop 50 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 50's
entries), each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (a probe: every Spanish crisis of the training files written again in texting
shorthand): the normaliser spells out "q"/"k" as "que", "xq" as "porque", "x" and "d" between words
as "por" and "de", "tb" as "tambien", "toy" as "estoy" where only the verb fits, "pa" as "para"
before what "para" takes and "bn" as "bien", so the rules, written in full words, read them; the
highlight still falls on the shorthand as written, and English is left alone ("vitamin d", "the
dog's toy", "2 x 500mg", "my pa").

The entries here are written for these tests, not copied from the training files.
"""

import re

import pytest

from apps.safety.detectors.normalize import normalize
from apps.safety.services import crisis_reading

from .twins import twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FIRST = [
    (
        "scratching until it bleeds, 'q' for 'que'",
        "me pica la picadura del mosquito, me rasco hasta q se me pasa jaja",
        "me rasguño los brazos hasta q sangran, no puedo parar",
    ),
    (
        "a seizure seen by someone, 'k' for 'que'",
        "mi esposo dice k ronco en la cama, q pena jaja",
        "mi esposo dice k convulsioné en la cama anoche y no me acuerdo d nada",
    ),
    (
        "a letter under the pillow, 'd' for 'de'",
        "dejé el cargador debajo d la almohada y no lo encontraba jaja",
        "dejé una carta pa mi mamá debajo d la almohada, pa q la lea cuando ya no esté",
    ),
    (
        "mania, 'x' for 'por'",
        "llevo dos noches durmiendo poco x el bebé, compré pañales x internet",
        "llevo cuatro noches sin dormir y compré un terreno x internet, soy millonario",
    ),
    (
        "burns, 'toy' for 'estoy'",
        "toy cocinando y me quemé un poquito con el aceite, nada grave",
        "me toy quemando con cigarros otra vez, en el brazo",
    ),
    (
        "a plan, 'pa' for 'para'",
        "guardé las pastillas del perro pa que no se le olviden a mi mamá",
        "guardé todas las pastillas pa cuando me decida, ya tengo 40",
    ),
]

test_first_entry_families = twin_test(FIRST)


@pytest.mark.parametrize(
    ("text", "short", "word"),
    [
        ("Me rasguño los brazos hasta q sangran.", "q", "que"),
        ("no toy bien hoy", "toy", "estoy"),
        ("pues xq si", "xq", "porque"),
        ("compré un terreno x internet", "x", "por"),
        ("tmb me duele", "tmb", "tambien"),
    ],
)
def test_a_shorthand_is_read_as_its_word_and_highlighted_as_written(text, short, word):
    normalized = normalize(text)
    found = re.search(rf"\b{word}\b", normalized.text)
    assert found is not None, normalized.text
    start, end = normalized.original_span(*found.span())
    assert text[start:end].lower() == short


@pytest.mark.parametrize(
    "text",
    [
        "vitamin d and zinc with breakfast",
        "the dog's toy is under the sofa",
        "took 2 x 500mg as prescribed",
        "my pa and I fixed the fence",
        "k thanks, see you tomorrow",
        "the company made 1 bn last year",
        "I got a d in chemistry",
    ],
)
def test_english_is_not_read_as_spanish_shorthand(text):
    spelled = normalize(text).text
    assert not re.search(r"\b(que|porque|por|de|estoy|para|bien|tambien)\b", spelled), spelled


def test_a_crisis_in_shorthand_alerts_the_same_day_as_in_full_words():
    full = "Le dije a mi prima que me quería morir. Esta noche estoy pensando en cómo hacerlo."
    short = "le dije a mi prima q me queria morir. esta noche toy pensando en como hacerlo"
    assert crisis_reading(full, second_reader=None).flagged
    assert crisis_reading(short, second_reader=None).flagged
