"""Real parts for the tests that break things on purpose.

A Redis server the test may stop and start, an SMTP server the test may make
fail (the one fake: the edge of the world), and the app's own processes (web
under gunicorn, Celery workers, beat) pointed at the test database. All on
loopback, all stopped when the test ends.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from email import message_from_bytes
from http.cookiejar import Cookie, CookieJar
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from apps.accounts.sessions import session_values

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, timeout=30.0, interval=0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def quiet_window(interval: float, *, after: float = 0.0, runs: int = 2, margin: float = 3.0):
    """Seconds to watch for something that must NOT happen (a second email, a
    second build, an escalation).

    A job that beat runs every `interval` seconds, and that acts only on rows
    older than `after` seconds, gets `runs` chances in this window, and
    `margin` more lets a slow machine (two cores, other tests running) carry
    out what the job started: a worker taking the message, an SMTP exchange.
    Derived from the values the processes were given (AppProcesses.seconds),
    so a longer interval lengthens the window instead of leaving a fixed
    sleep that no longer covers a single run and so tests nothing.
    """
    return after + runs * interval + margin


class RedisServer:
    """A throwaway redis-server on a fixed port, so it can come back."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(self._answers, timeout=10), "redis-server did not start"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class SmtpServer:
    """An SMTP server that records what it accepts and fails when told to.

    `fail_next(n, code)` answers the next n messages with an error;
    `refuse_all()` answers every message with a permanent error;
    `hold_next()` keeps the next message waiting, unanswered, until
    `release()` or until the client goes away (then nothing is accepted,
    as with a real server when the sender dies before the end of DATA).
    """

    def __init__(self):
        self.accepted = []  # (time received, email.message.Message)
        self.port = free_port()
        self._lock = threading.Lock()
        self._failures = []
        self._refuse = False
        self._hold = False
        self.holding = threading.Event()
        self._released = None
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        self._loop = self.controller.loop

    def stop(self):
        self.release()
        self.controller.stop()

    def fail_next(self, count: int, code: str = "451 4.3.0 Try again later"):
        with self._lock:
            self._failures.extend([code] * count)

    def refuse_all(self):
        self._refuse = True

    def hold_next(self):
        self._hold = True

    def release(self):
        if self._released is not None:
            self._loop.call_soon_threadsafe(self._released.set)

    async def handle_DATA(self, server, session, envelope):
        if self._refuse:
            return "554 5.7.1 Delivery refused"
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
        if failure:
            return failure
        if self._hold:
            self._hold = False
            self._released = asyncio.Event()
            self.holding.set()
            await self._released.wait()  # cancelled if the client disconnects
        with self._lock:
            self.accepted.append((time.time(), message_from_bytes(envelope.content)))
        return "250 2.0.0 Accepted"

    def for_alert(self, alert_id: int) -> list:
        with self._lock:
            return [m for _t, m in self.accepted if m["X-Trellis-Alert"] == str(alert_id)]

    def alert_ids(self) -> list[str]:
        with self._lock:
            return [m["X-Trellis-Alert"] for _t, m in self.accepted]


