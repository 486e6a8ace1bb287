"""Check-in submission throughput and latency on gunicorn, beside a floor.

Run (from the repository root):

    scripts/with-services.sh uv run python bench/checkin_submit.py --seconds 20 \\
        --json var/bench/checkin_submit.json

Real parts on loopback: PostgreSQL and Redis from scripts/with-services.sh,
gunicorn (config.wsgi, --workers/--threads as given) and a Celery worker
(prefork, 2 children), both started by tests/stack.py's AppProcesses with the
alert jobs at their production pace; the SMTP server is the tests' loopback
fake. The web process runs bench.settings, whose URLconf adds one view:

- checkin: POST /diary/ with a mood and a short bland journal, as the form
  sends it (CSRF token, session cookie), each by a patient who has not
  checked in yet today, so every submit creates that day's entry. It counts
  only if the response is the redirect of a saved entry: a 302 whose Location
  is /diary/ (a 302 to the login page, a refused session, is a failure).
- floor: POST /bench/floor/ (bench/floor.py): the same middleware and login
  check, one INSERT in a transaction, the same redirect, checked the same way.

The run checks its own work and exits 1 if anything disagrees: every request
must get the expected response; the check-ins in the database must be exactly
one per counted check-in submit, for exactly the patients who made them, and
the floor's rows one per counted floor submit. The patients must outnumber the
check-ins (--patients); a run that runs out of fresh patients fails.

Before the warm-up, --first sequential check-ins are sent to the fresh
workers and timed on their own (first_request_ms is the slowest of them): with
the rules and the rest loaded when a worker starts (config/wsgi.py), they
should cost about what a steady one does. The web log's "warm start" lines
(one per worker) give each worker's warm-up time.

--clients threads each open a new connection per request and send the next
request as soon as the last one is answered (a closed loop: this measures
capacity, not a given arrival rate). The two kinds alternate in --rounds
rounds of --seconds each, after --warmup seconds of each unmeasured. The
client threads share the machine's cores with the server, PostgreSQL and
Redis. Peak memory is VmHWM from /proc for the gunicorn master and its
workers and for the Celery worker and its children.
"""

import argparse
import json
import logging
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live import (  # noqa: E402
    BenchError,
    Checks,
    Client,
    CpuWatch,
    MemoryWatch,
    app_start,
    django_setup,
    machine_info,
    people_create,
    percentiles_ms,
    postgres_pid,
    signed_in,
)

JOURNAL = "Slept well, a short walk before work."
CHECKIN_PATH = "/diary/"
FLOOR_PATH = "/bench/floor/"
# Where a saved bland entry for today, and the floor, send the browser.
SAVED_TARGET = "/diary/"
WARM_START_LINE = "warm start:"
CELERY_RULES_LINE = "safety rules loaded in"


class OutOfPatients(Exception):
    pass


class Patients:
    """Hands each check-in a patient with no entry yet today; the floor may
    reuse them (its rows are not one per day)."""

    def __init__(self, people):
        self.people = people
        self.lock = threading.Lock()
        self.next = {CHECKIN_PATH: 0, FLOOR_PATH: 0}

    def take(self, path):
        with self.lock:
            index = self.next[path]
            self.next[path] += 1
        if path == FLOOR_PATH:
            return self.people[index % len(self.people)]
        if index >= len(self.people):
            raise OutOfPatients(
                f"all {len(self.people)} patients have checked in; a later submit would "
                "update an entry instead of creating one: raise --patients"
            )
        return self.people[index]


def phase(client, path, patients, checks, saved_by, *, seconds, clients, form):
    """Closed loop for `seconds`: returns (latencies of counted successes, elapsed)."""
    latencies = []
    lock = threading.Lock()
    ends = time.monotonic() + seconds

    def run():
        mine, savers = [], []
        while time.monotonic() < ends:
            try:
                person = patients.take(path)
            except OutOfPatients as error:
                checks.problem(str(error))
                break
            try:
                response = client.request("POST", path, person, form)
            except OSError as error:
                checks.error(path, repr(error))
                continue
            if checks.redirect(path, response, SAVED_TARGET):
                mine.append(response.elapsed)
                savers.append(person.pk)
        with lock:
            latencies.extend(mine)
            saved_by.extend(savers)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.monotonic() - started


