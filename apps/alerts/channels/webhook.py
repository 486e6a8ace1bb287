"""The webhook channel: a signed JSON POST to the clinic's own paging or SMS
system, once per escalation level.

The body holds ids, severity and a link, never journal text or names. The
signature is HMAC-SHA256 over "<timestamp>.<body>" with the clinic's secret,
sent as `X-Trellis-Signature: t=<timestamp>,v1=<hex>`; a receiver recomputes
it and rejects stale timestamps, so a captured request can't be replayed.

Where it may be sent: only to a public address. The name is resolved and every
address it has must be public (not loopback, private, link-local such as the
cloud metadata service at 169.254.169.254, shared, multicast or reserved),
when the admin saves it and again at each send; the connection then goes to
the address that was checked, so a name that changes its answer in between
(DNS rebinding) still cannot reach inside. Redirects are not followed. Every
failure is told in one plain sentence, without the connection's own error
text, so the alert page cannot be used to probe which ports answer.
`settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES` lifts the address rule (and allows
http://) for the tests' loopback receiver; it is never set in production.
"""

import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import ssl
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

NAME = "webhook"
PER_PERSON = False
TIMEOUT_SECONDS = 10


class WebhookError(Exception):
    """A failure in words an admin can read; str() is the whole message."""

    plain = True


# Not public, though Python's is_private does not say so.
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")


def _allow_private() -> bool:
    return bool(getattr(settings, "WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False))


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv4Address) and ip in SHARED_ADDRESS_SPACE)
    )


def _target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of a webhook address, or WebhookError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise WebhookError("The webhook address is not a valid web address.") from error
    allowed = ("https", "http") if _allow_private() else ("https",)
    if parts.scheme not in allowed or not parts.hostname:
        raise WebhookError("The webhook address must start with https://.")
    if parts.username or parts.password:
        raise WebhookError("The webhook address must not contain a user name or password.")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def resolve_public(host: str, port: int) -> str:
    """One address of `host` to connect to, after checking that every address
    the name has is public. WebhookError (in words) otherwise."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise WebhookError(f"The name {host} could not be found.") from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise WebhookError(f"The name {host} could not be found.")
    if not _allow_private() and not all(_is_public(address) for address in addresses):
        raise WebhookError(
            "The webhook address points into a private or internal network; Trellis sends "
            "alerts only to public addresses."
        )
    return addresses[0]


def address_problem(url: str) -> str | None:
    """Why Trellis will not send to `url`, in words; None when it may (the
    clinic console asks this when the admin saves the address)."""
    try:
        _scheme, host, port, _path = _target(url)
        resolve_public(host, port)
    except WebhookError as error:
        return str(error)
    return None


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the checked address, with the certificate checked against the
    name (SNI and hostname verification as usual)."""

    def __init__(self, host, address, **kwargs):
        super().__init__(host, **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, address, **kwargs):
        super().__init__(host, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


def payload(alert) -> dict:
    return {
        "type": "alert",
        "alert_id": alert.pk,
        "clinic_id": alert.clinic_id,
        "patient_id": alert.patient_id,
        "rule": alert.rule,
        "severity": alert.severity,
        "escalation_level": alert.escalation_level,
        "raised_at": alert.created_at.isoformat(),
        "link": settings.SITE_URL + reverse("alerts:detail", args=[alert.pk]),
    }


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def send(*, alert, recipient, policy) -> None:
    scheme, host, port, path = _target(policy.webhook_url)
    address = resolve_public(host, port)
    body = json.dumps(payload(alert), sort_keys=True).encode()
    timestamp = int(time.time())
    signed = signature(policy.webhook_secret, timestamp, body)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Trellis-Alerts/1",
        "X-Trellis-Signature": f"t={timestamp},v1={signed}",
        "X-Trellis-Delivery": f"{alert.pk}-{alert.escalation_level}",
    }
    if scheme == "https":
        connection = _PinnedHTTPSConnection(
            host, address, port=port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
    else:
        connection = _PinnedHTTPConnection(host, address, port=port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("POST", path, body=body, headers=headers)
        status = connection.getresponse().status
    except (OSError, http.client.HTTPException) as error:
        raise WebhookError(
            f"Could not reach the clinic's endpoint (no connection, or no answer within "
            f"{TIMEOUT_SECONDS} seconds)."
        ) from error
    finally:
        connection.close()
    if 300 <= status < 400:
        raise WebhookError(
            f"The clinic's endpoint answered with a redirect (HTTP {status}); Trellis does not "
            "follow redirects. Set the final address."
        )
    if not 200 <= status < 300:
        raise WebhookError(f"The clinic's endpoint answered HTTP {status}.")
