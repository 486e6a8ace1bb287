from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    OuterRef,
    Q,
    Subquery,
    Window,
)
from django.utils import timezone

from apps.alerts.models import Alert, AlertState
from apps.alerts.selectors import (
    UNRESOLVED_STATES,
    severity_rank,
    to_act_on,
    with_sent_deliveries,
)
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
from apps.safety.models import HealthProfile, ScreeningRun
from apps.safety.screening import (
    UNANSWERED_QUESTIONS,
    ScreeningState,
    screening_state,
    screening_state_for,
)
from apps.safety.why import private_words

from . import brief, mood_summary
from .highlight import highlight_spans
from .models import MoodSummary, Session
from .mood_summary import SPARKLINE_DAYS

JOURNAL_LIMIT = 60
# A resolved critical alert keeps its "recent crisis" mark this long: a
# rolling window from now, so it is the same in every time zone.
RECENT_CRISIS = timedelta(days=14)
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
    # The gravest acknowledged, unresolved critical or high alert: acknowledged
    # is not safe, so the row still ranks on it and says who and when.
    acknowledged_severity: str | None = None
    acknowledged_by: str = ""
    acknowledged_at: datetime | None = None
    # A critical alert resolved within RECENT_CRISIS.
    recent_crisis: bool = False
    screening: ScreeningState | None = None
    # The one drop rule's verdict (brief.change_from_sums) with its numbers,
    # for the row to say; its latest_day is filled in by rows_detail_add.
    mood_change: brief.MoodChange | None = None
    latest_mood: int | None = None
    latest_date: date | None = None
    next_session: date | None = None
    # The viewer's day the row was built for (how long since the last check-in).
    today: date | None = None
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
    """Every patient `user` looks after, neediest first (see _ranked_caseload)."""
    rows, _total = _ranked_caseload(
        user=user,
        today=today or date.today(),
        search=search,
        filters=filters,
        phase=phase,
        patient_ids=patient_ids,
    )
    return rows


