"""What bench/checkin_submit.py and bench/load.py share: the app's own
processes on loopback (tests/stack.py's AppProcesses: gunicorn, Celery worker,
beat) against the PostgreSQL and Redis that scripts/with-services.sh started,
synthetic people with ready-made sessions, a small HTTP client, and the checks
every benchmark makes of its own work.

People sign in by a session written straight to the database, not through the
login form: a login costs a password hash (PBKDF2, about half a second of
CPU), which would measure the hasher. The session holds what a login writes:
Django's three auth keys and the app's own (apps.accounts.sessions.session_values,
the same function the login signal calls: the session clock the
SessionLifetimeMiddleware requires, and whether the person has MFA). Before
any session is written, `login_keys_check` signs one person in through
django.contrib.auth.login and fails the run if a real login writes a key these
sessions lack, so the harness cannot silently drift from the app again (it
did: sessions without the clock were refused, every POST got a 302 to the
login page, and the check-in benchmark counted those as saves).

A request counts only when its response is the expected one (`Checks`): a
redirect to the expected place (a redirect to the login page is named as
such), or a page with the expected status and a marker in its body. Rows the
requests should have made are counted before and after and compared with the
successes (`Checks.rows`); any disagreement fails the run (BenchError, exit 1).
"""

import http.client
import os
import secrets
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
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
# A fixed TOTP secret for synthetic staff: staff must have a second factor
# (MfaRequiredMiddleware), so the harness gives them one, as an enrolled
# clinician has.
BENCH_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


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
        (
            User(
                email=f"{prefix}{i}@bench.invalid",
                full_name=f"{prefix.title()} {i}",
                password=unusable,
            )
            for i in range(count)
        ),
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        (Membership(user=u, clinic=clinic, role=role) for u in users), batch_size=2000
    )
    return users


def mfa_enable(users) -> None:
    """Give each (staff) user a TOTP authenticator, as an enrolled clinician has."""
    from allauth.mfa.totp.internal.auth import TOTP

    for user in users:
        if not user.authenticator_set.exists():
            TOTP.activate(user, BENCH_TOTP_SECRET)


def session_data(user) -> dict:
    """What django.contrib.auth.login and the app's login signal write."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from apps.accounts.sessions import session_values
    from apps.diaries.locale_middleware import SESSION_KEY as LANGUAGE_KEY

    return {
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: user.get_session_auth_hash(),
        # The session clock and MFA note, from the function the login signal calls.
        **session_values(user=user),
        # The patient's language, put in the session at login (issue 19); the
        # bench's patients have chosen none, which login writes as "".
        LANGUAGE_KEY: "",
    }


def login_keys_check(user) -> None:
    """Sign `user` in through django.contrib.auth.login (signals and all) on a
    throwaway request, and fail if that session holds a key session_data
    lacks: a key the middleware may require that these sessions would not have."""
    from django.contrib.auth import login
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = SessionStore()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    real = set(request.session.keys())
    request.session.delete()
    missing = real - set(session_data(user))
    if missing:
        raise BenchError(
            f"a real login writes session keys the harness does not: {sorted(missing)}; "
            "update bench/live.py session_data"
        )


def signed_in(users) -> list[Person]:
    """A session per user holding what a login writes (session_data), bulk-inserted."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils.crypto import get_random_string

    if not users:
        return []
    login_keys_check(users[0])
    store = SessionStore()
    expires = store.get_expiry_date()
    people, rows = [], []
    for user in users:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        rows.append(
            Session(
                session_key=key, session_data=store.encode(session_data(user)), expire_date=expires
            )
        )
        # Django accepts the unmasked 32-character secret as the form token.
        people.append(Person(user.pk, user.email, key, secrets.token_hex(16)))
    Session.objects.bulk_create(rows, batch_size=2000)
    return people


