"""What a check-in costs the database. POST /diary/ runs on every save, so
its query count is pinned here and cannot grow unnoticed (docs/BENCHMARKS.md,
the check-in section, has the numbers behind it). Counted as the test sees
them: the view's transaction is a SAVEPOINT and a RELEASE inside the test's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.diaries.models import CheckIn

# Session, user, the lifetime middleware's roles, the view's membership and clinic,
# SAVEPOINT, INSERT ... ON CONFLICT DO NOTHING RETURNING, the rules' inputs (the
# mood series, whether a missed-check-ins alert is open, the patient's own
# thresholds: one query), RELEASE. Before 4 December: 17 (13 outside a test).
FIRST_CHECKIN_QUERIES = 8
# The same, but the INSERT does nothing, so: SELECT ... FOR UPDATE of the
# day's entry, its UPDATE, and the DELETE of its side effects.
EDIT_QUERIES = 11


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def post(client, mood="6", journal="Walked by the river."):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("diaries:today"), {"mood": mood, "journal": journal})
    assert response.status_code == 302 and response["Location"] == reverse("diaries:today")
    return [query["sql"] for query in queries.captured_queries]


def listing(queries):
    return "\n".join(sql[:160] for sql in queries)


def test_a_first_check_in_of_the_day_costs_at_most_8_queries(world, patient_client):
    queries = post(patient_client)
    assert len(queries) <= FIRST_CHECKIN_QUERIES, listing(queries)
    assert CheckIn.objects.get(patient=world.patient).mood == 6


def test_a_first_check_in_writes_nothing_but_the_entry(world, patient_client):
    writes = [sql for sql in post(patient_client) if sql.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert len(writes) == 1 and writes[0].startswith('INSERT INTO "diaries_checkin"'), writes
    assert "ON CONFLICT DO NOTHING RETURNING" in writes[0]


def test_a_second_save_the_same_day_costs_at_most_11_queries(world, patient_client):
    post(patient_client)
    queries = post(patient_client, mood="7", journal="Changed my mind.")
    assert len(queries) <= EDIT_QUERIES, listing(queries)
    [checkin] = CheckIn.objects.filter(patient=world.patient)
    assert (checkin.mood, checkin.journal) == (7, "Changed my mind.")


def test_a_check_in_does_not_write_the_session(world, patient_client):
    assert not [sql for sql in post(patient_client) if "django_session" in sql and "UPDATE" in sql]


# Reading the entry with the semantic layer in the request (stop 36): the journal read
# back by id (the sweep's reading takes an id) and the mark, one INSERT ... ON CONFLICT.
SEMANTIC_READ_QUERIES = 2


def test_the_semantic_reading_at_the_check_in_costs_at_most_2_more_queries(
    world, patient_client, monkeypatch
):
    without = post(patient_client, journal="Walked by the river.")
    CheckIn.objects.all().delete()
    monkeypatch.setenv("TRELLIS_SEMANTIC_AT_CHECKIN", "1")
    with_reading = post(patient_client, journal="Walked by the river.")
    added = len(with_reading) - len(without)
    assert added <= SEMANTIC_READ_QUERIES, listing(with_reading)
    assert CheckIn.objects.get(patient=world.patient).semantic_read.outcome == "ordinary"
