"""Thin adapters: each task takes ids and calls a service."""

import time

from celery import shared_task
from django.core.cache import cache

from .services import DeliveryOutcome, alert_deliver, alerts_sweep

HEARTBEAT_KEY = "alerts:worker-heartbeat"


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver(self, alert_id: int) -> str:
    outcome = alert_deliver(alert_id=alert_id)
    if outcome == DeliveryOutcome.RETRY:
        # Backoff 10 s, 20 s, 40 s … capped at 5 minutes; the alert is pending
        # again, so the sweep would pick it up even if this retry were lost.
        raise self.retry(countdown=min(10 * 2**self.request.retries, 300))
    return outcome


@shared_task
def sweep() -> int:
    return len(alerts_sweep())


@shared_task
def heartbeat() -> float:
    now = time.time()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now
