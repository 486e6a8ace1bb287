"""Writes for protocol plans: assign, change, pause, resume, end; log a dose.

Assigning or changing a plan screens the patient first (safety's
`screening_run`, with the plan's components and doses). An absolute flag
blocks it unless the clinician records a reason, which is audited and stays
on the patient's record; relative flags need an explicit acknowledgement. A
refusal raises PlanRefused and rolls everything back, the screening run
included: nothing is half-saved.

A later change to the health profile re-gates an open plan
(`plan_rescreen`): flags the plan was not gated on put it under review
until a care-team clinician continues it with a reason, pauses or ends it
(`plan_review`).
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction

from apps.audit.services import access_record
from apps.safety.detectors.findings import Finding, Severity
from apps.safety.screening import screening_run

from .models import (
    Component,
    DoseLog,
    DoseStatus,
    Plan,
    PlanEvent,
    PlanItem,
    PlanPause,
    PlanStatus,
    ProtocolTemplate,
    TemplateItem,
)
from .schedule import Pattern, Phases
from .selectors import clinic_today, flag_key, plan_for_day
from .signals import plan_review_answered

OVERRIDE_REASON_MIN = 10
TEXT_MAX = 2000
# A plan may be recorded as having started a little while ago, or be set up
# ahead of time; beyond these it is more likely a typo.
BACKDATE_DAYS = 30
AHEAD_DAYS = 365
AMOUNT_MAX = Decimal("100000")


class PlanRefused(Exception):
    """Why a plan write did not happen, in words for the person who tried.

    `kind`: "invalid" (fix the fields), "blocked" (absolute flag, no reason),
    "acknowledge" (relative flags not acknowledged), "too_soon" (a dose change
    within the observation week, not confirmed)."""

    def __init__(self, kind, messages, *, fields=None, flags=()):
        super().__init__(" ".join(messages))
        self.kind = kind
        self.messages = list(messages)
        self.fields = fields or {}  # component pk -> message
        self.flags = list(flags)


@dataclass(frozen=True)
class DoseRequest:
    component: Component
    amount: Decimal
    pattern: Pattern = field(default_factory=lambda: Pattern("daily"))


def dose_text(amount: Decimal, unit: str) -> str:
    return f"{format(amount.normalize(), 'f')} {unit}"


def dose_range_problem(component: Component, amount) -> str | None:
    """None if `amount` may be planned for `component`, else why not."""
    name = component.name
    if amount is None:
        return f"{name}: give an amount in {component.unit}."
    if amount <= 0:
        return f"{name}: the amount must be more than 0 {component.unit}."
    if amount > AMOUNT_MAX:
        return f"{name}: {dose_text(amount, component.unit)} is not a plannable amount."
    low, high = component.range_low, component.range_high
    if (low is not None and amount < low) or (high is not None and amount > high):
        return (
            f"{name}: {dose_text(amount, component.unit)} is outside the range the catalog "
            f"names ({component.range_text}). Nothing has been saved."
        )
    return None


def _validate_doses(doses, clinic):
    if not doses:
        raise PlanRefused("invalid", ["Choose at least one component."])
    problems, seen = {}, set()
    for dose in doses:
        component = dose.component
        if component.clinic_id not in (None, clinic.pk):
            raise PlanRefused("invalid", ["That component is not in this clinic's catalog."])
        if component.pk in seen:
            raise PlanRefused("invalid", [f"{component.name} is listed twice."])
        seen.add(component.pk)
        problem = dose_range_problem(component, dose.amount)
        if problem:
            problems[component.pk] = problem
    if problems:
        raise PlanRefused("invalid", list(problems.values()), fields=problems)


def _screen(*, patient, clinic, doses, trigger, acknowledge, override_reason, by, plan=None):
    """Screen, and refuse unless flags are overridden/acknowledged as required.
    Returns (run, override_reason or "")."""
    run = screening_run(
        patient=patient,
        clinic=clinic,
        trigger=trigger,
        components=[d.component.slug for d in doses],
        doses={d.component.slug: dose_text(d.amount, d.component.unit) for d in doses},
    )
    reason = (override_reason or "").strip()
    if run.absolute_flags:
        if len(reason) < OVERRIDE_REASON_MIN:
            raise PlanRefused(
                "blocked",
                [
                    "Screening found a reason this plan must not be assigned. To assign it "
                    "anyway, write down why (at least a few words); the reason is kept on "
                    "the patient's record."
                ],
                flags=run.absolute_flags,
            )
        if len(reason) > TEXT_MAX:
            raise PlanRefused("invalid", [f"Keep the reason under {TEXT_MAX} characters."])
    else:
        reason = ""
    if run.relative_flags and not acknowledge:
        raise PlanRefused(
            "acknowledge",
            ["Screening raised cautions: tick the box to confirm you have considered them."],
            flags=run.relative_flags,
        )
    return run, reason


def _record_flags(*, plan, run, reason, acknowledge, by, request):
    if reason:
        plan.override_reason, plan.overridden_by = reason, by
        plan.save(update_fields=["override_reason", "overridden_by"])
        PlanEvent.objects.create(
            plan=plan,
            kind=PlanEvent.OVERRIDDEN,
            by=by,
            note=reason,
            detail={"flags": run.absolute_flags, "screening_id": run.pk},
        )
        access_record(actor=by, patient=plan.patient, action="plan_override", request=request)
    if run.relative_flags and acknowledge:
        PlanEvent.objects.create(
            plan=plan,
            kind=PlanEvent.ACKNOWLEDGED,
            by=by,
            detail={"flags": run.relative_flags, "screening_id": run.pk},
        )


def _check_dates(*, start_date, clinic):
    today = clinic_today(clinic)
    if start_date < today - timedelta(days=BACKDATE_DAYS):
        raise PlanRefused(
            "invalid", [f"The start date can be at most {BACKDATE_DAYS} days in the past."]
        )
    if start_date > today + timedelta(days=AHEAD_DAYS):
        raise PlanRefused("invalid", ["The start date is more than a year away."])


def _check_phases(template, phases: Phases):
    if template is None:
        return
    for name, months in (
        ("initial", phases.initial_months),
        ("maintenance", phases.maintenance_months),
    ):
        low, high = template.months(name)
        if months < low or (high is not None and months > high):
            raise PlanRefused(
                "invalid",
                [
                    f"The {name} phase is {low}–{high} months in this template; "
                    f"{months} is outside it."
                ],
            )
    if (phases.break_every_days > 0) != (phases.break_length_days > 0):
        raise PlanRefused(
            "invalid", ["Give both how often the breaks come and how long they last, or neither."]
        )


def _dose_detail(dose: DoseRequest) -> dict:
    return {
        "component": dose.component.slug,
        "amount": dose_text(dose.amount, dose.component.unit),
        "pattern": dose.pattern.as_dict(),
    }


@transaction.atomic
def plan_assign(
    *,
    patient,
    clinic,
    template: ProtocolTemplate | None,
    start_date: date,
    doses: list[DoseRequest],
    phases: Phases,
    by,
    acknowledge: bool = False,
    override_reason: str = "",
    request=None,
) -> Plan:
    _validate_doses(doses, clinic)
    _check_dates(start_date=start_date, clinic=clinic)
    _check_phases(template, phases)
    if Plan.objects.filter(
        patient=patient, status__in=[PlanStatus.ACTIVE, PlanStatus.PAUSED]
    ).exists():
        raise PlanRefused("invalid", ["This patient already has a plan: change or end it first."])
    run, reason = _screen(
        patient=patient,
        clinic=clinic,
        doses=doses,
        trigger="plan assigned",
        acknowledge=acknowledge,
        override_reason=override_reason,
        by=by,
    )
    try:
        with transaction.atomic():
            plan = Plan.objects.create(
                patient=patient,
                clinic=clinic,
                template=template,
                name=template.name if template else "Custom plan",
                start_date=start_date,
                initial_months=phases.initial_months,
                maintenance_months=phases.maintenance_months,
                break_every_days=phases.break_every_days,
                break_length_days=phases.break_length_days,
                observe_days=template.observe_days if template else 7,
                screening=run,
                created_by=by,
            )
    except IntegrityError:
        # Two submits racing: the constraint let one through.
        raise PlanRefused(
            "invalid", ["This patient already has a plan: change or end it first."]
        ) from None
    for dose in doses:
        PlanItem.objects.create(
            plan=plan,
            component=dose.component,
            amount=dose.amount,
            unit=dose.component.unit,
            pattern=dose.pattern.as_dict(),
            effective_from=start_date,
            pattern_since=start_date,
            set_by=by,
        )
    PlanEvent.objects.create(
        plan=plan,
        kind=PlanEvent.ASSIGNED,
        by=by,
        detail={"start": start_date.isoformat(), "doses": [_dose_detail(d) for d in doses]},
    )
    _record_flags(
        plan=plan, run=run, reason=reason, acknowledge=acknowledge, by=by, request=request
    )
    return plan


def _locked_open(plan: Plan) -> Plan:
    plan = Plan.objects.select_for_update().filter(pk=plan.pk).first()
    if plan is None or not plan.is_open:
        raise PlanRefused("invalid", ["This plan has ended; it can no longer be changed."])
    return plan


@transaction.atomic
def plan_change(
    *,
    plan: Plan,
    doses: list[DoseRequest],
    by,
    acknowledge: bool = False,
    override_reason: str = "",
    confirm_early: bool = False,
    request=None,
) -> Plan:
    """New doses/patterns from today (or the start, if it has not come yet).
    Components left out of `doses` stop today."""
    plan = _locked_open(plan)
    _validate_doses(doses, plan.clinic)
    effective = max(clinic_today(plan.clinic), plan.start_date)
    current = {item.component_id: item for item in plan.items.filter(effective_to=None)}

    changed, too_soon = [], []
    wanted = {dose.component.pk: dose for dose in doses}
    for dose in doses:
        item = current.get(dose.component.pk)
        if item is None:
            changed.append((None, dose))
            continue
        same_amount = item.amount == dose.amount
        if same_amount and item.pattern_obj == dose.pattern:
            continue
        changed.append((item, dose))
        days = (effective - _amount_since(plan, item)).days
        not_started = effective == plan.start_date  # nothing taken yet to observe
        if not same_amount and not not_started and days < plan.observe_days:
            too_soon.append(
                f"{dose.component.name} was last set {days} day{'s' if days != 1 else ''} ago; "
                f"the source says to observe for at least {plan.observe_days} days before "
                "adjusting."
            )
    removed = [item for pk, item in current.items() if pk not in wanted]
    if not changed and not removed:
        raise PlanRefused("invalid", ["Nothing was changed."])
    if too_soon and not confirm_early:
        raise PlanRefused("too_soon", too_soon)

    run, reason = _screen(
        patient=plan.patient,
        clinic=plan.clinic,
        doses=doses,
        trigger="plan changed",
        acknowledge=acknowledge,
        override_reason=override_reason,
        by=by,
    )
    before = {}
    for item, dose in changed:
        if item is not None:
            before[dose.component.slug] = {
                "amount": dose_text(item.amount, item.unit),
                "pattern": item.pattern,
            }
            pattern_since = effective if item.pattern_obj != dose.pattern else item.pattern_since
            if item.effective_from >= effective:
                item.delete()  # not yet in force: replaced, the event keeps the history
            else:
                item.effective_to = effective
                item.save(update_fields=["effective_to"])
        else:
            pattern_since = effective
        PlanItem.objects.create(
            plan=plan,
            component=dose.component,
            amount=dose.amount,
            unit=dose.component.unit,
            pattern=dose.pattern.as_dict(),
            effective_from=effective,
            pattern_since=pattern_since,
            set_by=by,
        )
    for item in removed:
        before[item.component.slug] = {"amount": dose_text(item.amount, item.unit), "removed": True}
        if item.effective_from >= effective:
            item.delete()
        else:
            item.effective_to = effective
            item.save(update_fields=["effective_to"])
    # The change screened the plan afresh and was gated on it: that is a review.
    answered = plan.review_screening_id is not None
    plan.screening, plan.review_screening = run, None
    plan.save(update_fields=["screening", "review_screening"])
    if answered:
        plan_review_answered.send(
            Plan, plan=plan, by=by, decision="plan changed (screened afresh)", reason=""
        )
    PlanEvent.objects.create(
        plan=plan,
        kind=PlanEvent.CHANGED,
        by=by,
        detail={
            "from": effective.isoformat(),
            "before": before,
            "after": [_dose_detail(dose) for _item, dose in changed],
        },
    )
    if too_soon:
        PlanEvent.objects.create(
            plan=plan, kind=PlanEvent.EARLY_CHANGE, by=by, note=" ".join(too_soon)
        )
    _record_flags(
        plan=plan, run=run, reason=reason, acknowledge=acknowledge, by=by, request=request
    )
    return plan


def _amount_since(plan: Plan, item: PlanItem) -> date:
    """When the component's current amount was set: a change of days alone
    is not a dose change."""
    since = item.effective_from
    earlier = plan.items.filter(component_id=item.component_id, effective_to__lte=since)
    for version in earlier.order_by("-effective_from"):
        if version.effective_to != since or version.amount != item.amount:
            break
        since = version.effective_from
    return since


def _reason(text: str) -> str:
    text = (text or "").strip()
    if len(text) > 500:
        raise PlanRefused("invalid", ["Keep the reason under 500 characters."])
    return text


@transaction.atomic
def plan_pause(*, plan: Plan, by, reason: str = "", request=None) -> Plan:
    """A break from today until resumed. Pausing a plan under review is a
    review: the flags stay un-gated, so resuming asks for a reason."""
    plan = _locked_open(plan)
    if plan.status == PlanStatus.PAUSED:
        raise PlanRefused("invalid", ["The plan is already on a break."])
    today = clinic_today(plan.clinic)
    PlanPause.objects.create(plan=plan, starts_on=today, reason=_reason(reason), by=by)
    plan.status = PlanStatus.PAUSED
    plan.save(update_fields=["status"])
    PlanEvent.objects.create(plan=plan, kind=PlanEvent.PAUSED, by=by, note=reason.strip()[:500])
    _review_close(plan=plan, by=by, decision="pause", request=request)
    return plan


@transaction.atomic
def plan_resume(*, plan: Plan, by, reason: str = "", request=None) -> Plan:
    """Dosing resumes today, at day 1 of each pattern's cycle. The plan is
    screened again first: flags it was not gated on (a review answered by
    pausing, or one still waiting) need a reason, as continuing does."""
    plan = _locked_open(plan)
    if plan.status != PlanStatus.PAUSED:
        raise PlanRefused("invalid", ["The plan is not on a break."])
    run = _plan_screening_run(plan, trigger="plan resumed")
    if plan.review_screening_id is not None or _flags_not_gated(plan, run):
        _gate_continue(plan=plan, run=run, by=by, reason=reason, request=request)
    today = clinic_today(plan.clinic)
    plan.pauses.filter(ends_on=None).update(ends_on=today)
    plan.status = PlanStatus.ACTIVE
    plan.save(update_fields=["status"])
    PlanEvent.objects.create(plan=plan, kind=PlanEvent.RESUMED, by=by)
    return plan


@transaction.atomic
def plan_end(*, plan: Plan, by, reason: str = "", request=None) -> Plan:
    """Nothing is due from today on; the plan and its logs are kept."""
    plan = _locked_open(plan)
    today = clinic_today(plan.clinic)
    plan.pauses.filter(ends_on=None).update(ends_on=today)
    plan.status = PlanStatus.ENDED
    plan.ended_on = max(today, plan.start_date)
    plan.end_reason = _reason(reason)
    plan.save(update_fields=["status", "ended_on", "end_reason"])
    PlanEvent.objects.create(plan=plan, kind=PlanEvent.ENDED, by=by, note=plan.end_reason)
    _review_close(plan=plan, by=by, decision="end", request=request)
    return plan


# ------------------------------------------------- re-gating after a profile change

# Two rules, not one: an open alert is bumped, never raised in severity, so a
# new contraindication must not land in an open (digest) alert about a caution.
PLAN_SCREENING_CHANGED = "plan_screening_changed"  # a new absolute flag: high
PLAN_SCREENING_CAUTION = "plan_screening_caution"  # new relative flags only: moderate
REVIEW_DECISIONS = ("continue", "pause", "end")


def _plan_screening_run(plan: Plan, *, trigger: str):
    """Screen the plan's components and doses in force (or still to come)."""
    items = list(plan.items.filter(effective_to=None).select_related("component"))
    return screening_run(
        patient=plan.patient,
        clinic=plan.clinic,
        trigger=trigger,
        components=[item.component.slug for item in items],
        doses={item.component.slug: dose_text(item.amount, item.unit) for item in items},
    )


