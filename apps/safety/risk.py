"""The alert rules applied to a patient's numbers: their check-in series,
questionnaire totals and side effects. Reads thresholds from the fixtures
and the patient's own overrides, runs the pure rules in detectors/risk.py,
and returns Findings for alerts.raise_for."""

from datetime import timedelta

from .detectors import risk
from .detectors.findings import Finding
from .rules import alert_rules

# Which parameters a clinician may set per patient, and their sane range.
ADJUSTABLE = {
    "very_low_mood": {"threshold": (0, 9)},
    "baseline_drop": {"drop": (1, 10)},
    "sustained_low": {"count": (2, 14), "threshold": (0, 9)},
    "phq9_worsening": {"rise": (1, 27), "ceiling": (1, 27)},
    "gad7_severe": {"threshold": (1, 21)},
}
# What each adjustable parameter is called on a form, in a clinician's words.
ADJUSTABLE_WORDS = {
    ("very_low_mood", "threshold"): "Very low mood: alert at a mood of this or lower (0-10)",
    ("baseline_drop", "drop"): (
        "Drop from usual mood: alert when recent check-ins average this many points "
        "below the patient's usual"
    ),
    ("sustained_low", "count"): "Low days in a row: how many check-ins in a row",
    ("sustained_low", "threshold"): "Low days in a row: a mood of this or lower counts as low",
    ("phq9_worsening", "rise"): "PHQ-9 worsening: alert when the score rises by this many points",
    ("phq9_worsening", "ceiling"): "PHQ-9 worsening: alert when the score reaches this",
    ("gad7_severe", "threshold"): "Severe anxiety (GAD-7): alert at this score or higher",
}


def adjustable_label(rule: str, name: str) -> str:
    return ADJUSTABLE_WORDS[(rule, name)]


# Rules whose finding sends the patient to the crisis page at once; the rest
# reach the clinician without interrupting the patient.
CRISIS_PAGE_RULES = {"very_low_mood", "phq9_item9", "cssrs_risk"}


def params(rule: str, overrides: dict | None = None) -> dict:
    defaults = {k: v for k, v in alert_rules()[rule].items() if k not in {"source"}}
    return defaults | ((overrides or {}).get(rule) or {})


def validate_overrides(overrides: dict) -> dict:
    """Only known parameters, as integers in range; raises ValueError
    naming the first one that is not."""
    clean = {}
    for rule, values in (overrides or {}).items():
        if rule not in ADJUSTABLE or not isinstance(values, dict):
            raise ValueError(f"{rule!r} cannot be adjusted per patient")
        for name, value in values.items():
            if name not in ADJUSTABLE[rule]:
                raise ValueError(f"{rule} has no parameter {name!r}")
            low, high = ADJUSTABLE[rule][name]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ValueError(f"{rule} {name} must be a whole number from {low} to {high}")
            clean.setdefault(rule, {})[name] = value
    return clean


def _finding(rule: str, hit: risk.RuleHit, *, severity: str | None = None) -> Finding:
    severity = severity or alert_rules()[rule]["severity"]
    return Finding(
        rule=rule,
        severity=severity,
        summary=hit.reason,
        is_crisis=rule in CRISIS_PAGE_RULES and severity in {"critical", "high"},
    )


def evaluate_mood_series(*, series: list[tuple], overrides: dict | None = None) -> list[Finding]:
    """`series` is the patient's (local date, mood) check-ins, oldest first,
    ending with the one just saved."""
    if not series:
        return []
    findings = []
    moods = [mood for _day, mood in series]
    low = params("very_low_mood", overrides)
    if hit := risk.very_low_mood(moods[-1], threshold=low["threshold"]):
        findings.append(_finding("very_low_mood", hit))

    drop = params("baseline_drop", overrides)
    recent = series[-drop["recent_count"] :]
    window_start = recent[0][0] - timedelta(days=drop["baseline_days"])
    baseline = [mood for day, mood in series[: -len(recent)] if day >= window_start]
    if hit := risk.baseline_drop(
        [mood for _day, mood in recent],
        baseline,
        drop=drop["drop"],
        recent_count=drop["recent_count"],
        min_baseline=drop["min_baseline"],
    ):
        findings.append(_finding("baseline_drop", hit))

    sustained = params("sustained_low", overrides)
    if hit := risk.sustained_low(moods, count=sustained["count"], threshold=sustained["threshold"]):
        findings.append(_finding("sustained_low", hit))
    return findings


