"""The webhook channel: a signed JSON POST to the clinic's own paging or SMS
system, once per escalation level.

The body holds ids, severity and a link, never journal text or names. The
signature is HMAC-SHA256 over "<timestamp>.<body>" with the clinic's secret,
sent as `X-Trellis-Signature: t=<timestamp>,v1=<hex>`; a receiver recomputes
it and rejects stale timestamps, so a captured request can't be replayed.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.urls import reverse

NAME = "webhook"
PER_PERSON = False
TIMEOUT_SECONDS = 10


class WebhookError(Exception):
    pass


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
    body = json.dumps(payload(alert), sort_keys=True).encode()
    timestamp = int(time.time())
    signed = signature(policy.webhook_secret, timestamp, body)
    request = urllib.request.Request(
        policy.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Trellis-Alerts/1",
            "X-Trellis-Signature": f"t={timestamp},v1={signed}",
            "X-Trellis-Delivery": f"{alert.pk}-{alert.escalation_level}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            if not 200 <= response.status < 300:
                raise WebhookError(f"HTTP {response.status}")
    except urllib.error.HTTPError as error:
        raise WebhookError(f"HTTP {error.code}") from error
