from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    Case,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)

from apps.alerts.models import OPEN_STATES, Alert
from apps.clinics import access
from apps.clinics.lookups import ids_condition
from apps.diaries.instruments.change import clinically_meaningful, reliable_change
from apps.diaries.models import CheckIn, QuestionnaireResponse, SideEffect
from apps.diaries.selectors import dose_day_comparison
from apps.protocols import schedule as sched
from apps.protocols.models import Plan, PlanStatus
from apps.protocols.selectors import (
    adherence_for,
    clinic_today,
    dose_rhythm_between,
    overrides_on_record,
    plan_history,
)
from apps.safety.detectors.findings import Severity
from apps.safety.models import ScreeningRun

from . import brief
from .highlight import highlight_spans
from .models import Session

SPARKLINE_DAYS = 30
MISSED_WINDOW_DAYS = 7
JOURNAL_LIMIT = 60
CASELOAD_FILTERS = {"attention", "on_plan"}


@dataclass
class CaseloadRow:
    """One patient on the caseload: what orders the list for every patient,
    and (rows_detail_add) what a row shows, for the page's rows only."""

    pk: int
    full_name: str
    email: str
    open_alerts: int
    open_critical: int
    open_high: int
    absolute_flags: int | None
    relative_flags: int | None
    plan_status: str | None = None
    phase: str | None = None
    recent_drop: bool = False
    missed: int = 0
    # The open plan waits for a clinician's review of a screening change.
    plan_review: bool = False
    needs_attention: bool = False
    latest_mood: int | None = None
    latest_date: date | None = None
    next_session: date | None = None
    # The last SPARKLINE_DAYS days' moods, oldest first, None where unanswered.
    mood_series: list = field(default_factory=list)
    sparkline: str = ""
    sparkline_text: str = ""

    def __str__(self):
        return self.full_name or self.email

    @property
    def plan_status_label(self) -> str:
        return PlanStatus(self.plan_status).label if self.plan_status else ""


def caseload_for(
    *, user, today: date | None = None, search: str = "", filters=(), phase="", patient_ids=None
) -> list[CaseloadRow]:
    """The patients `user` looks after, neediest first: open critical and high
    alerts, then a recent drop in mood against their own baseline, then missed
    check-ins, then a plan waiting for a screening review, then screening flags.

    Only what orders and filters the list is read for every patient, as plain
    numbers in one query (_caseload_facts). What a row shows beyond that comes
    from rows_detail_add, for the rows on the page. A fixed number of queries,
    however long the caseload."""
    today = today or date.today()
    if patient_ids is None:
        patient_ids = list(
            access.patients_visible_to(user).exclude(pk=user.pk).values_list("pk", flat=True)
        )
    if search.strip():
        patient_ids = list(
            get_user_model()
            .objects.filter(pk__in_ids=patient_ids, full_name__icontains=search.strip()[:100])
            .values_list("pk", flat=True)
        )
    # Missed check-ins count only while on a plan (REFERENCE.md), and only
    # finished days: today may still be filled in.
    week = [today - timedelta(days=offset) for offset in range(1, MISSED_WINDOW_DAYS + 1)]
    rows = []
    for facts in _caseload_facts(patient_ids, today=today):
        row = CaseloadRow(*facts[:8])
        answers, recent_sum, earlier_sum, week_answers = facts[8:12]
        status, start, ended_on, initial_months, maintenance_months, review_id = facts[12:]
        if answers > brief.RECENT_DAYS:
            row.recent_drop = brief.is_drop(
                earlier_sum=earlier_sum,
                earlier_count=answers - brief.RECENT_DAYS,
                recent_sum=recent_sum,
                recent_count=brief.RECENT_DAYS,
            )
        if status is not None:
            start = _as_date(start)
            row.plan_status = status
            row.plan_review = review_id is not None
            schedule = sched.Schedule(
                start=start,
                phases=sched.Phases(initial_months, maintenance_months),
                end=_as_date(ended_on),
            )
            row.phase = sched.phase_on(schedule, today)
            row.missed = sum(1 for day in week if day >= start) - week_answers
        row.needs_attention = bool(
            row.open_critical
            or row.open_high
            or row.recent_drop
            or row.missed
            or row.plan_review
            or row.absolute_flags
        )
        rows.append(row)

    if "attention" in filters:
        rows = [row for row in rows if row.needs_attention]
    if "on_plan" in filters:
        rows = [row for row in rows if row.plan_status is not None]
    if phase:
        rows = [row for row in rows if row.phase == phase]
    rows.sort(
        key=lambda row: (
            -row.open_critical,
            -row.open_high,
            not row.recent_drop,
            -row.missed,
            not row.plan_review,
            -((row.absolute_flags or 0) * 10 + (row.relative_flags or 0)),
            -row.open_alerts,
            str(row).casefold(),
            row.pk,
        )
    )
    return rows


