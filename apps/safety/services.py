from datetime import date

from .detectors.adherence import days_without_checkin
from .detectors.crisis import crisis_matches, highest_severity
from .detectors.findings import Finding, Severity
from .risk import evaluate_mood_series
from .rules import alert_rules, crisis_lexicon

CRISIS_LANGUAGE = "crisis_language"
VERY_LOW_MOOD = "very_low_mood"
MISSED_CHECKINS = "missed_checkins"


def evaluate_checkin(
    *, mood: int | None, text: str, series: list[tuple] | None = None, overrides=None
) -> list[Finding]:
    """Run the detectors on one check-in's plain data and return Findings:
    crisis language in the text, and the mood rules on `series` (the
    patient's (local date, mood) check-ins, oldest first, ending with this
    one; just this mood when not given) with the patient's own thresholds.

    Knows nothing of models: the diary's check-in service hands it the values.
    """
    findings = []
    # One finding for all crisis language, as severe as its worst match
    # (fixtures/crisis_lexicon.yaml says how severe each is); critical and
    # high are crises, moderate goes to the digest.
    matches = crisis_matches(text or "", crisis_lexicon())
    if matches:
        severity = highest_severity(matches)
        categories = sorted({match.category.replace("_", " ") for match in matches})
        findings.append(
            Finding(
                rule=CRISIS_LANGUAGE,
                severity=severity,
                summary="Crisis language in the journal: " + ", ".join(categories),
                is_crisis=severity in (Severity.CRITICAL, Severity.HIGH),
                spans=tuple(matches),
            )
        )
    if series is None:
        series = [(date.today(), mood)] if mood is not None else []
    findings += evaluate_mood_series(series=series, overrides=overrides)
    return findings


def evaluate_missed_checkins(*, last_checkin, joined, today) -> list[Finding]:
    rule = alert_rules()[MISSED_CHECKINS]
    missed = days_without_checkin(last_checkin=last_checkin, joined=joined, today=today)
    if missed < rule["days"]:
        return []
    return [
        Finding(
            rule=MISSED_CHECKINS,
            severity=rule["severity"],
            summary=f"No check-in for {missed} days",
            is_crisis=False,
        )
    ]


__all__ = ["evaluate_checkin", "evaluate_missed_checkins", "Finding", "Severity"]
