"""The arithmetic of the session brief: plain numbers in, plain words out.

No Django here, so each judgement can be tested on its own and reused by the
page, the print view and the PDF alike.
"""

from collections.abc import Iterable, Sequence


def mean(values: Sequence[float]) -> float:
    # statistics.mean is exact (Fractions) and ~20x slower: too slow for a
    # 500-patient caseload, and exactness buys nothing at one decimal place.
    return sum(values) / len(values)


# Less than a point on a 0-10 scale either way is within a day-to-day wobble;
# the issue leaves the cut-off to us (no threshold in docs/CLINICAL_REFERENCE.md for daily mood).
STEADY_WITHIN = 1.0
# A caseload row is flagged when the last week's mean mood sits this far below
# the patient's own earlier baseline.
DROP_POINTS = 2.0
SEVERITY_RANK = {"mild": 1, "moderate": 2, "severe": 3}


def mood_direction(baseline: Sequence[float], recent: Sequence[float]) -> dict | None:
    """Direction and size of the recent mean mood against the baseline mean;
    None when either side has no answers."""
    if not baseline or not recent:
        return None
    before, after = float(mean(baseline)), float(mean(recent))
    change = round(after - before, 1)
    if abs(change) < STEADY_WITHIN:
        direction = "steady"
    else:
        direction = "higher" if change > 0 else "lower"
    return {
        "baseline": round(before, 1),
        "recent": round(after, 1),
        "change": change,
        "direction": direction,
        "baseline_days": len(baseline),
        "recent_days": len(recent),
    }


# The "recent" side of a drop: the latest week's answers.
RECENT_DAYS = 7


def is_recent_drop(
    moods_oldest_first: Sequence[float | None], recent_days: int = RECENT_DAYS
) -> bool:
    """True when the mean of the last `recent_days` answers is DROP_POINTS or
    more below the mean of the answers before them."""
    values = [value for value in moods_oldest_first if value is not None]
    if len(values) <= recent_days:
        return False
    earlier, recent = values[:-recent_days], values[-recent_days:]
    return is_drop(
        earlier_sum=sum(earlier),
        earlier_count=len(earlier),
        recent_sum=sum(recent),
        recent_count=len(recent),
    )


def is_drop(
    *, earlier_sum: float, earlier_count: int, recent_sum: float, recent_count: int
) -> bool:
    """is_recent_drop from sums and counts (the caseload has the database add
    up 30 days of moods for every patient). Cross-multiplied, the means'
    difference against DROP_POINTS stays in whole numbers for whole moods, so
    a drop of exactly DROP_POINTS is one here and in the caseload's SQL alike,
    with no rounding to tip either way."""
    return (
        earlier_sum * recent_count - recent_sum * earlier_count
        >= DROP_POINTS * earlier_count * recent_count
    )


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
