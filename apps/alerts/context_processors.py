from apps.clinics import access
from apps.clinics.context_processors import roles_of
from apps.clinics.models import Role

from .models import Alert, AlertState
from .selectors import to_act_on_count


def inbox(request):
    """For clinicians and admins, on every page: how many alerts they must act
    on (unresolved, read or not: the caseload's "Open alerts" counts the same
    ones), and how many could not be delivered (a failure must be seen)."""
    roles = roles_of(request)
    if not roles & {Role.CLINICIAN, Role.ADMIN}:
        return {}
    patient_ids = access.visible_patient_ids(request)
    return {
        "inbox_unread": to_act_on_count(user=request.user, patient_ids=patient_ids),
        "alerts_failed": Alert.objects.filter(
            patient_id__in_ids=patient_ids, state=AlertState.FAILED
        ).count(),
    }
