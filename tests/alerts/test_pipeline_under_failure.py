"""The alert pipeline with things broken on purpose, on real parts.

Each test runs the app's own processes (gunicorn, Celery workers, beat) with a
Redis server it may stop and an SMTP server it may make fail, against the
test's PostgreSQL database, and checks that every alert is delivered exactly
once, or shown as failed and escalated.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from apps.alerts.models import Alert, AlertState, Delivery, InboxItem
from apps.clinics.models import CareTeam, OnCallShift, Role
from tests.conftest import make_member
from tests.stack import AppProcesses, Browser, quiet_window, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

CRISIS = {"mood": "4", "journal": "I have a plan to end my life."}


@pytest.fixture
def app(tmp_path, redis_server, smtp):
    processes = AppProcesses(tmp_path, redis_url=redis_server.url, smtp_port=smtp.port)
    yield processes
    processes.stop_all()


def nothing_else_window(app):
    """How long to watch for a send that must not happen: long enough for
    beat's sweep (every ALERT_JOBS_INTERVAL_SECONDS) to run twice over an
    alert past ALERT_SWEEP_AFTER_SECONDS, which is when a wrong resend would
    come. From the values the processes were given, so it grows with them."""
    return quiet_window(
        app.seconds("ALERT_JOBS_INTERVAL_SECONDS"), after=app.seconds("ALERT_SWEEP_AFTER_SECONDS")
    )


def state_of(alert_id):
    return Alert.objects.get(pk=alert_id).state


def crisis_checkin(app, patient):
    status, url, page = Browser(app.base_url, patient).post_form(reverse("diaries:today"), CRISIS)
    return status, url, page


def test_with_the_broker_down_the_patient_sees_the_crisis_page_and_the_alert_arrives_later(
    world, app, redis_server, smtp
):
    app.start_web()
    app.start_worker()
    app.start_beat()
    redis_server.stop()

    status, url, page = crisis_checkin(app, world.patient)
    assert status == 200 and "/crisis/" in url
    assert "not watched around the clock" in page
    alert = Alert.objects.get(patient=world.patient, rule="crisis_language")
    assert alert.state == AlertState.PENDING
    time.sleep(nothing_else_window(app))  # the sweep runs, and can enqueue nothing
    assert smtp.for_alert(alert.pk) == []

    redis_server.start()
    assert wait_for(lambda: state_of(alert.pk) == AlertState.DELIVERED, timeout=60), app.log(
        "worker"
    ) + app.log("beat")
    time.sleep(nothing_else_window(app))  # later sweeps would (wrongly) send it again
    assert len(smtp.for_alert(alert.pk)) == 1


def test_a_worker_killed_mid_delivery_leaves_the_alert_to_be_delivered_once(world, app, smtp):
    app.env["ALERT_CLAIM_TIMEOUT_SECONDS"] = "5"
    app.start_web()
    app.start_worker("first-worker")
    app.start_beat()
    smtp.hold_next()

    crisis_checkin(app, world.patient)
    alert = Alert.objects.get(patient=world.patient, rule="crisis_language")
    assert smtp.holding.wait(timeout=30), app.log("first-worker")
    assert state_of(alert.pk) == AlertState.SENDING
    app.kill("first-worker")

    app.start_worker("second-worker")
    assert wait_for(lambda: state_of(alert.pk) == AlertState.DELIVERED, timeout=60), app.log(
        "second-worker"
    ) + app.log("beat")
    time.sleep(nothing_else_window(app))  # a sweep would (wrongly) send it again
    assert len(smtp.for_alert(alert.pk)) == 1
    assert Delivery.objects.filter(alert=alert, channel="email", outcome="sent").count() == 1


def test_an_smtp_server_that_fails_three_times_then_works_delivers_with_the_attempts_recorded(
    world, app, smtp
):
    app.env["ALERT_MAX_DELIVERY_ATTEMPTS"] = "5"
    app.start_web()
    app.start_worker()
    app.start_beat()
    smtp.fail_next(3)

    crisis_checkin(app, world.patient)
    alert = Alert.objects.get(patient=world.patient, rule="crisis_language")
    assert wait_for(lambda: state_of(alert.pk) == AlertState.DELIVERED, timeout=60), app.log(
        "worker"
    )
    emails = Delivery.objects.filter(alert=alert, channel="email").order_by("attempted_at")
    assert [d.outcome for d in emails] == ["error", "error", "error", "sent"]
    assert all("451" in d.detail for d in emails[:3])
    assert len(smtp.for_alert(alert.pk)) == 1


def test_an_smtp_server_that_refuses_for_good_fails_the_alert_escalates_it_and_shows_it(
    world, app, smtp
):
    OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.alice,
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=8),
    )
    app.start_web()
    app.start_worker()
    app.start_beat()
    smtp.refuse_all()

    crisis_checkin(app, world.patient)
    alert = Alert.objects.get(patient=world.patient, rule="crisis_language")
    # Failed at the primary clinician, then up the ladder: on call, then admins.
    assert wait_for(
        lambda: Alert.objects.filter(pk=alert.pk, escalation_level=2, state="failed").exists(),
        timeout=90,
    ), app.log("worker") + app.log("beat")
    assert smtp.accepted == []
    # The people above still heard of it in the app, where nothing can refuse.
    assert InboxItem.objects.filter(alert=alert, user=world.bob).exists()
    assert InboxItem.objects.filter(alert=alert, user=world.admin).exists()
    assert Delivery.objects.filter(alert=alert, channel="email", outcome="error").exists()

    admin = Browser(app.base_url, world.admin)
    _status, _url, console = admin.get(reverse("clinics:members"))
    assert "1 alert could not be delivered" in console
    _status, _url, failed = admin.get(reverse("alerts:inbox") + "?show=failed")
    assert "delivery failed" in failed


def test_two_hundred_concurrent_crisis_checkins_make_two_hundred_alerts_each_sent_once(
    world, app, smtp
):
    patients = []
    for number in range(200):
        patient = make_member(world.clinic, f"load{number}@maple.test", Role.PATIENT)
        CareTeam.objects.create(
            clinic=world.clinic, patient=patient, clinician=world.alice, is_primary=True
        )
        patients.append(patient)
    app.start_web(workers=2, threads=8)
    app.start_worker("worker-a", concurrency=2)
    app.start_worker("worker-b", concurrency=2)
    app.start_beat()

    def submit(patient):
        try:
            status, url, _page = crisis_checkin(app, patient)
            return status, "/crisis/" in url
        finally:
            connections.close_all()  # this thread's connection (the session row)

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(submit, patients))
    assert results == [(200, True)] * 200

    alerts = Alert.objects.filter(rule="crisis_language", patient__in=patients)
    assert alerts.count() == 200
    assert wait_for(
        lambda: alerts.filter(state=AlertState.DELIVERED).count() == 200, timeout=120
    ), f"{alerts.exclude(state='delivered').count()} undelivered\n" + app.log("worker-a")
    time.sleep(nothing_else_window(app))  # a sweep would (wrongly) send some again
    sent = smtp.alert_ids()
    assert sorted(sent) == sorted(str(pk) for pk in alerts.values_list("pk", flat=True))
    assert len(sent) == len(set(sent)) == 200