def _flags_not_gated(plan: Plan, run, *, also_known=()) -> list[dict]:
    """Flags of `run` the plan was not assigned, changed or continued over."""
    known = {flag_key(flag) for flag in (plan.screening.flags if plan.screening else [])}
    known |= {flag_key(flag) for flag in also_known}
    return [flag for flag in run.flags if flag_key(flag) not in known]


@transaction.atomic
def plan_rescreen(*, patient, by) -> list[Finding]:
    """After the patient's health profile changed: screen their open plan
    (active or on a break) again. Flags it was not gated on put it under
    review (the plan page's banner) and come back as one Finding for the
    care team: high for a new absolute flag, moderate for cautions only.
    Nothing is blocked: the patient's check-ins go on as before."""
    plan = (
        Plan.objects.select_for_update()
        .filter(patient=patient, status__in=[PlanStatus.ACTIVE, PlanStatus.PAUSED])
        .first()
    )
    if plan is None:
        return []
    run = _plan_screening_run(plan, trigger="profile changed, plan re-screened")
    # Flags already waiting for a review were told once; only newer ones page again.
    waiting = plan.review_screening.flags if plan.review_screening else []
    new = _flags_not_gated(plan, run, also_known=waiting)
    if not new:
        return []
    plan.review_screening = run
    plan.save(update_fields=["review_screening"])
    absolute = [flag["rule"] for flag in new if flag["severity"] == "absolute"]
    relative = [flag["rule"] for flag in new if flag["severity"] == "relative"]
    PlanEvent.objects.create(
        plan=plan,
        kind=PlanEvent.SCREENING_CHANGED,
        by=by,
        detail={"screening_id": run.pk, "flags": new},
    )
    # The summary names no condition or medicine: the flag keys are in the
    # evidence, the details on the plan page behind the access check.
    what = "a new contraindication" if absolute else "a new caution"
    return [
        Finding(
            rule=PLAN_SCREENING_CHANGED if absolute else PLAN_SCREENING_CAUTION,
            severity=Severity.HIGH if absolute else Severity.MODERATE,
            summary=f"A health profile change raised {what} for the open plan: review the plan.",
            is_crisis=False,
            detail={
                "plan_id": plan.pk,
                "screening_id": run.pk,
                "gated_screening_id": plan.screening_id,
                "absolute_flags": absolute,
                "relative_flags": relative,
            },
        )
    ]


