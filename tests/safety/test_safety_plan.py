from django.urls import reverse

from apps.safety.models import SafetyPlan
from apps.safety.safety_plans import safety_plan_update


def test_the_patient_writes_a_safety_plan_and_the_crisis_page_shows_it(world, client):
    client.force_login(world.patient)
    response = client.post(
        reverse("diaries:safety_plan"),
        {"warning_signs": "Not sleeping, pulling away from friends", "trusted_person": "Sam"},
    )
    assert response.status_code == 302
    page = client.get(reverse("diaries:crisis")).text
    assert "My safety plan" in page
    assert "Not sleeping, pulling away from friends" in page
    assert "988" in page  # the crisis lines stay


def test_an_empty_plan_is_not_shown_on_the_crisis_page(world, client):
    client.force_login(world.patient)
    assert "My safety plan" not in client.get(reverse("diaries:crisis")).text


def test_the_clinician_edits_the_plan_with_the_patient(world, client):
    client.force_login(world.alice)
    url = reverse("dashboards:safety_plan", args=[world.patient.pk])
    client.post(url, {"professionals": "Dr Alice, 555-0100; 988"})
    assert SafetyPlan.objects.get(patient=world.patient).updated_by == world.alice


def test_another_patients_plan_never_shows(world, client):
    safety_plan_update(
        patient=world.other_patient, data={"warning_signs": "QUINN-ONLY"}, by=world.other_patient
    )
    client.force_login(world.patient)
    assert "QUINN-ONLY" not in client.get(reverse("diaries:crisis")).text
    assert "QUINN-ONLY" not in client.get(reverse("diaries:safety_plan")).text


def test_an_oversized_section_gets_a_clear_error(world, client):
    client.force_login(world.patient)
    response = client.post(reverse("diaries:safety_plan"), {"warning_signs": "x" * 5001})
    assert response.status_code == 200
    assert "at most 5000 characters" in response.text
    assert not SafetyPlan.objects.exists()
