"""Reads for blinded trials: the latest trial, its status (never the arms),
the patient's part of today's check-in, and the result once unsealed."""

import math
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext

from apps.diaries.models import CheckIn, QuestionnaireResponse
from apps.protocols.models import Plan, PlanPause

from . import statistics
from .models import (
    DAILY_OUTCOMES,
    OUTCOMES,
    QUESTIONNAIRE_OUTCOMES,
    Guess,
    Trial,
    TrialDay,
    TrialState,
)

# Fewer days than this in an arm and the page says "not enough data".
MIN_DAYS_PER_ARM = 7
# A questionnaire answered weekly gives one answer a week, so a week counts
# with one answer, and an arm needs 2 answers (the fewest that still allow
# the two blocks with both arms the interval needs; a 4-week trial in blocks
# of 2 has exactly 2 weeks per arm).
MIN_ANSWERS_PER_WEEK = {"daily": statistics.MIN_ANSWERS_PER_WEEK, "questionnaire": 1}
MIN_PER_ARM = {"daily": MIN_DAYS_PER_ARM, "questionnaire": 2}


def _kind(outcome: str) -> str:
    return "questionnaire" if outcome in QUESTIONNAIRE_OUTCOMES else "daily"


def questionnaire_schedule_notes(*, patient, outcomes) -> list[str]:
    """At set-up: a questionnaire outcome not scheduled weekly (or not at all)
    gives too few answers to compare arms, so say so in words."""
    from apps.diaries.models import QuestionnaireSchedule

    asked = [o for o in outcomes if o in QUESTIONNAIRE_OUTCOMES]
    if not asked:
        return []
    schedules = {
        s.instrument: s
        for s in QuestionnaireSchedule.objects.filter(
            patient=patient, instrument__in=asked, is_active=True
        )
    }
    notes = []
    for outcome in asked:
        name = OUTCOMES[outcome].split(" (")[0]
        schedule = schedules.get(outcome)
        if schedule is None:
            notes.append(
                f"{name} is not scheduled for this patient: there will be no answers to "
                "compare arms; schedule it weekly during the trial."
            )
        elif schedule.every_days > 7:
            every = (
                f"every {schedule.every} weeks"
                if schedule.unit == QuestionnaireSchedule.Unit.WEEKS
                else f"every {schedule.every} days"
            )
            notes.append(
                f"{name} is scheduled {every}: too few answers to compare arms; schedule it "
                "weekly during the trial."
            )
    return notes


ARM_WORDS = {"active": "active", "placebo": "placebo"}


def latest_trial(*, patient) -> Trial | None:
    return Trial.objects.filter(patient=patient).select_related("clinic", "unblinded_by").first()


def trial_state_words(*, trial: Trial, today: date) -> str:
    return TrialState(trial.state_on(today)).label


def trial_status(*, trial: Trial, today: date) -> dict:
    """Weeks, codes, days logged and guesses made: nothing about the arms."""
    days = {day.local_date: day for day in TrialDay.objects.filter(trial=trial)}
    weeks = []
    for number, code in enumerate(trial.codes):
        start = trial.start_date + timedelta(days=number * 7)
        dates = [start + timedelta(days=n) for n in range(7)]
        logged = [days[d] for d in dates if d in days]
        weeks.append(
            {
                "number": number + 1,
                "start": start,
                "end": dates[-1],
                "code": code,
                "codes_logged": sum(1 for d in logged if d.code),
                "wrong_envelope": sum(1 for d in logged if d.code and d.code != code),
                "guesses": sum(1 for d in logged if d.guess),
                "current": start <= today <= dates[-1],
            }
        )
    return {
        "state": trial.state_on(today),
        "state_words": trial_state_words(trial=trial, today=today),
        "weeks": weeks,
        "codes_logged": sum(w["codes_logged"] for w in weeks),
        "guesses": sum(w["guesses"] for w in weeks),
        "wrong_envelope": sum(w["wrong_envelope"] for w in weeks),
        "outcome_words": [OUTCOMES[o] for o in trial.outcomes if o in OUTCOMES],
    }


def running_trial_for_day(*, plan_id, patient, local_date: date) -> Trial | None:
    """The trial running on `local_date` on this plan, for the check-in. One
    query, made only for a patient with a plan (the template asks only then)."""
    trial = trial_for_checkin(plan_id=plan_id, patient=patient, local_date=local_date)
    if trial is None or trial.state_on(local_date) != TrialState.RUNNING:
        return None
    return trial


# How long after its end the check-in still points to a trial's result.
RESULT_NOTICE_DAYS = 30


