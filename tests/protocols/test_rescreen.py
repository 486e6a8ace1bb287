"""An open plan is re-gated when the patient's health profile changes.

HZ-3: a patient already on psilocybin who now reports lithium must reach the
care team (an alert through the outbox) and put the plan under review until
a care-team clinician continues it with a reason, pauses it or ends it.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from apps.alerts.models import Alert
from apps.audit.models import AccessEvent
from apps.diaries.models import CheckIn
from apps.protocols.models import Plan, PlanEvent, PlanStatus
from apps.protocols.services import (
    PLAN_SCREENING_CAUTION,
    PLAN_SCREENING_CHANGED,
    PlanRefused,
    plan_change,
    plan_end,
    plan_pause,
    plan_resume,
    plan_review,
)
from apps.safety.models import HealthProfile
from apps.safety.screening import health_profile_update
from apps.safety.signals import profile_screened

from .conftest import assign, doses

pytestmark = pytest.mark.django_db

LITHIUM = {"medications": ["lithium 300 mg"]}
NO_THERAPIST = {"has_therapist": False}
REASON = "Lithium stopped 8 weeks ago; agreed with the psychiatrist."
BANNER = "screening changed since this plan was assigned: review"


def change_profile(world, data, by=None):
    health_profile_update(
        patient=world.patient, clinic=world.clinic, data=data, by=by or world.patient
    )


def review_alerts(world):
    rules = [PLAN_SCREENING_CHANGED, PLAN_SCREENING_CAUTION]
    return list(Alert.objects.filter(patient=world.patient, rule__in=rules).order_by("pk"))


def fresh(plan):
    return Plan.objects.get(pk=plan.pk)


def plan_page(client, world, person=None):
    client.force_login(person or world.alice)
    return client.get(reverse("protocols:plan", args=[world.patient.pk])).content.decode()


# ------------------------------------------------------------ the re-gate


@pytest.mark.parametrize("who", ["patient", "alice"])
def test_a_new_absolute_flag_on_an_open_plan_alerts_the_care_team_at_high(world, plan, who):
    change_profile(world, LITHIUM, by=getattr(world, who))
    [alert] = review_alerts(world)
    assert alert.severity == "high" and alert.recipient == world.alice
    assert not alert.in_digest
    plan = fresh(plan)
    assert alert.evidence["plan_id"] == plan.pk
    assert alert.evidence["screening_id"] == plan.review_screening_id
    assert "psilocybin-lithium" in alert.evidence["absolute_flags"]
    # The message text names no medicine or condition.
    assert "lithium" not in alert.summary.lower()
    [event] = plan.events.filter(kind=PlanEvent.SCREENING_CHANGED)
    assert event.by == getattr(world, who)
    assert "psilocybin-lithium" in {flag["rule"] for flag in event.detail["flags"]}


def test_the_high_alert_goes_out_through_the_outbox_after_the_commit(
    world, plan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change_profile(world, LITHIUM)
    [alert] = review_alerts(world)
    assert alert.state == "pending"  # the row is the outbox: the sweep finds it if the broker fails
    assert len(callbacks) == 1  # delivery is enqueued only once the profile change committed


def test_a_new_relative_flag_alone_alerts_at_moderate(world, plan):
    change_profile(world, NO_THERAPIST)
    [alert] = review_alerts(world)
    assert alert.severity == "moderate" and alert.in_digest
    assert alert.evidence["absolute_flags"] == []
    assert "trauma-no-therapist" in alert.evidence["relative_flags"]
    assert fresh(plan).review_screening_id is not None


def test_a_paused_plan_is_re_gated_too(world, plan):
    plan_pause(plan=plan, by=world.alice, reason="Holiday.")
    change_profile(world, LITHIUM)
    assert [a.severity for a in review_alerts(world)] == ["high"]
    assert fresh(plan).review_screening_id is not None


def test_nothing_is_raised_without_an_open_plan(world):
    change_profile(world, LITHIUM)
    assert review_alerts(world) == []


def test_nothing_is_raised_after_the_plan_ended(world, plan):
    plan_end(plan=plan, by=world.alice, reason="Done.")
    change_profile(world, LITHIUM)
    assert review_alerts(world) == []
    assert fresh(plan).review_screening_id is None


def test_a_flag_the_plan_was_assigned_over_is_not_new(world):
    change_profile(world, LITHIUM)
    plan = assign(world, override_reason=REASON)
    change_profile(world, {"allergies": ["penicillin"], "medications": ["Lithobid 300mg"]})
    assert review_alerts(world) == []
    assert fresh(plan).review_screening_id is None


def test_a_change_outside_the_plans_components_raises_nothing(world):
    # Pregnancy is screened against psilocybin, which this plan does not hold.
    plan = assign(world, doses=doses(lions_mane="500"))
    change_profile(world, {"pregnant": True})
    assert review_alerts(world) == []
    assert fresh(plan).review_screening_id is None


def test_the_same_flag_again_does_not_page_again(world, plan):
    change_profile(world, LITHIUM)
    change_profile(world, {"allergies": ["penicillin"]})
    change_profile(world, {"medications": ["lithium 300 mg", "vitamin D"]})
    [alert] = review_alerts(world)
    assert alert.occurrences == 1
    assert fresh(plan).events.filter(kind=PlanEvent.SCREENING_CHANGED).count() == 1


def test_a_further_new_caution_adds_to_the_open_alert(world, plan):
    change_profile(world, NO_THERAPIST)
    change_profile(world, {"recent_trauma_months": 2})
    [alert] = review_alerts(world)
    assert alert.occurrences == 2 and alert.severity == "moderate"
    assert "trauma-recent-traumatic-event" in alert.evidence["relative_flags"]


def test_a_contraindication_after_a_caution_pages_at_high_not_in_the_digest(world, plan):
    change_profile(world, NO_THERAPIST)
    change_profile(world, LITHIUM)
    caution, contraindication = review_alerts(world)
    assert (caution.rule, caution.severity) == (PLAN_SCREENING_CAUTION, "moderate")
    assert (contraindication.rule, contraindication.severity) == (PLAN_SCREENING_CHANGED, "high")
    assert not contraindication.in_digest
    assert "psilocybin-lithium" in contraindication.evidence["absolute_flags"]


def test_the_profile_save_the_review_and_the_alert_commit_together(world, plan):
    """A receiver failing after ours rolls all of it back: nothing half-saved,
    and no alert without its profile change (or the other way round)."""

    def fails(**kwargs):
        raise RuntimeError("later receiver failed")

    profile_screened.connect(fails, dispatch_uid="test-fails")
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            change_profile(world, LITHIUM)
    finally:
        profile_screened.disconnect(dispatch_uid="test-fails")
    assert review_alerts(world) == []
    assert fresh(plan).review_screening_id is None
    assert not HealthProfile.objects.filter(patient=world.patient, medications=["lithium 300 mg"])


def test_the_patient_keeps_checking_in_while_the_plan_is_under_review(world, plan, client):
    change_profile(world, LITHIUM)
    client.force_login(world.patient)
    response = client.post(reverse("diaries:today"), {"mood": "6", "journal": "A calm day."})
    assert response.status_code == 302
    assert CheckIn.objects.filter(patient=world.patient).count() == 1


def test_the_patients_own_profile_page_re_gates_the_plan(world, plan, client):
    client.force_login(world.patient)
    response = client.post(reverse("diaries:health_profile"), {"medications": "lithium 300 mg"})
    assert response.status_code == 302
    assert [a.severity for a in review_alerts(world)] == ["high"]


# ---------------------------------------------------------------- the review


def test_the_plan_page_shows_the_banner_until_a_review(world, plan, client):
    assert BANNER not in plan_page(client, world).lower()
    change_profile(world, LITHIUM)
    page = plan_page(client, world)
    assert BANNER in page.lower()
    assert "lithium 300 mg" in page  # the flag's evidence, behind the access check
    assert BANNER in plan_page(client, world, world.admin).lower()  # admins read it too
    plan_review(plan=plan, by=world.alice, decision="continue", reason=REASON)
    assert BANNER not in plan_page(client, world).lower()


@pytest.mark.parametrize("reason", ["", "   ", "too short"])
def test_continuing_needs_a_real_reason_and_changes_nothing_without_one(world, plan, reason):
    change_profile(world, LITHIUM)
    before = fresh(plan)
    with pytest.raises(PlanRefused) as refused:
        plan_review(plan=plan, by=world.alice, decision="continue", reason=reason)
    assert refused.value.kind == "blocked"
    after = fresh(plan)
    assert after.review_screening_id == before.review_screening_id
    assert after.screening_id == before.screening_id and after.override_reason == ""


def test_continuing_over_an_absolute_flag_is_an_audited_override(world, plan):
    change_profile(world, LITHIUM)
    plan_review(plan=plan, by=world.alice, decision="continue", reason=REASON)
    plan = fresh(plan)
    assert plan.review_screening_id is None and plan.status == PlanStatus.ACTIVE
    assert plan.override_reason == REASON and plan.overridden_by == world.alice
    [event] = plan.events.filter(kind=PlanEvent.OVERRIDDEN)
    assert event.note == REASON and event.detail["review"] == "continue"
    assert "psilocybin-lithium" in {flag["rule"] for flag in event.detail["flags"]}
    assert AccessEvent.objects.filter(
        actor=world.alice, patient=world.patient, action="plan_override"
    ).exists()
    # The plan now stands on that screening: the same flag is not new again.
    change_profile(world, {"allergies": ["penicillin"]})
    change_profile(world, {"medications": ["lithium 600 mg"]})
    assert fresh(plan).review_screening_id is None


def test_continuing_over_cautions_only_is_an_acknowledgement_with_its_reason(world, plan):
    change_profile(world, NO_THERAPIST)
    plan_review(
        plan=plan, by=world.alice, decision="continue", reason="Therapist starts next week."
    )
    plan = fresh(plan)
    assert plan.override_reason == ""
    [event] = plan.events.filter(kind=PlanEvent.ACKNOWLEDGED)
    assert event.note == "Therapist starts next week."
    assert AccessEvent.objects.filter(patient=world.patient, action="plan_review").exists()


def test_pausing_answers_the_review_and_resuming_asks_for_a_reason(world, plan):
    change_profile(world, LITHIUM)
    plan_review(plan=plan, by=world.alice, decision="pause", reason="Until we speak.")
    plan = fresh(plan)
    assert plan.status == PlanStatus.PAUSED and plan.review_screening_id is None
    [event] = plan.events.filter(kind=PlanEvent.REVIEWED)
    assert event.detail["decision"] == "pause"
    with pytest.raises(PlanRefused) as refused:
        plan_resume(plan=plan, by=world.alice)
    assert refused.value.kind == "blocked"
    assert fresh(plan).status == PlanStatus.PAUSED
    plan_resume(plan=plan, by=world.alice, reason=REASON)
    plan = fresh(plan)
    assert plan.status == PlanStatus.ACTIVE and plan.override_reason == REASON


def test_a_plain_resume_without_new_flags_needs_no_reason(world, plan):
    plan_pause(plan=plan, by=world.alice, reason="Holiday.")
    plan_resume(plan=plan, by=world.alice)
    assert fresh(plan).status == PlanStatus.ACTIVE


def test_ending_answers_the_review(world, plan):
    change_profile(world, LITHIUM)
    plan_review(plan=plan, by=world.alice, decision="end", reason="Not safe with lithium.")
    plan = fresh(plan)
    assert plan.status == PlanStatus.ENDED and plan.review_screening_id is None
    assert plan.events.filter(kind=PlanEvent.REVIEWED, detail__decision="end").exists()


def test_changing_the_plan_is_a_fresh_gate_and_answers_the_review(world, plan):
    change_profile(world, LITHIUM)
    plan_change(plan=plan, doses=doses(lions_mane="500"), by=world.alice)
    assert fresh(plan).review_screening_id is None


def test_a_review_with_nothing_waiting_is_refused(world, plan):
    with pytest.raises(PlanRefused):
        plan_review(plan=plan, by=world.alice, decision="continue", reason=REASON)


# ------------------------------------------------------------------ the view


def review_url(world):
    return reverse("protocols:review", args=[world.patient.pk])


def test_the_care_team_clinician_records_a_review_from_the_page(world, plan, client):
    change_profile(world, LITHIUM)
    client.force_login(world.alice)
    response = client.post(review_url(world), {"decision": "continue", "reason": REASON})
    assert response.status_code == 302
    assert fresh(plan).override_reason == REASON
    # A double submit finds nothing waiting and says so, without a 500.
    again = client.post(review_url(world), {"decision": "continue", "reason": REASON}, follow=True)
    assert "nothing waiting for a review" in again.content.decode()
    assert fresh(plan).events.filter(kind=PlanEvent.OVERRIDDEN).count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"decision": "continue", "reason": "ok"}, "write down why"),
        ({"decision": "continue", "reason": "x" * 2001}, "under 2000 characters"),
        ({"decision": "delete", "reason": REASON}, "Choose continue, pause or end"),
        ({"reason": REASON}, "Choose continue, pause or end"),
        ({"decision": "pause", "reason": "y" * 600}, "under 500 characters"),
    ],
)
def test_a_bad_review_says_why_and_records_nothing(world, plan, client, data, message):
    change_profile(world, LITHIUM)
    client.force_login(world.alice)
    response = client.post(review_url(world), data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    plan = fresh(plan)
    assert plan.review_screening_id is not None and plan.status == PlanStatus.ACTIVE


def test_html_in_the_reason_comes_back_as_text(world, plan, client):
    change_profile(world, LITHIUM)
    client.force_login(world.alice)
    reason = "<script>alert(1)</script> agreed with the psychiatrist"
    client.post(review_url(world), {"decision": "continue", "reason": reason})
    page = plan_page(client, world)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize("who", ["bob", "charlie", "admin", "patient", "other_patient"])
def test_anyone_but_the_care_team_gets_404_and_records_nothing(world, plan, client, who):
    change_profile(world, LITHIUM)
    client.force_login(getattr(world, who))
    response = client.post(review_url(world), {"decision": "end", "reason": REASON})
    assert response.status_code == 404
    assert fresh(plan).review_screening_id is not None


# ------------------------------------------------- the alert that asked for it


@pytest.mark.parametrize(
    ("decision", "reason", "said"),
    [
        ("continue", REASON, f"Answered on the plan page: continue. Reason: {REASON}"),
        ("pause", "Until we speak.", "Answered on the plan page: pause."),
        ("end", "Not safe with lithium.", "Answered on the plan page: end."),
    ],
)
def test_answering_the_review_resolves_its_alert_in_the_reviewers_name(
    world, plan, decision, reason, said
):
    change_profile(world, LITHIUM)
    plan_review(plan=plan, by=world.alice, decision=decision, reason=reason)
    [alert] = review_alerts(world)
    assert alert.state == "resolved" and alert.resolved_by == world.alice
    assert alert.resolution_note == said
    assert alert.next_escalation_at is None


def test_changing_the_plan_under_review_resolves_its_alert_too(world, plan):
    change_profile(world, LITHIUM)
    plan_change(plan=plan, doses=doses(lions_mane="500"), by=world.alice)
    [alert] = review_alerts(world)
    assert alert.state == "resolved"
    assert alert.resolution_note == "Answered on the plan page: plan changed (screened afresh)."


def test_a_refused_review_leaves_the_alert_open(world, plan):
    change_profile(world, LITHIUM)
    with pytest.raises(PlanRefused), transaction.atomic():
        plan_review(plan=plan, by=world.alice, decision="continue", reason="too short")
    [alert] = review_alerts(world)
    assert alert.state in ("pending", "sending", "delivered", "failed")
