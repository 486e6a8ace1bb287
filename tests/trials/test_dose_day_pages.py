"""The unblinded dose-day comparison where people read it: the patient's trends
page in plain words, the clinician's timeline with a 95% interval, and the
warning that the patient knows which days are dose days."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.diaries.services import checkin_submit
from apps.protocols.schedule import Pattern
from apps.protocols.selectors import clinic_today
from apps.protocols.services import DoseRequest
from tests.protocols.conftest import assign, component

pytestmark = pytest.mark.django_db

NOT_BLINDED = "Not blinded: expectation may explain part of this."


def every_other_day_plan_with_moods(world, days):
    """A month on an every-other-day plan; mood 8 on dose days, 5 on rest days,
    with a little day-to-day wobble so the interval has a width."""
    plan = assign(
        world,
        started_days_ago=days - 1,
        doses=[DoseRequest(component("psilocybin"), Decimal("0.1"), Pattern("every_other_day"))],
    )
    for offset in range(days):
        checkin_submit(
            patient=world.patient,
            clinic=world.clinic,
            mood=(8 if offset % 2 == 0 else 5) - (offset % 3 == 0),
            journal="",
            local_date=plan.start_date + timedelta(days=offset),
        )
    return plan


def timeline(world, client):
    client.force_login(world.alice)
    return client.get(reverse("dashboards:timeline", args=[world.patient.pk]) + "?days=30").text


def test_the_patient_reads_the_difference_with_a_likely_range_and_the_blinding_warning(
    world, client
):
    every_other_day_plan_with_moods(world, 28)
    client.force_login(world.patient)
    page = client.get(reverse("diaries:trends")).text
    assert "Mood on dose days 7.6 (14 days), rest days 4.6 (14 days):" in page
    assert "difference 3.0" in page and "likely range" in page
    assert "95% interval" not in page
    assert NOT_BLINDED in page
    # Anxiety, energy and sleep were never answered: no comparison under them.
    assert page.count(NOT_BLINDED) == 1 and "Anxiety on dose days" not in page


def test_the_clinician_reads_the_same_difference_with_its_95_percent_interval(world, client):
    every_other_day_plan_with_moods(world, 28)
    page = timeline(world, client)
    assert "Mood on dose days 7.6 (14 days), rest days 4.6 (14 days):" in page
    assert "difference 3.0" in page and "(95% interval " in page
    assert NOT_BLINDED in page


def test_with_too_few_days_both_pages_say_not_enough_data_instead_of_a_number(world, client):
    every_other_day_plan_with_moods(world, 6)
    page = timeline(world, client)
    assert "Mood on dose days and rest days: not enough data yet." in page
    assert "Days with an answer: 3 dose, 3 rest; at least 7 of each are needed." in page
    assert "difference" not in page.split("not enough data yet")[1].split("</p>")[0]
    assert NOT_BLINDED in page
    client.force_login(world.patient)
    trends = client.get(reverse("diaries:trends")).text
    assert "not enough data yet" in trends and NOT_BLINDED in trends


def test_without_a_plan_there_is_no_dose_day_comparison_on_the_page(world, client):
    checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=6,
        journal="",
        local_date=clinic_today(world.clinic),
    )
    client.force_login(world.patient)
    assert NOT_BLINDED not in client.get(reverse("diaries:trends")).text
