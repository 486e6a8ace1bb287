"""The clinic's own alert thresholds, bounded as safety.risk allows, under
each patient's own settings; and clinical writes keep their history."""

from django.urls import reverse

from apps.audit.models import ChangeRecord
from apps.diaries.services import checkin_submit
from apps.safety.risk import risk_settings_update
from apps.safety.safety_plans import safety_plan_update


def rules_raised(world, mood):
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=mood, journal="")
    return {alert.rule for alert in result.alerts}


def test_a_clinic_default_applies_to_its_patients_and_a_patients_own_setting_wins(world, client):
    client.force_login(world.admin)
    response = client.post(reverse("console:risk_defaults"), {"very_low_mood__threshold": 4})
    assert response.status_code == 302
    world.clinic.refresh_from_db()
    assert world.clinic.risk_defaults == {"very_low_mood": {"threshold": 4}}
    assert "very_low_mood" in rules_raised(world, mood=4)


def test_the_patients_own_threshold_overrides_the_clinics(world):
    world.clinic.risk_defaults = {"very_low_mood": {"threshold": 4}}
    world.clinic.save()
    risk_settings_update(
        patient=world.patient,
        overrides={"very_low_mood": {"threshold": 1}},
        reason="Mood runs low at baseline.",
        by=world.alice,
    )
    assert "very_low_mood" not in rules_raised(world, mood=4)


def test_a_threshold_outside_the_allowed_range_is_refused(world, client):
    client.force_login(world.admin)
    response = client.post(reverse("console:risk_defaults"), {"very_low_mood__threshold": 10})
    assert response.status_code == 200
    assert "very_low_mood__threshold" in response.context["form"].errors
    world.clinic.refresh_from_db()
    assert world.clinic.risk_defaults == {}


def test_risk_settings_and_safety_plan_changes_keep_who_and_what(world):
    risk_settings_update(
        patient=world.patient,
        overrides={"very_low_mood": {"threshold": 3}},
        reason="Discussed in session.",
        by=world.alice,
    )
    safety_plan_update(
        patient=world.patient, data={"warning_signs": "Not sleeping"}, by=world.alice
    )
    risk, plan = ChangeRecord.objects.filter(patient=world.patient).order_by("pk")
    assert (risk.actor, risk.record, risk.changes["after"]) == (
        world.alice,
        "risk_settings",
        {"very_low_mood": {"threshold": 3}},
    )
    assert plan.record == "safety_plan" and plan.changes == {"sections": ["warning_signs"]}
    assert "Not sleeping" not in str(plan.changes)  # the words stay encrypted in the plan


def test_the_patients_threshold_page_shows_what_an_empty_box_means_at_this_clinic(world, client):
    world.clinic.risk_defaults = {"very_low_mood": {"threshold": 4}}
    world.clinic.save()
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:risk_settings", args=[world.patient.pk])).text
    assert "clinic default: 4" in page
    assert "the clinic may have set its own" not in page
