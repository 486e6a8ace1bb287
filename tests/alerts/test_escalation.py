"""The escalation ladder: primary clinician -> on-call clinician -> clinic admins.

Time is driven by moving an alert's `created_at` and `next_escalation_at` back
in the database, exactly as far as the clock would have moved; the beat job
(`alerts_escalate`) and the worker (`alert_deliver`) are then called directly,
with Celery eager so that the delivery an escalation enqueues runs at once.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.alerts.models import Alert, AlertPolicy, AlertState, Delivery, Escalation, InboxItem
from apps.alerts.services import (
    DeliveryOutcome,
    alert_acknowledge,
    alert_deliver,
    alerts_escalate,
    max_delivery_attempts,
)
from apps.clinics.models import OnCallShift
from apps.diaries.services import checkin_submit

pytestmark = pytest.mark.usefixtures("eager_celery")


@pytest.fixture
def bob_on_call(world):
    """Bob covers Alice's patients, from an hour ago for the next twelve hours."""
    now = timezone.now()
    return OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.alice,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=12),
    )


@pytest.fixture
def high_alert(world) -> Alert:
    """The patient's open high alert (very low mood), raised the real way."""
    [alert] = checkin_submit(patient=world.patient, clinic=world.clinic, mood=1, journal="").alerts
    assert alert.severity == "high"
    return alert


def rewind(alert: Alert, **delta) -> Alert:
    """Pretend the clock moved on by `delta`: the alert was raised that much
    earlier, and its deadline (if any) falls that much earlier too."""
    delta = timedelta(**delta)
    row = Alert.objects.get(pk=alert.pk)
    Alert.objects.filter(pk=alert.pk).update(
        created_at=row.created_at - delta,
        next_escalation_at=row.next_escalation_at - delta if row.next_escalation_at else None,
    )
    alert.refresh_from_db()
    return alert


def deadline_after_raise(alert: Alert) -> timedelta:
    """How long after it was raised the alert's next step is due, to the second."""
    return timedelta(seconds=round((alert.next_escalation_at - alert.created_at).total_seconds()))


def emailed(mailoutbox) -> Counter:
    return Counter(address for message in mailoutbox for address in message.to)


# --- critical ---------------------------------------------------------------------------


def test_a_critical_alert_gets_its_first_deadline_fifteen_minutes_after_it_was_raised(
    crisis_alert,
):
    assert crisis_alert.escalation_level == Escalation.PRIMARY
    assert deadline_after_raise(crisis_alert) == timedelta(minutes=15)


def test_a_critical_alert_is_not_escalated_before_fifteen_minutes(
    crisis_alert, world, bob_on_call, mailoutbox
):
    alert_deliver(alert_id=crisis_alert.pk)
    rewind(crisis_alert, minutes=14)
    assert alerts_escalate() == []
    crisis_alert.refresh_from_db()
    assert crisis_alert.escalation_level == Escalation.PRIMARY
    assert emailed(mailoutbox) == {world.alice.email: 1}


def test_a_critical_alert_unacknowledged_for_fifteen_minutes_goes_to_the_on_call_clinician(
    crisis_alert, world, bob_on_call, mailoutbox
):
    assert alert_deliver(alert_id=crisis_alert.pk) == DeliveryOutcome.DELIVERED
    rewind(crisis_alert, minutes=16)

    assert alerts_escalate() == [crisis_alert.pk]

    crisis_alert.refresh_from_db()
    assert crisis_alert.escalation_level == Escalation.ON_CALL
    assert crisis_alert.state == AlertState.DELIVERED
    [first, second] = mailoutbox
    assert first.to == [world.alice.email]
    assert second.to == [world.bob.email]
    assert "ESCALATED" in second.subject
    assert InboxItem.objects.filter(alert=crisis_alert, user=world.bob).exists()
    assert world.admin.email not in emailed(mailoutbox)
    # The next rung is due thirty minutes after the alert was raised.
    assert deadline_after_raise(crisis_alert) == timedelta(minutes=30)