def _gate_continue(*, plan: Plan, run, by, reason: str, request=None) -> None:
    """Continue a plan over flags it was not gated on: a reason is required
    and kept like an override (absolute flags) or an acknowledgement."""
    reason = (reason or "").strip()
    flags = _flags_not_gated(plan, run)
    if len(reason) < OVERRIDE_REASON_MIN:
        raise PlanRefused(
            "blocked",
            [
                "Screening changed since this plan was assigned. To continue it, write down "
                "why (at least a few words); the reason is kept on the patient's record. "
                "Or pause or end the plan."
            ],
            flags=flags,
        )
    if len(reason) > TEXT_MAX:
        raise PlanRefused("invalid", [f"Keep the reason under {TEXT_MAX} characters."])
    absolute = [flag for flag in flags if flag["severity"] == "absolute"]
    answered = plan.review_screening_id is not None
    plan.screening, plan.review_screening = run, None
    fields = ["screening", "review_screening"]
    if absolute:
        plan.override_reason, plan.overridden_by = reason, by
        fields += ["override_reason", "overridden_by"]
    plan.save(update_fields=fields)
    PlanEvent.objects.create(
        plan=plan,
        kind=PlanEvent.OVERRIDDEN if absolute else PlanEvent.ACKNOWLEDGED,
        by=by,
        note=reason,
        detail={"flags": absolute or flags, "screening_id": run.pk, "review": "continue"},
    )
    if answered:
        plan_review_answered.send(Plan, plan=plan, by=by, decision="continue", reason=reason)
    access_record(
        actor=by,
        patient=plan.patient,
        action="plan_override" if absolute else "plan_review",
        request=request,
    )


