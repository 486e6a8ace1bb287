"""The service worker (issue 19: the diary offline) and what the page tells it.

/sw.js is served by a view rather than from /static/: a service worker only
controls pages under the folder it is served from, and the diary (/diary/)
and the crisis page (/crisis/) are not under /static/. The script's text is
static/js/sw.js with the app's own paths written in, read once per process."""

from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_GET


@cache
def _script() -> str:
    path = finders.find("js/sw.js")
    with open(path, encoding="utf-8") as source:
        text = source.read()
    replacements = {
        "__DIARY__": reverse("diaries:today"),
        "__CRISIS__": reverse("diaries:crisis"),
        "__LOGIN__": reverse("account_login"),
        "__LOGOUT__": reverse("account_logout"),
        "__STATIC__": settings.STATIC_URL,
        # A kept page is shown offline for as long as the server would have
        # kept the patient signed in without a request, no longer.
        "__MAX_AGE_SECONDS__": str(settings.SESSION_PATIENT_IDLE_SECONDS),
    }
    for token, value in replacements.items():
        text = text.replace(token, value)
    return text


# Public, as /manifest.webmanifest is: the script holds no one's data.
@require_GET
def service_worker(request):
    response = HttpResponse(_script(), content_type="text/javascript; charset=utf-8")
    # The browser checks for a new worker on each visit; no-cache keeps that
    # check honest after a deploy.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def session_tag(request) -> str:
    """A name for this signed-in session that reveals nothing (an HMAC of
    the session key and the person): the worker drops every kept page when
    the tag it is told changes, so one person's pages never reach another on
    a shared phone. Costs no query."""
    key = request.session.session_key or ""
    return salted_hmac(
        "diaries.offline.session", f"{key}:{request.user.pk}", algorithm="sha256"
    ).hexdigest()[:24]
