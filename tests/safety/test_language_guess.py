"""The entry's language, guessed from common words (detectors/language.py):
what decides whether the crisis page opens in Spanish."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.safety.detectors.language import guess_language


@pytest.mark.parametrize(
    "text",
    [
        "ya no aguanto, quiero desaparecer para siempre",
        "quiero morirme",
        "Tomé 1.5 en vez de 0.15",
        "¿Para qué seguir?",
        "ESTOY MUY CANSADA DE TODO",
        "Hoy fue un día normal, cené con mi familia. Tired though.",
    ],
)
def test_spanish_entries_are_read_as_spanish(text):
    assert guess_language(text) == "es"


@pytest.mark.parametrize(
    "text",
    [
        "I have the pills ready and I plan to take them all tonight",
        "Walked by the river. Felt better after lunch.",
        "can't keep doing this",
        "Went to la playa with my sister, it was nice",
    ],
)
def test_english_entries_are_read_as_english(text):
    assert guess_language(text) == "en"


@pytest.mark.parametrize("text", ["", "ok", "no SI lol", "5/10", "me", "😔"])
def test_too_little_to_tell_is_no_answer(text):
    assert guess_language(text) is None


@given(st.text())
def test_any_text_gets_an_answer_without_crashing(text):
    assert guess_language(text) in {"es", "en", None}
