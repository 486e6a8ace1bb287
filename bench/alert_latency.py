"""Alert latency: from a crisis check-in's COMMIT to its email at the SMTP server.

Run (from the repository root):

    scripts/with-services.sh uv run python bench/alert_latency.py \\
        --alerts 200 --json var/bench/alert_latency.json

Everything is real except the SMTP server, a loopback aiosmtpd fake run by
this process: PostgreSQL and Redis (from DATABASE_URL / REDIS_URL, which
scripts/with-services.sh provides), a Celery worker subprocess (prefork with
2 children as in the Procfile, or --pool solo), Django's SMTP backend. The
harness migrates the (fresh) database, creates one clinic, one clinician and
a patient per check-in, starts the worker, waits for it to be ready (one no-op
round trip), warms up (--warmup of each, not counted), then takes samples one
at a time, alternating:

- alert: `checkin_submit(...)` with crisis language for a new patient; the
  clock starts when the transaction commits and stops when the fake SMTP
  server's handle_DATA receives the email whose X-Trellis-Alert header names
  the alert. The next sample starts once the worker has marked it delivered.
- noop (the floor): `noop.apply_async(...)`, from the call until the task body
  runs in the worker (bench/noop_tasks.py).

Both clocks are time.time() on the same machine. The alert's time is also
split into stages (enqueue, reaching the worker, the worker's work before SMTP,
the SMTP conversation), and the worker's peak RSS (VmHWM, its children too) is
read from /proc. It prints a table, writes everything as JSON with --json, and
exits 1 if anything fails or runs past --timeout, or if the run's own counts
disagree: there must be exactly one check-in and one delivered crisis alert
per sample (warm-up included), one email per alert at the SMTP server, no
duplicate and no email without an alert header.
"""

import argparse
import json
import logging
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CRISIS_TEXT = "I want to kill myself."
CRISIS_MOOD = 5  # above the very-low-mood threshold, so one finding: crisis language
AIM_P99_SECONDS = 2.0
AIM_MAX_RATIO = 3.0


class BenchError(Exception):
    """The run cannot go on; the message says why."""


class Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise BenchError(f"gave up: the run took longer than --timeout {self.seconds:.0f} s")
        return left


# --- the fake SMTP server -----------------------------------------------------------------


@dataclass
class Received:
    alert_id: str | None
    ehlo_at: float | None
    received_at: float


class SmtpInbox:
    """aiosmtpd handler: notes when each session said EHLO and when each
    message's DATA arrived, keyed by the X-Trellis-Alert header."""

    def __init__(self):
        self.condition = threading.Condition()
        self.by_alert: dict[str, list[Received]] = {}
        self.unmatched = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        session.bench_ehlo_at = time.time()
        return responses

    async def handle_DATA(self, server, session, envelope):
        received_at = time.time()
        alert_id = message_from_bytes(envelope.content)["X-Trellis-Alert"]
        record = Received(alert_id, getattr(session, "bench_ehlo_at", None), received_at)
        with self.condition:
            if alert_id is None:
                self.unmatched += 1
            else:
                self.by_alert.setdefault(alert_id, []).append(record)
            self.condition.notify_all()
        return "250 2.0.0 Accepted"

    def wait_for(self, alert_id: int, timeout: float) -> Received | None:
        key = str(alert_id)
        with self.condition:
            if not self.condition.wait_for(lambda: key in self.by_alert, timeout=timeout):
                return None
            return self.by_alert[key][0]

    def duplicates(self) -> int:
        with self.condition:
            return sum(len(records) - 1 for records in self.by_alert.values())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_start(inbox: SmtpInbox):
    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


# --- the environment ------------------------------------------------------------------------


