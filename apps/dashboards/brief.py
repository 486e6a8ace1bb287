"""The arithmetic of the session brief: plain numbers in, plain words out.

No Django here, so each judgement can be tested on its own and reused by the
page, the print view and the PDF alike.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date


def mean(values: Sequence[float]) -> float:
    # statistics.mean is exact (Fractions) and ~20x slower: too slow for a
    # 500-patient caseload, and exactness buys nothing at one decimal place.
    return sum(values) / len(values)


# A drop (is_drop): the last week's mean mood this far below the patient's usual.
DROP_POINTS = 2.0
SEVERITY_RANK = {"mild": 1, "moderate": 2, "severe": 3}


# The "recent" side of a drop: the latest week's answers.
RECENT_DAYS = 7
# One check-in this far below the usual is news on its own (a 3 after weeks
# around 7): the alert rule's default drop (fixtures/alert_rules.yaml, 3 points).
LATEST_POINTS = 3
# Fewer earlier answers than this and there is no "usual" to compare with.
MIN_USUAL = 3
# The answers the rule reads: those of the last WINDOW_DAYS days up to today
# (the caseload's mood summaries hold the same window).
WINDOW_DAYS = 30


@dataclass(frozen=True)
class MoodChange:
    """The one drop rule's verdict on a patient's latest answers, with the
    numbers it was judged on. `kind`: "none" (no answers), "unknown" (too few
    earlier answers for a usual), "drop", "rise" or "steady"."""

    kind: str
    answers: int = 0
    latest: float | None = None
    latest_day: date | None = None
    usual: float | None = None
    usual_count: int = 0
    recent_mean: float | None = None
    recent_count: int = 0


def judge_mood(
    dated_moods: Sequence[tuple[date, float | None]], *, recent_days: int = RECENT_DAYS
) -> MoodChange:
    """THE drop rule, on (day, mood) answers oldest first (unanswered days may
    be None and are skipped). The caseload ranks with it (the same arithmetic
    in SQL, from sums: is_drop) and the session brief words it."""
    answered = [(day, mood) for day, mood in dated_moods if mood is not None]
    if not answered:
        return MoodChange(kind="none")
    values = [mood for _day, mood in answered]
    earlier, recent = values[:-recent_days], values[-recent_days:]
    return change_from_sums(
        earlier_sum=sum(earlier),
        earlier_count=len(earlier),
        recent_sum=sum(recent),
        recent_count=len(recent),
        latest=values[-1],
        latest_day=answered[-1][0],
    )


def change_from_sums(
    *,
    earlier_sum: float,
    earlier_count: int,
    recent_sum: float,
    recent_count: int,
    latest: float | None,
    latest_day: date | None = None,
) -> MoodChange:
    """judge_mood from the sums the caseload's mood summaries keep."""
    answers = earlier_count + recent_count
    if not answers:
        return MoodChange(kind="none")
    found = dict(answers=answers, latest=latest, latest_day=latest_day)
    if earlier_count < MIN_USUAL:
        return MoodChange(kind="unknown", **found)
    sums = dict(
        earlier_sum=earlier_sum,
        earlier_count=earlier_count,
        recent_sum=recent_sum,
        recent_count=recent_count,
        latest=latest,
    )
    if is_drop(**sums):
        kind = "drop"
    elif is_rise(**sums):
        kind = "rise"
    else:
        kind = "steady"
    return MoodChange(
        kind=kind,
        usual=earlier_sum / earlier_count,
        usual_count=earlier_count,
        recent_mean=recent_sum / recent_count,
        recent_count=recent_count,
        **found,
    )


def is_recent_drop(
    moods_oldest_first: Sequence[float | None], recent_days: int = RECENT_DAYS
) -> bool:
    """judge_mood's "drop", for moods without their days."""
    dated = [(None, mood) for mood in moods_oldest_first]
    return judge_mood(dated, recent_days=recent_days).kind == "drop"


def is_drop(
    *,
    earlier_sum: float,
    earlier_count: int,
    recent_sum: float,
    recent_count: int,
    latest: float | None = None,
) -> bool:
    """A drop: the mean of the recent answers DROP_POINTS or more below the
    mean of the earlier ones (the usual), or the latest answer LATEST_POINTS
    or more below it. From sums and counts, because the caseload has the
    database add up 30 days of moods for every patient (selectors.
    _caseload_facts writes the same comparison in SQL). Cross-multiplied, so
    for whole moods both sides stay whole numbers and a drop of exactly the
    threshold is one here and in SQL alike, with no rounding to tip either way."""
    if earlier_count < MIN_USUAL or recent_count == 0:
        return False
    mean_fell = (
        earlier_sum * recent_count - recent_sum * earlier_count
        >= DROP_POINTS * earlier_count * recent_count
    )
    latest_fell = latest is not None and earlier_sum - latest * earlier_count >= (
        LATEST_POINTS * earlier_count
    )
    return mean_fell or latest_fell


def is_rise(
    *,
    earlier_sum: float,
    earlier_count: int,
    recent_sum: float,
    recent_count: int,
    latest: float | None = None,
) -> bool:
    """is_drop upside down: a rise is news too (a switch towards mania)."""
    if earlier_count < MIN_USUAL or recent_count == 0:
        return False
    mean_rose = (
        recent_sum * earlier_count - earlier_sum * recent_count
        >= DROP_POINTS * earlier_count * recent_count
    )
    latest_rose = latest is not None and latest * earlier_count - earlier_sum >= (
        LATEST_POINTS * earlier_count
    )
    return mean_rose or latest_rose


