"""The daily digest: low and moderate alerts wait, and go out once a day as one
email per person, at the clinic's digest hour in the clinic's own time zone.

World's clinic is in America/New_York (UTC-5 in January, UTC-4 in July); the
other clinic is in Europe/London. The default digest hour is 8.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.alerts.models import Alert, AlertPolicy, AlertState, Delivery, InboxItem
from apps.alerts.page import digest_due
from apps.alerts.services import alerts_digest, alerts_sweep, max_delivery_attempts, raise_for
from apps.clinics.models import CareTeam, Membership, Role
from apps.safety.services import Finding
from tests.conftest import make_member

# 08:00 in New York in winter, and 13:00 in London.
NY_DIGEST_WINTER = datetime(2026, 1, 15, 13, 0, tzinfo=UTC)
# 08:00 in New York in summer (daylight saving time).
NY_DIGEST_SUMMER = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
# 08:00 in London in winter, and 03:00 in New York.
LONDON_DIGEST_WINTER = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)


def raise_one(clinic, patient, rule, severity) -> Alert:
    with transaction.atomic():
        [alert] = raise_for(
            clinic=clinic,
            patient=patient,
            findings=[Finding(rule=rule, severity=severity, summary=f"{rule}", is_crisis=False)],
        )
    return alert


def missed(world, patient=None) -> Alert:
    return raise_one(world.clinic, patient or world.patient, "missed_checkins", "low")


def gad7(world, patient=None) -> Alert:
    return raise_one(world.clinic, patient or world.patient, "gad7_severe", "moderate")


def states(*alerts):
    return [Alert.objects.get(pk=alert.pk).state for alert in alerts]


# --- waiting ----------------------------------------------------------------------------


@pytest.mark.parametrize("severity", ["low", "moderate"])
def test_low_and_moderate_alerts_wait_for_the_digest_instead_of_paging(
    world, severity, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        alert = raise_one(world.clinic, world.patient, f"some_{severity}_rule", severity)
    assert callbacks == []
    alert.refresh_from_db()
    assert alert.in_digest is True
    assert alert.state == AlertState.PENDING
    assert alert.next_escalation_at is None
    assert mailoutbox == []


def test_a_high_alert_by_contrast_is_enqueued_at_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        alert = raise_one(world.clinic, world.patient, "very_low_mood", "high")
    assert alert.in_digest is False
    assert len(callbacks) == 1


def test_the_sweep_leaves_digest_alerts_alone(world, mailoutbox):
    alert = missed(world)
    Alert.objects.filter(pk=alert.pk).update(created_at=timezone.now() - timedelta(hours=6))
    assert alerts_sweep() == []
    assert states(alert) == [AlertState.PENDING]


# --- the hour ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "now",
    [
        pytest.param(datetime(2026, 1, 15, 12, 59, tzinfo=UTC), id="07:59 in New York"),
        pytest.param(datetime(2026, 1, 15, 14, 0, tzinfo=UTC), id="09:00 in New York"),
        pytest.param(datetime(2026, 1, 15, 8, 0, tzinfo=UTC), id="08:00 UTC, 03:00 in New York"),
        pytest.param(datetime(2026, 7, 15, 13, 0, tzinfo=UTC), id="09:00 in New York in July"),
    ],
)
def test_nothing_is_sent_outside_the_clinics_digest_hour(world, mailoutbox, now):
    alerts = [missed(world), gad7(world)]
    assert alerts_digest(now=now) == 0
    assert mailoutbox == []
    assert states(*alerts) == [AlertState.PENDING, AlertState.PENDING]
    assert not InboxItem.objects.exists()


@pytest.mark.parametrize(
    "now",
    [
        pytest.param(NY_DIGEST_WINTER, id="08:00 EST"),
        pytest.param(NY_DIGEST_WINTER + timedelta(minutes=59), id="08:59 EST"),
        pytest.param(NY_DIGEST_SUMMER, id="08:00 EDT"),
    ],
)
def test_at_the_digest_hour_each_person_gets_one_email_with_all_of_their_alerts(
    world, mailoutbox, now
):
    alices = [missed(world), gad7(world)]
    bobs = [missed(world, patient=world.other_patient)]

    assert alerts_digest(now=now) == 3

    by_person = {tuple(message.to): message for message in mailoutbox}
    assert len(mailoutbox) == 2
    assert set(by_person) == {(world.alice.email,), (world.bob.email,)}
    to_alice, to_bob = by_person[(world.alice.email,)], by_person[(world.bob.email,)]
    assert "2 alerts" in to_alice.subject
    assert "1 alert " in to_bob.subject
    for alert in alices:
        assert f"alert {alert.pk})" in to_alice.body
        assert f"alert {alert.pk})" not in to_bob.body
    assert f"alert {bobs[0].pk})" in to_bob.body


def test_the_digest_marks_its_alerts_delivered_and_puts_them_in_the_inbox(world, mailoutbox):
    alerts = [missed(world), gad7(world)]
    alerts_digest(now=NY_DIGEST_WINTER)
    for alert in alerts:
        alert.refresh_from_db()
        assert alert.state == AlertState.DELIVERED
        assert alert.delivered_at is not None
        assert InboxItem.objects.filter(alert=alert, user=world.alice, read_at=None).exists()
        assert Delivery.objects.filter(
            alert=alert, recipient=world.alice, outcome=Delivery.Outcome.SENT
        ).exists()
    # Only the patient's own clinician: nobody else was told.
    assert set(InboxItem.objects.values_list("user", flat=True)) == {world.alice.pk}


def test_sending_the_digest_twice_sends_nothing_more(world, mailoutbox):
    missed(world)
    gad7(world)
    assert alerts_digest(now=NY_DIGEST_WINTER) == 2
    assert alerts_digest(now=NY_DIGEST_WINTER + timedelta(minutes=5)) == 0
    assert alerts_digest(now=NY_DIGEST_WINTER + timedelta(days=1)) == 0
    assert len(mailoutbox) == 1
    assert InboxItem.objects.count() == 2


def test_an_alert_raised_after_the_digest_waits_for_the_next_one(world, mailoutbox):
    missed(world)
    alerts_digest(now=NY_DIGEST_WINTER)
    later = gad7(world)
    assert alerts_digest(now=NY_DIGEST_WINTER + timedelta(hours=1)) == 0
    assert states(later) == [AlertState.PENDING]
    assert alerts_digest(now=NY_DIGEST_WINTER + timedelta(days=1)) == 1
    assert len(mailoutbox) == 2
    assert "1 alert " in mailoutbox[-1].subject


def test_the_digest_email_holds_no_patient_name_and_no_evidence(world, mailoutbox):
    missed(world)
    alerts_digest(now=NY_DIGEST_WINTER)
    [message] = mailoutbox
    for part in (message.subject, message.body, message.alternatives[0].content):
        assert world.patient.full_name not in part
        assert world.patient.email not in part


def test_each_clinic_gets_its_digest_at_its_own_local_hour(world, mailoutbox):
    london_patient = make_member(world.other_clinic, "lee@birch.test", Role.PATIENT, "Lee Birch")
    CareTeam.objects.create(
        clinic=world.other_clinic, patient=london_patient, clinician=world.charlie, is_primary=True
    )
    new_york = missed(world)
    london = raise_one(world.other_clinic, london_patient, "missed_checkins", "low")

    assert alerts_digest(now=LONDON_DIGEST_WINTER) == 1
    assert [m.to for m in mailoutbox] == [[world.charlie.email]]
    assert states(new_york, london) == [AlertState.PENDING, AlertState.DELIVERED]

    assert alerts_digest(now=NY_DIGEST_WINTER) == 1
    assert [m.to for m in mailoutbox] == [[world.charlie.email], [world.alice.email]]
    assert states(new_york, london) == [AlertState.DELIVERED, AlertState.DELIVERED]


def test_a_clinics_policy_sets_its_digest_hour(world, mailoutbox):
    AlertPolicy.objects.create(clinic=world.clinic, digest_hour=18)
    alert = missed(world)
    assert alerts_digest(now=NY_DIGEST_WINTER) == 0
    # 18:00 in New York in January is 23:00 UTC.
    assert alerts_digest(now=datetime(2026, 1, 15, 23, 0, tzinfo=UTC)) == 1
    assert states(alert) == [AlertState.DELIVERED]
    assert [m.to for m in mailoutbox] == [[world.alice.email]]


def test_a_digest_for_a_patient_without_a_clinician_goes_to_the_admins(world, mailoutbox):
    CareTeam.objects.filter(patient=world.patient).delete()
    alert = missed(world)
    assert alerts_digest(now=NY_DIGEST_WINTER) == 1
    assert [m.to for m in mailoutbox] == [[world.admin.email]]
    assert InboxItem.objects.filter(alert=alert, user=world.admin).exists()


# --- failure ----------------------------------------------------------------------------


def test_a_digest_that_cannot_be_sent_waits_for_the_next_one(world, refusing_smtp):
    alert = missed(world)
    assert alerts_digest(now=NY_DIGEST_WINTER) == 0
    alert.refresh_from_db()
    assert alert.state == AlertState.PENDING
    [attempt] = Delivery.objects.filter(alert=alert)
    assert attempt.outcome == Delivery.Outcome.ERROR
    # The in-app inbox does not depend on email.
    assert InboxItem.objects.filter(alert=alert, user=world.alice).exists()


def test_a_digest_alert_is_marked_failed_only_after_the_last_attempt(world, refusing_smtp):
    alert = missed(world)
    for day in range(max_delivery_attempts() - 1):
        alerts_digest(now=NY_DIGEST_WINTER + timedelta(days=day))
        assert states(alert) == [AlertState.PENDING], f"failed after {day + 1} attempt(s)"
    alerts_digest(now=NY_DIGEST_WINTER + timedelta(days=max_delivery_attempts()))
    assert states(alert) == [AlertState.FAILED]


def test_a_digest_alert_with_nobody_to_tell_is_failed_not_delivered(world, mailoutbox):
    CareTeam.objects.filter(patient=world.patient).delete()
    Membership.objects.filter(user=world.admin).update(is_active=False)
    alert = missed(world)
    alerts_digest(now=NY_DIGEST_WINTER)
    assert mailoutbox == []
    assert states(alert) == [AlertState.FAILED]


def test_the_digest_names_each_alert_in_words_never_by_its_rule_id(world, mailoutbox):
    missed(world)
    gad7(world)
    alerts_digest(now=NY_DIGEST_WINTER)
    [message] = mailoutbox
    for part in (message.body, message.alternatives[0].content):
        assert "missed check-ins" in part and "GAD-7: severe anxiety" in part
        assert "missed_checkins" not in part and "gad7_severe" not in part


# --- what the pages say while it waits (stop 52) ------------------------------------------


def test_a_waiting_digest_alert_says_when_it_goes_out_not_that_it_failed(world, client):
    # "Waiting to be sent ... not delivered to anyone yet" read as a same-day alert that failed.
    alert = gad7(world)
    client.force_login(world.alice)
    page = client.get(reverse("alerts:detail", args=[alert.pk])).content.decode()
    assert "Waiting for the daily digest" in page
    assert "It goes out in the clinic's daily digest at" in page
    assert "not delivered to anyone yet" not in page.lower()
    inbox = client.get(reverse("alerts:inbox")).content.decode()
    assert "waiting for the daily digest" in inbox
    assert "not delivered to anyone yet" not in inbox


def test_the_digest_is_due_at_the_clinics_next_digest_hour_in_its_own_time(world):
    alert = gad7(world)
    # 07:30 in New York in winter: this morning at 08:00.
    due = digest_due(alert=alert, now=NY_DIGEST_WINTER - timedelta(minutes=30))
    assert (due.hour, due.day, str(due.tzinfo)) == (8, 15, "America/New_York")
    # 08:00 itself has just been sent: tomorrow's.
    assert digest_due(alert=alert, now=NY_DIGEST_WINTER).day == 16
    AlertPolicy.objects.update_or_create(clinic=world.clinic, defaults={"digest_hour": 17})
    assert digest_due(alert=alert, now=NY_DIGEST_WINTER).hour == 17


def test_a_paging_alert_has_no_digest_time(world):
    alert = raise_one(world.clinic, world.patient, "crisis_language", "critical")
    assert digest_due(alert=alert) is None