def environment_check() -> None:
    missing = [name for name in ("DATABASE_URL", "REDIS_URL") if not os.environ.get(name)]
    if missing:
        raise BenchError(
            f"{' and '.join(missing)} not set. This benchmark measures PostgreSQL + Redis, "
            "not the embedded SQLite/filesystem default; run it under scripts/with-services.sh."
        )
    if not os.environ["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        raise BenchError("DATABASE_URL must name a PostgreSQL database")


def django_setup(var_dir: Path, smtp_port: int) -> dict:
    """Point this process (and, through the returned environment, the worker)
    at the fake SMTP server and a throwaway var dir, then set Django up."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{smtp_port}"
    os.environ["TRELLIS_VAR_DIR"] = str(var_dir)
    import django

    django.setup()
    return dict(os.environ)


def database_prepare(patients: int):
    """Migrate the fresh database and build one clinic, one clinician and
    `patients` patients, each with the clinician as primary."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from apps.accounts.models import User
    from apps.clinics.models import CareTeam, Clinic, Membership, Role

    call_command("migrate", interactive=False, verbosity=0)
    if User.objects.exists():
        raise BenchError("the database already has users; the benchmark needs a fresh one")

    clinic = Clinic.objects.create(name="Bench Clinic", timezone="UTC")
    clinician = User.objects.create_user(email="clinician@bench.invalid", full_name="Bench Clin")
    Membership.objects.create(user=clinician, clinic=clinic, role=Role.CLINICIAN)
    unusable = make_password(None)
    people = User.objects.bulk_create(
        User(email=f"patient{i}@bench.invalid", full_name=f"Patient {i}", password=unusable)
        for i in range(patients)
    )
    Membership.objects.bulk_create(
        Membership(user=p, clinic=clinic, role=Role.PATIENT) for p in people
    )
    CareTeam.objects.bulk_create(
        CareTeam(clinic=clinic, patient=p, clinician=clinician, is_primary=True) for p in people
    )
    return clinic, people


# --- the worker -------------------------------------------------------------------------------


def worker_start(env: dict, var_dir: Path, pool: str, concurrency: int) -> subprocess.Popen:
    pool_args = ["--pool=solo"] if pool == "solo" else ["--pool=prefork", f"-c{concurrency}"]
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "-I",
        "bench.noop_tasks",
        *pool_args,
        "--loglevel=INFO",
        "--without-mingle",
        "--without-gossip",
        "-n",
        f"bench-{uuid.uuid4().hex[:8]}@%h",
    ]
    with open(var_dir / "worker.log", "wb") as log:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def worker_stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # warm shutdown
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the worker's own group (start_new_session)
        process.wait(timeout=10)


def worker_log_tail(var_dir: Path, chars: int = 3000) -> str:
    path = var_dir / "worker.log"
    return path.read_text(errors="replace")[-chars:] if path.exists() else "(no worker log)"


class MemoryWatch:
    """Peak resident memory (VmHWM) of the worker and its descendants, polled
    while it runs so prefork children are seen even if they are replaced."""

    def __init__(self, pid: int, interval: float = 1.0):
        self.pid = pid
        self.interval = interval
        self.peaks: dict[int, int] = {}  # pid -> VmHWM in KiB
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        self.sample()
        children = {pid: kib for pid, kib in self.peaks.items() if pid != self.pid}
        return {
            "main_kib": self.peaks.get(self.pid),
            "children_kib": list(children.values()),
            "total_kib": sum(self.peaks.values()),
        }

    def _run(self):
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self):
        for pid in [self.pid, *descendants(self.pid)]:
            kib = vm_hwm_kib(pid)
            if kib is not None:
                self.peaks[pid] = max(kib, self.peaks.get(pid, 0))


