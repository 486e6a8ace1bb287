"""/health/: what a monitor polls to learn that the alert pipeline is alive."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.alerts.models import Alert, AlertState
from apps.alerts.services import alert_deliver, raise_for
from apps.alerts.tasks import HEARTBEAT_KEY, heartbeat
from apps.safety.services import Finding

HEALTH = reverse("alerts:health")


@pytest.fixture(autouse=True)
def no_heartbeat():
    """The local-memory cache outlives a test: start each one without a beat."""
    cache.delete(HEARTBEAT_KEY)
    yield
    cache.delete(HEARTBEAT_KEY)


@pytest.fixture
def beating():
    heartbeat()


def check(client):
    response = client.get(HEALTH)
    return response.status_code, response.json()


def older_than(alert, seconds):
    Alert.objects.filter(pk=alert.pk).update(created_at=timezone.now() - timedelta(seconds=seconds))


def test_it_answers_ok_with_a_fresh_heartbeat_and_nothing_waiting(db, client, beating):
    status, report = check(client)
    assert status == 200
    assert report["status"] == "ok"
    assert report["checks"]["worker_heartbeat"]["ok"] is True
    assert report["checks"]["alerts"]["ok"] is True


def test_it_answers_ok_while_delivered_alerts_are_old(crisis_alert, client, beating):
    alert_deliver(alert_id=crisis_alert.pk)
    older_than(crisis_alert, 3600)
    status, report = check(client)
    assert (status, report["status"]) == (200, "ok")


def test_it_answers_ok_while_a_fresh_alert_is_on_its_way(crisis_alert, client, beating):
    status, _ = check(client)
    assert status == 200


def test_it_fails_without_a_heartbeat(db, client):
    status, report = check(client)
    assert status == 503
    assert report["status"] == "failing"
    assert report["checks"]["worker_heartbeat"]["ok"] is False


def test_it_fails_with_a_stale_heartbeat(db, client, settings):
    cache.set(HEARTBEAT_KEY, time.time() - settings.HEALTH_MAX_HEARTBEAT_AGE_SECONDS - 5)
    status, report = check(client)
    assert status == 503
    assert report["checks"]["worker_heartbeat"]["ok"] is False
    assert report["checks"]["worker_heartbeat"]["age_seconds"] > (
        settings.HEALTH_MAX_HEARTBEAT_AGE_SECONDS
    )


def test_a_heartbeat_just_inside_the_limit_is_fresh(db, client, settings):
    cache.set(HEARTBEAT_KEY, time.time() - settings.HEALTH_MAX_HEARTBEAT_AGE_SECONDS + 10)
    status, _ = check(client)
    assert status == 200


def test_it_fails_when_an_alert_has_waited_longer_than_the_limit(
    crisis_alert, client, beating, settings
):
    older_than(crisis_alert, settings.HEALTH_MAX_UNDELIVERED_AGE_SECONDS - 10)
    assert check(client)[0] == 200

    older_than(crisis_alert, settings.HEALTH_MAX_UNDELIVERED_AGE_SECONDS + 10)
    status, report = check(client)
    assert status == 503
    assert report["checks"]["alerts"]["ok"] is False
    assert report["checks"]["alerts"]["oldest_undelivered_age_seconds"] > (
        settings.HEALTH_MAX_UNDELIVERED_AGE_SECONDS
    )


def test_it_fails_when_an_alert_is_stuck_in_sending(crisis_alert, client, beating, settings):
    Alert.objects.filter(pk=crisis_alert.pk).update(
        state=AlertState.SENDING, claimed_at=timezone.now()
    )
    older_than(crisis_alert, settings.HEALTH_MAX_UNDELIVERED_AGE_SECONDS + 10)
    assert check(client)[0] == 503


def test_it_fails_when_an_alert_failed(crisis_alert, client, beating):
    Alert.objects.filter(pk=crisis_alert.pk).update(state=AlertState.FAILED)
    status, report = check(client)
    assert status == 503
    assert report["checks"]["alerts"]["failed"] == 1


def test_a_digest_alert_waiting_for_the_morning_is_not_a_failure(world, client, beating):
    with transaction.atomic():
        [alert] = raise_for(
            clinic=world.clinic,
            patient=world.patient,
            findings=[Finding("missed_checkins", "low", "No check-in for 3 days", False)],
        )
    older_than(alert, 20 * 3600)
    assert check(client)[0] == 200


def test_the_report_holds_no_patient_name_and_no_journal_text(crisis_alert, world, client):
    Alert.objects.filter(pk=crisis_alert.pk).update(state=AlertState.FAILED)
    older_than(crisis_alert, 3600)
    response = client.get(HEALTH)
    body = response.content.decode()
    assert response.status_code == 503
    for secret in (
        world.patient.full_name,
        world.patient.email,
        world.alice.full_name,
        "kill myself",
        crisis_alert.summary,
    ):
        assert secret not in body


def test_it_is_open_to_a_monitor_without_a_login_and_never_cached(db, client, beating):
    response = client.get(HEALTH)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_it_answers_only_get(db, client):
    assert client.post(HEALTH).status_code == 405
