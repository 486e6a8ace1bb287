"""The webhook channel, against a real HTTP server on loopback.

The server records every request (path, headers, body) and answers with the
status the test sets, so the tests see exactly what a clinic's paging system
would receive.
"""

import hashlib
import hmac
import json
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone

from apps.alerts.models import Alert, AlertPolicy, AlertState, Delivery, Escalation
from apps.alerts.services import (
    DeliveryOutcome,
    alert_deliver,
    alerts_digest,
    alerts_escalate,
    raise_for,
)
from apps.clinics.models import OnCallShift
from apps.diaries.services import checkin_submit
from apps.safety.services import Finding

SECRET = "s3cret-shared-with-the-clinic"
JOURNAL = "I want to kill myself."


class Recorder(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests.append(
            {
                "method": self.command,
                "path": self.path,
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "body": body,
            }
        )
        self.send_response(self.server.status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format, *args):
        pass


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    """The receiver listens on loopback, which production refuses
    (tests/alerts/test_webhook_addresses.py tests that refusal)."""
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True


@pytest.fixture
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.requests = []
    server.status = 204
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/trellis-hook"
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def policy(world, receiver):
    return AlertPolicy.objects.create(
        clinic=world.clinic, webhook_url=receiver.url, webhook_secret=SECRET
    )


@pytest.fixture
def alert(world, policy) -> Alert:
    """A critical alert raised after the clinic set up its webhook."""
    [alert] = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal=JOURNAL
    ).alerts
    return alert


