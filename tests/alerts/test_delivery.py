from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from apps.alerts.models import Alert, AlertState, Delivery
from apps.alerts.services import (
    DeliveryOutcome,
    alert_deliver,
    alerts_sweep,
    max_delivery_attempts,
)
from apps.clinics.models import CareTeam, Membership


def test_it_emails_the_primary_clinician(crisis_alert, world, mailoutbox):
    assert alert_deliver(alert_id=crisis_alert.pk) == DeliveryOutcome.DELIVERED
    [message] = mailoutbox
    assert message.to == [world.alice.email]
    assert "CRITICAL" in message.subject
    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.DELIVERED and crisis_alert.delivered_at
    sent = Delivery.objects.filter(alert=crisis_alert, outcome=Delivery.Outcome.SENT)
    assert sorted(sent.values_list("channel", flat=True)) == ["email", "in_app"]


def test_the_email_holds_no_journal_text_and_no_patient_name(crisis_alert, world, mailoutbox):
    alert_deliver(alert_id=crisis_alert.pk)
    [message] = mailoutbox
    html = message.alternatives[0].content
    for part in (message.subject, message.body, html):
        assert "kill myself" not in part
        assert world.patient.full_name not in part
    assert reverse("alerts:detail", args=[crisis_alert.pk]) in message.body


def test_it_does_not_deliver_twice(crisis_alert, mailoutbox):
    assert alert_deliver(alert_id=crisis_alert.pk) == DeliveryOutcome.DELIVERED
    assert alert_deliver(alert_id=crisis_alert.pk) == DeliveryOutcome.SKIPPED
    assert len(mailoutbox) == 1


def test_a_claimed_alert_is_left_to_the_worker_that_claimed_it(crisis_alert, mailoutbox):
    Alert.objects.filter(pk=crisis_alert.pk).update(
        state=AlertState.SENDING, claimed_at=timezone.now()
    )
    assert alert_deliver(alert_id=crisis_alert.pk) == DeliveryOutcome.SKIPPED
    assert mailoutbox == []


def test_a_refused_smtp_connection_is_recorded_and_the_alert_waits_for_a_retry(
    crisis_alert, refusing_smtp
):
    assert alert_deliver(alert_id=crisis_alert.pk) == DeliveryOutcome.RETRY
    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.PENDING
    [attempt] = Delivery.objects.filter(alert=crisis_alert, channel="email")
    assert attempt.outcome == Delivery.Outcome.ERROR
    assert "Connection" in attempt.detail or "refused" in attempt.detail


def test_after_the_last_attempt_the_alert_is_marked_failed(crisis_alert, refusing_smtp):
    outcomes = [alert_deliver(alert_id=crisis_alert.pk) for _ in range(max_delivery_attempts())]
    assert outcomes[-1] == DeliveryOutcome.FAILED
    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.FAILED
    assert (
        Delivery.objects.filter(alert=crisis_alert, channel="email").count()
        == max_delivery_attempts()
    )
    # The in-app inbox was reached on the first attempt and never again.
    assert Delivery.objects.filter(alert=crisis_alert, channel="in_app").count() == 1


def test_a_recipient_already_told_is_not_told_again_on_retry(crisis_alert, world, mailoutbox):
    Delivery.objects.create(
        alert=crisis_alert,
        channel="email",
        target=f"email:user:{world.alice.pk}",
        recipient=world.alice,
        outcome=Delivery.Outcome.SENT,
    )
    assert alert_deliver(alert_id=crisis_alert.pk) == DeliveryOutcome.DELIVERED
    assert mailoutbox == []


def test_without_a_primary_clinician_the_clinic_admins_are_told(world, mailoutbox):
    CareTeam.objects.filter(patient=world.patient).delete()
    from apps.diaries.services import checkin_submit

    [alert] = checkin_submit(patient=world.patient, clinic=world.clinic, mood=1, journal="").alerts
    alert_deliver(alert_id=alert.pk)
    assert [m.to for m in mailoutbox] == [[world.admin.email]]


def test_with_nobody_to_tell_the_alert_fails_loudly_instead_of_counting_as_delivered(
    crisis_alert, world, mailoutbox
):
    world.alice.is_active = False
    world.alice.save()
    Membership.objects.filter(user=world.admin).update(is_active=False)
    assert alert_deliver(alert_id=crisis_alert.pk) == DeliveryOutcome.FAILED
    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.FAILED
    assert mailoutbox == []


def test_the_sweep_delivers_alerts_left_pending_after_a_minute(
    crisis_alert, mailoutbox, eager_celery
):
    assert alerts_sweep() == []  # too young: its own enqueue may still be on the way
    Alert.objects.filter(pk=crisis_alert.pk).update(
        created_at=timezone.now() - timedelta(minutes=2)
    )
    assert alerts_sweep() == [crisis_alert.pk]
    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.DELIVERED
    assert len(mailoutbox) == 1


def test_the_sweep_releases_a_claim_whose_worker_died(crisis_alert, mailoutbox, eager_celery):
    long_ago = timezone.now() - timedelta(hours=1)
    Alert.objects.filter(pk=crisis_alert.pk).update(
        state=AlertState.SENDING, claimed_at=long_ago, created_at=long_ago
    )
    alerts_sweep()
    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.DELIVERED
    assert len(mailoutbox) == 1


def test_the_linked_clinician_acknowledges_with_a_note(crisis_alert, world, client):
    client.force_login(world.alice)
    response = client.post(
        reverse("alerts:acknowledge", args=[crisis_alert.pk]),
        {"note": "Phoned her; safe with her sister tonight."},
    )
    assert response.status_code == 302
    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.ACKNOWLEDGED
    assert crisis_alert.acknowledged_by == world.alice
    assert crisis_alert.acknowledgement_note == "Phoned her; safe with her sister tonight."


def test_acknowledging_twice_keeps_the_first_acknowledgement(crisis_alert, world, client):
    client.force_login(world.alice)
    url = reverse("alerts:acknowledge", args=[crisis_alert.pk])
    client.post(url, {"note": "first"})
    client.force_login(world.admin)
    client.post(url, {"note": "second"})
    crisis_alert.refresh_from_db()
    assert (crisis_alert.acknowledged_by, crisis_alert.acknowledgement_note) == (
        world.alice,
        "first",
    )


def test_acknowledge_redirects_only_to_this_site(crisis_alert, world, client):
    client.force_login(world.alice)
    response = client.post(
        reverse("alerts:acknowledge", args=[crisis_alert.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("alerts:detail", args=[crisis_alert.pk])
