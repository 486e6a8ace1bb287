"""The trial's parts of pages other apps own: the check-in's code and guess
(trials/_checkin.html) and the alert page's note (trials/_alert_note.html).
Through tags, so those apps' views pass nothing new."""

from django import template

from apps.clinics import access
from apps.protocols.selectors import clinic_today

from ..forms import UnblindForm
from ..models import TrialState
from ..selectors import checkin_part, latest_trial, trial_for_checkin

register = template.Library()


@register.simple_tag(takes_context=True)
def trial_checkin(context, day):
    """The signed-in patient's trial part for `day` (protocols.selectors.
    plan_for_day's dict), or None. No query at all without a plan."""
    request = context.get("request")
    if request is None or not day or not day.get("plan_id"):
        return None
    trial = trial_for_checkin(
        plan_id=day["plan_id"], patient=request.user, local_date=day["local_date"]
    )
    if trial is None:
        return None
    if trial.state_on(day["local_date"]) == TrialState.RUNNING:
        return checkin_part(trial=trial, local_date=day["local_date"])
    # Ended lately: the check-in points to the result (the allocation is open now).
    return {"trial": trial, "ended": True}


@register.simple_tag(takes_context=True)
def trial_alert_note(context, alert):
    """For the alert page: whether the patient is in a blinded trial that is
    still blind, and whether the viewer may unblind it (the care team)."""
    request = context.get("request")
    trial = latest_trial(patient=alert.patient)
    if trial is None or request is None:
        return None
    today = clinic_today(trial.clinic)
    state = trial.state_on(today)
    if state not in (TrialState.RUNNING, TrialState.SET_UP):
        return None
    return {
        "trial": trial,
        "running": state == TrialState.RUNNING,
        "may_unblind": access.is_care_team(request.user, alert.patient),
        "form": UnblindForm(),
    }
