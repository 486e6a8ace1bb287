"""Questionnaires: the services (writes) and selectors (reads).

Kept apart from services.py and selectors.py so the check-in and the
questionnaires can grow without treading on each other. Scoring is pure
(instruments/); this module stores, evaluates and raises, like checkin_submit.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max

from apps.alerts.models import OPEN_STATES, Alert
from apps.alerts.services import raise_for
from apps.safety.risk import effective_overrides_for, evaluate_questionnaire
from apps.safety.services import Finding

from . import instruments
from .instruments import InvalidAnswers, Score, reliable_change
from .instruments.schedule import is_due
from .models import QuestionnaireResponse, QuestionnaireSchedule
from .services import today_for

__all__ = [
    "InvalidAnswers",
    "QuestionnaireResult",
    "questionnaire_schedule_set",
    "questionnaire_submit",
    "questionnaires_due",
    "responses_for",
    "responses_with_change",
]

# A follow-up (C-SSRS after PHQ-9 item 9, the full form after a positive short
# form) is offered for this long after the answer that asked for it; after
# that the clinician's schedule takes over again.
FOLLOW_UP_DAYS = 7


@dataclass
class QuestionnaireResult:
    response: QuestionnaireResponse
    created: bool
    score: Score | None
    findings: list[Finding]
    alerts: list[Alert]

    @property
    def is_crisis(self) -> bool:
        return any(finding.is_crisis for finding in self.findings)

    @property
    def follow_up(self) -> str | None:
        return self.score.follow_up if self.score else None


def questionnaire_submit(
    *, patient, clinic, instrument: str, answers: dict, local_date: date | None = None
) -> QuestionnaireResult:
    """Score the answers, store them, evaluate them and raise their alerts,
    in one transaction.

    Raises InvalidAnswers (message for the patient) before anything is written.
    One response per patient, instrument and day: a second submit (a double
    tap, a second tab) returns the first with created=False and changes
    nothing, because a validated questionnaire's answers are not edited after
    the person has seen their score.
    """
    score = instruments.score(instrument, answers)
    local_date = local_date or today_for(clinic=clinic)
    with transaction.atomic():
        existing = (
            QuestionnaireResponse.objects.select_for_update()
            .filter(patient=patient, instrument=instrument, local_date=local_date)
            .first()
        )
        if existing is not None:
            return QuestionnaireResult(existing, False, None, [], [])
        previous = (
            QuestionnaireResponse.objects.filter(
                patient=patient, instrument=instrument, local_date__lt=local_date
            )
            .order_by("-local_date")
            .values_list("total", flat=True)
            .first()
        )
        try:
            with transaction.atomic():
                response = QuestionnaireResponse.objects.create(
                    patient=patient,
                    clinic=clinic,
                    instrument=instrument,
                    local_date=local_date,
                    answers=score.answers,
                    total=score.total,
                    band=score.band.key,
                )
        except IntegrityError:
            # The other tab won the race between our look and our insert.
            response = QuestionnaireResponse.objects.get(
                patient=patient, instrument=instrument, local_date=local_date
            )
            return QuestionnaireResult(response, False, None, [], [])

        trigger = (
            _cssrs_trigger(patient=patient, local_date=local_date, answered=response)
            if instrument == "cssrs"
            else None
        )
        findings = evaluate_questionnaire(
            instrument=instrument,
            total=score.total,
            items=list(score.items),
            previous_total=previous,
            answers=score.answers,
            overrides=effective_overrides_for(patient=patient),
            item9_answer=_item9_answer(instrument, score),
            asked_after=f"PHQ-9 item 9 on {trigger.local_date:%-d %b}" if trigger else None,
        )
        to_raise = findings
        if trigger is not None:
            to_raise = _follow_up_attach(
                patient=patient, score=score, findings=findings, local_date=local_date
            )
        alerts = raise_for(clinic=clinic, patient=patient, findings=to_raise)
    return QuestionnaireResult(response, True, score, findings, alerts)


# Two-stage screening: a PHQ-9 whose item 9 is above 0 takes the patient
# straight to the C-SSRS screener (questionnaire_views), and the screener's
# answer is told to the clinician with the item-9 alert it follows: one alert
# that says both, rather than a second page about the same moment.


def _item9_answer(instrument, score) -> str | None:
    if instrument != "phq9" or len(score.items) < 9:
        return None
    labels = {option.value: option.label for option in instruments.get("phq9").options}
    return labels.get(score.items[8])


def _cssrs_trigger(*, patient, local_date, answered):
    """The PHQ-9 that asked for this C-SSRS: the latest in the follow-up
    window with item 9 above 0, when no C-SSRS has been answered since it.
    None for a C-SSRS answered on its own (a schedule, or by choice)."""
    phq9 = (
        QuestionnaireResponse.objects.filter(
            patient=patient,
            instrument="phq9",
            local_date__lte=local_date,
            local_date__gt=local_date - timedelta(days=FOLLOW_UP_DAYS),
        )
        .order_by("-local_date", "-created_at")
        .first()
    )
    if phq9 is None or int(phq9.answers.get("q9") or 0) <= 0:
        return None
    answered_since = (
        QuestionnaireResponse.objects.filter(
            patient=patient, instrument="cssrs", created_at__gt=phq9.created_at
        )
        .exclude(pk=answered.pk)
        .exists()
    )
    return None if answered_since else phq9


def _follow_up_attach(*, patient, score, findings, local_date) -> list[Finding]:
    """Tell the screener's result on the open item-9 alert, when there is one
    nobody has acknowledged yet (it is critical and already on its way, so a
    second alert would page the same people again about the same answers).
    Returns the findings still to raise: all of them when no such alert is
    open (nobody was told yet, or a clinician has already acted on it, so the
    screener's result is news that needs its own alert)."""
    alert = (
        Alert.objects.select_for_update()
        .filter(patient=patient, rule="phq9_item9", state__in=OPEN_STATES)
        .first()
    )
    if alert is None:
        return findings
    said = score.band.label
    summary = f"{alert.summary}. Then the C-SSRS screener ({local_date:%-d %b}): {said}."
    evidence = alert.evidence | {
        "follow_up": {"instrument": "cssrs", "level": score.band.key, "local_date": str(local_date)}
    }
    updated = Alert.objects.filter(pk=alert.pk, state__in=OPEN_STATES).update(
        summary=summary[:300], evidence=evidence
    )
    if not updated:
        return findings
    return [finding for finding in findings if finding.rule != "cssrs_risk"]


def questionnaire_schedule_set(
    *, patient, clinic, instrument: str, every: int, unit: str, starts_on: date, is_active, by
) -> QuestionnaireSchedule:
    """Create or change the patient's schedule for one instrument."""
    instruments.get(instrument)
    schedule, _created = QuestionnaireSchedule.objects.update_or_create(
        patient=patient,
        instrument=instrument,
        defaults={
            "clinic": clinic,
            "every": every,
            "unit": unit,
            "starts_on": starts_on,
            "is_active": is_active,
            "set_by": by,
        },
    )
    return schedule


# Reads


def responses_for(*, patient, instrument=None, start=None, end=None):
    """The patient's responses, newest first, optionally for one instrument
    and between two local dates (both included)."""
    rows = QuestionnaireResponse.objects.filter(patient=patient)
    if instrument is not None:
        rows = rows.filter(instrument=instrument)
    if start is not None:
        rows = rows.filter(local_date__gte=start)
    if end is not None:
        rows = rows.filter(local_date__lte=end)
    return rows.order_by("-local_date", "-created_at")


def response_latest(*, patient, instrument):
    return responses_for(patient=patient, instrument=instrument).first()


def schedules_for(*, patient):
    return QuestionnaireSchedule.objects.filter(patient=patient).order_by("instrument")


@dataclass(frozen=True)
class Due:
    instrument: str
    name: str
    reason: str  # "follow_up" or "scheduled"
    after: str | None = None  # the instrument whose answers asked for it


def questionnaires_due(*, patient, local_date: date) -> list[Due]:
    """What the patient is asked to answer today: follow-ups first (the
    C-SSRS screener after a PHQ-9 whose item 9 was above 0, the full form
    after a positive short form), then what the clinician's schedules make due.
    Nothing answered today is due again today."""
    last = dict(
        QuestionnaireResponse.objects.filter(patient=patient, local_date__lte=local_date)
        .values("instrument")
        .annotate(last=Max("local_date"))
        .values_list("instrument", "last")
    )
    due: dict[str, Due] = {}

    recent = QuestionnaireResponse.objects.filter(
        patient=patient,
        local_date__lte=local_date,
        local_date__gt=local_date - timedelta(days=FOLLOW_UP_DAYS),
        instrument__in=[slug for slug, i in instruments.INSTRUMENTS.items() if i.follow_up],
    ).order_by("-local_date", "-created_at")
    seen = set()
    for response in recent:
        if response.instrument in seen:
            continue
        seen.add(response.instrument)
        try:
            follow_up = instruments.score(response.instrument, response.answers).follow_up
        except InvalidAnswers:
            continue
        answered = last.get(follow_up)
        if follow_up and (answered is None or answered < response.local_date):
            due.setdefault(
                follow_up,
                Due(follow_up, instruments.get(follow_up).name, "follow_up", response.instrument),
            )

    for schedule in schedules_for(patient=patient).filter(is_active=True):
        if schedule.instrument in due or last.get(schedule.instrument) == local_date:
            continue
        if is_due(
            starts_on=schedule.starts_on,
            every_days=schedule.every_days,
            today=local_date,
            last_answered=last.get(schedule.instrument),
        ):
            name = instruments.get(schedule.instrument).name
            due[schedule.instrument] = Due(schedule.instrument, name, "scheduled")

    order = {"cssrs": 0}
    return sorted(due.values(), key=lambda d: (d.reason != "follow_up", order.get(d.instrument, 1)))


def responses_with_change(responses) -> list[QuestionnaireResponse]:
    """The responses (newest first), each with `previous_total`, `change` and
    `reliable` (instruments.reliable_change) against the one before it of the
    same instrument in the list."""
    rows = list(responses)
    next_older: dict[str, QuestionnaireResponse] = {}
    for row in reversed(rows):
        older = next_older.get(row.instrument)
        row.previous_total = older.total if older else None
        row.change = (
            row.total - older.total
            if older is not None and row.total is not None and older.total is not None
            else None
        )
        row.reliable = reliable_change(row.instrument, row.previous_total, row.total)
        next_older[row.instrument] = row
    return rows
