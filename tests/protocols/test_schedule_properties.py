"""Properties of the pure schedule that must hold for every plan: every
pattern, over long ranges, with pauses and scheduled breaks, in any time zone
and across daylight-saving changes."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.protocols import schedule as s

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = 3 * 366  # days: longer than any plan's initial + maintenance phases

# Zones with DST north and south, a 30-minute DST (Lord Howe), +13:45 (Chatham),
# a half-hour offset without DST (Kolkata), and the two ends of the clock.
ZONES = [
    "America/New_York",
    "Europe/London",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kolkata",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "UTC",
]

fixed_patterns = st.sampled_from(
    [
        s.Pattern(kind)
        for kind in (s.DAILY, s.EVERY_OTHER_DAY, s.ONE_ON_TWO_OFF, s.FOUR_ON_THREE_OFF)
    ]
)
weekday_patterns = st.frozensets(st.integers(0, 6), min_size=1).map(
    lambda days: s.Pattern(s.WEEKDAYS, weekdays=days)
)
cycle_patterns = (
    st.lists(st.booleans(), min_size=1, max_size=30)
    .filter(any)
    .map(lambda steps: s.Pattern(s.CYCLE, cycle=tuple(steps)))
)
patterns = st.one_of(fixed_patterns, weekday_patterns, cycle_patterns)
cyclic_patterns = st.one_of(fixed_patterns, cycle_patterns)
starts = st.dates(date(2020, 1, 1), date(2035, 12, 31))


@st.composite
def phases(draw, breaks=True):
    every = draw(st.integers(0, 40)) if breaks else 0
    length = draw(st.integers(0, 14)) if breaks else 0
    return s.Phases(draw(st.integers(0, 4)), draw(st.integers(0, 7)), every, length)


@st.composite
def pauses_after(draw, start, open_ended=True):
    """Sorted, non-overlapping pauses after `start`; the last may be open."""
    found, cursor = [], start
    for _ in range(draw(st.integers(0, 4))):
        begin = cursor + timedelta(days=draw(st.integers(0, 120)))
        length = draw(st.integers(1, 30))
        found.append(s.Pause(begin, begin + timedelta(days=length)))
        cursor = begin + timedelta(days=length + 1)
    if found and open_ended and draw(st.booleans()):
        found[-1] = s.Pause(found[-1].start, None)
    return tuple(found)


@st.composite
def schedules(draw, breaks=True, pauses=True, end=True):
    start = draw(starts)
    schedule = s.Schedule(
        start=start,
        phases=draw(phases(breaks=breaks)),
        pauses=draw(pauses_after(start)) if pauses else (),
        end=start + timedelta(days=draw(st.integers(1, LONG)))
        if end and draw(st.booleans())
        else None,
    )
    return schedule


def days(schedule, count=LONG, before=5):
    return list(
        s.days_between(
            schedule.start - timedelta(days=before), schedule.start + timedelta(days=count)
        )
    )


@SETTINGS
@given(schedules(), patterns)
def test_it_never_doses_outside_the_plan_in_integration_or_on_a_break(schedule, pattern):
    for day in days(schedule):
        if s.is_dose_day(schedule, pattern, day):
            assert schedule.is_active(day)
            assert s.phase_on(schedule, day) in (s.INITIAL, s.MAINTENANCE)
            assert s.break_on(schedule, day) is None
            assert not any(p.covers(day) for p in schedule.pauses)


@SETTINGS
@given(schedules(breaks=False, pauses=False, end=False), cyclic_patterns)
def test_without_breaks_every_pattern_repeats_exactly_over_long_ranges(schedule, pattern):
    steps = pattern.steps
    dosing = [
        day
        for day in s.days_between(schedule.start, schedule.integration_start - timedelta(days=1))
    ]
    for offset, day in enumerate(dosing):
        assert s.is_dose_day(schedule, pattern, day) == steps[offset % len(steps)]
    # Whole cycles hold exactly the pattern's days on.
    whole = len(dosing) // len(steps) * len(steps)
    on = sum(s.is_dose_day(schedule, pattern, day) for day in dosing[:whole])
    assert on == whole // len(steps) * sum(steps)


@SETTINGS
@given(schedules(breaks=False, pauses=False, end=False), weekday_patterns)
def test_chosen_weekdays_are_exactly_the_dose_days(schedule, pattern):
    for day in s.days_between(schedule.start, schedule.integration_start - timedelta(days=1)):
        assert s.is_dose_day(schedule, pattern, day) == (day.weekday() in pattern.weekdays)


@SETTINGS
@given(schedules(), cyclic_patterns)
def test_the_cycle_starts_again_on_the_first_day_after_any_break(schedule, pattern):
    for day in days(schedule, before=0):
        previous = day - timedelta(days=1)
        if (
            s.break_on(schedule, previous) is not None
            and s.break_on(schedule, day) is None
            and s.phase_on(schedule, day) in (s.INITIAL, s.MAINTENANCE)
        ):
            assert s.is_dose_day(schedule, pattern, day) == pattern.steps[0]


@SETTINGS
@given(schedules(pauses=False, end=False))
def test_phases_follow_each_other_in_order_and_last_their_months(schedule):
    seen = [s.phase_on(schedule, day) for day in days(schedule, before=0)]
    order = [s.PHASES.index(phase) for phase in seen]
    assert order == sorted(order)
    initial = seen.count(s.INITIAL)
    months = schedule.phases.initial_months
    assert 28 * months <= initial <= 31 * months
    maintenance = seen.count(s.MAINTENANCE)
    months = schedule.phases.maintenance_months
    assert 28 * months - 3 <= maintenance <= 31 * months + 3  # month-end clamping
    assert s.phase_on(schedule, schedule.start - timedelta(days=1)) is None


@SETTINGS
@given(schedules(), st.integers(-10, LONG))
def test_next_break_is_the_first_break_to_start_after_the_day(schedule, offset):
    day = schedule.start + timedelta(days=offset)
    found = s.next_break(schedule, day)
    horizon = schedule.start + timedelta(days=LONG + 400)
    if found is None:
        for later in s.days_between(day + timedelta(days=1), horizon):
            current = s.break_on(schedule, later)
            assert current is None or current.start <= day or not schedule.is_active(later)
        return
    assert found.start > day
    assert s.break_on(schedule, found.start) is not None
    for between in s.days_between(day + timedelta(days=1), found.start - timedelta(days=1)):
        current = s.break_on(schedule, between)
        assert current is None or current.start <= day


@SETTINGS
@given(schedules(pauses=False), patterns, st.data())
def test_a_pause_removes_only_its_own_days_and_never_adds_doses_before_it(schedule, pattern, data):
    begin = schedule.start + timedelta(days=data.draw(st.integers(0, 400)))
    length = data.draw(st.integers(1, 60))
    paused = s.Schedule(
        schedule.start,
        schedule.phases,
        (s.Pause(begin, begin + timedelta(days=length)),),
        schedule.end,
    )
    for day in days(schedule, count=500):
        with_pause = s.is_dose_day(paused, pattern, day)
        if day < begin:
            assert with_pause == s.is_dose_day(schedule, pattern, day)
        elif day < begin + timedelta(days=length):
            assert not with_pause


@settings(SETTINGS, max_examples=60)
@given(
    schedules(),
    patterns,
    st.sampled_from(ZONES),
    st.integers(-20, 400),
    st.integers(0, 23),
)
def test_in_every_time_zone_each_local_day_is_asked_once_and_no_dose_is_lost_or_doubled(
    schedule, pattern, zone, offset, hour
):
    """Walk 120 days hour by hour (in UTC) from near the plan: the patient's
    local date never goes back, never skips a day (even on daylight-saving
    days), and the dose days met on the way are exactly the schedule's."""
    doses = {"x": [s.Dose("x", Decimal(1), "mg", pattern, schedule.start)]}
    first = schedule.start + timedelta(days=offset)
    instant = datetime(first.year, first.month, first.day, hour, tzinfo=UTC)
    seen, dosed = [], set()
    for step in range(120 * 24):
        moment = instant + timedelta(hours=step)
        local = s.local_date_at(moment, zone)
        if seen:
            assert local in (seen[-1], seen[-1] + timedelta(days=1))
        if not seen or seen[-1] != local:
            seen.append(local)
        if s.due_at(schedule, doses, moment, zone).state == s.DOSE:
            dosed.add(local)
    expected = set(s.dose_days(schedule, doses["x"], seen[0], seen[-1]))
    assert dosed == expected


