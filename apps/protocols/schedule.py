"""When a plan says to dose: pure, no Django, standard library only.

A plan starts on a date, runs through three phases counted in calendar months
from that date (the source document's "Cycle Protocols": initial, maintenance
with periodic breaks, integration of occasional use), and may be paused and
ended. Each component has its own dosing pattern. Every question here is asked
about a *local calendar date* in the patient's time zone: a dose day is a day
on the patient's wall calendar, never a run of 24 hours, so daylight-saving
changes cannot add or lose a dose.

Ranges of dates are inclusive of both ends unless a name says otherwise;
`Pause.end` and `Schedule.end` are the first day *without* the pause or plan.

The cycle of a pattern (every other day, four on three off, ...) starts again
on the first day after a break: a patient back from a week off starts at day 1
of the cycle, rather than wherever the calendar would have put them.
"""

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

DAILY = "daily"
EVERY_OTHER_DAY = "every_other_day"
ONE_ON_TWO_OFF = "one_on_two_off"
FOUR_ON_THREE_OFF = "four_on_three_off"
WEEKDAYS = "weekdays"
CYCLE = "cycle"
KINDS = {
    DAILY: "Every day",
    EVERY_OTHER_DAY: "Every other day",
    ONE_ON_TWO_OFF: "One day on, two days off",
    FOUR_ON_THREE_OFF: "Four days on, three days off",
    WEEKDAYS: "Chosen days of the week",
    CYCLE: "Custom cycle",
}
_FIXED_STEPS = {
    DAILY: (True,),
    EVERY_OTHER_DAY: (True, False),
    ONE_ON_TWO_OFF: (True, False, False),
    FOUR_ON_THREE_OFF: (True, True, True, True, False, False, False),
}
MAX_CYCLE_DAYS = 90
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

INITIAL = "initial"
MAINTENANCE = "maintenance"
INTEGRATION = "integration"
PHASES = (INITIAL, MAINTENANCE, INTEGRATION)

# What a day is, for one plan.
NOT_STARTED = "not_started"
ENDED = "ended"
ON_BREAK = "break"
AS_NEEDED = "as_needed"  # integration phase: nothing is scheduled
REST = "rest"
DOSE = "dose"


class ScheduleError(ValueError):
    """A pattern or schedule that cannot mean anything; the message is for people."""


# ------------------------------------------------------------------ patterns


@dataclass(frozen=True)
class Pattern:
    kind: str
    weekdays: frozenset[int] = frozenset()
    cycle: tuple[bool, ...] = ()

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ScheduleError(f"Unknown dosing pattern {self.kind!r}.")
        if self.kind == WEEKDAYS:
            if not self.weekdays or not self.weekdays <= set(range(7)):
                raise ScheduleError("Choose at least one day of the week.")
        elif self.weekdays:
            raise ScheduleError("Days of the week only apply to the 'chosen days' pattern.")
        if self.kind == CYCLE:
            if not 1 <= len(self.cycle) <= MAX_CYCLE_DAYS:
                raise ScheduleError(f"A custom cycle is 1 to {MAX_CYCLE_DAYS} days long.")
            if not any(self.cycle):
                raise ScheduleError("A custom cycle needs at least one day on.")
        elif self.cycle:
            raise ScheduleError("A cycle only applies to the 'custom cycle' pattern.")

    @property
    def steps(self) -> tuple[bool, ...]:
        return self.cycle if self.kind == CYCLE else _FIXED_STEPS.get(self.kind, ())

    def is_on(self, day: date, anchor: date) -> bool:
        """Whether `day` is a day on, for a cycle whose day 1 is `anchor`."""
        if self.kind == WEEKDAYS:
            return day.weekday() in self.weekdays
        steps = self.steps
        return steps[(day - anchor).days % len(steps)]

    def describe(self) -> str:
        if self.kind == WEEKDAYS:
            return ", ".join(WEEKDAY_NAMES[d] for d in sorted(self.weekdays))
        if self.kind == CYCLE:
            return "Cycle: " + cycle_text(self.cycle)
        return KINDS[self.kind]

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "weekdays": sorted(self.weekdays),
            "cycle": cycle_text(self.cycle) if self.cycle else "",
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> "Pattern":
        kind = data.get("kind", DAILY)
        cycle = data.get("cycle") or ""
        return cls(
            kind=kind,
            weekdays=frozenset(int(d) for d in data.get("weekdays") or ()),
            cycle=parse_cycle(cycle) if kind == CYCLE else (),
        )


