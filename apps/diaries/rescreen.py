"""When a health profile change screens in something new while the patient
is on a plan: re-gate the plan and tell the care team.

Safety sends `profile_screened` (it may not import protocols or alerts);
this receiver lives in diaries because diaries is the lowest app allowed to
use both protocols (the plan's gate) and alerts (the outbox), as it already
does for a check-in. It runs inside health_profile_update's transaction, so
the profile save, the plan's review and the Alert row commit together or
not at all; delivery goes through the outbox after the commit.

The second receiver closes the loop: when a clinician answers the review
(protocols sends `plan_review_answered`), the alert that asked for it is
resolved in their name with their answer, inside the same transaction.
"""

from django.dispatch import receiver

from apps.alerts.models import OPEN_STATES, Alert, AlertState
from apps.alerts.services import alert_resolve, raise_for
from apps.protocols.services import PLAN_SCREENING_CAUTION, PLAN_SCREENING_CHANGED, plan_rescreen
from apps.protocols.signals import plan_review_answered
from apps.safety.signals import profile_screened


@receiver(profile_screened, dispatch_uid="diaries.plan_rescreen_on_profile_change")
def plan_rescreen_on_profile_change(sender, *, patient, clinic, run, by, **kwargs):
    findings = plan_rescreen(patient=patient, by=by)
    if findings:
        raise_for(clinic=clinic, patient=patient, findings=findings)


@receiver(plan_review_answered, dispatch_uid="diaries.review_alerts_resolve")
def review_alerts_resolve(sender, *, plan, by, decision, reason, **kwargs):
    """The review the alert asked for is done: resolve it in the reviewer's
    name with their answer, so it stops escalating to people on call."""
    note = f"Answered on the plan page: {decision}." + (f" Reason: {reason}" if reason else "")
    for alert in Alert.objects.filter(
        patient=plan.patient,
        rule__in=[PLAN_SCREENING_CHANGED, PLAN_SCREENING_CAUTION],
        state__in=[*OPEN_STATES, AlertState.ACKNOWLEDGED],
    ):
        alert_resolve(alert=alert, by=by, note=note)
