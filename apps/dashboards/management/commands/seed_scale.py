"""`manage.py seed_scale --patients N --days D`: a large synthetic clinic for
benchmarks and for looking at the caseload with realistic volumes.

Everything is invented: people are "Scale Patient 0001" at the reserved
`.test` domain, journals are bland stock lines. Deterministic from SEED: the
same arguments on the same day give the same clinic.

What each patient gets (shares are exact counts, rounded, of N):
  * a check-in for each of the D days, mood a gentle walk that stays at 3 or
    more except on the days an alert was raised (see alerts below); side
    effects (mild or moderate) on about 10% of check-ins;
  * a health profile and its screening runs, through the real rules engine
    (safety.detectors.screening): most profiles clear, 5% with a relative
    flag, 1% with an absolute one. The newest run has those proportions: plan
    patients have three runs (intake, "plan assigned", a profile review), as
    the app would write them;
  * for 90% (never a patient with an absolute flag) an open plan of the
    reference stack (fixtures/protocol_templates.yaml), started on staggered
    days over the history so that, with a year of history, all three phases
    occur; 4% of the plans paused. Plan, PlanItem, PlanEvent and PlanPause rows
    as plan_assign / plan_pause write them, but written directly: plan_assign
    refuses start dates more than 30 days back. Every "plan assigned" run
    carries a relative flag (magnesium's only plannable amount, 400 mg, is
    above the 350 mg upper limit in fixtures/contraindications.yaml) and so an
    "acknowledged" event. Dose logs for each component's due days (from the
    pure schedule): 85% taken, 10% skipped, 5% not logged;
  * PHQ-9 and GAD-7 every 14 days (staggered by patient), scored by
    diaries.instruments so total and band agree, following the check-in's
    mood and anxiety but kept under the alert thresholds, with a schedule row
    for each;
  * for plan patients a session every 14 days from the plan's start and one
    booked ahead;
  * alerts, as rows only: nothing is delivered, emailed, put in an inbox or
    escalated, and no AccessEvent or ChangeRecord is written. 4% of patients
    have an open one (critical from PHQ-9 item 9, or high from a very low
    mood; pending or delivered), 20% one or two older resolved ones (on days
    before the last fortnight, so fewer with a short history). Each
    alert's findings come from the real evaluators (safety.risk) on the data
    that raised it, and its evidence has the shape raise_for writes; the days
    after a low mood are not evaluated again. Run no Celery worker against
    this database: the sweep would deliver the pending ones (to `.test`
    addresses, which go nowhere) and escalate them.

Rows go in with COPY on PostgreSQL (plain INSERTs elsewhere), in chunks of
patients so memory stays flat; ids for rows others point at are taken from
the table's sequence first, so COPY needs no round trip back. The big
tables' foreign keys are dropped for the load and added back before commit
(keys_checked_once), which locks those tables meanwhile: seed a bench or
development database, never one serving users. See docs/BENCHMARKS.md for
the time on PostgreSQL.
"""

import functools
import json
import random
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from operator import itemgetter
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone

from apps.accounts.encryption import EncryptedTextField
from apps.alerts.models import Alert, AlertState
from apps.alerts.policy import policy_for
from apps.clinics.models import CareTeam, Clinic, Membership, Role
from apps.dashboards.models import Session
from apps.diaries import instruments
from apps.diaries.catalog import side_effect_label
from apps.diaries.models import (
    CheckIn,
    QuestionnaireResponse,
    QuestionnaireSchedule,
    SideEffect,
)
from apps.diaries.services import today_for
from apps.protocols import schedule as sched
from apps.protocols.models import (
    DoseLog,
    Plan,
    PlanEvent,
    PlanItem,
    PlanPause,
    PlanStatus,
    ProtocolTemplate,
)
from apps.protocols.selectors import components_for
from apps.protocols.services import dose_range_problem, dose_text
from apps.safety.detectors.screening import eligible, screen
from apps.safety.models import CrisisExample, HealthProfile, HealthProfileChange, ScreeningRun
from apps.safety.risk import evaluate_mood_series, evaluate_questionnaire
from apps.safety.rules import contraindication_rules
from apps.safety.screening import REFERENCE_STACK, flag_as_dict

CLINIC = {"name": "Scale Clinic (synthetic)", "timezone": "America/New_York", "locale": "US"}
DOMAIN = "scale.trellis.test"
PASSWORD = "trellis-scale-2026"
PATIENTS_PER_CLINICIAN = 25
PATIENT_CHUNK = 50
BATCH_SIZE = 5000
SEED = 20261124
MOOD_FLOOR = 3
LOW_MOOD = 2  # at the very_low_mood threshold (fixtures/alert_rules.yaml)

