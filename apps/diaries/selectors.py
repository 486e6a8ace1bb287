import calendar
from datetime import date, timedelta

from .models import CheckIn


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
                # The protocols work marks dose days and phases here
                # (DESIGN: "with dose days and phases marked").
                "dose_day": None,
            }
        )
    return rows