def side_effect_changes(
    before: Iterable[tuple[str, str]], since: Iterable[tuple[str, str, str]]
) -> list[dict]:
    """Side effects reported since the last session that are new (not reported
    before it) or worse (a higher severity than the worst before it).

    `before` is (key, severity) pairs; `since` is (key, description, severity)."""
    worst_before: dict[str, int] = {}
    for key, severity in before:
        worst_before[key] = max(worst_before.get(key, 0), SEVERITY_RANK.get(severity, 0))
    found: dict[str, dict] = {}
    for key, description, severity in since:
        rank = SEVERITY_RANK.get(severity, 0)
        # "other" is the patient's own words: each description is its own effect.
        ident = f"other:{description.casefold()}" if key == "other" else key
        previous = worst_before.get(ident, 0)
        if rank <= previous:
            continue
        change = "worse" if previous else "new"
        current = found.get(ident)
        if current is None or rank > SEVERITY_RANK[current["severity"]]:
            found[ident] = {"description": description, "severity": severity, "change": change}
    return sorted(found.values(), key=lambda e: (-SEVERITY_RANK[e["severity"]], e["description"]))


def missed_days(expected: Iterable, answered: Iterable) -> list:
    """The expected days with no answer, in order."""
    answered = set(answered)
    return sorted(day for day in expected if day not in answered)


def sparkline_points(values: Sequence[float | None], *, width=120, height=24, top=10) -> str:
    """SVG polyline points for values on 0..top, gaps skipped (each run of
    answers becomes part of one line; the text alternative carries the gaps)."""
    if not values:
        return ""
    step = width / max(len(values) - 1, 1)
    return " ".join(
        f"{index * step:.1f},{height - (value / top) * height:.1f}"
        for index, value in enumerate(values)
        if value is not None
    )


@dataclass(frozen=True)
class ChartGeometry:
    """A mood chart laid out on a width x height box (y down), for any
    drawer: the page's SVG (mood_chart.svg) and the PDF (pdf.py) both draw
    this, so they cannot disagree. `lines` are runs of consecutive answered
    days (a gap breaks the line); `dots` are (x, y, mood); `marks` are the x
    of marked days (alerts); `usual_y` the patient's usual, if known."""

    width: float
    height: float
    lines: list
    dots: list
    marks: list
    usual_y: float | None
    grid: list  # (y, label) for 0, 5 and 10
    first_label: str
    last_label: str


def chart_geometry(
    dated_moods: Sequence[tuple[date, float | None]],
    *,
    width: float = 600,
    height: float = 160,
    top: float = 10,
    usual: float | None = None,
    marked_days: Iterable[date] = (),
    pad: float = 10,
    left: float = 28,
) -> ChartGeometry:
    """`dated_moods` is one (day, mood or None) per day, oldest first; `left`
    leaves room for the 0/5/10 labels."""
    count = len(dated_moods)
    step = (width - left - pad) / max(count - 1, 1)

    def y_of(value: float) -> float:
        return round(pad + (height - 2 * pad) * (1 - value / top), 1)

    index_of = {day: index for index, (day, _mood) in enumerate(dated_moods)}
    lines, run, dots = [], [], []
    for index, (_day, mood) in enumerate(dated_moods):
        if mood is None:
            if run:
                lines.append(run)
            run = []
            continue
        point = (round(left + index * step, 1), y_of(mood))
        run.append(point)
        dots.append((*point, mood))
    if run:
        lines.append(run)
    marks = sorted(
        {round(left + index_of[day] * step, 1) for day in marked_days if day in index_of}
    )
    return ChartGeometry(
        width=width,
        height=height,
        lines=lines,
        dots=dots,
        marks=marks,
        usual_y=y_of(usual) if usual is not None else None,
        grid=[(y_of(value), f"{value:g}") for value in (0, top / 2, top)],
        first_label=f"{dated_moods[0][0]:%-d %b}" if count else "",
        last_label=f"{dated_moods[-1][0]:%-d %b}" if count else "",
    )


def chart_text(dated_moods: Sequence[tuple[date, float | None]], *, marked_days=()) -> str:
    """The chart's text alternative: what a reader of the picture would see."""
    answered = [(day, mood) for day, mood in dated_moods if mood is not None]
    if not dated_moods:
        return "No days to show."
    span = f"{dated_moods[0][0]:%-d %b} to {dated_moods[-1][0]:%-d %b}"
    if not answered:
        return f"Mood from {span}: no check-ins."
    moods = [mood for _day, mood in answered]
    low_day, low = min(answered, key=lambda pair: (pair[1], pair[0]))
    text = (
        f"Mood from {span}: {len(answered)} check-ins of {len(dated_moods)} days, "
        f"from {min(moods):g} to {max(moods):g} (lowest {low:g} on {low_day:%-d %b}), "
        f"latest {answered[-1][1]:g} on {answered[-1][0]:%-d %b}."
    )
    marked = sorted(set(marked_days) & {day for day, _mood in dated_moods})
    if marked:
        days = ", ".join(f"{day:%-d %b}" for day in marked)
        text += f" Alerts on {days}."
    return text
