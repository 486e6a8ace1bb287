"""A task that does nothing, for the latency floor of bench/alert_latency.py.

The worker loads it with `celery -A config worker -I bench.noop_tasks`, so the
app's own code does not know it exists. The task notes the moment it ran in a
Redis list; the harness reads that list, so no result backend is needed.
"""

import json
import time
from functools import cache

import redis
from celery import shared_task
from django.conf import settings


@cache
def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL)


@shared_task
def noop(sent_at: float, results_key: str) -> float:
    """Record (sent_at, ran_at) in `results_key` and return the delay."""
    ran_at = time.time()
    _redis().rpush(results_key, json.dumps([sent_at, ran_at]))
    return ran_at - sent_at
