from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from apps.clinics.models import Membership, Role


@require_GET
def home(request):
    """Send each person to where their work is."""
    if not request.user.is_authenticated:
        return redirect("account_login")
    roles = set(
        Membership.objects.filter(user=request.user, is_active=True).values_list("role", flat=True)
    )
    if Role.CLINICIAN in roles:
        return redirect("dashboards:caseload")
    if Role.ADMIN in roles:
        return redirect("clinics:members")
    if Role.PATIENT in roles:
        return redirect("diaries:today")
    return redirect("account_logout")