@pytest.mark.parametrize(
    ("zone", "utc", "local"),
    [
        # New York springs forward at 02:00 on 8 March 2026 and falls back on 1 November.
        ("America/New_York", "2026-03-08T04:59:00", date(2026, 3, 7)),
        ("America/New_York", "2026-03-08T05:00:00", date(2026, 3, 8)),
        ("America/New_York", "2026-03-09T03:59:00", date(2026, 3, 8)),
        ("America/New_York", "2026-03-09T04:00:00", date(2026, 3, 9)),
        ("America/New_York", "2026-11-02T04:59:00", date(2026, 11, 1)),
        ("America/New_York", "2026-11-02T05:00:00", date(2026, 11, 2)),
        ("Pacific/Kiritimati", "2026-06-30T10:00:00", date(2026, 7, 1)),
        ("Asia/Kolkata", "2026-01-01T18:29:00", date(2026, 1, 1)),
        ("Asia/Kolkata", "2026-01-01T18:30:00", date(2026, 1, 2)),
        # Lord Howe moves by 30 minutes: +11 in its summer, +10:30 in winter.
        ("Australia/Lord_Howe", "2026-01-01T12:59:00", date(2026, 1, 1)),
        ("Australia/Lord_Howe", "2026-01-01T13:00:00", date(2026, 1, 2)),
        ("Australia/Lord_Howe", "2026-07-01T13:29:00", date(2026, 7, 1)),
        ("Australia/Lord_Howe", "2026-07-01T13:30:00", date(2026, 7, 2)),
        ("Pacific/Pago_Pago", "2026-07-01T10:00:00", date(2026, 6, 30)),
    ],
)
def test_the_local_date_follows_the_patients_clock(zone, utc, local):
    moment = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert s.local_date_at(moment, zone) == local
    assert moment.astimezone(ZoneInfo(zone)).date() == local


