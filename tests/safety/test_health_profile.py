import pytest
from django.urls import reverse

from apps.audit.models import AccessEvent
from apps.safety.models import HealthProfile, HealthProfileChange, ScreeningRun
from apps.safety.screening import health_profile_update, latest_screening

INTAKE = {
    "conditions": "Bipolar II disorder\nasthma",
    "medications": "Nardil 15 mg\nvitamin D",
    "allergies": "",
    "family_history": "",
    "pregnant": "no",
    "breastfeeding": "",
    "recent_trauma_months": "",
    "has_therapist": "yes",
    "housing_stable": "yes",
    "support_person": "Sam (sister), 555-0199",
}


def test_the_patient_fills_the_intake_form_and_it_is_screened(world, client):
    client.force_login(world.patient)
    response = client.post(reverse("diaries:health_profile"), INTAKE)
    assert response.status_code == 302
    profile = HealthProfile.objects.get(patient=world.patient)
    assert profile.conditions == ["Bipolar II disorder", "asthma"]
    assert profile.pregnant is False and profile.breastfeeding is None
    screening = latest_screening(patient=world.patient)
    assert screening.eligible is False
    matched = {flag["matched"] for flag in screening.absolute_flags}
    assert {"Bipolar II disorder", "Nardil 15 mg"} <= matched


def test_unanswered_questions_raise_no_flag(world):
    health_profile_update(patient=world.patient, clinic=world.clinic, data={}, by=world.patient)
    health_profile_update(
        patient=world.patient,
        clinic=world.clinic,
        data={"conditions": ["asthma"]},
        by=world.patient,
    )
    assert latest_screening(patient=world.patient).flags == []


def test_every_change_is_kept_with_who_and_what(world):
    health_profile_update(
        patient=world.patient,
        clinic=world.clinic,
        data={"medications": ["sertraline 50 mg"]},
        by=world.patient,
    )
    health_profile_update(
        patient=world.patient,
        clinic=world.clinic,
        data={"medications": ["sertraline 100 mg"]},
        by=world.alice,
    )
    latest, first = HealthProfileChange.objects.filter(profile__patient=world.patient)
    assert latest.changed_by == world.alice
    assert latest.changes == {
        "medications": {"before": ["sertraline 50 mg"], "after": ["sertraline 100 mg"]}
    }
    assert first.changed_by == world.patient


def test_saving_without_a_change_records_nothing_and_does_not_rescreen(world):
    data = {"medications": ["lithium 300 mg"]}
    health_profile_update(patient=world.patient, clinic=world.clinic, data=data, by=world.alice)
    health_profile_update(patient=world.patient, clinic=world.clinic, data=data, by=world.alice)
    assert HealthProfileChange.objects.count() == 1
    assert ScreeningRun.objects.count() == 1


def test_the_clinician_edits_the_profile_sees_the_flags_and_the_history(world, client):
    client.force_login(world.alice)
    url = reverse("dashboards:health_profile", args=[world.patient.pk])
    response = client.post(url, INTAKE | {"medications": "lithum 300mg"})
    assert response.status_code == 302
    page = client.get(url).text
    assert "Must not be assigned" in page
    assert "lithum 300mg" in page
    assert "Alice Clinician" in page  # the change history names who
    assert AccessEvent.objects.filter(actor=world.alice, action="view_health_profile").exists()


def test_flags_show_on_the_patient_page(world, client):
    health_profile_update(
        patient=world.patient, clinic=world.clinic, data={"pregnant": True}, by=world.patient
    )
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert "Must not be assigned" in page and "psilocybin" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("recent_trauma_months", "-1", "greater than or equal to 0"),
        ("recent_trauma_months", "soon", "Enter a whole number"),
        ("pregnant", "maybe", "Select a valid choice"),
        ("medications", "x" * 201, "at most 200 characters"),
        ("conditions", "\n".join(["a"] * 51), "at most 50 items"),
    ],
)
def test_bad_input_gets_a_helpful_error_and_saves_nothing(world, client, field, value, message):
    client.force_login(world.patient)
    response = client.post(reverse("diaries:health_profile"), INTAKE | {field: value})
    assert response.status_code == 200
    assert message in response.text
    assert not HealthProfile.objects.exists()


def test_markup_in_the_profile_is_shown_as_text(world, client):
    health_profile_update(
        patient=world.patient,
        clinic=world.clinic,
        data={"conditions": ["<script>alert(1)</script>"]},
        by=world.patient,
    )
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:health_profile", args=[world.patient.pk])).text
    assert "<script>alert(1)</script>" not in page


def test_a_new_patient_is_asked_for_their_health_profile_until_they_give_it(world, client):
    client.force_login(world.patient)
    assert "tell us about your health" in client.get(reverse("diaries:today")).text
    client.post(reverse("diaries:health_profile"), INTAKE)
    assert "tell us about your health" not in client.get(reverse("diaries:today")).text


def test_the_change_history_reads_as_words_not_field_names_or_lists(world, client):
    client.force_login(world.alice)
    url = reverse("dashboards:health_profile", args=[world.patient.pk])
    client.post(url, INTAKE | {"allergies": "seasonal allergies", "has_therapist": "yes"})
    page = client.get(url).text
    assert "Allergies: none → seasonal allergies" in page
    assert "Has a regular therapist: not answered → yes" in page
    for code in ("has_therapist", "[&#x27;", "['", "True", "None"):
        assert code not in page.split('id="history-heading"')[1], code


def test_threshold_forms_name_each_number_in_a_clinicians_words(world, client):
    client.force_login(world.alice)
    patient_page = client.get(reverse("dashboards:risk_settings", args=[world.patient.pk])).text
    client.force_login(world.admin)
    clinic_page = client.get(reverse("console:risk_defaults")).text
    for page in (patient_page, clinic_page):
        assert "PHQ-9 worsening: alert when the score rises by this many points" in page
        assert "Phq9" not in page and "phq9 worsening" not in page


@pytest.mark.parametrize("line", ["lithium\x00", "lith\u202eium", "\u200b"])
def test_a_list_line_with_a_nul_or_control_character_is_refused_not_a_500(world, client, line):
    client.force_login(world.patient)
    response = client.post(reverse("diaries:health_profile"), INTAKE | {"medications": line})
    assert response.status_code == 200
    assert "One of the lines" in response.content.decode()
    assert not HealthProfile.objects.filter(patient=world.patient).exists()
