from .models import Membership


def roles_of(request) -> frozenset:
    """The signed-in person's active roles, looked up once per request."""
    if not hasattr(request, "_trellis_roles"):
        user = getattr(request, "user", None)
        request._trellis_roles = (
            frozenset(
                Membership.objects.filter(user=user, is_active=True).values_list("role", flat=True)
            )
            if user is not None and user.is_authenticated
            else frozenset()
        )
    return request._trellis_roles


def membership(request):
    """The roles, for the navigation."""
    return {"roles": roles_of(request)}