def cpu_seconds(pids) -> float:
    """utime + stime of these processes (and, counted in cutime/cstime, the
    children they have reaped), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])
    return total / ticks


def postgres_pid() -> int | None:
    """The PostgreSQL server this run uses (found by DATABASE_URL's port), if local."""
    port = urllib.parse.urlsplit(os.environ.get("DATABASE_URL", "")).port
    if port is None:
        return None
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if args and args[0].endswith(b"postgres") and str(port).encode() in args:
                return int(entry.name)
    return None


class CpuWatch:
    """CPU seconds used by process trees (e.g. gunicorn, PostgreSQL) and by
    this process, between start() and stop()."""

    def __init__(self, roots: dict):
        from bench.alert_latency import descendants

        self.roots = {name: pid for name, pid in roots.items() if pid}
        self._descendants = descendants

    def _now(self) -> dict:
        found = {
            name: cpu_seconds([pid, *self._descendants(pid)]) for name, pid in self.roots.items()
        }
        times = os.times()
        return found | {"harness": times.user + times.system}

    def start(self):
        self.started = self._now()

    def stop(self) -> dict:
        ended = self._now()
        return {name: ended[name] - self.started.get(name, 0) for name in ended}


def app_start(var_dir: Path, *, smtp_port: int, web_workers: int, web_threads: int, **env):
    from django.conf import settings

    from tests.stack import AppProcesses

    app = AppProcesses(
        var_dir, redis_url=settings.REDIS_URL, smtp_port=smtp_port, **(PRODUCTION_CLOCKS | env)
    )
    app.start_web(workers=web_workers, threads=web_threads)
    app.start_worker(concurrency=2)
    return app


@dataclass
class Response:
    status: int
    location: str | None
    body: bytes
    elapsed: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Client:
    """One HTTP/1.1 connection per request, as separate people's browsers."""

    def __init__(self, port: int):
        self.port = port

    def request(self, method, path, person, form=None) -> Response:
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
            content = response.read()
            return Response(
                response.status,
                response.getheader("Location"),
                content,
                time.perf_counter() - started,
            )
        finally:
            connection.close()


# --- checking the work -------------------------------------------------------------------


def login_path() -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


def redirect_problem(response: Response, target: str) -> str | None:
    """None when `response` is a 302 to `target` (a path, or a prefix of one
    ending in '?' or '='); otherwise what is wrong, in words."""
    location = response.location or ""
    path = urllib.parse.urlsplit(location)
    where = path.path + (f"?{path.query}" if path.query else "")
    if response.status == 302 and (
        where == target or (target.endswith(("?", "=")) and where.startswith(target))
    ):
        return None
    if response.status in (301, 302, 303) and path.path == login_path():
        return f"redirected to the login page ({location}): the session was refused"
    if response.status == 302:
        return f"redirected to {location!r}, expected {target!r}"
    return f"HTTP {response.status}, expected a 302 to {target!r}"


def page_problem(response: Response, marker: str, status: int = 200) -> str | None:
    """None when `response` has `status` and its body contains `marker`."""
    if response.status != status:
        if response.status in (301, 302, 303) and (response.location or "").startswith(
            login_path()
        ):
            return f"redirected to the login page ({response.location}): the session was refused"
        return f"HTTP {response.status} (Location {response.location!r}), expected {status}"
    if marker not in response.text:
        return f"HTTP {status} but the page lacks {marker!r}"
    return None


def rows_problem(what: str, *, expected: int, found: int) -> str | None:
    if expected == found:
        return None
    return f"{what}: {found} rows, expected {expected} (one per counted success)"


class Checks:
    """Successes and problems, by kind of request, from many threads."""

    SAMPLES = 5

    def __init__(self):
        self.lock = threading.Lock()
        self.successes: Counter = Counter()
        self.failures: Counter = Counter()
        self.samples: Counter = Counter()  # distinct "kind: problem" texts
        self.problems: list[str] = []  # the run's own verdicts (rows, alerts...)

    def _note(self, kind: str, problem: str | None) -> bool:
        with self.lock:
            if problem is None:
                self.successes[kind] += 1
                return True
            self.failures[kind] += 1
            text = f"{kind}: {problem}"
            if text in self.samples or len(self.samples) < 50:
                self.samples[text] += 1
            return False

    def redirect(self, kind: str, response: Response, target: str) -> bool:
        return self._note(kind, redirect_problem(response, target))

    def page(self, kind: str, response: Response, marker: str, status: int = 200) -> bool:
        return self._note(kind, page_problem(response, marker, status))

    def error(self, kind: str, text: str) -> None:
        self._note(kind, text)

    def rows(self, what: str, *, expected: int, found: int) -> bool:
        problem = rows_problem(what, expected=expected, found=found)
        if problem:
            with self.lock:
                self.problems.append(problem)
        return problem is None

    def problem(self, text: str) -> None:
        with self.lock:
            self.problems.append(text)

    def verdict(self) -> list[str]:
        """Every problem in words: failed requests by kind (with examples),
        then the run's own checks."""
        found = []
        if self.failures:
            by_kind = ", ".join(f"{kind} {n}" for kind, n in sorted(self.failures.items()))
            found.append(
                f"{sum(self.failures.values())} failed requests ({by_kind}), e.g. "
                + "; ".join(f"{text} (x{n})" for text, n in self.samples.most_common(self.SAMPLES))
            )
        return found + self.problems

    def raise_if_any(self, extra: str = "") -> None:
        problems = self.verdict()
        if problems:
            raise BenchError("the run's counts disagree:\n  " + "\n  ".join(problems) + extra)


def percentiles_ms(values: list[float]) -> dict:
    stats = summarize(values)
    return {k: (round(v * 1000, 1) if k != "n" else v) for k, v in stats.items()} | {
        "p95": round(sorted_percentile(values, 95) * 1000, 1)
    }


def sorted_percentile(values, q):
    from bench.alert_latency import percentile

    return percentile(sorted(values), q)
