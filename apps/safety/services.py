from dataclasses import dataclass, field
from datetime import date

from .detectors.adherence import days_without_checkin
from .detectors.crisis import Match, crisis_matches, highest_severity
from .detectors.findings import Finding, Severity
from .risk import evaluate_mood_series
from .rules import alert_rules, crisis_lexicon

CRISIS_LANGUAGE = "crisis_language"
VERY_LOW_MOOD = "very_low_mood"
MISSED_CHECKINS = "missed_checkins"


@dataclass(frozen=True)
class CrisisReading:
    """What the crisis detector says about one text.

    `flagged` is True exactly when `severity` is critical or high: the text
    reaches a clinician the same day (the patient sees the crisis page, the
    on-call clinician is paged). A moderate reading is not flagged; it goes to
    the daily digest. `matches` are the kept matches (with `explain`, the
    candidates set aside too, each with `dropped` saying why; they never count
    towards `severity`)."""

    flagged: bool
    severity: str | None
    matches: list[Match] = field(default_factory=list)


def crisis_reading(text: str | None, *, context=None, explain: bool = False) -> CrisisReading:
    """The single answer to "what does the detector say about this text".

    Every caller (the check-in, `manage.py crisis_scan`, `manage.py
    crisis_eval`) goes through here, so a further layer of detection plugs in
    at this one place. `context` is reserved for that (e.g. the patient's
    recent entries); the rules layer does not use it yet."""
    del context  # not used by the rules layer
    matches = crisis_matches(text or "", crisis_lexicon(), include_dropped=explain)
    severity = highest_severity(matches)
    return CrisisReading(
        flagged=severity in (Severity.CRITICAL, Severity.HIGH),
        severity=severity,
        matches=matches,
    )


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
    reading = crisis_reading(text)
    if reading.matches:
        categories = sorted({match.category.replace("_", " ") for match in reading.matches})
        findings.append(
            Finding(
                rule=CRISIS_LANGUAGE,
                severity=reading.severity,
                summary="Crisis language in the journal: " + ", ".join(categories),
                is_crisis=reading.flagged,
                spans=tuple(reading.matches),
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


__all__ = [
    "CrisisReading",
    "crisis_reading",
    "evaluate_checkin",
    "evaluate_missed_checkins",
    "Finding",
    "Severity",
]