_CYCLE_PART = re.compile(r"(\d{1,3})\s*(on|off)", re.IGNORECASE)


def parse_cycle(text: str) -> tuple[bool, ...]:
    """'3 on, 4 off' -> (on, on, on, off, off, off, off); parts repeat in order."""
    cleaned = text.strip()
    parts = _CYCLE_PART.findall(cleaned)
    leftover = _CYCLE_PART.sub("", cleaned).replace(",", "").replace(";", "").strip()
    if not parts or leftover:
        raise ScheduleError("Write the cycle as days on and off, for example '3 on, 4 off'.")
    steps: list[bool] = []
    for count, word in parts:
        steps.extend([word.lower() == "on"] * int(count))
        if len(steps) > MAX_CYCLE_DAYS:
            raise ScheduleError(f"A custom cycle is 1 to {MAX_CYCLE_DAYS} days long.")
    return tuple(steps)


def cycle_text(steps: Sequence[bool]) -> str:
    runs: list[list] = []
    for step in steps:
        if runs and runs[-1][0] == step:
            runs[-1][1] += 1
        else:
            runs.append([step, 1])
    return ", ".join(f"{count} {'on' if on else 'off'}" for on, count in runs)


# ------------------------------------------------------------------ schedule


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Pause:
    start: date
    end: date | None = None  # the day dosing resumes; None while still paused

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Phases:
    initial_months: int
    maintenance_months: int
    # Maintenance's periodic breaks: `break_length_days` off after every
    # `break_every_days` on. Zero for either: no scheduled breaks.
    break_every_days: int = 0
    break_length_days: int = 0

    def __post_init__(self):
        if self.initial_months < 0 or self.maintenance_months < 0:
            raise ScheduleError("Phase lengths cannot be negative.")
        if self.break_every_days < 0 or self.break_length_days < 0:
            raise ScheduleError("Break lengths cannot be negative.")

    @property
    def has_breaks(self) -> bool:
        return self.break_every_days > 0 and self.break_length_days > 0


@dataclass(frozen=True)
class Break:
    start: date
    end: date | None  # the first day after the break; None: open-ended pause
    kind: str  # "pause" (the clinician's) or "scheduled" (maintenance)


