"""Push reminders (issue 19): the patient chooses email, a notification or
both; a push reaches the push service encrypted for the browser and signed
with VAPID; a push service that answers 410 loses the subscription and an
email follows, as it does after a 500 or no answer. Every attempt is logged.

The only thing faked is the push service: a loopback HTTP server that keeps
what it is sent and answers as told."""

import base64
import json
import threading
from datetime import UTC, datetime, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse

from apps.diaries.models import PushSubscription, ReminderDelivery, ReminderPreference
from apps.diaries.reminder_channels import push as push_channel
from apps.diaries.services import reminders_send_due

NEW_YORK = "America/New_York"
AT_EIGHT_PM = datetime(2026, 1, 15, 1, 0, tzinfo=UTC)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class FakePushService:
    """A push service on loopback: records each POST (headers and body) and
    answers with `status`; with `hang`, answers nothing until the client gives up."""

    def __init__(self):
        self.received = []
        self.status = 201
        self.hang = False
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                service.received.append(
                    {
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": body,
                    }
                )
                if service.hang:
                    threading.Event().wait(3)
                self.send_response(service.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class Browser:
    """What a browser holds for one subscription: its ECDH key pair and auth secret."""

    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = b"0123456789abcdef"
        self.p256dh = b64url(
            self.key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    def decrypt(self, body: bytes) -> dict:
        return json.loads(
            http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth, version="aes128gcm")
        )


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


@pytest.fixture
def push_service(settings):
    settings.WEBPUSH_ALLOW_PRIVATE_ENDPOINTS = True
    with FakePushService() as service:
        yield service


def subscribed(world, push_service, browser, name="phone"):
    return PushSubscription.objects.create(
        patient=world.patient,
        endpoint=f"{push_service.url}/push/{name}",
        p256dh=browser.p256dh,
        auth=b64url(browser.auth),
    )


def wants(world, channel):
    return ReminderPreference.objects.create(
        patient=world.patient, enabled=True, time=time(20, 0), timezone=NEW_YORK, channel=channel
    )


def attempts(world):
    return list(
        ReminderDelivery.objects.filter(patient=world.patient)
        .order_by("pk")
        .values_list("channel", "outcome")
    )


def test_a_push_reminder_reaches_the_push_service_encrypted_and_signed(
    world, push_service, mailoutbox
):
    browser = Browser()
    subscribed(world, push_service, browser)
    wants(world, "push")

    assert reminders_send_due(now=AT_EIGHT_PM) == 1

    [posted] = push_service.received
    assert posted["path"] == "/push/phone"
    assert posted["headers"]["content-encoding"] == "aes128gcm"
    # VAPID (RFC 8292): a signed token and the server's public key.
    assert posted["headers"]["authorization"].startswith("vapid t=")
    assert "k=" in posted["headers"]["authorization"]
    message = browser.decrypt(posted["body"])
    assert message["body"] == "Time for today's check-in. It takes a minute."
    assert message["url"] == reverse("diaries:today")
    assert mailoutbox == []
    assert attempts(world) == [("push", "sent")]


@pytest.mark.parametrize("status", [404, 410])
def test_a_gone_subscription_is_removed_and_an_email_follows(
    world, push_service, mailoutbox, status
):
    push_service.status = status
    subscribed(world, push_service, Browser())
    wants(world, "push")

    assert reminders_send_due(now=AT_EIGHT_PM) == 1

    assert len(push_service.received) == 1
    assert not PushSubscription.objects.filter(patient=world.patient).exists()
    [email] = mailoutbox
    assert email.to == [world.patient.email]
    assert attempts(world) == [("push", "gone"), ("email", "sent")]
    detail = ReminderDelivery.objects.get(channel="push").detail
    assert f"answered {status}" in detail and "removed" in detail
    assert "instead of the notification" in ReminderDelivery.objects.get(channel="email").detail


def test_a_push_service_error_keeps_the_subscription_and_an_email_follows(
    world, push_service, mailoutbox
):
    push_service.status = 500
    subscribed(world, push_service, Browser())
    wants(world, "push")

    assert reminders_send_due(now=AT_EIGHT_PM) == 1

    assert PushSubscription.objects.filter(patient=world.patient).exists()
    assert len(mailoutbox) == 1
    assert attempts(world) == [("push", "failed"), ("email", "sent")]
    assert "answered 500" in ReminderDelivery.objects.get(channel="push").detail


def test_a_push_service_that_does_not_answer_falls_back_to_email(
    world, push_service, mailoutbox, monkeypatch
):
    monkeypatch.setattr(push_channel, "TIMEOUT_SECONDS", 0.5)
    push_service.hang = True
    subscribed(world, push_service, Browser())
    wants(world, "push")

    assert reminders_send_due(now=AT_EIGHT_PM) == 1

    assert len(mailoutbox) == 1
    assert attempts(world) == [("push", "failed"), ("email", "sent")]
    assert "did not answer" in ReminderDelivery.objects.get(channel="push").detail


def test_push_chosen_with_no_subscription_sends_the_email(world, mailoutbox):
    wants(world, "push")
    assert reminders_send_due(now=AT_EIGHT_PM) == 1
    assert len(mailoutbox) == 1
    assert attempts(world) == [("push", "failed"), ("email", "sent")]


def test_both_sends_a_push_to_every_phone_and_an_email(world, push_service, mailoutbox):
    phone, laptop = Browser(), Browser()
    subscribed(world, push_service, phone, "phone")
    subscribed(world, push_service, laptop, "laptop")
    wants(world, "both")

    assert reminders_send_due(now=AT_EIGHT_PM) == 1

    assert sorted(item["path"] for item in push_service.received) == ["/push/laptop", "/push/phone"]
    assert len(mailoutbox) == 1
    assert sorted(attempts(world)) == [("email", "sent"), ("push", "sent"), ("push", "sent")]
    assert ReminderDelivery.objects.get(channel="email").detail == ""


def test_email_only_sends_no_push(world, push_service, mailoutbox):
    subscribed(world, push_service, Browser())
    wants(world, "email")
    assert reminders_send_due(now=AT_EIGHT_PM) == 1
    assert push_service.received == []
    assert attempts(world) == [("email", "sent")]


def test_a_push_to_a_private_address_is_refused_outside_tests(world, settings, mailoutbox):
    settings.WEBPUSH_ALLOW_PRIVATE_ENDPOINTS = False
    PushSubscription.objects.create(
        patient=world.patient, endpoint="https://127.0.0.1/push", p256dh="x" * 87, auth="y" * 22
    )
    wants(world, "push")
    assert reminders_send_due(now=AT_EIGHT_PM) == 1
    assert attempts(world) == [("push", "failed"), ("email", "sent")]
    assert "private network" in ReminderDelivery.objects.get(channel="push").detail


# --- subscribing from the reminders page ------------------------------------------------


def subscription_json(endpoint="https://push.example.com/send/abc", browser=None):
    browser = browser or Browser()
    return {"endpoint": endpoint, "keys": {"p256dh": browser.p256dh, "auth": b64url(browser.auth)}}


def test_a_patient_subscribes_and_unsubscribes_this_browser(world, patient_client):
    response = patient_client.post(
        reverse("diaries:push_subscribe"), subscription_json(), content_type="application/json"
    )
    assert response.status_code == 201
    saved = PushSubscription.objects.get(patient=world.patient)
    assert saved.endpoint == "https://push.example.com/send/abc"

    response = patient_client.post(
        reverse("diaries:push_unsubscribe"),
        {"endpoint": saved.endpoint},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["removed"] is True
    assert not PushSubscription.objects.exists()


GOOD_KEYS = {"p256dh": "a" * 87, "auth": "b" * 22}


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        json.dumps(
            {"endpoint": "ftp://push.example.com/x", "keys": {"p256dh": "a" * 87, "auth": "b" * 22}}
        ),
        json.dumps(
            {
                "endpoint": "https://push.example.com/x",
                "keys": {"p256dh": "short", "auth": "b" * 22},
            }
        ),
        json.dumps({"endpoint": "https://push.example.com/x", "keys": "nope"}),
        json.dumps({"endpoint": "https://" + "a" * 1000 + ".com/", "keys": {}}),
    ],
)
def test_a_bad_subscription_is_refused_in_words_never_a_500(world, patient_client, body):
    response = patient_client.post(
        reverse("diaries:push_subscribe"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]
    assert not PushSubscription.objects.exists()


def test_subscribing_needs_the_csrf_token(world, client):
    client.handler.enforce_csrf_checks = True
    client.force_login(world.patient)
    response = client.post(
        reverse("diaries:push_subscribe"), subscription_json(), content_type="application/json"
    )
    assert response.status_code == 403
    assert not PushSubscription.objects.exists()


def test_one_patient_cannot_remove_anothers_subscription(world, patient_client):
    from tests.conftest import make_member

    other = make_member(world.clinic, "other-patient@example.com", "patient")
    PushSubscription.objects.create(
        patient=other, endpoint="https://push.example.com/other", p256dh="a" * 87, auth="b" * 22
    )
    response = patient_client.post(
        reverse("diaries:push_unsubscribe"),
        {"endpoint": "https://push.example.com/other"},
        content_type="application/json",
    )
    assert response.json()["removed"] is False
    assert PushSubscription.objects.filter(patient=other).exists()


def test_the_patient_chooses_push_email_or_both(world, patient_client):
    page = patient_client.get(reverse("diaries:reminders")).text
    assert "As a notification on my phone" in page and 'id="push-setup"' in page
    response = patient_client.post(
        reverse("diaries:reminders"),
        {"enabled": "on", "time": "19:30", "timezone": NEW_YORK, "channel": "both"},
    )
    assert response.status_code == 302
    assert ReminderPreference.objects.get(patient=world.patient).channel == "both"
    response = patient_client.post(
        reverse("diaries:reminders"),
        {"enabled": "on", "time": "19:30", "timezone": NEW_YORK, "channel": "pigeon"},
    )
    assert response.status_code == 200
    assert "Choose email, a notification, or both." in response.text


def test_vapid_keys_makes_a_pair_that_signs_and_verifies():
    from cryptography.hazmat.primitives import hashes

    from apps.diaries.management.commands.vapid_keys import key_pair

    private, public = key_pair()
    padded = lambda text: base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))  # noqa: E731
    scalar, point = padded(private), padded(public)
    assert (len(scalar), len(point), point[0]) == (32, 65, 4)
    key = ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP256R1())
    signature = key.sign(b"reminder", ec.ECDSA(hashes.SHA256()))
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point).verify(
        signature, b"reminder", ec.ECDSA(hashes.SHA256())
    )
