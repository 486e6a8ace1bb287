"""Exports with things broken on purpose, on real parts.

The app's own processes (gunicorn, Celery workers, beat) against the test's
PostgreSQL, with a Redis server the test may stop, as in
tests/alerts/test_pipeline_under_failure.py. A build is made to fail the way
it can in production: a journal entry no configured key decrypts.
"""

import threading
import time
import urllib.error
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AccessEvent
from apps.dashboards.models import Export
from apps.dashboards.services import BuildOutcome, export_build, exports_sweep
from apps.diaries.models import CheckIn
from apps.protocols.selectors import clinic_today
from tests.dashboards.test_export_lifecycle import checkin as lifecycle_checkin
from tests.stack import AppProcesses, Browser, quiet_window, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

FAST = {
    "EXPORT_SWEEP_INTERVAL_SECONDS": "1",
    "EXPORT_SWEEP_AFTER_SECONDS": "2",
    "EXPORT_RETRY_BASE_SECONDS": "0.3",
    "EXPORT_MAX_ATTEMPTS": "3",
}


@pytest.fixture
def app(tmp_path, redis_server, smtp):
    processes = AppProcesses(tmp_path, redis_url=redis_server.url, smtp_port=smtp.port, **FAST)
    yield processes
    processes.stop_all()


def nothing_else_window(app):
    """How long to watch for a build that must not happen: long enough for
    beat's export sweep (every EXPORT_SWEEP_INTERVAL_SECONDS) to run twice
    over an export past EXPORT_SWEEP_AFTER_SECONDS, which is when a wrong
    rebuild would start. From the values the processes were given, so it
    grows with them."""
    return quiet_window(
        app.seconds("EXPORT_SWEEP_INTERVAL_SECONDS"),
        after=app.seconds("EXPORT_SWEEP_AFTER_SECONDS"),
    )


def checkin(world, journal="Walked by the river."):
    return lifecycle_checkin(world, days_ago=3, journal=journal)


def stored_journal(entry):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT journal FROM {CheckIn._meta.db_table} WHERE id = %s", [entry.pk])
        return cursor.fetchone()[0]


def store_journal(entry, raw):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CheckIn._meta.db_table} SET journal = %s WHERE id = %s", [raw, entry.pk]
        )


UNREADABLE = "fernet:gAAAAABnot-a-token-any-key-opens"


def request_long_export(app, world):
    """Ask for a year as Alice does, in the browser: it goes to a worker."""
    today = clinic_today(world.clinic)
    form = {"format": "csv", "first": (today - timedelta(days=364)).isoformat(), "last": today}
    return Browser(app.base_url, world.alice).post_form(
        reverse("dashboards:exports", args=[world.patient.pk]), form
    )


def export_state(export_id):
    return Export.objects.filter(pk=export_id).values_list("state", flat=True).first()


def test_with_the_broker_down_the_request_is_kept_and_built_once_when_it_is_back(
    world, app, redis_server
):
    checkin(world)
    app.start_web()
    app.start_worker()
    app.start_beat()
    redis_server.stop()

    started = time.monotonic()
    status, url, page = request_long_export(app, world)
    # The publish gives up fast (2 s connect timeout, one retry): no hung page.
    assert time.monotonic() - started < 15
    assert status == 200 and "/clinician/exports/" in url
    assert "Queued" in page and "picked up again automatically" in page
    export = Export.objects.get()
    assert (export.state, export.attempts) == (Export.State.PENDING, 0)
    time.sleep(nothing_else_window(app))  # the sweep runs, and can enqueue nothing
    assert export_state(export.pk) == Export.State.PENDING

    redis_server.start()
    assert wait_for(lambda: export_state(export.pk) == Export.State.DONE, timeout=60), app.log(
        "worker"
    ) + app.log("beat")
    time.sleep(nothing_else_window(app))  # later sweeps would (wrongly) build it again
    export.refresh_from_db()
    assert export.attempts == 1
    assert "Walked by the river." in export.content
    assert AccessEvent.objects.filter(action="export_csv").count() == 1


def test_a_running_export_whose_worker_died_is_rebuilt_exactly_once(world, app):
    checkin(world)
    today = clinic_today(world.clinic)
    long_ago = timezone.now() - timedelta(minutes=30)
    dead = Export.objects.create(
        requested_by=world.alice,
        patient=world.patient,
        format=Export.Format.CSV,
        first=today - timedelta(days=300),
        last=today,
        state=Export.State.RUNNING,
        attempts=1,
        progress=40,
    )
    Export.objects.filter(pk=dead.pk).update(claimed_at=long_ago, created_at=long_ago)
    # Two workers, each able to take the sweep's message or a duplicate of it.
    app.start_worker("worker-a")
    app.start_worker("worker-b")
    app.start_beat()

    assert wait_for(lambda: export_state(dead.pk) == Export.State.DONE, timeout=60), (
        app.log("worker-a") + app.log("worker-b") + app.log("beat")
    )
    time.sleep(nothing_else_window(app))  # later sweeps would (wrongly) build it again
    dead.refresh_from_db()
    assert (dead.state, dead.attempts) == (Export.State.DONE, 2)
    assert AccessEvent.objects.filter(action="export_csv").count() == 1