def verify(request, secret=SECRET) -> bool:
    """What a receiver does: recompute the signature and compare in constant time."""
    parts = dict(
        item.split("=", 1) for item in request["headers"]["x-trellis-signature"].split(",")
    )
    expected = hmac.new(
        secret.encode(), f"{parts['t']}.".encode() + request["body"], hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


def webhook_deliveries(alert):
    return Delivery.objects.filter(alert=alert, channel="webhook").order_by("pk")


def test_a_critical_alert_is_posted_once_as_signed_json(alert, world, receiver):
    before = int(time.time())
    assert alert_deliver(alert_id=alert.pk) == DeliveryOutcome.DELIVERED
    assert alert_deliver(alert_id=alert.pk) == DeliveryOutcome.SKIPPED

    [request] = receiver.requests
    assert request["method"] == "POST"
    assert request["path"] == "/trellis-hook"
    assert request["headers"]["content-type"] == "application/json"
    body = json.loads(request["body"])
    assert body["alert_id"] == alert.pk
    assert body["severity"] == "critical"
    assert body["escalation_level"] == Escalation.PRIMARY
    assert body["link"].endswith(f"/alerts/{alert.pk}/")

    signature = request["headers"]["x-trellis-signature"]
    timestamp, version = signature.split(",")
    assert timestamp.startswith("t=") and version.startswith("v1=")
    assert before <= int(timestamp[2:]) <= int(time.time())
    assert verify(request)

    [delivery] = webhook_deliveries(alert)
    assert delivery.outcome == Delivery.Outcome.SENT
    assert delivery.recipient is None


def test_the_signature_does_not_verify_with_another_secret_or_an_altered_body(alert, receiver):
    alert_deliver(alert_id=alert.pk)
    [request] = receiver.requests
    assert not verify(request, secret="not-the-secret")
    tampered = request | {"body": request["body"].replace(b'"critical"', b'"low"')}
    assert tampered["body"] != request["body"]
    assert not verify(tampered)


def test_the_body_holds_no_journal_text_and_no_patient_name(alert, world, receiver):
    alert_deliver(alert_id=alert.pk)
    [request] = receiver.requests
    body = request["body"].decode()
    assert "kill" not in body.lower()
    assert world.patient.full_name not in body
    assert world.patient.email not in body
    assert world.alice.full_name not in body
    for header in request["headers"].values():
        assert world.patient.full_name not in header


def test_a_high_alert_is_posted_too(world, policy, receiver):
    [alert] = checkin_submit(patient=world.patient, clinic=world.clinic, mood=1, journal="").alerts
    alert_deliver(alert_id=alert.pk)
    [request] = receiver.requests
    assert json.loads(request["body"])["severity"] == "high"


def test_an_endpoint_that_answers_500_is_recorded_and_the_alert_waits_for_a_retry(
    alert, receiver, mailoutbox
):
    receiver.status = 500
    assert alert_deliver(alert_id=alert.pk) == DeliveryOutcome.RETRY

    alert.refresh_from_db()
    assert alert.state == AlertState.PENDING
    [failure] = webhook_deliveries(alert)
    assert failure.outcome == Delivery.Outcome.ERROR
    assert "500" in failure.detail
    assert len(receiver.requests) == 1

    receiver.status = 200
    assert alert_deliver(alert_id=alert.pk) == DeliveryOutcome.DELIVERED
    assert len(receiver.requests) == 2
    assert [d.outcome for d in webhook_deliveries(alert)] == [
        Delivery.Outcome.ERROR,
        Delivery.Outcome.SENT,
    ]
    # The people who were told on the first attempt are not told again.
    assert len(mailoutbox) == 1


def test_a_webhook_already_sent_is_not_sent_again_when_email_is_retried(
    alert, receiver, refusing_smtp
):
    assert alert_deliver(alert_id=alert.pk) == DeliveryOutcome.RETRY
    assert alert_deliver(alert_id=alert.pk) == DeliveryOutcome.RETRY
    assert len(receiver.requests) == 1
    assert webhook_deliveries(alert).count() == 1


def test_escalation_resends_the_webhook_with_the_new_escalation_level(
    alert, world, receiver, eager_celery, mailoutbox
):
    now = timezone.now()
    OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.alice,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    alert_deliver(alert_id=alert.pk)
    Alert.objects.filter(pk=alert.pk).update(
        created_at=now - timedelta(minutes=16), next_escalation_at=now - timedelta(minutes=1)
    )
    assert alerts_escalate() == [alert.pk]

    levels = [json.loads(request["body"])["escalation_level"] for request in receiver.requests]
    assert levels == [Escalation.PRIMARY, Escalation.ON_CALL]
    assert all(verify(request) for request in receiver.requests)
    assert [d.outcome for d in webhook_deliveries(alert)] == [Delivery.Outcome.SENT] * 2
    deliveries = receiver.requests[1]["headers"]["x-trellis-delivery"]
    assert deliveries == f"{alert.pk}-{Escalation.ON_CALL}"


def test_without_a_webhook_url_no_webhook_is_sent_or_recorded(world, receiver, mailoutbox):
    # A policy that names the webhook channel but has nowhere to send it.
    AlertPolicy.objects.create(
        clinic=world.clinic, channels={"critical": ["in_app", "email", "webhook"]}
    )
    [alert] = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal=JOURNAL
    ).alerts
    assert alert_deliver(alert_id=alert.pk) == DeliveryOutcome.DELIVERED
    assert not webhook_deliveries(alert).exists()
    assert receiver.requests == []
    assert len(mailoutbox) == 1


def test_a_clinic_without_a_policy_row_sends_no_webhook(crisis_alert, receiver):
    assert alert_deliver(alert_id=crisis_alert.pk) == DeliveryOutcome.DELIVERED
    assert not webhook_deliveries(crisis_alert).exists()
    assert receiver.requests == []


def test_a_digest_alert_is_never_posted(world, policy, receiver, mailoutbox):
    with transaction.atomic():
        [alert] = raise_for(
            clinic=world.clinic,
            patient=world.patient,
            findings=[Finding("missed_checkins", "low", "No check-in for 3 days", False)],
        )
    assert alerts_digest(now=datetime(2026, 1, 15, 13, 0, tzinfo=UTC)) == 1
    assert receiver.requests == []
    assert not webhook_deliveries(alert).exists()
