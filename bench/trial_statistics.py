"""The trial statistics against simulation, at more trials than the tests run.

Run (from the repository root; no database, no services):

    uv run python bench/trial_statistics.py --trials 2000

Everything is simulated: daily scores 6 + effect + AR(1) noise (marginal sd
1.5, lag-one correlation --phi), so neighbouring days are alike. For the
blinded trial, weeks are drawn in balanced blocks of 2 (apps.trials.statistics
draw_allocation) and the effect is 1 point on active weeks; for the unblinded
plans, the effect is 1 point on dose days of a given rhythm. It prints, per
setting, how often the 95% interval covered the true effect, how often the
randomisation test rejected at 0.05 with no effect, and the same for a naive
day-by-day t-test beside it (the method these are meant to beat). The numbers
in docs/STATISTICS.md come from this script with the default arguments.
"""

import argparse
import math
import random
import sys
from pathlib import Path

import numpy as np
from scipy import stats

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.trials.statistics import compare_arms, dose_day_comparison, draw_allocation  # noqa: E402

RHYTHMS = {
    "1 on, 2 off": [1, 0, 0],
    "every other day": [1, 0],
    "4 on, 3 off": [1, 1, 1, 1, 0, 0, 0],
    "2 set weekdays": [1, 0, 0, 1, 0, 0, 0],
    "a week on, a week off": [1] * 7 + [0] * 7,
}


def ar1(days, phi, generator, sd=1.5):
    shocks = generator.normal(0, sd * math.sqrt(1 - phi**2), days)
    noise = np.empty(days)
    noise[0] = generator.normal(0, sd)
    for day in range(1, days):
        noise[day] = phi * noise[day - 1] + shocks[day]
    return noise


def naive(a, b):
    result = stats.ttest_ind(a, b)
    interval = result.confidence_interval()
    return interval.low, interval.high, result.pvalue


def blinded(weeks, effect, trials, phi, seed):
    generator, rng = np.random.default_rng(seed), random.Random(seed)
    covered = rejected = naive_covered = naive_rejected = 0
    for _ in range(trials):
        allocation = draw_allocation(blocks=weeks // 2, rng=rng)
        on = np.array([allocation[d // 7] == "active" for d in range(7 * weeks)])
        daily = 6 + ar1(7 * weeks, phi, generator) + effect * on
        result = compare_arms(
            outcome="mood", allocation=allocation, block_weeks=2, daily=list(daily)
        )
        covered += result.ci_low <= effect <= result.ci_high
        rejected += result.p_value <= 0.05
        low, high, p = naive(daily[on], daily[~on])
        naive_covered += low <= effect <= high
        naive_rejected += p <= 0.05
    return covered / trials, rejected / trials, naive_covered / trials, naive_rejected / trials


def unblinded(rhythm, days, trials, phi, seed, effect=1.0):
    generator = np.random.default_rng(seed)
    covered = naive_covered = 0
    for _ in range(trials):
        offset = int(generator.integers(0, len(rhythm)))
        dose = np.array([bool(rhythm[(d + offset) % len(rhythm)]) for d in range(days)])
        daily = 6 + ar1(days, phi, generator) + effect * dose
        result = dose_day_comparison(
            days=list(zip(dose.tolist(), daily.tolist(), strict=True)),
            rng=random.Random(int(generator.integers(1 << 30))),
        )
        covered += result.ci_low <= effect <= result.ci_high
        low, high, _ = naive(daily[dose], daily[~dose])
        naive_covered += low <= effect <= high
    return covered / trials, naive_covered / trials


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=2000)
    parser.add_argument("--phi", type=float, default=0.6)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"Blinded trial, AR(1) phi={args.phi}, {args.trials} simulated trials per row")
    print("weeks  coverage  rejects(no effect)  naive coverage  naive rejects")
    for weeks in (4, 6, 8, 10, 12):
        cover, _, naive_cover, _ = blinded(weeks, 1.0, args.trials, args.phi, args.seed + weeks)
        _, reject, _, naive_reject = blinded(weeks, 0.0, args.trials, args.phi, args.seed + 100)
        print(f"{weeks:5}  {cover:8.3f}  {reject:18.3f}  {naive_cover:14.3f}  {naive_reject:13.3f}")
    print(f"\nUnblinded plans, AR(1) phi={args.phi}, effect 1 on dose days")
    print("rhythm                 days  coverage  naive coverage")
    for name, rhythm in RHYTHMS.items():
        for days in (30, 90):
            cover, naive_cover = unblinded(rhythm, days, args.trials, args.phi, args.seed + days)
            print(f"{name:22} {days:5}  {cover:8.3f}  {naive_cover:14.3f}")


if __name__ == "__main__":
    main()
