"""The Web Push channel of the daily reminder (VAPID, RFC 8292; the message
encrypted for the browser, RFC 8291, by pywebpush). Like the email, it says
only that it is time to check in. static/js/sw.js shows it and opens the
diary when it is tapped.

A subscription's endpoint is a URL the patient's browser gave us, so the
worker posts only to public https addresses (checked when it is saved and
again at each send), as the alerts' webhook does."""

import ipaddress
import json
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

NAME = "push"
TIMEOUT_SECONDS = 10
# A reminder not delivered within 12 hours is about a day that has gone.
TTL_SECONDS = 12 * 60 * 60


class PushFailed(Exception):
    """The push did not get through; str() says why, in words."""


class PushGone(PushFailed):
    """The push service says the subscription no longer exists (404 or 410):
    the browser unsubscribed or the app was removed. Delete it."""


def is_configured() -> bool:
    return bool(settings.WEBPUSH_VAPID_PRIVATE_KEY and settings.WEBPUSH_VAPID_PUBLIC_KEY)


def _allow_private() -> bool:
    return bool(getattr(settings, "WEBPUSH_ALLOW_PRIVATE_ENDPOINTS", False))


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def endpoint_problem(endpoint: str, *, resolve: bool) -> str | None:
    """Why Trellis will not post to this endpoint, in words; None when it may.
    `resolve`: also look the name up and require public addresses (at send
    time; saving a subscription does not wait on DNS)."""
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return "The notification address is not a web address."
    schemes = ("https", "http") if _allow_private() else ("https",)
    if parts.scheme not in schemes or not parts.hostname or parts.username or parts.password:
        return "The notification address must be a plain https:// address."
    if not resolve or _allow_private():
        return None
    try:
        infos = socket.getaddrinfo(parts.hostname, port or 443, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return f"The push service's name {parts.hostname} could not be found."
    if not infos or not all(_is_public(info[4][0]) for info in infos):
        return (
            "The notification address points into a private network; Trellis does not post there."
        )
    return None


def message(*, nudge: bool) -> dict:
    """What the notification says, in the active language (the caller sets
    the patient's)."""
    if nudge:
        body = _(
            "We have not heard from you for a few days. "
            "A check-in takes a minute, whenever you are ready."
        )
    else:
        body = _("Time for today's check-in. It takes a minute.")
    return {"title": _("Trellis diary"), "body": body, "url": reverse("diaries:today")}


def send(*, subscription, nudge: bool) -> None:
    """Post the reminder to one subscription. PushGone when the push service
    says it is gone; PushFailed for any other failure or a timeout."""
    # Imported here: pywebpush brings requests and aiohttp (about 2 s), which
    # the web process, importing this module for the reminders page, never uses.
    import requests
    from pywebpush import WebPushException, webpush

    if not is_configured():
        raise PushFailed("Notifications are not set up on this server (no VAPID keys).")
    problem = endpoint_problem(subscription.endpoint, resolve=True)
    if problem:
        raise PushFailed(problem)
    try:
        webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=json.dumps(message(nudge=nudge)),
            vapid_private_key=settings.WEBPUSH_VAPID_PRIVATE_KEY,
            vapid_claims={"sub": settings.WEBPUSH_VAPID_SUBJECT},
            timeout=TIMEOUT_SECONDS,
            ttl=TTL_SECONDS,
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in (404, 410):
            raise PushGone(
                f"The browser no longer takes notifications (the push service answered {status}); "
                "its subscription was removed."
            ) from error
        if status is not None:
            raise PushFailed(f"The push service refused it (it answered {status}).") from error
        raise PushFailed("The push service could not be reached.") from error
    except requests.Timeout as error:
        raise PushFailed(
            f"The push service did not answer within {TIMEOUT_SECONDS} seconds."
        ) from error
    except requests.RequestException as error:
        raise PushFailed("The push service could not be reached.") from error
    except (ValueError, TypeError) as error:
        raise PushFailed("The browser's notification keys are not valid.") from error