def evaluate_questionnaire(
    *,
    instrument: str,
    total: int | None = None,
    items: list[int] | None = None,
    previous_total: int | None = None,
    answers: dict | None = None,
    overrides: dict | None = None,
    item9_answer: str | None = None,
    asked_after: str | None = None,
) -> list[Finding]:
    """Findings for one completed questionnaire: PHQ-9 (items for item 9,
    total, previous total; `item9_answer` the words the patient chose),
    GAD-7 (total) or C-SSRS (answers; `asked_after` says what asked for it,
    e.g. "PHQ-9 item 9 on 3 Dec", so the alert names its trigger)."""
    findings = []
    if instrument == "phq9":
        item9 = items[8] if items and len(items) >= 9 else None
        if hit := risk.phq9_item9(item9, answer=item9_answer):
            findings.append(_finding("phq9_item9", hit))
        worse = params("phq9_worsening", overrides)
        if total is not None and (
            hit := risk.phq9_worsening(
                total, previous_total, rise=worse["rise"], ceiling=worse["ceiling"]
            )
        ):
            findings.append(_finding("phq9_worsening", hit))
    elif instrument == "gad7":
        severe = params("gad7_severe", overrides)
        if total is not None and (hit := risk.gad7_severe(total, threshold=severe["threshold"])):
            findings.append(_finding("gad7_severe", hit))
    elif instrument == "cssrs":
        level = risk.cssrs_level(answers or {})
        severity = alert_rules()["cssrs_risk"]["severities"].get(level)
        if severity:
            after = f", asked after {asked_after}" if asked_after else ""
            hit = risk.RuleHit("cssrs_risk", f"C-SSRS screener{after}: {level} risk")
            findings.append(_finding("cssrs_risk", hit, severity=severity))
    return findings


def evaluate_side_effects(*, side_effects: list[tuple[str, str]]) -> list[Finding]:
    if hit := risk.side_effects_severe(side_effects):
        return [_finding("severe_side_effect", hit)]
    return []


def overrides_for(*, patient) -> dict:
    from .models import RiskSettings

    settings_row = RiskSettings.objects.filter(patient=patient).first()
    return settings_row.overrides if settings_row else {}


def clinic_defaults_for(*, patient) -> dict:
    """The thresholds the patient's clinic chose for everyone (Clinic.risk_defaults)."""
    from apps.clinics.models import Membership, Role

    clinic_defaults = (
        Membership.objects.filter(user=patient, role=Role.PATIENT, is_active=True)
        .values_list("clinic__risk_defaults", flat=True)
        .first()
    )
    return clinic_defaults or {}


def effective_overrides_for(*, patient, clinic=None, own: dict | None = None) -> dict:
    """The clinic's defaults, with the patient's own settings over them.

    `clinic`: the patient's clinic (that of their active patient membership),
    when the caller has it loaded already, as the check-in has; its
    risk_defaults are read from it instead of queried again. `own`: the
    patient's RiskSettings.overrides ({} without a row), when the caller has
    read them already."""
    defaults = (
        (clinic.risk_defaults or {}) if clinic is not None else clinic_defaults_for(patient=patient)
    )
    merged = {rule: dict(values) for rule, values in defaults.items()}
    own = overrides_for(patient=patient) if own is None else own
    for rule, values in own.items():
        merged.setdefault(rule, {}).update(values)
    return merged


def risk_settings_update(*, patient, overrides: dict, reason: str, by):
    """Set a patient's own thresholds (validated); an empty dict returns the
    patient to the clinic defaults."""
    from django.db import transaction

    from apps.audit.services import change_record

    from .models import RiskSettings

    clean = validate_overrides(overrides)
    with transaction.atomic():
        row, _created = RiskSettings.objects.get_or_create(patient=patient)
        before = row.overrides
        row.overrides, row.reason, row.updated_by = clean, reason.strip()[:500], by
        row.save()
        if before != clean:
            change_record(
                actor=by,
                patient=patient,
                record="risk_settings",
                summary="Changed the alert thresholds",
                changes={"before": before, "after": clean, "reason": row.reason},
            )
    return row
