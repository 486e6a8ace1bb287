"""Session lifetime, required MFA for staff, and reauthentication before
sensitive changes. Ordered in settings.MIDDLEWARE after allauth's."""

# allauth's own reauthentication flow (the one its decorator uses), called
# here because the views guarded belong to other apps.
from allauth.account.internal.flows.reauthentication import (
    is_reauthentication_required,
    suspend_request,
)
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from .policy import is_staff_member, session_limits
from .sessions import (
    session_expired_reason,
    session_has_mfa,
    session_mfa_note,
    session_touch,
)

# What a member of staff without MFA may still open: the MFA setup pages, the
# password re-entry they ask for, logging out, and the crisis page.
MFA_SETUP_URL_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "diaries:crisis",
    }
)


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            idle, total = session_limits(user, request)
            reason = session_expired_reason(request, idle=idle, total=total)
            if reason is not None:
                # Carry on as anonymous rather than redirecting: public pages
                # (the crisis page above all) still answer, and every other
                # view sends the person to log in, with ?next=, as usual.
                logout(request)
                messages.info(request, reason)
            else:
                session_touch(request)
        return self.get_response(request)


class MfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or request.path.startswith(settings.STATIC_URL):
            return None
        if request.resolver_match.view_name in MFA_SETUP_URL_NAMES:
            return None
        if session_has_mfa(request) or not is_staff_member(user, request):
            return None
        # The flag is set at login and by the MFA signals; a factor added
        # some other way (a second tab, the shell) is picked up here.
        session_mfa_note(request, user=user)
        if session_has_mfa(request):
            return None
        messages.warning(
            request,
            "Clinic staff must use two-factor authentication. Set up an authenticator "
            "app to continue.",
        )
        return redirect("mfa_activate_totp")


class ReauthenticateForSensitiveChangesMiddleware:
    """A POST to a URL in settings.SENSITIVE_URL_NAMES needs a recent password
    (or TOTP) entry. allauth keeps the POST and replays it afterwards, so
    nothing typed is lost."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name not in settings.SENSITIVE_URL_NAMES:
            return None
        if request.method in ("GET", "HEAD", "OPTIONS") or not request.user.is_authenticated:
            return None  # reading the form is fine; anonymous is sent to log in by the view
        if is_reauthentication_required(request, app=""):
            return suspend_request(request, reverse("account_reauthenticate"))
        return None


class NoStoreMiddleware:
    """No page the app makes is kept by a browser or a proxy: almost every one
    holds a patient's data or a person's account, and a shared computer's
    back button or disk cache must not show it to the next person. A view that
    sets its own Cache-Control (the health check) keeps it. Static files are
    served before this runs (WhiteNoise answers them itself) and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response
