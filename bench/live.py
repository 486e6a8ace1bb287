"""What bench/checkin_submit.py and bench/load.py share: the app's own
processes on loopback (tests/stack.py's AppProcesses: gunicorn, Celery worker,
beat) against the PostgreSQL and Redis that scripts/with-services.sh started,
synthetic people with ready-made sessions, and a small HTTP client.

People sign in by a session written straight to the database (as the tests'
Browser does), not through the login form: a login costs a password hash
(PBKDF2, about half a second of CPU), which would measure the hasher.
"""

import http.client
import os
import secrets
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.alert_latency import (  # noqa: E402
    BenchError,
    MemoryWatch,
    environment_check,
    machine_info,
    summarize,
)

__all__ = ["BenchError", "MemoryWatch", "machine_info", "summarize"]

# The alert jobs at their production pace: the load is the requests, not beat.
PRODUCTION_CLOCKS = {
    "ALERT_JOBS_INTERVAL_SECONDS": "60",
    "ALERT_SWEEP_AFTER_SECONDS": "60",
    "ALERT_CLAIM_TIMEOUT_SECONDS": "300",
    "ALERT_RETRY_BASE_SECONDS": "10",
    "ALERT_MAX_DELIVERY_ATTEMPTS": "5",
}


def django_setup() -> Path:
    environment_check()
    var_dir = Path(tempfile.mkdtemp(prefix="trellis-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["TRELLIS_VAR_DIR"] = str(var_dir)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    return var_dir


@dataclass
class Person:
    pk: int
    email: str
    session: str
    csrf: str

    @property
    def cookie(self) -> str:
        return f"sessionid={self.session}; csrftoken={self.csrf}"


def people_create(clinic, role, count, prefix) -> list:
    from django.contrib.auth.hashers import make_password

    from apps.accounts.models import User
    from apps.clinics.models import Membership

    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            email=f"{prefix}{i}@bench.invalid", full_name=f"{prefix.title()} {i}", password=unusable
        )
        for i in range(count)
    )
    Membership.objects.bulk_create(Membership(user=u, clinic=clinic, role=role) for u in users)
    return users


def signed_in(users) -> list[Person]:
    """A session per user, written as django.contrib.auth.login would."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    people = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        # Django accepts the unmasked 32-character secret as the form token.
        people.append(Person(user.pk, user.email, session.session_key, secrets.token_hex(16)))
    return people


def app_start(var_dir: Path, *, smtp_port: int, web_workers: int, web_threads: int, **env):
    from django.conf import settings

    from tests.stack import AppProcesses

    app = AppProcesses(
        var_dir, redis_url=settings.REDIS_URL, smtp_port=smtp_port, **(PRODUCTION_CLOCKS | env)
    )
    app.start_web(workers=web_workers, threads=web_threads)
    app.start_worker(concurrency=2)
    return app


class Client:
    """One HTTP/1.1 connection per request, as separate people's browsers."""

    def __init__(self, port: int):
        self.port = port

    def request(self, method, path, person, form=None) -> tuple[int, float]:
        headers = {"Cookie": person.cookie}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form | {"csrfmiddlewaretoken": person.csrf})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status, time.perf_counter() - started
        finally:
            connection.close()


def percentiles_ms(values: list[float]) -> dict:
    stats = summarize(values)
    return {k: (round(v * 1000, 1) if k != "n" else v) for k, v in stats.items()} | {
        "p95": round(sorted_percentile(values, 95) * 1000, 1)
    }


def sorted_percentile(values, q):
    from bench.alert_latency import percentile

    return percentile(sorted(values), q)