def floor_count() -> int:
    from django.db import connection

    from bench.floor import TABLE

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        return cursor.fetchone()[0]


def warm_starts_ms(log: str) -> list[float]:
    """Each web worker's warm-up time, from its "warm start: ... in N ms" line."""
    found = []
    for line in log.splitlines():
        if WARM_START_LINE in line and " in " in line:
            try:
                found.append(float(line.rsplit(" in ", 1)[1].split()[0]))
            except (ValueError, IndexError):
                continue
    return found


def run(args) -> dict:
    var_dir = django_setup()
    import redis
    from django.conf import settings
    from django.db import connection

    from apps.clinics.models import Clinic, Role
    from apps.diaries.models import CheckIn, SemanticRead
    from bench.floor import CREATE_TABLE
    from tests.stack import SmtpServer

    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE)
    clinic = Clinic.objects.create(name="Bench Clinic", timezone="UTC")
    patients = Patients(signed_in(people_create(clinic, Role.PATIENT, args.patients, "patient")))
    checkins_before = CheckIn.objects.filter(clinic=clinic).count()
    floor_before = floor_count()
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    smtp = SmtpServer()
    smtp.start()
    env = {"DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_CONN_MAX_AGE": "60"}
    if args.cold:
        env["TRELLIS_WARM_START"] = "0"
    # The web reads each entry with the semantic layer in the request (the default);
    # --without-semantic measures the check-in as it was before, the sweep's job alone.
    env["TRELLIS_SEMANTIC_AT_CHECKIN"] = "0" if args.without_semantic else "1"
    app = app_start(
        var_dir,
        smtp_port=smtp.port,
        web_workers=args.web_workers,
        web_threads=args.web_threads,
        **env,
    )
    web_memory = MemoryWatch(app.processes["web"].pid)
    worker_memory = MemoryWatch(app.processes["worker"].pid)
    web_memory.start()
    worker_memory.start()
    client = Client(app.web_port)
    checks = Checks()
    saved_by = {CHECKIN_PATH: [], FLOOR_PATH: []}
    load_at_start = os.getloadavg()
    form = {"mood": "6", "journal": JOURNAL}

    kinds = {"checkin": CHECKIN_PATH, "floor": FLOOR_PATH}
    rounds = {kind: [] for kind in kinds}
    latencies = {kind: [] for kind in kinds}
    cpu_used = {kind: {} for kind in kinds}
    first = []
    try:
        # The fresh workers' first requests, one at a time, before anything else.
        for _ in range(args.first):
            person = patients.take(CHECKIN_PATH)
            try:
                response = client.request("POST", CHECKIN_PATH, person, form)
            except OSError as error:
                checks.error(CHECKIN_PATH, f"first request: {error!r}")
                continue
            if checks.redirect(CHECKIN_PATH, response, SAVED_TARGET):
                saved_by[CHECKIN_PATH].append(person.pk)
                first.append(response.elapsed)
        for path in kinds.values():
            phase(
                client, path, patients, checks, saved_by[path],
                seconds=args.warmup, clients=args.clients, form=form,
            )  # fmt: skip
        cpu = CpuWatch({"web": app.processes["web"].pid, "postgres": postgres_pid()})
        for _ in range(args.rounds):
            for kind, path in kinds.items():
                cpu.start()
                done, elapsed = phase(
                    client, path, patients, checks, saved_by[path],
                    seconds=args.seconds, clients=args.clients, form=form,
                )  # fmt: skip
                for name, seconds in cpu.stop().items():
                    cpu_used[kind][name] = cpu_used[kind].get(name, 0) + seconds
                rounds[kind].append(len(done) / elapsed)
                latencies[kind].extend(done)
        checkin_rows = CheckIn.objects.filter(clinic=clinic)
        checkins = checkin_rows.count() - checkins_before
        checkin_patients = set(checkin_rows.values_list("patient_id", flat=True))
        # No beat runs here, so only the web's own readings mark entries read.
        semantic_reads = dict(
            Counter(
                SemanticRead.objects.filter(checkin__clinic=clinic).values_list(
                    "outcome", flat=True
                )
            )
        )
        floor_rows = floor_count() - floor_before
    finally:
        web_rss = web_memory.stop()
        worker_rss = worker_memory.stop()
        web_log = app.log("web")
        worker_log = (var_dir / "worker.log").read_text(errors="replace")
        app.stop_all()
        smtp.stop()

    submits = len(saved_by[CHECKIN_PATH])
    floor_submits = len(saved_by[FLOOR_PATH])
    checks.rows("check-ins created (all phases)", expected=submits, found=checkins)
    if checkin_patients != set(saved_by[CHECKIN_PATH]):
        checks.problem(
            "the patients with a check-in are not the patients whose submits counted "
            f"({len(checkin_patients ^ set(saved_by[CHECKIN_PATH]))} differ)"
        )
    checks.rows("floor rows created (all phases)", expected=floor_submits, found=floor_rows)
    # The semantic reading counts only if it was done: every entry read as ordinary
    # (the journal is bland), or, without it, none read.
    read_expected = 0 if args.without_semantic else submits
    checks.rows(
        "entries read as ordinary by the semantic layer in the request",
        expected=read_expected,
        found=semantic_reads.get("ordinary", 0),
    )
    if set(semantic_reads) - {"ordinary"}:
        checks.problem(f"semantic readings other than ordinary: {semantic_reads}")
    for kind in kinds:
        if not latencies[kind]:
            checks.problem(f"no counted {kind} requests in the measured rounds")
    warm_starts = warm_starts_ms(web_log)
    if not args.cold and len(warm_starts) < args.web_workers:
        checks.problem(
            f"{len(warm_starts)} '{WARM_START_LINE}' lines in the web log for "
            f"{args.web_workers} workers: the workers did not warm up at start"
        )
    celery_warm = CELERY_RULES_LINE in worker_log
    if not celery_warm:
        checks.problem(f"no '{CELERY_RULES_LINE}' line in the Celery worker's log")
    checks.raise_if_any("\n--- web log (tail) ---\n" + web_log[-2000:])

    def mib(kib):
        return round(kib / 1024, 1) if kib else None

    measured = len(latencies["checkin"])
    steady = percentiles_ms(latencies["checkin"])
    rps = {
        kind: {
            "rounds": [round(r, 1) for r in values],
            "median": round(sorted(values)[len(values) // 2], 1),
        }
        for kind, values in rounds.items()
    }
    return {
        "command": " ".join(sys.argv),
        "machine": machine_info(redis.Redis.from_url(settings.REDIS_URL)),
        "load_average_1_5_15": {"start": load_at_start, "end": os.getloadavg()},
        "web": {"workers": args.web_workers, "threads": args.web_threads},
        "warm_start": not args.cold,
        "semantic_at_checkin": not args.without_semantic,
        "semantic_reads": semantic_reads,
        "clients": args.clients,
        "patients": args.patients,
        "rounds": args.rounds,
        "seconds_per_round": args.seconds,
        "requests_per_second": rps,
        "checkin_to_floor_ratio": round(rps["checkin"]["median"] / rps["floor"]["median"], 2),
        "latency_ms": {kind: percentiles_ms(values) for kind, values in latencies.items()},
        "first_request_ms": round(max(first) * 1000, 1) if first else None,
        "first_requests_ms": [round(v * 1000, 1) for v in first],
        "first_request_over_steady_p95": (
            round(max(first) * 1000 / steady["p95"], 2) if first else None
        ),
        "web_worker_warm_start_ms": warm_starts,
        "celery_rules_loaded_at_start": celery_warm,
        # CPU time per counted request in the measured rounds: the gunicorn
        # processes, the PostgreSQL server and this harness (the clients).
        "cpu_ms_per_request": {
            kind: {
                name: round(seconds * 1000 / len(latencies[kind]), 2)
                for name, seconds in cpu_used[kind].items()
            }
            for kind in kinds
        },
        # Every phase's counted submits (first requests, warm-up, rounds) and the
        # rows they made: the run fails unless they are equal.
        "checkins_created_all": checkins,
        "checkin_submits": submits,
        "checkin_submits_measured": measured,
        "floor_rows_all": floor_rows,
        "floor_submits": floor_submits,
        "checks": "passed: every request got the expected redirect; rows created = submits",
        "peak_rss_mib": {
            "web_master": mib(web_rss["main_kib"]),
            "web_workers": [mib(k) for k in web_rss["children_kib"]],
            "celery_main": mib(worker_rss["main_kib"]),
            "celery_children": [mib(k) for k in worker_rss["children_kib"]],
        },
    }


def report_print(result):
    print()
    print(
        f"Check-in submission on gunicorn ({result['web']['workers']} workers x "
        f"{result['web']['threads']} threads), {result['clients']} clients, "
        f"{result['rounds']} rounds x {result['seconds_per_round']} s"
    )
    print(f"{'':10}{'req/s median':>14}  {'rounds':<24}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8} ms")
    for kind in ("checkin", "floor"):
        rps = result["requests_per_second"][kind]
        lat = result["latency_ms"][kind]
        rounds = ", ".join(str(r) for r in rps["rounds"])
        print(
            f"{kind:10}{rps['median']:>14}  {rounds:<24}"
            f"{lat['median']:>8}{lat['p95']:>8}{lat['p99']:>8}{lat['max']:>8}"
        )
    print(
        f"check-in / floor throughput: {result['checkin_to_floor_ratio']}; "
        f"first requests (fresh workers, one at a time) {result['first_requests_ms']} ms, "
        f"slowest / steady p95 {result['first_request_over_steady_p95']}; "
        f"warm start {'on' if result['warm_start'] else 'OFF'} "
        f"{result['web_worker_warm_start_ms']} ms"
    )
    print(
        f"Check-ins created {result['checkins_created_all']} = counted submits "
        f"{result['checkin_submits']} (all phases; {result['checkin_submits_measured']} measured); "
        f"floor rows {result['floor_rows_all']} = floor submits {result['floor_submits']}; "
        f"--patients {result['patients']}"
    )
    cpu = result["cpu_ms_per_request"]
    print(
        "CPU ms per request: "
        + "; ".join(
            f"{kind} " + ", ".join(f"{name} {ms}" for name, ms in cpu[kind].items())
            for kind in ("checkin", "floor")
        )
    )
    rss = result["peak_rss_mib"]
    print(
        f"Peak RSS MiB: gunicorn master {rss['web_master']}, workers {rss['web_workers']}; "
        f"celery {rss['celery_main']}, children {rss['celery_children']}"
    )


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=20, help="per round and kind (20)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=5, help="seconds of each first (5)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument(
        "--patients", type=int, default=20000, help="more than the run's check-ins (20000)"
    )
    parser.add_argument(
        "--first", type=int, default=4, help="first check-ins timed one at a time (4)"
    )
    parser.add_argument(
        "--cold", action="store_true", help="start the web workers without the warm-up"
    )
    parser.add_argument(
        "--without-semantic",
        action="store_true",
        help="the web does not read entries with the semantic layer (the sweep would)",
    )
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--web-threads", type=int, default=4)
    parser.add_argument("--json", type=Path)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = arguments(argv)
    try:
        result = run(args)
    except BenchError as error:
        print(f"checkin_submit: {error}", file=sys.stderr)
        return 1
    report_print(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
        print(f"JSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
