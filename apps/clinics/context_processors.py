from .models import Membership


def membership(request):
    """The signed-in person's active roles, for the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"roles": frozenset()}
    roles = frozenset(
        Membership.objects.filter(user=user, is_active=True).values_list("role", flat=True)
    )
    return {"roles": roles}
