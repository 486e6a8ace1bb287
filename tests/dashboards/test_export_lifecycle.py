"""An export is never lost and never kept longer than needed.

Claims, retries, the sweep and retention, driven through the services and
the pages in-process (SQLite here, PostgreSQL under scripts/with-services.sh,
where the access trail's append-only trigger also holds). The same story with
a real broker stopped and real workers is in test_export_under_failure.py.

A build is made to fail the way it can in production: a journal entry that
no key in TRELLIS_ENCRYPTION_KEYS decrypts (a key dropped before rotating).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AccessEvent
from apps.dashboards.models import Export
from apps.dashboards.services import (
    BuildOutcome,
    export_build,
    export_request,
    exports_expire,
    exports_sweep,
)
from apps.diaries.models import CheckIn
from apps.protocols.selectors import clinic_today


@pytest.fixture
def eager_celery():
    from config.celery import app as celery_app

    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def checkin(world, days_ago=1, journal="Walked by the river."):
    return CheckIn.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        local_date=clinic_today(world.clinic) - timedelta(days=days_ago),
        mood=6,
        journal=journal,
    )


def unreadable(entry):
    """Store ciphertext no configured key opens, as after a key was dropped."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CheckIn._meta.db_table} SET journal = %s WHERE id = %s",
            ["fernet:gAAAAABnot-a-token-any-key-opens", entry.pk],
        )


def pending_export(world, days=200, **fields):
    today = clinic_today(world.clinic)
    export = Export.objects.create(
        requested_by=world.alice,
        patient=world.patient,
        format=Export.Format.CSV,
        first=today - timedelta(days=days - 1),
        last=today,
        **fields,
    )
    return export


def age(export, **delta):
    Export.objects.filter(pk=export.pk).update(created_at=timezone.now() - timedelta(**delta))


def trail():
    return list(AccessEvent.objects.order_by("pk").values_list("pk", "actor_id", "action", "at"))


def built(world, client):
    """A short export, built in the request, the way a clinician makes one."""
    checkin(world, journal="Slept well; felt calm.")
    client.force_login(world.alice)
    today = clinic_today(world.clinic)
    response = client.post(
        reverse("dashboards:exports", args=[world.patient.pk]),
        {"format": "csv", "first": (today - timedelta(days=9)).isoformat(), "last": today},
    )
    assert response.status_code == 302
    export = Export.objects.get()
    assert export.state == Export.State.DONE
    return export


# --- claims and retries ---------------------------------------------------------------------


def test_a_build_is_claimed_once_and_a_second_message_for_it_does_nothing(world):
    checkin(world)
    export = pending_export(world)
    assert export_build(export_id=export.pk) == BuildOutcome.DONE
    assert export_build(export_id=export.pk) == BuildOutcome.SKIPPED
    export.refresh_from_db()
    assert (export.state, export.attempts) == (Export.State.DONE, 1)
    assert AccessEvent.objects.filter(action="export_csv").count() == 1


def test_a_failing_build_is_retried_then_fails_for_good_after_the_last_attempt(world, settings):
    settings.EXPORT_MAX_ATTEMPTS = 3
    unreadable(checkin(world))
    export = pending_export(world)
    outcomes = [export_build(export_id=export.pk) for _ in range(4)]
    assert outcomes == [
        BuildOutcome.RETRY,
        BuildOutcome.RETRY,
        BuildOutcome.FAILED,
        BuildOutcome.SKIPPED,  # failed for good: nothing claims it again
    ]
    export.refresh_from_db()
    assert (export.state, export.attempts, export.progress) == (Export.State.FAILED, 3, 0)
    assert "ImproperlyConfigured" in export.last_error
    assert not AccessEvent.objects.filter(action="export_csv").exists()


def test_a_build_that_fails_once_then_works_is_kept_once(world):
    entry = checkin(world, journal="A good day.")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT journal FROM {CheckIn._meta.db_table} WHERE id = %s", [entry.pk])
        (good,) = cursor.fetchone()
    unreadable(entry)
    export = pending_export(world)
    assert export_build(export_id=export.pk) == BuildOutcome.RETRY
    assert Export.objects.get(pk=export.pk).state == Export.State.PENDING
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CheckIn._meta.db_table} SET journal = %s WHERE id = %s", [good, entry.pk]
        )
    assert export_build(export_id=export.pk) == BuildOutcome.DONE
    export.refresh_from_db()
    assert (export.state, export.attempts, export.last_error) == (Export.State.DONE, 2, "")
    assert "A good day." in export.content


