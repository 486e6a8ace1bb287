"""The in-app inbox: the unread badge, reading, resolving, and who may see what."""

import re
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.alerts.models import Alert, AlertState, Escalation, InboxItem
from apps.alerts.services import alert_deliver, alert_resolve, raise_for
from apps.audit.models import AccessEvent
from apps.clinics.models import OnCallShift
from apps.safety.services import Finding

INBOX = reverse("alerts:inbox")
NAV_BADGE = re.compile(r"Inbox\s*<span class=\"badge[^\"]*\">\s*(\d+)")


def detail_url(alert):
    return reverse("alerts:detail", args=[alert.pk])


def unread_badge(response):
    """The number on the nav's Inbox badge, or None when there is no badge."""
    match = NAV_BADGE.search(response.content.decode())
    return int(match.group(1)) if match else None


def bob_shift(world, starts, ends):
    now = timezone.now()
    return OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.alice,
        starts_at=now + starts,
        ends_at=now + ends,
    )


@pytest.fixture
def delivered(crisis_alert):
    alert_deliver(alert_id=crisis_alert.pk)
    crisis_alert.refresh_from_db()
    return crisis_alert


# --- the badge and reading -------------------------------------------------------------


def test_the_nav_shows_alices_unread_count_after_delivery(crisis_alert, world, client):
    client.force_login(world.alice)
    # The badge counts the alerts to act on (issue 18), delivered or not yet.
    assert unread_badge(client.get(INBOX)) == 1
    alert_deliver(alert_id=crisis_alert.pk)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert unread_badge(response) == 1


def test_the_badge_is_on_every_staff_page_not_only_the_inbox(delivered, world, client):
    client.force_login(world.alice)
    response = client.get(reverse("dashboards:caseload"))
    assert response.status_code == 200
    assert unread_badge(response) == 1


def test_opening_an_alert_marks_it_read(delivered, world, client):
    client.force_login(world.alice)
    assert client.get(detail_url(delivered)).status_code == 200
    item = InboxItem.objects.get(alert=delivered, user=world.alice)
    assert item.read_at is not None
    # Read is not acted on: the badge counts it until it is resolved (issue 18).
    assert unread_badge(client.get(INBOX)) == 1


def test_opening_an_alert_is_recorded_in_the_access_trail(delivered, world, client):
    client.force_login(world.alice)
    client.get(detail_url(delivered))
    [event] = AccessEvent.objects.filter(action="view_alert")
    assert (event.actor, event.patient) == (world.alice, world.patient)
    assert event.path == detail_url(delivered)


def test_someone_elses_reading_does_not_mark_alices_copy_read(delivered, world, client):
    client.force_login(world.admin)
    assert client.get(detail_url(delivered)).status_code == 200
    assert InboxItem.objects.get(alert=delivered, user=world.alice).read_at is None


def test_the_detail_page_shows_what_matched_in_the_journal(delivered, world, client):
    client.force_login(world.alice)
    response = client.get(detail_url(delivered))
    assert "<mark>kill myself</mark>" in response.content.decode()


# --- resolving --------------------------------------------------------------------------


def test_resolving_without_a_note_is_refused_with_a_helpful_message(delivered, world, client):
    client.force_login(world.alice)
    response = client.post(
        reverse("alerts:resolve", args=[delivered.pk]), {"note": "  "}, follow=True
    )
    assert response.status_code == 200
    assert "Say what was done before resolving the alert." in response.content.decode()
    delivered.refresh_from_db()
    assert delivered.state == AlertState.DELIVERED
    assert delivered.resolved_at is None and delivered.acknowledged_at is None


def test_resolving_with_a_note_closes_the_alert(delivered, world, client):
    client.force_login(world.alice)
    response = client.post(
        reverse("alerts:resolve", args=[delivered.pk]),
        {"note": "Seen in clinic; safety plan updated."},
    )
    assert response.status_code == 302
    delivered.refresh_from_db()
    assert delivered.state == AlertState.RESOLVED
    assert delivered.resolved_by == world.alice
    assert delivered.resolved_at is not None
    assert delivered.resolution_note == "Seen in clinic; safety plan updated."
    assert delivered.next_escalation_at is None


def test_resolving_an_unacknowledged_alert_records_the_acknowledgement_too(
    delivered, world, client
):
    assert delivered.acknowledged_at is None
    client.force_login(world.alice)
    client.post(reverse("alerts:resolve", args=[delivered.pk]), {"note": "Called; all well."})
    delivered.refresh_from_db()
    assert delivered.acknowledged_by == world.alice
    assert delivered.acknowledged_at == delivered.resolved_at


def test_resolving_an_acknowledged_alert_keeps_the_first_acknowledgement(delivered, world, client):
    client.force_login(world.alice)
    client.post(reverse("alerts:acknowledge", args=[delivered.pk]), {"note": "Calling now."})
    delivered.refresh_from_db()
    acknowledged_at = delivered.acknowledged_at
    client.force_login(world.admin)
    client.post(reverse("alerts:resolve", args=[delivered.pk]), {"note": "Closed after review."})
    delivered.refresh_from_db()
    assert delivered.state == AlertState.RESOLVED
    assert (delivered.acknowledged_by, delivered.acknowledged_at) == (world.alice, acknowledged_at)
    assert delivered.acknowledgement_note == "Calling now."
    assert delivered.resolved_by == world.admin


