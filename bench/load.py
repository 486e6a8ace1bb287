"""Mixed load: patients checking in while clinicians browse, with a real worker.

Run (from the repository root):

    scripts/with-services.sh uv run python bench/load.py --seconds 60 \\
        --json var/bench/load.json

Real parts as in bench/checkin_submit.py (gunicorn from config.settings, a
Celery worker with 2 prefork children, the loopback SMTP fake of tests/stack.py),
plus beat. 200 simulated patients (--patients) and 20 clinicians
(--clinicians), each a thread with its own session, for --seconds:

- a patient opens /diary/, types for 5-20 s, and saves a check-in (POST,
  expects the 302 of a saved entry), then comes back after 10-30 s and does
  it again (later submits the same day update the entry, as a second tab or a
  correction would). People arrive over the first 10 s.
  One patient in ten (--crisis-every) writes crisis language: the first such
  submit raises an alert, the later ones count as repeats of the open alert.
- a clinician opens the caseload, the inbox, one of their patients' pages and,
  when there is one, an alert's page, with 1-3 s between pages.

Before the clock starts, 16 calm patients and the clinicians make one round of
requests at once, so both web workers have loaded the rules and opened their
connections (not counted; their entries are updated during the run).

Every response must be the expected one (200 for pages, 302 for a saved
check-in): any other status or a connection error is an error, and the run
fails on any. At the end it waits for the worker to drain, then checks that
every crisis check-in has exactly one alert, delivered, and exactly one email
for it at the SMTP server, and that no other check-in raised one.
"""

import argparse
import json
import logging
import os
import random
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

CRISIS = "Tonight I want to end my life."
BLAND = "Slept well, a short walk before work."
# Think times (uniform, seconds): how long people look at a page before the
# next request. A patient reads and types for a while before saving.
RAMP_SECONDS = 10
PATIENT_TYPING_SECONDS = (5, 20)
PATIENT_AWAY_SECONDS = (10, 30)
CLINICIAN_READING_SECONDS = (1, 3)
WARMUP_CLIENTS = 16


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def call(self, client, method, path, person, *, expect, form=None, label=None):
        try:
            status, elapsed = client.request(method, path, person, form)
        except OSError as error:
            with self.lock:
                self.errors.append(f"{method} {path}: {error!r}")
            return False
        with self.lock:
            if status != expect:
                self.errors.append(f"{method} {path}: HTTP {status}")
                return False
            self.latencies.setdefault(label or path, []).append(elapsed)
        return True


