from apps.clinics import access
from apps.clinics.context_processors import roles_of
from apps.clinics.models import Role

from .models import Alert, AlertState
from .selectors import unread_count


def inbox(request):
    """For clinicians and admins, on every page: the unread alert count, and
    how many alerts could not be delivered (a failure must be seen)."""
    roles = roles_of(request)
    if not roles & {Role.CLINICIAN, Role.ADMIN}:
        return {}
    patient_ids = access.visible_patient_ids(request)
    return {
        "inbox_unread": unread_count(user=request.user, patient_ids=patient_ids),
        "alerts_failed": Alert.objects.filter(
            patient_id__in_ids=patient_ids, state=AlertState.FAILED
        ).count(),
    }
