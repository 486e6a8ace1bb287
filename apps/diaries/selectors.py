import calendar
from datetime import date, timedelta

from apps.protocols.selectors import dose_rhythm_between

from .models import CheckIn


def plan_component_slugs(*, patient) -> list[str]:
    """The components of the patient's open plan (active or on a break), one
    query: the check-in page asks about their side effects."""
    from apps.protocols.models import PlanItem, PlanStatus

    return list(
        PlanItem.objects.filter(
            plan__patient=patient, plan__status__in=[PlanStatus.ACTIVE, PlanStatus.PAUSED]
        )
        .values_list("component__slug", flat=True)
        .distinct()
    )


def checkins_for_patient(*, patient, limit=60):
    return CheckIn.objects.filter(patient=patient).order_by("-local_date")[:limit]


def checkin_for_day(*, patient, local_date):
    return (
        CheckIn.objects.filter(patient=patient, local_date=local_date)
        .select_related("clinic")
        .prefetch_related("side_effects")
        .first()
    )


def own_checkin(*, patient, checkin_id):
    if checkin_id is None:
        return None
    return CheckIn.objects.filter(patient=patient, pk=checkin_id).first()


def checkins_all(*, patient):
    """Every entry of the patient's, oldest first, for their own download."""
    return (
        CheckIn.objects.filter(patient=patient)
        .order_by("local_date")
        .prefetch_related("side_effects")
    )


def checkins_between(*, patient, first, last):
    return (
        CheckIn.objects.filter(patient=patient, local_date__gte=first, local_date__lte=last)
        .prefetch_related("side_effects")
        .order_by("local_date")
    )


def mood_band(mood: int) -> int:
    """The calendar's colour for a mood: 0 (0-2) to 4 (9-10)."""
    return 0 if mood <= 2 else min(4, (mood - 1) // 2)


def month_calendar(*, patient, year: int, month: int, today: date) -> dict:
    """The weeks of one month (Monday first), each day with its entry, for
    the patient's own history page; and the month's entries newest first."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    by_day = {c.local_date: c for c in checkins_between(patient=patient, first=first, last=last)}
    return {
        "weeks": [
            [
                {
                    "day": day,
                    "in_month": day.month == month,
                    "checkin": by_day.get(day),
                    "mood_band": mood_band(by_day[day].mood) if day in by_day else None,
                    "is_today": day == today,
                    "is_future": day > today,
                }
                for day in week
            ]
            for week in weeks
        ],
        "entries": sorted(
            (c for d, c in by_day.items() if d.month == month),
            key=lambda c: c.local_date,
            reverse=True,
        ),
    }


def trend_series(*, patient, today: date, days: int) -> list[dict]:
    """One row per day of the last `days` days, with None where there is no
    entry or no answer, so charts and tables show gaps as gaps."""
    first = today - timedelta(days=days - 1)
    by_day = {c.local_date: c for c in checkins_between(patient=patient, first=first, last=today)}
    rhythm = dose_rhythm_between(patient=patient, start=first, end=today)
    rows = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        checkin = by_day.get(day)
        rows.append(
            {
                "date": day.isoformat(),
                "mood": checkin.mood if checkin else None,
                "anxiety": checkin.anxiety if checkin else None,
                "energy": checkin.energy if checkin else None,
                "sleep_hours": float(checkin.sleep_hours)
                if checkin and checkin.sleep_hours is not None
                else None,
                # None outside a plan: neither a dose day nor a rest day.
                "dose_day": rhythm[day]["dose_day"] if day in rhythm else None,
                "phase": rhythm[day]["phase"] if day in rhythm else None,
            }
        )
    return rows


def dose_day_comparison(*, series: list[dict], key: str) -> dict | None:
    """The mean of `key` on dose days beside rest days, from trend_series rows
    (consecutive days), with the difference and its 95% interval from
    apps.trials.statistics (a block bootstrap: neighbouring days are alike);
    None when the range has no answered day on a plan. Numbers are rounded for pages;
    `enough_data` False leaves the difference and interval None."""
    from apps.trials.statistics import dose_day_comparison as compare

    if all(row["dose_day"] is None for row in series):
        return None
    result = compare(
        days=[(row["dose_day"], row[key]) for row in series], min_days=MIN_COMPARISON_DAYS
    )
    if result.dose_days + result.rest_days == 0:
        # A measure never answered on the plan (sleep for someone who skips
        # it): nothing to compare, and "not enough data" under every empty
        # chart would only be noise.
        return None

    def rounded(value):
        # + 0.0 turns -0.0 into 0.0: a page should never print "-0.0".
        return round(value, 1) + 0.0 if value is not None else None

    def summary(days, values):
        return {"days": days, "mean": rounded(sum(values) / len(values)) if values else None}

    dose = [row[key] for row in series if row["dose_day"] is True and row[key] is not None]
    rest = [row[key] for row in series if row["dose_day"] is False and row[key] is not None]
    return {
        "dose": summary(result.dose_days, dose),
        "rest": summary(result.rest_days, rest),
        "enough_data": result.enough_data,
        "difference": rounded(result.difference),
        "low": rounded(result.ci_low),
        "high": rounded(result.ci_high),
        "min_days": MIN_COMPARISON_DAYS,
    }


# The statistics module's default: fewer than a week of answered dose days or
# rest days is too little to set side by side.
MIN_COMPARISON_DAYS = 7