def test_a_short_export_that_fails_in_the_request_is_queued_not_a_500(
    world, client, django_capture_on_commit_callbacks
):
    unreadable(checkin(world))
    client.force_login(world.alice)
    today = clinic_today(world.clinic)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("dashboards:exports", args=[world.patient.pk]),
            {"format": "csv", "first": (today - timedelta(days=9)).isoformat(), "last": today},
        )
    assert response.status_code == 302
    assert len(callbacks) == 1  # the retry goes to a worker
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "will be tried again shortly" in page.text
    assert "Traceback" not in page.text and "ImproperlyConfigured" not in page.text


# --- the sweep -----------------------------------------------------------------------------


def test_the_sweep_enqueues_a_pending_export_after_a_minute_and_not_before(
    world, eager_celery, settings
):
    settings.EXPORT_SWEEP_AFTER_SECONDS = 60
    checkin(world)
    fresh = pending_export(world)
    age(fresh, seconds=10)
    waiting = pending_export(world, days=150)
    age(waiting, seconds=90)
    assert exports_sweep() == [waiting.pk]
    assert Export.objects.get(pk=waiting.pk).state == Export.State.DONE
    assert Export.objects.get(pk=fresh.pk).state == Export.State.PENDING


def test_the_sweep_takes_back_a_stale_claim_and_the_export_is_rebuilt_exactly_once(
    world, eager_celery, settings
):
    settings.EXPORT_CLAIM_TIMEOUT_SECONDS = 600
    checkin(world)
    long_ago = timezone.now() - timedelta(minutes=30)
    dead = pending_export(world, state=Export.State.RUNNING, attempts=1, progress=40)
    Export.objects.filter(pk=dead.pk).update(claimed_at=long_ago, created_at=long_ago)
    alive = pending_export(world, days=150, state=Export.State.RUNNING, attempts=1)
    Export.objects.filter(pk=alive.pk).update(
        claimed_at=timezone.now() - timedelta(minutes=2), created_at=long_ago
    )

    assert exports_sweep() == [dead.pk]
    assert exports_sweep() == []  # built: a second sweep finds nothing to do
    dead.refresh_from_db()
    assert (dead.state, dead.attempts) == (Export.State.DONE, 2)
    assert Export.objects.get(pk=alive.pk).state == Export.State.RUNNING
    assert AccessEvent.objects.filter(action="export_csv").count() == 1


def test_a_stale_claim_on_the_last_attempt_fails_for_good(world, settings):
    settings.EXPORT_MAX_ATTEMPTS = 3
    dead = pending_export(world, state=Export.State.RUNNING, attempts=3)
    long_ago = timezone.now() - timedelta(hours=1)
    Export.objects.filter(pk=dead.pk).update(claimed_at=long_ago, created_at=long_ago)
    assert exports_sweep() == []
    dead.refresh_from_db()
    assert dead.state == Export.State.FAILED


def test_asking_again_while_one_is_queued_returns_the_queued_one(world, client):
    client.force_login(world.alice)
    today = clinic_today(world.clinic)
    data = {"format": "csv", "first": (today - timedelta(days=199)).isoformat(), "last": today}
    url = reverse("dashboards:exports", args=[world.patient.pk])
    first = client.post(url, data)
    second = client.post(url, data)
    assert first["Location"] == second["Location"]
    assert Export.objects.count() == 1


# --- what the clinician sees -------------------------------------------------------------


def test_a_queued_export_says_it_is_queued(world, client):
    export = pending_export(world)
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:export_status", args=[export.pk]))
    assert "Queued" in page.text and page["Refresh"] == "3"
    listing = client.get(reverse("dashboards:exports", args=[world.patient.pk]))
    assert "Queued" in listing.text


