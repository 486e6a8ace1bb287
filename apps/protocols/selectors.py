"""Reads for protocol plans, as plain data for the diary, dashboards and charts.

Dates are the patient's local calendar dates; the patient's time zone is
their clinic's (Clinic.timezone).
"""

from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from apps.clinics import access
from apps.clinics.models import Membership, Role
from apps.safety.models import ScreeningRun

from . import schedule as sched
from .catalog import catalog_ensure
from .models import Component, DoseLog, Plan, PlanEvent, PlanStatus, ProtocolTemplate

PHASE_LABELS = {
    sched.INITIAL: "Initial phase",
    sched.MAINTENANCE: "Maintenance phase",
    sched.INTEGRATION: "Integration phase",
}


def clinic_today(clinic) -> date:
    return timezone.now().astimezone(ZoneInfo(clinic.timezone)).date()


# ------------------------------------------------------------------- access


def care_team_required(*, user, patient) -> None:
    """Only the patient's own clinicians may assign or change a plan: the one
    write gate (apps/clinics/access.py write_required). Admins and on-call
    cover may read it, not write it: 404 like any outsider."""
    access.write_required(user=user, patient=patient)


def may_write_plan(*, user, patient) -> bool:
    try:
        care_team_required(user=user, patient=patient)
    except Http404:
        return False
    return True


def staff_clinic_for(user):
    """The clinic whose catalog a clinician or admin works in; 404 for others."""
    membership = (
        Membership.objects.filter(user=user, role__in=[Role.CLINICIAN, Role.ADMIN], is_active=True)
        .select_related("clinic")
        .order_by("pk")
        .first()
        if user.is_authenticated
        else None
    )
    if membership is None:
        raise Http404("This page is for clinic staff")
    return membership.clinic


# ------------------------------------------------------------------ catalog


def components_for(*, clinic):
    catalog_ensure()
    return Component.objects.filter(Q(clinic=None) | Q(clinic=clinic)).order_by("clinic_id", "pk")


def templates_for(*, clinic):
    catalog_ensure()
    return (
        ProtocolTemplate.objects.filter(Q(clinic=None) | Q(clinic=clinic))
        .prefetch_related("items__component")
        .order_by("clinic_id", "name")
    )


def template_for(*, clinic, template_id):
    return templates_for(clinic=clinic).filter(pk=template_id).first()


# -------------------------------------------------------------------- plans


def _plans(patient):
    return Plan.objects.filter(patient=patient).select_related("clinic", "overridden_by")


def open_plan_for(*, patient) -> Plan | None:
    return (
        _plans(patient)
        .filter(status__in=[PlanStatus.ACTIVE, PlanStatus.PAUSED])
        .prefetch_related("items__component", "pauses")
        .first()
    )


def plan_review_flags(*, plan: Plan) -> list[dict] | None:
    """None unless a profile change screened in flags the open plan was not
    gated on and nobody has reviewed them yet; then those flags."""
    if plan.review_screening_id is None:
        return None
    run = ScreeningRun.objects.filter(pk=plan.review_screening_id).first()
    if run is None:  # a deleted run still leaves the plan under review
        return []
    gated = ScreeningRun.objects.filter(pk=plan.screening_id).first()
    known = {flag_key(flag) for flag in (gated.flags if gated else [])}
    return [flag for flag in run.flags if flag_key(flag) not in known]


def flag_key(flag: dict) -> tuple:
    """A screening flag's identity across runs: the same rule on the same
    component (its matched words may differ from run to run)."""
    return (flag.get("component"), flag["rule"])


def plan_history(*, patient):
    """Every plan the patient has had, newest first, with its events, items
    and pauses. A page that also charts dose days or adherence loads this
    once and hands the list to them as `plans=`."""
    return _plans(patient).prefetch_related("events__by", "items__component", "pauses")


def _covering(patient, plans, start: date, end: date):
    """The plans that cover part of [start, end], oldest first: from the
    loaded `plans` when the caller has them (no query), else from the database."""
    if plans is None:
        return _plans_between(patient, start, end)
    found = [
        plan
        for plan in plans
        if plan.start_date <= end and (plan.ended_on is None or plan.ended_on > start)
    ]
    return sorted(found, key=lambda plan: (plan.start_date, plan.pk))


