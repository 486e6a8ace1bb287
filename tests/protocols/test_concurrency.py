"""Two clinicians (or one double click) assigning at the same moment, on
PostgreSQL with real transactions: one plan, never two."""

import threading

import pytest
from django.db import connections

from apps.protocols.models import Plan
from apps.protocols.services import PlanRefused

from .conftest import assign

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_simultaneous_assignments_make_one_plan(world):
    start = threading.Barrier(4)
    outcomes = []

    def attempt():
        try:
            start.wait()
            assign(world)
            outcomes.append("assigned")
        except PlanRefused as refused:
            outcomes.append(refused.kind)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["assigned"] + ["invalid"] * 3
    assert Plan.objects.filter(patient=world.patient).count() == 1
