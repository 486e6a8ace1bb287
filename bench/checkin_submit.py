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
  sends it (CSRF token, session cookie); the response is the redirect of a
  saved entry (302). Every patient's first submit of the day creates the
  entry; the patients are many enough (--patients) that most submits do.
- floor: POST /bench/floor/ (bench/floor.py): the same middleware and login
  check, one INSERT in a transaction, the same redirect.

--clients threads each open a new connection per request and send the next
request as soon as the last one is answered (a closed loop: this measures
capacity, not a given arrival rate). The two kinds alternate in --rounds
rounds of --seconds each, after --warmup seconds of each unmeasured. The
client threads share the machine's cores with the server, PostgreSQL and
Redis. Peak memory is VmHWM from /proc for the gunicorn master and its
workers and for the Celery worker and its children.
"""

import argparse
import itertools
import json
import logging
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live import (  # noqa: E402
    BenchError,
    Client,
    MemoryWatch,
    app_start,
    django_setup,
    machine_info,
    people_create,
    percentiles_ms,
    signed_in,
)

JOURNAL = "Slept well, a short walk before work."


# One sequence over the patients per kind for the whole run, so that each
# check-in goes to the next patient and creates that day's entry until all
# have one.
NEXT_PATIENT = {"/diary/": itertools.count(), "/bench/floor/": itertools.count()}


def phase(client, path, people, *, seconds, clients, form_for):
    """Closed loop for `seconds`: returns (latencies, errors, elapsed)."""
    latencies, errors = [], []
    lock = threading.Lock()
    ends = time.monotonic() + seconds
    cursor = NEXT_PATIENT[path]

    def run():
        mine, bad = [], []
        while time.monotonic() < ends:
            with lock:
                person = people[next(cursor) % len(people)]
            try:
                status, elapsed = client.request("POST", path, person, form_for(person))
            except OSError as error:
                bad.append(repr(error))
                continue
            if status == 302:
                mine.append(elapsed)
            else:
                bad.append(f"HTTP {status}")
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.monotonic() - started


def floor_count() -> int:
    from django.db import connection

    from bench.floor import TABLE

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        return cursor.fetchone()[0]


def run(args) -> dict:
    var_dir = django_setup()
    import redis
    from django.conf import settings
    from django.db import connection

    from apps.clinics.models import Clinic, Role
    from apps.diaries.models import CheckIn
    from bench.floor import CREATE_TABLE
    from tests.stack import SmtpServer

    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE)
    clinic = Clinic.objects.create(name="Bench Clinic", timezone="UTC")
    patients = signed_in(people_create(clinic, Role.PATIENT, args.patients, "patient"))
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    smtp = SmtpServer()
    smtp.start()
    app = app_start(
        var_dir,
        smtp_port=smtp.port,
        web_workers=args.web_workers,
        web_threads=args.web_threads,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_CONN_MAX_AGE="60",
    )
    web_memory = MemoryWatch(app.processes["web"].pid)
    worker_memory = MemoryWatch(app.processes["worker"].pid)
    web_memory.start()
    worker_memory.start()
    client = Client(app.web_port)
    load_at_start = os.getloadavg()

    def checkin_form(person):
        return {"mood": "6", "journal": JOURNAL}

    kinds = {
        "checkin": ("/diary/", checkin_form),
        "floor": ("/bench/floor/", checkin_form),
    }
    rounds = {kind: [] for kind in kinds}
    latencies = {kind: [] for kind in kinds}
    errors = []
    try:
        for path, form_for in kinds.values():
            _l, bad, _s = phase(
                client, path, patients, seconds=args.warmup, clients=args.clients, form_for=form_for
            )
            errors.extend(bad)
        for _ in range(args.rounds):
            for kind, (path, form_for) in kinds.items():
                done, bad, elapsed = phase(
                    client,
                    path,
                    patients,
                    seconds=args.seconds,
                    clients=args.clients,
                    form_for=form_for,
                )
                rounds[kind].append(len(done) / elapsed)
                latencies[kind].extend(done)
                errors.extend(bad)
        checkins = CheckIn.objects.filter(clinic=clinic).count()
        floor_rows = floor_count()
    finally:
        web_rss = web_memory.stop()
        worker_rss = worker_memory.stop()
        app.stop_all()
        smtp.stop()
    if errors:
        raise BenchError(f"{len(errors)} failed requests, e.g. {errors[:5]}\n" + app.log("web"))

    def mib(kib):
        return round(kib / 1024, 1) if kib else None

    return {
        "command": " ".join(sys.argv),
        "machine": machine_info(redis.Redis.from_url(settings.REDIS_URL)),
        "load_average_1_5_15": {"start": load_at_start, "end": os.getloadavg()},
        "web": {"workers": args.web_workers, "threads": args.web_threads},
        "clients": args.clients,
        "patients": args.patients,
        "rounds": args.rounds,
        "seconds_per_round": args.seconds,
        "requests_per_second": {
            kind: {
                "rounds": [round(r, 1) for r in values],
                "median": round(sorted(values)[len(values) // 2], 1),
            }
            for kind, values in rounds.items()
        },
        "latency_ms": {kind: percentiles_ms(values) for kind, values in latencies.items()},
        "checkins_created_all": checkins,
        "floor_rows_all": floor_rows,
        "checkin_submits": len(latencies["checkin"]),
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
        f"Check-ins in the database {result['checkins_created_all']} (warm-up included); "
        f"measured submits {result['checkin_submits']}; --patients {result['patients']}"
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
    parser.add_argument("--patients", type=int, default=5000)
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
