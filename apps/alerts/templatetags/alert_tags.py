"""An alert's severity badge and its acknowledge / resolve forms, as tags.

They were template includes; a list of 20 alerts (the caseload's) spent
about 4 ms rendering them as sub-templates. Built here with format_html,
every value escaped, in the one place all alert pages take them from.
"""

from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html, format_html_join

from apps.alerts.models import AlertState

register = template.Library()

BADGE_CLASSES = {"critical": "danger", "high": "warning"}


@register.simple_tag
def alert_badge(alert):
    badge = format_html(
        '<span class="badge text-bg-{}">{}</span>',
        BADGE_CLASSES.get(alert.severity, "secondary"),
        alert.severity,
    )
    if alert.state == AlertState.FAILED:
        badge = format_html('{} <span class="badge text-bg-danger">delivery failed</span>', badge)
    return badge


@register.simple_tag(takes_context=True)
def alert_actions(context, alert):
    """Acknowledge (while open) and resolve (while open or acknowledged),
    each with a note, returning to the page they were sent from."""
    is_open = alert.is_open
    if not is_open and alert.state != AlertState.ACKNOWLEDGED:
        return ""
    request = context["request"]
    # One masked token for the page, as {% csrf_token %} took from the csrf
    # context processor: get_token() masks afresh on every call (32 random
    # characters), two forms a card.
    token = str(context.get("csrf_token") or get_token(request))
    forms = []
    if is_open:
        forms.append(
            _note_form(
                request,
                token,
                action=alert.acknowledge_url,
                field_id=f"ack-note-{alert.pk}",
                label="Acknowledgement note",
                placeholder="Note (optional)",
                button=("btn-primary", "Acknowledge"),
            )
        )
    forms.append(
        _note_form(
            request,
            token,
            action=alert.resolve_url,
            field_id=f"resolve-note-{alert.pk}",
            label="What was done",
            placeholder="What was done (required to resolve)",
            button=("btn-outline-secondary", "Resolve"),
        )
    )
    return format_html(
        '<div class="d-flex flex-wrap gap-2 mt-2">{}</div>',
        format_html_join("", "{}", ((form,) for form in forms)),
    )


def _note_form(request, token, *, action, field_id, label, placeholder, button):
    return format_html(
        '<form method="post" action="{}" class="d-flex gap-2 flex-grow-1">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}">'
        '<label class="visually-hidden" for="{}">{}</label>'
        '<input class="form-control form-control-sm" id="{}" name="note" maxlength="2000" '
        'placeholder="{}">'
        '<button class="btn btn-sm {}" type="submit">{}</button></form>',
        action,
        token,
        request.get_full_path(),
        field_id,
        label,
        field_id,
        placeholder,
        *button,
    )
