"""{{ alert|told }}: who an alert actually reached, from its deliveries
(apps/alerts/selectors.py told_names), in place of the escalation rung."""

from django import template

from apps.alerts.selectors import told_names

register = template.Library()


@register.filter
def told(alert) -> str:
    names = told_names(alert)
    if not names:
        return "not delivered to anyone yet"
    return "told " + ", ".join(names)
