"""The patient's browser subscribing to, and unsubscribing from, push
reminders (issue 19). static/js/push-reminders.js asks for permission,
subscribes with the VAPID public key and posts the subscription here as JSON,
with the CSRF token in its header."""

import json
import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.clinics import access

from .models import PushSubscription
from .reminder_channels import push as push_channel
from .services import push_subscription_remove, push_subscription_save

# The browser's keys are base64url: the P-256 public key (65 bytes, 87 chars
# unpadded) and a 16-byte secret (22 chars). A little room either side for padding.
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")
_ENDPOINT_MAX = PushSubscription._meta.get_field("endpoint").max_length


def page_context() -> dict:
    """What the reminders page needs for push: the key and the two URLs."""
    configured = push_channel.is_configured()
    return {
        "push_public_key": settings.WEBPUSH_VAPID_PUBLIC_KEY if configured else "",
        "push_subscribe_url": reverse("diaries:push_subscribe"),
        "push_unsubscribe_url": reverse("diaries:push_unsubscribe"),
    }


def _body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _refused(words: str) -> JsonResponse:
    return JsonResponse({"ok": False, "error": words}, status=400)


@login_required
@require_POST
def subscribe(request):
    access.patient_membership(request.user)
    data = _body(request)
    endpoint = data.get("endpoint")
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > _ENDPOINT_MAX:
        return _refused("The browser did not give a notification address.")
    problem = push_channel.endpoint_problem(endpoint, resolve=False)
    if problem:
        return _refused(problem)
    if not (
        isinstance(p256dh, str)
        and isinstance(auth, str)
        and 80 <= len(p256dh) <= 100
        and 16 <= len(auth) <= 32
        and _BASE64URL.match(p256dh)
        and _BASE64URL.match(auth)
    ):
        return _refused("The browser's notification keys are not valid.")
    push_subscription_save(patient=request.user, endpoint=endpoint, p256dh=p256dh, auth=auth)
    return JsonResponse({"ok": True}, status=201)


@login_required
@require_POST
def unsubscribe(request):
    access.patient_membership(request.user)
    endpoint = _body(request).get("endpoint")
    if not isinstance(endpoint, str) or not endpoint:
        return _refused("The browser did not say which notifications to stop.")
    removed = push_subscription_remove(patient=request.user, endpoint=endpoint)
    return JsonResponse({"ok": True, "removed": removed})
