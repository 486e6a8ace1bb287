from django.db.models import Q
from django.http import Http404

from apps.clinics import access

from .models import OPEN_STATES, Alert, AlertState, InboxItem


def alerts_for_staff(*, user):
    """Alerts a clinician or admin may act on: those of patients they may see
    (their caseload, and whom they cover on call), never their own."""
    if not (access.is_clinician(user) or access.admin_clinics(user).exists()):
        return Alert.objects.none()
    return alerts_of_visible_patients(user=user)


def alerts_of_visible_patients(*, user):
    """The alerts of every patient `user` may see, except their own; for
    callers that have already checked that `user` is staff."""
    return Alert.objects.filter(patient__in=access.patients_visible_to(user)).exclude(patient=user)


def alert_for_staff(*, user, alert_id) -> Alert:
    alert = (
        alerts_for_staff(user=user)
        .select_related("patient", "clinic", "recipient", "acknowledged_by", "resolved_by")
        .filter(pk=alert_id)
        .first()
    )
    if alert is None:
        raise Http404("No such alert")
    return alert


def inbox_for(*, user, show: str = "open"):
    alerts = alerts_for_staff(user=user).select_related(
        "patient", "recipient", "acknowledged_by", "resolved_by"
    )
    if show == "open":
        alerts = alerts.filter(state__in=OPEN_STATES)
    elif show == "failed":
        alerts = alerts.filter(state=AlertState.FAILED)
    return alerts.order_by("-created_at")


def unread_count(*, user, patient_ids=None) -> int:
    """`patient_ids`: the patients `user` may see, when the caller already has
    them (access.visible_patient_ids)."""
    # Only alerts they can still open: an on-call shift's items drop out of
    # the count when the shift ends.
    found = InboxItem.objects.filter(user=user, read_at=None, alert__state__in=OPEN_STATES)
    if patient_ids is None:
        return found.filter(alert__patient__in=access.patients_visible_to(user)).count()
    return found.filter(alert__patient_id__in_ids=patient_ids).count()


def alerts_for_checkin(*, patient, checkin_id):
    """The patient's alerts raised by this check-in, or bumped by it."""
    return Alert.objects.filter(patient=patient).filter(
        Q(source_checkin_id=checkin_id) | Q(evidence__checkin_id=checkin_id)
    )
