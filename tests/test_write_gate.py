"""Who may change a patient's record (issue 21, class 1): the one write gate,
apps/clinics/access.py write_required. Reading is wider: the clinic admin,
on-call cover and a clinician who opened the record with break-glass all read
these pages; only the patient's care team writes. Everyone else's POST gets the
404 an outsider gets, and nothing changes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.clinics import access
from apps.clinics.models import OnCallShift
from apps.dashboards.models import Export, Session
from apps.diaries.models import QuestionnaireSchedule
from apps.safety.models import HealthProfile, RiskSettings, SafetyPlan
from tests.conftest import reauthenticate

WRITES = {
    "dashboards:safety_plan": {"warning_signs": "Not sleeping", "coping": "Walk"},
    "dashboards:health_profile": {"conditions": "asthma", "medications": "lithium"},
    "dashboards:risk_settings": {"very_low_mood__threshold": "0", "reason": "quiet please"},
    "dashboards:questionnaires": {
        "instrument": "phq9",
        "every": "2",
        "unit": "weeks",
        "starts_on": "2026-12-04",
        "is_active": "on",
    },
    "dashboards:sessions": {"date": "2026-12-01", "notes": "Talked about sleep."},
    "dashboards:exports": {"format": "csv", "first": "2026-11-01", "last": "2026-11-02"},
    "protocols:assign": {},
}
NOTHING_WRITTEN = [HealthProfile, RiskSettings, QuestionnaireSchedule, Session, Export]


def on_call(world):
    """Bob covers Alice's patients now."""
    now = timezone.now()
    OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.alice,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=8),
    )
    return world.bob


def break_glass(world):
    """Bob opens the record in an emergency."""
    access.break_glass_open(user=world.bob, patient_id=world.patient.pk, reason="Found at night")
    return world.bob


READERS = {"admin": lambda w: w.admin, "on-call": on_call, "break-glass": break_glass}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", WRITES)
def test_those_who_may_read_but_are_not_the_care_team_cannot_write(world, client, reader, name):
    person = READERS[reader](world)
    client.force_login(person)
    reauthenticate(client)  # some of these changes ask for the password first
    url = reverse(name, args=[world.patient.pk])
    if name != "protocols:assign":
        page = client.get(url)
        assert page.status_code == 200, "they may read it"
        assert "Only the care team of" in page.content.decode()
    assert client.post(url, WRITES[name]).status_code == 404
    for model in NOTHING_WRITTEN:
        assert not model.objects.exists(), model.__name__
    plan = SafetyPlan.objects.filter(patient=world.patient).first()
    assert plan is None or plan.is_empty


@pytest.mark.parametrize("name", [n for n in WRITES if n != "protocols:assign"])
def test_the_care_team_writes_and_sees_no_read_only_note(world, client, name):
    client.force_login(world.alice)
    reauthenticate(client)
    url = reverse(name, args=[world.patient.pk])
    assert "Only the care team of" not in client.get(url).content.decode()
    assert client.post(url, WRITES[name]).status_code in (200, 302)


def test_the_gate_is_the_care_team_in_the_patients_clinic(world):
    assert access.is_care_team(world.alice, world.patient)
    for person in (world.bob, world.admin, world.charlie, world.patient, world.other_patient):
        assert not access.is_care_team(person, world.patient)