def trial_for_checkin(*, plan_id, patient, local_date: date) -> Trial | None:
    """The latest trial on this plan that has started by `local_date`: running,
    or ended (or unblinded) lately enough for the check-in to point to its
    result. One query; none without a plan."""
    if not plan_id:
        return None
    trial = (
        Trial.objects.filter(plan_id=plan_id, patient=patient, start_date__lte=local_date)
        .order_by("-start_date", "-pk")
        .first()
    )
    if trial is None or local_date - trial.last_day > timedelta(days=RESULT_NOTICE_DAYS):
        return None
    return trial


def checkin_part(*, trial: Trial, local_date: date) -> dict:
    """What the check-in shows during a trial: this week's code and what was
    logged today. Never the arm."""
    day = TrialDay.objects.filter(trial=trial, local_date=local_date).first()
    week = trial.week_of(local_date)
    return {
        "trial": trial,
        "week_number": week + 1,
        "weeks": trial.weeks,
        "code": trial.codes[week],
        "day": day,
        "guess_choices": Guess.choices,
    }


# ------------------------------------------------------------------ result


def plan_stop(*, trial: Trial) -> tuple[date, str] | None:
    """The first day the plan stopped dosing during the trial's counted days
    (a pause, or the plan's end), and which: ("paused" | "ended"). From that
    day on, what the envelopes held no longer decides what was taken, so the
    comparison stops there (days after a resume are not compared either: the
    smallest honest rule, as a pause breaks the balanced blocks)."""
    stops = []
    pause = (
        PlanPause.objects.filter(
            plan_id=trial.plan_id,
            starts_on__lte=trial.last_day,
        )
        .exclude(ends_on__lte=trial.start_date)
        .order_by("starts_on")
        .first()
    )
    if pause is not None:
        stops.append((max(pause.starts_on, trial.start_date), "paused"))
    ended_on = Plan.objects.filter(pk=trial.plan_id).values_list("ended_on", flat=True).first()
    if ended_on is not None and ended_on <= trial.last_day:
        stops.append((max(ended_on, trial.start_date), "ended"))
    return min(stops) if stops else None


def counted_until(*, trial: Trial, stop: tuple[date, str] | None = None) -> date:
    """The last day the result compares: before an early unblinding, the end,
    or the plan's pause or end."""
    if stop is None:
        return trial.last_day
    return min(trial.last_day, stop[0] - timedelta(days=1))


def plan_stop_words(stop: tuple[date, str] | None) -> str | None:
    if stop is None:
        return None
    day, how = stop
    # Said to the patient too, so in their language (the request's).
    when = date_format(day, gettext("j F Y"))
    if how == "paused":
        return gettext("The plan was paused on %(day)s: days from then on are not compared.") % {
            "day": when
        }
    return gettext("The plan was ended on %(day)s: days from then on are not compared.") % {
        "day": when
    }


def outcome_series(*, trial: Trial, until: date | None = None) -> dict[str, list[float | None]]:
    """Per outcome, one value per day of the trial (None: nothing that day, or
    after an early unblinding, or from `until`'s next day on)."""
    days = trial.days()
    index = {day: n for n, day in enumerate(days)}
    last = trial.last_day if until is None else min(until, trial.last_day)
    series = {outcome: [None] * len(days) for outcome in trial.outcomes}
    daily = [o for o in trial.outcomes if o in DAILY_OUTCOMES]
    if daily:
        rows = CheckIn.objects.filter(
            patient=trial.patient, local_date__gte=trial.start_date, local_date__lte=last
        ).values("local_date", *daily)
        for row in rows:
            for outcome in daily:
                value = row[outcome]
                series[outcome][index[row["local_date"]]] = None if value is None else float(value)
    asked = [o for o in trial.outcomes if o in QUESTIONNAIRE_OUTCOMES]
    if asked:
        rows = QuestionnaireResponse.objects.filter(
            patient=trial.patient,
            instrument__in=asked,
            local_date__gte=trial.start_date,
            local_date__lte=last,
        ).values_list("instrument", "local_date", "total")
        for instrument, local_date, total in rows:
            if total is not None:
                series[instrument][index[local_date]] = float(total)
    return series


def _number(value: float | None, *, signed: bool = False) -> str:
    if value is None:
        return "–"
    if round(value, 1) == 0:
        value = 0.0  # never "−0.0"
    text = f"{value:+.1f}" if signed else f"{value:.1f}"
    return text.replace("-", "−") if text.startswith("-") else text


def p_text(p: float | None) -> str:
    """A p-value as people read it: never "0.00"."""
    if p is None:
        return "–"
    if p < 0.001:
        return "< 0.001"
    return f"{p:.3f}" if p < 0.01 else f"{p:.2f}"


