"""The check-in's own semantic reading and the worker's sweep reading the same entry at
the same moment, on PostgreSQL: one alert, and the entry marked read once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from apps.alerts.models import Alert
from apps.diaries.models import SemanticRead
from apps.diaries.services import checkin_semantic_read_now, checkin_submit, checkins_semantic_sweep
from apps.safety import semantic_model
from apps.safety.semantic_reading import SEMANTIC_CRISIS

from ..safety.test_semantic_reading import MISSED_BY_RULES

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_requests_and_sweeps_reading_one_entry_at_once_raise_one_alert(world, monkeypatch):
    monkeypatch.setenv(semantic_model.ENV_AT_CHECKIN, "1")
    checkin = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=5, journal=MISSED_BY_RULES
    ).checkin
    readers = 8
    barrier = threading.Barrier(readers)

    def read(n):
        try:
            barrier.wait(timeout=10)
            if n % 2:
                return checkins_semantic_sweep()
            return checkin_semantic_read_now(checkin=checkin)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=readers) as pool:
        answers = list(pool.map(read, range(readers)))

    # Every request that read it was told it is a crisis (raised, or seen by another).
    assert answers[0::2] == [True] * (readers // 2)
    alert = Alert.objects.get(patient=world.patient, rule=SEMANTIC_CRISIS)
    assert alert.occurrences == 1 and alert.source_checkin_id == checkin.pk
    mark = SemanticRead.objects.get(checkin=checkin)
    assert mark.updated_at == checkin.updated_at and mark.outcome in ("raised", "seen")
    assert checkins_semantic_sweep() == 0
