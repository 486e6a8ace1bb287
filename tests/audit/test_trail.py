"""The access trail: searched by admins, seen by the patient, append-only,
and break-glass recorded and reported."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AccessEvent, ChangeRecord
from apps.audit.services import access_record
from apps.clinics.access import patients_visible_to
from apps.clinics.models import BreakGlass, Role
from tests.conftest import make_member


def test_admins_search_the_trail_by_person_patient_and_date(world, client):
    access_record(actor=world.alice, patient=world.patient, action="view_patient")
    access_record(actor=world.bob, patient=world.other_patient, action="view_patient")
    access_record(actor=world.bob, patient=world.patient, action="view_plan")
    client.force_login(world.admin)
    url = reverse("audit:trail")

    def found(**query):
        return [(e.actor, e.patient) for e in client.get(url, query).context["page"]]

    assert found(person="alice") == [(world.alice, world.patient)]
    assert found(patient="Quinn") == [(world.bob, world.other_patient)]
    assert found(person="bob@", patient="pat") == [(world.bob, world.patient)]
    # The trail cannot be back-dated (the trigger), so the dates bracket today.
    today = timezone.localdate()
    assert len(found(since=today.isoformat(), until=today.isoformat())) == 3
    assert found(since=(today + timedelta(days=1)).isoformat()) == []
    assert found(until=(today - timedelta(days=1)).isoformat()) == []


def test_the_trail_is_paginated_and_keeps_the_search(world, client):
    AccessEvent.objects.bulk_create(
        AccessEvent(actor=world.alice, patient=world.patient, action="view_patient")
        for _ in range(120)
    )
    client.force_login(world.admin)
    response = client.get(reverse("audit:trail"), {"person": "alice", "page": 3})
    assert len(response.context["page"]) == 20
    assert "person=alice&amp;page=2" in response.content.decode()
    # A page past the end or not a number is the last or first page, not a 500.
    assert client.get(reverse("audit:trail"), {"page": "x"}).status_code == 200
    assert client.get(reverse("audit:trail"), {"since": "not-a-date"}).status_code == 200


def test_another_clinics_trail_is_not_shown(world, client):
    birch_patient = make_member(world.other_clinic, "pip@birch.test", Role.PATIENT, "Pip Birch")
    access_record(actor=world.charlie, patient=birch_patient, action="view_patient")
    client.force_login(world.admin)
    assert list(client.get(reverse("audit:trail")).context["page"]) == []


def test_a_patient_sees_who_looked_at_their_record(world, client):
    access_record(actor=world.alice, patient=world.patient, action="view_patient")
    access_record(actor=world.patient, patient=world.patient, action="download_everything")
    access_record(actor=world.bob, patient=world.other_patient, action="view_patient")
    client.force_login(world.patient)
    response = client.get(reverse("diaries:who_looked"))
    assert [e.actor for e in response.context["page"]] == [world.alice]
    page = response.content.decode()
    assert "Alice Clinician" in page and "Clinician" in page and "Bob" not in page


def test_break_glass_opens_the_record_for_an_hour_records_it_and_tells_the_admin(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    assert world.patient not in patients_visible_to(world.bob)
    client.force_login(world.bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("audit:break_glass"),
            {"patient": world.patient.pk, "reason": "Patient called the front desk in crisis."},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboards:patient", args=[world.patient.pk])
    assert world.patient in patients_visible_to(world.bob)
    assert client.get(response["Location"]).status_code == 200
    event = AccessEvent.objects.filter(action="break_glass").get()
    assert (event.actor, event.patient) == (world.bob, world.patient)
    assert ChangeRecord.objects.get(record="break_glass").changes["reason"].startswith("Patient")
    [mail] = mailoutbox
    assert mail.to == ["admin@maple.test"] and "front desk" in mail.body
    assert "Pat Patient" not in mail.body

    BreakGlass.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert world.patient not in patients_visible_to(world.bob)


def test_break_glass_needs_a_reason(world, client):
    client.force_login(world.bob)
    response = client.post(
        reverse("audit:break_glass"), {"patient": world.patient.pk, "reason": "x"}
    )
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert not BreakGlass.objects.exists()


def test_break_glass_cannot_reach_another_clinics_patient(world, client):
    client.force_login(world.charlie)
    response = client.post(
        reverse("audit:break_glass"),
        {"patient": world.patient.pk, "reason": "I am sure this is an emergency."},
    )
    assert response.status_code == 200 and "patient" in response.context["form"].errors
    assert world.patient not in patients_visible_to(world.charlie)
    assert not BreakGlass.objects.exists()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_change_or_delete_the_trail(world):
    event = access_record(actor=world.alice, patient=world.patient, action="view_patient")
    for statement in (
        "UPDATE audit_accessevent SET action = 'nothing' WHERE id = %s",
        "DELETE FROM audit_accessevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, [event.pk])
    event.refresh_from_db()
    assert event.action == "view_patient"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_deleting_a_person_leaves_the_trail_intact(world):
    access_record(actor=world.alice, patient=world.patient, action="view_patient")
    patient_id = world.patient.pk
    world.patient.delete()
    assert AccessEvent.objects.filter(patient_id=patient_id).count() == 1


def test_clinicians_find_emergency_access_from_every_page_and_patients_do_not(world, client):
    client.force_login(world.bob)
    assert reverse("audit:break_glass") in client.get(reverse("alerts:inbox")).content.decode()
    client.force_login(world.patient)
    assert reverse("audit:break_glass") not in client.get(reverse("diaries:today")).content.decode()