def vm_hwm_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def descendants(pid: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found.extend(children)
        frontier.extend(children)
    return found


# --- one sample of each kind ---------------------------------------------------------------


@dataclass
class AlertSample:
    alert_id: int
    committed_at: float
    returned_at: float  # checkin_submit returned: the on_commit enqueue has run
    ehlo_at: float | None
    received_at: float
    started_at: float | None = None  # the worker began the deliver task
    delivered_at: float | None = None

    @property
    def latency(self) -> float:
        return self.received_at - self.committed_at


@dataclass
class Runner:
    inbox: SmtpInbox
    redis: object
    clinic: object
    patients: list
    sample_timeout: float
    deadline: Deadline
    noop_key: str = field(default_factory=lambda: f"bench:noop:{uuid.uuid4().hex}")

    def wait_seconds(self) -> float:
        return min(self.sample_timeout, self.deadline.remaining())

    def timed_out(self, what: str):
        self.deadline.remaining()  # says so if it is the whole run that ran out
        raise BenchError(f"{what} within --sample-timeout {self.sample_timeout:.0f} s")

    def alert_once(self) -> AlertSample:
        """One crisis check-in for a patient who has none yet."""
        from django.db import transaction

        from apps.alerts.models import Alert, AlertState
        from apps.diaries.services import checkin_submit

        patient = self.patients.pop()
        stamps = {}
        # checkin_submit is atomic; the outer block only lets a hook run first
        # at COMMIT, before the hook that enqueues the delivery.
        with transaction.atomic():
            transaction.on_commit(lambda: stamps.setdefault("committed", time.time()))
            result = checkin_submit(
                patient=patient, clinic=self.clinic, mood=CRISIS_MOOD, journal=CRISIS_TEXT
            )
        returned_at = time.time()
        if len(result.alerts) != 1:
            raise BenchError(f"expected one alert from the check-in, got {len(result.alerts)}")
        alert_id = result.alerts[0].pk
        received = self.inbox.wait_for(alert_id, self.wait_seconds())
        if received is None:
            self.timed_out(f"no email for alert {alert_id}")
        # Let the worker finish (Delivery rows, state) so the next sample
        # starts with an idle worker.
        give_up = time.monotonic() + self.wait_seconds()
        while not Alert.objects.filter(pk=alert_id, state=AlertState.DELIVERED).exists():
            if time.monotonic() > give_up:
                self.timed_out(f"alert {alert_id} was emailed but not marked delivered")
            time.sleep(0.005)
        return AlertSample(
            alert_id, stamps["committed"], returned_at, received.ehlo_at, received.received_at
        )

    def noop_once(self) -> float:
        from bench.noop_tasks import noop

        sent_at = time.time()
        noop.apply_async((sent_at, self.noop_key))
        popped = self.redis.blpop([self.noop_key], timeout=self.wait_seconds())
        if popped is None:
            self.timed_out("the no-op task did not run")
        echoed, ran_at = json.loads(popped[1])
        if echoed != sent_at:
            raise BenchError("the no-op results list holds a stale entry")
        return ran_at - sent_at

    def worker_ready(self, process: subprocess.Popen, timeout: float) -> None:
        """The first no-op round trip, allowing for the worker's start-up."""
        from bench.noop_tasks import noop

        sent_at = time.time()
        noop.apply_async((sent_at, self.noop_key))
        give_up = time.monotonic() + min(timeout, self.deadline.remaining())
        while time.monotonic() < give_up:
            if process.poll() is not None:
                raise BenchError(f"the worker exited with code {process.returncode}")
            if self.redis.blpop([self.noop_key], timeout=1) is not None:
                return
        self.deadline.remaining()  # says so if it is the whole run that ran out
        raise BenchError(f"the worker did not run a no-op task within {timeout:.0f} s")


def worker_times_fill(samples: list[AlertSample], redis_client, expected: int) -> None:
    """Add when the worker started each deliver task (noted by
    bench/noop_tasks.py after the task ends) and the Alert's delivered_at."""
    from apps.alerts.models import Alert
    from bench.noop_tasks import STARTS_KEY

    give_up = time.monotonic() + 10
    while redis_client.llen(STARTS_KEY) < expected and time.monotonic() < give_up:
        time.sleep(0.05)
    starts = {}
    for raw in redis_client.lrange(STARTS_KEY, 0, -1):
        alert_id, started_at = json.loads(raw)
        starts.setdefault(alert_id, started_at)  # the first attempt
    delivered = dict(
        Alert.objects.filter(pk__in=[s.alert_id for s in samples]).values_list("pk", "delivered_at")
    )
    for sample in samples:
        sample.started_at = starts.get(sample.alert_id)
        if delivered.get(sample.alert_id):
            sample.delivered_at = delivered[sample.alert_id].timestamp()


def work_check(clinic, inbox: SmtpInbox, *, expected: int) -> dict:
    """The rows and emails the samples should have made, and nothing else:
    one check-in and one delivered crisis alert per sample (warm-up
    included), and exactly one email per alert. Raises BenchError otherwise."""
    from apps.alerts.models import Alert, AlertState
    from apps.diaries.models import CheckIn

    checkins = CheckIn.objects.filter(clinic=clinic).count()
    alerts = Alert.objects.filter(clinic=clinic)
    found = {
        "checkins": checkins,
        "alerts": alerts.count(),
        "alerts_delivered": alerts.filter(state=AlertState.DELIVERED).count(),
        "alerts_emailed": len(inbox.by_alert),
        "duplicate_emails": inbox.duplicates(),
        "unmatched_emails": inbox.unmatched,
    }
    wanted = {
        "checkins": expected,
        "alerts": expected,
        "alerts_delivered": expected,
        "alerts_emailed": expected,
        "duplicate_emails": 0,
        "unmatched_emails": 0,
    }
    wrong = [
        f"{name} {found[name]}, expected {wanted[name]}"
        for name in wanted
        if found[name] != wanted[name]
    ]
    if wrong:
        raise BenchError("the run's counts disagree: " + "; ".join(wrong))
    return found


# --- numbers ------------------------------------------------------------------------------------


def percentile(ordered: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarize(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "median": percentile(ordered, 50),
        "p90": percentile(ordered, 90),
        "p99": percentile(ordered, 99),
        "min": ordered[0],
        "max": ordered[-1],
        "mean": sum(ordered) / len(ordered),
    }


def stages(samples: list[AlertSample]) -> dict:
    """Where an alert's time goes, each from the worker's or server's own clock."""
    complete = [s for s in samples if s.started_at and s.ehlo_at]
    if len(complete) < len(samples):
        raise BenchError(f"{len(samples) - len(complete)} alert(s) lack a task start or EHLO")
    return {
        "commit_to_enqueued": summarize([s.returned_at - s.committed_at for s in samples]),
        "commit_to_task_start": summarize([s.started_at - s.committed_at for s in complete]),
        "task_start_to_smtp_ehlo": summarize([s.ehlo_at - s.started_at for s in complete]),
        "smtp_ehlo_to_data": summarize([s.received_at - s.ehlo_at for s in complete]),
        "data_to_delivered": summarize(
            [s.delivered_at - s.received_at for s in complete if s.delivered_at]
        ),
    }


def machine_info(redis_client) -> dict:
    import celery
    import django
    import kombu
    import psycopg
    import redis
    from django.db import connection

    cpu_model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
    mem_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    os_name = platform.platform()
    os_release = Path("/etc/os-release")
    if os_release.exists():
        for line in os_release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                pretty = line.split("=", 1)[1].strip('"')
                os_name = f"{pretty} (kernel {platform.release()})"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres_version = cursor.fetchone()[0]
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "os": os_name,
        "python": platform.python_version(),
        "django": django.__version__,
        "celery": celery.__version__,
        "kombu": kombu.__version__,
        "redis_py": redis.__version__,
        "psycopg": psycopg.__version__,
        "postgresql": postgres_version,
        "redis_server": redis_client.info("server")["redis_version"],
    }


def code_state() -> dict:
    """The commit measured, and any files changed on top of it."""

    def git(*command) -> str:
        done = subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True)
        return done.stdout if done.returncode == 0 else ""

    status = git("status", "--porcelain", "--untracked-files=no")
    return {
        "commit": git("rev-parse", "HEAD").strip() or None,
        "modified_files": [line[3:] for line in status.splitlines()],
    }