def test_a_critical_alert_unacknowledged_for_thirty_minutes_goes_to_the_clinic_admin(
    crisis_alert, world, bob_on_call, mailoutbox
):
    alert_deliver(alert_id=crisis_alert.pk)
    rewind(crisis_alert, minutes=16)
    alerts_escalate()
    rewind(crisis_alert, minutes=10)  # 26 minutes: not yet
    assert alerts_escalate() == []
    assert world.admin.email not in emailed(mailoutbox)

    rewind(crisis_alert, minutes=5)  # 31 minutes
    assert alerts_escalate() == [crisis_alert.pk]

    crisis_alert.refresh_from_db()
    assert crisis_alert.escalation_level == Escalation.ADMINS
    assert crisis_alert.state == AlertState.DELIVERED
    assert crisis_alert.next_escalation_at is None
    assert mailoutbox[-1].to == [world.admin.email]
    assert InboxItem.objects.filter(alert=crisis_alert, user=world.admin).exists()


def test_the_top_of_the_ladder_is_the_last_step(crisis_alert, world, bob_on_call, mailoutbox):
    alert_deliver(alert_id=crisis_alert.pk)
    rewind(crisis_alert, minutes=16)
    alerts_escalate()
    rewind(crisis_alert, minutes=15)
    alerts_escalate()
    rewind(crisis_alert, hours=24)
    assert alerts_escalate() == []
    crisis_alert.refresh_from_db()
    assert crisis_alert.escalation_level == Escalation.ADMINS
    assert len(mailoutbox) == 3


def test_an_escalated_alert_is_delivered_only_to_the_new_people(
    crisis_alert, world, bob_on_call, mailoutbox
):
    alert_deliver(alert_id=crisis_alert.pk)
    rewind(crisis_alert, minutes=16)
    alerts_escalate()
    rewind(crisis_alert, minutes=15)
    alerts_escalate()

    assert emailed(mailoutbox) == {world.alice.email: 1, world.bob.email: 1, world.admin.email: 1}
    sent = Delivery.objects.filter(alert=crisis_alert, outcome=Delivery.Outcome.SENT)
    assert Counter(sent.values_list("channel", "recipient")) == {
        ("email", world.alice.pk): 1,
        ("in_app", world.alice.pk): 1,
        ("email", world.bob.pk): 1,
        ("in_app", world.bob.pk): 1,
        ("email", world.admin.pk): 1,
        ("in_app", world.admin.pk): 1,
    }
    assert InboxItem.objects.filter(alert=crisis_alert).count() == 3


def test_an_acknowledged_alert_never_escalates(crisis_alert, world, bob_on_call, mailoutbox):
    alert_deliver(alert_id=crisis_alert.pk)
    assert alert_acknowledge(alert=crisis_alert, by=world.alice, note="Called her.")
    crisis_alert.refresh_from_db()
    assert crisis_alert.next_escalation_at is None

    rewind(crisis_alert, hours=6)
    # Even a deadline left behind by mistake must not move an acknowledged alert.
    Alert.objects.filter(pk=crisis_alert.pk).update(
        next_escalation_at=timezone.now() - timedelta(hours=5)
    )
    assert alerts_escalate() == []

    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.ACKNOWLEDGED
    assert crisis_alert.escalation_level == Escalation.PRIMARY
    assert emailed(mailoutbox) == {world.alice.email: 1}
    assert not InboxItem.objects.filter(alert=crisis_alert, user=world.bob).exists()


def test_an_alert_acknowledged_after_reaching_on_call_goes_no_further(
    crisis_alert, world, bob_on_call, mailoutbox
):
    alert_deliver(alert_id=crisis_alert.pk)
    rewind(crisis_alert, minutes=16)
    alerts_escalate()
    crisis_alert.refresh_from_db()
    assert alert_acknowledge(alert=crisis_alert, by=world.bob, note="On it.")
    rewind(crisis_alert, hours=1)
    assert alerts_escalate() == []
    assert world.admin.email not in emailed(mailoutbox)


# --- high -------------------------------------------------------------------------------


def test_a_high_alert_goes_to_the_on_call_clinician_after_four_hours(
    high_alert, world, bob_on_call, mailoutbox
):
    alert_deliver(alert_id=high_alert.pk)
    rewind(high_alert, hours=3, minutes=59)
    assert alerts_escalate() == []
    assert emailed(mailoutbox) == {world.alice.email: 1}

    rewind(high_alert, minutes=2)
    assert alerts_escalate() == [high_alert.pk]
    high_alert.refresh_from_db()
    assert high_alert.escalation_level == Escalation.ON_CALL
    assert emailed(mailoutbox) == {world.alice.email: 1, world.bob.email: 1}


