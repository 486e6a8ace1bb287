"""Every page that shows a patient's data to someone writes an AccessEvent."""

import pytest

from apps.audit.models import AccessEvent
from tests.test_access_matrix import ALL_PATTERNS, concrete_path

# Routes that take a patient or an alert but only act (POST) and show nothing:
# a GET is refused or sent to the page that shows it (which records its own).
ACTIONS_ONLY = {
    "alerts:acknowledge",
    "alerts:resolve",
    "alerts:label",
    "alerts:record_action",
    "crisis_examples:missed",
    "protocols:change",
    "protocols:pause",
    "protocols:resume",
    "protocols:end",
    "protocols:review",
    "trials:unblind",
}

# Routes that take a patient or an alert: the patient's data, by definition.
PATIENT_ROUTES = [
    (key, route, name)
    for key, route, name in ALL_PATTERNS
    if ("<int:patient_id>" in route or "<int:alert_id>" in route)
    and not route.startswith("django-admin/")
]
PATIENT_DATA = [p for p in PATIENT_ROUTES if p[2] not in ACTIONS_ONLY]
ACTIONS = [p for p in PATIENT_ROUTES if p[2] in ACTIONS_ONLY]


def test_every_action_only_route_is_still_a_route():
    assert {name for _key, _route, name in ACTIONS} == ACTIONS_ONLY


def test_the_walk_finds_the_patient_pages():
    names = {name for _key, _route, name in PATIENT_DATA}
    assert {"dashboards:patient", "alerts:detail", "protocols:plan"} <= names


@pytest.mark.parametrize(("key", "route", "name"), PATIENT_DATA, ids=[p[0] for p in PATIENT_DATA])
def test_a_get_of_patient_data_writes_an_access_event(
    key, route, name, world, crisis_alert, client
):
    path = concrete_path(route, name, {"patient_id": world.patient.pk, "alert_id": crisis_alert.pk})
    # Alice (the patient's clinician) for clinical pages, the admin for the console.
    viewer = world.admin if name.startswith("console:") else world.alice
    client.force_login(viewer)
    before = AccessEvent.objects.count()
    response = client.get(path)
    assert response.status_code == 200
    events = AccessEvent.objects.order_by("-pk")[: AccessEvent.objects.count() - before]
    assert [(e.actor, e.patient) for e in events] == [(viewer, world.patient)], (
        f"GET {path} showed the patient's data without writing an AccessEvent"
    )


@pytest.mark.parametrize(("key", "route", "name"), ACTIONS, ids=[p[0] for p in ACTIONS])
def test_a_get_of_an_action_shows_nothing_and_records_nothing(
    key, route, name, world, crisis_alert, client
):
    path = concrete_path(route, name, {"patient_id": world.patient.pk, "alert_id": crisis_alert.pk})
    client.force_login(world.alice)
    before = AccessEvent.objects.count()
    response = client.get(path)
    assert response.status_code in (302, 405)
    assert "Pat Patient" not in response.content.decode()
    assert AccessEvent.objects.count() == before