def report_print(result: dict) -> None:
    def ms(value):
        return f"{value * 1000:8.1f}"

    alert, noop = result["alert_latency_s"], result["noop_latency_s"]
    worker = result["worker"]
    print()
    print(
        f"Alert latency, COMMIT -> email at the SMTP server "
        f"(worker: {worker['pool']}, concurrency {worker['concurrency']})"
    )
    print(f"{'':28}{'n':>5}{'median':>9}{'p90':>9}{'p99':>9}{'min':>9}{'max':>9}  (ms)")
    for label, stats in [("alert", alert), ("floor: no-op task", noop)]:
        row = "".join(ms(stats[k]) + " " for k in ("median", "p90", "p99", "min", "max"))
        print(f"{label:28}{stats['n']:>5} {row}")
    print()
    print("Where an alert's time goes:")
    for name, stats in result["alert_stages_s"].items():
        print(f"  {name:26}   median {ms(stats['median'])}   p99 {ms(stats['p99'])}")
    print()
    aim = result["aim"]
    print(f"p99 alert / p99 no-op: {result['ratio_p99_alert_to_noop']:.2f}")
    print(
        f"Aim: alert p99 < {AIM_P99_SECONDS:.0f} s: {'met' if aim['p99_met'] else 'NOT met'}; "
        f"within {AIM_MAX_RATIO:.0f}x the floor: {'met' if aim['ratio_met'] else 'NOT met'}"
    )
    memory = worker["peak_rss"]
    children = ", ".join(f"{kib / 1024:.0f}" for kib in memory["children_kib"]) or "none"
    print(
        f"Worker peak RSS (VmHWM): main {memory['main_kib'] / 1024:.0f} MiB, "
        f"children [{children}] MiB, sum {memory['total_kib'] / 1024:.0f} MiB"
    )
    load = result["load_average_1_5_15"]
    print(f"Load average (1 min) at start / end: {load['start'][0]:.2f} / {load['end'][0]:.2f}")
    checks = result["checks"]
    print(
        f"Checks passed: {checks['checkins']} check-ins, {checks['alerts_delivered']} alerts "
        f"delivered, {checks['alerts_emailed']} emailed; {checks['duplicate_emails']} "
        f"duplicate(s), {checks['unmatched_emails']} without an alert header"
    )


