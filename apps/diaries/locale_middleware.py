"""Which language a request's pages speak (issue 19).

A patient's own choice (Membership.language, set at /diary/language/) wins;
a patient who has not chosen, and anyone signed out (the login and crisis
pages), gets what their browser asks for (Accept-Language), English or
Spanish; clinic staff always get English, because the clinical pages are
written, checked and supported in English only.

The choice is read from the session, where it is put at login and whenever
the patient changes it, so no page (the check-in POST above all, whose
queries are counted) pays a database query for it.
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import patch_vary_headers

from apps.accounts.policy import is_staff_member
from apps.clinics.models import Membership, Role

from .crisis_language import DEFAULT, LANGUAGES

SESSION_KEY = "trellis_language"


def remember_language(request, language: str) -> None:
    """Keep the patient's choice ("", "en" or "es") for the rest of the session."""
    request.session[SESSION_KEY] = language if language in LANGUAGES else ""


@receiver(user_logged_in, dispatch_uid="diaries.remember_language_at_login")
def _remember_at_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    chosen = (
        Membership.objects.filter(user=user, is_active=True, role=Role.PATIENT)
        .values_list("language", flat=True)
        .first()
    )
    remember_language(request, chosen or "")
    # The rest of this request too ("signed in" is said by allauth just after
    # this), only inside the middleware (LANGUAGE_CODE set), whose override
    # restores the thread's language when the response is done.
    if chosen in LANGUAGES and hasattr(request, "LANGUAGE_CODE") and not is_staff_member(user):
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen


def _browser_language(request) -> str:
    asked = translation.get_language_from_request(request, check_path=False)
    return asked if asked in LANGUAGES else DEFAULT


def request_language(request) -> tuple[str, bool]:
    """(language, whether the browser's Accept-Language decided it)."""
    user = request.user
    if user.is_authenticated:
        if is_staff_member(user, request):
            return DEFAULT, False
        chosen = request.session.get(SESSION_KEY, "")
        if chosen in LANGUAGES:
            return chosen, False
    return _browser_language(request), True


class PatientLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language, from_browser = request_language(request)
        request.LANGUAGE_CODE = language
        # override, not activate: the thread's language goes back to what it
        # was when the response is done, so nothing after it inherits Spanish.
        with translation.override(language):
            response = self.get_response(request)
        if from_browser:
            # Caches must not hand a Spanish login page to an English browser.
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response