def test_a_failed_export_says_so_plainly_and_try_again_makes_a_new_request(world, client):
    export = pending_export(
        world, state=Export.State.FAILED, attempts=3, last_error="ImproperlyConfigured: key"
    )
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:export_status", args=[export.pk]))
    assert page.status_code == 200 and "Refresh" not in page
    assert "could not be built, after 3 attempts" in page.text
    assert "Try again" in page.text
    assert "ImproperlyConfigured" not in page.text and "Traceback" not in page.text

    again = client.post(
        reverse("dashboards:exports", args=[world.patient.pk]),
        {"format": "csv", "first": export.first.isoformat(), "last": export.last.isoformat()},
    )
    assert again.status_code == 302
    new = Export.objects.latest("pk")
    assert new.pk != export.pk and new.state == Export.State.PENDING
    assert (new.first, new.last, new.format) == (export.first, export.last, export.format)
    assert Export.objects.get(pk=export.pk).state == Export.State.FAILED


# --- retention -----------------------------------------------------------------------------


def test_a_built_file_is_kept_for_the_setting_s_days(world, client, settings):
    settings.EXPORT_KEEP_DAYS = 2
    export = built(world, client)
    assert export.expires_at == export.finished_at + timedelta(days=2)
    listing = client.get(reverse("dashboards:exports", args=[world.patient.pk]))
    local = timezone.localtime(export.expires_at)
    assert f"download until {local:%-d %b %Y}" in listing.text
    assert "for 2 days" in listing.text


def test_retention_wipes_the_file_after_the_period_and_not_before(world, client):
    export = built(world, client)
    assert "Slept well" in export.content
    before = trail()

    assert exports_expire(now=export.expires_at - timedelta(seconds=1)) == 0
    kept = Export.objects.get(pk=export.pk)
    assert kept.state == Export.State.DONE and "Slept well" in kept.content

    assert exports_expire(now=export.expires_at + timedelta(seconds=1)) == 1
    gone = Export.objects.get(pk=export.pk)
    assert (gone.state, gone.content) == (Export.State.EXPIRED, "")
    # The record of who exported what stays, and the trail is untouched.
    assert (gone.requested_by, gone.patient, gone.first, gone.last) == (
        world.alice,
        world.patient,
        export.first,
        export.last,
    )
    assert trail() == before
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT content FROM {Export._meta.db_table} WHERE id = %s", [export.pk])
        (stored,) = cursor.fetchone()
    assert "Slept well" not in stored and len(stored) < 200
    assert exports_expire(now=export.expires_at + timedelta(days=1)) == 0  # idempotent


def test_downloading_an_expired_export_is_a_clear_410_and_records_nothing(world, client):
    export = built(world, client)
    exports_expire(now=export.expires_at + timedelta(seconds=1))
    before = trail()
    response = client.get(reverse("dashboards:export_download", args=[export.pk]))
    assert response.status_code == 410
    assert "This export has expired" in response.text and "Try again" in response.text
    assert trail() == before
    status = client.get(reverse("dashboards:export_status", args=[export.pk]))
    assert "has been deleted" in status.text and "Download</a>" not in status.text
    listing = client.get(reverse("dashboards:exports", args=[world.patient.pk]))
    assert "Expired" in listing.text


def test_a_file_past_its_time_is_refused_even_before_the_daily_wipe(world, client):
    export = built(world, client)
    Export.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("dashboards:export_download", args=[export.pk]))
    assert response.status_code == 410
    assert "Slept well" not in response.text


def test_a_row_built_before_expiry_dates_were_recorded_expires_by_its_age(world, settings):
    settings.EXPORT_KEEP_DAYS = 7
    old = pending_export(world, state=Export.State.DONE, content="date\n")
    age(old, days=8)
    recent = pending_export(world, days=100, state=Export.State.DONE, content="date\n")
    assert exports_expire() == 1
    assert Export.objects.get(pk=old.pk).state == Export.State.EXPIRED
    assert Export.objects.get(pk=recent.pk).state == Export.State.DONE


def test_the_request_service_hands_a_long_range_to_the_worker(
    world, django_capture_on_commit_callbacks
):
    today = clinic_today(world.clinic)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = export_request(
            by=world.alice,
            patient=world.patient,
            fmt="csv",
            first=today - timedelta(days=199),
            last=today,
        )
    assert len(callbacks) == 1
    assert (export.state, export.attempts) == (Export.State.PENDING, 0)
