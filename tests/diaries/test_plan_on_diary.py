"""The plan where the patient meets it: today's doses on the check-in page,
dose days and phases on the trend charts, mood on dose days beside rest days."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.diaries.selectors import dose_day_comparison, trend_series
from apps.diaries.services import checkin_submit
from apps.protocols.schedule import Pattern
from apps.protocols.selectors import clinic_today, dose_rhythm_between
from apps.protocols.services import DoseRequest
from tests.protocols.conftest import assign, component

pytestmark = pytest.mark.django_db


def _every_other_day_psilocybin_and_daily_omega3(world, started_days_ago=9):
    return assign(
        world,
        started_days_ago=started_days_ago,
        doses=[
            DoseRequest(component("psilocybin"), Decimal("0.1"), Pattern("every_other_day")),
            DoseRequest(component("omega-3"), Decimal("1000"), Pattern("daily")),
        ],
    )


def test_dose_days_follow_the_intermittent_component_not_the_daily_supplement(world):
    plan = _every_other_day_psilocybin_and_daily_omega3(world)
    today = clinic_today(world.clinic)
    rhythm = dose_rhythm_between(
        patient=world.patient, start=plan.start_date - timedelta(days=2), end=today
    )
    assert plan.start_date - timedelta(days=1) not in rhythm
    dose_days = sorted(day for day, value in rhythm.items() if value["dose_day"])
    assert dose_days == [plan.start_date + timedelta(days=n) for n in range(0, 10, 2)]
    assert {value["phase"] for value in rhythm.values()} == {"initial"}


def test_a_plan_of_daily_components_makes_every_planned_day_a_dose_day(world):
    plan = assign(
        world,
        started_days_ago=4,
        doses=[DoseRequest(component("omega-3"), Decimal("1000"), Pattern("daily"))],
    )
    rhythm = dose_rhythm_between(
        patient=world.patient, start=plan.start_date, end=clinic_today(world.clinic)
    )
    assert len(rhythm) == 5 and all(value["dose_day"] for value in rhythm.values())


def test_mood_on_dose_days_is_set_beside_mood_on_rest_days(world):
    plan = _every_other_day_psilocybin_and_daily_omega3(world, started_days_ago=3)
    today = clinic_today(world.clinic)
    for offset in range(4):
        day = plan.start_date + timedelta(days=offset)
        checkin_submit(
            patient=world.patient,
            clinic=world.clinic,
            mood=8 if offset % 2 == 0 else 5,
            journal="",
            local_date=day,
        )
    series = trend_series(patient=world.patient, today=today, days=10)
    comparison = dose_day_comparison(series=series, key="mood")
    assert (comparison["dose"], comparison["rest"]) == (
        {"days": 2, "mean": 8.0},
        {"days": 2, "mean": 5.0},
    )
    # Two days a side is too few for a difference with an interval.
    assert not comparison["enough_data"] and comparison["difference"] is None
    assert [row["dose_day"] for row in series[:6]] == [None] * 6  # before the plan


def test_without_a_plan_there_is_no_comparison(world):
    series = trend_series(patient=world.patient, today=clinic_today(world.clinic), days=7)
    assert dose_day_comparison(series=series, key="mood") is None


def test_the_trends_page_says_which_days_were_dose_days(client, world):
    plan = _every_other_day_psilocybin_and_daily_omega3(world, started_days_ago=1)
    checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=7, journal="", local_date=plan.start_date
    )
    client.force_login(world.patient)
    page = client.get(reverse("diaries:trends")).content.decode()
    assert "Dose day, Initial phase" in page
    assert "Mood on dose days and rest days: not enough data yet." in page
    assert "Days with an answer: 1 dose, 0 rest" in page


def test_todays_check_in_shows_the_plan_with_its_one_tap_log(client, world):
    _every_other_day_psilocybin_and_daily_omega3(world, started_days_ago=0)
    client.force_login(world.patient)
    page = client.get(reverse("diaries:today")).content.decode()
    assert "Today&#x27;s plan" in page or "Today's plan" in page
    assert reverse("protocols:log") in page
    # The dose forms sit outside the check-in form: forms cannot nest.
    checkin_form = page.split('id="checkin-form"')[1].split("</form>")[0]
    assert reverse("protocols:log") not in checkin_form


def test_a_patient_without_a_plan_sees_no_plan_section(client, world):
    client.force_login(world.patient)
    page = client.get(reverse("diaries:today")).content.decode()
    assert reverse("protocols:log") not in page