# --- the run ------------------------------------------------------------------------------------


def run(args) -> dict:
    environment_check()
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    load_at_start = os.getloadavg()
    deadline = Deadline(args.timeout)
    var_dir = Path(tempfile.mkdtemp(prefix="trellis-bench-"))
    inbox = SmtpInbox()
    smtp = smtp_start(inbox)
    process = None
    try:
        env = django_setup(var_dir, smtp.port)
        import redis
        from django.conf import settings

        from bench.noop_tasks import STARTS_KEY

        redis_client = redis.Redis.from_url(settings.REDIS_URL)
        redis_client.delete(STARTS_KEY)
        clinic, patients = database_prepare(args.warmup + args.alerts)
        runner = Runner(inbox, redis_client, clinic, patients, args.sample_timeout, deadline)

        process = worker_start(env, var_dir, args.pool, args.concurrency)
        memory = MemoryWatch(process.pid)
        memory.start()
        try:
            runner.worker_ready(process, timeout=60)
            for _ in range(args.warmup):
                runner.alert_once()
                runner.noop_once()
            alerts, noops = [], []
            for i in range(max(args.alerts, args.noops)):
                if i < args.alerts:
                    alerts.append(runner.alert_once())
                if i < args.noops:
                    noops.append(runner.noop_once())
                if process.poll() is not None:
                    raise BenchError(f"the worker exited with code {process.returncode}")
        finally:
            peak_rss = memory.stop()
        worker_times_fill(alerts, redis_client, expected=args.warmup + args.alerts)
        checks = work_check(clinic, inbox, expected=args.warmup + args.alerts)

        alert_stats = summarize([s.latency for s in alerts])
        noop_stats = summarize(noops)
        ratio = alert_stats["p99"] / noop_stats["p99"]
        return {
            "command": " ".join(sys.argv),
            "started": started,
            "machine": machine_info(redis_client),
            "code": code_state(),
            # Other work on the machine skews the numbers; this shows whether there was any.
            "load_average_1_5_15": {"start": load_at_start, "end": os.getloadavg()},
            "worker": {
                "pool": args.pool,
                "concurrency": 1 if args.pool == "solo" else args.concurrency,
                "peak_rss": peak_rss,
            },
            "warmup": args.warmup,
            "alert_latency_s": alert_stats,
            "noop_latency_s": noop_stats,
            "ratio_p99_alert_to_noop": ratio,
            "aim": {
                "p99_under_s": AIM_P99_SECONDS,
                "max_ratio_to_floor": AIM_MAX_RATIO,
                "p99_met": alert_stats["p99"] < AIM_P99_SECONDS,
                "ratio_met": ratio <= AIM_MAX_RATIO,
            },
            "alert_stages_s": stages(alerts),
            "checks": checks,
            "samples_s": {
                "alert": [s.latency for s in alerts],
                "noop": noops,
            },
        }
    except BenchError as error:
        if process is not None:
            tail = worker_log_tail(var_dir)
            raise BenchError(f"{error}\n--- worker log (tail) ---\n{tail}") from error
        raise
    finally:
        if process is not None:
            worker_stop(process)
        smtp.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--alerts", type=int, default=200, help="measured alerts (200)")
    parser.add_argument("--noops", type=int, help="measured no-op tasks (as many as --alerts)")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured of each first (10)")
    parser.add_argument("--pool", choices=["prefork", "solo"], default="prefork")
    parser.add_argument("--concurrency", type=int, default=2, help="prefork children (2)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument(
        "--timeout", type=float, default=900, help="give up after this many seconds (900)"
    )
    parser.add_argument(
        "--sample-timeout", type=float, default=30, help="give up on one sample after (30)"
    )
    args = parser.parse_args(argv)
    if args.noops is None:
        args.noops = args.alerts
    if args.alerts < 1 or args.noops < 1:
        parser.error("--alerts and --noops must be at least 1")
    return args


def main(argv=None) -> int:
    args = arguments(argv)
    try:
        result = run(args)
    except BenchError as error:
        print(f"alert_latency: {error}", file=sys.stderr)
        return 1
    report_print(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
        print(f"JSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
