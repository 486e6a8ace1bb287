"""A finished trial with synthetic days, for the demo and the tests: the
trial set up through the service as a clinician would, moved back so it ends
`end`, then each day written through the service the patient's check-in uses.
Never called by a page."""

import random
from datetime import date, timedelta

from django.db import transaction

from apps.diaries.models import CheckIn
from apps.protocols.selectors import open_plan_for

from .models import DAILY_OUTCOMES, Guess, Trial
from .services import trial_day_log, trial_set_up


@transaction.atomic
def finished_trial_create(
    *,
    patient,
    clinic,
    by,
    weeks: int,
    end: date,
    rng: random.Random,
    effect: float = 0.0,
    preparer_name: str = "Sam Okafor, pharmacist (invented)",
    write_checkins: bool = True,
    guess_skill: float = 0.3,
) -> Trial:
    """`effect`: how much higher mood runs on active days in the synthetic
    check-ins (only days without a real check-in get one). `guess_skill`: the
    share of days the patient's guess follows what they took; the rest are
    drawn at random (a third 'not sure')."""
    start = end - timedelta(days=weeks * 7 - 1)
    trial = trial_set_up(
        patient=patient,
        clinic=clinic,
        plan=open_plan_for(patient=patient),
        weeks=weeks,
        start_date=start,
        outcomes=list(DAILY_OUTCOMES),
        preparer_name=preparer_name,
        by=by,
        today=start,
        rng=rng,
    )
    allocation = trial.allocation_for_sheet()
    had = set(
        CheckIn.objects.filter(
            patient=patient, local_date__gte=start, local_date__lte=end
        ).values_list("local_date", flat=True)
    )
    new = []
    for n, day in enumerate(trial.days()):
        arm = allocation[n // 7]
        if write_checkins and day not in had:
            lift = effect if arm == "active" else 0.0
            mood = round(min(10, max(0, 6 + lift + rng.gauss(0, 1.2))))
            new.append(
                CheckIn(
                    patient=patient,
                    clinic=clinic,
                    local_date=day,
                    mood=mood,
                    anxiety=round(min(10, max(0, 4 - lift / 2 + rng.gauss(0, 1.2)))),
                    energy=round(min(10, max(0, 5 + lift / 2 + rng.gauss(0, 1.2)))),
                    sleep_quality=min(5, max(1, round(3 + rng.gauss(0, 0.8)))),
                )
            )
        if rng.random() < guess_skill:
            guess = arm
        else:
            guess = rng.choice([Guess.ACTIVE, Guess.PLACEBO, Guess.UNSURE])
        trial_day_log(trial=trial, local_date=day, code=trial.codes[n // 7], guess=guess)
    CheckIn.objects.bulk_create(new)
    return trial
