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

The run checks its own work (bench/live.py's Checks) and exits 1 on any
disagreement. A request counts only if its response is the expected one: a
page is a 200 whose body holds that page's heading (the diary's "Today,", the
caseload, the inbox, the patient's name, the alert's patient link), a saved
check-in is a 302 to /diary/, or to /crisis/?checkin= for crisis language (a
redirect to the login page or the MFA setup page is a failure, named as
such); any other status or a connection error fails the run. Clinicians have
a TOTP authenticator, as staff must. At the end it waits for the worker to
drain, then checks the rows: one check-in today for exactly the patients with
a counted save (warm-up included), every crisis check-in has exactly one
alert, delivered, with exactly one email at the SMTP server, its occurrences
add up to the counted crisis saves, and no other check-in raised one.
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
    Checks,
    Client,
    MemoryWatch,
    app_start,
    django_setup,
    machine_info,
    mfa_enable,
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


# What each page must show to count (a 200 alone could be an error page).
DIARY_MARKER = '<h1 class="h4 mb-3">Today,'
CASELOAD_MARKER = '<h1 class="h3">Caseload</h1>'
INBOX_MARKER = '<h1 class="h3">Alert inbox</h1>'
SAVED_TARGET = "/diary/"
CRISIS_TARGET = "/crisis/?checkin="


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.checks = Checks()
        self.saved: dict[int, int] = {}  # patient pk -> counted saves
        self.crisis_saves = 0

    def call(self, client, method, path, person, *, label, page=None, redirect=None, form=None):
        """One request; True if its response was the expected page (marker)
        or redirect (target), and then its latency is kept."""
        try:
            response = client.request(method, path, person, form)
        except OSError as error:
            self.checks.error(label, f"{method} {path}: {error!r}")
            return False
        if page is not None:
            ok = self.checks.page(label, response, page)
        else:
            ok = self.checks.redirect(label, response, redirect)
        if ok:
            with self.lock:
                self.latencies.setdefault(label, []).append(response.elapsed)
        return ok

    def save(self, client, person, form, *, crisis: bool, label="POST /diary/") -> bool:
        target = CRISIS_TARGET if crisis else SAVED_TARGET
        ok = self.call(client, "POST", "/diary/", person, label=label, redirect=target, form=form)
        if ok:
            with self.lock:
                self.saved[person.pk] = self.saved.get(person.pk, 0) + 1
                self.crisis_saves += crisis
        return ok


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
    mfa_enable(clinician_users)  # staff must have a second factor (MfaRequiredMiddleware)
    names = {u.pk: u.full_name for u in patient_users}
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
            recorder.call(client, "GET", "/diary/", person, label="GET /diary/", page=DIARY_MARKER)
            if not pause(rng, *PATIENT_TYPING_SECONDS):
                break
            form = {"mood": str(rng.randint(5, 8)), "journal": CRISIS if crisis else BLAND}
            recorder.save(client, person, form, crisis=crisis)
            pause(rng, *PATIENT_AWAY_SECONDS)

    def clinician_loop(person, rng):
        pause(rng, 0, RAMP_SECONDS)
        pages = [
            ("/clinician/", "GET /clinician/", CASELOAD_MARKER),
            ("/alerts/", "GET /alerts/", INBOX_MARKER),
        ]
        while time.monotonic() < ends:
            for path, label, marker in pages:
                recorder.call(client, "GET", path, person, label=label, page=marker)
                pause(rng, *CLINICIAN_READING_SECONDS)
            patient_id = rng.choice(caseloads[person.pk])
            recorder.call(
                client,
                "GET",
                f"/clinician/patients/{patient_id}/",
                person,
                label="GET /clinician/patients/<id>/",
                page=f'<h1 class="h3">{names[patient_id]}</h1>',
            )
            time.sleep(rng.uniform(1, 3))
            alert = (
                Alert.objects.filter(recipient_id=person.pk)
                .order_by("?")
                .values("pk", "patient_id")
                .first()
            )
            if alert:
                recorder.call(
                    client,
                    "GET",
                    f"/alerts/{alert['pk']}/",
                    person,
                    label="GET /alerts/<id>/",
                    page=f'href="/clinician/patients/{alert["patient_id"]}/"',
                )
                pause(rng, *CLINICIAN_READING_SECONDS)

    def warm_up():
        """Each web worker's first requests open its database connections:
        done before the clock. Counted in the rows checked at the end, not
        in the latencies."""
        calm = [p for p in patients if p.pk not in in_crisis][:WARMUP_CLIENTS]

        def one(index):
            person = calm[index]
            label = "warm-up"
            recorder.call(client, "GET", "/diary/", person, label=label, page=DIARY_MARKER)
            recorder.save(
                client, person, {"mood": "6", "journal": BLAND}, crisis=False, label=label
            )
            staff = clinicians[index % len(clinicians)]
            recorder.call(client, "GET", "/clinician/", staff, label=label, page=CASELOAD_MARKER)
            recorder.call(client, "GET", "/alerts/", staff, label=label, page=INBOX_MARKER)

        workers = [threading.Thread(target=one, args=(i,)) for i in range(len(calm))]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        if recorder.checks.failures:
            raise BenchError("warm-up failed:\n  " + "\n  ".join(recorder.checks.verdict()))
        recorder.latencies.pop("warm-up", None)

    try:
        warm_up()
    except BaseException:  # stop the app's processes before giving up
        web_memory.stop()
        worker_memory.stop()
        app.stop_all()
        smtp.stop()
        raise
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
        checks = recorder.checks
        if not drained_in_time:
            checks.problem("alerts still pending or sending 60 s after the load stopped")
        # Rows: one check-in (today's) per patient with a counted save, no more.
        checkin_patients = list(
            CheckIn.objects.filter(clinic=clinic).values_list("patient_id", flat=True)
        )
        checks.rows(
            "check-ins (one per patient with a counted save)",
            expected=len(recorder.saved),
            found=len(checkin_patients),
        )
        if set(checkin_patients) != set(recorder.saved):
            checks.problem(
                "the patients with a check-in are not those with a counted save "
                f"({len(set(checkin_patients) ^ set(recorder.saved))} differ)"
            )
        checks.rows(
            "crisis check-ins",
            expected=len(in_crisis & set(recorder.saved)),
            found=len(crisis_checkins),
        )
        alerts = list(Alert.objects.filter(patient__memberships__clinic=clinic))
        by_checkin = {}
        for alert in alerts:
            by_checkin.setdefault((alert.evidence or {}).get("checkin_id"), []).append(alert)
        for checkin_id in crisis_checkins:
            found = [a for a in by_checkin.get(checkin_id, []) if a.rule == "crisis_language"]
            if len(found) != 1:
                checks.problem(f"check-in {checkin_id}: {len(found)} crisis alerts")
                continue
            alert = found[0]
            if alert.delivered_at is None:
                checks.problem(f"alert {alert.pk} ({alert.state}) was never delivered")
            emails = len(smtp.for_alert(alert.pk))
            if emails != 1:
                checks.problem(f"alert {alert.pk}: {emails} emails")
        strays = [a.pk for a in alerts if a.patient_id not in in_crisis]
        if strays:
            checks.problem(f"alerts for patients who wrote nothing alarming: {strays[:10]}")
        occurrences = sum(a.occurrences for a in alerts if a.rule == "crisis_language")
        checks.rows(
            "crisis alert occurrences (one per counted crisis save)",
            expected=recorder.crisis_saves,
            found=occurrences,
        )
        submits = len(recorder.latencies.get("POST /diary/", []))
    finally:
        web_rss = web_memory.stop()
        worker_rss = worker_memory.stop()
        app.stop_all()
        smtp.stop()
    problems = recorder.checks.verdict()

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
        "errors": sum(recorder.checks.failures.values()),
        "latency_ms": {"all": percentiles_ms(all_latencies)}
        | {label: percentiles_ms(values) for label, values in sorted(recorder.latencies.items())},
        "checkin_submits": submits,
        "patients_with_a_saved_checkin": len(recorder.saved),
        "checkins_created_all": len(checkin_patients),
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
