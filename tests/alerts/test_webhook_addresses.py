"""The webhook goes only to public addresses, follows no redirects, and says
what went wrong in words that do not map the server's own network (a probe
of 2026-12-04 used the alert page as a port scanner)."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.alerts.channels import webhook
from apps.alerts.models import AlertPolicy, Delivery
from apps.alerts.services import alert_deliver
from apps.diaries.services import checkin_submit

from ..conftest import reauthenticate


class Answer(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.hits += 1
        self.send_response(self.server.status)
        if self.server.status in (301, 302, 307, 308):
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def loopback():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    server.hits, server.status = 0, 204
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def deliver_to(world, url):
    """Save `url` as the clinic's webhook (straight into the table, as an old
    row or a changed DNS answer would have it), raise a crisis alert and send it."""
    AlertPolicy.objects.create(clinic=world.clinic, webhook_url=url, webhook_secret="s")
    [alert] = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    ).alerts
    alert_deliver(alert_id=alert.pk)
    return Delivery.objects.get(alert=alert, channel="webhook")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fd00:ec2::254",
        "::ffff:127.0.0.1",
    ],
)
def test_internal_addresses_are_not_public(address):
    assert not webhook._is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are(address):
    assert webhook._is_public(address)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://127.0.0.1/hook", "private or internal network"),
        ("https://[::1]:8443/hook", "private or internal network"),
        ("https://169.254.169.254/latest/meta-data/", "private or internal network"),
        ("http://8.8.8.8/hook", "must start with https://"),
        ("https://user:secret@8.8.8.8/hook", "must not contain a user name"),
        ("https://8.8.8.8:99999/hook", "not a valid web address"),
    ],
)
def test_an_address_trellis_will_not_send_to_is_explained(url, words):
    assert words in webhook.address_problem(url)


def test_a_public_address_is_accepted():
    assert webhook.address_problem("https://8.8.8.8/hook") is None


def test_a_name_with_any_internal_address_is_refused(monkeypatch):
    # A name that answers with a public and an internal address (a DNS
    # rebinding set-up) is refused as a whole.
    answers = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", 443)),
    ]
    monkeypatch.setattr(webhook.socket, "getaddrinfo", lambda *a, **k: answers)
    assert "private or internal" in webhook.address_problem("https://pager.example.org/hook")


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch):
    monkeypatch.setattr(
        webhook.socket,
        "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443))],
    )
    dialled = []

    def create_connection(address, timeout=None):
        dialled.append(address)
        raise OSError("no network in tests")

    monkeypatch.setattr(webhook.socket, "create_connection", create_connection)
    policy = AlertPolicy(webhook_url="https://pager.example.org/hook", webhook_secret="s")

    class Alert:
        pk, clinic_id, patient_id, rule, severity, escalation_level = 1, 1, 1, "r", "high", 0
        created_at = timezone.now()

    with pytest.raises(webhook.WebhookError):
        webhook.send(alert=Alert, recipient=None, policy=policy)
    assert dialled == [("93.184.216.34", 443)]


def test_a_saved_internal_address_is_refused_at_send_in_plain_words(world, loopback):
    delivery = deliver_to(world, loopback.url.replace("http://", "https://"))
    assert loopback.hits == 0
    assert delivery.outcome == Delivery.Outcome.ERROR
    assert delivery.detail == (
        "The webhook address points into a private or internal network; Trellis sends alerts "
        "only to public addresses."
    )


def test_a_redirect_is_not_followed(world, loopback, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    loopback.status = 302
    delivery = deliver_to(world, loopback.url)
    assert loopback.hits == 1
    assert delivery.outcome == Delivery.Outcome.ERROR
    assert "redirect (HTTP 302)" in delivery.detail and "does not follow" in delivery.detail


def test_a_closed_port_and_an_error_read_alike_and_show_no_socket_error(world, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    delivery = deliver_to(world, f"http://127.0.0.1:{closed_port}/hook")
    assert delivery.detail.startswith("Could not reach the clinic's endpoint")
    for leak in ("Errno", "refused", "ConnectionRefusedError", "WebhookError", str(closed_port)):
        assert leak not in delivery.detail


def test_the_console_refuses_an_internal_webhook_address(world, client):
    client.force_login(world.admin)
    reauthenticate(client)
    response = client.post(
        reverse("console:alert_policy"),
        {
            "critical_to_on_call_minutes": 15,
            "critical_to_admins_minutes": 30,
            "high_to_on_call_minutes": 240,
            "digest_hour": 8,
            "webhook_url": "https://169.254.169.254/latest/meta-data/",
            "webhook_secret": "a-long-enough-shared-secret",
            "channels_critical": ["in_app", "email", "webhook"],
            "channels_high": ["in_app", "email"],
            "channels_moderate": ["email"],
            "channels_low": ["in_app"],
        },
    )
    assert "private or internal network" in response.content.decode()
    assert not AlertPolicy.objects.exists()