def test_a_resolved_alert_no_longer_counts_as_unread(delivered, world, client):
    alert_resolve(alert=delivered, by=world.admin, note="Handled by phone.")
    client.force_login(world.alice)
    assert unread_badge(client.get(INBOX)) is None


# --- what the inbox lists ---------------------------------------------------------------


def test_the_inbox_lists_open_alerts_by_default_and_history_on_request(crisis_alert, world, client):
    with transaction.atomic():
        [old] = raise_for(
            clinic=world.clinic,
            patient=world.patient,
            findings=[Finding("very_low_mood", "high", "Very low mood: 1 of 10", True)],
        )
    alert_resolve(alert=old, by=world.alice, note="Better the next day.")
    client.force_login(world.alice)

    page = client.get(INBOX).content.decode()
    assert detail_url(crisis_alert) in page
    assert detail_url(old) not in page

    page = client.get(INBOX, {"show": "all"}).content.decode()
    assert detail_url(crisis_alert) in page
    assert detail_url(old) in page


def test_the_inbox_does_not_list_another_clinicians_patients(crisis_alert, world, client):
    with transaction.atomic():
        [bobs] = raise_for(
            clinic=world.clinic,
            patient=world.other_patient,
            findings=[Finding("very_low_mood", "high", "Very low mood: 1 of 10", True)],
        )
    client.force_login(world.alice)
    page = client.get(INBOX, {"show": "all"}).content.decode()
    assert detail_url(crisis_alert) in page
    assert detail_url(bobs) not in page


# --- who may see it ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "starts,ends",
    [
        pytest.param(None, None, id="no shift"),
        pytest.param(timedelta(hours=1), timedelta(hours=9), id="before the shift"),
        pytest.param(-timedelta(hours=9), -timedelta(seconds=1), id="after the shift"),
    ],
)
def test_bob_cannot_see_alices_patients_alert_outside_an_on_call_shift(
    crisis_alert, world, client, starts, ends
):
    if starts is not None:
        bob_shift(world, starts, ends)
    client.force_login(world.bob)
    assert client.get(detail_url(crisis_alert)).status_code == 404
    assert detail_url(crisis_alert) not in client.get(INBOX, {"show": "all"}).content.decode()
    response = client.post(reverse("alerts:acknowledge", args=[crisis_alert.pk]), {"note": "x"})
    assert response.status_code == 404
    assert not AccessEvent.objects.filter(actor=world.bob).exists()


def test_bob_sees_alices_patients_alert_while_his_on_call_shift_is_current(
    crisis_alert, world, client
):
    bob_shift(world, -timedelta(hours=1), timedelta(hours=1))
    client.force_login(world.bob)
    assert client.get(detail_url(crisis_alert)).status_code == 200
    assert detail_url(crisis_alert) in client.get(INBOX).content.decode()
    assert AccessEvent.objects.filter(
        actor=world.bob, patient=world.patient, action="view_alert"
    ).exists()


def test_bob_loses_sight_of_the_alert_when_his_shift_ends(crisis_alert, world, client):
    shift = bob_shift(world, -timedelta(hours=1), timedelta(hours=1))
    client.force_login(world.bob)
    assert client.get(detail_url(crisis_alert)).status_code == 200
    OnCallShift.objects.filter(pk=shift.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    assert client.get(detail_url(crisis_alert)).status_code == 404


@pytest.mark.parametrize("with_shift", [False, True], ids=["no shift", "a shift at alices clinic"])
def test_charlie_never_sees_the_alert(crisis_alert, world, client, with_shift):
    if with_shift:
        # A shift in a clinic he does not belong to gives him nothing.
        now = timezone.now()
        OnCallShift.objects.create(
            clinic=world.clinic,
            clinician=world.charlie,
            covers=None,
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=1),
        )
    client.force_login(world.charlie)
    assert client.get(detail_url(crisis_alert)).status_code == 404
    assert detail_url(crisis_alert) not in client.get(INBOX, {"show": "all"}).content.decode()
    response = client.post(reverse("alerts:resolve", args=[crisis_alert.pk]), {"note": "x"})
    assert response.status_code == 404
    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.PENDING


@pytest.mark.parametrize("who", ["patient", "other_patient"])
def test_patients_cannot_open_alerts(crisis_alert, world, client, who):
    client.force_login(getattr(world, who))
    assert client.get(detail_url(crisis_alert)).status_code == 404


def test_the_admin_sees_every_alert_of_the_clinic(crisis_alert, world, client):
    client.force_login(world.admin)
    assert client.get(detail_url(crisis_alert)).status_code == 200
    assert detail_url(crisis_alert) in client.get(INBOX).content.decode()


def test_someone_logged_out_is_sent_to_log_in(crisis_alert, client):
    response = client.get(detail_url(crisis_alert))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_after_his_shift_bobs_badge_no_longer_counts_alerts_he_cannot_open(
    crisis_alert, world, client
):
    shift = bob_shift(world, -timedelta(hours=1), timedelta(hours=1))
    Alert.objects.filter(pk=crisis_alert.pk).update(escalation_level=Escalation.ON_CALL)
    alert_deliver(alert_id=crisis_alert.pk)
    client.force_login(world.bob)
    assert unread_badge(client.get(INBOX)) == 1

    OnCallShift.objects.filter(pk=shift.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    assert client.get(detail_url(crisis_alert)).status_code == 404
    assert unread_badge(client.get(INBOX)) is None
