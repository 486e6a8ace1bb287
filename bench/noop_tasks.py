"""Worker-side pieces of bench/alert_latency.py, loaded only into its worker
with `celery -A config worker -I bench.noop_tasks`; the app knows nothing of them.

- `noop`: a task that does nothing, for the latency floor. It notes the moment
  it ran in a Redis list the harness reads, so no result backend is needed.
- When each alert delivery task started: noted in memory at task_prerun and
  pushed to Redis at task_postrun, after the email has gone, so the measured
  path pays only for a dict insert. The harness uses it to split an alert's
  latency into "reaching the worker" and "the worker's own work".
"""

import json
import time
from functools import cache

import redis
from celery import shared_task
from celery.signals import task_postrun, task_prerun
from django.conf import settings

DELIVER_TASK = "apps.alerts.tasks.deliver"
STARTS_KEY = "bench:deliver-starts"

_started: dict[str, float] = {}


@cache
def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL)


@shared_task
def noop(sent_at: float, results_key: str) -> float:
    """Record (sent_at, ran_at) in `results_key` and return the delay."""
    ran_at = time.time()
    _redis().rpush(results_key, json.dumps([sent_at, ran_at]))
    return ran_at - sent_at


@task_prerun.connect
def _deliver_started(sender=None, task_id=None, **_kwargs):
    if sender is not None and sender.name == DELIVER_TASK:
        _started[task_id] = time.time()


@task_postrun.connect
def _deliver_finished(sender=None, task_id=None, args=None, **_kwargs):
    started_at = _started.pop(task_id, None)
    if started_at is not None and args:
        _redis().rpush(STARTS_KEY, json.dumps([args[0], started_at]))
