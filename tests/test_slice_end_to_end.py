"""The whole loop on real parts: PostgreSQL, Redis, Celery worker and beat.

A patient's crisis check-in goes through the web view, the alert row commits
with it, the worker (a separate process started here) claims it from Redis
and emails the clinician through Django's SMTP backend, and the clinician
acknowledges it; beat's escalation job then passes the alert's deadline and
sends nothing more, while another patient's alert, left unacknowledged, goes
up the ladder in the same window. The only fake is the SMTP server: the edge
of the world.
"""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.alerts.models import Alert, AlertState, Delivery, Escalation, InboxItem
from tests.stack import AppProcesses, quiet_window, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path, smtp):
    processes = AppProcesses(tmp_path, redis_url=settings.REDIS_URL, smtp_port=smtp.port)
    processes.start_worker()
    yield processes
    processes.stop_all()


def crisis_checkin(client, patient):
    client.force_login(patient)
    response = client.post(
        reverse("diaries:today"), {"mood": "4", "journal": "I have a plan to end my life."}
    )
    assert response["Location"].startswith(reverse("diaries:crisis"))
    return response


def test_a_crisis_checkin_reaches_the_clinician_by_email_and_is_acknowledged(
    world, client, smtp, worker
):
    response = crisis_checkin(client, world.patient)
    assert "not watched around the clock" in client.get(response["Location"]).text
    # The control: Bob's patient in crisis too; nobody acknowledges this one.
    crisis_checkin(client, world.other_patient)

    alert = Alert.objects.get(patient=world.patient)
    control = Alert.objects.get(patient=world.other_patient)
    delivered = wait_for(
        lambda: Alert.objects.filter(pk__in=[alert.pk, control.pk], state="delivered").count() == 2
    )
    assert delivered, worker.log("worker")

    [message] = smtp.for_alert(alert.pk)
    assert message["To"] == world.alice.email
    assert "CRITICAL" in message["Subject"]
    assert "end my life" not in message.as_string()
    assert Delivery.objects.filter(alert=alert, channel="email", outcome="sent").count() == 1
    assert [m["To"] for m in smtp.for_alert(control.pk)] == [world.bob.email]

    # The check-in armed the escalation: the on-call rung after 15 minutes
    # (fixtures/alert_rules.yaml). The ladder is in whole minutes and no
    # setting makes it seconds, so the test brings both deadlines forward to
    # one beat interval from now, as the time passing would. Beat is not
    # running yet, so nothing can escalate before the acknowledgement lands.
    alert.refresh_from_db()
    assert alert.next_escalation_at - alert.created_at >= timedelta(minutes=14)
    interval = worker.seconds("ALERT_JOBS_INTERVAL_SECONDS")
    deadline = timezone.now() + timedelta(seconds=interval)
    Alert.objects.filter(pk__in=[alert.pk, control.pk]).update(next_escalation_at=deadline)

    client.force_login(world.alice)
    client.post(reverse("alerts:acknowledge", args=[alert.pk]), {"note": "Called; safe."})
    alert.refresh_from_db()
    assert alert.state == AlertState.ACKNOWLEDGED
    assert alert.acknowledged_by == world.alice

    # Beat runs the escalation job every ALERT_JOBS_INTERVAL_SECONDS. The
    # control proves the job ran past both deadlines: it reaches the rung
    # above (no one is on call, so the clinic admin) and emails the admin.
    worker.start_beat()
    escalated = wait_for(
        lambda: (
            len(smtp.for_alert(control.pk)) == 2
            and InboxItem.objects.filter(alert=control, user=world.admin).exists()
        ),
        timeout=60,
    )
    assert escalated, worker.log("beat") + worker.log("worker")
    assert Alert.objects.get(pk=control.pk).escalation_level == Escalation.ON_CALL
    assert [m["To"] for m in smtp.for_alert(control.pk)] == [world.bob.email, world.admin.email]

    # Nothing more is sent after the acknowledgement: had the acknowledged
    # alert escalated with the control, in that run or the next, its email to
    # the admin would have arrived within this window.
    time.sleep(quiet_window(interval))
    assert [m["To"] for m in smtp.for_alert(alert.pk)] == [world.alice.email]
    alert.refresh_from_db()
    assert (alert.state, alert.escalation_level) == (AlertState.ACKNOWLEDGED, Escalation.PRIMARY)
    assert not InboxItem.objects.filter(alert=alert, user=world.admin).exists()
