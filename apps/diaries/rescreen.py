"""When a health profile change screens in something new while the patient
is on a plan: re-gate the plan and tell the care team.

Safety sends `profile_screened` (it may not import protocols or alerts);
this receiver lives in diaries because diaries is the lowest app allowed to
use both protocols (the plan's gate) and alerts (the outbox), as it already
does for a check-in. It runs inside health_profile_update's transaction, so
the profile save, the plan's review and the Alert row commit together or
not at all; delivery goes through the outbox after the commit.
"""

from django.dispatch import receiver

from apps.alerts.services import raise_for
from apps.protocols.services import plan_rescreen
from apps.safety.signals import profile_screened


@receiver(profile_screened, dispatch_uid="diaries.plan_rescreen_on_profile_change")
def plan_rescreen_on_profile_change(sender, *, patient, clinic, run, by, **kwargs):
    findings = plan_rescreen(patient=patient, by=by)
    if findings:
        raise_for(clinic=clinic, patient=patient, findings=findings)
