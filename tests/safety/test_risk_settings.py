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


# ------------------------------------------------- the clinic default under each box


def help_texts(form):
    return {key: form.fields[key].help_text for key in form.fields if "__" in key}


def test_each_box_shows_the_clinics_own_default_where_it_set_one(world):
    from apps.safety.forms import RiskSettingsForm
    from apps.safety.risk import ADJUSTABLE, clinic_defaults_for

    world.clinic.risk_defaults = {
        "very_low_mood": {"threshold": 4},
        "gad7_severe": {"threshold": 12},
    }
    world.clinic.save()
    form = RiskSettingsForm(current={}, clinic_defaults=clinic_defaults_for(patient=world.patient))
    texts = help_texts(form)
    assert texts["very_low_mood__threshold"] == "clinic default: 4"
    assert texts["gad7_severe__threshold"] == "clinic default: 12"
    assert set(texts) == {f"{r}__{n}" for r, ps in ADJUSTABLE.items() for n in ps}


def test_a_box_the_clinic_left_alone_shows_the_built_in_default(world):
    from apps.safety.forms import RiskSettingsForm
    from apps.safety.risk import clinic_defaults_for, params

    world.clinic.risk_defaults = {"very_low_mood": {"threshold": 4}}
    world.clinic.save()
    form = RiskSettingsForm(current={}, clinic_defaults=clinic_defaults_for(patient=world.patient))
    texts = help_texts(form)
    built_in = params("sustained_low")["count"]
    assert texts["sustained_low__count"] == (
        f"clinic default: {built_in} (built-in; the clinic has not set its own)"
    )
    # A clinic with no defaults at all: every box says built-in.
    bare = help_texts(RiskSettingsForm(current={}, clinic_defaults={}))
    assert all("(built-in;" in text for text in bare.values())
    assert bare["very_low_mood__threshold"].startswith(
        f"clinic default: {params('very_low_mood')['threshold']} "
    )


def test_without_the_clinics_defaults_the_form_claims_nothing_about_them(world):
    from apps.safety.forms import RiskSettingsForm
    from apps.safety.risk import params

    texts = help_texts(RiskSettingsForm(current={}))
    assert texts["very_low_mood__threshold"] == (
        f"built-in default: {params('very_low_mood')['threshold']} "
        "(the clinic may have set its own)"
    )


def test_the_default_shown_is_the_one_the_rules_use_and_the_patients_own_value_stays(world):
    from apps.safety.forms import RiskSettingsForm
    from apps.safety.risk import clinic_defaults_for, effective_overrides_for

    world.clinic.risk_defaults = {"very_low_mood": {"threshold": 4}}
    world.clinic.save()
    form = RiskSettingsForm(
        current={"very_low_mood": {"threshold": 2}},
        clinic_defaults=clinic_defaults_for(patient=world.patient),
    )
    assert form.fields["very_low_mood__threshold"].initial == 2
    assert form.fields["very_low_mood__threshold"].help_text == "clinic default: 4"
    assert effective_overrides_for(patient=world.patient)["very_low_mood"]["threshold"] == 4