def _review_close(*, plan: Plan, by, decision: str, request=None) -> None:
    """A pause or an end answers a pending review; the plan's gate stays as
    it was, so the flags remain un-gated if it is resumed."""
    if plan.review_screening_id is None:
        return
    run = plan.review_screening
    PlanEvent.objects.create(
        plan=plan,
        kind=PlanEvent.REVIEWED,
        by=by,
        note=decision,
        detail={"decision": decision, "screening_id": run.pk, "flags": _flags_not_gated(plan, run)},
    )
    plan.review_screening = None
    plan.save(update_fields=["review_screening"])
    plan_review_answered.send(Plan, plan=plan, by=by, decision=decision, reason="")
    access_record(actor=by, patient=plan.patient, action="plan_review", request=request)


@transaction.atomic
def plan_review(*, plan: Plan, by, decision: str, reason: str = "", request=None) -> Plan:
    """A care-team clinician's answer to "screening changed since this plan
    was assigned": continue (with a reason of at least OVERRIDE_REASON_MIN
    characters), pause, or end."""
    if decision not in REVIEW_DECISIONS:
        raise PlanRefused("invalid", ["Choose continue, pause or end."])
    plan = _locked_open(plan)
    if plan.review_screening_id is None:
        raise PlanRefused("invalid", ["This plan has nothing waiting for a review."])
    if decision == "continue":
        _gate_continue(plan=plan, run=plan.review_screening, by=by, reason=reason, request=request)
    elif decision == "pause" and plan.status == PlanStatus.PAUSED:
        _review_close(plan=plan, by=by, decision="stay on the break", request=request)
    elif decision == "pause":
        plan_pause(plan=plan, by=by, reason=reason, request=request)
    else:
        plan_end(plan=plan, by=by, reason=reason, request=request)
    return Plan.objects.filter(pk=plan.pk).first()


