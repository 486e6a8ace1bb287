from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from apps.alerts.models import Alert
from apps.alerts.services import alerts_close_for_rule, raise_for
from apps.safety.risk import overrides_for
from apps.safety.services import MISSED_CHECKINS, Finding, evaluate_checkin

from .models import CheckIn


@dataclass
class CheckInResult:
    checkin: CheckIn
    created: bool
    findings: list[Finding]
    alerts: list[Alert]

    @property
    def is_crisis(self) -> bool:
        return any(finding.is_crisis for finding in self.findings)


def today_for(*, clinic) -> date:
    return timezone.now().astimezone(ZoneInfo(clinic.timezone)).date()


# Enough history for the baseline rule: its 28-day window before the last
# three check-ins, with room for gaps.
SERIES_DAYS = 45


def _mood_series(*, patient, until) -> list[tuple]:
    """(local date, mood) of the patient's check-ins up to `until`, oldest first."""
    rows = CheckIn.objects.filter(
        patient=patient, local_date__lte=until, local_date__gt=until - timedelta(days=SERIES_DAYS)
    ).order_by("local_date")
    return list(rows.values_list("local_date", "mood"))


@transaction.atomic
def checkin_submit(*, patient, clinic, mood: int, journal: str, local_date=None) -> CheckInResult:
    """Save the day's check-in, evaluate it, and raise its alerts: one
    transaction, so an entry the patient saw saved always carries its alerts.

    A second submit for the same day (a double tap, a second tab) updates the
    same entry instead of making another.
    """
    local_date = local_date or today_for(clinic=clinic)
    checkin, created = CheckIn.objects.select_for_update().get_or_create(
        patient=patient,
        local_date=local_date,
        defaults={"clinic": clinic, "mood": mood, "journal": journal},
    )
    if not created:
        checkin.mood = mood
        checkin.journal = journal
        checkin.save(update_fields=["mood", "journal", "updated_at"])

    alerts_close_for_rule(
        patient=patient, rule=MISSED_CHECKINS, note="Closed by itself: the patient checked in."
    )
    findings = evaluate_checkin(
        mood=mood,
        text=journal,
        series=_mood_series(patient=patient, until=local_date),
        overrides=overrides_for(patient=patient),
    )
    alerts = raise_for(
        clinic=clinic, patient=patient, findings=findings, source_checkin_id=checkin.pk
    )
    return CheckInResult(checkin=checkin, created=created, findings=findings, alerts=alerts)


def missed_checkins_scan() -> int:
    """Raise a low (digest) alert for every active patient who has not checked
    in for the rule's number of days. Until protocol plans exist, every
    active patient is expected to check in daily. Returns alerts raised or
    bumped."""
    from django.db.models import Max

    from apps.clinics.models import Membership, Role
    from apps.safety.services import evaluate_missed_checkins

    count = 0
    memberships = (
        Membership.objects.filter(role=Role.PATIENT, is_active=True, user__is_active=True)
        .select_related("clinic", "user")
        .annotate(last_checkin=Max("user__checkins__local_date"))
    )
    for membership in memberships:
        today = today_for(clinic=membership.clinic)
        joined = membership.created_at.astimezone(ZoneInfo(membership.clinic.timezone)).date()
        findings = evaluate_missed_checkins(
            last_checkin=membership.last_checkin, joined=joined, today=today
        )
        if findings:
            with transaction.atomic():
                count += len(
                    raise_for(clinic=membership.clinic, patient=membership.user, findings=findings)
                )
    return count
