"""Filters that turn stored safety data into words people read."""

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
