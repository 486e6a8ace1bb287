"""{% screening_of as found %}: the patient's screening state (the one rule,
apps/safety/screening.py screening_state) and latest run, for
templates/safety/_flags.html wherever it is included: the patient page, the
health profile, the timeline and the alert page, whose views pass a patient
(or an alert) and sometimes the run."""

from types import SimpleNamespace

from django import template

from apps.safety.screening import latest_screening, screening_state_for

register = template.Library()


@register.simple_tag(takes_context=True)
def screening_of(context):
    patient = context.get("patient")
    if patient is None and context.get("alert") is not None:
        patient = context["alert"].patient
    if patient is None:
        return SimpleNamespace(state=None, run=None)
    run = context.get("screening") or latest_screening(patient=patient)
    return SimpleNamespace(state=screening_state_for(patient=patient, run=run), run=run)
