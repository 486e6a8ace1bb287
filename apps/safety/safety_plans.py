"""Writes and reads for a patient's safety plan."""

from .models import SafetyPlan


def safety_plan_for(*, patient) -> SafetyPlan:
    """The patient's plan, or an unsaved empty one."""
    return SafetyPlan.objects.filter(patient=patient).first() or SafetyPlan(patient=patient)


def safety_plan_update(*, patient, data: dict, by) -> SafetyPlan:
    plan = safety_plan_for(patient=patient)
    for name, _label in SafetyPlan.SECTIONS:
        if name in data:
            setattr(plan, name, (data[name] or "").strip())
    plan.updated_by = by
    plan.save()
    return plan
