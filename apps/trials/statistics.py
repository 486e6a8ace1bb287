"""The statistics of a self-blinded n-of-1 trial and of the unblinded dose-day
comparison: pure functions (no Django, no ORM) over plain sequences, so the
numbers can be checked by simulation (tests/trials/test_statistics.py) and the
methods read in one place (docs/STATISTICS.md).

Two facts shape every choice here:

- Days next to each other are alike (mood on Tuesday predicts mood on
  Wednesday). A method that treats days as independent draws believes it has
  far more evidence than it does, and its intervals are too narrow. So the
  blinded trial uses the *week* (the unit that was randomised) and the
  unblinded comparison resamples *runs* of days.
- Trials are short (4 to 12 weeks), so nothing here leans on large-sample
  approximations where an exact answer is cheap.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# scipy.stats is imported where it is used: it takes seconds to import, and every
# web process loads this module with its URLs while few requests need it.

ARMS = ("active", "placebo")
ACTIVE, PLACEBO = ARMS

# A week counts in the blinded comparison only with this many answered days:
# a week's mean from one or two days is mostly the noise of those days, and
# giving it the same weight as a full week would let one bad Sunday decide.
MIN_ANSWERS_PER_WEEK = 3
# The exact randomisation test enumerates every allocation the design could
# have drawn; 12 weeks in blocks of 2 is 2**6 = 64, blocks of 4 is 6**3 = 216.
# Far beyond what a trial can be, fall back to a fixed-seed sample rather
# than hang a page.
MAX_ENUMERATED = 200_000
SAMPLED_ALLOCATIONS = 20_000
# Relative tolerance for "at least as large as observed": allocations that
# give the same difference up to float rounding are ties and must count.
TIE_TOLERANCE = 1e-9

BOOTSTRAP_RESAMPLES = 2000
# The page's default seed: the same days give the same interval on every load.
DEFAULT_SEED = 20_240_601


def _clean(value) -> float | None:
    """None for no answer, and NaN or infinity treated as no answer, so a bad
    value in the data can never leak into a mean shown on a page."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _mean(values: Sequence[float]) -> float | None:
    return float(sum(values) / len(values)) if values else None


# ---------------------------------------------------------------- allocation


