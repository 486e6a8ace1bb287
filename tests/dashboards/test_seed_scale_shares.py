"""seed_scale's shares, on one clinic of 100 patients x 60 days built once
for the module (outside the tests' transactions, so removed at the end)."""

from collections import Counter

import pytest

from apps.alerts.models import OPEN_STATES, Alert, AlertState
from apps.clinics.models import Clinic
from apps.dashboards.management.commands.seed_scale import (
    CLINIC,
    LOW_MOOD,
    REVIEW_MEDICATION,
    scale_delete,
)
from apps.dashboards.models import Session
from apps.diaries import instruments
from apps.diaries.models import CheckIn, QuestionnaireResponse, QuestionnaireSchedule, SideEffect
from apps.diaries.services import today_for
from apps.protocols.models import DoseLog, Plan, PlanEvent, PlanStatus
from apps.protocols.selectors import adherence_for, dose_days
from apps.safety.detectors.screening import screen
from apps.safety.models import HealthProfile, ScreeningRun
from apps.safety.rules import contraindication_rules

from .test_seed_scale import seed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def clinic100(django_db_setup, django_db_blocker):
    """100 patients x 60 days, built once for the proportion tests (and
    removed afterwards: it is outside any test's transaction)."""
    with django_db_blocker.unblock():
        seed(patients=100, days=60)
        yield Clinic.objects.get(name=CLINIC["name"])
        scale_delete()


def newest_runs(clinic):
    runs = {}
    for run in ScreeningRun.objects.filter(clinic=clinic).order_by("ran_at", "pk"):
        runs[run.patient_id] = run
    return runs


# ------------------------------------------------------------------ proportions


def test_every_patient_has_a_profile_and_the_newest_screening_has_the_stated_shares(clinic100):
    assert HealthProfile.objects.filter(clinic=clinic100).count() == 100
    runs = newest_runs(clinic100)
    assert len(runs) == 100
    kinds = Counter(
        "absolute" if run.absolute_count else "relative" if run.relative_count else "clear"
        for run in runs.values()
    )
    assert kinds == {"clear": 94, "relative": 5, "absolute": 1}
    # Counts and flags agree, and match what the rules say of the profile now.
    for run in runs.values():
        assert run.absolute_count == len(run.absolute_flags)
        assert run.relative_count == len(run.relative_flags)
        profile = HealthProfile.objects.get(patient_id=run.patient_id)
        flags = screen(
            profile.as_screening_input(),
            components=None,
            doses=None,
            rules=contraindication_rules(),
        )
        assert sorted(f.rule for f in flags) == sorted(f["rule"] for f in run.flags)


def test_the_review_medication_flags_nothing():
    assert (
        screen(
            {"medications": [REVIEW_MEDICATION]},
            components=None,
            doses=None,
            rules=contraindication_rules(),
        )
        == []
    )


def test_ninety_percent_have_an_open_reference_plan_never_over_an_absolute_flag(clinic100):
    plans = Plan.objects.filter(clinic=clinic100)
    assert plans.count() == 90
    assert Counter(plans.values_list("status", flat=True)) == {
        PlanStatus.ACTIVE: 86,
        PlanStatus.PAUSED: 4,
    }
    runs = newest_runs(clinic100)
    blocked = {patient for patient, run in runs.items() if run.absolute_count}
    assert blocked and not blocked & set(plans.values_list("patient_id", flat=True))
    for plan in plans.prefetch_related("items__component", "events", "pauses"):
        assert plan.template.slug == "reference-stack"
        assert plan.screening.trigger == "plan assigned"
        assert sorted(i.component.slug for i in plan.items.all()) == sorted(
            ["psilocybin", "lions-mane", "omega-3", "b-complex", "magnesium"]
        )
        kinds = [e.kind for e in plan.events.all()]
        assert kinds[0] == PlanEvent.ASSIGNED
        # Magnesium's planned 400 mg is above the upper limit: acknowledged.
        assert PlanEvent.ACKNOWLEDGED in kinds
        paused = plan.status == PlanStatus.PAUSED
        assert (PlanEvent.PAUSED in kinds) == paused
        assert len([p for p in plan.pauses.all() if p.ends_on is None]) == int(paused)


