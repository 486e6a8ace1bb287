"""Every URL that takes an object id answers 404 when the id belongs to
another clinic, for every person of this clinic."""

import re

import pytest

from apps.clinics.models import CareTeam, Role
from apps.diaries.services import checkin_submit
from tests.conftest import make_member
from tests.test_access_matrix import ALL_PATTERNS, MATRIX, concrete_path

ID_PARAMETERS = {"patient_id", "alert_id"}
WITH_IDS = [
    (key, route, name)
    for key, route, name in ALL_PATTERNS
    if key in MATRIX and ID_PARAMETERS & set(re.findall(r"<(?:\w+:)?(\w+)>", route))
]


def test_there_are_urls_with_ids_to_check():
    assert len(WITH_IDS) >= 5


@pytest.mark.parametrize(("key", "route", "name"), WITH_IDS, ids=[p[0] for p in WITH_IDS])
def test_another_clinics_id_gives_404_to_everyone_here(key, route, name, world, client):
    birch_patient = make_member(world.other_clinic, "bea@birch.test", Role.PATIENT, "Bea Birch")
    CareTeam.objects.create(
        clinic=world.other_clinic, patient=birch_patient, clinician=world.charlie, is_primary=True
    )
    birch_alert = checkin_submit(
        patient=birch_patient, clinic=world.other_clinic, mood=4, journal="I want to die."
    ).alerts[0]
    path = concrete_path(route, name, {"patient_id": birch_patient.pk, "alert_id": birch_alert.pk})
    row = MATRIX[key]
    wrong = []
    for person in (world.patient, world.alice, world.bob, world.admin):
        client.force_login(person)
        response = getattr(client, row.method)(path, row.data)
        if response.status_code != 404:
            wrong.append(f"{person.email}: {response.status_code}")
    # Charlie, whose patient it is, gets in: the 404s above are about the clinic.
    client.force_login(world.charlie)
    assert getattr(client, row.method)(path, row.data).status_code != 404
    assert not wrong, f"{row.method.upper()} {path}: " + ", ".join(wrong)
