"""The alert rules of docs/CLINICAL_REFERENCE.md on plain numbers. Pure.

Each function takes the values it needs and the rule's parameters (clinic
defaults from fixtures/alert_rules.yaml, or the patient's own, set by their
clinician) and answers whether the rule fires, with a plain-words reason.
"""

from dataclasses import dataclass
from statistics import mean, median


@dataclass(frozen=True)
class RuleHit:
    rule: str
    reason: str


def very_low_mood(mood, *, threshold: int) -> RuleHit | None:
    if mood is not None and mood <= threshold:
        return RuleHit("very_low_mood", f"Mood {mood} of 10 (alerts at {threshold} or lower)")
    return None


def baseline_drop(
    recent: list[int], baseline: list[int], *, drop: float, recent_count: int, min_baseline: int
) -> RuleHit | None:
    """The mean of the last `recent_count` moods is at least `drop` points
    below the median of the baseline window (which needs `min_baseline`
    entries to mean anything)."""
    if len(recent) < recent_count or len(baseline) < min_baseline:
        return None
    recent_mean = mean(recent[-recent_count:])
    baseline_median = median(baseline)
    if recent_mean <= baseline_median - drop:
        return RuleHit(
            "baseline_drop",
            f"Mean mood of the last {recent_count} check-ins {recent_mean:.1f}, "
            f"{baseline_median - recent_mean:.1f} below the usual {baseline_median:g}",
        )
    return None


def sustained_low(moods: list[int], *, count: int, threshold: int) -> RuleHit | None:
    """The last `count` consecutive check-ins all at or below `threshold`."""
    if len(moods) < count:
        return None
    if all(m <= threshold for m in moods[-count:]):
        return RuleHit("sustained_low", f"{count} check-ins in a row at mood {threshold} or lower")
    return None


def phq9_item9(item9: int | None, *, answer: str | None = None) -> RuleHit | None:
    """Item 9 above 0, in the patient's own answer ("Several days") when given."""
    if item9 is not None and item9 > 0:
        said = f"\u201c{answer}\u201d" if answer else f"{item9} of 3"
        return RuleHit(
            "phq9_item9",
            f"PHQ-9 item 9 (thoughts of being better off dead or of self-harm): {said}",
        )
    return None


def phq9_worsening(total: int, previous: int | None, *, rise: int, ceiling: int) -> RuleHit | None:
    if total >= ceiling:
        return RuleHit("phq9_worsening", f"PHQ-9 total {total} (alerts at {ceiling} or more)")
    if previous is not None and total - previous >= rise:
        return RuleHit(
            "phq9_worsening", f"PHQ-9 total rose {total - previous} points, {previous} to {total}"
        )
    return None


def gad7_severe(total: int, *, threshold: int) -> RuleHit | None:
    if total >= threshold:
        return RuleHit("gad7_severe", f"GAD-7 total {total} (severe at {threshold} or more)")
    return None


CSSRS_LEVELS = ("none", "low", "moderate", "high")


def cssrs_level(answers: dict) -> str:
    """The C-SSRS screener's risk level from its yes/no answers.

    `answers` has q1..q6 (bool; q3-q5 are skipped, so absent, when q2 is no)
    and q6_recent (bool: within the past 3 months). docs/CLINICAL_REFERENCE.md: low is yes
    to Q1 or Q2 only; moderate is yes to Q3, or Q6 more than 3 months ago;
    high is yes to Q4 or Q5, or Q6 within 3 months.
    """
    yes = {key for key, value in answers.items() if value is True}
    if {"q4", "q5"} & yes or ("q6" in yes and answers.get("q6_recent") is not False):
        return "high"
    if "q3" in yes or "q6" in yes:
        return "moderate"
    if {"q1", "q2"} & yes:
        return "low"
    return "none"


def side_effects_severe(side_effects: list[tuple[str, str]]) -> RuleHit | None:
    """`side_effects` are (name, severity) pairs; any marked severe fires."""
    severe = [name for name, severity in side_effects if severity == "severe"]
    if severe:
        return RuleHit("severe_side_effect", "Severe side effect: " + ", ".join(severe))
    return None