def test_a_moment_without_a_time_zone_is_refused():
    with pytest.raises(s.ScheduleError):
        s.local_date_at(datetime(2026, 1, 1, 12), "UTC")


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.dates(date(2026, 1, 1), date(2026, 3, 1)), st.sampled_from(["taken", "skipped"])
        )
    ),
    st.sets(st.dates(date(2026, 1, 1), date(2026, 3, 1))),
)
def test_adherence_counts_add_up(logs, due):
    result = s.adherence(due, dict(logs))
    assert result.taken + result.skipped + result.missing == result.due == len(due)
    assert result.rate is None if not due else 0 <= result.rate <= 1


@SETTINGS
@given(
    schedules(), patterns, patterns, st.integers(0, 500), st.integers(-30, 400), st.integers(0, 400)
)
def test_dose_days_over_a_range_are_the_days_a_component_is_due_one_by_one(
    schedule, first_pattern, second_pattern, change_after, offset, length
):
    """dose_days works the plan's part out once per range; it must agree with
    asking component_is_due day by day, across a pattern change mid-range."""
    change = schedule.start + timedelta(days=change_after)
    history = [
        s.Dose("x", Decimal(1), "mg", first_pattern, schedule.start, effective_to=change),
        s.Dose("x", Decimal(2), "mg", second_pattern, change, pattern_since=change),
    ]
    first = schedule.start + timedelta(days=offset)
    last = first + timedelta(days=length)
    expected = [
        day for day in s.days_between(first, last) if s.component_is_due(schedule, history, day)
    ]
    assert s.dose_days(schedule, history, first, last) == expected
