"""Every access event a page shows reads as words (apps/audit/labels.py),
including every event code the app records today."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from apps.audit.labels import ACTION_LABELS, action_label
from apps.audit.models import AccessEvent
from apps.audit.services import access_record
from apps.dashboards.models import Export

APPS = Path(__file__).resolve().parents[2] / "apps"
# action="view_plan", action=("a" if x else "b"), and the views' own
# _clinician_patient(request, patient_id, "view_timeline").
LITERAL = re.compile(r'action=\(?"([a-z_]+)"(?: if [^"]+ else "([a-z_]+)")?')
POSITIONAL = re.compile(r'_clinician_patient\(request, \w+, "([a-z_]+)"\)')


def recorded_codes():
    codes = set()
    for path in APPS.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "access_record" not in text and "_clinician_patient" not in text:
            continue
        for match in LITERAL.finditer(text):
            codes.update(code for code in match.groups() if code)
        codes.update(POSITIONAL.findall(text))
    codes.update(f"export_{fmt}" for fmt in Export.Format.values)
    return codes


def test_the_scan_finds_the_codes_it_is_meant_to_find():
    codes = recorded_codes()
    assert {"view_patient", "view_timeline", "plan_review", "break_glass", "export_fhir"} <= codes


def test_every_event_the_app_records_has_words():
    missing = sorted(code for code in recorded_codes() if code not in ACTION_LABELS)
    assert not missing, f"add words for these events to apps/audit/labels.py: {missing}"


@pytest.mark.parametrize("code", ["view_something_new", "x", ""])
def test_an_unknown_event_still_reads_as_words(code):
    assert "_" not in action_label(code) and action_label(code)


def test_the_trail_and_who_looked_show_words_not_codes(world, client):
    access_record(actor=world.alice, patient=world.patient, action="view_risk_settings")
    access_record(actor=world.alice, patient=world.patient, action="download_export")
    client.force_login(world.admin)
    trail = client.get(reverse("audit:trail")).content.decode()
    client.force_login(world.patient)
    looked = client.get(reverse("diaries:who_looked")).content.decode()
    for page in (trail, looked):
        assert "Viewed the alert thresholds" in page and "Downloaded an export" in page
        assert "view_risk_settings" not in page and "download_export" not in page
    assert AccessEvent.objects.count() >= 2