def caseload_page(
    *,
    user,
    today: date,
    page_number,
    per_page: int,
    search: str = "",
    filters=(),
    phase="",
    patient_ids=None,
) -> Page:
    """One page of the caseload, neediest first: the database ranks every
    patient and hands back only this page's rows with the total, so a
    500-patient caseload builds 50 rows in Python, not 500.

    A page number that is not a number is the first page; one past the end
    (an old link, a caseload that shrank) is the last, as Paginator.get_page
    would have it."""
    try:
        number = min(max(int(page_number), 1), MAX_PAGE_NUMBER)
    except (TypeError, ValueError):
        number = 1
    query = dict(
        user=user, today=today, search=search, filters=filters, phase=phase, patient_ids=patient_ids
    )
    rows, total = _ranked_caseload(**query, limit=per_page, offset=(number - 1) * per_page)
    if not rows and number > 1:
        # Past the end the window has no row to carry the total: ask for it.
        _rows, total = _ranked_caseload(**query, limit=1, offset=0)
        number = max(1, -(-total // per_page))
        rows, total = _ranked_caseload(**query, limit=per_page, offset=(number - 1) * per_page)
    return Paginator(_OnePageOfRanking(rows, total), per_page).page(number)


# Far beyond any caseload; keeps a hand-typed page number inside SQL's OFFSET.
MAX_PAGE_NUMBER = 100_000


class _OnePageOfRanking:
    """What Paginator asks of the whole ranked list, when only one page of it
    was read: its length (the total) and that page's slice."""

    def __init__(self, rows: list, total: int):
        self.rows, self.total = rows, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, _page_slice) -> list:
        return self.rows


def _ranked_caseload(
    *, user, today: date, search: str, filters, phase: str, patient_ids, limit=None, offset=0
) -> tuple[list[CaseloadRow], int]:
    """The patients `user` looks after, neediest first: open critical and high
    alerts, then a recent drop in mood against their own baseline, then missed
    check-ins, then a plan waiting for a screening review, then screening flags;
    `limit` of them from `offset`, with how many there are in all.

    The database judges and orders every patient (_caseload_facts) and returns
    the requested rows only; what a row shows beyond that comes from
    rows_detail_add, for the rows on the page. A fixed number of queries,
    however long the caseload."""
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
    if phase:
        patient_ids = _in_phase(patient_ids, phase=phase, today=today)
    query = dict(today=today, filters=filters, limit=limit, offset=offset)
    found = _caseload_facts(patient_ids, **query)
    # A summary is stale after a check-in or when the day has turned: add
    # those up again and rank once more. Twice at most: a check-in committed
    # during the second try shows from the next view on.
    for _attempt in range(2):
        if (found and not found[0]["stale_total"]) or not mood_summary.refresh(
            patient_ids, today=today
        ):
            break
        found = _caseload_facts(patient_ids, **query)
    rows, total = [], 0
    for facts in found:
        total = facts["total"]
        row = CaseloadRow(
            pk=facts["id"],
            full_name=facts["full_name"],
            email=facts["email"],
            open_alerts=facts["open_alerts"],
            open_critical=facts["open_critical"],
            open_high=facts["open_high"],
            absolute_flags=facts["absolute_flags"],
            relative_flags=facts["relative_flags"],
            recent_drop=bool(facts["recent_drop"]),
            missed=facts["missed"],
            plan_review=facts["review_screening_id"] is not None,
            needs_attention=bool(facts["needs_attention"]),
            acknowledged_severity=facts["acknowledged_severity"],
            acknowledged_by=facts["acknowledged_by"] or "",
            acknowledged_at=_as_datetime(facts["acknowledged_at"]),
            recent_crisis=facts["crisis_resolved_at"] is not None,
            # The one drop rule's verdict from the same sums, for the row's
            # words (the SQL ranked on the same comparison).
            mood_change=brief.change_from_sums(
                earlier_sum=facts["earlier_sum"],
                earlier_count=max(facts["answers"] - brief.RECENT_DAYS, 0),
                recent_sum=facts["recent_sum"],
                recent_count=min(facts["answers"], brief.RECENT_DAYS),
                latest=facts["latest_mood"],
            ),
            screening=screening_state(
                has_profile=bool(facts["has_profile"]),
                unanswered=facts["unanswered"],
                absolute=facts["absolute_flags"],
                relative=facts["relative_flags"],
            ),
        )
        if facts["status"] is not None:
            row.plan_status = facts["status"]
            row.phase = sched.phase_on(_plan_schedule(**facts), today)
        rows.append(row)
    return rows, total


def _plan_schedule(*, start_date, ended_on, initial_months, maintenance_months, **_rest):
    return sched.Schedule(
        start=_as_date(start_date),
        phases=sched.Phases(initial_months, maintenance_months),
        end=_as_date(ended_on),
    )


def _in_phase(patient_ids: list[int], *, phase: str, today: date) -> list[int]:
    """Those of `patient_ids` whose open plan is in `phase` today. Phases are
    counted in calendar months, which Python's add_months does the same way
    on both databases; so this filter is worked out here, before ranking."""
    plans = Plan.objects.filter(
        patient_id__in_ids=patient_ids, status__in=[PlanStatus.ACTIVE, PlanStatus.PAUSED]
    ).values("patient_id", "start_date", "ended_on", "initial_months", "maintenance_months")
    return [
        plan["patient_id"]
        for plan in plans
        if sched.phase_on(_plan_schedule(**plan), today) == phase
    ]


def _as_date(value) -> date | None:
    # SQLite hands back a date computed in a subquery as its ISO text.
    return date.fromisoformat(value) if isinstance(value, str) else value


def _as_datetime(value) -> datetime | None:
    # SQLite hands back a timestamp from a subquery as text, too.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
        return value if timezone.is_aware(value) else timezone.make_aware(value, timezone.utc)
    return value


def _caseload_facts(
    patient_ids: list[int], *, today: date, filters=(), limit=None, offset=0
) -> list[dict]:
    """For each patient, in one statement, ranked: name and email; open alerts
    (all, critical, high); the latest screening's absolute and relative flag
    counts; whether the moods of the last SPARKLINE_DAYS dropped (brief.is_drop,
    the one drop rule, cross-multiplied so both sides stay whole numbers: the
    mean of the latest brief.RECENT_DAYS, or the latest answer, far enough
    below the mean of the ones before); the
    missed days in the window before today since the open plan's start; the
    open plan's status, dates, phase lengths and pending screening review;
    whether any of that needs attention; the total; and how many of the
    patients' mood summaries were stale (their facts then are not to be used:
    see _ranked_caseload).

    The moods come added up, from each patient's MoodSummary. Written by
    hand, like access._visible_sql; ranked here rather than in Python, so a
    500-patient caseload builds the page's 50 rows, not 500. Works on
    PostgreSQL and SQLite (window functions; every date a parameter)."""
    vendor = connection.vendor
    ids_sql, ids_param = ids_condition(
        "{column}", patient_ids, vendor=vendor, placeholder="%(ids)s"
    )
    _first, week = mood_summary.window(today)
    user_t = get_user_model()._meta.db_table
    alert_t = Alert._meta.db_table
    screening_t = ScreeningRun._meta.db_table
    plan_t = Plan._meta.db_table
    summary_t = MoodSummary._meta.db_table
    checkin_t = CheckIn._meta.db_table
    profile_t = HealthProfile._meta.db_table
    # Questions left blank: screening cannot judge them (safety.screening).
    unanswered = " + ".join(
        f"CASE WHEN hp.id IS NOT NULL AND hp.{name} IS NULL THEN 1 ELSE 0 END"
        for name in UNANSWERED_QUESTIONS
    )
    # Missed check-ins count only while on a plan (docs/CLINICAL_REFERENCE.md), and only
    # finished days: today may still be filled in. A day is missed when it is
    # on or after the open plan's start and its bit in answered_days is clear.
    missed_days = " + ".join(
        f"CASE WHEN p.start_date <= %(day_{n})s AND (COALESCE(m.answered_days, 0) & {1 << n}) = 0 "
        "THEN 1 ELSE 0 END"
        for n in range(len(week))
    )
    wanted = ["1 = 1"]
    if "attention" in filters:
        wanted.append("needs_attention = 1")
    if "on_plan" in filters:
        wanted.append("status IS NOT NULL")
    # A name's order among equals: case-folded, by code point on both databases.
    name_order = "LOWER(COALESCE(NULLIF(full_name, ''), email))"
    if vendor == "postgresql":
        name_order += ' COLLATE "C"'
    page = "" if limit is None else "LIMIT %(limit)s OFFSET %(offset)s"
    params = {}

    def in_params(name: str, values: list) -> str:
        params.update({f"{name}_{n}": value for n, value in enumerate(values)})
        return ", ".join(f"%({name}_{n})s" for n in range(len(values)))

    sql = f"""
        WITH facts AS (
            SELECT u.id, u.full_name, u.email,
                   COALESCE(a.open_alerts, 0) AS open_alerts,
                   COALESCE(a.open_critical, 0) AS open_critical,
                   COALESCE(a.open_high, 0) AS open_high,
                   a.crisis_resolved_at,
                   CASE WHEN hp.id IS NULL THEN 0 ELSE 1 END AS has_profile,
                   {unanswered} AS unanswered,
                   ak.severity AS acknowledged_severity, ak.acknowledged_at,
                   ak.acknowledged_by,
                   sr.absolute_count AS absolute_flags,
                   sr.relative_count AS relative_flags,
                   COALESCE(m.answers, 0) AS answers,
                   COALESCE(m.recent_sum, 0) AS recent_sum,
                   COALESCE(m.earlier_sum, 0) AS earlier_sum,
                   (SELECT c.mood FROM {checkin_t} c
                     WHERE c.patient_id = u.id AND c.local_date >= %(first)s
                       AND c.local_date <= %(today)s
                     ORDER BY c.local_date DESC LIMIT 1) AS latest_mood,
                   CASE WHEN p.id IS NULL THEN 0 ELSE {missed_days} END AS missed,
                   CASE WHEN COALESCE({mood_summary.is_fresh_sql("m")}, FALSE)
                        THEN 0 ELSE 1 END AS stale,
                   p.status, p.start_date, p.ended_on, p.initial_months, p.maintenance_months,
                   p.review_screening_id
            FROM {user_t} u
            LEFT JOIN (
                SELECT patient_id,
                       SUM(CASE WHEN state <> %(resolved)s THEN 1 ELSE 0 END) AS open_alerts,
                       SUM(CASE WHEN state <> %(resolved)s AND severity = %(critical)s
                                THEN 1 ELSE 0 END) AS open_critical,
                       SUM(CASE WHEN state <> %(resolved)s AND severity = %(high)s
                                THEN 1 ELSE 0 END) AS open_high,
                       MAX(CASE WHEN state = %(resolved)s THEN resolved_at END)
                           AS crisis_resolved_at
                FROM {alert_t}
                WHERE (state IN ({in_params("state", [s.value for s in UNRESOLVED_STATES])})
                       OR (state = %(resolved)s AND severity = %(critical)s
                           AND resolved_at >= %(crisis_since)s))
                  AND {ids_sql.format(column="patient_id")}
                GROUP BY patient_id
            ) a ON a.patient_id = u.id
            LEFT JOIN (
                SELECT al.patient_id, al.severity, al.acknowledged_at,
                       COALESCE(NULLIF(ack.full_name, ''), ack.email) AS acknowledged_by,
                       ROW_NUMBER() OVER (
                           PARTITION BY al.patient_id
                           ORDER BY CASE WHEN al.severity = %(critical)s THEN 0 ELSE 1 END,
                                    al.acknowledged_at DESC, al.id DESC
                       ) AS gravest
                FROM {alert_t} al
                LEFT JOIN {user_t} ack ON ack.id = al.acknowledged_by_id
                WHERE al.state = %(acknowledged)s
                  AND al.severity IN (%(critical)s, %(high)s)
                  AND {ids_sql.format(column="al.patient_id")}
            ) ak ON ak.patient_id = u.id AND ak.gravest = 1
            LEFT JOIN {summary_t} m ON m.patient_id = u.id
            LEFT JOIN {profile_t} hp ON hp.patient_id = u.id
            LEFT JOIN (
                SELECT patient_id, absolute_count, relative_count,
                       ROW_NUMBER() OVER (
                           PARTITION BY patient_id ORDER BY ran_at DESC, id DESC
                       ) AS latest
                FROM {screening_t}
                WHERE {ids_sql.format(column="patient_id")}
            ) sr ON sr.patient_id = u.id AND sr.latest = 1
            LEFT JOIN {plan_t} p
                ON p.patient_id = u.id
               AND p.status IN ({in_params("plan", [PlanStatus.ACTIVE, PlanStatus.PAUSED])})
            WHERE {ids_sql.format(column="u.id")}
        ), judged AS (
            SELECT facts.*,
                   CASE WHEN answers >= %(recent)s + %(min_usual)s
                         AND (earlier_sum * %(recent)s - recent_sum * (answers - %(recent)s)
                                  >= %(drop_points)s * %(recent)s * (answers - %(recent)s)
                              OR earlier_sum - latest_mood * (answers - %(recent)s)
                                  >= %(latest_points)s * (answers - %(recent)s))
                        THEN 1 ELSE 0 END AS recent_drop
            FROM facts
        ), flagged AS (
            SELECT judged.*,
                   CASE WHEN open_critical > 0 OR open_high > 0 OR recent_drop = 1 OR missed > 0
                             OR review_screening_id IS NOT NULL
                             OR COALESCE(absolute_flags, 0) > 0
                        THEN 1 ELSE 0 END AS needs_attention,
                   SUM(stale) OVER () AS stale_total
            FROM judged
        )
        SELECT flagged.*, COUNT(*) OVER () AS total
        FROM flagged
        WHERE {" AND ".join(wanted)}
        ORDER BY open_critical DESC, open_high DESC, recent_drop DESC, missed DESC,
                 CASE WHEN review_screening_id IS NULL THEN 1 ELSE 0 END,
                 COALESCE(absolute_flags, 0) * 10 + COALESCE(relative_flags, 0) DESC,
                 has_profile, unanswered DESC,
                 open_alerts DESC, {name_order}, id
        {page}
    """  # nosec B608: table names from model meta, every value a parameter
    params |= {
        "ids": ids_param,
        "today": today.isoformat(),
        **{f"day_{n}": day.isoformat() for n, day in enumerate(week)},
        "critical": Severity.CRITICAL,
        "high": Severity.HIGH,
        "resolved": AlertState.RESOLVED.value,
        "acknowledged": AlertState.ACKNOWLEDGED.value,
        "crisis_since": timezone.now() - RECENT_CRISIS,
        "recent": brief.RECENT_DAYS,
        "drop_points": brief.DROP_POINTS,
        "latest_points": brief.LATEST_POINTS,
        "min_usual": brief.MIN_USUAL,
        "first": _first.isoformat(),
    }
    if limit is not None:
        params |= {"limit": limit, "offset": offset}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


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
        row.today = today
        if row.mood_change is not None and row.mood_change.latest is not None:
            row.mood_change = replace(row.mood_change, latest_day=row.latest_date)
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


def gravest_open_alerts(*, user, patient_ids, limit: int) -> tuple[list[Alert], int]:
    """The `limit` gravest open alerts of `patient_ids` (critical first, then
    the newest), and how many are open in all: each row carries the count (a
    window), so no second query counts them."""
    # The same alerts as the inbox badge counts (alerts.selectors.to_act_on).
    shown = list(
        with_sent_deliveries(to_act_on(user=user, patient_ids=patient_ids))
        .select_related("patient", "recipient", "acknowledged_by")
        .annotate(open_total=Window(Count("pk")))
        .order_by(severity_rank(), "-created_at")[:limit]
    )
    return shown, (shown[0].open_total if shown else 0)


def patient_checkins(*, patient, limit=60):
    return (
        CheckIn.objects.filter(patient=patient)
        .prefetch_related("side_effects")
        .order_by("-local_date")[:limit]
    )


def patient_alerts(*, patient, limit=50):
    return (
        Alert.objects.filter(patient=patient)
        .select_related("acknowledged_by", "recipient", "clinic")
        .prefetch_related("deliveries")
        .order_by("-created_at")[:limit]
    )


def journal_view(checkins, alerts) -> list:
    """Each check-in with its journal as a clinician may read it: the safety
    findings' words highlighted; of a private entry only the words that raised a
    finding (in `matched_words`, with the kind of concern in words; never the
    semantic reader's passage) and, in side_effects_shown, only severe side effects,
    never the rest of its text. `read_as_ordinary`: its only findings were lowered
    to the digest by the second reading. `found_as_a_whole`: flagged with no rule's
    words (the semantic reader read the whole entry as a crisis)."""
    spans_by_checkin = defaultdict(list)
    # Check-ins with a finding the second reading did not lower (apps/safety/services.py).
    same_day = set()
    for alert in alerts:
        checkin_id = (alert.evidence or {}).get("checkin_id")
        if checkin_id:
            spans_by_checkin[checkin_id].extend(alert.evidence.get("spans", []))
            if alert.evidence.get("spans") and alert.second_reading is None:
                same_day.add(checkin_id)
    for checkin in checkins:
        spans = spans_by_checkin.get(checkin.pk, [])
        checkin.flagged = bool(spans)
        checkin.read_as_ordinary = bool(spans) and checkin.pk not in same_day
        checkin.matched_words = private_words(spans)
        checkin.found_as_a_whole = bool(spans) and not checkin.matched_words
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


def alert_day(alert) -> date:
    """The day an alert was raised on its clinic's calendar (the days of the
    charts are the clinic's days)."""
    return alert.created_at.astimezone(ZoneInfo(alert.clinic.timezone)).date()


def alert_words(alert) -> str:
    return f"{alert.severity.capitalize()} alert: {alert.summary}"


def timeline_default_days(*, patient, today: date, longest: int = 90, fallback: int = 30) -> int:
    """The timeline's range when none is asked for: from the first day of the
    patient's latest plan when it began within `longest` days, otherwise the
    last `fallback` days (not three months of mostly empty chart)."""
    plan = (
        Plan.objects.filter(patient=patient, start_date__lte=today).order_by("-start_date").first()
    )
    if plan is not None and (today - plan.start_date).days < longest:
        return (today - plan.start_date).days + 1
    return fallback


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
        .select_related("acknowledged_by", "resolved_by", "clinic")
        .order_by("-created_at")
    )
    # Each day's alerts, in words, on the charts (a marker) and in the tables.
    raised: dict[str, list[str]] = defaultdict(list)
    for alert in sorted(alerts, key=lambda a: a.created_at):
        raised[alert_day(alert).isoformat()].append(alert_words(alert))
    for row in series:
        row["alert"] = "; ".join(raised.get(row["date"], []))
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
    # The one drop rule reads the last brief.WINDOW_DAYS, as on the caseload.
    window_first = today - timedelta(days=brief.WINDOW_DAYS - 1)
    baseline_first = min(since - timedelta(days=BASELINE_DAYS), window_first)
    checkins = list(
        CheckIn.objects.filter(patient=patient, local_date__range=(baseline_first, today))
        .prefetch_related("side_effects")
        .order_by("local_date")
    )
    after = [c for c in checkins if c.local_date >= since]
    window = [(c.local_date, c.mood) for c in checkins if c.local_date >= window_first]
    by_day = dict(window)
    chart_days = [
        (day, by_day.get(day))
        for day in (window_first + timedelta(days=n) for n in range(brief.WINDOW_DAYS))
    ]
    # Alerts raised in the chart's window, before "since" too: a mark on the
    # chart where the drop began.
    recent_alerts = Alert.objects.filter(
        patient=patient, created_at__date__gte=window_first - timedelta(days=1)
    ).select_related("clinic")
    alerts = list(
        # Raised since the last session, and any older one still open.
        Alert.objects.filter(
            Q(created_at__date__gte=since) | ~Q(state=AlertState.RESOLVED), patient=patient
        )
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
    run = ScreeningRun.objects.filter(patient=patient).first()
    # Mood on dose days beside rest days since the last session, with the
    # interval the timeline shows (days next to each other are alike).
    rhythm = dose_rhythm_between(patient=patient, start=since, end=today)
    moods = {c.local_date: c.mood for c in after}
    dose_days = [
        {"dose_day": rhythm[day]["dose_day"] if day in rhythm else None, "mood": moods.get(day)}
        for day in (since + timedelta(days=n) for n in range((today - since).days + 1))
    ]
    return {
        "last_session": last,
        "since": since,
        "today": today,
        "mood": brief.judge_mood(window),
        "dose_day_comparison": dose_day_comparison(series=dose_days, key="mood"),
        # One (day, mood or None) per day of the window, for the chart.
        "chart_days": chart_days,
        "chart_alert_days": sorted({alert_day(a) for a in recent_alerts}),
        "checkin_days": len(after),
        "alerts": alerts,
        "adherence": adherence_for(patient=patient, start=since, end=today),
        "side_effects": effects,
        "questionnaires": questionnaires,
        "flagged": flagged,
        "missed": brief.missed_days(expected, [c.local_date for c in after]),
        # Days a check-in was due on a plan (None: no plan in the period).
        "planned_days": len(expected) if plan is not None else None,
        # The same rule as every other page: empty is not clear.
        "screening": screening_state_for(patient=patient, run=run),
        "screening_flags": run.flags if run else [],
    }


def today_for_staff(user) -> date:
    from apps.protocols.selectors import staff_clinic_for

    return clinic_today(staff_clinic_for(user))
