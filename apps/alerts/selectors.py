from django.db.models import Case, Q, Value, When
from django.http import Http404

from apps.clinics import access
from apps.safety.detectors.findings import Severity

from .models import OPEN_STATES, Alert, AlertState, InboxItem

# Acknowledged is not safe: an acknowledged alert is still to act on until it
# is resolved, so it counts, ranks and lists with the open ones.
UNRESOLVED_STATES = [*OPEN_STATES, AlertState.ACKNOWLEDGED]


def severity_rank():
    """Critical first: an expression to order alerts by, gravest lowest."""
    return Case(
        *(When(severity=name, then=Value(-rank)) for name, rank in Severity.ORDER.items()),
        default=Value(0),
    )


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
        alerts = alerts.filter(state__in=UNRESOLVED_STATES)
    elif show == "failed":
        alerts = alerts.filter(state=AlertState.FAILED)
    # Gravest first, then the newest: a moderate alert never stands above a
    # critical one because it came later.
    return alerts.order_by(severity_rank(), "-created_at", "-pk")


def to_act_on(*, user, patient_ids):
    """The alerts this person must act on: every unresolved alert (open or
    acknowledged) of the patients they may see (`patient_ids`, from
    access.visible_patient_ids), never their own. The one definition behind
    the inbox badge, the caseload's "Open alerts" and the inbox's open list,
    so they agree."""
    return Alert.objects.filter(
        state__in=UNRESOLVED_STATES, patient_id__in_ids=patient_ids
    ).exclude(patient=user)


def to_act_on_count(*, user, patient_ids) -> int:
    return to_act_on(user=user, patient_ids=patient_ids).count()


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
