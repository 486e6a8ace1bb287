"""Writes and reads for a patient's safety plan."""

from .models import SafetyPlan


def safety_plan_for(*, patient) -> SafetyPlan:
    """The patient's plan, or an unsaved empty one."""
    return SafetyPlan.objects.filter(patient=patient).first() or SafetyPlan(patient=patient)


def safety_plan_update(*, patient, data: dict, by) -> SafetyPlan:
    from django.db import transaction

    from apps.audit.services import change_record

    plan = safety_plan_for(patient=patient)
    changed = []
    for name, _label in [*SafetyPlan.SECTIONS, *SafetyPlan.CONTACTS]:
        if name in data:
            value = (data[name] or "").strip()
            if getattr(plan, name) != value:
                changed.append(name)
            setattr(plan, name, value)
    plan.updated_by = by
    with transaction.atomic():
        plan.save()
        if changed:
            # Which sections, not their words: the plan itself is encrypted at
            # rest and the history must not hold a plaintext copy.
            change_record(
                actor=by,
                patient=patient,
                record="safety_plan",
                summary="Changed " + ", ".join(changed),
                changes={"sections": changed},
            )
    return plan
