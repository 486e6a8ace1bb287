"""The whole loop on real parts: PostgreSQL, Redis, a Celery worker process.

A patient's crisis check-in goes through the web view, the alert row commits
with it, the worker (a separate process started here) claims it from Redis
and emails the clinician through Django's SMTP backend, and the clinician
acknowledges it. The only fake is the SMTP server: the edge of the world.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.urls import reverse

from apps.alerts.models import Alert, AlertState, Delivery

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, inbox
    controller.stop()


def database_url() -> str:
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker(smtp_server, tmp_path):
    controller, _inbox = smtp_server
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
        "TRELLIS_VAR_DIR": str(tmp_path),
    }
    log = open(tmp_path / "worker.log", "w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-mingle",
            "--without-gossip",
            "-n",
            "e2e@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_crisis_checkin_reaches_the_clinician_by_email_and_is_acknowledged(
    world, client, smtp_server, worker, tmp_path
):
    _controller, inbox = smtp_server

    client.force_login(world.patient)
    response = client.post(
        reverse("diaries:today"), {"mood": "4", "journal": "I have a plan to end my life."}
    )
    assert response["Location"].startswith(reverse("diaries:crisis"))
    assert "not watched around the clock" in client.get(response["Location"]).text

    alert = Alert.objects.get(patient=world.patient)
    delivered = wait_for(lambda: Alert.objects.get(pk=alert.pk).state == AlertState.DELIVERED)
    assert delivered, (tmp_path / "worker.log").read_text()[-3000:]

    [envelope] = inbox.messages
    assert envelope.rcpt_tos == [world.alice.email]
    content = envelope.content.decode()
    assert "CRITICAL" in content
    assert "end my life" not in content
    assert Delivery.objects.filter(alert=alert, outcome=Delivery.Outcome.SENT).count() == 1

    client.force_login(world.alice)
    client.post(reverse("alerts:acknowledge", args=[alert.pk]), {"note": "Called; safe."})
    alert.refresh_from_db()
    assert alert.state == AlertState.ACKNOWLEDGED
    assert alert.acknowledged_by == world.alice
    # Nothing more is sent after the acknowledgement.
    time.sleep(1)
    assert len(inbox.messages) == 1