def p_phrase(p: float | None) -> str:
    """'p = 0.03', or 'p < 0.001'."""
    text = p_text(p)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def methods_disagree(comparison) -> bool:
    """The interval excludes 0 but the test does not reject at 0.05, or the
    other way round (two methods: a t-interval on block differences and an
    exact randomisation test)."""
    if not comparison.enough_data:
        return False
    excludes_zero = not (comparison.ci_low <= 0 <= comparison.ci_high)
    return excludes_zero != (comparison.p_value < 0.05)


DISAGREE_WORDS = (
    "The interval and the randomisation test disagree here: for whether chance explains "
    "it, believe the randomisation test, which assumes only the draw as it was made."
)


def comparison_words(comparison, label: str) -> str:
    """The clinician's sentence for one outcome."""
    if not comparison.enough_data:
        return comparison.reason or "Not enough data."
    unit = "answers" if _kind(comparison.outcome) == "questionnaire" else "days"
    words = (
        f"Active weeks {_number(comparison.active_mean)} on average ({comparison.active_days} "
        f"{unit}), placebo weeks {_number(comparison.placebo_mean)} ({comparison.placebo_days} "
        f"{unit}). Active minus placebo: {_number(comparison.difference, signed=True)}; 95% "
        f"interval {_number(comparison.ci_low)} to {_number(comparison.ci_high)}; "
        f"randomisation test {p_phrase(comparison.p_value)}."
    )
    return f"{words} {DISAGREE_WORDS}" if methods_disagree(comparison) else words


def patient_words(comparison, label: str) -> str:
    """The patient's sentence for one outcome, in plain words and their language."""
    name = gettext(label.split(" (")[0])
    if not comparison.enough_data:
        return gettext(
            "%(name)s: there were not enough days with an answer in both kinds of week to "
            "say anything."
        ) % {"name": name}
    difference = comparison.difference
    words = {"name": name.lower(), "amount": f"{abs(difference):.1f}"}
    if abs(difference) < 0.05:
        how = gettext("On active weeks your %(name)s averaged about the same as on placebo weeks")
    elif difference > 0:
        how = gettext("On active weeks your %(name)s averaged %(amount)s higher")
    else:
        how = gettext("On active weeks your %(name)s averaged %(amount)s lower")
    # Both the interval and the randomisation test must rule chance out before
    # the patient reads that it is unlikely: the two are different methods and
    # can disagree near the edge, and a short trial's test never reaches 0.05.
    covers_zero = comparison.ci_low <= 0 <= comparison.ci_high
    ruled_out = not covers_zero and comparison.p_value < 0.05
    verdict = (
        gettext("so chance alone is an unlikely explanation")
        if ruled_out
        else gettext("so this could be chance")
    )
    return gettext("%(how)s; the likely range runs from %(low)s to %(high)s, %(verdict)s.") % {
        "how": how % words,
        "low": _number(comparison.ci_low),
        "high": _number(comparison.ci_high),
        "verdict": verdict,
    }


def _taken_by_day(trial: Trial, allocation, days: dict) -> list[str]:
    """What was in the capsule each day: the arm of the envelope logged that
    day (a wrong envelope counts as what it held), else the week's arm."""
    taken = []
    for date_, week_arm in zip(
        trial.days(), [arm for arm in allocation for _ in range(7)], strict=True
    ):
        day = days.get(date_)
        if day is not None and day.code in trial.codes:
            taken.append(allocation[trial.codes.index(day.code)])
        else:
            taken.append(week_arm)
    return taken


def blind_told(blind) -> bool:
    """Whether the guesses beat chance: the blind did not fully hold."""
    return bool(blind.enough_data and blind.chance_p_value < 0.05 and blind.share_correct > 0.5)


def blind_words(blind) -> list[str]:
    if not blind.enough_data:
        return [
            "Not enough guesses to say how well the blind held"
            + (f" ({blind.guesses} days with a guess)." if blind.guesses is not None else ".")
        ]
    if blind_told(blind):
        verdict = (
            "The patient told active from placebo more often than chance: the blind did not "
            "fully hold, so expectation may explain part of any difference."
        )
    else:
        verdict = "The patient did no better than chance at telling them apart: the blind held."
    lines = [
        verdict,
        f"Right on {blind.correct} of {blind.guesses} days with a guess of active or placebo "
        f"({blind.share_correct:.0%}); guessing at random would be right about half the time "
        f"({p_phrase(blind.chance_p_value)} against chance).",
    ]
    for arm, index in blind.bang_index.items():
        lines.append(
            f"Bang's blinding index on {ARM_WORDS.get(arm, arm)} days: "
            + ("not enough guesses." if index is None else f"{index:+.2f}.")
        )
    lines.append(
        "Bang's index runs from −1 (always guessed the other one) through 0 (no better than "
        "chance: the blind held) to +1 (always right: the blind did not hold)."
    )
    return lines


