"""What each kind of alert is about, in a clinician's words, for the places that may not
show the alert's own summary: the daily digest email holds no details of the patient's
entry (docs/SAFETY.md, HZ-5), so it names the kind of alert, never its rule id."""

RULE_WORDS = {
    "crisis_language": "crisis language in a journal entry",
    "crisis_language_semantic": "a journal entry that reads like a crisis",
    "very_low_mood": "a very low mood",
    "baseline_drop": "mood dropping below their usual",
    "sustained_low": "low mood several days in a row",
    "phq9_item9": "PHQ-9: thoughts of death or self-harm",
    "phq9_worsening": "PHQ-9: depression score worsening",
    "gad7_severe": "GAD-7: severe anxiety",
    "cssrs_risk": "C-SSRS: suicide risk screening",
    "severe_side_effect": "a side effect marked severe",
    "missed_checkins": "missed check-ins",
    "plan_screening_changed": "a new safety flag on a plan",
}


def rule_words(rule: str) -> str:
    """The words for an alert's kind; an unknown rule is "an alert", never its id."""
    return RULE_WORDS.get(rule, "an alert")
