"""The whole loop on real parts: PostgreSQL, Redis, a Celery worker process.

A patient's crisis check-in goes through the web view, the alert row commits
with it, the worker (a separate process started here) claims it from Redis
and emails the clinician through Django's SMTP backend, and the clinician
acknowledges it. The only fake is the SMTP server: the edge of the world.
"""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from apps.alerts.models import Alert, AlertState, Delivery
from tests.stack import AppProcesses, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path, smtp):
    processes = AppProcesses(tmp_path, redis_url=settings.REDIS_URL, smtp_port=smtp.port)
    processes.start_worker()
    yield processes
    processes.stop_all()


def test_a_crisis_checkin_reaches_the_clinician_by_email_and_is_acknowledged(
    world, client, smtp, worker
):
    client.force_login(world.patient)
    response = client.post(
        reverse("diaries:today"), {"mood": "4", "journal": "I have a plan to end my life."}
    )
    assert response["Location"].startswith(reverse("diaries:crisis"))
    assert "not watched around the clock" in client.get(response["Location"]).text

    alert = Alert.objects.get(patient=world.patient)
    delivered = wait_for(lambda: Alert.objects.get(pk=alert.pk).state == AlertState.DELIVERED)
    assert delivered, worker.log("worker")

    [message] = smtp.for_alert(alert.pk)
    assert message["To"] == world.alice.email
    assert "CRITICAL" in message["Subject"]
    assert "end my life" not in message.as_string()
    assert Delivery.objects.filter(alert=alert, channel="email", outcome="sent").count() == 1

    client.force_login(world.alice)
    client.post(reverse("alerts:acknowledge", args=[alert.pk]), {"note": "Called; safe."})
    alert.refresh_from_db()
    assert alert.state == AlertState.ACKNOWLEDGED
    assert alert.acknowledged_by == world.alice
    # Nothing more is sent after the acknowledgement.
    time.sleep(1)
    assert len(smtp.accepted) == 1