def smallest_p_value(*, weeks: int, block_weeks: int) -> float:
    """The randomisation test's floor: two of the allocations the design could
    have drawn (the observed one and its mirror) are always as extreme."""
    arrangements = math.comb(block_weeks, block_weeks // 2)
    return min(1.0, 2 / arrangements ** (weeks // block_weeks))


def trial_result(*, trial: Trial, today: date) -> dict | None:
    """The unsealed result, or None while the trial is sealed."""
    allocation = trial.allocation_unsealed(today)
    if allocation is None:
        return None
    stop = plan_stop(trial=trial)
    until = counted_until(trial=trial, stop=stop)
    series = outcome_series(trial=trial, until=until)
    days = {day.local_date: day for day in TrialDay.objects.filter(trial=trial)}
    comparisons = []
    for outcome in trial.outcomes:
        label = OUTCOMES[outcome]
        comparison = statistics.compare_arms(
            outcome=outcome,
            allocation=allocation,
            block_weeks=trial.block_weeks,
            daily=series[outcome],
            min_days_per_arm=MIN_PER_ARM[_kind(outcome)],
            min_answers_per_week=MIN_ANSWERS_PER_WEEK[_kind(outcome)],
        )
        comparisons.append(
            {
                "outcome": outcome,
                "label": label,
                "comparison": comparison,
                "words": comparison_words(comparison, label),
                "patient_words": patient_words(comparison, label),
                "p_text": p_text(comparison.p_value),
            }
        )
    taken_all = _taken_by_day(trial, allocation, days)
    guessed_days = [
        n
        for n, date_ in enumerate(trial.days())
        if date_ in days and days[date_].guess and date_ <= until
    ]
    guessed = [days[trial.days()[n]].guess for n in guessed_days]
    blind = statistics.blinding(
        taken=[taken_all[n] for n in guessed_days],
        guessed=[_stats_guess(g) for g in guessed],
    )
    expectancy = []
    all_guesses = [
        _stats_guess(days[d].guess) if d in days and days[d].guess else None for d in trial.days()
    ]
    for item in comparisons:
        by_guess = statistics.by_guess(guessed=all_guesses, daily=series[item["outcome"]])
        expectancy.append(
            {
                "label": item["label"],
                "by_taken": [
                    ("Took active", item["comparison"].active_days, item["comparison"].active_mean),
                    (
                        "Took placebo",
                        item["comparison"].placebo_days,
                        item["comparison"].placebo_mean,
                    ),
                ],
                "by_guess": [
                    (words, *by_guess.get(_stats_guess(guess), (0, None)))
                    for guess, words in GUESS_ROWS
                ],
            }
        )
    wrong = sum(
        1
        for n, date_ in enumerate(trial.days())
        if date_ in days and days[date_].code and days[date_].code != trial.codes[n // 7]
    )
    return {
        "allocation": allocation,
        "weeks": [
            {"number": n + 1, "code": code, "arm": allocation[n]}
            for n, code in enumerate(trial.codes)
        ],
        "comparisons": comparisons,
        "blind": blind,
        "blind_words": blind_words(blind),
        "blind_told": blind_told(blind),
        "expectancy": expectancy,
        "wrong_envelope_days": wrong,
        "early": trial.state == TrialState.UNBLINDED,
        "plan_stop": stop,
        "plan_stop_words": plan_stop_words(stop),
        "smallest_p": smallest_p_value(weeks=trial.weeks, block_weeks=trial.block_weeks),
    }


GUESS_ROWS = (
    (Guess.ACTIVE, "Thought active"),
    (Guess.PLACEBO, "Thought placebo"),
    (Guess.UNSURE, "Not sure"),
)
# The statistics module's words for a guess; ours are the model's choices.
STATS_GUESS = {Guess.ACTIVE: "active", Guess.PLACEBO: "placebo", Guess.UNSURE: "unsure"}


def _stats_guess(guess: str) -> str:
    return STATS_GUESS.get(guess, guess)


INTERVAL_WORDS = (
    "The 95% interval is the range of differences that fit these days: if it includes 0, "
    "'no difference' is one of the likely answers."
)
P_VALUE_WORDS = (
    "The p-value says how often a difference at least this large would appear by chance "
    "alone if the capsules made no difference, reshuffling the weeks the way they were "
    "actually drawn; a small p-value (under 0.05) makes chance an unlikely explanation."
)