def test_a_high_alert_goes_no_further_than_the_on_call_clinician(
    high_alert, world, bob_on_call, mailoutbox
):
    alert_deliver(alert_id=high_alert.pk)
    rewind(high_alert, hours=4, minutes=1)
    alerts_escalate()
    high_alert.refresh_from_db()
    assert high_alert.next_escalation_at is None

    rewind(high_alert, hours=20)
    assert alerts_escalate() == []
    high_alert.refresh_from_db()
    assert high_alert.escalation_level == Escalation.ON_CALL
    assert world.admin.email not in emailed(mailoutbox)
    assert not InboxItem.objects.filter(alert=high_alert, user=world.admin).exists()


# --- who is on call ---------------------------------------------------------------------


def test_with_nobody_on_call_a_critical_escalation_reaches_the_admins(
    crisis_alert, world, mailoutbox
):
    alert_deliver(alert_id=crisis_alert.pk)
    rewind(crisis_alert, minutes=16)
    assert alerts_escalate() == [crisis_alert.pk]
    assert world.admin.email in emailed(mailoutbox)
    assert InboxItem.objects.filter(alert=crisis_alert, user=world.admin).exists()


def test_with_nobody_on_call_a_high_escalation_reaches_the_admins(high_alert, world, mailoutbox):
    alert_deliver(alert_id=high_alert.pk)
    rewind(high_alert, hours=4, minutes=1)
    alerts_escalate()
    rewind(high_alert, hours=20)
    alerts_escalate()
    assert world.admin.email in emailed(mailoutbox)
    assert InboxItem.objects.filter(alert=high_alert, user=world.admin).exists()


def test_with_nobody_on_call_a_critical_alert_still_reaches_the_admins_at_thirty_minutes(
    crisis_alert, world, mailoutbox
):
    alert_deliver(alert_id=crisis_alert.pk)
    rewind(crisis_alert, minutes=16)
    alerts_escalate()
    rewind(crisis_alert, minutes=15)
    alerts_escalate()
    crisis_alert.refresh_from_db()
    assert crisis_alert.escalation_level == Escalation.ADMINS
    assert emailed(mailoutbox) == {world.alice.email: 1, world.admin.email: 1}


@pytest.mark.parametrize(
    "starts,ends",
    [
        pytest.param(timedelta(hours=1), timedelta(hours=9), id="a shift that has not begun"),
        pytest.param(-timedelta(hours=9), -timedelta(hours=1), id="a shift that has ended"),
    ],
)
def test_a_shift_that_is_not_current_does_not_put_anyone_on_call(
    crisis_alert, world, mailoutbox, starts, ends
):
    now = timezone.now()
    OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.alice,
        starts_at=now + starts,
        ends_at=now + ends,
    )
    alert_deliver(alert_id=crisis_alert.pk)
    rewind(crisis_alert, minutes=16)
    alerts_escalate()
    assert world.bob.email not in emailed(mailoutbox)
    assert not InboxItem.objects.filter(alert=crisis_alert, user=world.bob).exists()


def test_a_shift_covering_another_colleague_does_not_page_for_alices_patient(
    crisis_alert, world, mailoutbox
):
    now = timezone.now()
    OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.admin,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    alert_deliver(alert_id=crisis_alert.pk)
    rewind(crisis_alert, minutes=16)
    alerts_escalate()
    assert world.bob.email not in emailed(mailoutbox)


def test_a_shift_covering_everyone_puts_its_clinician_on_call(crisis_alert, world, mailoutbox):
    now = timezone.now()
    OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=None,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    alert_deliver(alert_id=crisis_alert.pk)
    rewind(crisis_alert, minutes=16)
    alerts_escalate()
    assert emailed(mailoutbox) == {world.alice.email: 1, world.bob.email: 1}


# --- failure ----------------------------------------------------------------------------