def overrides_on_record(*, patient) -> list[PlanEvent]:
    """Every time a plan was assigned or changed over an absolute flag, with
    who, when and why: shown on the patient's record from then on, whatever
    happened to the plan since."""
    return list(
        PlanEvent.objects.filter(plan__patient=patient, kind=PlanEvent.OVERRIDDEN)
        .select_related("by", "plan")
        .order_by("at", "pk")
    )


def schedule_of(plan: Plan) -> tuple[sched.Schedule, dict[int, list[sched.Dose]]]:
    """The pure schedule of a plan, and each component's dose history by id
    (uses the prefetched items and pauses when there are any)."""
    pauses = tuple(sched.Pause(p.starts_on, p.ends_on) for p in plan.pauses.all())
    schedule = sched.Schedule(
        start=plan.start_date,
        phases=sched.Phases(
            plan.initial_months,
            plan.maintenance_months,
            plan.break_every_days,
            plan.break_length_days,
        ),
        pauses=pauses,
        end=plan.ended_on,
    )
    doses: dict[int, list[sched.Dose]] = defaultdict(list)
    for item in plan.items.all():
        doses[item.component_id].append(
            sched.Dose(
                component=item.component.slug,
                amount=item.amount,
                unit=item.unit,
                pattern=item.pattern_obj,
                effective_from=item.effective_from,
                effective_to=item.effective_to,
                pattern_since=item.pattern_since,
                label=item.component.name,
            )
        )
    return schedule, dict(doses)


def _plan_on(patient, local_date) -> Plan | None:
    return (
        _plans(patient)
        .filter(start_date__lte=local_date)
        .filter(Q(ended_on=None) | Q(ended_on__gt=local_date))
        .prefetch_related("items__component", "pauses")
        .first()
    )


def _amount_text(amount, unit) -> str:
    if amount is None:
        return ""
    return f"{format(amount.normalize(), 'f')} {unit}"


def _break_dict(found: sched.Break | None) -> dict | None:
    if found is None:
        return None
    last = found.end - timedelta(days=1) if found.end else None
    return {"start": found.start, "end": found.end, "last_day": last, "kind": found.kind}


def plan_for_day(*, patient, local_date: date) -> dict:
    """What the patient's plan says for `local_date`, as plain data.

    {"plan_id": None, ...} when no plan covers the day. Otherwise "state" is
    one of schedule's NOT_STARTED / ENDED / ON_BREAK / AS_NEEDED / REST / DOSE,
    and "items" lists the components due (DOSE), every component in force
    (AS_NEEDED: the patient may log an occasional dose), plus anything already
    logged that day; each with the planned amount and unit and the log, if any.
    """
    plan = _plan_on(patient, local_date)
    empty = {
        "plan_id": None,
        "local_date": local_date,
        "state": None,
        "rest_day": False,
        "items": [],
        "phase": None,
        "phase_label": "",
        "break": None,
        "next_break": None,
        "name": "",
    }
    if plan is None:
        return empty
    schedule, doses = schedule_of(plan)
    day = sched.due_on(schedule, doses, local_date)
    logs = {
        log.component_id: log for log in DoseLog.objects.filter(plan=plan, local_date=local_date)
    }
    due_ids = {
        component_id
        for component_id, history in doses.items()
        if sched.component_is_due(schedule, history, local_date)
    }
    items = []
    for component_id, history in doses.items():
        dose = sched.dose_in_force(history, local_date)
        due = component_id in due_ids and day.state == sched.DOSE
        listed = due or day.state == sched.AS_NEEDED or component_id in logs
        if dose is None or not listed:
            continue
        log = logs.get(component_id)
        items.append(
            {
                "component_id": component_id,
                "slug": dose.component,
                "name": dose.label,
                "amount": dose.amount,
                "unit": dose.unit,
                "amount_text": _amount_text(dose.amount, dose.unit),
                "pattern": dose.pattern.describe(),
                "due": due,
                "log": None
                if log is None
                else {
                    "status": log.status,
                    "amount_text": _amount_text(log.amount, log.unit),
                    "taken_at": log.taken_at,
                    "skip_reason": log.skip_reason,
                    "as_planned": log.as_planned,
                },
            }
        )
    return empty | {
        "plan_id": plan.pk,
        "name": plan.name,
        "status": plan.status,
        "state": day.state,
        "rest_day": day.state == sched.REST,
        "phase": day.phase,
        "phase_label": PHASE_LABELS.get(day.phase, ""),
        "break": _break_dict(day.break_),
        "next_break": _break_dict(sched.next_break(schedule, local_date)),
        "items": items,
    }


