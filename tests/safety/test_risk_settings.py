from django.urls import reverse

from apps.alerts.models import Alert
from apps.diaries.services import checkin_submit
from apps.safety.models import RiskSettings
from tests.conftest import reauthenticate


def test_the_clinician_sets_a_patients_own_threshold_and_it_is_used(world, client):
    client.force_login(world.alice)
    reauthenticate(client)  # thresholds are a sensitive change
    response = client.post(
        reverse("dashboards:risk_settings", args=[world.patient.pk]),
        {"very_low_mood__threshold": "4", "reason": "Rates low even when well; talked it over"},
    )
    assert response.status_code == 302
    assert RiskSettings.objects.get(patient=world.patient).overrides == {
        "very_low_mood": {"threshold": 4}
    }
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=4, journal="")
    assert Alert.objects.filter(patient=world.patient, rule="very_low_mood").exists()


def test_other_patients_keep_the_clinic_default(world):
    checkin_submit(patient=world.other_patient, clinic=world.clinic, mood=4, journal="")
    assert not Alert.objects.exists()


def test_an_out_of_range_threshold_gets_a_helpful_error(world, client):
    client.force_login(world.alice)
    reauthenticate(client)  # thresholds are a sensitive change
    response = client.post(
        reverse("dashboards:risk_settings", args=[world.patient.pk]),
        {"very_low_mood__threshold": "12"},
    )
    assert response.status_code == 200
    assert "less than or equal to 9" in response.text
    assert not RiskSettings.objects.exists()


def test_a_single_low_day_after_a_good_month_alerts_through_the_series(world):
    from datetime import timedelta

    from apps.diaries.models import CheckIn
    from apps.diaries.services import today_for

    today = today_for(clinic=world.clinic)
    for days_ago in range(3, 20):
        CheckIn.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=days_ago),
            mood=8,
        )
    CheckIn.objects.create(
        patient=world.patient, clinic=world.clinic, local_date=today - timedelta(days=2), mood=4
    )
    CheckIn.objects.create(
        patient=world.patient, clinic=world.clinic, local_date=today - timedelta(days=1), mood=4
    )
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=4, journal="")
    assert [f.rule for f in result.findings] == ["baseline_drop"]
    assert not result.is_crisis
