import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.audit.models import AccessEvent
from apps.clinics.models import CareTeam, Role
from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit
from tests.conftest import make_member


def add_patients(world, count):
    for number in range(count):
        patient = make_member(
            world.clinic, f"p{number}-{count}@maple.test", Role.PATIENT, f"Patient {number}"
        )
        CareTeam.objects.create(
            clinic=world.clinic, patient=patient, clinician=world.alice, is_primary=True
        )
        CheckIn.objects.create(
            patient=patient, clinic=world.clinic, local_date="2026-11-01", mood=number % 11
        )
        if number % 3 == 0:
            checkin_submit(patient=patient, clinic=world.clinic, mood=1, journal="")


def caseload_queries(client, world):
    client.force_login(world.alice)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboards:caseload"))
    assert response.status_code == 200
    return len(captured)


def test_the_caseload_takes_the_same_number_of_queries_for_5_and_50_patients(world, client):
    add_patients(world, 5)
    small = caseload_queries(client, world)
    add_patients(world, 45)
    large = caseload_queries(client, world)
    assert small == large


def test_the_caseload_query_count_is_pinned(world, client, django_assert_num_queries):
    add_patients(world, 12)
    client.force_login(world.alice)
    # session, user, clinician check, staff clinic (for its today), caseload,
    # 30 days of moods, open plans, open alerts; then for the navigation:
    # roles, unread alerts, undeliverable alerts. (With plans, their items,
    # components and pauses come in three more, however many plans.)
    with django_assert_num_queries(11):
        client.get(reverse("dashboards:caseload"))


def test_the_caseload_lists_only_linked_patients_with_latest_mood_and_open_alerts(
    world, client, crisis_alert
):
    CheckIn.objects.create(
        patient=world.other_patient, clinic=world.clinic, local_date="2026-11-02", mood=8
    )
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    assert "Pat Patient" in page
    assert "Quinn Other" not in page
    assert "Crisis language in the journal" in page


def test_viewing_a_patient_records_an_access_event(world, client, crisis_alert):
    client.force_login(world.alice)
    client.get(reverse("dashboards:patient", args=[world.patient.pk]))
    event = AccessEvent.objects.get()
    assert (event.actor, event.patient, event.action) == (
        world.alice,
        world.patient,
        "view_patient",
    )


def test_an_outsider_gets_404_and_leaves_no_access_event(world, client, crisis_alert):
    client.force_login(world.charlie)
    assert client.get(reverse("dashboards:patient", args=[world.patient.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_the_matched_words_are_highlighted_in_the_journal(world, client, crisis_alert):
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert '<mark title="suicidal">kill myself</mark>' in page


@pytest.mark.parametrize("role", ["patient", "bob", "charlie"])
def test_nobody_else_sees_the_patient_page(world, client, role):
    client.force_login(world.by_role(role))
    assert client.get(reverse("dashboards:patient", args=[world.patient.pk])).status_code == 404


def test_the_caseload_shows_each_patients_screening_flags(world, client):
    from apps.safety.screening import health_profile_update

    health_profile_update(
        patient=world.patient, clinic=world.clinic, data={"pregnant": True}, by=world.patient
    )
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    assert "1 must not" in page