AS_PLANNED, CHANGED, SKIPPED = "as_planned", "changed", "skipped"


@transaction.atomic
def dose_log(
    *,
    patient,
    component_id: int,
    local_date: date,
    action: str,
    amount: Decimal | None = None,
    taken_at: time | None = None,
    skip_reason: str = "",
) -> DoseLog:
    """Record what the patient took (or skipped) of one component on a day of
    their plan. A second log for the same day replaces the first."""
    day = plan_for_day(patient=patient, local_date=local_date)
    if day["plan_id"] is None:
        raise PlanRefused("invalid", ["There is no plan for that day."])
    item = next((i for i in day["items"] if i["component_id"] == component_id), None)
    if item is None:
        raise PlanRefused("invalid", ["That is not part of your plan for that day."])
    values = {"taken_at": taken_at, "skip_reason": "", "as_planned": False}
    if action == AS_PLANNED:
        values |= {"status": DoseStatus.TAKEN, "amount": item["amount"], "unit": item["unit"]}
        values["as_planned"] = True
    elif action == CHANGED:
        if amount is None or amount <= 0 or amount > AMOUNT_MAX:
            raise PlanRefused("invalid", [f"Write how much you took, in {item['unit']}."])
        values |= {"status": DoseStatus.TAKEN, "amount": amount, "unit": item["unit"]}
    elif action == SKIPPED:
        reason = _reason(skip_reason)
        if not reason:
            raise PlanRefused(
                "invalid", ["Say briefly why you skipped it; your clinician sees it."]
            )
        values |= {"status": DoseStatus.SKIPPED, "amount": None, "unit": "", "skip_reason": reason}
    else:
        raise PlanRefused("invalid", ["Choose taken, changed or skipped."])
    key = {"plan_id": day["plan_id"], "component_id": component_id, "local_date": local_date}
    try:
        with transaction.atomic():
            log, _created = DoseLog.objects.update_or_create(
                **key, defaults={"patient": patient, **values}
            )
    except IntegrityError:
        # Two taps at once both tried to create the row: the second updates it.
        DoseLog.objects.filter(**key).update(patient=patient, **values)
        log = DoseLog.objects.filter(**key).first()
    return log


