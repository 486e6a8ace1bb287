"""Run by test_caseload_on_sqlite.py in a fresh process on a fresh SQLite
file (the embedded default): the caseload's hand-written SQL and the mood
summaries' triggers must work there too. Prints "ok" or raises."""

import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

assert connection.vendor == "sqlite", connection.vendor
call_command("migrate", verbosity=0)
call_command("seed_demo", verbosity=0)

from apps.accounts.models import User  # noqa: E402
from apps.dashboards import brief, mood_summary  # noqa: E402
from apps.dashboards.selectors import caseload_for, caseload_page, today_for_staff  # noqa: E402
from apps.diaries.models import CheckIn  # noqa: E402

clinician = User.objects.get(email="alice@demo.trellis.test")
today = today_for_staff(clinician)
rows = caseload_for(user=clinician, today=today)
assert rows, "no patients on the demo caseload"
ids = [row.pk for row in rows]
assert mood_summary.stale_ids(ids, today=today) == []

first = today - timedelta(days=mood_summary.SPARKLINE_DAYS - 1)
for row in rows:
    moods = dict(
        CheckIn.objects.filter(patient_id=row.pk, local_date__range=(first, today)).values_list(
            "local_date", "mood"
        )
    )
    series = [moods.get(first + timedelta(days=n)) for n in range(mood_summary.SPARKLINE_DAYS)]
    assert row.recent_drop == brief.is_recent_drop(series), row

# A write through each path marks the summary stale; the next view is fresh.
patient_id = ids[0]
checkin = CheckIn.objects.filter(patient_id=patient_id).first()
checkin.mood = 0
checkin.save()
assert mood_summary.stale_ids(ids, today=today) == [patient_id]
caseload_for(user=clinician, today=today)
CheckIn.objects.filter(patient_id=patient_id).update(mood=1)
assert mood_summary.stale_ids(ids, today=today) == [patient_id]
CheckIn.objects.filter(patient_id=patient_id).delete()
page = caseload_page(user=clinician, today=today, page_number=1, per_page=2)
assert page.paginator.count == len(rows) and len(page.object_list) == min(2, len(rows))
assert mood_summary.stale_ids(ids, today=today) == []
print("ok")
