from .detectors.adherence import days_without_checkin
from .detectors.crisis import crisis_spans
from .detectors.findings import Finding, Severity
from .detectors.mood import is_very_low_mood
from .rules import alert_rules, crisis_lexicon

CRISIS_LANGUAGE = "crisis_language"
VERY_LOW_MOOD = "very_low_mood"
MISSED_CHECKINS = "missed_checkins"


def evaluate_checkin(*, mood: int | None, text: str) -> list[Finding]:
    """Run the detectors on one check-in's plain data and return Findings.

    Knows nothing of models: the diary's check-in service hands it the values.
    """
    rules = alert_rules()
    findings = []
    spans = crisis_spans(text or "", crisis_lexicon())
    if spans:
        categories = sorted({span.category.replace("_", " ") for span in spans})
        findings.append(
            Finding(
                rule=CRISIS_LANGUAGE,
                severity=rules[CRISIS_LANGUAGE]["severity"],
                summary="Crisis language in the journal: " + ", ".join(categories),
                is_crisis=True,
                spans=tuple(spans),
            )
        )
    threshold = rules[VERY_LOW_MOOD]["threshold"]
    if is_very_low_mood(mood, threshold=threshold):
        findings.append(
            Finding(
                rule=VERY_LOW_MOOD,
                severity=rules[VERY_LOW_MOOD]["severity"],
                summary=f"Very low mood: {mood} of 10 (alerts at {threshold} or lower)",
                is_crisis=True,
            )
        )
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
