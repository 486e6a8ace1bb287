"""Writes and reads for the health profile and its screening.

The profile is saved with a record of what changed, and every save that
changes a screened field runs the screening again in the same transaction,
so the flags a clinician sees always match the profile they see.
"""

from django.db import transaction

from .detectors.screening import eligible, screen
from .models import HealthProfile, HealthProfileChange, ScreeningRun
from .rules import contraindication_rules
from .signals import profile_screened

REFERENCE_STACK = ["psilocybin", "lions-mane", "omega-3", "b-complex", "magnesium"]


def _normalised(name, value):
    if name in {"conditions", "medications", "allergies", "family_history"}:
        return [item.strip() for item in (value or []) if item and item.strip()]
    if name == "support_person":
        return (value or "").strip()
    return value


@transaction.atomic
def health_profile_update(*, patient, clinic, data: dict, by) -> HealthProfile:
    """Save the fields given in `data` (others are left alone), record the
    change, and screen again if a screened field changed; then tell the
    layers above (`signals.profile_screened`), in the same transaction."""
    profile, _created = HealthProfile.objects.select_for_update().get_or_create(
        patient=patient, defaults={"clinic": clinic}
    )
    changes = {}
    for name in HealthProfile.TRACKED_FIELDS:
        if name not in data:
            continue
        before, after = getattr(profile, name), _normalised(name, data[name])
        if before != after:
            changes[name] = {"before": before, "after": after}
            setattr(profile, name, after)
    if not changes:
        return profile
    profile.updated_by = by
    profile.save()
    HealthProfileChange.objects.create(profile=profile, changed_by=by, changes=changes)
    if set(changes) & set(HealthProfile.SCREENED_FIELDS):
        run = screening_run(patient=patient, clinic=clinic, trigger="profile changed")
        # In this transaction: an open plan is re-gated (protocols, via the
        # receiver in diaries) together with the save, or neither happens.
        profile_screened.send(sender=HealthProfile, patient=patient, clinic=clinic, run=run, by=by)
    return profile


def screening_run(*, patient, clinic, trigger: str, components=None, doses=None) -> ScreeningRun:
    """Screen the patient's profile against the rules for the given
    components (the reference stack until a plan names others)."""
    profile = HealthProfile.objects.filter(patient=patient).first()
    components = list(components or REFERENCE_STACK)
    flags = screen(
        profile.as_screening_input() if profile else {},
        components=components,
        doses=doses,
        rules=contraindication_rules(),
    )
    return ScreeningRun.objects.create(
        patient=patient,
        clinic=clinic,
        trigger=trigger,
        components=components,
        doses=doses or {},
        flags=[flag_as_dict(flag) for flag in flags],
        eligible=eligible(flags, components),
        absolute_count=sum(flag.severity == "absolute" for flag in flags),
        relative_count=sum(flag.severity == "relative" for flag in flags),
    )


def flag_as_dict(flag) -> dict:
    return {
        "component": flag.component,
        "severity": flag.severity,
        "rule": flag.rule,
        "matched": flag.matched,
        "reason": flag.reason,
        "source": flag.source,
    }


def latest_screening(*, patient) -> ScreeningRun | None:
    return ScreeningRun.objects.filter(patient=patient).first()


def profile_history(*, patient, limit=50):
    return HealthProfileChange.objects.filter(profile__patient=patient).select_related(
        "changed_by"
    )[:limit]
