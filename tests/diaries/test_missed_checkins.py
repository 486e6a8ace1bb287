"""The missed check-ins scan: a low, digest-only alert after three whole days
without a check-in while on a plan (today, which is not over, does not count)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.alerts.models import Alert, AlertState
from apps.clinics.models import Membership
from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit, missed_checkins_scan, today_for
from apps.protocols.models import Plan
from apps.protocols.services import plan_end
from tests.protocols.conftest import assign

RULE = "missed_checkins"


@pytest.fixture(autouse=True)
def both_patients_on_a_plan(world):
    """docs/CLINICAL_REFERENCE.md's rule is for patients on a plan: both of world's patients
    have been on one for a month (the longest a start date may go back)."""
    plans = {
        world.patient: assign(world, started_days_ago=30),
        world.other_patient: assign(
            world, patient=world.other_patient, by=world.bob, started_days_ago=30
        ),
    }
    return plans


@pytest.fixture
def patient_for_a_month(world):
    """World's patient, a member for thirty days (so they are not new)."""
    Membership.objects.filter(user=world.patient).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    return world.patient


def last_checked_in(world, patient, days_ago):
    return CheckIn.objects.create(
        patient=patient,
        clinic=world.clinic,
        local_date=today_for(clinic=world.clinic) - timedelta(days=days_ago),
        mood=6,
        journal="An ordinary day.",
    )


def missed_alerts(patient):
    return Alert.objects.filter(patient=patient, rule=RULE)


def test_it_flags_a_patient_with_three_whole_days_without_a_checkin(world, patient_for_a_month):
    last_checked_in(world, patient_for_a_month, days_ago=4)
    assert missed_checkins_scan() == 1
    [alert] = missed_alerts(patient_for_a_month)
    assert alert.severity == "low"
    assert alert.in_digest is True
    assert alert.state == AlertState.PENDING
    assert alert.next_escalation_at is None
    assert alert.recipient == world.alice
    assert alert.clinic == world.clinic
    assert "3 days" in alert.summary


def test_it_does_not_flag_two_days_without_a_checkin(world, patient_for_a_month):
    last_checked_in(world, patient_for_a_month, days_ago=3)
    assert missed_checkins_scan() == 0
    assert not missed_alerts(patient_for_a_month).exists()


def test_it_does_not_flag_a_patient_who_checked_in_yesterday(world, patient_for_a_month):
    last_checked_in(world, patient_for_a_month, days_ago=4)
    last_checked_in(world, patient_for_a_month, days_ago=1)
    assert missed_checkins_scan() == 0


def test_it_does_not_page_anyone_for_a_missed_checkin(
    world, patient_for_a_month, django_capture_on_commit_callbacks, mailoutbox
):
    last_checked_in(world, patient_for_a_month, days_ago=10)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        missed_checkins_scan()
    assert callbacks == []
    assert mailoutbox == []


def test_running_it_twice_bumps_the_same_open_alert(world, patient_for_a_month):
    last_checked_in(world, patient_for_a_month, days_ago=4)
    missed_checkins_scan()
    missed_checkins_scan()
    [alert] = missed_alerts(patient_for_a_month)
    assert alert.occurrences == 2
    assert alert.state == AlertState.PENDING


def test_checking_in_again_resolves_the_open_alert_by_itself(world, patient_for_a_month):
    last_checked_in(world, patient_for_a_month, days_ago=4)
    missed_checkins_scan()
    [alert] = missed_alerts(patient_for_a_month)

    result = checkin_submit(
        patient=patient_for_a_month, clinic=world.clinic, mood=6, journal="Back again."
    )

    assert result.alerts == []
    alert.refresh_from_db()
    assert alert.state == AlertState.RESOLVED
    assert alert.resolved_at is not None
    assert "checked in" in alert.resolution_note
    # The scan that follows finds nothing to raise.
    assert missed_checkins_scan() == 0
    assert missed_alerts(patient_for_a_month).count() == 1


def test_checking_in_leaves_other_patients_alerts_alone(world, patient_for_a_month):
    Membership.objects.filter(user=world.other_patient).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    last_checked_in(world, patient_for_a_month, days_ago=4)
    last_checked_in(world, world.other_patient, days_ago=5)
    assert missed_checkins_scan() == 2
    checkin_submit(patient=patient_for_a_month, clinic=world.clinic, mood=6, journal="")
    [others] = missed_alerts(world.other_patient)
    assert others.state == AlertState.PENDING
    assert others.recipient == world.bob


def test_a_later_lapse_raises_a_new_alert(world, patient_for_a_month):
    last_checked_in(world, patient_for_a_month, days_ago=9)
    missed_checkins_scan()
    last_checked_in(world, patient_for_a_month, days_ago=5)
    Alert.objects.filter(patient=patient_for_a_month, rule=RULE).update(state=AlertState.RESOLVED)
    assert missed_checkins_scan() == 1
    assert missed_alerts(patient_for_a_month).filter(state=AlertState.PENDING).count() == 1


def test_a_brand_new_patient_who_joined_today_is_not_flagged(world):
    # World's patients joined today and have never checked in.
    assert not CheckIn.objects.exists()
    assert missed_checkins_scan() == 0
    assert not Alert.objects.exists()


def test_a_patient_who_joined_three_days_ago_and_never_checked_in_is_flagged(world):
    Membership.objects.filter(user=world.patient).update(
        created_at=timezone.now() - timedelta(days=3, hours=1)
    )
    assert missed_checkins_scan() == 1
    assert missed_alerts(world.patient).exists()
    assert not missed_alerts(world.other_patient).exists()


def test_a_deactivated_patient_is_not_flagged(world, patient_for_a_month):
    last_checked_in(world, patient_for_a_month, days_ago=10)
    Membership.objects.filter(user=patient_for_a_month).update(is_active=False)
    assert missed_checkins_scan() == 0


def test_a_patient_without_a_plan_is_not_flagged(world, patient_for_a_month):
    Plan.objects.filter(patient=patient_for_a_month).delete()
    last_checked_in(world, patient_for_a_month, days_ago=10)
    assert missed_checkins_scan() == 0


def test_a_patient_whose_plan_ended_is_not_flagged(
    world, patient_for_a_month, both_patients_on_a_plan
):
    last_checked_in(world, patient_for_a_month, days_ago=10)
    plan_end(
        plan=both_patients_on_a_plan[patient_for_a_month], by=world.alice, reason="Course complete"
    )
    assert missed_checkins_scan() == 0


def test_days_before_the_plan_started_do_not_count(world, patient_for_a_month):
    Plan.objects.filter(patient=patient_for_a_month).update(
        start_date=today_for(clinic=world.clinic) - timedelta(days=2)
    )
    last_checked_in(world, patient_for_a_month, days_ago=10)
    assert missed_checkins_scan() == 0
