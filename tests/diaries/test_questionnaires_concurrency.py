"""Two tabs sending the same questionnaire at the same moment, on PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connections

from apps.alerts.models import Alert
from apps.diaries.models import QuestionnaireResponse
from apps.diaries.questionnaires import questionnaire_submit

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_simultaneous_submits_store_one_response_and_raise_one_alert(world):
    tabs = 8
    barrier = threading.Barrier(tabs)
    answers = {f"q{n}": 1 for n in range(1, 10)}  # item 9 > 0: a critical alert

    def submit(_tab):
        try:
            barrier.wait(timeout=10)
            return questionnaire_submit(
                patient=world.patient,
                clinic=world.clinic,
                instrument="phq9",
                answers=answers,
                local_date=date(2026, 3, 2),
            ).created
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=tabs) as pool:
        created = list(pool.map(submit, range(tabs)))

    assert created.count(True) == 1
    assert QuestionnaireResponse.objects.count() == 1
    alert = Alert.objects.get(patient=world.patient, rule="phq9_item9")
    assert alert.occurrences == 1