def test_dose_logs_fall_on_due_days_and_about_85_percent_are_taken(clinic100):
    today = today_for(clinic=clinic100)
    due = taken = 0
    for plan in Plan.objects.filter(clinic=clinic100).select_related("patient")[:30]:
        patient = plan.patient
        expected = dose_days(patient=patient, start=plan.start_date, end=today)
        logged = {}
        for slug, day in DoseLog.objects.filter(plan=plan).values_list(
            "component__slug", "local_date"
        ):
            logged.setdefault(slug, set()).add(day)
        for slug, days in logged.items():
            assert days <= set(expected[slug])
        for row in adherence_for(patient=patient, start=plan.start_date, end=today):
            due, taken = due + row["due"], taken + row["taken"]
    assert due > 1000
    assert 0.80 < taken / due < 0.90


def test_questionnaires_come_every_fortnight_with_scores_that_agree(clinic100):
    responses = QuestionnaireResponse.objects.filter(clinic=clinic100)
    per_patient = Counter(responses.values_list("patient_id", "instrument"))
    assert len(per_patient) == 200
    assert set(per_patient.values()) <= {4, 5}  # 60 days, every 14 from an offset
    for response in responses:
        score = instruments.score(response.instrument, response.answers)
        assert (score.total, score.band.key) == (response.total, response.band)
    assert len(set(responses.values_list("band", flat=True))) >= 3
    assert QuestionnaireSchedule.objects.filter(clinic=clinic100).count() == 200


def test_alerts_open_for_four_percent_and_resolved_for_about_a_fifth(clinic100):
    alerts = Alert.objects.filter(clinic=clinic100)
    open_alerts = alerts.filter(state__in=OPEN_STATES)
    assert len(set(open_alerts.values_list("patient_id", flat=True))) == 4
    assert set(open_alerts.values_list("severity", flat=True)) == {"high", "critical"}
    assert set(open_alerts.values_list("state", flat=True)) == {
        AlertState.PENDING,
        AlertState.DELIVERED,
    }
    resolved = alerts.filter(state=AlertState.RESOLVED)
    assert 15 <= len(set(resolved.values_list("patient_id", flat=True))) <= 20
    for alert in alerts:
        assert set(alert.evidence) == {"rule", "summary", "spans", "checkin_id"}
        assert alert.evidence["checkin_id"] == alert.source_checkin_id
        assert alert.recipient_id is not None
        if alert.rule == "very_low_mood":
            assert CheckIn.objects.get(pk=alert.source_checkin_id).mood == LOW_MOOD
        if alert.state == AlertState.RESOLVED:
            assert alert.resolved_at > alert.acknowledged_at > alert.created_at
            assert alert.resolved_by_id == alert.recipient_id
    # Low moods only where an alert was raised.
    low_days = set(CheckIn.objects.filter(clinic=clinic100, mood__lt=3).values_list("pk"))
    assert low_days == set(alerts.filter(rule="very_low_mood").values_list("source_checkin_id"))


def test_sessions_every_fortnight_for_plan_patients_and_one_booked_ahead(clinic100):
    today = today_for(clinic=clinic100)
    plans = {p.patient_id: p for p in Plan.objects.filter(clinic=clinic100)}
    sessions = {}
    for session in Session.objects.filter(clinic=clinic100).order_by("date"):
        sessions.setdefault(session.patient_id, []).append(session.date)
    assert set(sessions) == set(plans)
    for patient_id, dates in sessions.items():
        assert [d for d in dates if d > today] == dates[-1:]
        past = [d for d in dates if d <= today]
        assert past[0] == plans[patient_id].start_date
        assert {(b - a).days for a, b in zip(past, past[1:], strict=False)} <= {14}


def test_side_effects_on_about_a_tenth_of_check_ins(clinic100):
    effects = SideEffect.objects.filter(checkin__clinic=clinic100)
    share = effects.count() / CheckIn.objects.filter(clinic=clinic100).count()
    assert 0.08 < share < 0.12
    assert set(effects.values_list("severity", flat=True)) == {"mild", "moderate"}