def test_a_delivery_that_fails_for_good_marks_the_alert_failed_and_escalates_at_once(
    crisis_alert, world, bob_on_call, refusing_smtp
):
    outcomes = [alert_deliver(alert_id=crisis_alert.pk) for _ in range(max_delivery_attempts())]
    assert outcomes[-1] == DeliveryOutcome.FAILED
    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.FAILED
    assert crisis_alert.escalation_level == Escalation.PRIMARY
    # Due now, not at the fifteen-minute mark.
    assert crisis_alert.next_escalation_at <= timezone.now()
    assert crisis_alert.next_escalation_at > timezone.now() - timedelta(minutes=1)

    # No clock moves: the very next run of the beat job takes it up the ladder.
    assert alerts_escalate() == [crisis_alert.pk]
    crisis_alert.refresh_from_db()
    assert crisis_alert.escalation_level == Escalation.ON_CALL
    # Email is still refused, but the in-app inbox of the next rung has it.
    assert InboxItem.objects.filter(alert=crisis_alert, user=world.bob, read_at=None).exists()
    assert Delivery.objects.filter(
        alert=crisis_alert,
        channel="in_app",
        recipient=world.bob,
        outcome=Delivery.Outcome.SENT,
    ).exists()


def test_a_delivery_that_has_not_yet_failed_for_good_does_not_escalate_early(
    crisis_alert, world, bob_on_call, refusing_smtp
):
    assert alert_deliver(alert_id=crisis_alert.pk) == DeliveryOutcome.RETRY
    assert alerts_escalate() == []
    crisis_alert.refresh_from_db()
    assert crisis_alert.escalation_level == Escalation.PRIMARY
    assert not InboxItem.objects.filter(alert=crisis_alert, user=world.bob).exists()


# --- the clinic's own policy ------------------------------------------------------------


def test_a_clinics_policy_overrides_the_critical_deadlines(world, bob_on_call, mailoutbox):
    AlertPolicy.objects.create(
        clinic=world.clinic, critical_to_on_call_minutes=5, critical_to_admins_minutes=10
    )
    [alert] = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    ).alerts
    alert_deliver(alert_id=alert.pk)
    assert deadline_after_raise(alert) == timedelta(minutes=5)

    rewind(alert, minutes=4)
    assert alerts_escalate() == []
    rewind(alert, minutes=2)  # 6 minutes
    assert alerts_escalate() == [alert.pk]
    assert emailed(mailoutbox) == {world.alice.email: 1, world.bob.email: 1}

    rewind(alert, minutes=5)  # 11 minutes: well before the default thirty
    assert alerts_escalate() == [alert.pk]
    alert.refresh_from_db()
    assert alert.escalation_level == Escalation.ADMINS
    assert world.admin.email in emailed(mailoutbox)


def test_a_clinics_policy_overrides_the_high_deadline(world, bob_on_call, mailoutbox):
    AlertPolicy.objects.create(clinic=world.clinic, high_to_on_call_minutes=60)
    [alert] = checkin_submit(patient=world.patient, clinic=world.clinic, mood=1, journal="").alerts
    alert_deliver(alert_id=alert.pk)
    rewind(alert, minutes=59)
    assert alerts_escalate() == []
    rewind(alert, minutes=2)  # 61 minutes: well before the default four hours
    assert alerts_escalate() == [alert.pk]
    assert world.bob.email in emailed(mailoutbox)


def test_a_policy_row_with_empty_deadlines_keeps_the_defaults(world, bob_on_call, mailoutbox):
    AlertPolicy.objects.create(clinic=world.clinic, critical_to_on_call_minutes=None)
    [alert] = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    ).alerts
    alert_deliver(alert_id=alert.pk)
    rewind(alert, minutes=14)
    assert alerts_escalate() == []
    rewind(alert, minutes=2)
    assert alerts_escalate() == [alert.pk]


def test_another_clinics_policy_does_not_apply(world, bob_on_call, mailoutbox):
    AlertPolicy.objects.create(
        clinic=world.other_clinic, critical_to_on_call_minutes=1, critical_to_admins_minutes=2
    )
    [alert] = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    ).alerts
    alert_deliver(alert_id=alert.pk)
    rewind(alert, minutes=3)
    assert alerts_escalate() == []
