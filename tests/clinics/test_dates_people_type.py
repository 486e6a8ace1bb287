"""Dates and ranges people type: one calendar (1900-2199) for every date
field, one range check (apps/clinics/dates.py), no 500 at the calendar's ends."""

from datetime import date

import pytest
from django.urls import reverse

from apps.clinics.dates import CalendarDateField, CalendarDateTimeField, range_problem
from apps.dashboards.models import Export

ENDS = ["0001-01-01", "0001-01-02", "9999-12-31", "1899-12-31", "2200-01-01"]


@pytest.mark.parametrize("value", ENDS)
def test_a_date_at_the_ends_of_the_calendar_is_refused_in_words(value):
    field = CalendarDateField()
    with pytest.raises(Exception) as refused:
        field.clean(value)
    assert "between 1900 and 2199" in str(refused.value)


@pytest.mark.parametrize("value", ["0001-01-01T00:30", "9999-12-31T23:30"])
def test_a_time_at_the_ends_of_the_calendar_is_refused_in_words_in_any_zone(value, settings):
    settings.TIME_ZONE = "Asia/Tokyo"  # year 1 minus nine hours is off the calendar
    with pytest.raises(Exception) as refused:
        CalendarDateTimeField().clean(value)
    assert "between 1900 and 2199" in str(refused.value)


def test_ordinary_days_pass():
    assert CalendarDateField().clean("2026-12-04") == date(2026, 12, 4)


@pytest.mark.parametrize(
    ("first", "last", "max_days", "problem"),
    [
        (date(2026, 1, 2), date(2026, 1, 1), None, "The start must be on or before the end."),
        (date(2026, 1, 1), date(2026, 1, 1), 1, None),
        (date(2026, 1, 1), date(2026, 1, 2), 1, "Choose at most 1 days at a time."),
        (None, date(2026, 1, 1), None, None),
    ],
)
def test_one_range_check(first, last, max_days, problem):
    assert range_problem(first, last, max_days=max_days) == problem


@pytest.mark.parametrize(
    ("first", "last"), [("0001-01-01", "0001-01-05"), ("9999-12-25", "9999-12-31")]
)
def test_an_export_at_the_ends_of_the_calendar_is_refused_before_anything_is_queued(
    world, client, first, last
):
    client.force_login(world.alice)
    response = client.post(
        reverse("dashboards:exports", args=[world.patient.pk]),
        {"format": "csv", "first": first, "last": last},
    )
    assert response.status_code in (200, 400)
    assert "between 1900 and 2199" in response.content.decode()
    assert not Export.objects.exists()


@pytest.mark.parametrize("value", ENDS)
def test_the_trail_search_answers_the_ends_of_the_calendar_without_a_500(world, client, value):
    client.force_login(world.admin)
    response = client.get(reverse("audit:trail"), {"since": value, "until": value})
    assert response.status_code == 200