def test_a_build_that_keeps_failing_is_retried_then_failed_and_the_page_says_so(world, app):
    store_journal(checkin(world), UNREADABLE)
    app.start_web()
    app.start_worker()
    app.start_beat()

    request_long_export(app, world)
    export = Export.objects.get()
    assert wait_for(lambda: export_state(export.pk) == Export.State.FAILED, timeout=60), app.log(
        "worker"
    )
    time.sleep(nothing_else_window(app))  # the sweep leaves a failed export alone
    export.refresh_from_db()
    assert (export.state, export.attempts) == (Export.State.FAILED, 3)
    assert "ImproperlyConfigured" in export.last_error
    assert not AccessEvent.objects.filter(action="export_csv").exists()

    alice = Browser(app.base_url, world.alice)
    status, _url, page = alice.get(reverse("dashboards:export_status", args=[export.pk]))
    assert status == 200
    assert "could not be built, after 3 attempts" in page and "Try again" in page
    assert "Traceback" not in page and "ImproperlyConfigured" not in page


def test_a_build_that_fails_once_is_retried_by_the_worker_and_succeeds(world, app):
    app.env["EXPORT_RETRY_BASE_SECONDS"] = "3"
    app.env["EXPORT_SWEEP_AFTER_SECONDS"] = "30"
    entry = checkin(world, journal="A good day.")
    good = stored_journal(entry)
    store_journal(entry, UNREADABLE)
    app.start_web()
    app.start_worker()

    request_long_export(app, world)
    export = Export.objects.get()
    assert wait_for(
        lambda: Export.objects.filter(pk=export.pk, state="pending", attempts=1).exists(),
        timeout=30,
    ), app.log("worker")
    store_journal(entry, good)  # the operator puts the key back
    assert wait_for(lambda: export_state(export.pk) == Export.State.DONE, timeout=30), app.log(
        "worker"
    )
    export.refresh_from_db()
    assert export.attempts == 2 and "A good day." in export.content


def test_the_daily_job_wipes_only_expired_files_and_leaves_the_trail(world, app, redis_server):
    from config.celery import app as celery_app

    checkin(world, journal="Slept well.")
    app.start_web()
    app.start_worker()
    alice = Browser(app.base_url, world.alice)
    today = clinic_today(world.clinic)
    for days in (10, 20):
        form = {"format": "csv", "first": (today - timedelta(days=days)).isoformat(), "last": today}
        alice.post_form(reverse("dashboards:exports", args=[world.patient.pk]), form)
    old, new = Export.objects.order_by("pk")
    assert old.state == new.state == Export.State.DONE
    Export.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    trail = list(AccessEvent.objects.order_by("pk").values_list("pk", "action", "at"))

    # The beat entry's task, run by the real worker through the real broker.
    with celery_app.connection_for_write(redis_server.url) as conn:
        celery_app.send_task("apps.dashboards.tasks.expire_exports", connection=conn)
    assert wait_for(lambda: export_state(old.pk) == Export.State.EXPIRED, timeout=30), app.log(
        "worker"
    )
    assert Export.objects.get(pk=old.pk).content == ""
    assert Export.objects.get(pk=new.pk).state == Export.State.DONE
    assert "Slept well." in Export.objects.get(pk=new.pk).content
    assert list(AccessEvent.objects.order_by("pk").values_list("pk", "action", "at")) == trail

    with pytest.raises(urllib.error.HTTPError) as gone:
        alice.get(reverse("dashboards:export_download", args=[old.pk]))
    assert gone.value.code == 410
    assert "This export has expired" in gone.value.read().decode()


def test_a_worker_whose_claim_was_taken_back_writes_nothing(world, settings):
    """A slow worker (stalled, not dead) loses its claim to the sweep; when it
    finally finishes, the rebuilt file stands and nothing is recorded twice.
    A table lock holds the first build between its claim and its reads."""
    settings.EXPORT_CLAIM_TIMEOUT_SECONDS = 600
    checkin(world)
    today = clinic_today(world.clinic)
    export = Export.objects.create(
        requested_by=world.alice,
        patient=world.patient,
        format=Export.Format.CSV,
        first=today - timedelta(days=200),
        last=today,
    )
    outcome = {}

    def slow_worker():
        try:
            outcome["first"] = export_build(export_id=export.pk)
        finally:
            connections.close_all()

    locker = connections.create_connection("default")
    try:
        with locker.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(f"LOCK TABLE {CheckIn._meta.db_table} IN ACCESS EXCLUSIVE MODE")
            first = threading.Thread(target=slow_worker)
            first.start()
            assert wait_for(lambda: export_state(export.pk) == Export.State.RUNNING, timeout=10)
            # Its claim goes stale, the sweep takes it back; another build wins.
            Export.objects.filter(pk=export.pk).update(
                claimed_at=timezone.now() - timedelta(hours=1),
                created_at=timezone.now() - timedelta(hours=1),
            )
            Export.objects.filter(pk=export.pk, state="running").update(state="pending")
            cursor.execute("COMMIT")
    finally:
        locker.close()
    second = export_build(export_id=export.pk)
    first.join(timeout=30)
    assert (outcome["first"], second) == (BuildOutcome.SKIPPED, BuildOutcome.DONE)
    export.refresh_from_db()
    assert (export.state, export.attempts) == (Export.State.DONE, 2)
    assert AccessEvent.objects.filter(action="export_csv").count() == 1
    assert exports_sweep() == []