# The tables with a row per patient-day, whose foreign keys are checked once
# per table rather than once per row (keys_checked_once).
BIG_TABLES = [CheckIn, SideEffect, QuestionnaireResponse, DoseLog, Session]
ABSOLUTE_SHARE = 0.01
RELATIVE_SHARE = 0.05
PLAN_SHARE = 0.90
PAUSED_SHARE = 0.04  # of the plans
OPEN_ALERT_SHARE = 0.04
RESOLVED_ALERT_SHARE = 0.20
SIDE_EFFECT_SHARE = 0.10
TAKEN_SHARE, SKIPPED_SHARE = 0.85, 0.10
EVERY_DAYS = 14  # questionnaires and sessions
# Under phq9_worsening (a rise of 5, or 20) and gad7_severe (15): totals that
# would have raised an alert nobody seeded.
PHQ9_CEILING, PHQ9_MAX_RISE, GAD7_CEILING = 19, 4, 14
TEMPLATE = "reference-stack"
MAGNESIUM = "magnesium"
PSILOCYBIN_AMOUNTS = ("0.1", "0.15", "0.2")
PSILOCYBIN_PATTERNS = (
    sched.FOUR_ON_THREE_OFF,
    sched.EVERY_OTHER_DAY,
    sched.ONE_ON_TWO_OFF,
    sched.DAILY,
)

JOURNAL_LINES = [
    "",
    "",
    "Slept well and took a short walk.",
    "Busy day at work, otherwise fine.",
    "Quiet evening with a book.",
    "A bit tired this afternoon.",
    "Cooked dinner with a friend.",
    "Ten minutes of breathing practice.",
    "Rainy day, stayed in and tidied up.",
    "Phoned my sister and caught up.",
    "Spent an hour in the garden.",
]
# No crisis language: the lexicon would have raised a crisis alert.
LOW_JOURNAL_LINES = [
    "Flat all day, stayed in bed until noon.",
    "Heavy, tired day. Did not want to see anyone.",
    "Everything felt like an effort today.",
]
# Invented intake answers; the rules engine decides what each one flags.
PROFILES = {
    "clear": [
        {"conditions": ["seasonal allergies"], "has_therapist": True, "housing_stable": True},
        {"conditions": ["major depressive disorder"], "has_therapist": True},
        {"conditions": ["mild asthma"], "medications": ["salbutamol inhaler"]},
        {"conditions": ["generalised anxiety disorder"], "housing_stable": True},
        {"has_therapist": True, "housing_stable": True},
    ],
    "relative": [
        {"medications": ["sertraline 50 mg"], "has_therapist": True, "housing_stable": True},
        {"medications": ["warfarin 5 mg"], "has_therapist": True},
        {"family_history": ["schizophrenia (brother)"], "housing_stable": True},
    ],
    "absolute": [
        {"conditions": ["Bipolar I disorder"], "medications": ["lamotrigine 100 mg"]},
        {"pregnant": True, "has_therapist": True},
    ],
}
REVIEW_MEDICATION = "vitamin D 1000 IU"  # flags nothing (checked by the tests)
SUPPORT_PEOPLE = ["Sam (partner)", "Jo (sister)", "A friend from work", ""]
SIDE_EFFECT_KEYS = ["omega-3:1", "magnesium:1"]  # the mild ones the catalog names
OWN_WORDS = [
    "Mild headache in the afternoon",
    "A little queasy after the morning dose",
    "Took longer to fall asleep",
    "Felt a bit jittery",
]
MORNING = [clock(8, minute) for minute in range(60)]
SKIP_REASONS = ["Forgot before leaving for work.", "Felt unwell.", "Ran out; bought more."]
PAUSE_REASON = "Break agreed at the session."
SESSION_NOTES = [
    "Reviewed the fortnight's check-ins; no change to the plan.",
    "Talked through sleep and work stress; breathing practice to continue.",
    "Patient reports steady mood; side effects mild.",
]
ACKNOWLEDGEMENT = "Called the patient."
RESOLUTIONS = [
    "Spoke with the patient; they are safe and have a session booked.",
    "Reviewed at the session; mood back to usual.",
    "Patient reached; coping plan reviewed with them.",
]


def scale_email(kind: str, number: int) -> str:
    return f"{kind}{number:04d}@{DOMAIN}"


def scale_users():
    return get_user_model().objects.filter(email__iendswith=f"@{DOMAIN}")


def scale_delete() -> None:
    clinic = Clinic.objects.filter(name=CLINIC["name"]).first()
    if clinic is not None:
        # Straight to SQL for the large tables: the ORM's cascade would load
        # every check-in to find its side effects. Children first.
        for queryset in (
            CrisisExample.objects.filter(clinic=clinic),
            SideEffect.objects.filter(checkin__clinic=clinic),
            CheckIn.objects.filter(clinic=clinic),
            DoseLog.objects.filter(plan__clinic=clinic),
        ):
            queryset._raw_delete(queryset.db)
        # The cascade from the clinic handles the rest.
        clinic.delete()
    scale_users().delete()


# ---------------------------------------------------------------- writing rows


def _for_copy(field):
    """How COPY needs this field's Python value: what the field itself would do
    on save, for the fields where that is more than the value as is."""
    if isinstance(field, models.JSONField):
        return lambda value: value if value is None else json.dumps(value)
    if isinstance(field, EncryptedTextField):
        # Encrypted as the field would, so reads pay the real decryption cost.
        # Each distinct text once per call: Fernet was a third of the seed's
        # time, and equal ciphertexts for equal stock lines reveal nothing
        # about invented data.
        return functools.cache(lambda value: field.get_prep_value(value) if value else value)
    return None