def run(args) -> dict:
    var_dir = django_setup()
    import redis
    from django.conf import settings

    from apps.alerts.models import Alert, AlertState
    from apps.clinics.models import CareTeam, Clinic, Role
    from apps.diaries.models import CheckIn
    from tests.stack import SmtpServer, wait_for

    clinic = Clinic.objects.create(name="Load Clinic", timezone="UTC")
    patient_users = people_create(clinic, Role.PATIENT, args.patients, "patient")
    clinician_users = people_create(clinic, Role.CLINICIAN, args.clinicians, "clinician")
    CareTeam.objects.bulk_create(
        CareTeam(
            clinic=clinic,
            patient=p,
            clinician=clinician_users[i % len(clinician_users)],
            is_primary=True,
        )
        for i, p in enumerate(patient_users)
    )
    caseloads = {c.pk: [] for c in clinician_users}
    for i, p in enumerate(patient_users):
        caseloads[clinician_users[i % len(clinician_users)].pk].append(p.pk)
    patients = signed_in(patient_users)
    clinicians = signed_in(clinician_users)
    in_crisis = {p.pk for i, p in enumerate(patients) if i % args.crisis_every == 0}

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    smtp = SmtpServer()
    smtp.start()
    app = app_start(
        var_dir,
        smtp_port=smtp.port,
        web_workers=args.web_workers,
        web_threads=args.web_threads,
        DATABASE_CONN_MAX_AGE="60",
    )
    app.start_beat()
    web_memory = MemoryWatch(app.processes["web"].pid)
    worker_memory = MemoryWatch(app.processes["worker"].pid)
    web_memory.start()
    worker_memory.start()
    client = Client(app.web_port)
    recorder = Recorder()
    load_at_start = os.getloadavg()
    ends = time.monotonic() + args.seconds

    def pause(rng, low, high) -> bool:
        """Think time, cut short at the end of the run; False once it is over."""
        time.sleep(max(0.0, min(rng.uniform(low, high), ends - time.monotonic())))
        return time.monotonic() < ends

    def patient_loop(person, rng):
        pause(rng, 0, RAMP_SECONDS)  # people arrive over the first seconds, not at once
        crisis = person.pk in in_crisis
        while time.monotonic() < ends:
            recorder.call(client, "GET", "/diary/", person, expect=200, label="GET /diary/")
            if not pause(rng, *PATIENT_TYPING_SECONDS):
                break
            form = {"mood": str(rng.randint(5, 8)), "journal": CRISIS if crisis else BLAND}
            recorder.call(
                client, "POST", "/diary/", person, expect=302, form=form, label="POST /diary/"
            )
            pause(rng, *PATIENT_AWAY_SECONDS)

    def clinician_loop(person, rng):
        pause(rng, 0, RAMP_SECONDS)
        pages = [
            ("/clinician/", "GET /clinician/"),
            ("/alerts/", "GET /alerts/"),
        ]
        while time.monotonic() < ends:
            for path, label in pages:
                recorder.call(client, "GET", path, person, expect=200, label=label)
                pause(rng, *CLINICIAN_READING_SECONDS)
            patient_id = rng.choice(caseloads[person.pk])
            recorder.call(
                client,
                "GET",
                f"/clinician/patients/{patient_id}/",
                person,
                expect=200,
                label="GET /clinician/patients/<id>/",
            )
            time.sleep(rng.uniform(1, 3))
            alert = Alert.objects.filter(recipient_id=person.pk).order_by("?").values("pk").first()
            if alert:
                recorder.call(
                    client,
                    "GET",
                    f"/alerts/{alert['pk']}/",
                    person,
                    expect=200,
                    label="GET /alerts/<id>/",
                )
                pause(rng, *CLINICIAN_READING_SECONDS)

    def warm_up():
        """Each web worker loads the rules and opens its connections on its
        first requests (seconds on a busy machine): done before the clock."""
        calm = [p for p in patients if p.pk not in in_crisis][:WARMUP_CLIENTS]
        quiet = Recorder()

        def one(index):
            person = calm[index]
            quiet.call(client, "GET", "/diary/", person, expect=200)
            form = {"mood": "6", "journal": BLAND}
            quiet.call(client, "POST", "/diary/", person, expect=302, form=form)
            staff = clinicians[index % len(clinicians)]
            quiet.call(client, "GET", "/clinician/", staff, expect=200)
            quiet.call(client, "GET", "/alerts/", staff, expect=200)

        workers = [threading.Thread(target=one, args=(i,)) for i in range(len(calm))]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        if quiet.errors:
            raise BenchError(f"warm-up failed: {quiet.errors[:5]}")

    warm_up()
    ends = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=patient_loop, args=(p, random.Random(i)))
        for i, p in enumerate(patients)
    ] + [
        threading.Thread(target=clinician_loop, args=(c, random.Random(10_000 + i)))
        for i, c in enumerate(clinicians)
    ]
    started = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started

        crisis_checkins = list(
            CheckIn.objects.filter(clinic=clinic, patient_id__in=in_crisis).values_list(
                "pk", flat=True
            )
        )

        def drained():
            return not Alert.objects.filter(
                patient__memberships__clinic=clinic,
                state__in=[AlertState.PENDING, AlertState.SENDING],
            ).exists()

        drained_in_time = wait_for(drained, timeout=60)
        problems = []
        if not drained_in_time:
            problems.append("alerts still pending or sending 60 s after the load stopped")
        alerts = list(Alert.objects.filter(patient__memberships__clinic=clinic))
        by_checkin = {}
        for alert in alerts:
            by_checkin.setdefault((alert.evidence or {}).get("checkin_id"), []).append(alert)
        for checkin_id in crisis_checkins:
            found = [a for a in by_checkin.get(checkin_id, []) if a.rule == "crisis_language"]
            if len(found) != 1:
                problems.append(f"check-in {checkin_id}: {len(found)} crisis alerts")
                continue
            alert = found[0]
            if alert.delivered_at is None:
                problems.append(f"alert {alert.pk} ({alert.state}) was never delivered")
            emails = len(smtp.for_alert(alert.pk))
            if emails != 1:
                problems.append(f"alert {alert.pk}: {emails} emails")
        strays = [a.pk for a in alerts if a.patient_id not in in_crisis]
        if strays:
            problems.append(f"alerts for patients who wrote nothing alarming: {strays[:10]}")
        submits = len(recorder.latencies.get("POST /diary/", []))
        occurrences = sum(a.occurrences for a in alerts)
    finally:
        web_rss = web_memory.stop()
        worker_rss = worker_memory.stop()
        app.stop_all()
        smtp.stop()
    if recorder.errors:
        problems.append(f"{len(recorder.errors)} failed requests, e.g. {recorder.errors[:5]}")

    def mib(kib):
        return round(kib / 1024, 1) if kib else None

    all_latencies = [v for values in recorder.latencies.values() for v in values]
    return {
        "command": " ".join(sys.argv),
        "machine": machine_info(redis.Redis.from_url(settings.REDIS_URL)),
        "load_average_1_5_15": {"start": load_at_start, "end": os.getloadavg()},
        "web": {"workers": args.web_workers, "threads": args.web_threads},
        "patients": args.patients,
        "clinicians": args.clinicians,
        "seconds": round(elapsed, 1),
        "requests": len(all_latencies),
        "requests_per_second": round(len(all_latencies) / elapsed, 1),
        "errors": len(recorder.errors),
        "latency_ms": {"all": percentiles_ms(all_latencies)}
        | {label: percentiles_ms(values) for label, values in sorted(recorder.latencies.items())},
        "checkin_submits": submits,
        "crisis_checkins": len(crisis_checkins),
        "crisis_alerts": len(alerts),
        "crisis_submits_counted_as_occurrences": occurrences,
        "problems": problems,
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
        f"Load: {result['patients']} patients + {result['clinicians']} clinicians for "
        f"{result['seconds']} s; {result['requests']} requests "
        f"({result['requests_per_second']}/s), {result['errors']} errors"
    )
    print(f"{'':34}{'n':>6}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8} ms")
    for label, lat in result["latency_ms"].items():
        print(
            f"{label:34}{lat['n']:>6}{lat['median']:>8}{lat['p95']:>8}{lat['p99']:>8}{lat['max']:>8}"
        )
    print(
        f"Crisis check-ins {result['crisis_checkins']}, alerts {result['crisis_alerts']} "
        f"(submits counted as occurrences: {result['crisis_submits_counted_as_occurrences']})"
    )
    rss = result["peak_rss_mib"]
    print(
        f"Peak RSS MiB: gunicorn master {rss['web_master']}, workers {rss['web_workers']}; "
        f"celery {rss['celery_main']}, children {rss['celery_children']}"
    )
    print("Checks: " + ("all passed" if not result["problems"] else "; ".join(result["problems"])))


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--patients", type=int, default=200)
    parser.add_argument("--clinicians", type=int, default=20)
    parser.add_argument("--crisis-every", type=int, default=10, help="1 patient in N (10)")
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--web-threads", type=int, default=4)
    parser.add_argument("--json", type=Path)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = arguments(argv)
    try:
        result = run(args)
    except BenchError as error:
        print(f"load: {error}", file=sys.stderr)
        return 1
    report_print(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
        print(f"JSON: {args.json}")
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