def database_url_for_tests() -> str:
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class AppProcesses:
    """The app's web, worker and beat processes against the test database."""

    def __init__(self, directory: Path, *, redis_url: str, smtp_port: int, **env):
        self.directory = directory
        self.processes: dict[str, subprocess.Popen] = {}
        self.web_port = None
        self.env = (
            os.environ
            | {
                "DJANGO_ENV": "development",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DATABASE_URL": database_url_for_tests(),
                "DATABASE_CONN_MAX_AGE": "0",
                "REDIS_URL": redis_url,
                "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
                "TRELLIS_VAR_DIR": str(directory / "var"),
                # Fast clocks for the alert jobs, so the test takes seconds.
                "ALERT_JOBS_INTERVAL_SECONDS": "1",
                "ALERT_SWEEP_AFTER_SECONDS": "2",
                "ALERT_CLAIM_TIMEOUT_SECONDS": "30",
                "ALERT_RETRY_BASE_SECONDS": "0.3",
                "ALERT_MAX_DELIVERY_ATTEMPTS": "3",
                "EMAIL_TIMEOUT": "20",
            }
            | {key: str(value) for key, value in env.items()}
        )

    def seconds(self, name: str) -> float:
        """A duration the processes were given (e.g. ALERT_JOBS_INTERVAL_SECONDS)."""
        return float(self.env[name])

    def _spawn(self, name, args):
        log = open(self.directory / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self.processes[name]

    def log_size(self, name) -> int:
        path = self.directory / f"{name}.log"
        return path.stat().st_size if path.exists() else 0

    def log_since(self, name, offset: int) -> str:
        """The process's log from byte `offset` on (a start's own lines)."""
        path = self.directory / f"{name}.log"
        if not path.exists():
            return ""
        with path.open("rb") as handle:
            handle.seek(offset)
            return handle.read().decode(errors="replace")

    def log(self, name, *, tail: int | None = 4000) -> str:
        """The process's log, its last `tail` characters (enough for an assertion
        message); tail=None for all of it, to find a line written at start."""
        path = self.directory / f"{name}.log"
        if not path.exists():
            return ""
        text = path.read_text(errors="replace")
        return text if tail is None else text[-tail:]

    def start_web(self, workers=2, threads=4):
        self.web_port = free_port()
        self._spawn(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--timeout",
                "60",
            ],
        )
        # 90 s, not 30: each web worker warms up before its first answer (rules,
        # URLconf, templates), and on a busy shared machine that took 45 s.
        assert wait_for(lambda: self._web_answers(), timeout=90), self.log("web")

    def _web_answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.base_url}/crisis/", timeout=2) as response:
                return response.status == 200
        except (OSError, urllib.error.URLError):
            return False

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def start_worker(self, name="worker", concurrency=1):
        pool = (
            ["--pool=solo"]
            if concurrency == 1
            else ["--pool=prefork", f"--concurrency={concurrency}"]
        )
        started_at = self.log_size(name)
        self._spawn(
            name,
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                *pool,
                "--loglevel=INFO",
                "--without-mingle",
                "--without-gossip",
                "-n",
                f"{name}@%h",
            ],
        )
        # A worker loads the semantic crisis model before it is ready (1-3 s, more on a
        # busy machine): generous, since a slow start is not what these tests test.
        # Read from where this start began writing (a restarted worker appends to its
        # old log, whose " ready." must not count), and all of it: on a busy worker the
        # line can scroll out of the log's last few thousand characters before a look.
        assert wait_for(lambda: " ready." in self.log_since(name, started_at), timeout=60), (
            self.log(name)
        )

    def start_beat(self):
        self._spawn(
            "beat",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "--loglevel=INFO",
                "--schedule",
                str(self.directory / "beat-schedule"),
            ],
        )

    def kill(self, name):
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self):
        for name in list(self.processes):
            process = self.processes.pop(name)
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)


class Browser:
    """A signed-in HTTP client for the live server, with real cookies and CSRF."""

    def __init__(self, base_url: str, user):
        self.base_url = base_url
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        # What a real login adds (the session clock, whether MFA is set up).
        session.update(session_values(user=user))
        session.save()
        self._set_cookie(settings.SESSION_COOKIE_NAME, session.session_key)

    def _set_cookie(self, name, value):
        self.jar.set_cookie(
            Cookie(
                0,
                name,
                value,
                None,
                False,
                "127.0.0.1",
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )
        )

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()

    def post_form(self, path, data):
        """GET the form for its CSRF token, then POST it; returns
        (status, final URL, body) after following redirects."""
        _status, _url, page = self.get(path)
        marker = 'name="csrfmiddlewaretoken" value="'
        token = page[page.index(marker) + len(marker) :].split('"', 1)[0]
        body = urllib.parse.urlencode(data | {"csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(
            self.base_url + path, data=body, headers={"Referer": self.base_url + path}
        )
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.geturl(), response.read().decode()
