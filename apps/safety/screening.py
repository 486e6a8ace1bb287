"""Writes and reads for the health profile and its screening.

The profile is saved with a record of what changed, and every save that
changes a screened field runs the screening again in the same transaction,
so the flags a clinician sees always match the profile they see.
"""

from dataclasses import dataclass

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


# The questions whose blank means "not answered" (the model's None), which
# screening cannot judge: a profile with any of these blank is incomplete,
# never clear. (A blank list reads the same as "none", so lists do not count.)
UNANSWERED_QUESTIONS = ["pregnant", "breastfeeding", "has_therapist", "housing_stable"]


@dataclass(frozen=True)
class ScreeningState:
    """What every page says about a patient's screening: "no_profile",
    "flags", "incomplete" or "clear", with the counts behind it."""

    kind: str
    unanswered: int = 0
    absolute: int = 0
    relative: int = 0

    @property
    def words(self) -> str:
        if self.kind == "no_profile":
            return "Not screened: no health profile yet"
        if self.kind == "flags":
            parts = []
            if self.absolute:
                parts.append(self.absolute_words)
            if self.relative:
                parts.append(self.relative_words)
            found = ", ".join(parts)
            if self.unanswered:
                return f"{found}; {_questions(self.unanswered)} unanswered"
            return found
        if self.kind == "incomplete":
            return f"Screening incomplete: {_questions(self.unanswered)} unanswered"
        return "Clear: nothing found, every question answered"

    @property
    def absolute_words(self) -> str:
        return f"{self.absolute} must-not flag{'' if self.absolute == 1 else 's'}"

    @property
    def relative_words(self) -> str:
        return f"{self.relative} caution{'' if self.relative == 1 else 's'}"

    @property
    def is_clear(self) -> bool:
        return self.kind == "clear"


def _questions(count: int) -> str:
    return f"{count} question{'' if count == 1 else 's'}"


def screening_state(*, has_profile: bool, unanswered: int, absolute, relative) -> ScreeningState:
    """The one rule (issue 18: empty is not clear): no profile or no
    screening run is "no_profile"; any flag is "flags"; unanswered questions
    are "incomplete"; only an answered profile with no flag is "clear".
    Pure: the caseload feeds it from its one query, pages from
    screening_state_for."""
    if not has_profile or absolute is None:
        return ScreeningState("no_profile")
    if absolute or relative:
        return ScreeningState("flags", unanswered, absolute or 0, relative or 0)
    if unanswered:
        return ScreeningState("incomplete", unanswered)
    return ScreeningState("clear")


def unanswered_count(profile) -> int:
    return sum(getattr(profile, name) is None for name in UNANSWERED_QUESTIONS)


def screening_state_for(*, patient, run=None) -> ScreeningState:
    """`patient`'s screening state from their profile and latest run (`run`
    when the caller already has it)."""
    profile = HealthProfile.objects.filter(patient=patient).first()
    run = run or latest_screening(patient=patient)
    return screening_state(
        has_profile=profile is not None,
        unanswered=unanswered_count(profile) if profile else 0,
        absolute=run.absolute_count if run else None,
        relative=run.relative_count if run else None,
    )
