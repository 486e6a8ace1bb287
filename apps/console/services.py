"""Console writes that span layers: a care-team change with its history, a
handover that moves the patient's open alerts. Lives above alerts so that
clinics (below them) never has to reach up."""

from django.db import transaction

from apps.alerts.models import OPEN_STATES, Alert, AlertPolicy, AlertState
from apps.alerts.services import delivery_enqueue
from apps.audit.services import change_record
from apps.clinics.models import CareTeam
from apps.clinics.services import ConsoleError, care_link_add, care_link_remove


def care_team_link(*, clinic, patient, clinician, primary: bool, by) -> CareTeam:
    if primary:
        raise ConsoleError("To change the primary clinician, hand the patient over.")
    with transaction.atomic():
        link = care_link_add(clinic=clinic, patient=patient, clinician=clinician, primary=False)
        change_record(
            actor=by,
            patient=patient,
            record="care_team",
            summary=f"Added {clinician} to the care team",
            changes={"added": clinician.pk},
        )
    return link


def care_team_unlink(*, link: CareTeam, by) -> None:
    with transaction.atomic():
        care_link_remove(link=link)
        change_record(
            actor=by,
            patient=link.patient,
            record="care_team",
            summary=f"Removed {link.clinician} from the care team",
            changes={"removed": link.clinician_id},
        )


def patient_hand_over(*, clinic, patient, to, note: str, by) -> int:
    """Make `to` the primary clinician, keep the old one on the team, and move
    every unresolved alert about the patient to `to`: an alert still waiting
    for an answer starts again at the first rung, so the new clinician is told
    now rather than at the next escalation. Returns how many alerts moved."""
    note = note.strip()
    if not note:
        raise ConsoleError("Write a handover note for the new clinician.")
    previous = CareTeam.objects.filter(patient=patient, is_primary=True).first()
    if previous and previous.clinician_id == to.pk:
        raise ConsoleError(f"{to} is already the primary clinician.")
    with transaction.atomic():
        care_link_add(clinic=clinic, patient=patient, clinician=to, primary=True)
        waiting = list(
            Alert.objects.select_for_update()
            .filter(patient=patient, clinic=clinic, state__in=OPEN_STATES)
            .values_list("pk", flat=True)
        )
        Alert.objects.filter(pk__in=waiting).update(
            recipient=to, state=AlertState.PENDING, attempts=0, escalation_level=0
        )
        seen = Alert.objects.filter(
            patient=patient, clinic=clinic, state=AlertState.ACKNOWLEDGED
        ).update(recipient=to)
        change_record(
            actor=by,
            patient=patient,
            record="care_team",
            summary=f"Handed over to {to}",
            changes={
                "primary_from": previous.clinician_id if previous else None,
                "primary_to": to.pk,
                "note": note[:2000],
                "alerts_moved": len(waiting) + seen,
            },
        )
        for alert_id in waiting:
            transaction.on_commit(lambda alert_id=alert_id: delivery_enqueue(alert_id=alert_id))
    return len(waiting) + seen


def clinic_risk_defaults_update(*, clinic, defaults: dict, by) -> bool:
    """Validate (safety.risk.ADJUSTABLE) and save the clinic's thresholds."""
    from apps.safety.risk import validate_overrides

    clean = validate_overrides(defaults)
    if clean == clinic.risk_defaults:
        return False
    clinic.risk_defaults = clean
    clinic.save(update_fields=["risk_defaults"])
    return True


def alert_policy_update(*, clinic, data: dict) -> AlertPolicy:
    """Save the console's alert-policy form; an empty secret keeps the old one."""
    severities = ("critical", "high", "moderate", "low")
    row, _ = AlertPolicy.objects.get_or_create(clinic=clinic)
    row.channels = {s: data.get(f"channels_{s}") or [] for s in severities}
    for name in (
        "critical_to_on_call_minutes",
        "critical_to_admins_minutes",
        "high_to_on_call_minutes",
        "digest_hour",
        "webhook_url",
    ):
        setattr(row, name, data[name])
    if data.get("webhook_secret"):
        row.webhook_secret = data["webhook_secret"]
    row.save()
    return row
