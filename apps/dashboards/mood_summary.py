"""Each patient's check-in facts for the caseload, added up once and kept.

The caseload ranks every patient it may show by their last SPARKLINE_DAYS of
moods. Adding those up for 500 patients on each view read 15,000 check-ins;
a MoodSummary row holds the result until a check-in is written (a database
trigger bumps its version) or the viewer's day turns (`as_of`). A view reads
the summaries in its ranking query and calls `refresh` only when one of them
is stale. Why a stale summary can never be stored as fresh: see MoodSummary.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection

from apps.clinics.lookups import ids_condition
from apps.diaries.models import CheckIn

from . import brief
from .models import MoodSummary

SPARKLINE_DAYS = 30
MISSED_WINDOW_DAYS = 7


def window(today: date) -> tuple[date, list[date]]:
    """The first day of the moods' window, and the days whose answers the
    missed check-ins are counted from (bit n of answered_days: week[n])."""
    first = today - timedelta(days=SPARKLINE_DAYS - 1)
    week = [today - timedelta(days=offset) for offset in range(1, MISSED_WINDOW_DAYS + 1)]
    return first, week


def is_fresh_sql(alias: str) -> str:
    """SQL, true where the summary `alias` may be trusted for %(today)s."""
    return f"({alias}.as_of = %(today)s AND {alias}.facts_version = {alias}.version)"


def refresh(patient_ids: list[int], *, today: date) -> int:
    """Add up again the summaries of `patient_ids` that are missing or stale
    for `today`; returns how many were stale.

    One statement adds up and stores, so the versions and the check-ins are
    read from one snapshot and each sum is stamped with the version read. A
    check-in written meanwhile has moved the version on (its trigger locks
    the summary row until it commits, and the upsert waits for it): the
    upsert's WHERE then leaves the row alone, stale, for the next view to add
    up again. tests/dashboards/test_mood_summary.py runs that race with two
    connections."""
    stale = stale_ids(patient_ids, today=today)
    if not stale:
        return 0
    _add_up_and_store(stale, today=today)
    return len(stale)


def stale_ids(patient_ids: list[int], *, today: date) -> list[int]:
    condition, ids = ids_condition(
        "u.id", patient_ids, vendor=connection.vendor, placeholder="%(ids)s"
    )
    sql = f"""
        SELECT u.id FROM {get_user_model()._meta.db_table} u
        LEFT JOIN {MoodSummary._meta.db_table} s ON s.patient_id = u.id
        WHERE {condition} AND NOT COALESCE({is_fresh_sql("s")}, FALSE)
        ORDER BY u.id
    """  # nosec B608: table names from model meta, every value a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, {"ids": ids, "today": today.isoformat()})
        return [patient_id for (patient_id,) in cursor.fetchall()]


def _add_up_and_store(patient_ids: list[int], *, today: date) -> None:
    """Recent: the latest brief.RECENT_DAYS answers of the window; earlier:
    the ones before them (brief.is_recent_drop's split)."""
    first, week = window(today)
    ids_sql, ids_param = ids_condition(
        "{column}", patient_ids, vendor=connection.vendor, placeholder="%(ids)s"
    )
    table = MoodSummary._meta.db_table
    # One check-in per patient and day (one_checkin_per_day), so the bits add.
    answered_bits = " ".join(f"WHEN %(day_{n})s THEN {1 << n}" for n in range(len(week)))
    sql = f"""
        INSERT INTO {table} (patient_id, version, facts_version, as_of,
                             answers, recent_sum, earlier_sum, answered_days)
        SELECT u.id, COALESCE(s.version, 0), COALESCE(s.version, 0), %(today)s,
               COALESCE(m.answers, 0), COALESCE(m.recent_sum, 0),
               COALESCE(m.earlier_sum, 0), COALESCE(m.answered_days, 0)
        FROM {get_user_model()._meta.db_table} u
        LEFT JOIN {table} s ON s.patient_id = u.id
        LEFT JOIN (
            SELECT patient_id, COUNT(*) AS answers,
                   SUM(CASE WHEN latest <= %(recent)s THEN mood ELSE 0 END) AS recent_sum,
                   SUM(CASE WHEN latest > %(recent)s THEN mood ELSE 0 END) AS earlier_sum,
                   SUM(CASE local_date {answered_bits} ELSE 0 END) AS answered_days
            FROM (
                SELECT c.patient_id, c.mood, c.local_date,
                       ROW_NUMBER() OVER (
                           PARTITION BY c.patient_id ORDER BY c.local_date DESC
                       ) AS latest
                FROM {CheckIn._meta.db_table} c
                WHERE {ids_sql.format(column="c.patient_id")}
                  AND c.local_date >= %(first)s AND c.local_date <= %(today)s
            ) ranked
            GROUP BY patient_id
        ) m ON m.patient_id = u.id
        WHERE {ids_sql.format(column="u.id")}
        ON CONFLICT (patient_id) DO UPDATE SET
            facts_version = excluded.facts_version,
            as_of = excluded.as_of,
            answers = excluded.answers,
            recent_sum = excluded.recent_sum,
            earlier_sum = excluded.earlier_sum,
            answered_days = excluded.answered_days
        WHERE {table}.version = excluded.version
    """  # nosec B608: table names from model meta, every value a parameter
    params = {
        "ids": ids_param,
        "first": first.isoformat(),
        "today": today.isoformat(),
        "recent": brief.RECENT_DAYS,
        **{f"day_{n}": day.isoformat() for n, day in enumerate(week)},
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
