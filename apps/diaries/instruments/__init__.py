"""Validated questionnaires: definitions and pure scoring (no Django).

`INSTRUMENTS` maps each slug to its definition; `score(slug, answers)` checks
the answers and returns a `Score`, or raises `InvalidAnswers` with a message
for the patient. Each module's docstring names the source of every fact.
"""

from .base import Band, Instrument, InvalidAnswers, Option, Score
from .change import clinically_meaningful, reliable_change
from .cssrs import CSSRS
from .gad import GAD2, GAD7
from .pcl5 import PCL5
from .phq import PHQ2, PHQ9

INSTRUMENTS = {i.slug: i for i in (PHQ9, PHQ2, GAD7, GAD2, PCL5, CSSRS)}


def get(slug: str):
    """The instrument, or InvalidAnswers for a slug that names none."""
    try:
        return INSTRUMENTS[slug]
    except (KeyError, TypeError):
        raise InvalidAnswers("There is no questionnaire with that name.") from None


def band(slug: str, key: str) -> Band | None:
    """A stored response's band, by its key; None for a key the instrument
    no longer has."""
    instrument = INSTRUMENTS.get(slug)
    return next((b for b in instrument.bands if b.key == key), None) if instrument else None


def score(slug: str, answers: dict) -> Score:
    if not isinstance(answers, dict):
        raise InvalidAnswers("The answers could not be read.")
    return get(slug).score(answers)


__all__ = [
    "INSTRUMENTS",
    "Band",
    "Instrument",
    "InvalidAnswers",
    "Option",
    "Score",
    "band",
    "clinically_meaningful",
    "get",
    "reliable_change",
    "score",
]
