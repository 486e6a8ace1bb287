"""Filters that turn stored safety data into words people read."""

import math

from django import template

from apps.safety.detectors.language import SPANISH, guess_language
from apps.safety.profile_words import change_lines
from apps.safety.source_words import source_words as _source_words

register = template.Library()


@register.filter
def profile_change_lines(changes):
    """{% for line in change.changes|profile_change_lines %}: see apps/safety/profile_words.py."""
    return change_lines(changes or {})


@register.filter
def source_words(text):
    """{{ component.source|source_words }}: see apps/safety/source_words.py."""
    return _source_words(text)


@register.filter
def written_in(text):
    """{{ checkin.journal|written_in }}: "written in Spanish" when the entry's
    common words are Spanish (apps/safety/detectors/language.py), so a
    clinician reading an English page knows which language the matched words
    are in; empty for English or an undecided entry."""
    return "written in Spanish" if guess_language(text or "") == SPANISH else ""


@register.filter
def score_words(value) -> str:
    """A score from 0 to 1 as a person reads it: four places; under 0.001, to its first two
    figures ("0.00012", "0.000000021"), so it can be read against a threshold that small;
    "over 0.9999" at the top (never 1.0000, which would claim certainty) and "under 0.0001"
    for a score kept only to four places that rounded to 0."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return ""
    if value >= 0.99995:
        return "over 0.9999"
    if value >= 0.001:
        return f"{value:.4f}"
    if value <= 0:
        return "under 0.0001"
    if value < _SCIENTIFIC_BELOW:
        return _scientific(value, figures=2)
    places = 1 - math.floor(math.log10(value))
    return f"{value:.{places}f}"


@register.filter
def threshold_words(value) -> str:
    """A threshold from 0 to 1: to four places; under 0.001, to its first two figures
    ("0.00014", not "0.0001", which would read as a different threshold); under one in a
    million, to its first figure, as a lab writes it ("7 × 10⁻⁸")."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return ""
    if value >= 0.001 or value <= 0:
        return f"{value:.4f}".rstrip("0").rstrip(".") if value < 1 else "1"
    if value < _SCIENTIFIC_BELOW:
        return _scientific(value, figures=1)
    places = 1 - math.floor(math.log10(value))
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


# Below one in a million a decimal is a row of zeros nobody can count ("0.0000000000000047"
# since stop 38's thresholds): written as a lab report writes it, "4.7 × 10⁻¹⁵".
_SCIENTIFIC_BELOW = 0.000001
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _scientific(value: float, *, figures: int) -> str:
    exponent = math.floor(math.log10(value))
    mantissa = round(value / 10**exponent, figures - 1)
    if mantissa >= 10:  # 9.96e-8 rounds up to 1.0e-7
        mantissa, exponent = mantissa / 10, exponent + 1
    digits = f"{mantissa:.{figures - 1}f}" if figures > 1 else f"{mantissa:.0f}"
    return f"{digits} × 10{str(exponent).translate(_SUPERSCRIPT)}"
