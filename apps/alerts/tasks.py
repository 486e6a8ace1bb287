"""Thin adapters: each task takes ids (or nothing) and calls a service."""

import time

from celery import shared_task
from django.core.cache import cache

from .services import (
    DeliveryOutcome,
    alert_deliver,
    alerts_digest,
    alerts_escalate,
    alerts_sweep,
    retry_countdown,
)

HEARTBEAT_KEY = "alerts:worker-heartbeat"


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver(self, alert_id: int) -> str:
    outcome = alert_deliver(alert_id=alert_id)
    if outcome == DeliveryOutcome.RETRY:
        # The alert is pending again, so the sweep would pick it up even if
        # this retry message were lost.
        raise self.retry(countdown=retry_countdown(self.request.retries))
    return outcome


@shared_task(acks_late=True)
def sweep() -> int:
    return len(alerts_sweep())


@shared_task(acks_late=True)
def escalate() -> int:
    return len(alerts_escalate())


@shared_task(acks_late=True)
def digest() -> int:
    return alerts_digest()


@shared_task
def heartbeat() -> float:
    """Proves that beat schedules and a worker runs; /health/ reads it."""
    now = time.time()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now