@dataclass(frozen=True)
class Schedule:
    start: date
    phases: Phases
    pauses: tuple[Pause, ...] = ()
    end: date | None = None  # the first day without the plan

    # Cached: a year's timeline asks each of them tens of thousands of times,
    # and the schedule is frozen, so the answer never changes.
    @cached_property
    def maintenance_start(self) -> date:
        return add_months(self.start, self.phases.initial_months)

    @cached_property
    def integration_start(self) -> date:
        # From the start, not from maintenance's start: month-end clamping
        # must not compound (31 Jan + 1 month + 1 month != 31 Jan + 2 months).
        return add_months(self.start, self.phases.initial_months + self.phases.maintenance_months)

    def is_active(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def phase_on(schedule: Schedule, day: date) -> str | None:
    """INITIAL, MAINTENANCE or INTEGRATION, or None outside the plan."""
    if not schedule.is_active(day):
        return None
    if day < schedule.maintenance_start:
        return INITIAL
    if day < schedule.integration_start:
        return MAINTENANCE
    return INTEGRATION


def _scheduled_break_on(schedule: Schedule, day: date) -> Break | None:
    phases = schedule.phases
    if not phases.has_breaks or phase_on(schedule, day) != MAINTENANCE:
        return None
    period = phases.break_every_days + phases.break_length_days
    into = (day - schedule.maintenance_start).days % period
    if into < phases.break_every_days:
        return None
    start = day - timedelta(days=into - phases.break_every_days)
    end = min(start + timedelta(days=phases.break_length_days), schedule.integration_start)
    return Break(start, end, "scheduled")


def break_on(schedule: Schedule, day: date) -> Break | None:
    """The break `day` falls in: a pause first, else a scheduled one."""
    for pause in schedule.pauses:
        if pause.covers(day):
            return Break(pause.start, pause.end, "pause")
    return _scheduled_break_on(schedule, day)


def next_break(schedule: Schedule, day: date) -> Break | None:
    """The first break that starts after `day`, if the plan has one coming."""
    candidates = [
        Break(p.start, p.end, "pause")
        for p in schedule.pauses
        if p.start > day and schedule.is_active(p.start)
    ]
    phases = schedule.phases
    if phases.has_breaks:
        period = phases.break_every_days + phases.break_length_days
        first = schedule.maintenance_start + timedelta(days=phases.break_every_days)
        if day < first:
            start = first
        else:
            start = first + timedelta(days=((day - first).days // period + 1) * period)
        if start < schedule.integration_start and schedule.is_active(start):
            end = min(start + timedelta(days=phases.break_length_days), schedule.integration_start)
            candidates.append(Break(start, end, "scheduled"))
    return min(candidates, key=lambda b: b.start, default=None)


def _last_break_end(schedule: Schedule, day: date) -> date | None:
    ends = [p.end for p in schedule.pauses if p.end is not None and p.end <= day]
    phases = schedule.phases
    if phases.has_breaks:
        period = phases.break_every_days + phases.break_length_days
        first_end = schedule.maintenance_start + timedelta(days=period)
        if first_end <= day:
            ends.append(first_end + timedelta(days=((day - first_end).days // period) * period))
    return max(ends, default=None)


def anchor_for(schedule: Schedule, day: date, since: date | None = None) -> date:
    """Day 1 of the cycle `day` is in: the plan's start, the day the pattern
    took effect, or the first day after the latest break, whichever is last."""
    return _anchor(schedule, since, _last_break_end(schedule, day))


def _anchor(schedule: Schedule, since: date | None, last_break_end: date | None) -> date:
    candidates = [schedule.start, since or schedule.start]
    if last_break_end is not None:
        candidates.append(last_break_end)
    return max(candidates)


def is_dose_day(schedule: Schedule, pattern: Pattern, day: date, since: date | None = None) -> bool:
    """Whether `pattern` (in effect from `since`) says to dose on `day`."""
    if phase_on(schedule, day) not in (INITIAL, MAINTENANCE):
        return False
    if break_on(schedule, day) is not None:
        return False
    return pattern.is_on(day, anchor_for(schedule, day, since))


def days_between(start: date, end: date) -> Iterable[date]:
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


# --------------------------------------------------------------- components


@dataclass(frozen=True)
class Dose:
    """One component's planned dose and pattern over a stretch of the plan."""

    component: str
    amount: Decimal | None
    unit: str
    pattern: Pattern
    effective_from: date
    effective_to: date | None = None  # the first day of the next version
    pattern_since: date | None = None  # when this pattern took effect (cycle day 1)
    label: str = ""

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)


def dose_in_force(doses: Iterable[Dose], day: date) -> Dose | None:
    return next((d for d in doses if d.covers(day)), None)


def component_is_due(schedule: Schedule, doses: Sequence[Dose], day: date) -> Dose | None:
    """The dose version due on `day` for one component's history, or None."""
    dose = dose_in_force(doses, day)
    if dose is None:
        return None
    if is_dose_day(schedule, dose.pattern, day, dose.pattern_since or dose.effective_from):
        return dose
    return None


def dose_days(schedule: Schedule, doses: Sequence[Dose], start: date, end: date) -> list[date]:
    """Every day in [start, end] on which one component (its versions) is due:
    `component_is_due` for each day, with the plan's part of the answer (phase,
    break, cycle anchor) worked out once per schedule and range, not once per
    component and day (a year's timeline asks for six components)."""
    due = []
    for day, last_break_end in _dosing_days(schedule, start, end):
        dose = dose_in_force(doses, day)
        if dose is None:
            continue
        anchor = _anchor(schedule, dose.pattern_since or dose.effective_from, last_break_end)
        if dose.pattern.is_on(day, anchor):
            due.append(day)
    return due


@lru_cache(maxsize=64)
def _dosing_days(
    schedule: Schedule, start: date, end: date
) -> tuple[tuple[date, date | None], ...]:
    """The days in [start, end] the plan doses at all (initial or maintenance,
    not on a break), each with the end of the latest break before it. The
    schedule is frozen and compared by value, so a cached answer is its answer."""
    return tuple(
        (day, _last_break_end(schedule, day))
        for day in days_between(start, end)
        if phase_on(schedule, day) in (INITIAL, MAINTENANCE) and break_on(schedule, day) is None
    )


@dataclass(frozen=True)
class Day:
    day: date
    state: str  # NOT_STARTED, ENDED, ON_BREAK, AS_NEEDED, REST or DOSE
    phase: str | None
    break_: Break | None = None
    due: tuple[Dose, ...] = field(default=())


def due_on(schedule: Schedule, components: Mapping[str, Sequence[Dose]], day: date) -> Day:
    """What the plan says for `day`: each component's history by its key."""
    if day < schedule.start:
        return Day(day, NOT_STARTED, None)
    phase = phase_on(schedule, day)
    if phase is None:
        return Day(day, ENDED, None)
    if phase == INTEGRATION:
        return Day(day, AS_NEEDED, phase)
    current = break_on(schedule, day)
    if current is not None:
        return Day(day, ON_BREAK, phase, current)
    due = tuple(
        dose
        for doses in components.values()
        if (dose := component_is_due(schedule, doses, day)) is not None
    )
    return Day(day, DOSE if due else REST, phase, None, due)


def local_date_at(instant: datetime, tz: str) -> date:
    """The patient's calendar date at `instant` (which must be aware)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ScheduleError("A moment in time needs its time zone.")
    return instant.astimezone(ZoneInfo(tz)).date()


def due_at(
    schedule: Schedule, components: Mapping[str, Sequence[Dose]], instant: datetime, tz: str
) -> Day:
    """What is due "today" for a patient in time zone `tz` at `instant`."""
    return due_on(schedule, components, local_date_at(instant, tz))


# --------------------------------------------------------------- adherence


@dataclass(frozen=True)
class Adherence:
    due: int  # days the plan said to take it
    taken: int  # of those, days it was logged as taken
    skipped: int  # of those, days it was logged as skipped
    missing: int  # of those, days with nothing logged
    extra: int  # days it was taken when it was not due

    @property
    def rate(self) -> float | None:
        """Taken / due, or None when nothing was due."""
        return self.taken / self.due if self.due else None


TAKEN = "taken"
SKIPPED = "skipped"


def adherence(due_days: Iterable[date], logs: Mapping[date, str]) -> Adherence:
    """Compare the days a component was due with what was logged (date -> status)."""
    due = set(due_days)
    taken = sum(1 for day in due if logs.get(day) == TAKEN)
    skipped = sum(1 for day in due if logs.get(day) == SKIPPED)
    extra = sum(1 for day, status in logs.items() if status == TAKEN and day not in due)
    return Adherence(len(due), taken, skipped, len(due) - taken - skipped, extra)
