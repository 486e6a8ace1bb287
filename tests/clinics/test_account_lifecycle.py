"""A patient downloads everything held about them and closes their account
as their clinic's retention setting says."""

import json
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.alerts.models import Alert
from apps.audit.models import AccessEvent
from apps.clinics.models import AccountClosure, Membership
from apps.clinics.services import closed_accounts_purge
from apps.diaries.models import CheckIn


def test_the_download_holds_everything_and_is_recorded(world, client, crisis_alert):
    client.force_login(world.patient)
    response = client.get(reverse("diaries:export_everything"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "pat@maple.test"
    assert [c["journal"] for c in data["check_ins"]] == ["I want to kill myself."]
    assert data["alerts"][0]["rule"] == crisis_alert.rule
    assert "evidence" not in data["alerts"][0]
    assert data["care_team"][0]["clinician"] == world.alice.pk
    assert {"safety_plan", "health_profile", "plans", "dose_logs", "questionnaires"} <= set(data)
    assert AccessEvent.objects.filter(action="download_everything", patient=world.patient).exists()
    assert "quinn" not in response.content.decode().lower()


def test_the_spreadsheet_download_holds_the_same_records_with_formulas_made_text(world, client):
    import csv
    import io
    import zipfile

    from apps.diaries.services import checkin_submit

    checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=6, journal='=HYPERLINK("x")  café'
    )
    client.force_login(world.patient)
    response = client.get(reverse("diaries:export_everything_csv"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"account.csv", "check_ins.csv", "care_team.csv", "dose_logs.csv"} <= set(
        archive.namelist()
    )
    rows = list(csv.DictReader(io.StringIO(archive.read("check_ins.csv").decode("utf-8-sig"))))
    assert [row["journal"] for row in rows] == ['\'=HYPERLINK("x")  café']
    account = next(csv.DictReader(io.StringIO(archive.read("account.csv").decode("utf-8-sig"))))
    assert account["email"] == "pat@maple.test"
    assert (
        AccessEvent.objects.filter(action="download_everything", patient=world.patient).count() == 1
    )


def test_closing_says_what_happens_and_needs_a_confirmation(world, client):
    client.force_login(world.patient)
    page = client.get(reverse("diaries:close_account")).content.decode()
    assert "keeps your clinical records" in page and "locked" in page
    response = client.post(reverse("diaries:close_account"), {})
    assert response.status_code == 400
    assert Membership.objects.get(user=world.patient).is_active


def test_closing_under_the_default_keeps_the_records_and_ends_every_session(
    world, client, crisis_alert
):
    other_browser = Client()
    other_browser.force_login(world.patient)
    client.force_login(world.patient)
    response = client.post(reverse("diaries:close_account"), {"confirm": "close"})
    assert response.status_code == 302
    assert other_browser.get(reverse("diaries:today")).status_code == 302
    world.patient.refresh_from_db()
    assert not world.patient.is_active
    closure = AccountClosure.objects.get(patient=world.patient)
    assert closure.delete_after is None
    assert closed_accounts_purge(now=timezone.now() + timedelta(days=3650)) == 0
    assert CheckIn.objects.filter(patient=world.patient).exists()


def test_a_clinic_that_chose_deletion_deletes_after_its_period_once(world, client, crisis_alert):
    world.clinic.retention = "delete"
    world.clinic.retention_days = 90
    world.clinic.save()
    client.force_login(world.patient)
    assert "90 days" in client.get(reverse("diaries:close_account")).content.decode()
    client.post(reverse("diaries:close_account"), {"confirm": "close"})
    patient_id = world.patient.pk
    AccessEvent.objects.create(actor=world.alice, patient=world.patient, action="view_patient")

    assert closed_accounts_purge(now=timezone.now() + timedelta(days=89)) == 0
    assert closed_accounts_purge(now=timezone.now() + timedelta(days=91)) == 1
    assert not User.objects.filter(pk=patient_id).exists()
    assert not CheckIn.objects.filter(patient_id=patient_id).exists()
    assert not Alert.objects.filter(patient_id=patient_id).exists()
    # The trail keeps its rows (the id, not the name).
    assert AccessEvent.objects.filter(patient_id=patient_id).exists()
    assert closed_accounts_purge(now=timezone.now() + timedelta(days=92)) == 0