def _as_date(value) -> date | None:
    # SQLite hands back a date computed in a subquery as its ISO text.
    return date.fromisoformat(value) if isinstance(value, str) else value


def _caseload_facts(patient_ids: list[int], *, today: date) -> list[tuple]:
    """For each patient, in one statement: name and email; open alerts (all,
    critical, high); the latest screening's absolute and relative flag counts;
    over the last SPARKLINE_DAYS, the number of answers and the sums of the
    latest brief.RECENT_DAYS moods and of the ones before; the answers in the
    missed-days window since the open plan's start; the open plan's status,
    dates, phase lengths and pending screening review.

    Written by hand, like access._visible_sql: composed with the ORM it took
    two queries, a 30-entry text per patient and about twice the time at 500
    patients. Sums rather than moods: the ranking needs only the drop, and
    the rows on the page get their moods from rows_detail_add. Works on
    PostgreSQL and SQLite (window functions; every date a parameter)."""

    def one_of_ids(column: str) -> str:
        return ids_condition(column, patient_ids, vendor=connection.vendor)[0]

    ids_param = ids_condition("u.id", patient_ids, vendor=connection.vendor)[1]
    first = today - timedelta(days=SPARKLINE_DAYS - 1)
    week_first = today - timedelta(days=MISSED_WINDOW_DAYS)
    yesterday = today - timedelta(days=1)
    user_t = get_user_model()._meta.db_table
    checkin_t = CheckIn._meta.db_table
    alert_t = Alert._meta.db_table
    screening_t = ScreeningRun._meta.db_table
    plan_t = Plan._meta.db_table
    open_states = ", ".join(["%s"] * len(OPEN_STATES))
    open_plan = ", ".join(["%s"] * 2)
    latest_screening = (
        f"SELECT {{column}} FROM {screening_t} s WHERE s.patient_id = u.id "
        "ORDER BY s.ran_at DESC, s.id DESC LIMIT 1"
    )
    sql = f"""
        SELECT u.id, u.full_name, u.email,
               COALESCE(a.open_alerts, 0), COALESCE(a.open_critical, 0), COALESCE(a.open_high, 0),
               ({latest_screening.format(column="s.absolute_count")}),
               ({latest_screening.format(column="s.relative_count")}),
               COALESCE(m.answers, 0), COALESCE(m.recent_sum, 0), COALESCE(m.earlier_sum, 0),
               CASE WHEN p.id IS NULL THEN 0 ELSE (
                   SELECT COUNT(*) FROM {checkin_t} w
                   WHERE w.patient_id = u.id AND w.local_date >= %s AND w.local_date <= %s
                     AND w.local_date >= p.start_date) END,
               p.status, p.start_date, p.ended_on, p.initial_months, p.maintenance_months,
               p.review_screening_id
        FROM {user_t} u
        LEFT JOIN (
            SELECT patient_id, COUNT(*) AS open_alerts,
                   SUM(CASE WHEN severity = %s THEN 1 ELSE 0 END) AS open_critical,
                   SUM(CASE WHEN severity = %s THEN 1 ELSE 0 END) AS open_high
            FROM {alert_t}
            WHERE state IN ({open_states})
              AND {one_of_ids("patient_id")}
            GROUP BY patient_id
        ) a ON a.patient_id = u.id
        LEFT JOIN (
            SELECT patient_id, COUNT(*) AS answers,
                   SUM(CASE WHEN latest <= %s THEN mood ELSE 0 END) AS recent_sum,
                   SUM(CASE WHEN latest > %s THEN mood ELSE 0 END) AS earlier_sum
            FROM (
                SELECT c.patient_id, c.mood,
                       ROW_NUMBER() OVER (PARTITION BY c.patient_id ORDER BY c.local_date DESC)
                           AS latest
                FROM {checkin_t} c
                WHERE {one_of_ids("c.patient_id")}
                  AND c.local_date >= %s AND c.local_date <= %s
            ) ranked
            GROUP BY patient_id
        ) m ON m.patient_id = u.id
        LEFT JOIN {plan_t} p ON p.patient_id = u.id AND p.status IN ({open_plan})
        WHERE {one_of_ids("u.id")}
    """  # nosec B608: table names from model meta, every value a parameter
    params = [
        week_first.isoformat(),
        yesterday.isoformat(),
        "critical",
        "high",
        *(state.value for state in OPEN_STATES),
        ids_param,
        brief.RECENT_DAYS,
        brief.RECENT_DAYS,
        ids_param,
        first.isoformat(),
        today.isoformat(),
        PlanStatus.ACTIVE.value,
        PlanStatus.PAUSED.value,
        ids_param,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def rows_detail_add(rows: list[CaseloadRow], *, today: date) -> None:
    """The latest check-in, the next booked session and the sparkline, for
    the rows on the page only (a 500-patient caseload shows 50)."""
    latest = CheckIn.objects.filter(patient=OuterRef("pk")).order_by("-local_date")
    upcoming = Session.objects.filter(patient=OuterRef("pk"), date__gte=today).order_by("date")
    details = {
        values["pk"]: values
        for values in get_user_model()
        .objects.filter(pk__in_ids=[row.pk for row in rows])
        .annotate(
            latest_mood=Subquery(latest.values("mood")[:1]),
            latest_date=Subquery(latest.values("local_date")[:1]),
            next_session=Subquery(upcoming.values("date")[:1]),
        )
        .values("pk", "latest_mood", "latest_date", "next_session")
    }
    first = today - timedelta(days=SPARKLINE_DAYS - 1)
    moods: dict[int, list] = {row.pk: [None] * SPARKLINE_DAYS for row in rows}
    for patient_id, day, mood in CheckIn.objects.filter(
        patient_id__in_ids=list(moods), local_date__range=(first, today)
    ).values_list("patient_id", "local_date", "mood"):
        moods[patient_id][(day - first).days] = mood
    for row in rows:
        found = details.get(row.pk, {})
        row.latest_mood = found.get("latest_mood")
        row.latest_date = found.get("latest_date")
        row.next_session = found.get("next_session")
        row.mood_series = series = moods[row.pk]
        row.sparkline = brief.sparkline_points(series)
        answered = [v for v in series if v is not None]
        row.sparkline_text = (
            f"{len(answered)} answers in {SPARKLINE_DAYS} days, from {min(answered)} to "
            f"{max(answered)}, latest {answered[-1]}"
            if answered
            else f"No answers in the last {SPARKLINE_DAYS} days"
        )


def open_alerts_for(*, user, patient_ids=None):
    found = Alert.objects.filter(state__in=OPEN_STATES)
    found = (
        found.filter(patient__in=access.patients_visible_to(user))
        if patient_ids is None
        else found.filter(patient_id__in_ids=patient_ids)
    )
    # The gravest first, then the newest: the caseload shows the first few.
    rank = Case(
        *(When(severity=name, then=Value(-rank)) for name, rank in Severity.ORDER.items()),
        default=Value(0),
    )
    return (
        found.exclude(patient=user)
        .select_related("patient", "recipient")
        .order_by(rank, "-created_at")
    )


def patient_checkins(*, patient, limit=60):
    return (
        CheckIn.objects.filter(patient=patient)
        .prefetch_related("side_effects")
        .order_by("-local_date")[:limit]
    )


def patient_alerts(*, patient, limit=50):
    return (
        Alert.objects.filter(patient=patient)
        .select_related("acknowledged_by", "recipient")
        .prefetch_related("deliveries")
        .order_by("-created_at")[:limit]
    )


def journal_view(checkins, alerts) -> list:
    """Each check-in with its journal as a clinician may read it: the safety
    findings' words highlighted; of a private entry only the findings (and, in
    side_effects_shown, only severe side effects), never the rest of its text."""
    spans_by_checkin = defaultdict(list)
    for alert in alerts:
        checkin_id = (alert.evidence or {}).get("checkin_id")
        if checkin_id:
            spans_by_checkin[checkin_id].extend(alert.evidence.get("spans", []))
    for checkin in checkins:
        spans = spans_by_checkin.get(checkin.pk, [])
        checkin.flagged = bool(spans)
        checkin.matched_words = sorted({(s["matched"], s["category"]) for s in spans})
        effects = list(checkin.side_effects.all())
        if checkin.is_private:
            checkin.highlighted = None
            checkin.side_effects_shown = [e for e in effects if e.severity == "severe"]
        else:
            checkin.highlighted = highlight_spans(checkin.journal, spans)
            checkin.side_effects_shown = effects
    return checkins


def questionnaire_series(*, patient, first: date, last: date) -> list[dict]:
    """Totals over time by instrument, each with its band and the reliable
    change against the answer before it (from apps/diaries/instruments/change.py)."""
    by_instrument = defaultdict(list)
    responses = QuestionnaireResponse.objects.filter(
        patient=patient, local_date__lte=last, total__isnull=False
    ).order_by("instrument", "local_date", "pk")
    for response in responses:
        by_instrument[response.instrument].append(response)
    found = []
    for instrument, rows in sorted(by_instrument.items()):
        points, previous = [], None
        for response in rows:
            if response.local_date >= first:
                before = previous.total if previous else None
                points.append(
                    {
                        "date": response.local_date,
                        "total": response.total,
                        "band": response.band,
                        "change": reliable_change(instrument, before, response.total),
                        "meaningful": clinically_meaningful(instrument, before, response.total),
                        "previous": before,
                    }
                )
            previous = response
        if points:
            found.append(
                {
                    "instrument": instrument,
                    "name": rows[0].get_instrument_display(),
                    "points": points,
                }
            )
    return found


def side_effects_between(*, patient, first: date, last: date) -> list:
    """Side effects by day; of a private entry only the severe ones."""
    return list(
        SideEffect.objects.filter(
            checkin__patient=patient, checkin__local_date__range=(first, last)
        )
        .filter(Q(checkin__is_private=False) | Q(severity="severe"))
        .select_related("checkin")
        # Only the day from the entry: the whole row would decrypt its journal.
        .only("key", "description", "severity", "checkin__local_date")
        .order_by("checkin__local_date", "pk")
    )


def daily_series(*, patient, first: date, last: date, plans=None) -> list[dict]:
    """The rows of apps.diaries.selectors.trend_series, read as plain values:
    the same shape without loading (and decrypting) a year of journal text."""
    by_day = {
        row["local_date"]: row
        for row in CheckIn.objects.filter(patient=patient, local_date__range=(first, last)).values(
            "local_date", "mood", "anxiety", "energy", "sleep_hours"
        )
    }
    rhythm = dose_rhythm_between(patient=patient, start=first, end=last, plans=plans)
    rows = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        found = by_day.get(day, {})
        sleep = found.get("sleep_hours")
        rows.append(
            {
                "date": day.isoformat(),
                "mood": found.get("mood"),
                "anxiety": found.get("anxiety"),
                "energy": found.get("energy"),
                "sleep_hours": float(sleep) if sleep is not None else None,
                "dose_day": rhythm[day]["dose_day"] if day in rhythm else None,
                "phase": rhythm[day]["phase"] if day in rhythm else None,
            }
        )
    return rows


def timeline_for(*, patient, today: date, days: int) -> dict:
    """Everything on the patient timeline for the `days` up to `today`, in a
    number of queries that does not grow with the history."""
    first = today - timedelta(days=days - 1)
    # Loaded once for the series' dose days, adherence and the plan history.
    plans = list(plan_history(patient=patient))
    series = daily_series(patient=patient, first=first, last=today, plans=plans)
    alerts = list(
        # last_seen_at: an open alert raised again by a later entry carries that
        # entry's spans, whenever it was first raised.
        Alert.objects.filter(patient=patient, last_seen_at__date__gte=first - timedelta(days=1))
        .select_related("acknowledged_by", "resolved_by")
        .order_by("-created_at")
    )
    # A year of entries is too long to read before a session: the latest
    # JOURNAL_LIMIT, plus every older one that raised a safety finding.
    flagged_ids = [(a.evidence or {}).get("checkin_id") for a in alerts]
    entries = CheckIn.objects.filter(patient=patient, local_date__range=(first, today)).exclude(
        journal="", is_private=False
    )
    latest_ids = list(entries.order_by("-local_date").values_list("pk", flat=True)[:JOURNAL_LIMIT])
    checkins = list(
        CheckIn.objects.filter(pk__in=set(latest_ids) | {i for i in flagged_ids if i})
        .filter(patient=patient)
        .prefetch_related("side_effects")
        .order_by("-local_date")
    )
    journal_total = entries.count()
    return {
        "first": first,
        "last": today,
        "series": series,
        "comparison": dose_day_comparison(series=series, key="mood"),
        "questionnaires": questionnaire_series(patient=patient, first=first, last=today),
        "adherence": adherence_for(patient=patient, start=first, end=today, plans=plans),
        "side_effects": side_effects_between(patient=patient, first=first, last=today),
        "journal": [c for c in journal_view(checkins, alerts) if c.journal or c.flagged],
        "journal_total": journal_total,
        "journal_limit": JOURNAL_LIMIT,
        "alerts": alerts,
        "plans": plans,
        "plan_overrides": overrides_on_record(patient=patient),
    }


# ------------------------------------------------------------------ sessions


def sessions_for(*, patient):
    return Session.objects.filter(patient=patient).select_related("clinician")


def last_session_before(*, patient, day: date) -> Session | None:
    return Session.objects.filter(patient=patient, date__lt=day).order_by("-date").first()


BASELINE_DAYS = 28
NO_SESSION_LOOKBACK_DAYS = 30


def session_brief(*, patient, today: date) -> dict:
    """What happened since the last session before today (or, with none on
    record, the last 30 days), against the 28 days before it as the baseline."""
    last = last_session_before(patient=patient, day=today)
    since = (
        last.date + timedelta(days=1) if last else today - timedelta(days=NO_SESSION_LOOKBACK_DAYS)
    )
    baseline_first = since - timedelta(days=BASELINE_DAYS)
    checkins = list(
        CheckIn.objects.filter(patient=patient, local_date__range=(baseline_first, today))
        .prefetch_related("side_effects")
        .order_by("local_date")
    )
    before = [c for c in checkins if c.local_date < since]
    after = [c for c in checkins if c.local_date >= since]
    alerts = list(
        Alert.objects.filter(patient=patient, created_at__date__gte=since)
        .select_related("acknowledged_by", "resolved_by")
        .order_by("created_at")
    )
    span_alerts = list(
        Alert.objects.filter(patient=patient, last_seen_at__date__gte=since - timedelta(days=1))
    )
    flagged = [c for c in journal_view(after, span_alerts) if c.flagged]
    earlier_effects = SideEffect.objects.filter(
        checkin__patient=patient, checkin__local_date__lt=since
    ).filter(Q(checkin__is_private=False) | Q(severity="severe"))
    effects = brief.side_effect_changes(
        (
            (f"other:{e.description.casefold()}" if e.is_own_words else e.key, e.severity)
            for e in earlier_effects
        ),
        ((e.key, e.description, e.severity) for c in after for e in c.side_effects_shown),
    )
    plan = (
        Plan.objects.filter(patient=patient, start_date__lte=today).order_by("-start_date").first()
    )
    expected = []
    if plan is not None:
        start = max(since, plan.start_date)
        end = min(today - timedelta(days=1), plan.ended_on or today)
        expected = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    questionnaires = questionnaire_series(patient=patient, first=since, last=today)
    return {
        "last_session": last,
        "since": since,
        "today": today,
        "mood": brief.mood_direction([c.mood for c in before], [c.mood for c in after]),
        "checkin_days": len(after),
        "alerts": alerts,
        "adherence": adherence_for(patient=patient, start=since, end=today),
        "side_effects": effects,
        "questionnaires": questionnaires,
        "flagged": flagged,
        "missed": brief.missed_days(expected, [c.local_date for c in after]),
    }


def today_for_staff(user) -> date:
    from apps.protocols.selectors import staff_clinic_for

    return clinic_today(staff_clinic_for(user))
