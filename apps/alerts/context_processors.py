from apps.clinics.context_processors import roles_of
from apps.clinics.models import Role

from .models import AlertState
from .selectors import alerts_of_visible_patients, unread_count


def inbox(request):
    """For clinicians and admins, on every page: the unread alert count, and
    how many alerts could not be delivered (a failure must be seen)."""
    roles = roles_of(request)
    if not roles & {Role.CLINICIAN, Role.ADMIN}:
        return {}
    user = request.user
    return {
        "inbox_unread": unread_count(user=user),
        "alerts_failed": alerts_of_visible_patients(user=user)
        .filter(state=AlertState.FAILED)
        .count(),
    }
