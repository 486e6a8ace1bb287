"""Who must use MFA, and how long a session may last.

accounts is the lowest layer and cannot import clinics, so the clinic roles
are read through the reverse relation ``user.memberships`` by role value.
"""

from django.conf import settings

STAFF_ROLES = ("clinician", "admin")


def is_staff_member(user, request=None) -> bool:
    """A clinician or clinic admin anywhere, or a Django-admin operator. Cached
    on the request: the middlewares ask on every page."""
    if request is not None and hasattr(request, "_trellis_staff_member"):
        return request._trellis_staff_member
    answer = bool(
        user.is_authenticated
        and (
            user.is_staff
            or user.is_superuser
            or user.memberships.filter(is_active=True, role__in=STAFF_ROLES).exists()
        )
    )
    if request is not None:
        request._trellis_staff_member = answer
    return answer


def session_limits(user, request=None) -> tuple[int, int]:
    """(idle seconds, total seconds) for this person's sessions."""
    idle = (
        settings.SESSION_STAFF_IDLE_SECONDS
        if is_staff_member(user, request)
        else settings.SESSION_PATIENT_IDLE_SECONDS
    )
    return idle, settings.SESSION_MAX_SECONDS
