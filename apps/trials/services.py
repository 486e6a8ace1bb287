"""Writes for blinded trials: set up (draws and seals the allocation), the
patient's daily code and guess, early unblinding, and the preparer's sheet
being looked at (recorded, since it is the only place the allocation shows)."""

import json
import secrets
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from apps.audit.services import access_record, change_record
from apps.protocols.models import Plan, PlanStatus

from .models import OUTCOMES, Guess, Trial, TrialDay, TrialState
from .statistics import draw_allocation

MIN_WEEKS, MAX_WEEKS, BLOCK_WEEKS = 4, 12, 2
# No letters or digits that read as each other on a handwritten or printed
# envelope (0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V), so a code read out over the
# phone or typed on a phone is the code that was printed.
CODE_ALPHABET = "ACEFGHJKMNPRTWXY34679"
CODE_LENGTH = 4


class TrialRefused(Exception):
    """A request the trial rules refuse; the message is for people."""


def _codes(weeks: int, rng) -> list[str]:
    codes: list[str] = []
    while len(codes) < weeks:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in codes:
            codes.append(code)
    return codes


def open_trial(*, patient, today: date) -> Trial | None:
    for trial in Trial.objects.filter(patient=patient).exclude(state=TrialState.UNBLINDED):
        if trial.is_open_on(today):
            return trial
    return None


@transaction.atomic
def trial_set_up(
    *,
    patient,
    clinic,
    plan: Plan | None,
    weeks: int,
    start_date: date,
    outcomes: list[str],
    preparer_name: str,
    by,
    today: date,
    rng=None,
) -> Trial:
    """Draw and seal the allocation. `rng` is for tests and the demo only: the
    default is the operating system's cryptographic source, so nobody (not the
    clinic, not a reader of this code) can predict the weeks."""
    if plan is None or plan.status not in (PlanStatus.ACTIVE, PlanStatus.PAUSED):
        raise TrialRefused("This patient has no plan: a blinded trial runs on a plan.")
    if plan.patient_id != patient.pk:
        raise TrialRefused("That plan is not this patient's.")
    if not (MIN_WEEKS <= weeks <= MAX_WEEKS) or weeks % BLOCK_WEEKS:
        raise TrialRefused(
            f"A trial runs {MIN_WEEKS} to {MAX_WEEKS} weeks, in blocks of {BLOCK_WEEKS} weeks."
        )
    unknown = [o for o in outcomes if o not in OUTCOMES]
    if not outcomes or unknown:
        raise TrialRefused("Choose at least one outcome from the list.")
    if not preparer_name.strip():
        raise TrialRefused("Name the person who prepares the capsules.")
    # Lock the patient's trials so two submits cannot both start one.
    list(Trial.objects.select_for_update().filter(patient=patient).values_list("pk", flat=True))
    if open_trial(patient=patient, today=today) is not None:
        raise TrialRefused("This patient already has a blinded trial set up or running.")
    rng = rng or secrets.SystemRandom()
    allocation = draw_allocation(blocks=weeks // BLOCK_WEEKS, block_weeks=BLOCK_WEEKS, rng=rng)
    trial = Trial.objects.create(
        patient=patient,
        clinic=clinic,
        plan=plan,
        weeks=weeks,
        block_weeks=BLOCK_WEEKS,
        start_date=start_date,
        outcomes=list(outcomes),
        preparer_name=preparer_name.strip(),
        sealed_allocation=json.dumps(list(allocation)),
        codes=_codes(weeks, rng),
        created_by=by,
    )
    change_record(
        actor=by,
        patient=patient,
        record="blinded_trial",
        summary=f"Set up a blinded trial of {weeks} weeks from {start_date:%-d %B %Y}",
        # Never the allocation: the trail is read during the trial.
        changes={
            "trial": trial.pk,
            "weeks": weeks,
            "start": start_date.isoformat(),
            "outcomes": list(outcomes),
            "preparer": trial.preparer_name,
        },
    )
    return trial


def sheet_viewed(*, trial: Trial, by, request=None, printable: bool = False) -> None:
    """The preparer's sheet shows the allocation: every look is on the trail."""
    access_record(
        actor=by,
        patient=trial.patient,
        action=("download_trial_sheet" if printable else "view_trial_sheet"),
        request=request,
    )


class CodeProblem(TrialRefused):
    pass


def trial_day_log(
    *, trial: Trial, local_date: date, code: str | None = None, guess: str | None = None
) -> tuple[TrialDay, str | None]:
    """Record the envelope's code and/or the day's guess. Returns the day and,
    when the code is another week's envelope, a warning in words (the code is
    still recorded: the patient has already taken it, and the analysis must
    know). A code that is no envelope of this trial is refused."""
    week = trial.week_of(local_date)
    if week is None or local_date > trial.last_day or trial.state == TrialState.UNBLINDED:
        raise TrialRefused("Your blinded trial is not running today, so nothing was saved.")
    warning = None
    changes: dict = {}
    if code is not None:
        code = "".join(code.split()).upper()
        if code not in trial.codes:
            raise CodeProblem(
                f"“{code[:12]}” is not the code of one of your envelopes. Codes are "
                f"{CODE_LENGTH} letters and numbers, printed on the envelope."
            )
        if code != trial.codes[week]:
            warning = (
                f"That is the envelope for week {trial.codes.index(code) + 1}, not this "
                f"week's ({trial.codes[week]}). It is noted. Please tell your clinician; "
                "from tomorrow take from this week's envelope."
            )
        changes |= {"code": code, "code_logged_at": timezone.now()}
    if guess is not None:
        if guess not in Guess.values:
            raise TrialRefused("Choose active, placebo or not sure.")
        changes |= {"guess": guess, "guessed_at": timezone.now()}
    day, _created = TrialDay.objects.update_or_create(
        trial=trial, local_date=local_date, defaults=changes
    )
    return day, warning


@transaction.atomic
def trial_unblind(*, trial: Trial, by, reason: str, today: date, request=None) -> Trial:
    """Unseal the allocation before the end, for safety. A reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise TrialRefused(
            "Give a reason to unblind early: it is kept on the trial and in the trail."
        )
    trial = Trial.objects.select_for_update().get(pk=trial.pk)
    if not trial.is_open_on(today):
        raise TrialRefused("This trial has already ended or been unblinded.")
    trial.state = TrialState.UNBLINDED
    trial.unblinded_at = timezone.now()
    trial.unblinded_on = today
    trial.unblinded_by = by
    trial.unblind_reason = reason[:2000]
    trial.save(
        update_fields=["state", "unblinded_at", "unblinded_on", "unblinded_by", "unblind_reason"]
    )
    change_record(
        actor=by,
        patient=trial.patient,
        record="blinded_trial",
        summary="Unblinded the blinded trial early",
        changes={"trial": trial.pk, "reason": trial.unblind_reason, "on": today.isoformat()},
    )
    access_record(actor=by, patient=trial.patient, action="trial_unblind", request=request)
    return trial


def trial_fast_forward(*, trial: Trial, days_back: int) -> Trial:
    """Move a trial's dates back by `days_back` days (the demo and the tests'
    fast-forward only; no page calls it)."""
    trial.start_date -= timedelta(days=days_back)
    trial.save(update_fields=["start_date"])
    return trial
