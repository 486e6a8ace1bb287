from django.http import Http404

from apps.clinics import access

from .models import OPEN_STATES, Alert


def alerts_for_staff(*, user):
    """Alerts a clinician or admin may act on: those of patients they may see,
    never their own."""
    if not (access.is_clinician(user) or access.admin_clinics(user).exists()):
        return Alert.objects.none()
    return Alert.objects.filter(patient__in=access.patients_visible_to(user)).exclude(patient=user)


def alert_for_staff(*, user, alert_id) -> Alert:
    alert = alerts_for_staff(user=user).filter(pk=alert_id).first()
    if alert is None:
        raise Http404("No such alert")
    return alert


def open_alerts_for_patient(*, patient):
    return Alert.objects.filter(patient=patient, state__in=OPEN_STATES)