def component_create(*, clinic, name: str, unit: str, low, high, source: str, by) -> Component:
    """A clinic's own component, with the range its clinicians may plan."""
    from django.utils.text import slugify

    base = slugify(name)[:50] or "component"
    slug, number = base, 2
    while Component.objects.filter(clinic=clinic, slug=slug).exists() or (
        Component.objects.filter(clinic=None, slug=slug).exists()
    ):
        slug, number = f"{base}-{number}", number + 1
    return Component.objects.create(
        clinic=clinic,
        slug=slug,
        name=name,
        unit=unit,
        range_low=low,
        range_high=high,
        source=source,
        created_by=by,
    )


@transaction.atomic
def template_create(*, clinic, name: str, source: str, doses: list[DoseRequest], by):
    """A clinic's own template: its doses (within each component's range) and
    days, with the reference template's phases and observation week."""
    from django.utils.text import slugify

    _validate_doses(doses, clinic)
    reference = ProtocolTemplate.objects.filter(clinic=None, slug="reference-stack").first()
    base = slugify(name)[:50] or "template"
    slug, number = base, 2
    while ProtocolTemplate.objects.filter(clinic=clinic, slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    template = ProtocolTemplate.objects.create(
        clinic=clinic,
        slug=slug,
        name=name,
        source=source,
        phases=reference.phases if reference else {},
        breaks=reference.breaks if reference else {},
        observe_days=reference.observe_days if reference else 7,
    )
    for position, dose in enumerate(doses):
        TemplateItem.objects.create(
            template=template,
            component=dose.component,
            amount=dose.amount,
            unit=dose.component.unit,
            pattern=dose.pattern.as_dict(),
            source=source,
            pattern_source=source,
            position=position,
        )
    return template
