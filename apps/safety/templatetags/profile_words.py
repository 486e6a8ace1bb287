from django import template

from apps.safety.profile_words import change_lines

register = template.Library()


@register.filter
def profile_change_lines(changes):
    """{% for line in change.changes|profile_change_lines %}: see apps/safety/profile_words.py."""
    return change_lines(changes or {})
