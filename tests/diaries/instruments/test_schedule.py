from datetime import date

import pytest

from apps.diaries.instruments.schedule import is_due, period_start

START = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("today", "last", "due"),
    [
        (date(2025, 12, 31), None, False),  # before the start
        (date(2026, 1, 1), None, True),
        (date(2026, 1, 1), date(2026, 1, 1), False),
        (date(2026, 1, 14), date(2026, 1, 1), False),  # the last day of the first period
        (date(2026, 1, 15), date(2026, 1, 1), True),  # the next period opens
        (date(2026, 1, 15), date(2026, 1, 15), False),
        (date(2026, 3, 1), date(2026, 1, 2), True),  # after a gap, due once
    ],
)
def test_a_fortnightly_schedule_is_due_once_a_period(today, last, due):
    assert is_due(starts_on=START, every_days=14, today=today, last_answered=last) is due


def test_a_period_starts_on_a_multiple_of_the_interval():
    assert period_start(starts_on=START, every_days=7, today=date(2026, 1, 20)) == date(2026, 1, 15)


def test_it_refuses_an_interval_below_one_day():
    with pytest.raises(ValueError):
        period_start(starts_on=START, every_days=0, today=START)
