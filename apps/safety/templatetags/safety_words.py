"""Filters that turn stored safety data into words people read."""

from django import template

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
