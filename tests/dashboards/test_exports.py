"""One patient's data for a date range: CSV and a FHIR R4 Bundle.

The Bundle is validated with the `fhir.resources` package. Its 8.x releases
ship R5 as the default models and R4B (the R4 technical correction, same
resource shapes for everything here) as `fhir.resources.R4B`: no plain R4
module exists, so R4B is the model used.
"""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

from apps.audit.models import AccessEvent
from apps.dashboards.models import Export
from apps.diaries.models import CheckIn, QuestionnaireResponse, SideEffect
from apps.diaries.services import checkin_submit
from apps.protocols.selectors import clinic_today
from tests.protocols.conftest import assign


@pytest.fixture
def eager_celery():
    from config.celery import app as celery_app

    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def export(client, world, fmt, days=10, **extra):
    today = clinic_today(world.clinic)
    return client.post(
        reverse("dashboards:exports", args=[world.patient.pk]),
        {
            "format": fmt,
            "first": (today - timedelta(days=days - 1)).isoformat(),
            "last": today.isoformat(),
        }
        | extra,
    )


def download(client, response):
    assert response.status_code == 302, getattr(response, "text", "")
    status = client.get(response["Location"])
    link = reverse("dashboards:export_download", args=[Export.objects.latest("pk").pk])
    assert link in status.text
    return client.get(link)


def record(world):
    today = clinic_today(world.clinic)
    CheckIn.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        local_date=today - timedelta(days=2),
        mood=6,
        anxiety=3,
        energy=5,
        sleep_hours="7.5",
        sleep_quality=4,
        journal='=HYPERLINK("http://evil.test")',
    )
    private = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=2, journal="Secret. I want to kill myself."
    ).checkin
    CheckIn.objects.filter(pk=private.pk).update(is_private=True)
    SideEffect.objects.create(checkin=private, key="other", description="Hidden", severity="mild")
    SideEffect.objects.create(
        checkin=private, key="other", description="Fainting", severity="severe"
    )
    for instrument, total in [("phq9", 12), ("gad7", 8), ("pcl5", 30), ("phq2", 2)]:
        item_count = {"phq9": 9, "gad7": 7, "pcl5": 20, "phq2": 2}[instrument]
        QuestionnaireResponse.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            instrument=instrument,
            local_date=today - timedelta(days=1),
            answers={f"q{n}": 1 for n in range(1, item_count + 1)},
            total=total,
            band="moderate",
        )


def test_the_csv_neutralises_formulas_and_keeps_private_text_out(world, client):
    record(world)
    client.force_login(world.alice)
    response = download(client, export(client, world, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["journal"] == '\'=HYPERLINK("http://evil.test")'
    private = rows[1]
    assert private["private"] == "True" and private["journal"] == ""
    # The kind of concern in words, never a category key.
    assert private["safety_findings"] == "kill myself (thoughts or intent of ending their life)"
    assert private["side_effects"] == "Fainting (severe)"
    assert "Secret" not in response.content.decode() and "Hidden" not in response.content.decode()


def test_the_fhir_bundle_validates_and_carries_the_loinc_codes(world, client):
    record(world)
    assign(world, started_days_ago=5)
    client.force_login(world.alice)
    response = download(client, export(client, world, "fhir"))
    data = json.loads(response.content)
    bundle = Bundle.model_validate(data)
    kinds = [entry.resource.__resource_type__ for entry in bundle.entry]
    assert kinds[0] == "Patient"
    assert kinds.count("QuestionnaireResponse") == 3  # PHQ-9, GAD-7, PCL-5
    assert kinds.count("MedicationStatement") == 2  # psilocybin, lion's mane
    codes = {
        coding["code"]
        for entry in data["entry"]
        if entry["resource"]["resourceType"] == "Observation"
        for coding in entry["resource"]["code"].get("coding", [])
    }
    assert {"44261-6", "70274-6", "101698-9", "55758-7"} <= codes
    assert {"mood", "anxiety", "energy", "sleep_hours", "sleep_quality"} <= codes
    assert "Secret" not in response.content.decode()


def test_a_long_range_is_built_by_the_celery_task_with_progress(
    world, client, eager_celery, django_capture_on_commit_callbacks
):
    today = clinic_today(world.clinic)
    for offset in range(200):
        CheckIn.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=offset),
            mood=offset % 11,
        )
    client.force_login(world.alice)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = export(client, world, "csv", days=365)
    assert len(callbacks) == 1  # queued for the worker, not built in the request
    built = Export.objects.get()
    assert (built.state, built.progress) == (Export.State.DONE, 100)
    assert len(download(client, response).content.decode().splitlines()) == 201


def test_a_pending_export_page_refreshes_itself_without_script(world, client):
    pending = Export.objects.create(
        requested_by=world.alice,
        patient=world.patient,
        format="csv",
        first="2026-01-01",
        last="2026-11-01",
    )
    client.force_login(world.alice)
    response = client.get(reverse("dashboards:export_status", args=[pending.pk]))
    assert response["Refresh"] == "3"
    assert "<script>" not in response.text
    download = client.get(reverse("dashboards:export_download", args=[pending.pk]))
    assert download.status_code == 404


@pytest.mark.parametrize("role", ["admin", "bob", "charlie", "patient"])
def test_only_the_requesting_clinician_may_download_an_export(world, client, role):
    record(world)
    client.force_login(world.alice)
    export(client, world, "csv")
    made = Export.objects.get()
    client.force_login(world.by_role(role))
    assert client.get(reverse("dashboards:export_status", args=[made.pk])).status_code == 404
    assert client.get(reverse("dashboards:export_download", args=[made.pk])).status_code == 404


def test_exporting_and_downloading_record_access_events(world, client):
    client.force_login(world.alice)
    download(client, export(client, world, "csv"))
    actions = list(AccessEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["view_exports", "export_csv", "download_export"]
    assert all(e.patient == world.patient for e in AccessEvent.objects.all())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"last": "2199-01-01"}, "cannot end after today"),
        ({"last": "2999-01-01"}, "between 1900 and 2199"),
        ({"first": "2026-12-31", "last": "2026-01-01"}, "on or before the end"),
        ({"first": "2000-01-01"}, "three years"),
        ({"format": "xlsx"}, "Select a valid choice"),
        ({"first": "yesterday"}, "YYYY-MM-DD"),
    ],
)
def test_a_bad_export_form_explains_and_creates_nothing(world, client, extra, message):
    client.force_login(world.alice)
    response = export(client, world, "csv", **extra)
    assert response.status_code == 200
    assert message in response.text
    assert not Export.objects.exists()


def test_an_outsider_cannot_start_an_export(world, client):
    client.force_login(world.bob)
    assert export(client, world, "csv").status_code == 404
    assert not Export.objects.exists()
