"""Who must use MFA, and how long a session may last.

accounts is the lowest layer and cannot import clinics, so the clinic roles
are read through the reverse relation ``user.memberships`` by role value.
"""

from django.conf import settings

STAFF_ROLES = ("clinician", "admin")


def active_roles(user, request=None) -> frozenset:
    """The person's active clinic roles. Cached on the request under the same
    attribute as apps.clinics.context_processors.roles_of, so a page asks the
    database once for both."""
    if request is not None and hasattr(request, "_trellis_roles"):
        return request._trellis_roles
    roles = (
        frozenset(user.memberships.filter(is_active=True).values_list("role", flat=True))
        if user.is_authenticated
        else frozenset()
    )
    if request is not None:
        request._trellis_roles = roles
    return roles


def is_staff_member(user, request=None) -> bool:
    """A clinician or clinic admin anywhere, or a Django-admin operator."""
    if not user.is_authenticated:
        return False
    return bool(
        user.is_staff or user.is_superuser or active_roles(user, request) & set(STAFF_ROLES)
    )


def session_limits(user, request=None) -> tuple[int, int]:
    """(idle seconds, total seconds) for this person's sessions."""
    idle = (
        settings.SESSION_STAFF_IDLE_SECONDS
        if is_staff_member(user, request)
        else settings.SESSION_PATIENT_IDLE_SECONDS
    )
    return idle, settings.SESSION_MAX_SECONDS
