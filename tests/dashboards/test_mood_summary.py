"""The caseload's mood summaries are never trusted stale: every way a check-in
can be written marks them, the day turning marks them, and a sum added up
before a concurrent check-in is never stored as fresh."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction

from apps.dashboards import mood_summary
from apps.dashboards.models import MoodSummary
from apps.dashboards.selectors import caseload_for
from apps.diaries.models import CheckIn
from apps.protocols.selectors import clinic_today
from tests.dashboards.test_caseload import alices_patient, moods
from tests.protocols.conftest import assign

STEADY = [7] * 20 + [7] * 7
DROPPING = [7] * 20 + [4] * 7


def row_of(world, name, *, today=None):
    today = today or clinic_today(world.clinic)
    rows = {row.full_name: row for row in caseload_for(user=world.alice, today=today)}
    return rows[name]


def test_the_caseload_sees_a_new_check_in_on_its_next_view(world):
    today = clinic_today(world.clinic)
    dana = alices_patient(world, "Dana Drop")
    for days_ago in range(7, 27):
        CheckIn.objects.create(
            patient=dana, clinic=world.clinic, local_date=today - timedelta(days=days_ago), mood=7
        )
    assert not row_of(world, "Dana Drop").recent_drop  # added up and kept
    summary = MoodSummary.objects.get(patient_id=dana.pk)
    assert (summary.facts_version, summary.as_of) == (summary.version, today)

    for days_ago in range(7):
        CheckIn.objects.create(
            patient=dana, clinic=world.clinic, local_date=today - timedelta(days=days_ago), mood=4
        )
    assert row_of(world, "Dana Drop").recent_drop


def test_bulk_updates_deletes_and_creates_of_check_ins_each_leave_no_stale_summary(world):
    dana = alices_patient(world, "Dana Drop")
    moods(world, dana, DROPPING)
    assert row_of(world, "Dana Drop").recent_drop

    today = clinic_today(world.clinic)
    recent = CheckIn.objects.filter(patient=dana, local_date__gt=today - timedelta(days=7))
    recent.update(mood=7)  # one UPDATE statement for seven rows
    assert not row_of(world, "Dana Drop").recent_drop

    recent.delete()
    CheckIn.objects.bulk_create(
        CheckIn(patient=dana, clinic=world.clinic, local_date=today - timedelta(days=n), mood=3)
        for n in range(7)
    )
    assert row_of(world, "Dana Drop").recent_drop

    CheckIn.objects.filter(patient=dana).delete()
    row = row_of(world, "Dana Drop")
    assert not row.recent_drop
    assert MoodSummary.objects.get(patient_id=dana.pk).answers == 0


def test_the_summary_is_added_up_again_when_the_day_turns(world):
    """A plan started ten days ago; yesterday answered, the day before not.
    Tomorrow, "yesterday" is today, unanswered until the patient writes."""
    today = clinic_today(world.clinic)
    mo = alices_patient(world, "Mo Missing")
    assign(world, patient=mo, started_days_ago=10)
    for days_ago in range(1, 8):
        if days_ago != 2:
            CheckIn.objects.create(
                patient=mo, clinic=world.clinic, local_date=today - timedelta(days=days_ago), mood=6
            )
    assert row_of(world, "Mo Missing", today=today).missed == 1
    assert row_of(world, "Mo Missing", today=today + timedelta(days=1)).missed == 2
    assert MoodSummary.objects.get(patient_id=mo.pk).as_of == today + timedelta(days=1)
    # And back: the summary follows whichever day the viewer's clinic is on.
    assert row_of(world, "Mo Missing", today=today).missed == 1


@pytest.mark.parametrize("had_summary", [True, False], ids=["summary kept", "first summary"])
def test_a_sum_added_up_while_a_check_in_commits_is_never_stored_as_fresh(
    transactional_db, world, had_summary
):
    """Two connections: the patient's edits are written but not committed
    when the caseload adds up their moods; the sum it read is from before
    them. The edits commit while the upsert waits on the summary row. The
    summary must stay stale, and the next view must show the drop."""
    today = clinic_today(world.clinic)
    patient = alices_patient(world, "Race Case")
    moods(world, patient, STEADY)
    if had_summary:
        mood_summary.refresh([patient.pk], today=today)
        MoodSummary.objects.filter(patient_id=patient.pk).update(as_of=None)
    else:
        MoodSummary.objects.filter(patient_id=patient.pk).delete()

    written, commit = threading.Event(), threading.Event()

    def patient_edits():
        try:
            with transaction.atomic():
                CheckIn.objects.filter(
                    patient=patient, local_date__gt=today - timedelta(days=7)
                ).update(mood=1)
                written.set()
                commit.wait(10)
        finally:
            connections.close_all()

    def caseload_adds_up():
        try:
            mood_summary.refresh([patient.pk], today=today)
        finally:
            connections.close_all()

    writer = threading.Thread(target=patient_edits)
    writer.start()
    assert written.wait(10)
    reader = threading.Thread(target=caseload_adds_up)
    reader.start()
    waiting_for_lock(seconds=10)
    commit.set()
    writer.join(10)
    reader.join(10)

    assert mood_summary.stale_ids([patient.pk], today=today) == [patient.pk]
    assert row_of(world, "Race Case").recent_drop
    assert mood_summary.stale_ids([patient.pk], today=today) == []


def waiting_for_lock(*, seconds):
    """Until another session of this test database waits on a lock."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.02)
    raise AssertionError("The caseload's upsert never waited for the patient's write")


def test_truncating_the_check_ins_marks_every_summary_stale(transactional_db, world):
    # Committed rows: a TRUNCATE refuses to run with deferred checks pending.
    dana = alices_patient(world, "Dana Drop")
    moods(world, dana, DROPPING)
    assert row_of(world, "Dana Drop").recent_drop
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {CheckIn._meta.db_table} CASCADE")
    assert not row_of(world, "Dana Drop").recent_drop


def test_a_summary_stays_fresh_while_nothing_is_written(world, django_assert_num_queries):
    dana = alices_patient(world, "Dana Drop")
    moods(world, dana, DROPPING)
    today = clinic_today(world.clinic)
    caseload_for(user=world.alice, today=today)
    before = MoodSummary.objects.get(patient_id=dana.pk)
    assert mood_summary.stale_ids([dana.pk], today=today) == []
    # visible patients, then one ranking query: nothing added up again
    with django_assert_num_queries(2):
        caseload_for(user=world.alice, today=today)
    assert MoodSummary.objects.get(patient_id=dana.pk).version == before.version


def test_a_deleted_patient_leaves_no_mood_summary_behind(world):
    dana = alices_patient(world, "Dana Drop")
    moods(world, dana, DROPPING)
    caseload_for(user=world.alice, today=clinic_today(world.clinic))
    assert MoodSummary.objects.filter(patient_id=dana.pk).exists()
    dana_id = dana.pk
    dana.delete()
    assert not MoodSummary.objects.filter(patient_id=dana_id).exists()