def draw_allocation(*, blocks: int, block_weeks: int = 2, rng: random.Random) -> tuple[str, ...]:
    """One arm per week, blocks*block_weeks weeks; within each block of
    block_weeks weeks half are active, half placebo, in random order.

    Balanced blocks keep a slow drift in how the patient feels (a season, a
    life event) from landing mostly on one arm, which a simple coin per week
    would allow. The caller passes secrets.SystemRandom() so nobody can
    predict the weeks; tests pass a seeded random.Random."""
    if blocks < 1:
        raise ValueError("A trial has at least one block.")
    if block_weeks < 2 or block_weeks % 2:
        raise ValueError("A block has an even number of weeks, half active, half placebo.")
    allocation: list[str] = []
    for _ in range(blocks):
        block = [ACTIVE] * (block_weeks // 2) + [PLACEBO] * (block_weeks // 2)
        rng.shuffle(block)
        allocation.extend(block)
    return tuple(allocation)


def _block_arrangements(block_weeks: int) -> list[tuple[bool, ...]]:
    """Every way one block could have been drawn, as "is this week active"."""
    half = block_weeks // 2
    return [
        tuple(week in chosen for week in range(block_weeks))
        for chosen in itertools.combinations(range(block_weeks), half)
    ]


def _possible_allocations(blocks: int, block_weeks: int) -> np.ndarray:
    """All allocations the design could have drawn (each equally likely), as
    a boolean matrix: one row per allocation, one column per week."""
    per_block = _block_arrangements(block_weeks)
    count = len(per_block) ** blocks
    if count <= MAX_ENUMERATED:
        rows = [sum(choice, ()) for choice in itertools.product(per_block, repeat=blocks)]
        return np.array(rows, dtype=bool).reshape(len(rows), blocks * block_weeks)
    # Beyond any real trial's size: a fixed-seed sample, so the p-value is
    # still the same on every load.
    sampler = np.random.default_rng(DEFAULT_SEED)
    picks = sampler.integers(0, len(per_block), size=(SAMPLED_ALLOCATIONS, blocks))
    table = np.array(per_block, dtype=bool)
    return table[picks].reshape(SAMPLED_ALLOCATIONS, blocks * block_weeks)


# ---------------------------------------------------------------- blinded trial


@dataclass(frozen=True)
class ArmComparison:
    """One outcome, active minus placebo. When enough_data is False every
    number is None and `reason` says why in words a patient can read."""

    outcome: str
    enough_data: bool
    reason: str | None
    active_mean: float | None
    placebo_mean: float | None
    active_days: int
    placebo_days: int
    difference: float | None  # active - placebo
    ci_low: float | None  # 95%
    ci_high: float | None
    p_value: float | None  # randomisation test, permuting the allocation as it was drawn
    weeks_used: int = 0
    weeks_dropped: int = 0


def _weekly_means(
    daily: Sequence[float | None], weeks: int, min_answers: int = MIN_ANSWERS_PER_WEEK
) -> tuple[list, list[int]]:
    """Each week's mean (None when it has too few answers) and its answered days."""
    means, counts = [], []
    for week in range(weeks):
        values = [v for v in (_clean(x) for x in daily[7 * week : 7 * week + 7]) if v is not None]
        counts.append(len(values))
        means.append(_mean(values) if len(values) >= min_answers else None)
    return means, counts


def _arm_difference(means: np.ndarray, kept: np.ndarray, active: np.ndarray) -> np.ndarray:
    """Mean of the kept active weeks minus mean of the kept placebo weeks, for
    every row of `active` at once; NaN where an arm has no kept week."""
    on = active & kept
    off = ~active & kept
    n_on, n_off = on.sum(axis=1), off.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (on @ means) / n_on - (off @ means) / n_off


def _block_differences(
    means: list, allocation: Sequence[str], blocks: int, block_weeks: int
) -> list[float]:
    """Within each block, the kept active weeks' mean minus the kept placebo
    weeks' mean; a block missing either arm gives nothing."""
    differences = []
    for block in range(blocks):
        weeks = range(block * block_weeks, (block + 1) * block_weeks)
        on = [means[w] for w in weeks if allocation[w] == ACTIVE and means[w] is not None]
        off = [means[w] for w in weeks if allocation[w] == PLACEBO and means[w] is not None]
        if on and off:
            differences.append(_mean(on) - _mean(off))
    return differences


def _not_enough(outcome, reason, active_days=0, placebo_days=0, used=0, dropped=0):
    return ArmComparison(
        outcome=outcome,
        enough_data=False,
        reason=reason,
        active_mean=None,
        placebo_mean=None,
        active_days=active_days,
        placebo_days=placebo_days,
        difference=None,
        ci_low=None,
        ci_high=None,
        p_value=None,
        weeks_used=used,
        weeks_dropped=dropped,
    )


def compare_arms(
    *,
    outcome: str,
    allocation: Sequence[str],
    block_weeks: int,
    daily: Sequence[float | None],
    min_days_per_arm: int = 7,
    min_answers_per_week: int = MIN_ANSWERS_PER_WEEK,
) -> ArmComparison:
    """daily[i] is day i of the trial (day 0 = first day of week 0;
    len <= 7*len(allocation)); None = no answer.

    Weekly means are the unit: the week is what was randomised, and days next
    to each other are alike, so counting days as independent would overstate
    the evidence. A week with fewer than `min_answers_per_week` answers drops
    out (weeks_dropped says how many): 3 for a daily outcome, 1 for a
    questionnaire answered once a week (a PHQ-9 or GAD-7 total is already a
    two-week summary, so one answer is that week's value).

    The estimate is the mean of the active weeks' means minus the mean of the
    placebo weeks' means.

    The p-value is an exact randomisation test: under "the capsules make no
    difference" each week's mean would have been the same whatever the
    envelope held, so the observed difference is compared with the difference
    under every allocation the design could have drawn (every within-block
    arrangement, each equally likely). Its only assumption is the
    randomisation itself. It is two-sided (|difference| at least as large,
    ties counted) and discrete: with 4 weeks in blocks of 2 there are only 4
    allocations and it can never go below 0.5; with 12 weeks, 64 allocations
    and its smallest value is 2/64. A dropped week still takes part in the
    shuffle but counts for no arm; allocations that would leave an arm with
    no kept week are left out (a test conditional on which weeks were
    answered, valid when answering does not depend on the capsule).

    The 95% interval is a t-interval on the within-block differences (one
    per block with both arms answered): the blocks are independent replicates
    of active-versus-placebo, so their spread measures the noise at the
    right scale, and the t quantile with blocks-1 degrees of freedom pays for
    how few there are. Inverting the randomisation test (shift model) was the
    alternative; it gives an unbounded interval for 4- to 10-week trials in
    blocks of 2 (at most 32 allocations: the smallest p-value, 2/32, never
    reaches 0.05), so the t-interval is the one that
    covers about 95% across 4 to 12 weeks (docs/STATISTICS.md has the
    simulation). It assumes block differences are roughly normal; with two
    blocks it is honest but wide.
    """
    weeks = len(allocation)
    if weeks == 0 or block_weeks < 2 or block_weeks % 2 or weeks % block_weeks:
        raise ValueError("The allocation must be whole blocks of an even number of weeks.")
    if any(arm not in ARMS for arm in allocation):
        raise ValueError("Every week is active or placebo.")
    daily = list(daily)[: 7 * weeks]
    blocks = weeks // block_weeks
    if min_answers_per_week < 1:
        raise ValueError("A week needs at least one answer.")
    means, counts = _weekly_means(daily, weeks, min_answers_per_week)
    kept = [m is not None for m in means]
    used, dropped = sum(kept), weeks - sum(kept)
    active_days = sum(
        c for c, k, a in zip(counts, kept, allocation, strict=True) if k and a == ACTIVE
    )
    placebo_days = sum(
        c for c, k, a in zip(counts, kept, allocation, strict=True) if k and a == PLACEBO
    )
    short = []
    if active_days < min_days_per_arm:
        short.append(f"{active_days} answered days on active weeks")
    if placebo_days < min_days_per_arm:
        short.append(f"{placebo_days} answered days on placebo weeks")
    if short:
        return _not_enough(
            outcome,
            f"Not enough data: {' and '.join(short)}, and at least {min_days_per_arm} "
            "are needed in each.",
            active_days,
            placebo_days,
            used,
            dropped,
        )
    differences = _block_differences(means, allocation, blocks, block_weeks)
    if len(differences) < 2:
        return _not_enough(
            outcome,
            "Not enough data: fewer than two blocks of weeks have both an active and a "
            f"placebo week with at least {min_answers_per_week} answered "
            + ("day." if min_answers_per_week == 1 else "days."),
            active_days,
            placebo_days,
            used,
            dropped,
        )

    values = np.array([m if m is not None else 0.0 for m in means], dtype=float)
    kept_mask = np.array(kept, dtype=bool)
    observed_active = np.array([arm == ACTIVE for arm in allocation], dtype=bool)
    observed = float(_arm_difference(values, kept_mask, observed_active[None, :])[0])
    possible = _possible_allocations(blocks, block_weeks)
    null = _arm_difference(values, kept_mask, possible)
    null = null[np.isfinite(null)]
    scale = max(1.0, abs(observed))
    extreme = np.abs(null) >= abs(observed) - TIE_TOLERANCE * scale
    p_value = float(extreme.sum() / len(null))

    n = len(differences)
    spread = float(np.std(differences, ddof=1))
    from scipy import stats

    half_width = float(stats.t.ppf(0.975, n - 1)) * spread / math.sqrt(n)
    centre = float(np.mean(differences))
    active_mean = _mean(
        [m for m, a in zip(means, allocation, strict=True) if m is not None and a == ACTIVE]
    )
    placebo_mean = _mean(
        [m for m, a in zip(means, allocation, strict=True) if m is not None and a == PLACEBO]
    )
    return ArmComparison(
        outcome=outcome,
        enough_data=True,
        reason=None,
        active_mean=active_mean,
        placebo_mean=placebo_mean,
        active_days=active_days,
        placebo_days=placebo_days,
        difference=observed,
        # Centred on the block differences' mean, which equals the difference
        # of arm means when no week dropped out (balanced blocks).
        ci_low=centre - half_width,
        ci_high=centre + half_width,
        p_value=min(1.0, p_value),
        weeks_used=used,
        weeks_dropped=dropped,
    )


# ---------------------------------------------------------------- the blind


@dataclass(frozen=True)
class Blinding:
    guesses: int  # definite guesses (active or placebo)
    correct: int
    share_correct: float | None
    chance_p_value: float | None
    bang_index: dict[str, float | None]  # per arm taken
    enough_data: bool
    reason: str | None


MIN_GUESSES = 7


def blinding(*, taken: Sequence[str], guessed: Sequence[str]) -> Blinding:
    """How well the blind held, from each day's guess beside what was taken.

    guessed values: "active", "placebo", or anything else ("not_sure",
    "unsure", None) for not sure.

    Bang's blinding index per arm (Bang H, Ni L, Davis CE. Assessment of
    blinding in clinical trials. Controlled Clinical Trials 2004;25:143-156):
    among the days on that arm, (correct guesses - incorrect guesses) / all
    guesses including "not sure". It runs from -1 (always guessed the other
    arm) through 0 (no better than chance) to +1 (always right); "not sure"
    pulls it towards 0. None for an arm with no guesses.

    The share correct is among definite guesses only, tested against chance
    (0.5) with an exact two-sided binomial test. Days are not independent
    (a patient who thinks "this week feels active" says so all week), so the
    p-value overstates the evidence of a broken blind; the share and Bang's
    index are the description, the p-value a rough flag.
    """
    pairs = list(zip(taken, guessed, strict=True))
    definite = [(t, g) for t, g in pairs if g in ARMS]
    correct = sum(1 for t, g in definite if t == g)
    bang: dict[str, float | None] = {}
    for arm in ARMS:
        on_arm = [g for t, g in pairs if t == arm]
        right = sum(1 for g in on_arm if g == arm)
        wrong = sum(1 for g in on_arm if g in ARMS and g != arm)
        bang[arm] = float((right - wrong) / len(on_arm)) if on_arm else None
    if len(definite) < MIN_GUESSES:
        return Blinding(
            guesses=len(definite),
            correct=correct,
            share_correct=None,
            chance_p_value=None,
            bang_index=bang,
            enough_data=False,
            reason=f"Not enough guesses: {len(definite)} days with a guess of active or "
            f"placebo, and at least {MIN_GUESSES} are needed.",
        )
    return Blinding(
        guesses=len(definite),
        correct=correct,
        share_correct=correct / len(definite),
        chance_p_value=float(_binomial_p(correct, len(definite), 0.5)),
        bang_index=bang,
        enough_data=True,
        reason=None,
    )


def by_guess(
    *, guessed: Sequence[str | None], daily: Sequence[float | None]
) -> dict[str, tuple[int, float | None]]:
    """Expectancy check: (days, mean outcome) by what the patient guessed,
    keyed by the guess as given. If the outcome follows the guess more than
    the capsule, expectation is doing the work (Szigeti et al., eLife 2021)."""
    groups: dict[str, list[float]] = {}
    # A day past the end of either list has no guess or no answer: ignored.
    for guess, value in zip(guessed, daily, strict=False):
        value = _clean(value)
        if guess is None or value is None:
            continue
        groups.setdefault(guess, []).append(value)
    return {guess: (len(values), _mean(values)) for guess, values in groups.items()}


# ---------------------------------------------------------------- unblinded plans


@dataclass(frozen=True)
class DoseDayComparison:
    enough_data: bool
    reason: str | None
    dose_mean: float | None
    rest_mean: float | None
    dose_days: int
    rest_days: int
    difference: float | None  # dose - rest
    ci_low: float | None  # 95%
    ci_high: float | None


def bootstrap_block_length(days: int) -> int:
    """Seven days, or n**(1/3) for very long series.

    A block must be long enough to carry the day-to-day likeness (the
    dependence of the series) and the plan's rhythm, and short enough that
    there are many blocks to resample. Dosing schedules repeat weekly (set
    weekdays) or every 2-4 days, so a week holds whole cycles of the rhythm;
    mood's day-to-day correlation fades within days. The n**(1/3) rate is
    the optimal order for variance and distribution estimation (Hall,
    Horowitz & Jing 1995, Biometrika 82:561-574); it only exceeds 7 past a
    year of days."""
    return max(7, math.ceil(days ** (1 / 3)))


def _longest_run(flags: Sequence[bool | None]) -> int:
    """The longest stretch of days with the same dose status."""
    longest = run = 0
    previous = object()
    for flag in flags:
        run = run + 1 if flag == previous else 1
        previous = flag
        longest = max(longest, run)
    return longest


def dose_day_comparison(
    *,
    days: Sequence[tuple[bool | None, float | None]],
    min_days: int = 7,
    rng: random.Random | None = None,
) -> DoseDayComparison:
    """Unblinded plans: dose-day mean minus rest-day mean, consecutive
    calendar days in order, each (is it a dose day (None: not on a plan),
    the answer (None: none)).

    The 95% interval comes from a circular block bootstrap (Politis &
    Romano 1992): the days are cut into runs of bootstrap_block_length(n)
    consecutive days starting anywhere (wrapping round the end so every day
    is equally likely to be picked), runs are drawn with replacement until
    the series is as long as the original, and the difference is recomputed.
    Keeping runs together keeps both the day-to-day likeness and the dose
    rhythm inside each run, so the spread of the resampled differences
    reflects them; resampling single days (an i.i.d. bootstrap, or a
    t-test) pretends each day is new evidence and gives intervals too
    narrow. The interval is the difference plus or minus 1.96 bootstrap
    standard errors, corrected for the few blocks a month holds (see
    below); resamples with no dose day or no rest day are skipped.

    It is deterministic given rng; the default is seeded so a page shows
    the same numbers on every load. It says nothing about cause: the patient
    knows which days are dose days.
    """
    series = [(dose, _clean(value)) for dose, value in days]
    dose_values = [v for d, v in series if d is True and v is not None]
    rest_values = [v for d, v in series if d is False and v is not None]
    if len(dose_values) < min_days or len(rest_values) < min_days:
        return DoseDayComparison(
            enough_data=False,
            reason=f"Not enough data: {len(dose_values)} dose days and {len(rest_values)} "
            f"rest days with an answer, and at least {min_days} of each are needed.",
            dose_mean=None,
            rest_mean=None,
            dose_days=len(dose_values),
            rest_days=len(rest_values),
            difference=None,
            ci_low=None,
            ci_high=None,
        )
    dose_mean, rest_mean = _mean(dose_values), _mean(rest_values)
    observed = dose_mean - rest_mean

    # Trim days before the first and after the last answered plan day: they
    # carry nothing and would only dilute the blocks.
    useful = [n for n, (d, v) in enumerate(series) if d is not None and v is not None]
    series = series[useful[0] : useful[-1] + 1]
    n = len(series)
    is_dose = np.array([d is True and v is not None for d, v in series])
    is_rest = np.array([d is False and v is not None for d, v in series])
    value = np.array([v if v is not None else 0.0 for d, v in series])
    length = min(max(bootstrap_block_length(n), _longest_run([d for d, _ in series])), n)
    starts_needed = math.ceil(n / length)
    rng = rng if rng is not None else random.Random(DEFAULT_SEED)
    generator = np.random.default_rng(rng.getrandbits(64))
    starts = generator.integers(0, n, size=(BOOTSTRAP_RESAMPLES, starts_needed))
    index = (starts[:, :, None] + np.arange(length)[None, None, :]) % n
    index = index.reshape(BOOTSTRAP_RESAMPLES, -1)[:, :n]
    dose_n = is_dose[index].sum(axis=1)
    rest_n = is_rest[index].sum(axis=1)
    dose_sum = (value * is_dose)[index].sum(axis=1)
    rest_sum = (value * is_rest)[index].sum(axis=1)
    usable = (dose_n > 0) & (rest_n > 0)
    resampled = dose_sum[usable] / dose_n[usable] - rest_sum[usable] / rest_n[usable]
    if resampled.size < BOOTSTRAP_RESAMPLES // 2:
        # Dose and rest days so far apart that most resamples hold only one
        # kind: no spread can be trusted, and no NaN may reach a page.
        return DoseDayComparison(
            enough_data=False,
            reason="Not enough data: the dose days and rest days are too few and too far "
            "apart to compare.",
            dose_mean=None,
            rest_mean=None,
            dose_days=len(dose_values),
            rest_days=len(rest_values),
            difference=None,
            ci_low=None,
            ci_high=None,
        )
    # A normal interval on the bootstrap's standard error, widened by
    # sqrt(k / (k - 1)) for k = n / length blocks: with a month of days there
    # are only four or five blocks, the bootstrap's spread underestimates the
    # truth by about that factor (as a variance that divides by k instead of
    # k - 1), and the plain percentile interval covered only 87-92% in the
    # simulations of docs/STATISTICS.md; this one covered 91-98%.
    blocks = max(n / length, 2.0)
    spread = float(np.std(resampled, ddof=1)) * math.sqrt(blocks / (blocks - 1))
    half_width = _Z_975 * spread
    return DoseDayComparison(
        enough_data=True,
        reason=None,
        dose_mean=dose_mean,
        rest_mean=rest_mean,
        dose_days=len(dose_values),
        rest_days=len(rest_values),
        difference=observed,
        ci_low=observed - half_width,
        ci_high=observed + half_width,
    )


# The normal distribution's 97.5th percentile (a fixed number, so no scipy call).
_Z_975 = 1.959963984540054


def _binomial_p(successes: int, trials: int, chance: float):
    from scipy import stats

    return stats.binomtest(successes, trials, chance).pvalue
