"""/health/: is the alert pipeline alive? For a monitor, not a person.

Reports the database, Redis, the worker heartbeat (written by a task that beat
schedules, so it proves both run) and the age of the oldest undelivered
alert. Answers 200 when all is well and 503 when anything is wrong, with the
details as JSON. It carries no patient data, only counts and ages.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Alert, AlertState
from .tasks import HEARTBEAT_KEY

UNDELIVERED = [AlertState.PENDING, AlertState.SENDING, AlertState.FAILED]


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}


def _redis() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "configured": False}
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
        return {"ok": True, "configured": True}
    except Exception as error:
        return {"ok": False, "configured": True, "error": type(error).__name__}


def _heartbeat() -> dict:
    try:
        beat = cache.get(HEARTBEAT_KEY)
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    if beat is None:
        return {"ok": False, "age_seconds": None}
    age = round(time.time() - beat, 1)
    return {"ok": age <= settings.HEALTH_MAX_HEARTBEAT_AGE_SECONDS, "age_seconds": age}


def _alerts() -> dict:
    try:
        undelivered = Alert.objects.filter(state__in=UNDELIVERED, in_digest=False)
        oldest = undelivered.aggregate(oldest=Min("created_at"))["oldest"]
        failed = Alert.objects.filter(state=AlertState.FAILED).count()
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    age = round((timezone.now() - oldest).total_seconds(), 1) if oldest else 0
    return {
        "ok": age <= settings.HEALTH_MAX_UNDELIVERED_AGE_SECONDS and failed == 0,
        "oldest_undelivered_age_seconds": age,
        "failed": failed,
    }


@never_cache
@require_GET
def health(request):
    checks = {"database": _database(), "redis": _redis()}
    checks["worker_heartbeat"] = _heartbeat() if checks["redis"]["ok"] else {"ok": False}
    checks["alerts"] = _alerts() if checks["database"]["ok"] else {"ok": False}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks},
        status=200 if healthy else 503,
    )
