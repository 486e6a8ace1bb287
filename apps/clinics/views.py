from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import access
from .csv_import import CsvFileError
from .forms import (
    AcceptInvitationForm,
    AddExistingForm,
    ClinicSettingsForm,
    CsvImportForm,
    InvitationForm,
    OnCallShiftForm,
)
from .models import Membership, Role
from .selectors import (
    clinicians_for_clinic,
    invitations_of,
    members_for_clinic,
    memberships_of,
    open_invitations_for_clinic,
    shifts_of,
)
from .services import (
    ConsoleError,
    InvitationError,
    clinic_settings_update,
    invitation_accept,
    invitation_check,
    invitation_create,
    invitation_problem,
    invitation_resend,
    invitation_revoke,
    invitation_role_words,
    invitations_import,
    membership_add_existing,
    membership_deactivate,
    membership_reactivate,
    on_call_shift_add,
)


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
        problem = invitation_problem(clinic=clinic, email=form.cleaned_data["email"])
        if problem:
            form.add_error("email", f"This person is {problem}.")
    if request.method == "POST" and form.is_valid():
        invitation, _token = invitation_create(
            clinic=clinic,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=form.cleaned_data["role"],
            primary_clinician=form.cleaned_data["primary_clinician"],
            language=form.cleaned_data["language"],
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
            "now_at": timezone.now(),
            "form": form,
            "import_form": CsvImportForm(),
            "add_form": AddExistingForm(),
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

    # The page speaks the invitation's language when one was chosen for it, else the
    # browser's (the middleware's choice for a signed-out visitor).
    with translation.override(invitation.language or request.LANGUAGE_CODE):
        return _invitation_accept_page(request, token, invitation)


def _invitation_accept_page(request, token, invitation):
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
        messages.success(
            request, gettext("Welcome to %(clinic)s.") % {"clinic": invitation.clinic.name}
        )
        return redirect("home")
    return render(
        request,
        "clinics/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "role_words": invitation_role_words(invitation.role),
        },
    )


@login_required
@require_POST
def invitations_upload(request):
    clinic = access.admin_clinic_for(request.user)
    form = CsvImportForm(request.POST, request.FILES)
    rows, file_error = [], ""
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # Read one byte past the limit so an oversized file is refused, not cut.
            from .csv_import import MAX_BYTES

            rows = invitations_import(
                clinic=clinic, data=upload.read(MAX_BYTES + 1), by=request.user
            )
        except CsvFileError as error:
            file_error = str(error)
    return render(
        request,
        "clinics/import_report.html",
        {
            "clinic": clinic,
            "form": form,
            "file_error": file_error,
            "rows": rows,
            "invited": [row for row in rows if not row.error],
            "refused": [row for row in rows if row.error],
        },
        status=200 if form.is_valid() and not file_error else 400,
    )


@login_required
@require_POST
def invitation_resend_view(request, invitation_id):
    clinic = access.admin_clinic_for(request.user)
    invitation = get_object_or_404(invitations_of(clinic=clinic), pk=invitation_id)
    try:
        invitation_resend(invitation=invitation, by=request.user)
        messages.success(request, f"A new link was sent to {invitation.email}.")
    except ConsoleError as error:
        messages.error(request, str(error))
    return redirect("clinics:members")


@login_required
@require_POST
def invitation_revoke_view(request, invitation_id):
    clinic = access.admin_clinic_for(request.user)
    invitation = get_object_or_404(invitations_of(clinic=clinic), pk=invitation_id)
    if invitation_revoke(invitation=invitation):
        messages.success(request, f"The invitation to {invitation.email} no longer works.")
    else:
        messages.info(request, "That invitation was already used or withdrawn.")
    return redirect("clinics:members")


@login_required
@require_POST
def member_deactivate(request, membership_id):
    clinic = access.admin_clinic_for(request.user)
    membership = get_object_or_404(memberships_of(clinic=clinic), pk=membership_id)
    try:
        membership_deactivate(membership=membership, by=request.user)
        messages.success(
            request,
            f"{membership.user} can no longer sign in here; their sessions ended "
            "and their records are kept.",
        )
    except ConsoleError as error:
        messages.error(request, str(error))
    return redirect("clinics:members")


@login_required
@require_POST
def member_reactivate(request, membership_id):
    clinic = access.admin_clinic_for(request.user)
    membership = get_object_or_404(memberships_of(clinic=clinic), pk=membership_id)
    membership_reactivate(membership=membership)
    messages.success(request, f"{membership.user} is active again.")
    return redirect("clinics:members")


@login_required
@require_http_methods(["GET", "POST"])
def clinic_settings(request):
    clinic = access.admin_clinic_for(request.user)
    fields = list(ClinicSettingsForm.base_fields)
    form = ClinicSettingsForm(
        request.POST or None, initial={name: getattr(clinic, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        changed = clinic_settings_update(clinic=clinic, data=form.cleaned_data)
        messages.success(request, "Saved." if changed else "Nothing changed.")
        return redirect("clinics:settings")
    return render(request, "clinics/settings.html", {"clinic": clinic, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def on_call(request):
    clinic = access.admin_clinic_for(request.user)
    # The admin types and reads shift times in the clinic's own time zone.
    timezone.activate(ZoneInfo(clinic.timezone))
    form = OnCallShiftForm(request.POST or None, clinicians=clinicians_for_clinic(clinic=clinic))
    if request.method == "POST" and form.is_valid():
        try:
            on_call_shift_add(clinic=clinic, **form.cleaned_data)
            messages.success(request, "Shift added.")
            return redirect("clinics:on_call")
        except ConsoleError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "clinics/on_call.html",
        {"clinic": clinic, "form": form, "shifts": shifts_of(clinic=clinic)},
    )


@login_required
@require_POST
def on_call_remove(request, shift_id):
    clinic = access.admin_clinic_for(request.user)
    shift = get_object_or_404(shifts_of(clinic=clinic), pk=shift_id)
    shift.delete()
    messages.success(request, "Shift removed.")
    return redirect("clinics:on_call")


@login_required
@require_POST
def member_add_existing(request):
    """Staff of another clinic join this one only when the acting admin runs both."""
    clinic = access.admin_clinic_for(request.user)
    form = AddExistingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the person's email and a staff role.")
        return redirect("clinics:members")
    person = access.staff_of_admin_clinics(request.user, email=form.cleaned_data["email"])
    try:
        if person is None:
            raise ConsoleError(
                "Only staff of another clinic you administer can be added this way; "
                "invite anyone else."
            )
        membership_add_existing(
            clinic=clinic, user=person, role=form.cleaned_data["role"], by=request.user
        )
        messages.success(request, f"{person} is now a member of {clinic} too.")
    except ConsoleError as error:
        messages.error(request, str(error))
    return redirect("clinics:members")
