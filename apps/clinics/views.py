from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from . import access
from .forms import AcceptInvitationForm, InvitationForm
from .models import Membership, Role
from .selectors import clinicians_for_clinic, members_for_clinic, open_invitations_for_clinic
from .services import InvitationError, invitation_accept, invitation_check, invitation_create


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


@login_required
@require_http_methods(["GET", "POST"])
def members(request):
    clinic = access.admin_clinic_for(request.user)
    form = InvitationForm(request.POST or None, clinicians=clinicians_for_clinic(clinic=clinic))
    if request.method == "POST" and form.is_valid():
        invitation, _token = invitation_create(
            clinic=clinic,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=form.cleaned_data["role"],
            primary_clinician=form.cleaned_data["primary_clinician"],
            invited_by=request.user,
        )
        messages.success(request, f"Invitation sent to {invitation.email}.")
        return redirect("clinics:members")
    return render(
        request,
        "clinics/members.html",
        {
            "clinic": clinic,
            "members": members_for_clinic(clinic=clinic),
            "invitations": open_invitations_for_clinic(clinic=clinic),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request, token):
    try:
        invitation = invitation_check(token=token)
    except InvitationError as error:
        return render(
            request,
            "clinics/invitation_invalid.html",
            {"reason": error.message},
            status=error.status,
        )

    form = AcceptInvitationForm(
        request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except InvitationError as error:
            return render(
                request,
                "clinics/invitation_invalid.html",
                {"reason": error.message},
                status=error.status,
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome to {invitation.clinic}.")
        return redirect("home")
    return render(
        request, "clinics/invitation_accept.html", {"invitation": invitation, "form": form}
    )