def _stamped(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


class Ids:
    """Primary keys for rows about to be written, so that rows pointing at
    them can be built before they exist (COPY returns no ids)."""

    def __init__(self):
        self.next = {}

    def take(self, model, count: int) -> list[int]:
        if count == 0:
            return []
        table = model._meta.db_table
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, count],
                )
                return [row[0] for row in cursor.fetchall()]
        # Elsewhere (SQLite: one writer, inside our transaction) counting on
        # from the largest id is safe.
        if model not in self.next:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
                self.next[model] = cursor.fetchone()[0] + 1
        first = self.next[model]
        self.next[model] += count
        return list(range(first, first + count))


def rows_insert(model, rows: list[dict]) -> None:
    """Write rows (dicts of field attname -> value, all with the same keys);
    fields not given take their default, timestamps the current time.

    Plain INSERTs rather than bulk_create, so that the timestamps given are
    kept (bulk_create stamps auto_now fields with the current time).
    PostgreSQL gets COPY, with only the values that need it converted;
    elsewhere (SQLite, for the tests) each value goes through its field."""
    if not rows:
        return
    given = list(rows[0])
    now = timezone.now()
    fields = {f.attname: f for f in model._meta.concrete_fields}
    extra = {
        f.attname: now if _stamped(f) else f.get_default()
        for f in model._meta.concrete_fields
        if f.attname not in given and not (f.primary_key and f.attname == "id")
    }
    names = given + list(extra)
    tail = tuple(extra.values())
    columns = ", ".join(connection.ops.quote_name(fields[name].column) for name in names)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tail = tuple(
                v if p is None else p(v)
                for v, p in zip(tail, [_for_copy(fields[name]) for name in extra], strict=True)
            )
            # Only a few columns need converting: the rest go as they are
            # (this loop runs for every one of half a million rows).
            pick = itemgetter(*given) if len(given) > 1 else lambda row: (row[given[0]],)
            convert = [(i, p) for i, name in enumerate(given) if (p := _for_copy(fields[name]))]
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    values = pick(row)
                    if convert:
                        values = list(values)
                        for i, p in convert:
                            values[i] = p(values[i])
                    copy.write_row((*values, *tail))
            return
        prep = [fields[name].get_db_prep_save for name in names]
        marks = ", ".join(["%s"] * len(names))
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})",
            [
                [
                    p(v, connection)
                    for v, p in zip(tuple(row[name] for name in given) + tail, prep, strict=True)
                ]
                for row in rows
            ],
        )


# ------------------------------------------------------------ people and plans


def users_create(clinic, kind, role, count, password):
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(
                email=scale_email(kind, n),
                full_name=f"Scale {kind.title()} {n:04d}",
                password=password,
            )
            for n in range(1, count + 1)
        ],
        batch_size=BATCH_SIZE,
    )
    Membership.objects.bulk_create(
        [Membership(user=user, clinic=clinic, role=role) for user in users], batch_size=BATCH_SIZE
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=BATCH_SIZE,
    )
    return users


def _count(total: int, share: float) -> int:
    return int(total * share + 0.5)


@dataclass
class Cohort:
    """What one patient gets beyond check-ins, decided up front."""

    screening: str = "clear"  # a key of PROFILES
    plan: str | None = None  # None, "active" or "paused"
    open_alert: str | None = None  # None, "very_low_mood" or "phq9_item9"
    open_state: str = AlertState.PENDING
    resolved_alerts: int = 0


def cohorts_draw(rng, count: int) -> list[Cohort]:
    """Exact shares of `count`, on patients picked at random."""
    cohorts = [Cohort() for _ in range(count)]
    order = rng.sample(range(count), count)
    absolute = order[: _count(count, ABSOLUTE_SHARE)]
    relative = order[len(absolute) : len(absolute) + _count(count, RELATIVE_SHARE)]
    for index in absolute:
        cohorts[index].screening = "absolute"
    for index in relative:
        cohorts[index].screening = "relative"
    # Screening blocks a plan over an absolute flag unless overridden: none here.
    may_plan = [i for i in rng.sample(range(count), count) if i not in set(absolute)]
    planned = may_plan[: _count(count, PLAN_SHARE)]
    for position, index in enumerate(planned):
        paused = position < _count(len(planned), PAUSED_SHARE)
        cohorts[index].plan = PlanStatus.PAUSED if paused else PlanStatus.ACTIVE
    for position, index in enumerate(rng.sample(range(count), _count(count, OPEN_ALERT_SHARE))):
        cohorts[index].open_alert = ("very_low_mood", "phq9_item9")[position % 2]
        cohorts[index].open_state = (AlertState.PENDING, AlertState.DELIVERED)[position // 2 % 2]
    for index in rng.sample(range(count), _count(count, RESOLVED_ALERT_SHARE)):
        cohorts[index].resolved_alerts = rng.choice((1, 1, 2))
    return cohorts


class Clock:
    """Local times of the clinic's day, as aware datetimes."""

    def __init__(self, tz: str):
        self.zone = ZoneInfo(tz)

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, clock(hour, minute), tzinfo=self.zone)


def screening_of(profile: dict, components, doses, cache={}) -> dict:  # noqa: B006
    """A ScreeningRun's fields for this profile, from the real rules engine.
    Few distinct inputs, so each is screened once per process."""
    key = (json.dumps(profile, sort_keys=True), tuple(components), json.dumps(doses or {}))
    if key not in cache:
        flags = screen(
            {k: v for k, v in profile.items() if k in HealthProfile.SCREENED_FIELDS},
            components=list(components),
            doses=doses,
            rules=contraindication_rules(),
        )
        cache[key] = {
            "components": list(components),
            "doses": doses or {},
            "flags": [flag_as_dict(flag) for flag in flags],
            "eligible": eligible(flags, list(components)),
            "absolute_count": sum(flag.severity == "absolute" for flag in flags),
            "relative_count": sum(flag.severity == "relative" for flag in flags),
        }
    return cache[key]


