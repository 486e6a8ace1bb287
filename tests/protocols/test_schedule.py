"""The schedule by example: what a clinician would check by hand."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from apps.protocols import schedule as s

MONDAY = date(2026, 1, 5)


def plan(**phases):
    return s.Schedule(
        start=MONDAY, phases=s.Phases(**({"initial_months": 3, "maintenance_months": 6} | phases))
    )


def on_days(schedule, pattern, count=14):
    return [
        (day - MONDAY).days
        for day in s.days_between(MONDAY, MONDAY + timedelta(days=count - 1))
        if s.is_dose_day(schedule, pattern, day)
    ]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (s.Pattern(s.DAILY), list(range(14))),
        (s.Pattern(s.EVERY_OTHER_DAY), [0, 2, 4, 6, 8, 10, 12]),
        (s.Pattern(s.ONE_ON_TWO_OFF), [0, 3, 6, 9, 12]),
        (s.Pattern(s.FOUR_ON_THREE_OFF), [0, 1, 2, 3, 7, 8, 9, 10]),
        (s.Pattern(s.WEEKDAYS, weekdays=frozenset({0, 3})), [0, 3, 7, 10]),
        (s.Pattern(s.CYCLE, cycle=s.parse_cycle("2 on, 3 off")), [0, 1, 5, 6, 10, 11]),
    ],
)
def test_each_pattern_doses_on_the_days_it_says(pattern, expected):
    assert on_days(plan(), pattern) == expected


def test_the_phases_are_the_sources_cycle_protocols_counted_in_months():
    schedule = plan(initial_months=2, maintenance_months=3)
    assert s.phase_on(schedule, MONDAY - timedelta(days=1)) is None
    assert s.phase_on(schedule, MONDAY) == s.INITIAL
    assert s.phase_on(schedule, date(2026, 3, 4)) == s.INITIAL
    assert s.phase_on(schedule, date(2026, 3, 5)) == s.MAINTENANCE
    assert s.phase_on(schedule, date(2026, 6, 5)) == s.INTEGRATION


def test_month_ends_clamp_without_compounding():
    assert s.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    schedule = s.Schedule(date(2026, 1, 31), s.Phases(1, 1))
    assert schedule.integration_start == date(2026, 3, 31)


def test_maintenance_breaks_come_round_and_the_next_one_is_named():
    schedule = plan(
        initial_months=1, maintenance_months=3, break_every_days=21, break_length_days=7
    )
    maintenance = schedule.maintenance_start
    assert s.break_on(schedule, maintenance + timedelta(days=20)) is None
    current = s.break_on(schedule, maintenance + timedelta(days=21))
    assert current == s.Break(
        maintenance + timedelta(days=21), maintenance + timedelta(days=28), "scheduled"
    )
    assert s.next_break(schedule, MONDAY).start == maintenance + timedelta(days=21)
    assert s.next_break(
        schedule, maintenance + timedelta(days=22)
    ).start == maintenance + timedelta(days=49)
    # The cycle starts again after the break: day 28 is day 1 of every-other-day.
    pattern = s.Pattern(s.EVERY_OTHER_DAY)
    assert s.is_dose_day(schedule, pattern, maintenance + timedelta(days=28))
    assert not s.is_dose_day(schedule, pattern, maintenance + timedelta(days=29))


def test_integration_is_as_needed_and_a_pause_is_a_break():
    schedule = s.Schedule(
        MONDAY,
        s.Phases(1, 1),
        pauses=(s.Pause(MONDAY + timedelta(days=3), MONDAY + timedelta(days=5)),),
    )
    doses = {"p": [s.Dose("p", Decimal("0.1"), "g", s.Pattern(s.DAILY), MONDAY)]}
    assert s.due_on(schedule, doses, MONDAY).state == s.DOSE
    assert s.due_on(schedule, doses, MONDAY + timedelta(days=3)).state == s.ON_BREAK
    assert s.due_on(schedule, doses, MONDAY + timedelta(days=5)).state == s.DOSE
    assert s.due_on(schedule, doses, schedule.integration_start).state == s.AS_NEEDED
    assert s.due_on(schedule, doses, MONDAY - timedelta(days=1)).state == s.NOT_STARTED


def test_a_dose_change_uses_the_version_in_force():
    schedule = plan()
    change = MONDAY + timedelta(days=7)
    doses = [
        s.Dose("p", Decimal("0.1"), "g", s.Pattern(s.DAILY), MONDAY, change),
        s.Dose("p", Decimal("0.15"), "g", s.Pattern(s.DAILY), change, pattern_since=MONDAY),
    ]
    assert s.component_is_due(schedule, doses, change - timedelta(days=1)).amount == Decimal("0.1")
    assert s.component_is_due(schedule, doses, change).amount == Decimal("0.15")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "for example"),
        ("3 on, then 4 off", "for example"),
        ("0 on 3 off", "at least one day on"),
        ("60 on 60 off", "1 to 90 days"),
    ],
)
def test_a_bad_custom_cycle_is_explained(text, message):
    with pytest.raises(s.ScheduleError, match=message):
        s.Pattern(s.CYCLE, cycle=s.parse_cycle(text))


def test_a_pattern_survives_a_round_trip_through_plain_data():
    for pattern in [
        s.Pattern(s.FOUR_ON_THREE_OFF),
        s.Pattern(s.WEEKDAYS, weekdays=frozenset({1, 5})),
        s.Pattern(s.CYCLE, cycle=(True, False, False, True)),
    ]:
        assert s.Pattern.from_dict(pattern.as_dict()) == pattern
