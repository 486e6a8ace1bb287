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
# Rows per upsert statement (8 parameters each: well inside SQLite's limit).
STORE_BATCH = 500


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

    The versions are read in the same statement as the check-ins, and each
    sum is stamped with the version read: if a check-in was written in
    between, the trigger has moved the version on, so the sum stays stale
    and the next view adds it up again."""
    stale = stale_ids(patient_ids, today=today)
    if not stale:
        return 0
    store(added_up(stale, today=today), today=today)
    return len(stale)


def store(added: list[tuple], *, today: date) -> None:
    """Keep the sums `added_up` found, stamped with the version read with
    them; where the version has moved on since, nothing is written (it would
    be stale, and a newer sum may be there already)."""
    table = MoodSummary._meta.db_table
    # Many rows per statement: one upsert per patient was most of a first
    # view of the day (500 statements).
    for start in range(0, len(added), STORE_BATCH):
        batch = added[start : start + STORE_BATCH]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(batch))
        params = [
            value
            for patient_id, version, *facts in batch
            for value in (patient_id, version, version, today.isoformat(), *facts)
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (patient_id, version, facts_version, as_of,
                                     answers, recent_sum, earlier_sum, answered_days)
                VALUES {values}
                ON CONFLICT (patient_id) DO UPDATE SET
                    facts_version = excluded.facts_version,
                    as_of = excluded.as_of,
                    answers = excluded.answers,
                    recent_sum = excluded.recent_sum,
                    earlier_sum = excluded.earlier_sum,
                    answered_days = excluded.answered_days
                WHERE {table}.version = excluded.version
                """,  # nosec B608: the table name from model meta, every value a parameter
                params,
            )


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


def added_up(patient_ids: list[int], *, today: date) -> list[tuple]:
    """(patient id, summary version or 0, answers, recent sum, earlier sum,
    answered days) for each of `patient_ids`, in one statement so the version
    and the check-ins come from one snapshot.

    Recent: the latest brief.RECENT_DAYS answers of the window; earlier: the
    ones before them (brief.is_recent_drop's split)."""
    first, week = window(today)
    ids_sql, ids_param = ids_condition(
        "{column}", patient_ids, vendor=connection.vendor, placeholder="%(ids)s"
    )
    # One check-in per patient and day (one_checkin_per_day), so the bits add.
    answered_bits = " ".join(f"WHEN %(day_{n})s THEN {1 << n}" for n in range(len(week)))
    sql = f"""
        SELECT u.id, COALESCE(s.version, 0),
               COALESCE(m.answers, 0), COALESCE(m.recent_sum, 0),
               COALESCE(m.earlier_sum, 0), COALESCE(m.answered_days, 0)
        FROM {get_user_model()._meta.db_table} u
        LEFT JOIN {MoodSummary._meta.db_table} s ON s.patient_id = u.id
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
        return cursor.fetchall()