def plan_start(index: int, planned: int, first: date, today: date) -> date:
    """Evenly staggered over the history, the last at least a fortnight ago
    (when the history is that long) so its first review has happened."""
    last = max(first, today - timedelta(days=EVERY_DAYS))
    return first + timedelta(days=(last - first).days * index // max(1, planned - 1))


@dataclass
class PlanDraft:
    plan: dict
    items: list[dict]
    schedule: sched.Schedule
    doses: dict[int, sched.Dose]  # component id -> dose


def plans_create(rng, ids, *, clinic, people, primary, cohorts, first, today, clock_) -> dict:
    """Profiles, screening runs and plans (small tables, all at once).
    Returns patient id -> PlanDraft for the patients with a plan."""
    catalog = {c.slug: c for c in components_for(clinic=clinic)}
    template = ProtocolTemplate.objects.filter(clinic=None, slug=TEMPLATE).first()
    template_items = list(template.items.select_related("component"))
    planned = [p for p, c in zip(people, cohorts, strict=True) if c.plan]
    plan_ids = dict(zip([p.pk for p in planned], ids.take(Plan, len(planned)), strict=True))
    runs_needed = len(people) + 2 * len(planned)
    run_ids = iter(ids.take(ScreeningRun, runs_needed))
    profile_ids = iter(ids.take(HealthProfile, len(people)))
    profiles, changes, runs, plans, items, events, pauses, drafts = ([] for _ in range(8))
    blank = {
        name: HealthProfile._meta.get_field(name).get_default()
        for name in HealthProfile.TRACKED_FIELDS
    }

    for patient, cohort in zip(people, cohorts, strict=True):
        answers = dict(rng.choice(PROFILES[cohort.screening]))
        answers["support_person"] = rng.choice(SUPPORT_PEOPLE)
        profile_id = next(profile_ids)
        intake = clock_.at(first, 9)
        start = None
        if cohort.plan:
            start = plan_start(len(plans), len(planned), first, today)
            review_day = min(start + timedelta(days=EVERY_DAYS), today)
            before = list(answers.get("medications", []))
            answers_now = answers | {"medications": [*before, REVIEW_MEDICATION]}
        else:
            answers_now = answers
        profiles.append(
            {"id": profile_id, "patient_id": patient.pk, "clinic_id": clinic.pk}
            | {name: answers_now.get(name, default) for name, default in blank.items()}
            | (
                {"updated_by_id": primary[patient.pk].pk, "updated_at": clock_.at(review_day, 11)}
                if cohort.plan
                else {"updated_by_id": patient.pk, "updated_at": intake}
            )
        )
        changes.append(
            {
                "profile_id": profile_id,
                "changed_by_id": patient.pk,
                "changed_at": intake,
                "changes": {k: {"before": blank[k], "after": v} for k, v in answers.items()},
            }
        )
        base = {"patient_id": patient.pk, "clinic_id": clinic.pk, "rules_version": ""}
        runs.append(
            base
            | {"id": next(run_ids), "trigger": "profile changed", "ran_at": intake}
            | screening_of(answers, REFERENCE_STACK, None)
        )
        if not cohort.plan:
            continue

        clinician = primary[patient.pk]
        doses = []
        for item in template_items:
            slug = item.component.slug
            amount, pattern = item.amount, sched.Pattern.from_dict(item.pattern)
            if slug == "psilocybin":
                amount = Decimal(rng.choice(PSILOCYBIN_AMOUNTS))
                pattern = sched.Pattern(rng.choice(PSILOCYBIN_PATTERNS))
            problem = dose_range_problem(catalog[slug], amount)
            if problem:
                raise CommandError(f"The seed's dose no longer fits the catalog: {problem}")
            doses.append((catalog[slug], amount, pattern))
        dose_texts = {c.slug: dose_text(a, c.unit) for c, a, _p in doses}
        run_id = next(run_ids)
        plan_run = screening_of(answers, [c.slug for c, _a, _p in doses], dose_texts)
        if plan_run["absolute_count"]:
            raise CommandError("A seeded plan would be blocked by screening; see PROFILES.")
        runs.append(
            base
            | {"id": run_id, "trigger": "plan assigned", "ran_at": clock_.at(start, 10)}
            | plan_run
        )
        runs.append(
            base
            | {"id": next(run_ids), "trigger": "profile changed"}
            | {"ran_at": clock_.at(review_day, 11)}
            | screening_of(answers_now, REFERENCE_STACK, None)
        )
        changes.append(
            {
                "profile_id": profile_id,
                "changed_by_id": clinician.pk,
                "changed_at": clock_.at(review_day, 11),
                "changes": {"medications": {"before": before, "after": answers_now["medications"]}},
            }
        )

        plan_id = plan_ids[patient.pk]
        assigned = clock_.at(start, 10, 5)
        # Phase lengths within the template's; breaks are the clinician's
        # choice (the source names none), so some plans have none.
        phases = sched.Phases(
            rng.randint(*template.months("initial")),
            rng.randint(*template.months("maintenance")),
            *rng.choice(((0, 0), (21, 7), (28, 7))),
        )
        paused_on = None
        if cohort.plan == PlanStatus.PAUSED:
            paused_on = max(start, today - timedelta(days=rng.randint(2, 20)))
        plans.append(
            {
                "id": plan_id,
                "patient_id": patient.pk,
                "clinic_id": clinic.pk,
                "template_id": template.pk,
                "name": template.name,
                "status": cohort.plan,
                "start_date": start,
                "initial_months": phases.initial_months,
                "maintenance_months": phases.maintenance_months,
                "break_every_days": phases.break_every_days,
                "break_length_days": phases.break_length_days,
                "observe_days": template.observe_days,
                "screening_id": run_id,
                "created_by_id": clinician.pk,
                "created_at": assigned,
            }
        )
        plan_items = [
            {
                "plan_id": plan_id,
                "component_id": component.pk,
                "amount": amount,
                "unit": component.unit,
                "pattern": pattern.as_dict(),
                "effective_from": start,
                "pattern_since": start,
                "set_by_id": clinician.pk,
                "set_at": assigned,
            }
            for component, amount, pattern in doses
        ]
        items += plan_items
        plan_events = [
            {
                "kind": PlanEvent.ASSIGNED,
                "at": assigned,
                "note": "",
                "detail": {
                    "start": start.isoformat(),
                    "doses": [
                        {
                            "component": c.slug,
                            "amount": dose_text(a, c.unit),
                            "pattern": p.as_dict(),
                        }
                        for c, a, p in doses
                    ],
                },
            }
        ]
        relative = [f for f in plan_run["flags"] if f["severity"] == "relative"]
        if relative:
            plan_events.append(
                {
                    "kind": PlanEvent.ACKNOWLEDGED,
                    "at": assigned,
                    "note": "",
                    "detail": {"flags": relative, "screening_id": run_id},
                }
            )
        if paused_on:
            pauses.append(
                {
                    "plan_id": plan_id,
                    "starts_on": paused_on,
                    "ends_on": None,
                    "reason": PAUSE_REASON,
                    "by_id": clinician.pk,
                }
            )
            plan_events.append(
                {
                    "kind": PlanEvent.PAUSED,
                    "at": clock_.at(paused_on, 12),
                    "note": PAUSE_REASON,
                    "detail": {},
                }
            )
        events += [{"plan_id": plan_id, "by_id": clinician.pk} | e for e in plan_events]
        drafts.append(
            PlanDraft(
                plan=plans[-1],
                items=plan_items,
                schedule=sched.Schedule(
                    start=start,
                    phases=phases,
                    pauses=(sched.Pause(paused_on),) if paused_on else (),
                ),
                doses={
                    c.pk: sched.Dose(c.slug, a, c.unit, p, start, pattern_since=start)
                    for c, a, p in doses
                },
            )
        )

    rows_insert(HealthProfile, profiles)
    rows_insert(HealthProfileChange, changes)
    rows_insert(ScreeningRun, runs)
    rows_insert(Plan, plans)
    rows_insert(PlanItem, items)
    rows_insert(PlanEvent, events)
    rows_insert(PlanPause, pauses)
    return {draft.plan["patient_id"]: draft for draft in drafts}


# -------------------------------------------------------------- daily records


def checkins_for(rng, patient_id, days, last_day):
    """A check-in row for each day: mood a gentle random walk, the rest
    loosely following it."""
    mood = rng.randint(5, 8)
    rows = []
    for back in range(days - 1, -1, -1):
        mood = min(10, max(MOOD_FLOOR, mood + rng.choice((-1, 0, 0, 1))))
        rows.append(
            {
                "patient_id": patient_id,
                "local_date": last_day - timedelta(days=back),
                "mood": mood,
                "anxiety": min(10, max(0, 10 - mood + rng.choice((-1, 0, 1)))),
                "energy": min(10, max(0, mood + rng.choice((-2, -1, 0, 1)))),
                "sleep_hours": Decimal(rng.choice((5, 6, 6.5, 7, 7.5, 8, 8.5))).quantize(
                    Decimal("0.1")
                ),
                "journal": rng.choice(JOURNAL_LINES),
            }
        )
    return rows


def low_day_make(rows, index: int, rng) -> None:
    """Make row `index` a very low day. The two days before are lifted to 4 so
    the low day alone is what the rules see (no three-day sustained low)."""
    for before in rows[max(0, index - 2) : index]:
        before["mood"] = max(before["mood"], MOOD_FLOOR + 1)
    row = rows[index]
    row |= {"mood": LOW_MOOD, "anxiety": 8, "energy": 2, "journal": rng.choice(LOW_JOURNAL_LINES)}


def low_days_pick(rng, days: int, cohort: Cohort) -> tuple[int | None, list[int]]:
    """Row indexes of the open alert's low day (in the last three) and of the
    resolved alerts' (before the last fortnight, a week apart)."""
    open_index = None
    if cohort.open_alert == "very_low_mood":
        open_index = days - 1 - rng.randint(0, min(2, days - 1))
    older = []
    last_older = days - 1 - EVERY_DAYS
    for _ in range(cohort.resolved_alerts):
        if last_older < 2:
            break
        index = rng.randint(2, last_older)
        if all(abs(index - other) > 7 for other in older):
            older.append(index)
    return open_index, older


def items_spread(rng, total: int, count: int, fixed: dict[int, int]) -> list[int]:
    """`count` item answers of 0-3 adding up to `total`, `fixed` ones as given."""
    values = [fixed.get(i, 0) for i in range(count)]
    free = [i for i in range(count) if i not in fixed]
    for _ in range(total - sum(values)):
        room = [i for i in free if values[i] < 3]
        values[rng.choice(room)] += 1
    return values


def questionnaires_for(rng, rows, offset: int, critical: bool):
    """PHQ-9 and GAD-7 responses every EVERY_DAYS from the patient's offset,
    following the day's mood and anxiety. With `critical`, the last PHQ-9 has
    item 9 at 1. Returns (responses, the last PHQ-9's (items, total, previous))."""
    responses, previous, last_phq = [], None, None
    indexes = list(range(offset % EVERY_DAYS, len(rows), EVERY_DAYS))
    for n, index in enumerate(indexes):
        row = rows[index]
        phq = max(0, min(PHQ9_CEILING, round((10 - row["mood"]) * 1.5) + rng.randint(-2, 2)))
        if previous is not None:
            phq = min(phq, previous + PHQ9_MAX_RISE)
        item9 = 1 if critical and n == len(indexes) - 1 else 0
        phq = max(phq, item9)
        phq_items = items_spread(rng, phq, 9, {8: item9})
        gad = max(0, min(GAD7_CEILING, round(row["anxiety"] * 1.3) + rng.randint(-2, 2)))
        for slug, values in (("phq9", phq_items), ("gad7", items_spread(rng, gad, 7, {}))):
            score = instruments.score(slug, {f"q{i}": v for i, v in enumerate(values, 1)})
            responses.append(
                {
                    "patient_id": row["patient_id"],
                    "instrument": slug,
                    "local_date": row["local_date"],
                    "answers": score.answers,
                    "total": score.total,
                    "band": score.band.key,
                }
            )
        last_phq = (phq_items, phq, previous, row["local_date"])
        previous = phq
    return responses, last_phq


def dose_logs_for(rng, draft: PlanDraft, patient_id: int, today: date, clock_: Clock):
    """A log for each component's due days up to today; components sharing a
    pattern share the (pure, slowish) due-day computation."""
    due_cache = {}
    evening = functools.cache(lambda day: clock_.at(day, 21))  # five components a day
    logs = []
    for item in draft.items:
        dose = draft.doses[item["component_id"]]
        key = json.dumps(item["pattern"], sort_keys=True)
        if key not in due_cache:
            # Nothing is due from the integration phase on: no need to ask.
            last = min(today, draft.schedule.integration_start - timedelta(days=1))
            due_cache[key] = sched.dose_days(draft.schedule, [dose], draft.schedule.start, last)
        for day in due_cache[key]:
            roll = rng.random()
            if roll >= TAKEN_SHARE + SKIPPED_SHARE:
                continue  # not logged
            taken = roll < TAKEN_SHARE
            logs.append(
                {
                    "plan_id": item["plan_id"],
                    "patient_id": patient_id,
                    "component_id": item["component_id"],
                    "local_date": day,
                    "status": "taken" if taken else "skipped",
                    "amount": item["amount"] if taken else None,
                    "unit": item["unit"] if taken else "",
                    # The minute from the same roll: a second draw per row costs.
                    "taken_at": MORNING[int(roll * 6000) % 60] if taken else None,
                    "skip_reason": "" if taken else rng.choice(SKIP_REASONS),
                    "as_planned": taken,
                    "logged_at": evening(day),
                }
            )
    return logs


def side_effects_for(rng, rows, draft: PlanDraft | None):
    effects = []
    for row in rows:
        if rng.random() >= SIDE_EFFECT_SHARE:
            continue
        on_plan = draft is not None and row["local_date"] >= draft.schedule.start
        if on_plan and rng.random() < 0.5:
            key = rng.choice(SIDE_EFFECT_KEYS)
            description = side_effect_label(key)[:300]
        else:
            key, description = SideEffect.OTHER, rng.choice(OWN_WORDS)
        effects.append(
            {
                "checkin_id": row["id"],
                "key": key,
                "description": description,
                "severity": "mild" if rng.random() < 0.75 else "moderate",
            }
        )
    return effects


def sessions_for(rng, draft: PlanDraft, patient_id, clinician_id, clinic_id, today, clock_):
    rows, now = [], timezone.now()
    day = draft.schedule.start
    while True:
        future = day >= today
        rows.append(
            {
                "patient_id": patient_id,
                "clinician_id": clinician_id,
                "clinic_id": clinic_id,
                "date": day if not future else max(day, today + timedelta(days=1)),
                "notes": "" if future else rng.choice(SESSION_NOTES),
                "created_at": now if future else min(now, clock_.at(day, 9)),
            }
        )
        if future:
            return rows
        day += timedelta(days=EVERY_DAYS)


# ---------------------------------------------------------------------- alerts


def alert_row(rng, finding, *, clinic, patient_id, recipient_id, raised, state, checkin_id, policy):
    """An Alert as raise_for writes it, moved on to `state` by hand."""
    row = {
        "clinic_id": clinic.pk,
        "patient_id": patient_id,
        "recipient_id": recipient_id,
        "rule": finding.rule,
        "severity": finding.severity,
        "summary": finding.summary[:300],
        "evidence": finding.as_evidence() | {"checkin_id": checkin_id},
        "source_checkin_id": checkin_id,
        "state": state,
        "attempts": 0,
        "created_at": raised,
        "last_seen_at": raised,
        "claimed_at": None,
        "delivered_at": None,
        "acknowledged_at": None,
        "acknowledged_by_id": None,
        "acknowledgement_note": "",
        "resolved_at": None,
        "resolved_by_id": None,
        "resolution_note": "",
        "in_digest": finding.severity in policy.digest_severities,
        "next_escalation_at": None,
    }
    deadline = policy.next_escalation_after(finding.severity, 0)
    if state != AlertState.RESOLVED and deadline and not row["in_digest"]:
        row["next_escalation_at"] = raised + deadline
    if state in (AlertState.DELIVERED, AlertState.RESOLVED):
        row |= {
            "attempts": 1,
            "claimed_at": raised + timedelta(seconds=2),
            "delivered_at": raised + timedelta(seconds=5),
        }
    if state == AlertState.RESOLVED:
        acknowledged = raised + timedelta(hours=rng.randint(1, 20))
        row |= {
            "acknowledged_at": acknowledged,
            "acknowledged_by_id": recipient_id,
            "acknowledgement_note": ACKNOWLEDGEMENT,
            "resolved_at": acknowledged + timedelta(days=rng.randint(1, 3)),
            "resolved_by_id": recipient_id,
            "resolution_note": rng.choice(RESOLUTIONS),
        }
    return row


def mood_alerts(rng, rows, index, *, state, **context):
    """Alerts for the check-in at `index`, from the mood rules on its series."""
    series = [(r["local_date"], r["mood"]) for r in rows[max(0, index - 40) : index + 1]]
    row = rows[index]
    raised = min(timezone.now(), context.pop("clock").at(row["local_date"], 20))
    return [
        alert_row(rng, finding, raised=raised, state=state, checkin_id=row["id"], **context)
        for finding in evaluate_mood_series(series=series)
    ]


# ----------------------------------------------------------------------- build


@contextmanager
def keys_checked_once(models_):
    """Foreign keys checked once per table instead of once per row.

    PostgreSQL checks each new row's foreign keys one by one (at commit, as
    Django makes them deferred): a third of the seed's time. As PostgreSQL's
    "Populating a Database" advises, drop them for the load and add them back,
    which checks all the rows in one query per key. The definitions are read
    back from the catalog, so they return exactly as they were; it all
    happens in the seed's transaction, so a failure leaves the schema
    untouched. The tables are locked until the seed commits. Around --reset's
    deletion too, which otherwise checks every deleted check-in for side
    effects still pointing at it."""
    if connection.vendor != "postgresql":
        yield
        return
    quote = connection.ops.quote_name
    keys = []
    with connection.cursor() as cursor:
        # A table with checks pending cannot be altered: run any now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for model in models_:
            table = model._meta.db_table
            # The keys of the table and the keys pointing at it (a clinician's
            # labelled crisis example points at a check-in): a deletion from the
            # table leaves the latter's checks pending, and a table with checks
            # pending cannot be altered when the keys come back.
            cursor.execute(
                "SELECT cl.relname, con.conname, pg_get_constraintdef(con.oid) "
                "FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid "
                "WHERE con.contype = 'f' "
                "AND (con.conrelid = %s::regclass OR con.confrelid = %s::regclass) "
                "ORDER BY cl.relname, con.conname",
                [table, table],
            )
            for owner, name, definition in cursor.fetchall():
                if any(key[:2] == (owner, name) for key in keys):
                    continue
                keys.append((owner, name, definition))
                cursor.execute(f"ALTER TABLE {quote(owner)} DROP CONSTRAINT {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def scale_build(*, patients: int, days: int, clinicians: int) -> Clinic:
    rng = random.Random(SEED)
    clinic = Clinic.objects.create(**CLINIC)
    clock_ = Clock(clinic.timezone)
    policy = policy_for(clinic)
    # One hash for everyone: hashing is the slow part, and the password is public.
    password = make_password(PASSWORD)
    users_create(clinic, "admin", Role.ADMIN, 1, password)
    staff = users_create(clinic, "clinician", Role.CLINICIAN, clinicians, password)
    people = users_create(clinic, "patient", Role.PATIENT, patients, password)
    primary = {p.pk: staff[i % len(staff)] for i, p in enumerate(people)}
    CareTeam.objects.bulk_create(
        [
            CareTeam(clinic=clinic, patient=p, clinician=primary[p.pk], is_primary=True)
            for p in people
        ],
        batch_size=BATCH_SIZE,
    )
    today = today_for(clinic=clinic)
    first = today - timedelta(days=days - 1)
    cohorts = cohorts_draw(rng, len(people))
    ids = Ids()
    drafts = plans_create(
        rng,
        ids,
        clinic=clinic,
        people=people,
        primary=primary,
        cohorts=cohorts,
        first=first,
        today=today,
        clock_=clock_,
    )
    rows_insert(
        QuestionnaireSchedule,
        [
            {
                "patient_id": p.pk,
                "clinic_id": clinic.pk,
                "instrument": slug,
                "every": EVERY_DAYS // 7,
                "unit": QuestionnaireSchedule.Unit.WEEKS,
                "starts_on": first,
                "is_active": True,
                "set_by_id": primary[p.pk].pk,
            }
            for p in people
            for slug in ("phq9", "gad7")
        ],
    )

    alerts, now = [], timezone.now()
    for start in range(0, len(people), PATIENT_CHUNK):
        chunk = defaultdict(list)
        checkin_ids = iter(ids.take(CheckIn, days * len(people[start : start + PATIENT_CHUNK])))
        for number, patient in enumerate(people[start : start + PATIENT_CHUNK], start):
            cohort = cohorts[number]
            draft = drafts.get(patient.pk)
            clinician_id = primary[patient.pk].pk
            rows = checkins_for(rng, patient.pk, days, today)
            open_index, older = low_days_pick(rng, days, cohort)
            for index in [*older, open_index]:
                if index is not None:
                    low_day_make(rows, index, rng)
            for row in rows:
                stamp = min(now, clock_.at(row["local_date"], 21))
                row |= {"id": next(checkin_ids), "clinic_id": clinic.pk}
                row |= {"created_at": stamp, "updated_at": stamp}
            chunk[CheckIn] += rows
            chunk[SideEffect] += side_effects_for(rng, rows, draft)
            responses, last_phq = questionnaires_for(
                rng, rows, number, critical=cohort.open_alert == "phq9_item9"
            )
            chunk[QuestionnaireResponse] += [
                r
                | {
                    "clinic_id": clinic.pk,
                    "created_at": min(now, clock_.at(r["local_date"], 19)),
                }
                for r in responses
            ]
            if draft is not None:
                chunk[DoseLog] += dose_logs_for(rng, draft, patient.pk, today, clock_)
                chunk[Session] += sessions_for(
                    rng, draft, patient.pk, clinician_id, clinic.pk, today, clock_
                )

            context = {
                "clinic": clinic,
                "patient_id": patient.pk,
                "recipient_id": clinician_id,
                "policy": policy,
            }
            for index in older:
                alerts += mood_alerts(
                    rng, rows, index, state=AlertState.RESOLVED, clock=clock_, **context
                )
            if open_index is not None:
                alerts += mood_alerts(
                    rng, rows, open_index, state=cohort.open_state, clock=clock_, **context
                )
            if cohort.open_alert == "phq9_item9" and last_phq is not None:
                items, total, previous, day = last_phq
                findings = evaluate_questionnaire(
                    instrument="phq9", total=total, items=items, previous_total=previous
                )
                alerts += [
                    alert_row(
                        rng,
                        finding,
                        raised=min(now, clock_.at(day, 19)),
                        state=cohort.open_state,
                        checkin_id=None,
                        **context,
                    )
                    for finding in findings
                ]
        for model in (CheckIn, SideEffect, QuestionnaireResponse, DoseLog, Session):
            rows_insert(model, chunk[model])
    rows_insert(Alert, alerts)
    return clinic


class Command(BaseCommand):
    help = (
        "Build a large synthetic clinic: check-ins, plans and dose logs, screening, "
        "questionnaires, sessions and alerts (bulk inserts; alerts are rows only, never sent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=500)
        parser.add_argument("--days", type=int, default=365, help="days of check-ins, to today")
        parser.add_argument(
            "--clinicians",
            type=int,
            default=None,
            help=f"default: one per {PATIENTS_PER_CLINICIAN} patients",
        )
        parser.add_argument(
            "--reset", action="store_true", help=f"delete the scale clinic and @{DOMAIN} first"
        )

    def handle(self, *args, patients, days, clinicians, reset, **options):
        if patients < 1 or days < 1 or (clinicians is not None and clinicians < 1):
            raise CommandError("--patients, --days and --clinicians must be at least 1.")
        if patients > 9999:
            raise CommandError("--patients is at most 9999 (the emails have four digits).")
        clinicians = clinicians or max(1, -(-patients // PATIENTS_PER_CLINICIAN))
        started = time.monotonic()
        with transaction.atomic(), keys_checked_once(BIG_TABLES):
            if reset:
                scale_delete()
            elif Clinic.objects.filter(name=CLINIC["name"]).exists() or scale_users().exists():
                raise CommandError(
                    f'"{CLINIC["name"]}" or users @{DOMAIN} exist already; '
                    "use --reset to rebuild them."
                )
            clinic = scale_build(patients=patients, days=days, clinicians=clinicians)
            counts = {
                "plans": Plan.objects.filter(clinic=clinic).count(),
                "dose logs": DoseLog.objects.filter(plan__clinic=clinic).count(),
                "alerts": Alert.objects.filter(clinic=clinic).count(),
            }
        self.stdout.write(
            self.style.SUCCESS(
                f"Built {CLINIC['name']}: {patients} patients, {clinicians} clinicians, "
                f"{patients * days} check-ins, "
                + ", ".join(f"{n} {name}" for name, n in counts.items())
                + f" in {time.monotonic() - started:.1f} s. "
                f"Logins: patient0001@{DOMAIN}, clinician0001@{DOMAIN}, admin0001@{DOMAIN}; "
                f"password {PASSWORD}"
            )
        )