def _plans_between(patient, start, end):
    return (
        _plans(patient)
        .filter(start_date__lte=end)
        .filter(Q(ended_on=None) | Q(ended_on__gt=start))
        .prefetch_related("items__component", "pauses")
        .order_by("start_date", "pk")
    )


def dose_days(*, patient, start: date, end: date) -> dict[str, list[date]]:
    """For each component (by slug), the days in [start, end] it was or is due."""
    found: dict[str, set[date]] = defaultdict(set)
    for plan in _plans_between(patient, start, end):
        schedule, doses = schedule_of(plan)
        for history in doses.values():
            days = sched.dose_days(schedule, history, max(start, plan.start_date), end)
            found[history[0].component].update(days)
    return {slug: sorted(days) for slug, days in found.items()}


def phase_on(*, patient, local_date: date) -> str | None:
    plan = _plan_on(patient, local_date)
    if plan is None:
        return None
    schedule, _doses = schedule_of(plan)
    return sched.phase_on(schedule, local_date)


def adherence_for(*, patient, start: date, end: date, plans=None) -> list[dict]:
    """Per component over [start, end] (cut at the patient's today: days to come
    are not missed yet): days due, taken, skipped, missing, extra, and the rate.
    `plans`: the patient's plan_history, when the caller has it loaded."""
    rows: dict[int, dict] = {}
    for plan in _covering(patient, plans, start, end):
        last = min(end, clinic_today(plan.clinic))
        if last < start:
            continue
        schedule, doses = schedule_of(plan)
        logs: dict[int, dict[date, str]] = defaultdict(dict)
        # Plain values: a year of five components is ~1,800 rows.
        for component_id, day, status in DoseLog.objects.filter(
            plan=plan, local_date__range=(start, last)
        ).values_list("component_id", "local_date", "status"):
            logs[component_id][day] = status
        for component_id, history in doses.items():
            due = sched.dose_days(schedule, history, max(start, plan.start_date), last)
            result = sched.adherence(due, logs.get(component_id, {}))
            row = rows.setdefault(
                component_id,
                {"component": history[0].label, "slug": history[0].component}
                | dict.fromkeys(("due", "taken", "skipped", "missing", "extra"), 0),
            )
            for key in ("due", "taken", "skipped", "missing", "extra"):
                row[key] += getattr(result, key)
    for row in rows.values():
        row["rate"] = row["taken"] / row["due"] if row["due"] else None
        row["percent"] = round(100 * row["rate"]) if row["rate"] is not None else None
    return sorted(rows.values(), key=lambda r: r["component"])


def plan_card_for(*, patient) -> dict:
    """The clinician patient page's "Plan" card."""
    plan = open_plan_for(patient=patient)
    today = clinic_today(plan.clinic) if plan else None
    return {
        "plan": plan,
        "today": plan_for_day(patient=patient, local_date=today) if plan else None,
        "overrides": overrides_on_record(patient=patient),
    }


def dose_rhythm_between(*, patient, start: date, end: date, plans=None) -> dict[date, dict]:
    """For each day in [start, end] a plan covers: its phase and whether it is
    a dose day, for charts that mark dose days and phase bands.

    A "dose day" follows the plan's intermittent components (in the reference
    stack, the psilocybin days): supplements taken every day would otherwise
    make every day a dose day and the dose-day/rest-day comparison empty. A
    plan whose components are all daily counts every due day.
    """
    found: dict[date, dict] = {}
    for plan in _covering(patient, plans, start, end):
        schedule, doses = schedule_of(plan)
        first = max(start, plan.start_date)
        intermittent = [
            history
            for history in doses.values()
            if any(dose.pattern.kind != sched.DAILY for dose in history)
        ]
        rhythm: set[date] = set()
        for history in intermittent or doses.values():
            rhythm.update(sched.dose_days(schedule, history, first, end))
        for day in sched.days_between(first, end):
            if schedule.is_active(day):
                found[day] = {"phase": sched.phase_on(schedule, day), "dose_day": day in rhythm}
    return found
